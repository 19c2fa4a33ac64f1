"""Tests of kizashi.nlp.sentences.split_sentences."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kizashi.nlp.sentences import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# ---------------------------------------------------------------- rules

def test_terminators():
    text = "政府は抗議した。本当か？本当だ！理由は何?不明だ!最後に．終わり"
    assert sents(text) == ["政府は抗議した。", "本当か？", "本当だ！", "理由は何?", "不明だ!",
                           "最後に．", "終わり"]


def test_repeated_terminators_stay_together():
    assert sents("まさか！？そうだ。。次へ") == ["まさか！？", "そうだ。。", "次へ"]


def test_closing_brackets_follow_terminator():
    text = "記者は書いた：「停戦は近い。」（共同通信。）次の文。"
    # 「…」 is balanced and kept whole; the terminator run then absorbs nothing more.
    assert sents(text) == ["記者は書いた：「停戦は近い。」（共同通信。）次の文。"]
    text = "停戦は近い。」と述べた。停戦は遠い。』と書いた。"  # unbalanced closers
    assert sents(text) == ["停戦は近い。」", "と述べた。", "停戦は遠い。』", "と書いた。"]


def test_newline_ends_headline():
    text = "北朝鮮が弾道ミサイル発射\n防衛省が１２日発表した。落下地点は不明だ。"
    assert sents(text) == ["北朝鮮が弾道ミサイル発射", "防衛省が１２日発表した。", "落下地点は不明だ。"]


def test_quotation_kept_whole():
    text = "外相は「我々は支援を続ける。制裁は解除しない。」と述べた。会見は終わった。"
    assert sents(text) == ["外相は「我々は支援を続ける。制裁は解除しない。」と述べた。", "会見は終わった。"]


def test_double_quotation_and_nesting():
    text = "報道官は『大統領は「協議は有益だ。」と語った。』と説明した。次。"
    assert sents(text) == ["報道官は『大統領は「協議は有益だ。」と語った。』と説明した。", "次。"]


def test_quotation_across_single_newline():
    text = "首相は「国民を守る。\n必ず守る。」と語った。"
    assert sents(text) == ["首相は「国民を守る。\n必ず守る。」と語った。"]


def test_unbalanced_quotation_does_not_swallow():
    text = "首相は「国民を守る。政府は対策を急ぐ。\n閣議は明日開かれる。"
    assert sents(text) == ["首相は「国民を守る。", "政府は対策を急ぐ。", "閣議は明日開かれる。"]


def test_quotation_stops_at_blank_line():
    text = "首相は「国民を守る。\n\n閣議は明日開かれる。」と書いた。"
    assert sents(text) == ["首相は「国民を守る。", "閣議は明日開かれる。」", "と書いた。"]


def test_very_long_quotation_falls_back():
    inner = "協議を続ける。" * 60  # 420 characters
    text = f"大使は「{inner}」と述べた。"
    out = sents(text)
    assert len(out) > 50
    assert out[0] == "大使は「協議を続ける。"
    assert out[-2:] == ["協議を続ける。」", "と述べた。"]


def test_parentheses():
    text = "同国軍（推計で約１万人。一部は撤退）は前進した。次の文。"
    assert sents(text) == ["同国軍（推計で約１万人。一部は撤退）は前進した。", "次の文。"]
    text = "同国軍(推計。)は前進した。"
    assert sents(text) == ["同国軍(推計。)は前進した。"]


def test_parentheses_do_not_cross_lines_or_run_long():
    text = "同国軍（推計で約１万人。\n一部は撤退）は前進した。"
    assert sents(text) == ["同国軍（推計で約１万人。", "一部は撤退）は前進した。"]
    long = "あ" * 100 + "。" + "い" * 150
    assert len(sents(f"（{long}）終わり。")) == 2


def test_bullets_trimmed():
    text = "- 第一に制裁を強化\n* 第二に支援\n・第三に協議を継続する。\n• 第四\n1. 第五\n2) 第六\n１．第七\n(3) 第八"
    assert sents(text) == ["第一に制裁を強化", "第二に支援", "第三に協議を継続する。", "第四",
                           "第五", "第六", "第七", "第八"]


def test_bullet_offsets_point_past_marker():
    text = "概要\n  ・北朝鮮が発射した。"
    (s1, e1), (s2, e2) = split_sentences(text)
    assert text[s2:e2] == "北朝鮮が発射した。"
    assert s2 == text.index("北")


def test_not_bullets():
    text = "-5度まで下がった。\n１．５％増えた。\n○○氏が来日した。\n・\n1992年に締結。"
    assert sents(text) == ["-5度まで下がった。", "１．５％増えた。", "○○氏が来日した。", "・", "1992年に締結。"]


def test_markdown_headings():
    assert sents("## 北朝鮮情勢\n> 引用された文。") == ["北朝鮮情勢", "引用された文。"]


def test_markdown_table_cells():
    text = "表の説明。\n| 国 | 派遣人数 | 備考 |\n|---|:---:|---|\n| ロシア | 約1万人 |  |\n| 中国 |  | 不明。確認中 |\n以上。"
    assert sents(text) == ["表の説明。", "国", "派遣人数", "備考", "ロシア", "約1万人", "中国",
                           "不明。確認中", "以上。"]


def test_long_sentence_split_after_comma():
    text = "あ" * 450 + "、" + "い" * 300 + "。"
    out = split_sentences(text)
    assert [text[s:e] for s, e in out] == ["あ" * 450 + "、", "い" * 300 + "。"]


def test_long_sentence_split_at_space_or_hard():
    text = "う" * 420 + " " + "え" * 200
    assert sents(text) == ["う" * 420, "え" * 200]
    text = "お" * 1200
    out = sents(text)
    assert all(len(s) <= 500 for s in out) and "".join(out) == text


def test_decimal_and_url_are_not_ends():
    assert sents("前年比３．５％増。詳細は https://example.jp/?id=3 を参照。") == [
        "前年比３．５％増。", "詳細は https://example.jp/?id=3 を参照。"]


def test_whitespace_and_empty():
    assert split_sentences("") == []
    assert split_sentences(" \n\u3000\n\t") == []
    text = "\u3000　政府は発表した。　\r\n"
    assert sents(text) == ["政府は発表した。"]


def test_crlf_input():
    assert sents("見出し\r\n本文です。\r\n") == ["見出し", "本文です。"]


# ---------------------------------------------------------------- properties

JAPANESE = st.one_of(
    st.characters(min_codepoint=0x3041, max_codepoint=0x3096),
    st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
)
NOISE = st.sampled_from(list("。．！？!?、「」『』（）()|・-*#>1１. \u3000\n\n\t\r") + ["\n\n", "| a | b |\n"])
ANY_TEXT = st.lists(st.one_of(JAPANESE, NOISE, st.characters(blacklist_categories=("Cs",))),
                    max_size=300).map("".join)


@settings(max_examples=500)
@given(ANY_TEXT)
def test_span_invariants(text):
    spans = split_sentences(text)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev_end = e


@settings(max_examples=200)
@given(st.text(alphabet=JAPANESE, min_size=1, max_size=40).map(lambda s: s + "。"), st.integers(0, 5))
def test_span_invariants_on_long_text(sentence, n):
    text = (sentence * (60 * n + 1))
    spans = split_sentences(text)
    assert all(0 < e - s <= 500 for s, e in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


BODY = st.text(alphabet=st.one_of(JAPANESE, st.sampled_from("、 ABCxyz0123")), min_size=1,
               max_size=60).map(str.strip).filter(bool)
SEPARATORS = st.sampled_from(["", "", "\n", "\n\n", " ", "\u3000", "\r\n"])


@settings(max_examples=500)
@given(st.lists(st.tuples(BODY, SEPARATORS), min_size=1, max_size=12))
def test_joining_never_loses_a_sentence(parts):
    """Sentences ending in 。, joined with any separators, come back exactly."""
    sentences = [body + "。" for body, _ in parts]
    text = "".join(s + sep for s, (_, sep) in zip(sentences, parts))
    assert sents(text) == sentences


# --- over-long runs (issue 9: a 5 MB line without punctuation took ~20 minutes) --------------

def test_overlong_run_is_capped_and_reported():
    import warnings

    from kizashi.nlp.sentences import MAX_RUN, LongRunWarning

    head, tail = "北朝鮮はロシアに砲弾を供与した。", "\n韓国は日本と会談した。"
    text = head + "あ" * (MAX_RUN * 40) + tail
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spans = split_sentences(text)
    runs = [w.message for w in caught if isinstance(w.message, LongRunWarning)]
    assert len(runs) == 1 and runs[0].start == len(head) and runs[0].length == MAX_RUN * 40
    assert runs[0].skipped == MAX_RUN * 39
    assert text[spans[0][0]:spans[0][1]] == head
    assert text[spans[-1][0]:spans[-1][1]] == "韓国は日本と会談した。"   # the rest is kept
    middle = spans[1:-1]
    assert sum(e - s for s, e in middle) == MAX_RUN and all(e - s <= 500 for s, e in middle)


def test_hard_cut_keeps_a_character_with_its_marks():
    # no 、 or space to cut at: the cut at 500 would fall between か and its combining mark
    text = "あ" * 499 + "か\u3099" + "い" * 300
    spans = split_sentences(text)
    assert all(not "\u3099" == text[s] for s, _ in spans)
    assert "".join(text[s:e] for s, e in spans) == text


def test_navigation_spans_start_after_the_article_and_end_at_prose():
    from kizashi.nlp.sentences import navigation_spans
    body = "北朝鮮は25日朝、日本海に向けて短距離弾道ミサイル2発を発射したと韓国軍が発表した。\n"
    text = "最新記事\n北朝鮮、弾道ミサイル発射\n" + body + "関連記事\nロシア軍、キーウに攻撃\n  • 2\n" + body
    spans = navigation_spans(text)
    # 最新記事 over the headline names a section: the headline stays the article's
    assert len(spans) == 1
    a, b = spans[0]
    assert text[a:b] == "関連記事\nロシア軍、キーウに攻撃\n  • 2\n"
    assert navigation_spans("関連記事\nロシア軍、キーウに攻撃\n") == []  # no article before it


def test_a_headline_is_not_split_at_a_space_inside_a_quotation():
    text = "日本外務省“ロシアは北朝鮮への技術移転 直ちに停止を”要求"
    assert [text[a:b] for a, b in split_sentences(text)] == [text]
    # outside a quotation the space still separates the headline's parts
    assert len(split_sentences("露軍、キーウにミサイル攻撃　市民に被害")) == 2


def test_a_line_of_links_after_a_heading_and_a_colon_is_navigation():
    from kizashi.nlp.sentences import navigation_spans
    text = "関連記事：北朝鮮がミサイル発射／ロシアへの派兵、続報\n"
    assert navigation_spans(text) == [(0, len(text))]


def test_a_hard_wrapped_sentence_is_one_sentence():
    text = "北朝鮮は昨年秋、ロシアに兵士\nを派遣したとみられる。\n露朝首脳が会談\n平壌で"
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["北朝鮮は昨年秋、ロシアに兵士\nを派遣したとみられる。", "露朝首脳が会談", "平壌で"]


def test_a_line_ended_by_a_comma_or_a_full_stop_is_not_joined_to_a_particle():
    text = "北朝鮮は昨年秋に兵士を送った。\nのちに数は増えた。"
    assert [text[a:b] for a, b in split_sentences(text)] == ["北朝鮮は昨年秋に兵士を送った。", "のちに数は増えた。"]
