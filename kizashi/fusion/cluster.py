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
* **dates** — a date is *strong* when the words it came from are in the mention's own sentence
  and it names at least a month, *weak* when the extractor inherited it from context or stamped
  the publication date (headlines, 「〜が続くなか」). A date known only to the year is no date at
  all for fusion: two events of one year have nothing in common. Strong dates must agree at
  their common precision with every strong date of the cluster. A weak date (month or day) is
  compatible when it agrees the same way; an undated or year-only mention, or a weak date that
  disagrees, joins only on strong other evidence (:func:`strong_evidence`): the same document
  thread, or exactly the same participants and object (mode and what is counted) in an article
  published within :data:`CLOSE_DAYS` of one of the cluster's, and never an event dated after
  its own article was published;
* **objects** — quantities that count different kinds of things (people vs munitions vs money)
  keep mentions apart.

Analyst corrections (:mod:`kizashi.store.corrections`) come in as :class:`Constraints`: a
mention split out of an event never joins the mentions it was split from (cannot-link), and the
mentions of two merged events end in one event (must-link, applied after clustering).

Algorithm: strong-dated mentions first, seeded by the most informative (most participants, most
precise date), each joining the best compatible cluster or starting a new one; then weak/undated
mentions join the best compatible cluster (repeated until nothing more joins, so a headline can
join through a later sentence of its own article), and the rest form new clusters.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from kizashi.model import FACTUALITIES as FACTUALITY_ORDER
from kizashi.model import SYMMETRIC_TYPES, UNIT_KIND
from kizashi.model import date_parts as _parts
from kizashi.model import first_day as _day
from kizashi.records import EventMention, Quantity

#: publication dates (days apart) close enough for an undated mention to join an event of the
#: same participants and object
CLOSE_DAYS = 30
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
    #: kizashi.fusion.grade: source reliability A-F, information credibility 1-6, contested
    #: (asserted or hedged by some, denied by others) and the inputs of the grade
    reliability: str = "F"
    credibility: int = 6
    contested: bool = False
    grade_basis: dict[str, Any] = field(default_factory=dict)
    #: what the sentences of the mentions do: "report" when one of them reports or claims the
    #: event, else the role most of them have (forecast, background, analysis, other)
    discourse: str = "report"
    #: estimates of one thing in order of publication (kizashi.fusion.estimates.series)
    quantity_series: list[dict[str, Any]] = field(default_factory=list)

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

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
            "reliability": self.reliability, "credibility": self.credibility,
            "grade": self.grade, "contested": self.contested,
            "grade_basis": dict(self.grade_basis), "discourse": self.discourse,
            "quantity_series": [dict(g) for g in self.quantity_series],
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


def _days_apart(a: str | None, b: str | None) -> float:
    da, db = _day(a), _day(b)
    return abs((da - db).days) if da and db else math.inf


# --- quantities --------------------------------------------------------------------------------

def quantity_interval(q: Quantity | dict[str, Any]) -> tuple[float, float] | None:
    """The range an estimate allows: bounds when given (an open side is infinite), a point value
    widened by 10% when approximate (約1万人 = 9000–11000)."""
    from kizashi.fusion.estimates import interval

    if isinstance(q, dict):
        return interval(q)
    return interval({k: getattr(q, k) for k in ("low", "high", "value", "approx")})


def objects_compatible(a: str | None, b: str | None) -> bool:
    """Two counted objects are the same thing: equal, one missing, or of one object class of
    the lexicon (兵士 and 兵力)."""
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
    """Index pairs of estimates of the same thing (same unit, compatible objects), given at the
    same time by different claimants, whose ranges do not overlap
    (:func:`kizashi.fusion.estimates.find_conflicts`)."""
    from kizashi.fusion.estimates import find_conflicts as conflicts

    return conflicts(quantities, objects_compatible)


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


def strong_date(m: EventMention) -> bool:
    """A date the mention's own sentence states for the event itself (see the module docstring).

    Weak: no date words, date words from another sentence, or date words before the trigger of an
    event reported in a quotative clause (「国家情報院は18日、北朝鮮が…派遣したと発表した」: the
    18th is when it was announced, not when the troops left)."""
    if not (m.date and m.date_text) or len(_parts(m.date)) < 2:
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


def dated(date: str | None) -> bool:
    """Whether a date says anything to fusion: a month or a day (a year alone does not)."""
    return len(_parts(date)) >= 2


def _participants_ok(it: _Item, c: _Cluster) -> bool:
    if not it.parties:
        return False
    if it.mutual or c.has_mutual:
        mixing = (it.mutual and c.has_directional) or (not it.mutual and c.has_mutual)
        if mixing and c.event_type not in SYMMETRIC_TYPES:
            return False
        return _subset_either(it.parties, c.parties)
    return _subset_either(it.actors, c.actors) and _subset_either(it.recipients, c.recipients)


def _compatible(it: _Item, c: _Cluster, cannot: frozenset = frozenset()) -> bool:
    if it.m.event_type != c.event_type:
        return False
    if cannot and any(frozenset((it.key, j.key)) in cannot for j in c.items):
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
        return all(dates_agree(it.m.date, d) for d in strong) if strong else strong_evidence(it, c)
    if dated(it.m.date) and strong and all(dates_agree(it.m.date, d) for d in strong):
        return True
    if dated(it.m.date) and not strong and any(dated(j.m.date) and dates_agree(it.m.date, j.m.date)
                                               for j in c.items):
        return True
    return strong_evidence(it, c)


def _thread(ctx: MentionContext) -> tuple[str, str]:
    """The document thread of a mention: its title when it has a real one (an article stored
    twice, or updated under a new id), else its document."""
    t = (ctx.title or "").strip()
    return ("title", t) if len(t) >= 8 else ("doc", ctx.doc_id)


def same_object(it: _Item, c: _Cluster) -> bool:
    """The mention is about what the cluster's event is about: the same mode (troops, weapons,
    visit), or no mode on either side; what they count is checked by :func:`_compatible`."""
    modes = c.modes
    return len(modes) <= 1 and (it.m.mode or None) == (next(iter(modes)) if modes else None)


def strong_evidence(it: _Item, c: _Cluster) -> bool:
    """Evidence enough for a mention whose date cannot decide (undated, year-only, or a weak
    date that disagrees): the same document thread; or exactly the same participants and object
    as the cluster, in an article published within :data:`CLOSE_DAYS` of one of the cluster's
    and not before the day the cluster's event happened (an article cannot report what had not
    happened yet)."""
    if it.ctx.doc_id in c.docs or any(_thread(it.ctx) == _thread(j.ctx) for j in c.items):
        return True
    same_parties = (it.actors == c.actors and it.recipients == c.recipients) if not (
        it.mutual or c.has_mutual) else it.parties == c.parties
    if not same_parties:
        return False
    if not same_object(it, c):
        return False
    pub = _day(it.ctx.published)
    if pub is not None and it.m.factuality not in ("future", "hypothetical"):
        for d in c.strong_dates:
            first = _day(d)
            if first is not None and len(_parts(d)) == 3 and pub < first:
                return False
    return any(_days_apart(it.ctx.published, j.ctx.published) <= CLOSE_DAYS for j in c.items)


def _affinity(it: _Item, c: _Cluster) -> tuple:
    """Which compatible cluster a mention prefers (larger is better; ties go to the older one)."""
    date_prec = max((min(len(_parts(it.m.date)), len(_parts(j.m.date)))
                     for j in c.items if dated(it.m.date) and dates_agree(it.m.date, j.m.date)),
                    default=0)
    dist = min((_days_apart(it.m.date, j.m.date) for j in c.items), default=math.inf)
    exact = (it.actors == c.actors and it.recipients == c.recipients) or it.parties == c.parties
    return (it.ctx.doc_id in c.docs, date_prec, -dist, exact, -c.n)


def _best(it: _Item, clusters: list[_Cluster], cannot: frozenset = frozenset()) -> _Cluster | None:
    cands = [c for c in clusters if _compatible(it, c, cannot)]
    return max(cands, key=lambda c: _affinity(it, c)) if cands else None


@dataclass(frozen=True)
class Constraints:
    """What analysts decided about the clustering (:mod:`kizashi.store.corrections`):
    ``cannot`` pairs of mention keys that never share an event (a mention split out of an
    event), ``must`` groups of mention keys that end in one event (two events merged)."""

    cannot: frozenset = frozenset()
    must: tuple[frozenset, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.cannot or self.must)


# --- fusion ------------------------------------------------------------------------------------

def _prepare(items: list[tuple[MentionContext, EventMention]]) -> list[_Item]:
    counters: dict[str, int] = {}
    out = []
    for order, (ctx, m) in enumerate(items):
        idx = counters.get(ctx.doc_id, 0)
        counters[ctx.doc_id] = idx + 1
        out.append(_Item(key=(ctx.doc_id, idx), order=order, ctx=ctx, m=m,
                         actors=_codes(m.actor), recipients=_codes(m.recipient) - _codes(m.actor),
                         strong=strong_date(m)))
    return out


def _sort_key(it: _Item) -> tuple:
    return (-len(it.parties), -len(_parts(it.m.date)), it.ctx.published or "9999",
            it.ctx.doc_id, it.key[1])


def cluster_mentions(items: list[tuple[MentionContext, EventMention]],
                     constraints: Constraints | None = None) -> list[list[tuple[str, int]]]:
    """Just the clustering: lists of mention keys ``(doc id, index within that doc's mentions)``."""
    return [[i.key for i in c.items] for c in _cluster(_prepare(items), constraints)]


def _cluster(prepared: list[_Item], constraints: Constraints | None = None) -> list[_Cluster]:
    """The greedy clustering of the module docstring. Only clusters of a mention's type can
    take it, so each type is clustered apart; a weak mention that no cluster takes is checked
    again only against the clusters that changed since (new ones, or ones that gained a
    mention): the others have not changed and still refuse it."""
    clusters: list[_Cluster] = []
    by_type: dict[str, list[_Cluster]] = {}
    cannot = constraints.cannot if constraints else frozenset()

    def new(it: _Item) -> _Cluster:
        c = _Cluster(n=len(clusters), items=[it])
        clusters.append(c)
        by_type.setdefault(it.m.event_type, []).append(c)
        return c

    for it in sorted((i for i in prepared if i.strong), key=_sort_key):
        c = _best(it, by_type.get(it.m.event_type, []), cannot)
        c.items.append(it) if c else new(it)
    pending = sorted((i for i in prepared if not i.strong), key=_sort_key)
    dirty: dict[str, list[_Cluster]] = {t: list(cs) for t, cs in by_type.items()}
    while pending:
        while pending and any(dirty.values()):
            check, dirty = dirty, {}
            rest = []
            for it in pending:
                c = _best(it, check.get(it.m.event_type, []), cannot)
                if c:
                    c.items.append(it)
                    changed = dirty.setdefault(c.event_type, [])
                    if c not in changed:
                        changed.append(c)
                else:
                    rest.append(it)
            pending = rest
        if pending:
            c = new(pending.pop(0))
            dirty = {c.event_type: [c]}
    if constraints and constraints.must:
        clusters = _merge(clusters, constraints.must)
    for c in clusters:
        c.items.sort(key=lambda i: (i.ctx.published or "9999", i.ctx.doc_id, i.key[1]))
    return clusters


def _merge(clusters: list[_Cluster], groups: tuple[frozenset, ...]) -> list[_Cluster]:
    """Clusters joined as the must-link groups say (a group joins every cluster holding one of
    its keys); the first cluster of each join keeps its place."""
    where = {i.key: c.n for c in clusters for i in c.items}
    parent = {c.n: c.n for c in clusters}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in groups:
        ns = sorted({where[k] for k in g if k in where})
        for n in ns[1:]:
            parent[root(n)] = root(ns[0])
    out: dict[int, _Cluster] = {}
    for c in clusters:
        r = root(c.n)
        if r in out:
            out[r].items.extend(c.items)
        else:
            out[r] = _Cluster(n=c.n, items=list(c.items))
    return list(out.values())


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
    from kizashi.fusion.estimates import as_of, claimant_of, series
    from kizashi.fusion.grade import grade as grade_of

    quantities = []
    for i in c.items:
        for q in i.m.quantities:
            d = q.to_dict()
            d.update({"source": i.ctx.source or i.ctx.doc_id, "doc": i.ctx.doc_id,
                      "mention": i.key[1], "factuality": i.m.factuality,
                      "published": i.ctx.published,
                      "claimant": claimant_of([e.text for e in i.m.source_of_claim],
                                              i.m.evidence.text, i.ctx.source or i.ctx.doc_id),
                      "as_of": as_of(i.m.date, i.strong, i.ctx.published)})
            quantities.append(d)
    conflicts = find_conflicts(quantities)
    modes = [i.m.mode for i in c.items if i.m.mode]
    mode = max(sorted(set(modes)), key=modes.count) if modes else None
    g = grade_of([evidence_of(i.ctx, i.m) for i in c.items], set(actors) | set(recips))
    return FusedEvent(
        id=_event_id(c.event_type, actors, recips, earliest, first_key),
        event_type=c.event_type, actors=actors, recipients=recips, date=_best_date(c),
        mentions=[i.key for i in c.items], sources=sources,
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        factuality=best, quantities=quantities, conflicting_quantities=bool(conflicts),
        mode=mode, confidence=max(i.m.confidence for i in c.items),
        factuality_counts=counts, quantity_conflicts=conflicts,
        reliability=g.reliability, credibility=g.credibility, contested=g.contested,
        grade_basis=g.basis, discourse=event_discourse([i.m.sentence_role for i in c.items]),
        quantity_series=series(quantities, objects_compatible))


#: the roles of sentences that tell that the event happened (or that someone says it did)
REPORTING_ROLES = frozenset({"report", "claim"})
#: events told only in such sentences stay out of the cooperation-conflict index by default
UNCOUNTED_ROLES = frozenset({"forecast", "background", "other"})


def event_discourse(roles: list[str | None]) -> str:
    """``report`` when any mention comes from a report or a claim (or has no role: a mention
    stored before roles existed), else the most frequent role of its mentions (ties: forecast,
    background, analysis, other)."""
    if not roles or any(r is None or r in REPORTING_ROLES for r in roles):
        return "report"
    order = ("forecast", "background", "analysis", "other")
    return max(order, key=lambda r: (roles.count(r), -order.index(r)))


_TOPIC_END = re.compile(r"[はが、]")


def denier_codes(m: EventMention) -> frozenset[str]:
    """Who denies, for a denied or negated mention: the codes of its source of claim, else the
    actors named before the sentence's first topic marker (「ロシア政府は、…否定している」,
    「北朝鮮、…を否定」)."""
    codes = frozenset(e.code for e in m.source_of_claim if e.code)
    if codes:
        return codes
    text = m.evidence.text or ""
    cut = _TOPIC_END.search(text)
    head = text[:cut.start()] if cut else text[:20]
    if not head:
        return frozenset()
    from kizashi.actors.gazetteer import Gazetteer

    return frozenset(c for a in Gazetteer.default().find(head) for c in a.codes if c)


def evidence_of(ctx: MentionContext, m: EventMention):
    """The :class:`kizashi.fusion.grade.Evidence` of one mention."""
    from kizashi.fusion.grade import DENIALS, Evidence

    return Evidence(outlet=ctx.source, factuality=m.factuality, role=m.sentence_role,
                    credits=tuple(e.text for e in m.source_of_claim if e.text),
                    denier=denier_codes(m) if m.factuality in DENIALS else frozenset(),
                    doc=ctx.doc_id)


def fuse(items: list[tuple[MentionContext, EventMention]],
         constraints: Constraints | None = None) -> list[FusedEvent]:
    """Fuse mentions into events, sorted by (date or first report, type, id).

    A mention's key is ``(ctx.doc_id, n)`` where ``n`` counts the mentions of that document in
    the order they appear in ``items`` (so with the extractor's output per document, ``n`` is the
    index in that document's list).
    """
    events = [_fused(c) for c in _cluster(_prepare(list(items)), constraints)]
    return sorted(events, key=lambda e: (_parts(e.date or e.first_reported), e.event_type, e.id))
