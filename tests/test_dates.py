"""Date finding and resolution (spec section 5). Sentences are written for these tests."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizashi.time.dates import (DateMention, DateResolver, PartialDate, find_dateline,
                                parse_iso_partial)

PUB = datetime.date(2024, 6, 20)

# (sentence, [(mention text, value, kind)]) with the document date PUB and no earlier sentence.
CASES: list[tuple[str, list[tuple[str, str | None, str]]]] = [
    ("政府は2024年6月19日に声明を出した。", [("2024年6月19日", "2024-06-19", "absolute")]),
    ("両国は2024年6月に協議を始めた。", [("2024年6月", "2024-06", "absolute")]),
    ("2023年には演習が増えた。", [("2023年", "2023", "absolute")]),
    ("首脳は5月3日に電話で話した。", [("5月3日", "2024-05-03", "absolute")]),
    ("外相は18日、声明を発表した。", [("18日", "2024-06-18", "absolute")]),
    ("同年は選挙が続いた。", [("同年", "2024", "anaphoric")]),
    ("同月中に交渉が再開された。", [("同月中", "2024-06", "anaphoric")]),
    ("同日夜、部隊が移動した。", [("同日夜", "2024-06-20", "anaphoric")]),
    ("同月末に期限を迎える。", [("同月末", "2024-06", "anaphoric")]),
    ("同年12月に条約を結んだ。", [("同年12月", "2024-12", "anaphoric")]),
    ("今月9日に会談が開かれた。", [("今月9日", "2024-06-09", "relative")]),
    ("今年は経済協力が進んだ。", [("今年", "2024", "relative")]),
    ("昨年と去年は同じ年を指す。", [("昨年", "2023", "relative"), ("去年", "2023", "relative")]),
    ("来年は首脳会談が予定される。", [("来年", "2025", "relative")]),
    ("一昨年に協定が失効した。", [("一昨年", "2022", "relative")]),
    ("先月と来月に協議がある。", [("先月", "2024-05", "relative"), ("来月", "2024-07", "relative")]),
    ("今月、代表団が訪れた。", [("今月", "2024-06", "relative")]),
    ("前年より輸出が伸びた。", [("前年", "2023", "anaphoric")]),
    ("翌年に軍が撤退した。", [("翌年", "2025", "anaphoric")]),
    ("翌月には制裁が発動された。", [("翌月", "2024-07", "anaphoric")]),
    ("翌日に停戦が発表された。", [("翌日", "2024-06-21", "anaphoric")]),
    ("前日に予告があった。", [("前日", "2024-06-19", "anaphoric")]),
    ("昨日、大使が呼ばれた。", [("昨日", "2024-06-19", "relative")]),
    ("きのう発射があった。", [("きのう", "2024-06-19", "relative")]),
    ("今日から協議が始まる。", [("今日", "2024-06-20", "relative")]),
    ("きょう会見が開かれる。", [("きょう", "2024-06-20", "relative")]),
    ("明日にも決議が採択される。", [("明日", "2024-06-21", "relative")]),
    ("来年春にも訪問する方針だ。", [("来年春", "2025", "season")]),
    ("今年夏に演習を行う。", [("今年夏", "2024", "season")]),
    ("2025年春に完成する見通しだ。", [("2025年春", "2025", "season")]),
    ("7月上旬に代表が集まる。", [("7月上旬", "2024-07", "absolute")]),
    ("3月中旬から交渉が続く。", [("3月中旬", "2024-03", "absolute")]),
    ("9月下旬に艦艇が入港した。", [("9月下旬", "2024-09", "absolute")]),
    ("10月末までに回答する。", [("10月末", "2024-10", "absolute")]),
    ("11月初めに選挙がある。", [("11月初め", "2024-11", "absolute")]),
    ("年初から年末まで緊張が続いた。", [("年初", "2024", "relative"), ("年末", "2024", "relative")]),
    ("2022年末に合意した。", [("2022年末", "2022", "absolute")]),
    ("令和6年に法律が改正された。", [("令和6年", "2024", "absolute")]),
    ("平成31年4月に新制度が始まった。", [("平成31年4月", "2019-04", "absolute")]),
    ("令和元年の秋に署名した。", [("令和元年", "2019", "absolute")]),
    ("2020年代に入り対立が深まった。", [("2020年代", None, "decade")]),
    ("90年代の危機を思い出させる。", [("90年代", None, "decade")]),
    ("1990年代前半に交渉が始まった。", [("1990年代前半", None, "decade")]),
    ("首相の訪問は24年ぶりとなる。", [("24年ぶり", None, "duration")]),
    ("3年間にわたって協議した。", [("3年間", None, "duration")]),
    ("20年近く続いた紛争だ。", [("20年近く", None, "duration")]),
    ("交渉は4年近く止まっている。", [("4年近く", None, "duration")]),
    ("過去1年で発射が増えた。", [("過去1年", None, "duration")]),
    ("2年前に協定を破棄した。", [("2年前", "2022", "relative")]),
    ("2025年に入ってから派遣が続いている。", [("2025年に入ってから", "2025", "absolute")]),
    ("2024年度の予算が成立した。", [("2024年度", "2024", "fiscal")]),
    ("二〇二四年六月十九日に調印した。", [("二〇二四年六月十九日", "2024-06-19", "absolute")]),
    ("六月十九日に首脳が会った。", [("六月十九日", "2024-06-19", "absolute")]),
    ("十二月に再び会合を開く。", [("十二月", "2024-12", "absolute")]),
    ("3月期の決算が発表された。", [("3月", "2024-03", "absolute")]),
    ("2024年6月19日(水)午後3時20分に発表された。",
     [("2024年6月19日(水)午後3時20分", "2024-06-19", "absolute")]),
    ("2024/06/18 10:05 更新", [("2024/06/18 10:05", "2024-06-18", "absolute")]),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:12] for c in CASES])
def test_rules(sentence: str, expected: list[tuple[str, str | None, str]]) -> None:
    found = DateResolver(PUB).find(sentence)
    assert [(m.text, m.value, m.kind) for m in found] == expected
    for m in found:
        assert sentence[m.start:m.end] == m.text


@pytest.mark.parametrize("sentence", [
    "兵士6000人が派遣された。",      # a quantity, not a date
    "北朝鮮は3年で軍を増強した。",   # "3年" alone is no year
    "三日で終わった。",               # kanji day alone is too ambiguous
    "KN-23を発射した。",
    "",
])
def test_not_dates(sentence: str) -> None:
    assert [m for m in DateResolver(PUB).find(sentence) if m.value is not None] == []


def test_decade_never_gives_a_year() -> None:
    for s in ("1990年代", "1990年代に", "平成の90年代", "2020年代半ば"):
        assert all(m.value is None for m in DateResolver(PUB).find(s))


def test_anchor_carried_across_sentences() -> None:
    r = DateResolver(PUB)
    sents = ["両国は2019年6月3日に協議を始めた。", "同年12月5日には合意文書がまとまった。",
             "同日、首脳が署名した。", "翌日に発効した。", "同月末に見直しが始まった。"]
    values = []
    offset = 0
    for s in sents:
        for m in r.find(s, base_offset=offset):
            values.append((m.value, m.kind, m.explicit))
        offset += len(s)
    assert values == [
        ("2019-06-03", "absolute", True),
        ("2019-12-05", "anaphoric", True),
        ("2019-12-05", "anaphoric", False),
        ("2019-12-06", "anaphoric", False),
        ("2019-12", "anaphoric", False),
    ]
    # deictic words still use the document date
    assert [m.value for m in r.find("昨年も同じだった。")] == ["2023"]


def test_anchor_month_precision_and_base_offset() -> None:
    r = DateResolver(PUB)
    (a,) = r.find("2024年6月に会談した。", base_offset=100)
    assert (a.start, a.end, a.value) == (100, 107, "2024-06")
    (b,) = r.find("同年12月に再会した。")
    (c,) = r.find("同日に共同声明が出た。")
    assert (b.value, c.value) == ("2024-12", "2024-12")
    assert r.anchor == PartialDate(2024, 12)
    assert r.anchor_iso() == "2024-12" == r.anchor.isoformat()


def test_no_published_date() -> None:
    r = DateResolver()
    assert [m.value for m in r.find("19日に発射した。")] == [None]
    assert [m.value for m in r.find("2024年6月19日に発射し、翌日も撃った。")] == ["2024-06-19",
                                                                             "2024-06-20"]


def test_partial_published() -> None:
    r = DateResolver(parse_iso_partial("2024-06"))
    assert [m.value for m in r.find("今月と昨日")] == ["2024-06", None]


@pytest.mark.parametrize("text,expected", [
    ("見出し\n2024年6月20日(木)11時39分\n本文。", datetime.date(2024, 6, 20)),
    ("2024/06/20 11:39\n本文", datetime.date(2024, 6, 20)),
    ("記事\n2024-06-20\n", datetime.date(2024, 6, 20)),
    ("【ソウル共同】2024年6月20日", datetime.date(2024, 6, 20)),
    ("令和6年6月20日", datetime.date(2024, 6, 20)),
    ("２０２４年６月２０日　更新", datetime.date(2024, 6, 20)),
    ("2024年6月20日、政府は追加の制裁を決めた。", None),
    ("政府は2024年6月20日に発表した。", None),
    ("\n" * 20 + "2024年6月20日", None),
    ("", None),
])
def test_find_dateline(text: str, expected: datetime.date | None) -> None:
    assert find_dateline(text) == expected


def test_parse_iso_partial() -> None:
    assert parse_iso_partial("2024-06-20") == datetime.date(2024, 6, 20)
    assert parse_iso_partial("2024-06") == PartialDate(2024, 6)
    assert parse_iso_partial("2024") == PartialDate(2024)
    for bad in ("2024-13", "June 2024", "2024-02-30", "", "24"):
        with pytest.raises(ValueError):
            parse_iso_partial(bad)


# -- properties -----------------------------------------------------------------------------
_DIG = "〇一二三四五六七八九"


def kanji_positional(n: int) -> str:
    """2024 -> 二〇二四."""
    return "".join(_DIG[int(c)] for c in str(n))


def kanji_numeral(n: int) -> str:
    """19 -> 十九, 2024 -> 二千二十四 (n < 10000)."""
    out = ""
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit)
        if q:
            out += ("" if q == 1 else _DIG[q]) + ch
    return out + (_DIG[n] if n else "")


_dates = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31))


@given(_dates, st.sampled_from(["arabic", "positional", "kanji"]), st.text(max_size=5),
       st.sampled_from(["に", "、", "の", "まで"]))
@settings(max_examples=300, deadline=None)
def test_roundtrip(d: datetime.date, style: str, prefix: str, suffix: str) -> None:
    if style == "arabic":
        s = f"{d.year}年{d.month}月{d.day}日"
    elif style == "positional":
        s = f"{kanji_positional(d.year)}年{kanji_numeral(d.month)}月{kanji_numeral(d.day)}日"
    else:
        s = f"{kanji_numeral(d.year)}年{kanji_numeral(d.month)}月{kanji_numeral(d.day)}日"
    prefix += "は"  # random text, then a particle so the number starts a new word
    text = f"{prefix}{s}{suffix}"
    found = [m for m in DateResolver(PUB).find(text) if m.text == s]
    assert found, (text, DateResolver(PUB).find(text))
    m = found[0]
    assert (m.start, m.end, m.value) == (len(prefix), len(prefix) + len(s), d.isoformat())


@given(st.text(max_size=60), st.one_of(st.none(), st.dates()), st.integers(0, 1000))
@settings(max_examples=300, deadline=None)
def test_random_text_never_raises(text: str, pub: datetime.date | None, off: int) -> None:
    r = DateResolver(pub)
    for m in r.find(text, base_offset=off):
        assert isinstance(m, DateMention)
        assert text[m.start - off:m.end - off] == m.text
    find_dateline(text)


_JA = st.text(alphabet="0123456789〇一二三四五六七八九十百年月日同今昨来前翌代度間ぶり春末上旬に入って()時分/-、。", max_size=40)


@given(_JA, st.one_of(st.none(), st.dates()))
@settings(max_examples=500, deadline=None)
def test_date_like_noise_never_raises(text: str, pub: datetime.date | None) -> None:
    r = DateResolver(pub)
    for s in (text, text[::-1]):
        for m in r.find(s):
            assert s[m.start:m.end] == m.text
            assert m.value is None or len(m.value) in (4, 7, 10)


def test_bare_day_after_a_bare_year_uses_the_publication_month():
    import datetime

    from kizashi.time.dates import DateResolver

    r = DateResolver(datetime.date(2024, 6, 20))
    r.find("冷戦期の1961年に両国は条約を結んだ。")
    got = r.find("日本政府は20日、懸念を表明した。")
    assert [d.value for d in got] == ["2024-06-20"]


def test_a_bare_day_is_the_story_month_unless_the_sentence_named_a_month():
    r = DateResolver(datetime.date(2025, 4, 28))
    r.find("ウクライナ軍は2024年8月に越境攻撃を始めた。")
    assert [m.value for m in r.find("露軍は26日、作戦の完了を報告した。")] == ["2025-04-26"]
    assert [m.value for m in r.find("同軍は2024年8月に侵入し、26日に撤退した。")] == ["2024-08", "2024-08-26"]


def test_a_deadline_is_no_anchor():
    r = DateResolver(datetime.date(2024, 3, 28))
    ms = r.find("任期を来年4月30日まで延長する。")
    assert [(m.value, m.kind, m.explicit) for m in ms] == [("2025-04-30", "until", False)]
    assert r.anchor_iso() == "2024-03-28"
    assert [m.value for m in r.find("10月末までに回答する。")][0].startswith("2024-10")  # by a date: its date


@pytest.mark.parametrize("sentence", ["外相は2017年以来9年ぶりに訪朝した。", "外相は2019年以降初めて訪朝した。"])
def test_a_point_of_reference_dates_nothing(sentence: str) -> None:
    # 以来, ぶり, 以降初めて: the year is what the event is measured from, not when it happened
    found = DateResolver(datetime.date(2026, 4, 10)).find(sentence)
    assert found and all(d.value is None for d in found), found
    assert found[0].kind == "since", found
