"""Cross-document fusion: event mentions from many articles become real-world events.

The input is a list of ``(MentionContext, EventMention)`` pairs: every mention kizashi extracted,
with the article it came from (doc id, outlet, publication date). :func:`fuse` groups them into
:class:`FusedEvent` records with a deterministic greedy clustering (no randomness, no dependence
on the input order beyond the documented tie-breaks).

Two mentions (or a mention and a cluster) are compatible when

* **type** — the PLOVER type is the same; modes are compatible when equal or when either is
  missing (``CONSULT``/``visit`` joins a plain ``CONSULT``), so a troop dispatch (``AID``/
  ``troops``) never joins a shell delivery (``AID``/``weapons``);
* **participants** — per role, the code sets are equal or one is a subset of the other (the
  cluster keeps the union, so 日米欧 → 露朝 gathers 米 → 露朝 and 日 → 露朝). A *mutual*
  mention (several actors, no recipient: a treaty signing, joint exercises) is compared with the
  union of parties; for the types that are naturally symmetric (:data:`SYMMETRIC_TYPES`) a mutual
  mention may also join directional ones with the same parties (「AとBは会談した」 with
  「AがBを訪問した」); for the others (SUPPORT: signing a treaty is not praising a war) it may not;
* **dates** — a date is *strong* when the words it came from are in the mention's own sentence,
  *weak* when the extractor inherited it from context or stamped the publication date (headlines,
  「〜が続くなか」). Strong dates must agree at their common precision with every strong date of
  the cluster. A weak or missing date is compatible when it agrees the same way, or when the
  other evidence is strong: the same type and participants in the same document, or in articles
  published within :data:`WINDOW_DAYS` of one of the cluster's articles;
* **objects** — quantities that count different kinds of things (people vs munitions vs money)
  keep mentions apart.

Algorithm: strong-dated mentions first, seeded by the most informative (most participants, most
precise date), each joining the best compatible cluster or starting a new one; then weak/undated
mentions join the best compatible cluster (repeated until nothing more joins, so a headline can
join through a later sentence of its own article), and the rest form new clusters.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from kizashi.model import FACTUALITIES as FACTUALITY_ORDER
from kizashi.model import SYMMETRIC_TYPES, UNIT_KIND
from kizashi.model import date_parts as _parts
from kizashi.records import EventMention, Quantity

#: publication-date window (days) within which weak/undated mentions may join a cluster
WINDOW_DAYS = 45
# From kizashi.model: SYMMETRIC_TYPES (plover.tsv: types whose mutual and directional codings
# describe the same kind of event), FACTUALITY_ORDER (factuality_values.tsv, best attested
# first: the first value any mention has wins), UNIT_KIND (units.tsv: mentions counting
# different kinds are different events).
_SOURCE_RE = re.compile(r"^\s*(?:出典|配信元|提供)\s*[:：]\s*(\S.*?)\s*$", re.M)


@dataclass(frozen=True)
class MentionContext:
    """Where a mention comes from: the article's id, outlet and publication date (ISO, possibly
    partial; None when unknown)."""

    doc_id: str
    source: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass
class FusedEvent:
    """One real-world event and everything the corpus says about it.

    ``factuality`` is the *best-attested* value: the most affirmative factuality any mention has,
    in the order asserted > reported > uncertain > future > hypothetical > denied > negated. An
    event asserted by one outlet and only hedged (〜とみられる) by three others is ``asserted``;
    an event one party denies and one outlet reports is ``reported``. ``factuality_counts`` keeps
    how many mentions had each value, so a denial is never lost.

    ``quantities`` lists every estimate with its outlet, document and mention, never averaged;
    ``quantity_conflicts`` holds index pairs into it of estimates of the same thing (same unit,
    compatible object) whose ranges do not overlap, and ``conflicting_quantities`` says whether
    there is any.
    """

    id: str
    event_type: str
    actors: list[str]
    recipients: list[str]
    date: str | None
    mentions: list[tuple[str, int]]
    sources: list[str]
    first_reported: str | None
    last_reported: str | None
    factuality: str
    quantities: list[dict[str, Any]]
    conflicting_quantities: bool
    mode: str | None = None
    confidence: float = 0.0
    factuality_counts: dict[str, int] = field(default_factory=dict)
    quantity_conflicts: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_type": self.event_type, "mode": self.mode,
            "actors": list(self.actors), "recipients": list(self.recipients), "date": self.date,
            "mentions": [list(m) for m in self.mentions], "sources": list(self.sources),
            "n_sources": len(self.sources), "first_reported": self.first_reported,
            "last_reported": self.last_reported, "factuality": self.factuality,
            "factuality_counts": dict(self.factuality_counts),
            "confidence": round(self.confidence, 3), "quantities": list(self.quantities),
            "conflicting_quantities": self.conflicting_quantities,
            "quantity_conflicts": [list(p) for p in self.quantity_conflicts],
        }


# --- article helpers ---------------------------------------------------------------------------

def read_source(text: str) -> str | None:
    """The outlet named on a ``出典: …`` line in the first lines of an article, or None."""
    head = "\n".join(text.splitlines()[:15])
    m = _SOURCE_RE.search(head)
    return m.group(1) if m else None


def context_for(text: str, doc_id: str, source: str | None = None,
                published: str | None = None) -> MentionContext:
    """A :class:`MentionContext` for an article: the outlet from its ``出典:`` line and the date
    from its dateline unless given."""
    from kizashi.time.dates import find_dateline

    if published is None:
        d = find_dateline(text)
        published = d.isoformat() if d else None
    title = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    return MentionContext(doc_id=doc_id, source=source or read_source(text),
                          published=published, title=title)


def extract_documents(docs: Iterable[tuple[str, str]]) -> list[tuple[MentionContext, EventMention]]:
    """Run the extractor on ``(doc_id, text)`` pairs and pair each mention with its context."""
    import kizashi

    items: list[tuple[MentionContext, EventMention]] = []
    for doc_id, text in docs:
        ctx = context_for(text, doc_id)
        items.extend((ctx, m) for m in kizashi.extract(text, doc_id=doc_id, published=None))
    return items


# --- dates -------------------------------------------------------------------------------------

# dates are read by kizashi.model.date_parts (_parts)


def dates_agree(a: str | None, b: str | None) -> bool:
    """Equal at the common precision (``2024-06`` agrees with ``2024-06-19``); False if either
    is missing."""
    pa, pb = _parts(a), _parts(b)
    if not pa or not pb:
        return False
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _day(date: str | None) -> dt.date | None:
    p = _parts(date)
    if not p:
        return None
    try:
        return dt.date(p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1)
    except ValueError:
        return None


def _days_apart(a: str | None, b: str | None) -> float:
    da, db = _day(a), _day(b)
    return abs((da - db).days) if da and db else math.inf


# --- quantities --------------------------------------------------------------------------------

def quantity_interval(q: Quantity | dict[str, Any]) -> tuple[float, float] | None:
    """The range an estimate allows: bounds when given (an open side is infinite), a point value
    widened by 10% when approximate (約1万人 = 9000–11000)."""
    get = q.get if isinstance(q, dict) else (lambda k: getattr(q, k))
    low, high, value, approx = get("low"), get("high"), get("value"), get("approx")
    if low is not None or high is not None:
        return (low if low is not None else 0.0, high if high is not None else math.inf)
    if value is None:
        return None
    return (value * 0.9, value * 1.1) if approx else (value, value)


def _objects_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    try:
        from kizashi.events.lexicon import default_lexicon

        lex = default_lexicon()
        ca, cb = lex.object_class(a), lex.object_class(b)
    except Exception:  # pragma: no cover - the lexicon is part of the package
        return False
    return ca is not None and cb is not None and ca.cls == cb.cls


def find_conflicts(quantities: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Index pairs of estimates of the same thing (same unit, compatible objects) whose ranges
    do not overlap."""
    out = []
    for i in range(len(quantities)):
        for j in range(i + 1, len(quantities)):
            a, b = quantities[i], quantities[j]
            if not a.get("unit") or a.get("unit") != b.get("unit"):
                continue
            if not _objects_compatible(a.get("object"), b.get("object")):
                continue
            ia, ib = quantity_interval(a), quantity_interval(b)
            if ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]):
                out.append((i, j))
    return out


def _cargo(m: EventMention) -> frozenset[str]:
    return frozenset(UNIT_KIND[q.unit] for q in m.quantities if q.unit in UNIT_KIND)


# --- mentions and clusters ---------------------------------------------------------------------

def _codes(ents) -> frozenset[str]:
    return frozenset(e.code for e in ents if e.code)


def _subset_either(a: frozenset, b: frozenset) -> bool:
    return a <= b or b <= a


@dataclass
class _Item:
    key: tuple[str, int]
    order: int
    ctx: MentionContext
    m: EventMention
    actors: frozenset[str]
    recipients: frozenset[str]
    strong: bool

    @property
    def parties(self) -> frozenset[str]:
        return self.actors | self.recipients

    @property
    def mutual(self) -> bool:
        return not self.recipients and len(self.actors) > 1


#: a quotative clause after the trigger: 「AはX日、BがCしたと発表した」 dates the announcement
_SPEECH_AFTER = re.compile(
    r"(?:と|との|とする|ことを)(?:[^。、]{0,12}?)?"
    r"(?:発表|述べ|明らかに|報じ|指摘|分析|否定|主張|推計|説明|語っ|語り|認め|確認|発言|非難|批判)")


def _is_strong(m: EventMention) -> bool:
    """A date the mention's own sentence states for the event itself (see the module docstring).

    Weak: no date words, date words from another sentence, or date words before the trigger of an
    event reported in a quotative clause (「国家情報院は18日、北朝鮮が…派遣したと発表した」: the
    18th is when it was announced, not when the troops left)."""
    if not (m.date and m.date_text):
        return False
    ev = m.evidence.text or ""
    pos = ev.find(m.date_text)
    if pos < 0:
        return False
    trig = m.trigger.start - m.evidence.start
    if 0 <= trig <= len(ev) and pos < trig and _SPEECH_AFTER.search(ev, trig):
        return False
    return True


@dataclass
class _Cluster:
    n: int
    items: list[_Item] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return self.items[0].m.event_type

    @property
    def modes(self) -> set[str]:
        return {i.m.mode for i in self.items if i.m.mode}

    @property
    def actors(self) -> frozenset[str]:
        return frozenset().union(*(i.actors for i in self.items if not i.mutual))

    @property
    def recipients(self) -> frozenset[str]:
        return frozenset().union(*(i.recipients for i in self.items))

    @property
    def parties(self) -> frozenset[str]:
        return frozenset().union(*(i.parties for i in self.items))

    @property
    def has_mutual(self) -> bool:
        return any(i.mutual for i in self.items)

    @property
    def has_directional(self) -> bool:
        return any(not i.mutual for i in self.items)

    @property
    def strong_dates(self) -> list[str]:
        return [i.m.date for i in self.items if i.strong]

    @property
    def docs(self) -> set[str]:
        return {i.ctx.doc_id for i in self.items}

    @property
    def cargo(self) -> frozenset[str]:
        return frozenset().union(*(_cargo(i.m) for i in self.items))


def _participants_ok(it: _Item, c: _Cluster) -> bool:
    if not it.parties:
        return False
    if it.mutual or c.has_mutual:
        mixing = (it.mutual and c.has_directional) or (not it.mutual and c.has_mutual)
        if mixing and c.event_type not in SYMMETRIC_TYPES:
            return False
        return _subset_either(it.parties, c.parties)
    return _subset_either(it.actors, c.actors) and _subset_either(it.recipients, c.recipients)


def _compatible(it: _Item, c: _Cluster) -> bool:
    if it.m.event_type != c.event_type:
        return False
    if it.m.mode and c.modes and it.m.mode not in c.modes:
        return False
    if not _participants_ok(it, c):
        return False
    a, b = _cargo(it.m), c.cargo
    if a and b and not (a & b):
        return False
    strong = c.strong_dates
    if it.strong:
        return all(dates_agree(it.m.date, d) for d in strong) if strong else _weak_cluster_ok(it, c)
    if it.m.date and strong and all(dates_agree(it.m.date, d) for d in strong):
        return True
    if it.m.date and not strong and any(dates_agree(it.m.date, j.m.date) for j in c.items):
        return True
    return _weak_cluster_ok(it, c)


def _weak_cluster_ok(it: _Item, c: _Cluster) -> bool:
    """Strong other evidence for a mention whose date cannot decide: same document, or articles
    published within the window."""
    if it.ctx.doc_id in c.docs:
        return True
    return any(_days_apart(it.ctx.published, j.ctx.published) <= WINDOW_DAYS for j in c.items)


def _affinity(it: _Item, c: _Cluster) -> tuple:
    """Which compatible cluster a mention prefers (larger is better; ties go to the older one)."""
    date_prec = max((min(len(_parts(it.m.date)), len(_parts(j.m.date)))
                     for j in c.items if dates_agree(it.m.date, j.m.date)), default=0)
    dist = min((_days_apart(it.m.date, j.m.date) for j in c.items), default=math.inf)
    exact = (it.actors == c.actors and it.recipients == c.recipients) or it.parties == c.parties
    return (it.ctx.doc_id in c.docs, date_prec, -dist, exact, -c.n)


def _best(it: _Item, clusters: list[_Cluster]) -> _Cluster | None:
    cands = [c for c in clusters if _compatible(it, c)]
    return max(cands, key=lambda c: _affinity(it, c)) if cands else None


# --- fusion ------------------------------------------------------------------------------------

def _prepare(items: list[tuple[MentionContext, EventMention]]) -> list[_Item]:
    counters: dict[str, int] = {}
    out = []
    for order, (ctx, m) in enumerate(items):
        idx = counters.get(ctx.doc_id, 0)
        counters[ctx.doc_id] = idx + 1
        out.append(_Item(key=(ctx.doc_id, idx), order=order, ctx=ctx, m=m,
                         actors=_codes(m.actor), recipients=_codes(m.recipient) - _codes(m.actor),
                         strong=_is_strong(m)))
    return out


def _sort_key(it: _Item) -> tuple:
    return (-len(it.parties), -len(_parts(it.m.date)), it.ctx.published or "9999",
            it.ctx.doc_id, it.key[1])


def cluster_mentions(items: list[tuple[MentionContext, EventMention]]) -> list[list[tuple[str, int]]]:
    """Just the clustering: lists of mention keys ``(doc id, index within that doc's mentions)``."""
    return [[i.key for i in c.items] for c in _cluster(_prepare(items))]


def _cluster(prepared: list[_Item]) -> list[_Cluster]:
    clusters: list[_Cluster] = []

    def new(it: _Item) -> None:
        clusters.append(_Cluster(n=len(clusters), items=[it]))

    for it in sorted((i for i in prepared if i.strong), key=_sort_key):
        c = _best(it, clusters)
        c.items.append(it) if c else new(it)
    pending = sorted((i for i in prepared if not i.strong), key=_sort_key)
    while pending:
        joined = True
        while joined:
            joined = False
            rest = []
            for it in pending:
                c = _best(it, clusters)
                if c:
                    c.items.append(it)
                    joined = True
                else:
                    rest.append(it)
            pending = rest
        if pending:
            new(pending.pop(0))
    for c in clusters:
        c.items.sort(key=lambda i: (i.ctx.published or "9999", i.ctx.doc_id, i.key[1]))
    return clusters


def _roles(c: _Cluster) -> tuple[list[str], list[str]]:
    """Actors and recipients of the event: a code is a recipient when the mentions name it as
    recipient more often than as actor (mutual mentions count their parties as actors)."""
    as_actor: dict[str, int] = {}
    as_recip: dict[str, int] = {}
    for i in c.items:
        for code in i.actors:
            as_actor[code] = as_actor.get(code, 0) + 1
        for code in i.recipients:
            as_recip[code] = as_recip.get(code, 0) + 1
    codes = set(as_actor) | set(as_recip)
    recips = sorted(x for x in codes if as_recip.get(x, 0) > as_actor.get(x, 0))
    actors = sorted(x for x in codes if x not in recips)
    return actors, recips


def _best_date(c: _Cluster) -> str | None:
    """The most precise strong date (strong dates agree by construction); else the most precise,
    most frequent, earliest weak one."""
    strong = c.strong_dates
    if strong:
        return max(strong, key=lambda d: (len(_parts(d)), [-x for x in _parts(d)]))
    weak = [i.m.date for i in c.items if i.m.date]
    if not weak:
        return None
    return max(weak, key=lambda d: (len(_parts(d)), weak.count(d), [-x for x in _parts(d)]))


def _event_id(event_type: str, actors: list[str], recipients: list[str], date: str | None,
              first_key: tuple[str, int]) -> str:
    key = "|".join([event_type, ",".join(sorted(actors)), ",".join(sorted(recipients)),
                    date or "", f"{first_key[0]}#{first_key[1]}"])
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _fused(c: _Cluster) -> FusedEvent:
    actors, recips = _roles(c)
    dates = [d for d in (i.m.date for i in c.items) if d]
    earliest = min(dates, key=lambda d: _parts(d)) if dates else None
    first_key = min(i.key for i in c.items)
    sources: list[str] = []
    for i in c.items:
        s = i.ctx.source or i.ctx.doc_id
        if s not in sources:
            sources.append(s)
    published = sorted(i.ctx.published for i in c.items if i.ctx.published)
    counts: dict[str, int] = {}
    for i in c.items:
        counts[i.m.factuality] = counts.get(i.m.factuality, 0) + 1
    rank = {f: n for n, f in enumerate(FACTUALITY_ORDER)}
    best = min(counts, key=lambda f: (rank.get(f, len(rank)), f))
    quantities = []
    for i in c.items:
        for q in i.m.quantities:
            d = q.to_dict()
            d.update({"source": i.ctx.source or i.ctx.doc_id, "doc": i.ctx.doc_id,
                      "mention": i.key[1], "factuality": i.m.factuality,
                      "published": i.ctx.published})
            quantities.append(d)
    conflicts = find_conflicts(quantities)
    modes = [i.m.mode for i in c.items if i.m.mode]
    mode = max(sorted(set(modes)), key=modes.count) if modes else None
    return FusedEvent(
        id=_event_id(c.event_type, actors, recips, earliest, first_key),
        event_type=c.event_type, actors=actors, recipients=recips, date=_best_date(c),
        mentions=[i.key for i in c.items], sources=sources,
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        factuality=best, quantities=quantities, conflicting_quantities=bool(conflicts),
        mode=mode, confidence=max(i.m.confidence for i in c.items),
        factuality_counts=counts, quantity_conflicts=conflicts)


def fuse(items: list[tuple[MentionContext, EventMention]]) -> list[FusedEvent]:
    """Fuse mentions into events, sorted by (date or first report, type, id).

    A mention's key is ``(ctx.doc_id, n)`` where ``n`` counts the mentions of that document in
    the order they appear in ``items`` (so with the extractor's output per document, ``n`` is the
    index in that document's list).
    """
    events = [_fused(c) for c in _cluster(_prepare(list(items)))]
    return sorted(events, key=lambda e: (_parts(e.date or e.first_reported), e.event_type, e.id))
