"""The extraction pipeline: named components run in order over one document.

Components are registered by name with what they read and write on the :class:`DocState`
(``@component("parse", reads=("sentences",), writes=("parses",))``), and a pipeline is a tuple of
names, so a stage can be swapped or left out without touching the others, as in spaCy. A
pipeline whose component reads what no earlier one wrote is refused before it runs.

Order: normalise (with an offset map) -> sentences -> context (actors, coreference, dates, and
which sentences can hold an event) -> parse (GiNZA, only candidate sentences, batched) -> events.
The rules live in their stages; this module only orchestrates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from kizashi.actors.coref import CorefTracker
from kizashi.actors.home import home_state
from kizashi.discourse.roles import assign_roles, label_mentions
from kizashi.document import DocState, Resources, Sentence
from kizashi.errors import InputError
from kizashi.events import filters
from kizashi.events.confidence import default_threshold
from kizashi.events.speech import saying_verbs
from kizashi.events.stage import find_events
from kizashi.nlp.asides import blank_asides
from kizashi.nlp.normalize import normalize
from kizashi.nlp.repair import repair
from kizashi.nlp.sentences import is_headline, navigation_spans, split_sentences
from kizashi.records import EventMention
from kizashi.time.dates import DateResolver, PartialDate, find_dateline, parse_iso_partial

__all__ = ["COMPONENTS", "DEFAULT_PIPELINE", "Component", "DocState", "Resources", "component", "extract",
           "check_pipeline"]


@dataclass(frozen=True)
class Component:
    name: str
    fn: Callable[[DocState], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


COMPONENTS: dict[str, Component] = {}
DEFAULT_PIPELINE = ("normalize", "sentences", "context", "roles", "parse", "events")
#: what the caller gives every document
GIVEN = ("text", "published", "resources")


def component(name: str, reads: tuple[str, ...] = (), writes: tuple[str, ...] = ()):
    """Register a pipeline component under ``name`` with the parts of the state it reads and writes."""
    def deco(fn):
        COMPONENTS[name] = Component(name, fn, tuple(reads), tuple(writes))
        return fn
    return deco


def check_pipeline(names: tuple[str, ...]) -> None:
    """Refuse a pipeline with an unknown component or one that reads what no earlier one wrote."""
    have = set(GIVEN)
    for n in names:
        comp = COMPONENTS.get(n)
        if comp is None:
            raise ValueError(f"unknown pipeline component {n!r}; known: {', '.join(COMPONENTS)}")
        missing = [r for r in comp.reads if r not in have]
        if missing:
            raise ValueError(f"component {n!r} reads {', '.join(missing)}, which no earlier component writes")
        have.update(comp.writes)


@component("normalize", reads=("text",), writes=("norm",))
def _normalize(state: DocState) -> None:
    state.norm = normalize(state.original)


@component("sentences", reads=("norm",), writes=("sentences",))
def _sentences(state: DocState) -> None:
    text = state.norm.text
    lists = navigation_spans(text)
    state.sentences = [Sentence(i, s, e, text[s:e], headline=is_headline(text[s:e]),
                                navigation=any(a <= s < b for a, b in lists))
                       for i, (s, e) in enumerate(split_sentences(text))]


@component("context", reads=("norm", "sentences", "published", "resources"),
           writes=("story_date", "actors", "dates", "candidates"))
def _context(state: DocState) -> None:
    """Actors with coreference, dates with their anchor, and the candidate flag, sentence by sentence."""
    if state.published is None:
        state.published = find_dateline(state.norm.text)
    if state.published is not None:
        state.story_date = state.published.isoformat()
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
    tracker = CorefTracker(state.gazetteer)
    home = home_state(state.norm.text, state.gazetteer)  # whose 政府 a bare 政府 is
    anchor_at = -10  # index of the sentence that set the date in force
    named_before = False  # someone was named in the sentence before
    for s in state.sentences:
        s.anchor = resolver.context_anchor(s.index - anchor_at, state.story_date)
        found = tracker.recall_names(s.text, s.start, state.gazetteer.find(s.text, s.start, on=doc_date, home=home))
        s.actors = tracker.resolve_sentence(found, s.text, s.start)
        s.dates = resolver.find(s.text, s.start)
        if any(d.explicit and d.value for d in s.dates):
            anchor_at = s.index
        s.candidate = not s.navigation and filters.is_candidate(s, state.lexicon, someone_before=named_before)
        named_before = any(m.members for m in s.actors)


@component("roles", reads=("sentences", "dates", "story_date"), writes=("roles",))
def _roles(state: DocState) -> None:
    """What each sentence does: event report, claim, background, analysis, forecast or other
    (:mod:`kizashi.discourse.roles`)."""
    assign_roles(state)


@component("parse", reads=("sentences", "candidates"), writes=("parses",))
def _parse(state: DocState) -> None:
    from kizashi.nlp.parser import parse_many

    todo = [s for s in state.sentences if s.candidate]
    saying = saying_verbs(state.lexicon)
    texts = [blank_asides(s.text, s.actors, s.start) for s in todo]
    for s, doc in zip(todo, parse_many(texts)):
        s.parsed = repair(doc, saying)


@component("events", reads=("parses", "actors", "dates", "story_date"), writes=("mentions",))
def _events(state: DocState) -> None:
    find_events(state)
    label_mentions(state)        # sentence_role of each mention (None when "roles" did not run)


def extract(text: str, doc_id: str = "doc", published: dt.date | PartialDate | str | None = None,
            pipeline: tuple[str, ...] = DEFAULT_PIPELINE, resources: Resources | None = None,
            min_confidence: float | None = None) -> list[EventMention]:
    """Event mentions of one document (spec section 1), with offsets into ``text`` as given.

    ``published`` is the document's date (a date, or ISO text at year, month or day precision);
    ``resources`` the lexicon and gazetteer (default: the tables packaged in ``kizashi/data``);
    ``min_confidence`` the confidence a mention needs to be given (default: the threshold fitted
    with the confidence model, docs/evaluation.md; 0 gives every mention found)."""
    if min_confidence is None:
        min_confidence = default_threshold()
    elif not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"{doc_id}: min_confidence", f"{min_confidence!r} is not between 0 and 1")
    if isinstance(published, str):
        try:
            published = parse_iso_partial(published)
        except ValueError as exc:
            raise InputError(f"{doc_id}: published", str(exc), "give YYYY, YYYY-MM or YYYY-MM-DD") from None
    check_pipeline(pipeline)
    state = DocState(doc_id, text, published, resources or Resources.default())
    for name in pipeline:
        COMPONENTS[name].fn(state)
    return [m for m in state.mentions if m.confidence >= min_confidence]
