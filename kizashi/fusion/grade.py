"""Grades of fused events in the spirit of the Admiralty code: how reliable the sources are
(A–F) and how credible the information is (1–6), and whether the event is contested.

**Source reliability** (``kizashi/data/reliability.tsv``: a grade per outlet, with the reason).
A mention's source is the state medium it credits when the table knows it (「朝鮮中央通信は…と
報じた」 is KCNA's report, whoever relays it), else the outlet of its document; an outlet the
table does not name is ``F``. State media are graded apart: their ``party_grade`` (``E``) when
their state is an actor or recipient of the event, their ``grade`` otherwise. The event's
reliability is the best grade among the sources that attest it (asserted or reported), else
among those that hedge it (uncertain), else among all of its sources.

**Information credibility**, from what the mentions say (their factuality) and how many
independent sources say it (outlets of one ``group`` of the table are one source):

* supporting — asserted or reported, from a sentence that is not a forecast;
* hedged — uncertain (〜とみられる, 〜の可能性);
* denials — denied or negated (「…派遣したとの情報を否定した」, 「…していない」); the event is
  **contested** when it has supporting or hedged mentions and denials;
* speculative — future, hypothetical (neither for nor against).

| credibility | rule (first that holds) |
|---|---|
| 1 confirmed | at least 2 independent supporting sources, one graded A–C, and no denial |
| 2 probably true | 2+ independent supporting sources, one A–C, but contested; or 2+ independent supporting sources graded D–F, not contested; or one supporting source graded A–B, not contested |
| 3 possibly true | one supporting source graded A–B but contested; one supporting source graded C–E, not contested; 2+ independent supporting D–F but contested; or 2+ independent hedging sources and no support or denial |
| 4 doubtful | one supporting source graded C–E and contested; one supporting source graded F and contested; or only hedged by one source |
| 5 improbable | no supporting source and denied (only denials, or hedges and denials) |
| 6 cannot be judged | only speculative mentions, or a single supporting source graded F (unknown), not contested |

``basis`` keeps the inputs (sources with their grades, independent count, who denied), so the
page can say why.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from kizashi.model import read_tsv

GRADES = "ABCDEF"
CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "cannot be judged"}
SUPPORTING = frozenset({"asserted", "reported"})
HEDGED = frozenset({"uncertain"})
DENIALS = frozenset({"denied", "negated"})
#: sentence roles whose mentions do not attest that the event happened
NOT_ATTESTING_ROLES = frozenset({"forecast"})
UNKNOWN = "F"


@dataclass(frozen=True)
class Outlet:
    name: str
    names: tuple[str, ...]
    grade: str
    state: str | None = None
    party_grade: str | None = None
    group: str | None = None
    kind: str | None = None
    why: str = ""

    def grade_for(self, parties: Iterable[str]) -> str:
        if self.state and self.party_grade and self.state in set(parties):
            return self.party_grade
        return self.grade


class ReliabilityTable:
    """The outlets of ``reliability.tsv`` by every name (:meth:`get`)."""

    def __init__(self, outlets: Iterable[Outlet]):
        self.outlets = tuple(outlets)
        self.by_name: dict[str, Outlet] = {}
        for o in self.outlets:
            for n in o.names:
                self.by_name.setdefault(n, o)
                self.by_name.setdefault(n.casefold(), o)

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], name: str = "reliability.tsv"):
        out = []
        for n, row in enumerate(rows, 1):
            names = tuple(x.strip() for x in row.get("names", "").split("|") if x.strip())
            grade = row.get("grade", "").upper()
            party = (row.get("party_grade") or "").upper() or None
            where = f"{name} row {n} ({row.get('names', '')[:30]!r})"
            if not names:
                raise ValueError(f"{where}: no name")
            for g in (grade, party):
                if g is not None and (len(g) != 1 or g not in GRADES):
                    raise ValueError(f"{where}: grade {g!r} is not one of A-F")
            out.append(Outlet(names[0], names, grade, row.get("state") or None, party,
                              row.get("group") or None, row.get("kind") or None,
                              row.get("why", "")))
        return cls(out)

    def get(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        n = name.strip()
        return self.by_name.get(n) or self.by_name.get(n.casefold())

    def grade_of(self, name: str | None, parties: Iterable[str] = ()) -> str:
        o = self.get(name)
        return o.grade_for(parties) if o else UNKNOWN

    def group_of(self, name: str | None) -> str:
        o = self.get(name)
        return (o.group or o.name) if o else (name or "?")


@lru_cache(maxsize=1)
def default_table() -> ReliabilityTable:
    return ReliabilityTable.from_rows(read_tsv("reliability.tsv"))


@dataclass(frozen=True)
class Evidence:
    """What one mention says about its event, for the grade: its document's outlet (None:
    unknown), its factuality, the role of its sentence, the names it credits (source of the
    claim) and, for a denial, the codes of who denies."""

    outlet: str | None
    factuality: str
    role: str | None = None
    credits: tuple[str, ...] = ()
    denier: frozenset[str] = frozenset()
    doc: str | None = None


@dataclass(frozen=True)
class Grade:
    reliability: str
    credibility: int
    contested: bool
    basis: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"

    def to_dict(self) -> dict[str, Any]:
        return {"reliability": self.reliability, "credibility": self.credibility,
                "grade": self.code, "contested": self.contested, "basis": dict(self.basis)}


def source_of(e: Evidence, table: ReliabilityTable) -> str | None:
    """The source a mention is graded by: a medium it credits that the table knows, else the
    outlet of its document."""
    for name in e.credits:
        o = table.get(name)
        if o is not None:
            return o.name
    return e.outlet


def _best(grades: Iterable[str]) -> str | None:
    gs = sorted(g for g in grades if g)
    return gs[0] if gs else None


def grade(evidence: Iterable[Evidence], parties: Iterable[str] = (),
          table: ReliabilityTable | None = None) -> Grade:
    """The grade of an event from the evidence of its mentions (see the module docstring)."""
    table = table or default_table()
    parties = set(parties)
    support: dict[str, str] = {}      # source -> grade
    hedge: dict[str, str] = {}
    every: dict[str, str] = {}
    deniers: list[str] = []
    n_denials = 0
    for e in evidence:
        src = source_of(e, table) or (f"?{e.doc}" if e.doc else "?")
        g = table.grade_of(src if not src.startswith("?") else None, parties)
        every[src] = g
        if e.factuality in DENIALS:
            n_denials += 1
            deniers.extend(sorted(e.denier & parties) or ["?"])
        elif e.factuality in SUPPORTING and e.role not in NOT_ATTESTING_ROLES:
            support[src] = g
        elif e.factuality in HEDGED:
            hedge[src] = g
    contested = bool(n_denials) and bool(support or hedge)

    def independent(sources: dict[str, str]) -> dict[str, str]:
        groups: dict[str, str] = {}
        for s, g in sources.items():
            k = table.group_of(s) if not s.startswith("?") else s
            groups[k] = min(groups.get(k, "F"), g)
        return groups

    ind = independent(support)
    n = len(ind)
    best = _best(ind.values())
    if n >= 2 and best <= "C":
        cred = 2 if contested else 1
    elif n >= 2:
        cred = 3 if contested else 2
    elif n == 1 and best <= "B":
        cred = 3 if contested else 2
    elif n == 1 and best <= "E":
        cred = 4 if contested else 3
    elif n == 1:                                    # one source nobody graded
        cred = 4 if contested else 6
    elif n_denials:
        cred = 5
    elif len(independent(hedge)) >= 2:
        cred = 3
    elif hedge:
        cred = 4
    else:
        cred = 6
    reliability = (_best(support.values()) or _best(hedge.values()) or _best(every.values())
                   or UNKNOWN)
    basis = {"supporting": dict(sorted(support.items())), "hedged": dict(sorted(hedge.items())),
             "independent": n, "denials": n_denials,
             "denied_by": sorted(set(deniers)), "rule": CREDIBILITY[cred]}
    return Grade(reliability, cred, contested, basis)
