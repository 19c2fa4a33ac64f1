"""The extraction pipeline: named components run in order over one document.

Components are registered by name (``@component("dates")``) and a pipeline is a tuple of names,
so a stage can be swapped or left out without touching the others, as in spaCy. Each component
reads and fills a :class:`DocState`.

Order: normalise (with an offset map) -> sentences -> context (actors, coreference, dates, and
which sentences can hold an event) -> parse (GiNZA, only candidate sentences, batched) -> events.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from kizashi.actors.coref import CorefTracker
from kizashi.actors.gazetteer import ActorMention, Gazetteer
from kizashi.events.frames import Frame, SentenceFrames, compound_text, requirement_met
from kizashi.events.lexicon import Lexicon, default_lexicon
from kizashi.factuality.modality import PRECEDENCE, read_modality
from kizashi.nlp.normalize import NormalizedText, normalize
from kizashi.nlp.sentences import split_sentences
from kizashi.quantities.extract import find_quantities
from kizashi.records import Entity, EventMention, Quantity, Span
from kizashi.time.dates import DateMention, DateResolver, find_dateline, parse_iso_partial

COMPONENTS: dict[str, Callable[["DocState"], None]] = {}
DEFAULT_PIPELINE = ("normalize", "sentences", "context", "parse", "events")
SOURCE_WEIGHT = {"explicit": 1.0, "topic": 0.9, "context": 0.75}
#: how many sentences back a zero subject may be filled from
CONTEXT_WINDOW = 3


def component(name: str):
    """Register a pipeline component under ``name``."""
    def deco(fn):
        COMPONENTS[name] = fn
        return fn
    return deco


@dataclass
class Sentence:
    index: int
    start: int                      # offsets into the normalised text
    end: int
    text: str
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    anchor: str | None = None       # the date in force before this sentence (ISO, partial)
    candidate: bool = False
    parsed: object | None = None


@dataclass
class DocState:
    doc_id: str
    original: str
    published: dt.date | None
    lexicon: Lexicon
    gazetteer: Gazetteer
    norm: NormalizedText | None = None
    story_date: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)


@component("normalize")
def _normalize(state: DocState) -> None:
    state.norm = normalize(state.original)


@component("sentences")
def _sentences(state: DocState) -> None:
    text = state.norm.text
    state.sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(split_sentences(text))]


def _iso(d: dt.date) -> str:
    return d.isoformat()


@component("context")
def _context(state: DocState) -> None:
    """Actors with coreference, dates with their anchor, and the candidate flag, sentence by sentence."""
    text = state.norm.text
    if state.published is None:
        state.published = find_dateline(text)
    if state.published is not None:
        state.story_date = _iso(state.published)
    else:  # no metadata and no dateline: the first date the text names with a year
        probe = DateResolver(None)
        for s in state.sentences:
            hit = next((d for d in probe.find(s.text, s.start) if d.explicit and d.value), None)
            if hit:
                state.story_date = hit.value
                break
    resolver = DateResolver(state.published)
    # offices (李大統領, ショイグ氏) are chosen by the document's own date, at whatever precision
    doc_date = state.published if state.published is not None else (
        parse_iso_partial(state.story_date) if state.story_date else None)
    tracker = CorefTracker()
    anchor_at = -10  # index of the sentence that set the date in force
    for s in state.sentences:
        anchor = resolver.anchor_iso()
        if anchor and anchor != state.story_date and s.index - anchor_at > 1 and state.story_date:
            # a date from further back is a weaker guess than the article's own date: keep its year
            anchor = anchor[:4] if anchor[:4] == state.story_date[:4] else state.story_date[:4]
        s.anchor = anchor or (state.story_date[:4] if state.story_date else None)
        found = state.gazetteer.find(s.text, s.start, on=doc_date)
        s.actors = tracker.resolve_sentence(found)
        s.dates = resolver.find(s.text, s.start)
        if any(d.explicit and d.value for d in s.dates):
            anchor_at = s.index
        # only a sentence with a trigger word and someone in it can hold an event we code:
        # the others are not parsed at all (docs/performance.md)
        s.candidate = any(m.members for m in s.actors) and bool(state.lexicon.candidate_re.search(s.text))


@component("parse")
def _parse(state: DocState) -> None:
    from kizashi.nlp.parser import parse_many

    todo = [s for s in state.sentences if s.candidate]
    for s, doc in zip(todo, parse_many([s.text for s in todo])):
        s.parsed = doc


@component("events")
def _events(state: DocState) -> None:
    context_agent: tuple[int, list] | None = None
    last_recipient: dict[tuple, tuple[int, list]] = {}
    last_event: tuple[int, list] | None = None
    for s in state.sentences:
        if s.parsed is None:
            continue
        sf = SentenceFrames(s.parsed, s.actors, state.lexicon, s.start)
        seen = set()
        frames = sf.frames()
        governed = _governed(frames)
        for fr in frames:
            if not _worth_coding(fr) or id(fr) in governed:
                continue
            actor_ms = fr.actor
            source = fr.source
            if not _codes(actor_ms) and fr.roles != "mutual" and fr.source == "context" and context_agent and \
                    s.index - context_agent[0] <= CONTEXT_WINDOW:
                actor_ms, source = context_agent[1], "context"
            if context_agent and s.index - context_agent[0] <= CONTEXT_WINDOW and \
                    any(m.kind == "anaphor" and m.text.startswith("同国") for m in actor_ms):
                actor_ms = context_agent[1]  # 同国 is the previous event's subject more often than the last state named
            key_ar = (fr.trigger.event_type, tuple(sorted(_codes(actor_ms))))
            if fr.roles in ("give", "target", "with") and not _codes(fr.recipient) and key_ar in last_recipient \
                    and s.index - last_recipient[key_ar][0] <= CONTEXT_WINDOW:
                # 同国はこれまでに計1万5000人を送り込んだ: to whom, the previous sentence said
                fr.recipient = last_recipient[key_ar][1]
            if fr.trigger.event_type == "ACCUSE" and not _codes(fr.recipient) and last_event and \
                    s.index - last_event[0] <= 1 and set(_codes(last_event[1])) - set(_codes(actor_ms)):
                # 北朝鮮はミサイルを発射した。首相は「容認できない」と非難した: the one just reported
                fr.recipient = last_event[1]
            em = _mention(state, s, sf, fr, actor_ms, source)
            if em is None:
                continue
            key = (em.event_type, tuple(sorted(_codes(em.actor))), tuple(sorted(_codes(em.recipient))))
            if key in seen:
                continue
            seen.add(key)
            state.mentions.append(em)
            if fr.recipient:
                last_recipient[key_ar] = (s.index, fr.recipient)
            last_event = (s.index, actor_ms)
            if source in ("explicit", "topic") and em.actor and fr.roles != "mutual":
                context_agent = (s.index, actor_ms)


#: nouns that turn a clause into a complement (〜したことは, 〜したのは), not a relative clause
FORMAL_NOUNS = {"こと", "事", "の", "もの", "ところ", "事実", "点", "ため", "中", "際", "後", "上", "結果", "まま"}


#: events whose content is another event: what is promised, requested or threatened is part of them
GOVERNING = {"AGREE", "REQUEST", "THREATEN"}


def _governed(frames: list[Frame]) -> set[int]:
    """Frames inside the complement of a promise, request or threat (支援すると約束した)."""
    out = set()
    for g in frames:
        if g.trigger.event_type not in GOVERNING:
            continue
        for f in frames:
            if f is g or f.trigger.event_type in GOVERNING:
                continue
            t, steps = f.pred, 0
            while t.head.i != t.i and steps < 4:
                t = t.head
                steps += 1
                if t.i == g.pred.i:
                    if not any(c.lemma_ in ("ば", "なら", "たら") for c in f.pred.children):
                        out.add(id(f))  # a condition (〜すれば) stays an event of its own
                    break
    return out


#: nouns naming a statement or decision whose content is the clause before them (非難する決議)
DOCUMENT_NOUNS = {"決議", "声明", "共同声明", "談話", "報告書", "文書", "法案", "案", "決議案", "措置", "宣言", "書簡",
                  "声明文"}
#: nouns that, as the predicate (〜する方針だ), frame the clause before them as planned or possible
FRAME_NOUNS = {"予定", "方針", "計画", "見通し", "見込み", "考え", "意向", "可能性", "恐れ", "おそれ", "リスク",
               "疑い", "情報", "模様", "もよう", "見方", "構え", "方向"}


def _content_head(head) -> bool:
    """Is ``head`` a noun whose content the relative clause is (not a thing it describes)?"""
    if head.lemma_ in FORMAL_NOUNS or head.lemma_ in DOCUMENT_NOUNS:
        return True
    if head.lemma_ in FRAME_NOUNS:
        return head.dep_ == "ROOT" or any(c.dep_ == "cop" for c in head.children) or \
            any(c.lemma_ in ("ある", "高まる", "強まる", "示す") for c in [head.head])
    return False


def _worth_coding(fr: Frame) -> bool:
    """Precision rules for mentions that are background rather than reported events."""
    if fr.nominal and fr.roles == "mutual":
        return False  # 「両国の軍事協力は…」: a relationship named as a topic, not an event told
    if fr.nominal and fr.embedded and not fr.marked:
        return False  # 国連の北朝鮮制裁を支持: a bare event noun inside another event
    pred = fr.pred
    if pred.dep_ == "acl" and fr.source != "explicit" and not _content_head(pred.head):
        return False  # 〜を実施した北朝鮮, 支持してきた方針を捨て: a description, not a report of the event
    return True


def _codes(ms) -> list[str]:
    out = []
    for m in ms:
        members = m.members if isinstance(m, ActorMention) else (m,)
        for e in members:
            if e.code and e.code not in out:
                out.append(e.code)
    return out


def _entities(state: DocState, ms, exclude: set[str] = frozenset()) -> list[Entity]:
    out: list[Entity] = []
    seen = set()
    for m in ms:
        s, e = state.norm.span(m.start, m.end)
        surface = state.original[s:e]
        for ent in m.members:
            key = ent.code or surface
            if key in seen or (ent.code and ent.code in exclude):
                continue
            seen.add(key)
            out.append(Entity(ent.code, surface, ent.sector, s, e))
    return out


def _mention(state: DocState, s: Sentence, sf: SentenceFrames, fr: Frame, actor_ms, source) -> EventMention | None:
    trig = fr.trigger
    roles = fr.roles
    actor = _entities(state, actor_ms)
    if roles == "mutual":
        actor = actor + [e for e in _entities(state, fr.recipient) if e.code not in {a.code for a in actor}]
        recipient: list[Entity] = []
        codes = {a.code for a in actor if a.code}
        if len(codes) < 2 and not (trig.event_type == "CONSULT" and codes & ORGANISATIONS):
            return None
    else:
        recipient = _entities(state, fr.recipient, exclude={a.code for a in actor if a.code})
        if roles == "unary":
            if not any(a.code for a in actor):
                return None
        else:
            if not recipient or not any(r.code for r in recipient):
                return None
            if not actor:
                return None
    if roles == "unary":
        recipient = []
    mode, contexts = trig.mode, list(trig.contexts)
    if trig.requires or trig.event_type in ("AID", "MOBILIZE"):
        classes = [state.lexicon.object_class(compound_text(o)) for o in fr.objects]
        classes = [c for c in classes if c]
        if trig.requires and fr.pred.i == fr.tokens[-1].i and \
                not requirement_met(trig.requires, {c.cls for c in classes}):
            return None
        for c in classes:
            if c.mode and (trig.event_type == "AID" and mode is None or trig.event_type == "MOBILIZE"):
                mode = c.mode
            for ctx in c.contexts:
                if ctx not in contexts:
                    contexts.append(ctx)
    if trig.event_type == "CONSULT":
        mode, actor, recipient = _consult_mode(mode, fr, actor, recipient, state)
    mod = read_modality(fr.pred, conditional_main=trig.event_type not in ("THREATEN", "REQUEST"))
    first, last = fr.tokens[0], fr.tokens[-1]
    ts, te = state.norm.span(s.start + first.idx, s.start + last.idx + len(last.text))
    es, ee = state.norm.span(s.start, s.end)
    date, date_text = _event_date(state, s, s.start + first.idx, fr)
    if date and state.published and date > _iso(state.published)[:len(date)] and \
            PRECEDENCE.index(mod.factuality) > PRECEDENCE.index("future"):
        mod.factuality = "future"  # dated after publication: planned or predicted
    source_of_claim = []
    if mod.source_token is not None:
        ms = sf.phrase_mentions(mod.source_token)
        source_of_claim = _entities(state, ms)
        if not source_of_claim:
            st = mod.source_token
            left = min(t.idx for t in st.subtree if t.dep_ not in ("case", "fixed", "punct"))
            span = state.norm.span(s.start + left, s.start + st.idx + len(st.text))
            source_of_claim = [Entity(None, state.original[span[0]:span[1]], None, *span)]
    if mod.factuality == "reported" and mod.cue != "によると" and trig.event_type in SPEECH_TYPES and \
            source_of_claim and all(e.sector != "MED" for e in source_of_claim) and \
            {e.code for e in source_of_claim} <= {a.code for a in actor}:
        mod.factuality = "asserted"  # the speaker's own words are the event (「…を支持する」と述べた)
    quantities = _quantities(state, s, fr)
    conf = trig.confidence * SOURCE_WEIGHT.get(source, 0.7)
    location = _location(state, fr)
    return EventMention(
        doc=state.doc_id, event_type=trig.event_type, mode=mode, contexts=contexts,
        actor=actor, recipient=recipient, date=date, date_text=date_text, location=location,
        quantities=quantities, factuality=mod.factuality, source_of_claim=source_of_claim,
        trigger=Span(state.original[ts:te], ts, te), evidence=Span(state.original[es:ee], es, ee),
        score=state.lexicon.score(trig.event_type), confidence=conf)


#: organisations whose meetings are events of one actor (mode multilateral)
from kizashi.model import ORGANISATIONS  # noqa: E402 - organisations.tsv
#: events that are acts of speech: said by their own actor, they are asserted, not reported
from kizashi.model import SPEECH_TYPES  # noqa: E402 - plover.tsv


def _consult_mode(mode, fr: Frame, actor, recipient, state: DocState):
    """Calls, visits and meetings in a third country (spec section 3, CONSULT)."""
    if fr.phone:
        return "phone", actor, recipient
    if not recipient and {a.code for a in actor} & ORGANISATIONS:
        return "multilateral", actor, recipient
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


def _location(state: DocState, fr: Frame) -> dict | None:
    """Where it happened: a place named with で (平壌で会談), else a place that is the goal (クルスク州に派遣)."""
    places = fr.venue or [m for m in fr.recipient if m.kind == "capital"]
    if not places:
        return None
    m = places[0]
    a, b = state.norm.span(m.start, m.end)
    return {"text": state.original[a:b], "country": next((c for c in m.codes if c), None)}


def _event_date(state: DocState, s: Sentence, at: int, fr: Frame | None = None) -> tuple[str | None, str | None]:
    """The sentence's date nearest before the trigger, else after it, else the date in force.

    A date inside a relative clause of another predicate (6月に署名された条約について協議した)
    dates that predicate, not this event."""
    usable = [d for d in s.dates if d.value and (fr is None or not _in_other_relative_clause(s, d, fr))]
    before = [d for d in usable if d.start <= at]
    after = [d for d in usable if d.start > at]
    pick = before[-1] if before else (after[0] if after else None)
    if pick is not None:
        a, b = state.norm.span(pick.start, pick.end)
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
            return not any(a.i in own for a in t.subtree)
        t, steps = t.head, steps + 1
    return False


def _quantities(state: DocState, s: Sentence, fr: Frame) -> list[Quantity]:
    if fr.trigger.event_type not in ("AID", "ASSAULT", "MOBILIZE", "SANCTION", "COOPERATE"):
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
        a, b = state.norm.span(q.start, q.end)
        out.append(Quantity(state.original[a:b], q.value, q.low, q.high, q.approx, q.unit, q.object, a, b))
    return out


#: units of counted people, weapons and materiel
from kizashi.model import COUNT_UNITS  # noqa: E402 - units.tsv


def extract(text: str, doc_id: str = "doc", published: dt.date | str | None = None,
            pipeline: tuple[str, ...] = DEFAULT_PIPELINE) -> list[EventMention]:
    """Event mentions of one document (spec section 1), with offsets into ``text`` as given."""
    if isinstance(published, str):
        published = parse_iso_partial(published)
    state = DocState(doc_id, text, published, default_lexicon(), Gazetteer.default())
    for name in pipeline:
        COMPONENTS[name](state)
    return state.mentions
