"""Asides the parser is given as blanks (kizashi/nlp/asides.py); no model loaded."""
from dataclasses import dataclass

from kizashi.nlp.asides import blank_asides


@dataclass
class M:  # the two fields of an actor mention the rule reads
    start: int
    end: int
    kind: str = "state"


def test_reading_inside_a_persons_mention_is_blanked_with_its_length():
    text = "北朝鮮の金正恩(キム・ジョンウン)総書記は演説した。"
    person = M(4, text.index("は"), "person")
    out = blank_asides(text, [person])
    assert len(out) == len(text)
    assert out == "北朝鮮の金正恩" + " " * len("(キム・ジョンウン)") + "総書記は演説した。"


def test_kanji_spelling_after_a_katakana_name_in_a_persons_mention():
    text = "キム・ジョンウン(金正恩)総書記が視察した。"
    assert blank_asides(text, [M(0, text.index("が"), "person")]).startswith("キム・ジョンウン     総書記")


def test_an_acronym_after_a_name_is_blanked_with_an_offset():
    text = "北朝鮮は大陸間弾道ミサイル(ICBM)を発射した。"
    assert blank_asides(text, [M(100, 103)], offset=100) == "北朝鮮は大陸間弾道ミサイル      を発射した。"


def test_a_gloss_that_names_an_actor_stays():
    text = "キーウ政権(ウクライナ)と手を組むな。"
    gloss = M(6 + 50, 11 + 50)  # ウクライナ, in document offsets
    assert blank_asides(text, [gloss], offset=50) == text


def test_kanji_asides_dates_and_leading_parentheses_stay():
    for text in ("首相は14日(現地時間)、声明を出した。", "(共同)北朝鮮が発射した。", "平壌(共同)"):
        assert blank_asides(text, []) == text


def test_text_without_parentheses_is_returned_as_is():
    text = "北朝鮮はロシアに兵士を送った。"
    assert blank_asides(text, []) is text


def test_a_headlines_second_part_after_equals_is_left_out_of_the_parse():
    assert blank_asides("ロ外相、金正恩氏と会談=平壌で", []) == "ロ外相、金正恩氏と会談"
    assert blank_asides("米韓、北朝鮮を非難＝ロシアへの派兵で", []) == "米韓、北朝鮮を非難"


def test_equals_in_a_dateline_or_a_sentence_stays():
    for text in ("【ソウル=共同】北朝鮮が発射", "【ソウル=共同】北朝鮮が発射した。", "比率は1=2だった。"):
        assert blank_asides(text, []) == text


def test_a_reading_in_hiragana_after_a_chinese_name_is_blanked():
    # 習近平(しゅう・きんぺい): a Japanese outlet reads a Chinese name in hiragana
    text = "中国の習近平(しゅう・きんぺい)国家主席が演説した。"
    out = blank_asides(text, [M(0, 2)])
    assert out == "中国の習近平" + " " * len("(しゅう・きんぺい)") + "国家主席が演説した。"
