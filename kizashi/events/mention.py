"""Building one event mention (the spec's record) from a frame whose participants are known:
mode, contexts, date, factuality, source of the claim, quantities and location, with every offset
mapped back to the original text."""
from __future__ import annotations

import datetime as _dt

from kizashi.actors.gazetteer import ActorMention
from kizashi.document import DocState, Sentence
from kizashi.events.attach import Attachment
from kizashi.events.confidence import probability
from kizashi.events.frames import (CASUALTY_VERBS, CONTENT_NOUNS, PLEDGE_NOUNS, Frame, SentenceFrames, compound_text,
                                   marker_of, requirement_met, thing_noun)
from kizashi.factuality.modality import read_modality
from kizashi.factuality.resolve import final_factuality
from kizashi.quantities.extract import find_quantities
from kizashi.records import Entity, EventMention, Quantity, Span
from kizashi.time.dates import DateMention

#: organisations whose meetings are events of one actor (mode multilateral); units of counted
#: people, weapons and materiel
from kizashi.model import COUNT_UNITS, ORGANISATIONS, SPEECH_TYPES, words  # noqa: E402
#: nouns of time whose clause (〜した際, 〜した時) dates the event it frames (data/wordclasses.tsv)
TEMPORAL_HEADS = words("temporal")
#: the types whose mentions carry quantities
COUNTED_TYPES = ("AID", "ASSAULT", "MOBILIZE", "SANCTION", "COOPERATE")


def codes_of(ms) -> list[str]:
    """The entity codes of actor mentions (or entities), in order, without repeats."""
    out = []
    for m in ms:
        members = m.members if isinstance(m, ActorMention) else (m,)
        for e in members:
            if e.code and e.code not in out:
                out.append(e.code)
    return out


def entities(state: DocState, ms, exclude: set[str] = frozenset(), recalled: bool = False) -> list[Entity]:
    """Entities of actor mentions with their surface text and offsets in the original text;
    ``recalled``: the mentions were named in an earlier sentence, so the entities carry their
    text but no offsets into this mention's evidence."""
    out: list[Entity] = []
    seen = set()
    for m in ms:
        if recalled:
            s = e = None
            surface = m.text
        else:
            s, e = state.original_span(m.start, m.end)
            surface = state.original[s:e]
        for ent in m.members:
            key = ent.code or surface
            if key in seen or (ent.code and ent.code in exclude):
                continue
            seen.add(key)
            out.append(Entity(ent.code, surface, ent.sector, s, e))
    return out


def _past(tok) -> bool:
    """Is the predicate ``tok`` in the past tense (〜した)?"""
    return any(c.lemma_ == "た" and c.dep_ == "aux" for c in tok.children)


#: types whose two or more actors with no recipient named acted together (a promise)
TOGETHER = {"AGREE"}


def build_mention(state: DocState, s: Sentence, sf: SentenceFrames, fr: Frame, att: Attachment,
                  frames_in_sentence: int = 1) -> EventMention | None:
    """The record of frame ``fr`` with the participants of ``att``, or None when the participants
    the event needs are missing (AID needs a giver and a receiver, a mutual event two parties)."""
    trig = fr.trigger
    roles = fr.roles
    actor = entities(state, att.actor, recalled=att.recalled_actor)
    if roles == "mutual":
        actor = actor + [e for e in entities(state, att.recipient, recalled=att.recalled_recipient)
                         if e.code not in {a.code for a in actor}]
        recipient: list[Entity] = []
        codes = {a.code for a in actor if a.code}
        if len(codes) < 2 and not (trig.event_type == "CONSULT" and codes & ORGANISATIONS):
            return None
    else:
        recipient = entities(state, att.recipient, exclude={a.code for a in actor if a.code},
                             recalled=att.recalled_recipient)
        if roles == "unary":
            if not any(a.code for a in actor):
                return None
        else:
            if not actor:
                return None
            # 全ての加盟国に求めた: asked of a group that is no state (spec: code null), kept as named
            asked_of_group = trig.event_type == "REQUEST" and recipient and any(a.code for a in actor)
            together = trig.event_type in TOGETHER and len({a.code for a in actor if a.code}) >= 2
            if (not recipient or not any(r.code for r in recipient)) and not asked_of_group and not together:
                if state.lexicon.plover.get(trig.event_type, {}).get("recipient") != "optional" or \
                        not any(a.code for a in actor):
                    return None
                recipient = []  # 拒否権を行使した, 警告した: an act aimed at no one named
            elif together and not any(r.code for r in recipient):
                recipient = []  # ロシアとイランは軍事協力を約束した: promised to each other
    if roles == "unary":
        recipient = []
    mode, contexts = trig.mode, list(trig.contexts)
    if trig.requires or trig.event_type in ("AID", "MOBILIZE"):
        classes = [state.lexicon.object_class(compound_text(thing_noun(o))) for o in fr.objects]
        classes = [c for c in classes if c]
        if trig.requires and fr.pred.i == fr.tokens[-1].i and \
                not requirement_met(trig.requires, {c.cls for c in classes} | fr.goods):
            return None
        for c in classes:
            if c.mode and (trig.event_type == "AID" and mode is None or trig.event_type == "MOBILIZE"):
                mode = c.mode
            for ctx in c.contexts:
                if ctx not in contexts:
                    contexts.append(ctx)
    mod = read_modality(fr.pred, conditional_main=trig.event_type not in ("THREATEN", "REQUEST"),
                        carrier=fr.pred.i not in {t.i for t in fr.tokens},
                        own_negation=not (fr.denial and fr.pred.lemma_ in state.lexicon.speech.admits))
    first, last = fr.tokens[0], fr.tokens[-1]
    ts, te = state.original_span(s.start + first.idx, s.start + last.idx + len(last.text))
    es, ee = state.original_span(s.start, s.end)
    date, date_text = event_date(state, s, s.start + first.idx, fr)
    source_of_claim = []
    if mod.source_token is not None:
        ms = sf.phrase_mentions(mod.source_token)
        source_of_claim = entities(state, ms)
        if not source_of_claim:
            st = mod.source_token
            left = min(t.idx for t in st.subtree if t.dep_ not in ("case", "fixed", "punct"))
            span = state.original_span(s.start + left, s.start + st.idx + len(st.text))
            source_of_claim = [Entity(None, state.original[span[0]:span[1]], None, *span)]
    published = state.published.isoformat() if state.published is not None else None
    # an event noun is background (ロシアの侵攻を受けるウクライナ) unless the clause it is in tells
    # what it did (攻撃で兵士5人が死亡したと伝えた: the attack is part of what is reported)
    background = (fr.nominal and fr.pred.head.lemma_ not in CASUALTY_VERBS) or (fr.gap and fr.pred.dep_ == "acl")
    # (an event noun whose side the text does not name, known only from the world, is what the
    # report around it says: ウクライナへの攻撃で使用したとみられる)
    background = background and "prior" not in (att.actor_how, att.recipient_how if fr.nominal else None)
    # ロシアが…を攻撃したことについては「無謀だ」と批判した: a fact named as what a statement is
    # about is presupposed by it, not what the speaker claims
    background = background or (fr.pred.dep_ == "acl" and fr.pred.head.lemma_ in ("こと", "の") and
                                marker_of(fr.pred.head) in ("について", "については", "は", "に対し", "に対して"))
    # the tense of the predicate, or for an act of speech of the verb that says it
    told_by = fr.pred if trig.event_type not in SPEECH_TYPES else fr.pred.sent.root
    past = _past(told_by)
    # 署名した協定: a clause describing a noun (not a noun's content: 会談する意向, 〜する方針)
    described = fr.pred.dep_ == "acl" and fr.pred.head.lemma_ not in CONTENT_NOUNS | PLEDGE_NOUNS
    factuality = final_factuality(mod, trig.event_type, date, published, {a.code for a in actor},
                                  source_of_claim, background=background, quoted=fr.quoted and sf.quotes_speech(fr.pred),
                                  past=past or (described and _past(fr.pred)), described=described)
    if trig.event_type == "CONSULT":
        mode, actor, recipient = consult_mode(mode, fr, actor, recipient,
                                                visit_of(att.visits, factuality, date if date_text else None))
    signals = {
        "type": trig.event_type, "prior": trig.confidence, "hand": trig.confidence * att.weight,
        "actor_how": att.actor_how, "recipient_how": att.recipient_how if recipient else None,
        "dep": fr.pred.dep_, "factuality": factuality, "nominal": fr.nominal, "embedded": fr.embedded,
        "marked": fr.marked, "gap": fr.gap, "quoted": fr.quoted, "speech": fr.speech,
        "progress": fr.progress, "treaty_head": fr.treaty_head, "headline": s.headline,
        "no_recipient": not recipient and roles not in ("mutual", "unary"), "mutual": roles == "mutual",
        "date_in_sentence": any(d.value for d in s.dates), "frames": frames_in_sentence,
        "length": len(s.text)}
    return EventMention(
        doc=state.doc_id, event_type=trig.event_type, mode=mode, contexts=contexts,
        actor=actor, recipient=recipient, date=date, date_text=date_text, location=location(state, fr, att.recipient),
        quantities=quantities(state, s, fr), factuality=factuality, source_of_claim=source_of_claim,
        trigger=Span(state.original[ts:te], ts, te), evidence=Span(state.original[es:ee], es, ee),
        score=state.lexicon.score(trig.event_type), confidence=probability(signals), signals=signals)


def consult_mode(mode, fr: Frame, actor, recipient, visit=None):
    """Calls, visits and meetings in a third country (spec section 3, CONSULT); a meeting with no
    place of its own, told just after a visit between its parties (``visit``, a discourse.Told),
    took place at the host's."""
    if fr.phone:
        return "phone", actor, recipient
    if not recipient and {a.code for a in actor} & ORGANISATIONS:
        return "multilateral", actor, recipient
    if not mode and not fr.venue and visit is not None:
        parties = actor + recipient
        return ("visit", [e for e in parties if e.code in visit.actor_codes],
                [e for e in parties if e.code in visit.recipient_codes])
    if mode or not fr.venue:
        return mode, actor, recipient
    place = {c for m in fr.venue for c in m.codes if c}
    parties = actor + recipient
    hosts = [e for e in parties if e.code in place]
    guests = [e for e in parties if e.code not in place]
    if hosts and guests:
        return "visit", guests, hosts
    if place and not hosts:
        return "third-party", parties, []
    return mode, actor, recipient


def visit_of(visits: list, factuality: str | None, date: str | None):
    """The visit a meeting belongs to, of those told just before between its parties (latest
    first): not one of another time. A meeting to come is not part of a visit made (「外相が18日に
    訪朝する。総書記は先月訪露した。外相は会談する見通しだ」: the coming one), a meeting told as
    done not part of a visit to come, and a meeting dated apart from the visit (昨年9月に会談)
    not part of it: ``date`` is the meeting's own, told in its sentence."""
    for v in visits:
        if (factuality == "future") != (v.factuality == "future"):
            continue
        if date and v.date and not (date.startswith(v.date) or v.date.startswith(date)) and \
                not _near(date, v.date):
            continue
        return v
    return None


def _near(a: str, b: str, days: int = 7) -> bool:
    """Are two day dates at most ``days`` apart (a visit of several days)?"""
    try:
        return abs((_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days) <= days
    except ValueError:
        return False


def location(state: DocState, fr: Frame, recipient_ms) -> dict | None:
    """Where it happened: a place named with で (平壌で会談), else a place that is the goal (クルスク州に派遣)."""
    places = fr.venue or [m for m in recipient_ms if m.kind == "capital"]
    if not places:
        return None
    m = places[0]
    a, b = state.original_span(m.start, m.end)
    return {"text": state.original[a:b], "country": next((c for c in m.codes if c), None)}


def event_date(state: DocState, s: Sentence, at: int, fr: Frame | None = None) -> tuple[str | None, str | None]:
    """The sentence's date nearest before the trigger, else after it, else the date in force.

    A date inside a relative clause of another predicate (6月に署名された条約について協議した)
    dates that predicate, not this event."""
    usable = [d for d in s.dates if d.value and d.kind != "until" and
              (fr is None or not _in_other_relative_clause(s, d, fr))]
    before = [d for d in usable if d.start <= at]
    after = [d for d in usable if d.start > at]
    pick = before[-1] if before else (after[0] if after else None)
    if pick is not None:
        a, b = state.original_span(pick.start, pick.end)
        return pick.value, state.original[a:b]
    return s.anchor, None


def _in_other_relative_clause(s: Sentence, d: DateMention, fr: Frame) -> bool:
    doc = s.parsed
    rel = d.start - s.start
    tok = next((t for t in doc if t.idx <= rel < t.idx + len(t.text)), None)
    if tok is None:
        return False
    own = {fr.pred.i} | {t.i for t in fr.tokens}
    t, steps = tok, 0
    while t.head.i != t.i and steps < 12:
        if t.i in own:
            return False
        if t.dep_ == "acl" and t.pos_ == "VERB":
            if t.head.lemma_ in TEMPORAL_HEADS:
                return False  # 9月に訪問した際、…表明した: a clause of time dates the event it frames
            return not any(a.i in own for a in t.subtree)
        t, steps = t.head, steps + 1
    return False


def quantities(state: DocState, s: Sentence, fr: Frame) -> list[Quantity]:
    if fr.trigger.event_type not in COUNTED_TYPES:
        return []
    pred = fr.pred
    lo = min(t.idx for t in pred.subtree)
    hi = max(t.idx + len(t.text) for t in pred.subtree)
    found = [q for q in find_quantities(s.text, s.start) if q.start is not None]
    inside = [q for q in found if s.start + lo <= q.start and q.end <= s.start + hi]
    if not inside and fr.trigger.event_type in ("AID", "ASSAULT"):
        # the parser hung the number elsewhere (〜人規模の部隊が…): counted people or munitions still count
        inside = [q for q in found if q.unit in COUNT_UNITS]
    out = []
    for q in inside:
        a, b = state.original_span(q.start, q.end)
        out.append(Quantity(state.original[a:b], q.value, q.low, q.high, q.approx, q.unit, q.object, a, b))
    return out
