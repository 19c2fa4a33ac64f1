"""The fast tier: the event rules run on parses given by hand, without loading GiNZA.

A parse is written one token per line, ``text lemma POS tag dep head`` (head: the index of the
head token; the root is its own head), as GiNZA gives it for a sentence of ours; the sentence's
text is the tokens joined. :func:`run` puts the hand parses in place of the parser and runs the
rest of the real pipeline (normalisation, sentences, actors, dates, events) on the text they
make, so a rule is tested on exactly the tree it is written for, in milliseconds.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kizashi.events.confidence import default_threshold
from kizashi.events.speech import saying_verbs
from kizashi.nlp.repair import repair
from kizashi.pipeline import COMPONENTS, DocState, Resources
from kizashi.time.dates import parse_iso_partial

VOCAB = Vocab()


BLANK = re.compile(r"␣(\d+)")


def build_doc(rows: str) -> Doc:
    """A spaCy Doc from lines of ``text lemma POS tag dep head``; a text or lemma ``␣N`` is a
    token of N spaces (an aside blanked for the parser, kizashi/nlp/asides.py)."""
    lines = [ln.split() for ln in rows.strip().splitlines() if ln.strip()]
    for ln in lines:
        if len(ln) != 6:
            raise ValueError(f"a token line has 6 fields (text lemma POS tag dep head): {ln}")
    lines = [[BLANK.sub(lambda m: " " * int(m.group(1)), f) for f in ln] for ln in lines]
    words, lemmas, pos, tags, deps, heads = zip(*lines)
    return Doc(VOCAB, words=list(words), spaces=[False] * len(words), lemmas=list(lemmas),
               pos=list(pos), tags=list(tags), deps=list(deps), heads=[int(h) for h in heads])


def run(*parses: str, published: str | None = "2025-03-01"):
    """Event mentions of the text the hand parses make, each parse a sentence of it."""
    docs = [build_doc(p) for p in parses]
    text = "".join(d.text for d in docs)
    state = DocState("fast", text, parse_iso_partial(published) if published else None, Resources.default())
    for name in ("normalize", "sentences", "context"):
        COMPONENTS[name].fn(state)
    by_text = {d.text: d for d in docs}
    for s in state.sentences:
        if s.text not in by_text:
            raise ValueError(f"sentence {s.text!r} has no parse (parses: {list(by_text)})")
        s.parsed = repair(by_text[s.text], saying_verbs(state.lexicon))
    COMPONENTS["events"].fn(state)
    return [m for m in state.mentions if m.confidence >= default_threshold()]  # as extract() does


def codes(entities) -> set[str]:
    return {e.code for e in entities if e.code}


def parts(mentions, etype: str | None = None) -> list[tuple]:
    return [(m.event_type, sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in mentions
            if etype is None or m.event_type == etype]


