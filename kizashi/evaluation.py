"""Scoring on kizashi's own hand-coded case set (``tests/data/event_cases.jsonl``).

A case is a short text of ours with the mentions a careful coder would extract (format in
``tests/data/README.md``). An expected mention is found when a record has its type, the same
actor set (for symmetric events: the same set of parties), the recipient set where given, and
every other listed attribute. Leftover records count as false positives in ``exact`` cases.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SYMMETRIC = {"COOPERATE", "AGREE", "SUPPORT", "CONSULT"}


def _codes(ents) -> set[str]:
    return {e.code for e in ents if e.code}


def mention_matches(exp: dict, m, lenient_parties: bool = True) -> bool:
    if m.event_type != exp["event_type"]:
        return False
    act, rec = _codes(m.actor), _codes(m.recipient)
    ea, er = set(exp["actor"]), exp.get("recipient")
    parties_ok = act == ea and (er is None or rec == set(er))
    if not parties_ok and lenient_parties and m.event_type in SYMMETRIC and exp.get("mode") != "visit":
        parties_ok = (act | rec) == (ea | set(er or []))
    if not parties_ok:
        return False
    return attributes_ok(exp, m) == []


def attributes_ok(exp: dict, m) -> list[str]:
    """The listed attributes of ``exp`` that ``m`` gets wrong."""
    wrong = []
    for key in ("mode", "factuality", "date"):
        if key in exp and getattr(m, key) != exp[key]:
            wrong.append(key)
    if "quantity" in exp:
        want = exp["quantity"]
        if not any(all(getattr(q, k) == v for k, v in want.items()) for q in m.quantities):
            wrong.append("quantity")
    return wrong


@dataclass
class CaseResult:
    id: str
    tp: int = 0
    fn: list = field(default_factory=list)
    fp: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fn and not self.fp


PARTICIPANT_KEYS = ("event_type", "actor", "recipient")


def score_case(case: dict, mentions, participants_only: bool = False) -> CaseResult:
    """Match expected mentions to extracted ones; ``participants_only`` ignores mode, factuality,
    date and quantity."""
    res = CaseResult(case["id"])
    left = list(mentions)
    for exp in case["expect"]:
        if participants_only:
            exp = {k: v for k, v in exp.items() if k in PARTICIPANT_KEYS}
        hit = next((m for m in left if mention_matches(exp, m)), None)
        if hit is None:
            res.fn.append(exp)
        else:
            res.tp += 1
            left.remove(hit)
    if case.get("exact"):
        res.fp = left
    return res


def load_cases(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cases(cases: list[dict], extract, participants_only: bool = False) -> tuple[dict, list[CaseResult]]:
    outputs = {c["id"]: extract(c["text"], doc_id=c["id"], published=c.get("published")) for c in cases}
    return summarise([score_case(c, outputs[c["id"]], participants_only) for c in cases])


def summarise(results: list[CaseResult]) -> tuple[dict, list[CaseResult]]:
    """Precision, recall and F1 over scored cases."""
    tp = sum(r.tp for r in results)
    fn = sum(len(r.fn) for r in results)
    fp = sum(len(r.fp) for r in results)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    misses = Counter(e["event_type"] for res in results for e in res.fn)
    return ({"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "tp": tp, "fp": fp,
             "fn": fn, "cases": len(results), "cases_ok": sum(r.ok for r in results),
             "misses_by_type": dict(misses)}, results)
