"""Every trigger in the lexicon and every factuality cue carries a sentence of ours that must work."""
import re

import pytest

from kizashi.events.lexicon import default_lexicon
from kizashi.factuality.modality import cues
from kizashi.model import read_tsv

LEX = default_lexicon()


def codes(ents):
    return {e.code for e in ents if e.code}


def matches(m, expect: str) -> bool:
    if ">" in expect:
        a, r = expect.split(">")
        return a in codes(m.actor) and r in codes(m.recipient)
    if "+" in expect:
        parties = set(expect.split("+"))
        return parties <= codes(m.actor) | codes(m.recipient)
    return expect in codes(m.actor)


@pytest.mark.parametrize("trig", list(LEX.triggers.values()), ids=lambda t: t.term)
def test_trigger_example(trig, extract):
    got = extract(trig.example, doc_id="t")
    if trig.event_type == "-":  # a blocker: the word holds a trigger and is no event
        assert not [m for m in got if trig.term in trig.example[m.trigger.start - 4:m.trigger.end + 4]], \
            [(m.event_type, m.trigger.text) for m in got]
        return
    ok = [m for m in got if m.event_type == trig.event_type and matches(m, trig.expect)]
    assert ok, f"{trig.term}: {trig.example} -> {[(m.event_type, codes(m.actor), codes(m.recipient)) for m in got]}"
    # the trigger span points at the trigger in the text
    assert any(m.trigger.text and m.trigger.text in trig.example for m in ok)


@pytest.mark.parametrize("cue", list(cues()), ids=lambda c: "+".join(c.lemmas) + "-" + c.value)
def test_factuality_cue_example(cue, extract):
    got = extract(cue.example, doc_id="t")
    assert got, f"no event in {cue.example}"
    values = {m.factuality for m in got}
    assert cue.value in values, f"{cue.example}: {values}"


@pytest.mark.parametrize("row", list(LEX.speech.rows), ids=lambda r: f"{r['kind']}-{r['term']}")
def test_speech_example(row, extract):
    """Every verb of saying, statement noun and content cue of data/speech.tsv, in a sentence of ours."""
    got = extract(row["example"], doc_id="t", published="2025-01-10")
    if row["expect"] == "-":  # a verb of saying whose content makes no act
        assert not [m for m in got if m.trigger.text and row["term"][:1] in m.trigger.text
                    and m.event_type in ("ACCUSE", "REQUEST", "THREATEN", "REJECT")], got
        return
    etype, parties = row["expect"].split(" ")
    actor, _, recipient = parties.partition(">")
    assert any(m.event_type == etype and actor in codes(m.actor) and (not recipient or recipient in codes(m.recipient))
               for m in got), [(m.event_type, codes(m.actor), codes(m.recipient)) for m in got]


WORD_ROWS = list(read_tsv("wordclasses.tsv"))


def _expectation(expect: str) -> tuple[bool, str, str, dict]:
    """"TYPE A>B mode=phone" -> (wanted, TYPE, A>B, {mode: phone}); "-TYPE A>" -> (False, TYPE, A>, {})."""
    tokens = expect.split()
    wanted = not tokens[0].startswith("-")
    etype = tokens[0].lstrip("-")
    parties = tokens[1] if len(tokens) > 1 and "=" not in tokens[1] else ""
    attrs = dict(t.split("=", 1) for t in tokens[1:] if "=" in t)
    return wanted, etype, parties, attrs


@pytest.mark.parametrize("row", WORD_ROWS, ids=lambda r: f"{r['class']}-{r['word']}")
def test_word_class_example(row, extract):
    """Every word of data/wordclasses.tsv, in a sentence of ours, does what its class says."""
    # a sentence that names its year dates itself (the story's date is then the first date it names)
    published = None if re.search(r"20[0-9]{2}年", row["example"]) else "2023-11-20"
    got = extract(row["example"], doc_id="t", published=published)
    wanted, etype, parties, attrs = _expectation(row["expect"])
    summary = [(m.event_type, codes(m.actor), codes(m.recipient), m.mode, m.factuality, m.date) for m in got]
    if not wanted:  # a class that blocks: no such event (from this actor)
        actor = parties.rstrip(">")
        assert not [m for m in got if m.event_type == etype and (not actor or actor in codes(m.actor))], summary
        return
    ok = [m for m in got if m.event_type == etype and matches(m, parties) and all(
        str(getattr(m, k) or "").startswith(v) for k, v in attrs.items())]
    assert ok, summary


OBJECT_ROWS = list(read_tsv("objects.tsv"))


@pytest.mark.parametrize("row", OBJECT_ROWS, ids=lambda r: f"{r['class']}-{r['term']}")
def test_object_example(row, extract):
    """Every noun of data/objects.tsv, as what is given, signed or attended in a sentence of ours,
    gives the event (and the AID mode) its class says."""
    got = extract(row["example"], doc_id="t", published="2023-11-20")
    wanted, etype, parties, attrs = _expectation(row["expect"])
    summary = [(m.event_type, codes(m.actor), codes(m.recipient), m.mode) for m in got]
    ok = [m for m in got if m.event_type == etype and matches(m, parties) and all(
        str(getattr(m, k) or "").startswith(v) for k, v in attrs.items())]
    assert ok, summary


NAVIGATION_ROWS = list(read_tsv("navigation.tsv"))


@pytest.mark.parametrize("row", NAVIGATION_ROWS, ids=lambda r: r["heading"])
def test_navigation_heading_example(row, extract):
    """After the article, a heading of data/navigation.tsv starts a list of links whose headlines
    are no events; the article's own event stays."""
    text = row["example"].replace("|", "\n")
    got = extract(text, doc_id="t", published="2025-06-20")
    cut = text.index(row["heading"])
    assert [m.event_type for m in got] == ["MOBILIZE"], [(m.event_type, m.evidence.text) for m in got]
    assert all(m.evidence.end <= cut for m in got)
    # the same lines with no heading are headlines of the article: coded
    assert len(extract(text.replace(row["heading"] + "\n", ""), doc_id="t", published="2025-06-20")) > 1


CARRIER_ROWS = list(read_tsv("carriers.tsv"))


@pytest.mark.parametrize("row", CARRIER_ROWS, ids=lambda r: f"{r['kind']}-{r['term']}")
def test_carrier_example(row, extract):
    """Every support verb of data/carriers.tsv, in a sentence of ours, carries an event noun into a
    coded event; a flip carrier's subject is then the one it is done to (or who received it)."""
    got = extract(row["example"], doc_id="t", published="2025-01-15")
    assert got, row["example"]
    if row["kind"] == "flip":
        subject = row["example"].split("は", 1)[0]
        assert any(any(subject.endswith(r.text) or r.text in subject for r in m.recipient) or
                   (m.event_type == "AID" and any(r.text in subject for r in m.recipient)) for m in got), \
            [(m.event_type, [a.text for a in m.actor], [r.text for r in m.recipient]) for m in got]
