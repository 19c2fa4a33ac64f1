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
from kizashi.events.frames import SentenceFrames
from kizashi.events.mention import build_mention, codes_of

#: confidence weight of a mention by where its actor came from
SOURCE_WEIGHT = {"explicit": 1.0, "topic": 0.9, "context": 0.75}


def find_events(state: DocState) -> None:
    discourse = DiscourseModel()
    for s in state.sentences:
        if s.parsed is None:
            continue
        sf = SentenceFrames(s.parsed, s.actors, state.lexicon, s.start)
        seen = set()
        frames = sf.frames()
        governed = filters.governed(frames)
        for fr in frames:
            if not filters.worth_coding(fr) or id(fr) in governed:
                continue
            actor_ms = fr.actor
            source = fr.source
            recalled = discourse.salient_subject(s.index)
            if not codes_of(actor_ms) and fr.roles != "mutual" and fr.source == "context" and recalled:
                actor_ms, source = recalled, "context"
            if recalled and any(m.kind == "anaphor" and m.text.startswith("同国") for m in actor_ms):
                actor_ms = recalled  # 同国 is the previous event's subject more often than the last state named
            actor_key = tuple(sorted(codes_of(actor_ms)))
            if fr.roles in ("give", "target", "with") and not codes_of(fr.recipient):
                earlier = discourse.recipient_of(fr.trigger.event_type, actor_key, s.index)
                if earlier:
                    # 同国はこれまでに計1万5000人を送り込んだ: to whom, the previous sentence said
                    fr.recipient = earlier
            if fr.trigger.event_type == "ACCUSE" and not codes_of(fr.recipient):
                reported = discourse.just_reported(s.index)
                if reported and set(codes_of(reported)) - set(codes_of(actor_ms)):
                    # 北朝鮮はミサイルを発射した。首相は「容認できない」と非難した: the one just reported
                    fr.recipient = reported
            em = build_mention(state, s, sf, fr, actor_ms, fr.recipient, SOURCE_WEIGHT.get(source, 0.7))
            if em is None:
                continue
            key = (em.event_type, tuple(sorted(codes_of(em.actor))), tuple(sorted(codes_of(em.recipient))))
            if key in seen:
                continue
            seen.add(key)
            state.mentions.append(em)
            discourse.observe_event(s.index, fr.trigger.event_type, actor_key, actor_ms, fr.recipient,
                                    subject=source in ("explicit", "topic") and bool(em.actor)
                                    and fr.roles != "mutual")
