"""Input that used to crash or silently lose events: invisible characters inside names and
triggers, lone surrogates, over-long sentences (issue 9). Real pipeline, our own sentences."""
from __future__ import annotations

import json

import pytest

SENTENCE = "北朝鮮はロシアに砲弾を供与した。"


def _coded(mentions):
    return [(m.event_type, [a.code for a in m.actor], [r.code for r in m.recipient])
            for m in mentions]


@pytest.mark.parametrize("text", [
    "北朝鮮はロシアに砲弾を供\u200b与した。",            # zero-width space in the trigger
    "北\u200b朝鮮はロ\u200fシアに砲弾を供与した。",      # inside names (ZWSP, RLM)
    "北朝\u202e鮮はロシアに砲弾を供\u2066与\u2069した。",  # bidi override and isolate
])
def test_invisible_characters_do_not_lose_the_event(extract, text):
    ms = extract(text, published="2024-06-01")
    assert _coded(ms) == [("AID", ["PRK"], ["RUS"])]
    m = ms[0]
    # offsets point at the original characters: the trigger's span is what the text holds there
    assert text[m.trigger.start:m.trigger.end] == m.trigger.text
    assert m.trigger.text.replace("\u200b", "").replace("\u2066", "").replace("\u2069", "") == "供与"
    assert text[m.evidence.start:m.evidence.end] == m.evidence.text


def test_lone_surrogates_neither_crash_the_parser_nor_the_record_writer(extract, tmp_path):
    text = "北朝鮮はロシアに砲弾\ud800を供与した。"
    ms = extract(text, published="2024-06-01")
    assert _coded(ms) == [("AID", ["PRK"], ["RUS"])]
    out = tmp_path / "out.jsonl"
    with open(out, "w", encoding="utf-8") as fh:       # strict UTF-8, as the CLI writes
        for m in ms:
            fh.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert "\ufffd" in rec["evidence"]["text"]
    assert len(rec["evidence"]["text"]) == ms[0].evidence.end - ms[0].evidence.start
