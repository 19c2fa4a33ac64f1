"""Tests of kizashi.nlp.normalize: NFKC with an offset map back to the original text.

The property proved here: an offset in the normalised text always lands on the same character
of the original text, i.e. every normalised character is produced by the original characters
its offset points at, whatever the context.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kizashi.nlp.normalize import NormalizedText, is_ignorable, normalize

HIRAGANA = st.characters(min_codepoint=0x3041, max_codepoint=0x309F)
KATAKANA = st.characters(min_codepoint=0x30A0, max_codepoint=0x30FF)
KANJI = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
FULLWIDTH = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF60)
HALFWIDTH_KANA = st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F)
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
KANA_MARKS = st.sampled_from("\u3099\u309a\u309b\u309c\uff9e\uff9f")
ENCLOSED = st.characters(min_codepoint=0x2460, max_codepoint=0x24FF)       # ① ⑴ ⒜ ...
CJK_COMPAT = st.characters(min_codepoint=0x3200, max_codepoint=0x33FF)     # ㈱ ㌔ ㍻ ...
HANGUL_JAMO = st.characters(min_codepoint=0x1100, max_codepoint=0x11FF)
SPECIAL = st.sampled_from("～〜~\u3000「」『』【】・ー－…‥")

CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    HIRAGANA, KATAKANA, KANJI, FULLWIDTH, HALFWIDTH_KANA, COMBINING, KANA_MARKS,
    ENCLOSED, CJK_COMPAT, HANGUL_JAMO, SPECIAL,
)
TEXTS = st.text(alphabet=CHARS, max_size=60)


def runs(n: NormalizedText) -> list[tuple[int, int]]:
    """Normalised ranges ``[a, b)`` whose characters share one offset (one source cluster)."""
    out = []
    a = 0
    for i in range(1, len(n.text) + 1):
        if i == len(n.text) or n.offsets[i] != n.offsets[a]:
            out.append((a, i))
            a = i
    return out


def source_end(n: NormalizedText, i: int) -> int:
    """Original end of the cluster that produced ``text[i]``."""
    o = n.offsets[i]
    return next(x for x in n.offsets[i + 1:] if x != o)


# ---------------------------------------------------------------- properties

@settings(max_examples=500)
@given(TEXTS)
def test_offset_map_shape(s):
    n = normalize(s)
    assert n.original == s
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(s)
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
    assert all(0 <= o < len(s) for o in n.offsets[:-1])
    if s:
        assert n.offsets[0] == 0
        assert n.text  # nothing normalises to nothing
    # Every original character is covered: the distinct offsets are the cluster starts.
    assert len(set(n.offsets)) == len(runs(n)) + 1


@settings(max_examples=500)
@given(TEXTS)
def test_each_char_comes_from_its_source(s):
    n = normalize(s)
    for a, b in runs(n):
        lo, hi = n.offsets[a], n.offsets[b]
        assert normalize(s[lo:hi]).text == n.text[a:b]
        for i in range(a, b):
            assert n.to_original(i) == lo
            assert n.span(i, i + 1) == (lo, hi)


@settings(max_examples=500)
@given(TEXTS, st.data())
def test_aligned_span_round_trip(s, data):
    n = normalize(s)
    bounds = sorted({a for a, _ in runs(n)} | {len(n.text)})
    a = data.draw(st.sampled_from(bounds))
    b = data.draw(st.sampled_from([x for x in bounds if x >= a]))
    lo, hi = n.span(a, b)
    assert normalize(s[lo:hi]).text == n.text[a:b]
    if a < b:
        assert (lo, hi) == (n.offsets[a], n.offsets[b])


@settings(max_examples=300)
@given(TEXTS, st.data())
def test_any_span_covers_whole_source_chars(s, data):
    n = normalize(s)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    lo, hi = n.span(a, b)
    assert 0 <= lo <= hi <= len(s)
    if a == b:
        assert lo == hi == n.offsets[a]
    else:
        assert lo == n.offsets[a] and hi == source_end(n, b - 1)
        assert n.text[a:b] in normalize(s[lo:hi]).text


def _starts_cluster(s: str) -> bool:
    c = s[0]
    return not (unicodedata.category(c).startswith("M") or is_ignorable(c) or c in "\uff9e\uff9f"
                or "\u1100" <= c <= "\u11ff" or "\ua960" <= c <= "\ua97f"
                or "\ud7b0" <= c <= "\ud7ff")


@settings(max_examples=500)
@given(TEXTS, TEXTS)
def test_offsets_do_not_depend_on_context(left, right):
    """The same characters map the same way wherever they occur: normalising a concatenation
    (cut at a cluster start) concatenates the results and shifts the offsets."""
    assume(right and _starts_cluster(right))
    whole, a, b = normalize(left + right), normalize(left), normalize(right)
    assert whole.text == a.text + b.text
    assert whole.offsets == a.offsets[:-1] + tuple(o + len(left) for o in b.offsets)


STABLE_CHUNK = st.text(alphabet=st.one_of(HIRAGANA, KANJI, st.sampled_from("ABC 123。、「」\n")),
                       min_size=8, max_size=20)
MIXED = st.lists(st.one_of(STABLE_CHUNK, TEXTS), max_size=6).map("".join)


@settings(max_examples=300)
@given(MIXED)
def test_fast_runs_agree_with_cluster_path(s):
    """Long runs of stable characters (copied as they are) map exactly like the
    character-by-character path, including when a combining mark follows a run."""
    n = normalize(s)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(s)
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
    for a, b in runs(n):
        lo, hi = n.offsets[a], n.offsets[b]
        assert normalize(s[lo:hi]).text == n.text[a:b]


def test_mark_after_stable_run():
    s = "ひらがなばかりの文章か\u3099ｶﾞ"
    n = normalize(s)
    assert n.text == "ひらがなばかりの文章がガ"
    k = len("ひらがなばかりの文章")
    assert s[slice(*n.span(k, k + 1))] == "か\u3099"
    assert s[slice(*n.span(k + 1, k + 2))] == "ｶﾞ"


PLAIN = st.text(alphabet=st.one_of(HIRAGANA, KATAKANA, KANJI, FULLWIDTH, CJK_COMPAT, ENCLOSED,
                                   st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                                   st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9D),
                                   st.sampled_from("\u3000「」『』【】、。")),
                max_size=60)


@settings(max_examples=500)
@given(PLAIN)
def test_equals_nfkc_apart_from_documented_exceptions(s):
    """Without ～ ゛ ゜ and stray half-width sound marks, the result is plain NFKC."""
    assume(not any(c in s for c in "\uff5e\u309b\u309c"))
    assert normalize(s).text == unicodedata.normalize("NFKC", s)


# ---------------------------------------------------------------- examples

@pytest.mark.parametrize(
    "original, expected, offsets",
    [
        ("ＮＡＴＯ", "NATO", (0, 1, 2, 3, 4)),
        ("２０２４年", "2024年", (0, 1, 2, 3, 4, 5)),
        ("ｶﾞｽ", "ガス", (0, 2, 3)),                    # 2 source chars -> 1
        ("ﾐｻｲﾙ", "ミサイル", (0, 1, 2, 3, 4)),
        ("ﾊﾟﾄﾘｵｯﾄ", "パトリオット", (0, 2, 3, 4, 5, 6, 7)),
        ("①", "1", (0, 1)),
        ("⑫日", "12日", (0, 0, 1, 2)),               # 1 source char -> 2
        ("㈱", "(株)", (0, 0, 0, 1)),
        ("㍻", "平成", (0, 0, 1)),
        ("か\u3099", "が", (0, 2)),                   # combining dakuten composes
        ("e\u0301t\u0301", "ét\u0301", (0, 2, 3, 4)),  # composed; unchanged pair maps 1:1
        ("１０～２０人", "10〜20人", (0, 1, 2, 3, 4, 5, 6)),
        ("１０〜２０人", "10〜20人", (0, 1, 2, 3, 4, 5, 6)),
        ("日米\u3000首脳", "日米 首脳", (0, 1, 2, 3, 4, 5)),
        ("「」『』【】", "「」『』【】", (0, 1, 2, 3, 4, 5, 6)),
        ("ｰ", "ー", (0, 1)),
        ("｢ｱ｣", "「ア」", (0, 1, 2, 3)),
        ("Aﾞ", "A゛", (0, 0, 2)),                      # stray mark: spacing, not dangling
        ("ﾟ", "゜", (0, 1)),
        ("゛", "゛", (0, 1)),
        ("", "", (0,)),
    ],
)
def test_examples(original, expected, offsets):
    n = normalize(original)
    assert n.text == expected
    assert n.offsets == offsets


def test_span_maps_to_original_text():
    original = "ﾛｼｱ軍は約１万ﾆﾝを派遣した"
    n = normalize(original)
    assert n.text == "ロシア軍は約1万ニンを派遣した"
    a = n.text.index("1万")
    lo, hi = n.span(a, a + 2)
    assert original[lo:hi] == "１万"
    a = n.text.index("ロシア")
    assert original[slice(*n.span(a, a + 3))] == "ﾛｼｱ"
    a = n.text.index("派遣")
    assert original[slice(*n.span(a, a + 2))] == "派遣"


def test_span_with_voiced_kana_and_expansion():
    original = "ｶﾞｻﾞ地区で㈱ｸﾞﾙｰﾌﾟ"
    n = normalize(original)
    assert n.text == "ガザ地区で(株)グループ"
    assert original[slice(*n.span(0, 2))] == "ｶﾞｻﾞ"
    # A span that starts or ends inside an expansion widens to the whole source character.
    k = n.text.index("株")
    assert original[slice(*n.span(k, k + 1))] == "㈱"
    assert original[slice(*n.span(k, k + 3))] == "㈱ｸﾞ"
    assert n.span(len(n.text), len(n.text)) == (len(original), len(original))


def test_bad_indices():
    n = normalize("ｱｲ")
    with pytest.raises(IndexError):
        n.to_original(3)
    with pytest.raises(IndexError):
        n.span(2, 1)
    with pytest.raises(IndexError):
        n.span(-1, 1)


def test_identity_fast_path():
    s = "政府は北朝鮮の発射を非難した。"
    n = normalize(s)
    assert n.text == s and n.offsets == tuple(range(len(s) + 1))


# ---------------------------------------------------------------- invisible characters

@pytest.mark.parametrize("original", [
    "北\u200b朝鮮", "北\u200c朝\u200d鮮", "北\u2060朝鮮", "北\u00ad朝鮮", "北\ufeff朝鮮",
    "北\u200e朝\u200f鮮", "北\u202a朝\u202c鮮", "北\u202e朝鮮", "北\u2066朝\u2069鮮",
    "北\ufe0f朝鮮", "北\U000e0101朝鮮",
])
def test_invisible_characters_are_dropped_with_offsets_kept(original):
    n = normalize(original)
    assert n.text == "北朝鮮"
    lo, hi = n.span(0, 3)
    assert (lo, hi) == (0, len(original))
    for i, ch in enumerate(n.text):              # each character maps onto itself
        a, _ = n.span(i, i + 1)
        assert original[a] == ch


def test_text_of_invisible_characters_only_is_kept():
    assert normalize("\u200b").text == "\u200b"
    assert normalize("\u200b北朝鮮").text == "\u200b北朝鮮"


def test_lone_surrogate_becomes_replacement_character_one_for_one():
    n = normalize("ab\ud800c\udfff")
    assert n.text == "ab\ufffdc\ufffd"
    assert n.offsets == (0, 1, 2, 3, 4, 5)
    n.text.encode("utf-8")                       # writable
