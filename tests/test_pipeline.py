"""Pipeline invariants on sentences of ours: offsets point into the original text."""
import json

import pytest


from kizashi.pipeline import COMPONENTS, DEFAULT_PIPELINE, Resources, check_pipeline

TEXT = (
    "北朝鮮、ロシアに兵士派遣\n"
    "２０２４年１０月２３日\n"
    "韓国国家情報院によると、北朝鮮は今月、ロシアに約１万２０００人の兵士を派遣した。\n"
    "ロシアは北朝鮮に見返りとして軍事技術を提供しているとみられる。"
)


def test_components_registered():
    assert set(DEFAULT_PIPELINE) <= set(COMPONENTS)


def test_components_declare_what_they_read_and_write():
    check_pipeline(DEFAULT_PIPELINE)
    assert "mentions" in COMPONENTS["events"].writes and "parses" in COMPONENTS["events"].reads


@pytest.mark.parametrize("names,message", [
    (("normalize", "sentences", "events"), "reads parses"),      # nothing parsed the sentences
    (("normalize", "sentences", "context", "parse", "tagger"), "unknown pipeline component 'tagger'"),
])
def test_a_pipeline_that_cannot_run_is_refused(names, message):
    from kizashi.pipeline import extract
    with pytest.raises(ValueError, match=message):
        extract("北朝鮮はロシアに兵士を派遣した。", pipeline=names)


def test_resources_are_an_argument(extract):
    from dataclasses import replace
    from kizashi.events.lexicon import default_lexicon
    from kizashi.pipeline import extract as run
    text = "北朝鮮はロシアに兵士を派遣した。"
    default = Resources.default()
    assert [m.event_type for m in run(text, resources=default)] == ["AID"]
    lex = default_lexicon()
    other = replace(lex, triggers={k: v for k, v in lex.triggers.items() if k != "派遣"})
    assert run(text, resources=Resources(other, default.gazetteer)) == []


def test_offsets_point_into_original_text(extract):
    ms = extract(TEXT, doc_id="x")
    assert ms
    for m in ms:
        assert TEXT[m.evidence.start:m.evidence.end] == m.evidence.text
        assert TEXT[m.trigger.start:m.trigger.end] == m.trigger.text
        assert m.evidence.start <= m.trigger.start < m.trigger.end <= m.evidence.end
        json.dumps(m.to_dict(), ensure_ascii=False)


def test_full_width_text_dates_and_quantities(extract):
    ms = extract(TEXT, doc_id="x")
    aid = [m for m in ms if m.event_type == "AID" and {e.code for e in m.actor} == {"PRK"}]
    assert len(aid) == 2, ms  # the headline and the body sentence
    m = aid[1]
    assert {e.code for e in m.recipient} == {"RUS"}
    assert m.date == "2024-10"
    assert m.factuality == "reported"
    assert any(q.value == 12000 and q.unit == "人" for q in m.quantities)
    assert m.mode == "troops"
    tech = [m for m in ms if m.event_type == "AID" and {e.code for e in m.actor} == {"RUS"}]
    assert tech and tech[0].factuality == "uncertain"


def test_published_overrides_dateline(extract):
    ms = extract("北朝鮮は昨年、ロシアに砲弾を供給した。", doc_id="x", published="2025-03-01")
    assert ms and ms[0].date == "2024"


@pytest.mark.parametrize("published", ["2024-06", "2024", "2024-06-20", None])
def test_partial_publication_date_with_a_leader(extract, published):
    # a month- or year-only date once crashed the choice of a leader's office
    ms = extract("プーチン大統領は北朝鮮を訪問し、金正恩総書記と会談した。", doc_id="x", published=published)
    assert [(m.event_type, [a.code for a in m.actor]) for m in ms][:1] == [("CONSULT", ["RUS"])]


def test_no_event_without_trigger(extract):
    assert extract("ロシアと北朝鮮は国境を接している。", doc_id="x") == []


@pytest.mark.parametrize("published", ["yesterday", "2024-13-01", "2024-02-30"])
def test_a_bad_publication_date_is_an_input_error(published):
    from kizashi.errors import InputError
    from kizashi.pipeline import extract
    with pytest.raises(InputError, match="published"):
        extract("北朝鮮はロシアに兵士を派遣した。", doc_id="x.txt", published=published)


def test_explain_tells_every_frames_fate(capsys):
    from kizashi.events.explain import main
    main(["--published", "2025-03-01", "北朝鮮とロシアの軍事協力は、地域の安全保障を揺るがしている。北朝鮮はロシアに兵士を派遣した。"])
    out = capsys.readouterr().out
    assert "=> coded confidence" in out and "AID" in out
    assert "=> topic" in out  # the background frame is named, not hidden


def test_a_one_kanji_verb_stem_before_a_particle_is_no_trigger_word():
    # 会う's stem: 会い and 会っ make a sentence worth parsing, 国会は and 大会が do not
    from kizashi.events.lexicon import default_lexicon
    lex = default_lexicon()
    assert lex.may_hold_event("首相は大統領と会い、意見を交わした。")
    assert not lex.may_hold_event("国会は3月に召集される見通しで、予算が論戦の焦点になる。")
    assert not lex.may_hold_event("港の広場では花火大会が開かれ、家族連れでにぎわった。")
