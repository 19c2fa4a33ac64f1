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

def _reverses_a_visit(em, found: list) -> bool:
    """Is ``em`` a meeting told the other way round from a visit found in the same sentence?"""
    a, r = set(codes_of(em.actor)), set(codes_of(em.recipient))
    return any(m.event_type == "CONSULT" and m.mode == "visit" and set(codes_of(m.actor)) == r and
               set(codes_of(m.recipient)) == a for m in found)


def find_events(state: DocState) -> None:
    discourse = DiscourseModel()
    for s in state.sentences:
        discourse.observe_sentence(s.index, s.text, s.start, s.actors)
        if s.parsed is None:
            continue
        sf = SentenceFrames(s.parsed, s.actors, state.lexicon, s.start)
        seen = set()
        found: list = []  # mentions of this sentence
        frames = sf.frames()
        frames += speech_frames(sf, frames)
        governed = filters.governed(frames)
        for fr in frames:
            # background (a topic, a description, a promise's content) is kept as a candidate the
            # confidence model weighs (signals["filtered"]), never told to the discourse
            why = "governed" if id(fr) in governed else filters.not_coded(fr)
            att = attach(fr, s.index, discourse, state.story_date, state.gazetteer, frames)
            em = build_mention(state, s, sf, fr, att, len(frames))
            if em is None:
                continue
            if why is not None:
                em.signals["filtered"] = why
                em.confidence = probability(em.signals)
                key = (em.event_type, tuple(sorted(codes_of(em.actor))), tuple(sorted(codes_of(em.recipient))))
                if key not in seen:
                    seen.add(key)
                    found.append(em)
                    state.mentions.append(em)
                continue
            key = (em.event_type, tuple(sorted(codes_of(em.actor))), tuple(sorted(codes_of(em.recipient))))
            if key in seen:
                continue
            seen.add(key)
            if em.event_type == "CONSULT" and _reverses_a_visit(em, found):
                continue  # 訪朝したウォロジン議長と会見した: the visitor's visit says who came to whom
            found.append(em)
            state.mentions.append(em)
            discourse.observe_event(s.index, fr.trigger.event_type, att.actor, att.recipient,
                                    subject=att.actor_how in ("frame", "clause") and bool(em.actor)
                                    and fr.roles != "mutual")
