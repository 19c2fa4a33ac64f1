"""Regular grammar of Japanese date expressions, as data (tables + one compiled pattern per rule).

Used by :mod:`kizashi.time.dates`; kept separate so the grammar can be read without the resolver.
Text is expected NFKC-normalised.
"""
from __future__ import annotations

import re

#: Era name -> Gregorian year of its first (元) year.
ERAS: dict[str, int] = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}

#: Relative year words -> (offset in years, base). Base "pub" = document date, "anchor" = last
#: explicit date in the text.
YEAR_WORDS: dict[str, tuple[int, str]] = {
    "一昨年": (-2, "pub"), "おととし": (-2, "pub"), "再来年": (2, "pub"),
    "今年": (0, "pub"), "本年": (0, "pub"), "ことし": (0, "pub"),
    "昨年": (-1, "pub"), "去年": (-1, "pub"), "来年": (1, "pub"),
    "同年": (0, "anchor"), "当年": (0, "anchor"), "前年": (-1, "anchor"), "翌年": (1, "anchor"),
}
MONTH_WORDS: dict[str, tuple[int, str]] = {
    "先々月": (-2, "pub"), "再来月": (2, "pub"),
    "今月": (0, "pub"), "本月": (0, "pub"), "先月": (-1, "pub"), "来月": (1, "pub"),
    "同月": (0, "anchor"), "前月": (-1, "anchor"), "翌月": (1, "anchor"),
}
DAY_WORDS: dict[str, tuple[int, str]] = {
    "一昨日": (-2, "pub"), "おととい": (-2, "pub"), "明後日": (2, "pub"), "あさって": (2, "pub"),
    "今日": (0, "pub"), "きょう": (0, "pub"), "本日": (0, "pub"),
    "昨日": (-1, "pub"), "きのう": (-1, "pub"),
    "明日": (1, "pub"), "あす": (1, "pub"), "あした": (1, "pub"),
    "同日": (0, "anchor"), "当日": (0, "anchor"), "前日": (-1, "anchor"), "翌日": (1, "anchor"),
    "翌々日": (2, "anchor"),
}
#: Standalone year-part words ("年末までに"): resolved to the anchor year, year precision.
YEAR_PART_WORDS: tuple[str, ...] = ("年初め", "年初", "年始", "年明け", "年末", "年内", "年央")
SEASONS: tuple[str, ...] = ("春", "夏", "秋", "冬")
#: Modifiers after a year (year precision) and after a month (month precision).
YEAR_MODS: tuple[str, ...] = ("初め", "初頭", "始め", "明け", "初", "末", "前半", "後半", "半ば", "中")
MONTH_MODS: tuple[str, ...] = ("上旬", "中旬", "下旬", "初旬", "初め", "始め", "初", "末", "半ば", "中")


def _alt(words) -> str:
    """Regex alternation, longest first; hiragana words may not continue a hiragana word."""
    ws = sorted(words, key=len, reverse=True)
    return "|".join(("(?<![ぁ-ゖ])" if re.match("[ぁ-ゖ]", w) else "") + re.escape(w) for w in ws)


_KANJI = "〇一二三四五六七八九十百千"
# A number: 1-4 ASCII digits or a run of kanji numerals, not glued to another numeral.
NUM = rf"(?<![0-9.,{_KANJI}万億兆])(?:[0-9]{{1,4}}|[{_KANJI}]{{1,7}})(?![0-9])"

# Things after "N年" that make it a duration / count, not a year.
_NOT_YEAR_AFTER = (r"代|間|ぶり|振り|近く|余り|余|あまり|以上|未満|超|目|にわた|連続|半(?!ば)|来|"
                   r"前(?!半)|後(?!半)|ほど|程|足らず|弱|強|分")
_NOT_MONTH_AFTER = r"間|ぶり|振り|近く|以上|未満|目|前(?!半)|後(?!半)|分|余"
_NOT_DAY_AFTER = r"間|ぶり|振り|前|後|目|連続|以上|未満|余り|近く|分"

YEAR = (rf"(?:(?P<era>{_alt(ERAS)})(?P<eran>元|{NUM})年"
        rf"|(?P<y>{NUM})年(?!{_NOT_YEAR_AFTER})"
        rf"|(?P<yrel>{_alt(YEAR_WORDS)}))")
MONTH = (rf"(?:(?P<m>{NUM})月(?!{_NOT_MONTH_AFTER})"
         rf"|(?P<mrel>{_alt(MONTH_WORDS)}))")
DAY = (rf"(?:(?P<d>{NUM})日(?!{_NOT_DAY_AFTER})"
       rf"|(?P<drel>{_alt(DAY_WORDS)}))")
WEEKDAY = r"(?:\s?\((?:[月火水木金土日]|祝|休)(?:曜日?)?\)|\s?[月火水木金土日]曜日?)"
CLOCK = (r"(?:\s?(?:午前|午後|未明|早朝|朝|昼|夕方|夕|夜|深夜)?"
         r"(?:[0-9]{1,2}時(?:[0-9]{1,2}分|半)?|[0-9]{1,2}:[0-9]{2})?(?:ごろ|頃)?)")
ENTER = r"(?P<enter>に入って(?:から)?|に入り|に入ると|に入った)"

#: Compound date: [year [度|season|year-mod]] [month [month-mod]] [day] [weekday] [time] [に入って].
DATE = re.compile(
    rf"(?:{YEAR}(?:(?P<fy>度)|(?P<season>{_alt(SEASONS)})(?:季)?|(?P<ymod>{_alt(YEAR_MODS)}))?)?"
    rf"(?:{MONTH}(?P<mmod>{_alt(MONTH_MODS)})?)?"
    rf"(?:{DAY})?"
    rf"(?:{WEEKDAY})?{CLOCK}{ENTER}?"
)

#: Decades: 2020年代, 90年代, 1990年代前半.
DECADE = re.compile(rf"(?:(?P<era>{_alt(ERAS)}))?(?P<n>{NUM})年代(?:前半|後半|半ば|初め|初頭|末)?")

_DUR_UNIT = r"(?:年|か月|カ月|ヶ月|ケ月|ヵ月|箇月|カ年|週|日|時間)"
_DUR_NUM = rf"(?:{NUM}|数|十数|数十|[0-9]+\.[0-9]+)"
#: Durations: 24年ぶり, 3年間, 20年近く, 1年半, 過去1年, ここ数年.
DURATION = re.compile(
    rf"(?:(?:過去|ここ|この|約|およそ|最長|最大)\s?{_DUR_NUM}{_DUR_UNIT}(?:間|半)?"
    rf"(?:ぶり|振り|近く|余り|あまり|以上|超|以内)?)"
    rf"|(?:{_DUR_NUM}{_DUR_UNIT}(?:半)?(?:間|ぶり|振り|近く|余り|あまり|以上|超|以内|足らず|弱|強)"
    rf"(?:ぶり|振り|近く|余り|あまり|以上|超|以内)?)"
    rf"|(?:{_DUR_NUM}年半)"
    rf"|(?:{_DUR_NUM}{_DUR_UNIT}(?=にわた|連続))"
)

#: "N年前" / "Nか月後" / "N日前": relative to the anchor, precision of the unit.
AGO = re.compile(
    rf"(?P<n>{NUM}|数)(?P<u>年|か月|カ月|ヶ月|ケ月|ヵ月|週間|日)(?P<dir>前|後)(?!半)"
)

MONTH_PART_WORDS: tuple[str, ...] = ("上旬", "中旬", "下旬", "月末", "月初め", "月初", "月半ば")
#: Standalone month parts (同じ月の下旬): the anchor month, month precision.
MONTH_PART = re.compile(rf"(?<![0-9{_KANJI}月同今先来前翌])(?P<mp>{_alt(MONTH_PART_WORDS)})")

#: Standalone year parts: 年末, 年初.
YEAR_PART = re.compile(rf"(?<![0-9{_KANJI}年])(?P<yp>{_alt(YEAR_PART_WORDS)})")

#: Numeric calendar dates: 2024/06/20, 2024-06-20, 2024.6.20.
SLASHED = re.compile(
    r"(?<![0-9])(?P<y>[12][0-9]{3})(?P<sep>[/\-.])(?P<m>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])(?![0-9])"
    + CLOCK
)
