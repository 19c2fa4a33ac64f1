"""The final factuality of a mention: the modality read from the parse, then what the mention
as a whole says about it (its date, who says it).

:func:`kizashi.factuality.modality.read_modality` reads the cues on the predicate's chain of
heads; this module applies the two rules that need the finished mention:

* an event dated after the publication is planned or predicted: at least ``future``;
* a speech act said by its own actor (「ロシアは北朝鮮の立場を支持する」と述べた) is the event
  itself: ``asserted``, not ``reported``, unless a medium or a によると source tells it.
"""
from __future__ import annotations

from kizashi.factuality.modality import PRECEDENCE, Modality

#: events that are acts of speech: said by their own actor, they are asserted, not reported
SPEECH_TYPES = {"SUPPORT", "AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


def more_restrictive(a: str, b: str) -> bool:
    """Is factuality ``a`` more restrictive than ``b`` (spec section 4)?"""
    return PRECEDENCE.index(a) < PRECEDENCE.index(b)


def final_factuality(mod: Modality, event_type: str, date: str | None, published_iso: str | None,
                     actor_codes: set, source_of_claim) -> str:
    value = mod.factuality
    if date and published_iso and date > published_iso[:len(date)] and more_restrictive("future", value):
        value = "future"  # dated after publication: planned or predicted
    if value == "reported" and mod.cue != "によると" and event_type in SPEECH_TYPES and source_of_claim \
            and all(e.sector != "MED" for e in source_of_claim) and \
            {e.code for e in source_of_claim} <= actor_codes:
        value = "asserted"  # the speaker's own words are the event (「…を支持する」と述べた)
    return value
