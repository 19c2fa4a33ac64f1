"""Numerals and quantities (spec section 6). Sentences are written for these tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizashi.quantities.extract import LOW_PRIORITY_UNITS, find_quantities
from kizashi.quantities.numbers import parse_number, parse_vague
from kizashi.records import Quantity


@pytest.mark.parametrize("s,expected", [
    ("6,000", 6000), ("12,000", 12000), ("1万1000", 11000), ("4万2千", 42000),
    ("1.5億", 150_000_000), ("一万二千", 12000), ("三百", 300), ("二〇二四", 2024),
    ("千二百", 1200), ("二千二十四", 2024), ("10万", 100_000), ("1兆", 10**12),
    ("数百", None), ("十数", None), ("", None), ("1万1億", None), ("abc", None), ("1,5", None),
])
def test_parse_number(s: str, expected: float | None) -> None:
    assert parse_number(s) == expected


@pytest.mark.parametrize("s,expected", [
    ("数十", (10, 99)), ("数百", (100, 999)), ("数千", (1000, 9999)), ("数万", (10_000, 99_999)),
    ("十数", (11, 19)), ("数十万", (100_000, 999_999)), ("数百万", (1_000_000, 9_999_999)),
    ("数", (2, 9)), ("300", None),
])
def test_parse_vague(s: str, expected: tuple[float, float] | None) -> None:
    assert parse_vague(s) == expected


def one(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


def fields(q: Quantity) -> tuple:
    return (q.text, q.value, q.low, q.high, q.approx, q.unit)


# (sentence, (text, value, low, high, approx, unit), object)
CASES = [
    ("約1万人以上の北朝鮮兵士が前線に送られた。", ("約1万人以上", 10000, 10000, None, True, "人"), "兵士"),
    ("数百万発の砲弾が運び込まれた。", ("数百万発", None, 1_000_000, 9_999_999, True, "発"), "砲弾"),
    ("参加者は1万1000〜1万2000人と見られる。", ("1万1000〜1万2000人", None, 11000, 12000, False, "人"), "参加者"),
    ("デモには1000~3000人が集まった。", ("1000~3000人", None, 1000, 3000, False, "人"), None),
    ("避難民1000-3000人が国境に向かった。", ("1000-3000人", None, 1000, 3000, False, "人"), "避難民"),
    ("集会には1000から3000人が参加した。", ("1000から3000人", None, 1000, 3000, False, "人"), None),
    ("森林4万2千ヘクタールが焼けた。", ("4万2千ヘクタール", 42000, None, None, False, "ヘクタール"), "森林"),
    ("150万個以上の部品が輸出された。", ("150万個以上", 1_500_000, 1_500_000, None, False, "個"), "部品"),
    ("死者は8000人超に達した。", ("8000人超", 8000, 8000, None, False, "人"), "死者"),
    ("1万人を超える兵員が集結した。", ("1万人を超える", 10000, 10000, None, False, "人"), "兵員"),
    ("捕虜500人未満が帰還した。", ("500人未満", 500, None, 500, False, "人"), "捕虜"),
    ("負傷者は500人以下だった。", ("500人以下", 500, None, 500, False, "人"), "負傷者"),
    ("およそ200人の職員が退避した。", ("およそ200人", 200, None, None, True, "人"), "職員"),
    ("推定3000人の戦闘員がいる。", ("推定3000人", 3000, None, None, True, "人"), "戦闘員"),
    ("記者100人程度が同行した。", ("100人程度", 100, None, None, True, "人"), "記者"),
    ("警官50人前後が警備した。", ("50人前後", 50, None, None, True, "人"), "警官"),
    ("1万人余りの住民が避難した。", ("1万人余り", 10000, 10000, None, True, "人"), "住民"),
    ("2万人規模の部隊が展開した。", ("2万人規模", 20000, None, None, True, "人"), "部隊"),
    ("技術者300人ほどが派遣された。", ("300人ほど", 300, None, None, True, "人"), "技術者"),
    ("数十人の代表団が訪れた。", ("数十人", None, 10, 99, True, "人"), "代表団"),
    ("数千人の市民が抗議した。", ("数千人", None, 1000, 9999, True, "人"), "市民"),
    ("数万人の難民が流入した。", ("数万人", None, 10_000, 99_999, True, "人"), "難民"),
    ("十数人の船員が拘束された。", ("十数人", None, 11, 19, True, "人"), "船員"),
    ("数十万人の兵力が動員された。", ("数十万人", None, 100_000, 999_999, True, "人"), "兵力"),
    ("数百万発規模に達する砲弾を送ったとされる。", ("数百万発規模", None, 1_000_000, 9_999_999, True, "発"), "砲弾"),
    ("北朝鮮は砲弾を300万発供与した。", ("300万発", 3_000_000, None, None, False, "発"), "砲弾"),
    ("兵士1万人が越境した。", ("1万人", 10000, None, None, False, "人"), "兵士"),
    ("輸出額は前年の2倍に増えた。", ("2倍", 2, None, None, False, "倍"), None),
    ("支持率は30%に下がった。", ("30%", 30, None, None, False, "%"), None),
    ("有権者の3割が反対した。", ("3割", 3, None, None, False, "割"), None),
    ("支援は29億ドルに上る。", ("29億ドル", 2_900_000_000, None, None, False, "ドル"), None),
    ("政府は500億円を計上した。", ("500億円", 50_000_000_000, None, None, False, "円"), None),
    ("韓国は1兆ウォンを投じる。", ("1兆ウォン", 10**12, None, None, False, "ウォン"), None),
    ("取引は10億ルーブルに達した。", ("10億ルーブル", 10**9, None, None, False, "ルーブル"), "取引"),
    ("基金に5000万ユーロを拠出した。", ("5000万ユーロ", 50_000_000, None, None, False, "ユーロ"), None),
    ("融資は20億元だった。", ("20億元", 2_000_000_000, None, None, False, "元"), "融資"),
    ("投資は3億人民元に上った。", ("3億人民元", 300_000_000, None, None, False, "人民元"), "投資"),
    ("戦車200両が移動した。", ("200両", 200, None, None, False, "両"), "戦車"),
    ("戦闘機30機が飛来した。", ("30機", 30, None, None, False, "機"), "戦闘機"),
    ("艦艇5隻が寄港した。", ("5隻", 5, None, None, False, "隻"), "艦艇"),
    ("発射台4基が確認された。", ("4基", 4, None, None, False, "基"), "発射台"),
    ("榴弾砲20門が配置された。", ("20門", 20, None, None, False, "門"), "榴弾砲"),
    ("小銃500丁が押収された。", ("500丁", 500, None, None, False, "丁"), "小銃"),
    ("トラック100台が物資を運んだ。", ("100台", 100, None, None, False, "台"), "トラック"),
    ("防寒着1000着が届いた。", ("1000着", 1000, None, None, False, "着"), "防寒着"),
    ("医薬品300箱が届けられた。", ("300箱", 300, None, None, False, "箱"), "医薬品"),
    ("サイバー攻撃は15件確認された。", ("15件", 15, None, None, False, "件"), "攻撃"),
    ("協議はこれまで7回行われた。", ("7回", 7, None, None, False, "回"), None),
    ("燃料100トンが送られた。", ("100トン", 100, None, None, False, "トン"), "燃料"),
    ("国境から30キロの地点だ。", ("30キロ", 30, None, None, False, "キロ"), None),
    ("射程は50kmとされる。", ("50km", 50, None, None, False, "km"), None),
    ("一万二千人の観衆が集まった。", ("一万二千人", 12000, None, None, False, "人"), "観衆"),
    ("少なくとも40人が死亡した。", ("少なくとも40人", 40, 40, None, False, "人"), None),
    ("議員12名が署名した。", ("12名", 12, None, None, False, "名"), "議員"),
    ("1〜2万人の増援が見込まれる。", ("1〜2万人", None, 10000, 20000, False, "人"), "増援"),
]


@pytest.mark.parametrize("sentence,expected,obj", CASES, ids=[c[0][:12] for c in CASES])
def test_rules(sentence: str, expected: tuple, obj: str | None) -> None:
    q = one(sentence)
    assert fields(q) == expected
    assert q.object == obj
    assert sentence[q.start:q.end] == q.text


@pytest.mark.parametrize("sentence", [
    "2024年に協議が始まった。",          # year
    "6月19日に会談した。",               # date
    "大統領は45歳だ。",                  # age
    "会見は10時30分に始まった。",        # clock time
    "第2回会合が開かれた。",             # ordinal
    "2回目の協議だった。",               # ordinal
    "訪問は24年ぶりだ。",                # duration
    "交渉は3年間続いた。",               # duration
    "KN-23を発射した。", "F-35が配備された。", "M-1989は改良型だ。", "B-52が飛行した。",
    "1. 概要 2. 経緯",                   # list numbering
    "制度の一元化を進める。", "複数人が関与した。",
])
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_several_in_order_with_offset() -> None:
    text = "戦車100両と兵士2000人、さらに30%の増額。"
    qs = find_quantities(text, base_offset=50)
    assert [(q.text, q.unit) for q in qs] == [("100両", "両"), ("2000人", "人"), ("30%", "%")]
    for q in qs:
        assert text[q.start - 50:q.end - 50] == q.text
    assert [q.unit in LOW_PRIORITY_UNITS for q in qs] == [False, False, True]


def test_to_dict_integers() -> None:
    d = one("約1万人以上の兵士").to_dict()
    assert d == {"text": "約1万人以上", "value": 10000, "low": 10000, "high": None,
                 "approx": True, "unit": "人", "object": "兵士"}


# -- properties -----------------------------------------------------------------------------
_DIG = "〇一二三四五六七八九"


def _kanji_below_10000(n: int) -> str:
    out = ""
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit)
        if q:
            out += ("" if q == 1 else _DIG[q]) + ch
    return out + (_DIG[n] if n else "")


def to_kanji(n: int) -> str:
    """Integer -> kanji numeral: 12000 -> 一万二千, 0 -> 〇."""
    if n == 0:
        return "〇"
    out = ""
    for unit, ch in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        q, n = divmod(n, unit)
        if q:
            out += _kanji_below_10000(q) + ch
    return out + (_kanji_below_10000(n) if n else "")


def to_man(n: int) -> str:
    """Integer -> mixed form: 42000 -> 4万2千, 11000 -> 1万1000."""
    if n == 0:
        return "0"
    out = ""
    for unit, ch in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        q, n = divmod(n, unit)
        if q:
            out += str(q) + ch
    if n:
        out += f"{n // 1000}千" if n % 1000 == 0 else str(n)
    return out


_ints = st.integers(0, 10**12)


@given(_ints)
@settings(max_examples=500, deadline=None)
def test_roundtrip_kanji(n: int) -> None:
    assert parse_number(to_kanji(n)) == n


@given(_ints)
@settings(max_examples=500, deadline=None)
def test_roundtrip_man(n: int) -> None:
    assert parse_number(to_man(n)) == n


@given(_ints)
@settings(max_examples=500, deadline=None)
def test_roundtrip_commas(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(1, 10**12), st.sampled_from(["kanji", "man", "comma"]),
       st.sampled_from(["人", "発", "ドル", "トン"]))
@settings(max_examples=300, deadline=None)
def test_roundtrip_in_sentence(n: int, style: str, unit: str) -> None:
    num = {"kanji": to_kanji, "man": to_man, "comma": lambda k: f"{k:,}"}[style](n)
    text = f"関係者によると{num}{unit}が確認された。"
    q = one(text)
    assert (q.value, q.unit, q.text) == (n, unit, num + unit)
    assert text[q.start:q.end] == q.text


@given(st.text(max_size=80), st.integers(0, 1000))
@settings(max_examples=300, deadline=None)
def test_random_text(text: str, off: int) -> None:
    for q in find_quantities(text, base_offset=off):
        assert off <= q.start < q.end <= off + len(text)
        assert text[q.start - off:q.end - off] == q.text


_JA = st.text(alphabet="0123456789,.〇一二三四五六七八九十百千万億兆数約人発個万ドル円以上未満超余規模の〜~-からを兵士", max_size=40)


@given(_JA, st.integers(0, 10))
@settings(max_examples=500, deadline=None)
def test_number_like_noise(text: str, off: int) -> None:
    for q in find_quantities(text, base_offset=off):
        assert text[q.start - off:q.end - off] == q.text
        assert q.value is not None or q.low is not None or q.high is not None
