"""Find quantities in Japanese text (spec section 6): number + counter, bounds, ranges, vagueness.

``find_quantities("約1万人以上の北朝鮮兵士")`` -> ``[Quantity(text="約1万人以上", value=10000,
low=10000, high=None, approx=True, unit="人", object="兵士", ...)]``.

A quantity needs a counter from :data:`UNITS` right after the number, so years, dates, ages,
clock times and list numbers are not quantities; ordinals (第2回, 2回目) and model names (KN-23,
F-35) are excluded explicitly.  Percentages, 割 and 倍 are returned but are
:data:`LOW_PRIORITY_UNITS`.  Input is expected NFKC-normalised.
"""
from __future__ import annotations

import re

from kizashi.quantities.numbers import parse_number, parse_vague
from kizashi.records import Quantity

__all__ = ["find_quantities", "UNITS", "LOW_PRIORITY_UNITS"]

#: Counter surface form -> unit recorded (the counter without the number's 万/億 multiplier).
UNITS: dict[str, str] = {
    **{u: u for u in (
        "人", "名", "発", "個", "両", "機", "隻", "基", "門", "丁", "台", "着", "箱", "件", "回",
        "トン", "キロ", "km", "ヘクタール", "ドル", "円", "ウォン", "ルーブル", "ユーロ", "元",
        "人民元", "ポンド", "ルピー", "リットル", "バレル", "メートル", "カ所", "棟", "戸", "世帯",
        "部隊", "個師団", "師団", "旅団", "大隊", "%", "割", "倍", "カ国", "か国", "ヵ国", "ヶ国",
        "本", "枚", "丁", "頭", "匹", "t", "kg", "m", "キロメートル", "平方キロ", "平方キロメートル",
        "ha",
    )},
    "米ドル": "ドル", "パーセント": "%", "ケ国": "カ国", "ヶ所": "カ所", "か所": "カ所",
    "カ所": "カ所", "箇所": "カ所",
}
LOW_PRIORITY_UNITS: frozenset[str] = frozenset({"%", "割", "倍"})
#: Units whose quantity is a measure, not a count of things: no object is looked for.
NO_OBJECT_UNITS: frozenset[str] = LOW_PRIORITY_UNITS | {
    "キロ", "km", "m", "メートル", "キロメートル", "平方キロ", "平方キロメートル"}

#: Words before the number: (approx, bound) where bound is "low", "high" or None.
PREFIXES: dict[str, tuple[bool, str | None]] = {
    "約": (True, None), "およそ": (True, None), "推定": (True, None), "ほぼ": (True, None),
    "概算で": (True, None), "少なくとも": (False, "low"), "最低": (False, "low"),
    "最大": (False, "high"), "最大で": (False, "high"), "最多で": (False, "high"),
}
#: Words after the counter: (approx, bound).
POSTFIXES: dict[str, tuple[bool, str | None]] = {
    "以上": (False, "low"), "超": (False, "low"), "超え": (False, "low"),
    "を超える": (False, "low"), "を超え": (False, "low"), "を上回る": (False, "low"),
    "余り": (True, "low"), "あまり": (True, "low"), "余": (True, "low"), "強": (True, "low"),
    "以下": (False, "high"), "未満": (False, "high"), "足らず": (True, "high"),
    "弱": (True, "high"), "近く": (True, "high"),
    "程度": (True, None), "前後": (True, None), "規模": (True, None), "ほど": (True, None),
    "ばかり": (True, None), "相当": (True, None),
}
#: Between the number and the counter: 1万余人, 8000超人 (rare).
MIDFIXES: dict[str, tuple[bool, str | None]] = {"余": (True, "low"), "超": (False, "low"),
                                                "強": (True, "low")}
RANGE_SEPARATORS: tuple[str, ...] = ("〜", "~", "-", "–", "—", "から", "ないし")
#: Multipliers shared across a range: 1〜2万人 = 10,000-20,000.
_SHARED_MULTIPLIERS: dict[str, int] = {"万": 10**4, "億": 10**8, "兆": 10**12, "千": 1000}
#: Idioms that look like number + counter.
IDIOMS: tuple[str, ...] = ("一元化", "一元的", "一両日", "一人ひとり", "一人一人", "一回り", "一本化",
                           "一丁目", "一門", "一台", "一発逆転", "一件落着", "一個人", "一人勝ち",
                           "一人っ子", "一本釣り", "一枚岩", "二元論", "一倍", "一方", "万一")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Possessive/atomic forms (Python 3.11+) keep matching linear: nested repeats of digit runs
# backtrack exponentially on long digit strings otherwise.
_ARABIC = r"[0-9]++(?:,[0-9]{3})*+(?:\.[0-9]+)?+"
_KANJI_NUM = r"[〇一二三四五六七八九十百千数]++"
_SUB = rf"(?>{_KANJI_NUM}|(?:{_ARABIC}[十百千])*+(?:{_ARABIC})?+)"
_NUMERAL = rf"(?=[0-9〇一二三四五六七八九十百千数])(?:{_SUB}[万億兆])*+{_SUB}"
_NUM_START = r"(?<![0-9A-Za-z.,第〇一二三四五六七八九十百千万億兆])(?<![A-Za-z]-)"
_UNIT = rf"(?:{_alt(UNITS)})"

QUANTITY = re.compile(
    rf"(?:(?P<pre>{_alt(PREFIXES)})\s?)?{_NUM_START}(?P<n1>{_NUMERAL})"
    rf"(?:(?P<u1>{_UNIT})?\s?(?P<sep>{_alt(RANGE_SEPARATORS)})\s?(?:約)?(?P<n2>{_NUMERAL}))?"
    rf"(?P<mid>{_alt(MIDFIXES)})?(?P<unit>{_UNIT})(?!目|化|的|[A-Za-z0-9])"
    rf"(?P<post>(?:{_alt(POSTFIXES)}){{0,2}})"
)
_POST_TOKEN = re.compile(_alt(POSTFIXES))

# -- objects ------------------------------------------------------------------------------
_NOUN_CHARS = r"[\u4e00-\u9fff々\u30a1-\u30faー]"
_RUN_BEFORE = re.compile(rf"({_NOUN_CHARS}{{1,12}})(?P<particle>[をがはも])?\s?$")
_LINKS = ("の", "に達する", "に上る", "にのぼる", "に及ぶ", "を超える", "を上回る", "相当の", "分の",
          "もの", "規模の", "程度の", "に達した", "に上った")
_RUN_AFTER = re.compile(rf"(?:{_alt(_LINKS)})\s?({_NOUN_CHARS}{{1,12}})")
_RUN_DIRECT = re.compile(rf"\s?({_NOUN_CHARS}{{1,12}})")
_AFTER_WINDOW = 10
#: 数 right after these is part of a word (複数, 多数), not a numeral.
_VAGUE_BLOCKERS = "複多少総係関変定点件"
_SEGMENT = re.compile(r"[\u4e00-\u9fff々]+|[\u30a1-\u30faー]+")
#: Leading words trimmed off an object ("北朝鮮兵士" -> "兵士").
LEADING_NAMES: tuple[str, ...] = (
    "北朝鮮", "韓国", "中国", "米国", "日本", "台湾", "朝鮮", "英国", "米", "露", "日", "中", "韓",
    "ロシア", "ウクライナ", "イラン", "イスラエル", "アメリカ", "ベラルーシ", "自国", "外国",
)
#: Not objects: dates, totals, verbal nouns of the event itself.
STOP_NOUNS: frozenset[str] = frozenset({
    "計", "合計", "総額", "総数", "総計", "年間", "月間", "最大", "推定", "人数", "全体", "当時",
    "現在", "今回", "前回", "規模", "程度", "派遣", "発射", "供与", "支援", "動員", "増加", "減少",
    "削減", "輸出", "輸入", "提供", "移送", "配備", "死傷", "被害", "損失", "うち", "同日", "昨年",
    "今年", "来年", "同年", "前年", "翌年", "割合", "比率", "数", "達",
    # actors and speakers, often the topic before は/が
    "政府", "当局", "首相", "大統領", "外相", "国防相", "国防省", "外務省", "関係者", "報道官",
    "地点", "距離", "射程",
})


def _object_word(run: str) -> str | None:
    """Last noun-like word of a kanji/katakana run, leading country names trimmed."""
    segs = _SEGMENT.findall(run)
    if not segs:
        return None
    word = segs[-1]
    if len(word) < 2 and len(segs) > 1:
        word = segs[-2] + word
    changed = True
    while changed:
        changed = False
        for name in sorted(LEADING_NAMES, key=len, reverse=True):
            if word.startswith(name) and len(word) - len(name) >= 2:
                word, changed = word[len(name):], True
                break
    if len(word) > 2 and word.endswith("数"):
        word = word[:-1]  # 死者数 -> 死者
    if len(word) < 2 or word in STOP_NOUNS or word in LEADING_NAMES:
        return None
    if re.search(r"[年月日間]$", word):
        return None
    return word


def _find_object(text: str, start: int, end: int) -> str | None:
    """What is counted: noun right before, a noun linked after (の, に達する…), or X を/が + number."""
    before = _RUN_BEFORE.search(text[max(0, start - 14):start])
    if before and not before["particle"]:
        obj = _object_word(before.group(1))
        if obj:
            return obj
    after = _RUN_AFTER.match(text, end)
    if after is None and text[start:end].endswith(("る", "た")):  # 1万人を超える兵士
        after = _RUN_DIRECT.match(text, end)
    if after and after.start(1) - end <= _AFTER_WINDOW:
        obj = _object_word(after.group(1))
        if obj:
            return obj
    if before and before["particle"]:
        return _object_word(before.group(1))
    return None


# -- numbers ------------------------------------------------------------------------------
def _bounds(s: str) -> tuple[float, float, bool] | None:
    """(low, high, vague) of one numeral."""
    v = parse_number(s)
    if v is not None:
        return v, v, False
    vb = parse_vague(s)
    if vb is not None:
        return vb[0], vb[1], True
    return None


def _shared_multiplier(n1: str, n2: str, v1: float, v2: float) -> float:
    """1〜2万: apply n2's trailing multiplier to n1 when n1 has none and it keeps n1 <= n2."""
    last = n2[-1]
    if last in _SHARED_MULTIPLIERS and not re.search("[万億兆千]", n1):
        mult = _SHARED_MULTIPLIERS[last]
        if v1 < v2 and v1 * mult <= v2:
            return v1 * mult
    return v1


def _build(text: str, m: re.Match[str], base_offset: int) -> Quantity | None:
    """Turn one match into a Quantity, or None when the numeral is not valid."""
    if m["u1"] and m["u1"] != m["unit"]:
        return None
    n1_at = m.start("n1")
    if m["n1"].startswith("数") and n1_at > 0 and text[n1_at - 1] in _VAGUE_BLOCKERS:
        return None
    b1 = _bounds(m["n1"])
    if b1 is None:
        return None
    approx = False
    low_flag = high_flag = False
    flags: list[tuple[bool, str | None]] = []
    if m["pre"]:
        flags.append(PREFIXES[m["pre"]])
    if m["mid"]:
        flags.append(MIDFIXES[m["mid"]])
    flags += [POSTFIXES[t] for t in _POST_TOKEN.findall(m["post"] or "")]
    for a, bound in flags:
        approx = approx or a
        low_flag = low_flag or bound == "low"
        high_flag = high_flag or bound == "high"

    value: float | None
    if m["n2"]:
        b2 = _bounds(m["n2"])
        if b2 is None:
            return None
        lo = _shared_multiplier(m["n1"], m["n2"], b1[0], b2[0])
        low, high, value = lo, b2[1], None
        approx = approx or b1[2] or b2[2]
        if low > high:
            return None
    elif b1[2]:  # vague: 数百万
        low, high, value, approx = b1[0], b1[1], None, True
        if low_flag:
            high = None
        if high_flag:
            low = None
    else:
        value = b1[0]
        low = value if low_flag else None
        high = value if high_flag else None
    unit = UNITS[m["unit"]]
    s, e = m.start(), m.end()
    return Quantity(text=text[s:e], value=value, low=low, high=high, approx=approx, unit=unit,
                    object=None if unit in NO_OBJECT_UNITS else _find_object(text, s, e),
                    start=s + base_offset, end=e + base_offset)


_IDIOM = re.compile(_alt(IDIOMS))


def find_quantities(text: str, base_offset: int = 0) -> list[Quantity]:
    """All quantities in ``text`` in order; offsets are into ``text`` plus ``base_offset``."""
    if not isinstance(text, str) or not text:
        return []
    idiom_spans = [(i.start(), i.end()) for i in _IDIOM.finditer(text)]
    out: list[Quantity] = []
    pos = 0
    while pos < len(text):
        m = QUANTITY.search(text, pos)
        if m is None:
            break
        q = None
        if not any(a <= m.start("n1") < b for a, b in idiom_spans):
            try:
                q = _build(text, m, base_offset)
            except (ValueError, OverflowError, KeyError, IndexError):
                q = None
        if q is None:
            pos = m.start() + 1
            continue
        out.append(q)
        pos = m.end()
    return out
