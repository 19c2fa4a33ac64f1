"""The events stage: frames of each parsed sentence -> participants -> mentions.

For every sentence in reading order: find the frames (:mod:`kizashi.events.frames`), drop what is
not coded (:mod:`kizashi.events.filters`), fill the roles the sentence leaves empty from the
discourse (:mod:`kizashi.actors.discourse`), build the record (:mod:`kizashi.events.mention`),
and tell the discourse model what was found.
"""
from __future__ import annotations

from kizashi.actors.discourse import DiscourseModel
from kizashi.document import DocState
from kizashi.events import filters
from kizashi.events.attach import attach
from kizashi.events.frames import SentenceFrames
from kizashi.events.mention import build_mention, codes_of
from kizashi.events.confidence import probability
from kizashi.events.speech import speech_frames
from kizashi.model import SPEECH_TYPES

def _reverses_a_visit(em, found: list) -> bool:
    """Is ``em`` a meeting told the other way round from a visit found in the same sentence?"""
    a, r = set(codes_of(em.actor)), set(codes_of(em.recipient))
    return any(m.event_type == "CONSULT" and m.mode == "visit" and set(codes_of(m.actor)) == r and
               set(codes_of(m.recipient)) == a for m in found if not m.signals.get("filtered"))


def _headline(s) -> bool:
    """Is sentence ``s`` the story's headline (its first line, with no full stop)?"""
    return s.index == 0 and "。" not in s.text


def _section_heading(s, before) -> bool:
    """Is sentence ``s`` a heading inside the story (「兵士と技術者の派遣」 after a paragraph): a line
    with no full stop, after a sentence that had one, naming no one? What it names is the topic of
    the section that follows, which tells the events."""
    return s.headline and before is not None and not before.headline and not any(m.members for m in s.actors)


def _key(em, found: dict | None = None) -> tuple:
    """One mention per type and sides in a sentence; but weapons and troops sent (砲弾を送り、工兵も
    派遣した) are two events: a mode that differs from the one already found keys a second, and so
    does a date that differs, or a future against a told one."""
    key = em.event_type, tuple(sorted(codes_of(em.actor))), tuple(sorted(codes_of(em.recipient)))
    if found is not None and key in found and em.mode and found[key].mode and em.mode != found[key].mode:
        return key + (em.mode,)
    if found is not None and key in found and em.date and found[key].date and \
            not str(em.date).startswith(str(found[key].date)) and not str(found[key].date).startswith(str(em.date)):
        return key + (str(em.date),)  # 2024年に1万人を送り、2025年にも増援を派兵した: two sendings
    if found is not None and key in found and (em.factuality == "future") != (found[key].factuality == "future"):
        return key + ("future" if em.factuality == "future" else "told",)  # これまでに…派兵し、年末までに…派兵する見込み
    return key


def find_events(state: DocState) -> None:
    """Fill ``state.mentions``; when ``state.trace`` is a list, also record every frame's fate
    (for ``python -m kizashi.events.explain``)."""
    discourse = DiscourseModel()
    trace = state.trace
    pending: list = []  # a headline's events that lack a side, read again once the story is told
    before = None
    for s in state.sentences:
        discourse.observe_sentence(s.index, s.text, s.start, s.actors)
        heading, before = _section_heading(s, before), s
        if s.parsed is None:
            continue
        sf = SentenceFrames(s.parsed, s.actors, state.lexicon, s.start, state.story_date)
        named = any(m.members for m in s.actors)  # else parsed for the sides the sentences before named
        found: dict[tuple, object] = {}  # mentions of this sentence by (type, actors, recipients)
        frames = sf.frames()
        frames += speech_frames(sf, frames)
        governed = filters.governed(frames)
        described = filters.described(frames)
        for fr in frames:
            # background (a topic, a habit, a promise's content) is kept as a candidate the
            # confidence model weighs (signals["filtered"]), never told to the discourse
            why = "governed" if id(fr) in governed else "habit" if id(fr) in described else \
                "heading" if heading else filters.not_coded(fr) or (None if named else filters.unnamed_description(fr))
            att = attach(fr, s.index, discourse, state.story_date, state.gazetteer, frames)
            em = build_mention(state, s, sf, fr, att, len(frames))
            fate = why or "coded"
            if em is None:
                fate = "no participants"
                if why is None and _headline(s):
                    pending.append((s, sf, fr, frames, found))
            elif why is not None:
                em.signals["filtered"] = why
                em.confidence = probability(em.signals)
                found.setdefault(_key(em), em)
            elif (key := _key(em, found)) in found and not found[key].signals.get("filtered"):
                fate = "repeated"
            elif em.event_type == "CONSULT" and _reverses_a_visit(em, list(found.values())):
                fate = "reverses a visit"  # 訪朝したウォロジン議長と会見した: who came to whom
            else:
                found[key] = em  # a background candidate of the same key gives way
                discourse.observe_event(s.index, fr.trigger.event_type, att.actor, att.recipient,
                                        subject=att.actor_how in ("frame", "clause") and bool(em.actor)
                                        and fr.roles != "mutual" and not fr.nominal, mode=em.mode,
                                        factuality=em.factuality, date=em.date)
                if fr.trigger.event_type in SPEECH_TYPES and att.actor_how in ("frame", "clause", "discourse"):
                    discourse.observe_speaker(s.index, att.actor)
            if trace is not None:
                trace.append((s.index, fr, att, em, fate))
        state.mentions.extend(found.values())
    for s, sf, fr, frames, found in pending:
        # 北朝鮮軍派兵から1年: to whom, the story says after its headline
        att = attach(fr, s.index, discourse, state.story_date, state.gazetteer, frames)
        em = build_mention(state, s, sf, fr, att, len(frames))
        if em is not None and _key(em) not in found:
            found[_key(em)] = em
            state.mentions.append(em)
            if trace is not None:
                trace.append((s.index, fr, att, em, "coded from the story"))
    if pending:  # keep the mentions in reading order
        state.mentions.sort(key=lambda m: m.evidence.start)
