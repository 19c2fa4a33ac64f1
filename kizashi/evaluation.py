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


# --- real stories coded by hand: matching, calibration of the confidence ----------------------
#
# A coded set is a directory with NAME.txt texts, gold.jsonl (the spec's gold records, with
# ``doc`` = NAME.txt, ``start``/``end`` of the quote, ``optional``, ``alt_types``) and a
# sources.tsv (``name``, ``published``) as ../shared/eval/wire-dev has. The matching below is the
# shared scorer's (../shared/eval/score.py): a prediction matches a gold mention when its evidence
# overlaps the quote, its type is the gold's or an alternative, and its participants agree; pairs
# are taken greedily by weight, one to one.

def _record_codes(values) -> set[str]:
    out = set()
    for v in values or []:
        code = v.get("code") if isinstance(v, dict) else v
        if code:
            out.add(str(code).upper())
    return out


def participants_agree(g: dict, p: dict) -> bool:
    ga, gr = _record_codes(g["actor"]), _record_codes(g["recipient"])
    pa, pr = _record_codes(p.get("actor")), _record_codes(p.get("recipient"))
    if not gr:
        return not ga or len((pa | pr) & ga) >= min(2, len(ga))
    if not ga:
        return bool(pr & gr)
    return bool(pa & ga) and bool(pr & gr)


def _date_agrees(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return False
    pred = str(pred)[:10]
    return pred.startswith(gold) or gold.startswith(pred)


def match_document(gold: list[dict], preds: list[dict]) -> tuple[list[str], list[bool]]:
    """Labels of ``preds`` ("tp", "optional" or "fp") and, per gold mention, whether it is matched."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            ev = p.get("evidence") or {}
            if not (ev.get("start", 0) < g["end"] and g["start"] < ev.get("end", -1)):
                continue
            t = str(p.get("event_type", "")).upper()
            if t != g["event_type"] and t not in g.get("alt_types", []):
                continue
            if not participants_agree(g, p):
                continue
            w = 1.0 + 0.5 * _date_agrees(g.get("date"), p.get("date")) + 0.1 * (t == g["event_type"]) \
                + 0.01 * (not g["optional"])
            pairs.append((w, gi, pi))
    pairs.sort(reverse=True)
    labels = ["fp"] * len(preds)
    matched = [False] * len(gold)
    for _, gi, pi in pairs:
        if matched[gi] or labels[pi] != "fp":
            continue
        matched[gi] = True
        labels[pi] = "optional" if gold[gi]["optional"] else "tp"
    return labels, matched


def prf(gold_by_doc: dict[str, list[dict]], preds_by_doc: dict[str, list[dict]]) -> dict:
    """Precision, recall and F1 as the shared scorer counts them."""
    tp = fp = fn = 0
    for doc, gold in gold_by_doc.items():
        labels, matched = match_document(gold, preds_by_doc.get(doc, []))
        tp += labels.count("tp")
        fp += labels.count("fp")
        fn += sum(1 for g, m in zip(gold, matched) if not m and not g["optional"])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def load_coded_set(directory: str | Path) -> tuple[list[dict], dict[str, list[dict]]]:
    """(documents [{name, text, published}], gold by document name) of a coded set."""
    import csv as _csv

    d = Path(directory)
    sources = d / "sources.tsv"
    if not sources.exists():
        raise FileNotFoundError(f"{d}: no sources.tsv (name, published) in this coded set")
    with sources.open(encoding="utf-8", newline="") as fh:
        rows = list(_csv.DictReader(fh, delimiter="\t"))
    docs = [{"name": r["name"] + ".txt", "published": r.get("published") or None,
             "text": (d / (r["name"] + ".txt")).read_bytes().decode("utf-8")} for r in rows]
    gold: dict[str, list[dict]] = {doc["name"]: [] for doc in docs}
    for line in (d / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold.setdefault(g["doc"].rsplit("/", 1)[-1], []).append(g)
    return docs, gold


def collect(set_dirs: list[str | Path], extract) -> list[dict]:
    """Every document of the coded sets with its gold and every mention the extractor gives
    (no confidence threshold), each prediction a record dict with its signals."""
    out = []
    for d in set_dirs:
        docs, gold = load_coded_set(d)
        for doc in docs:
            ms = extract(doc["text"], doc_id=doc["name"], published=doc["published"], min_confidence=0.0)
            preds = []
            for m in ms:
                rec = m.to_dict()
                rec["signals"] = dict(m.signals)
                preds.append(rec)
            out.append({"set": str(d), "doc": doc["name"], "gold": gold.get(doc["name"], []), "preds": preds})
    return out


def fit_logistic(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0,
                 iterations: int = 50) -> dict:
    """L2-regularised logistic regression by Newton's method: {"bias", "weights"} over the
    feature names of ``rows``."""
    import numpy as np

    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(k, 0.0) for k in names] for r in rows], dtype=float)
    x = np.hstack([np.ones((len(rows), 1)), x])
    y = np.array(labels, dtype=float)
    w = np.zeros(x.shape[1])
    reg = np.eye(x.shape[1]) * l2
    reg[0, 0] = 0.0  # no penalty on the bias
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x.T * (p * (1 - p))) @ x + reg
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(w)), grad)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return {"bias": float(w[0]), "weights": {k: float(v) for k, v in zip(names, w[1:]) if abs(v) > 1e-9}}


def _labelled(docs: list[dict]) -> list[tuple[dict, dict, int]]:
    out = []
    for d in docs:
        labels, _ = match_document(d["gold"], d["preds"])
        for p, lab in zip(d["preds"], labels):
            out.append((d, p, 1 if lab in ("tp", "optional") else 0))
    return out


def sweep(docs: list[dict], score_of, thresholds) -> list[dict]:
    """P/R/F1 of the mentions whose score is at least each threshold."""
    gold = {(d["set"], d["doc"]): d["gold"] for d in docs}
    out = []
    for t in thresholds:
        kept = {(d["set"], d["doc"]): [p for p in d["preds"] if score_of(p) >= t] for d in docs}
        out.append({"threshold": t, **prf(gold, kept)})
    return out


def reliability(pairs: list[tuple[float, int]], bins: int = 10) -> list[dict]:
    """Per bin of predicted confidence: mentions, mean confidence, share right."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                        "confidence": sum(p for p, _ in inside) / len(inside),
                        "right": sum(y for _, y in inside) / len(inside)})
    return out


def calibrate(docs: list[dict], folds: int = 5, l2: float = 1.0) -> dict:
    """Cross-validated comparison of the hand-set confidence and a fitted logistic model over
    the same mentions, on held-out documents (folds by document), and the model fitted on all."""
    from kizashi.events.confidence import features, hand_confidence, probability

    thresholds = [round(0.05 * i, 2) for i in range(20)]
    order = sorted(range(len(docs)), key=lambda i: (docs[i]["set"], docs[i]["doc"]))
    fold_of = {i: n % folds for n, i in enumerate(order)}
    held: dict[int, float] = {}
    for k in range(folds):
        train = [docs[i] for i in range(len(docs)) if fold_of[i] != k]
        rows = _labelled(train)
        model = fit_logistic([features(p["signals"]) for _, p, _ in rows], [y for _, _, y in rows], l2)
        for i in range(len(docs)):
            if fold_of[i] == k:
                for p in docs[i]["preds"]:
                    held[id(p)] = probability(p["signals"], model)
    learned = sweep(docs, lambda p: held[id(p)], thresholds)
    hand = sweep(docs, lambda p: hand_confidence(p["signals"]), thresholds)
    pairs = [(held[id(p)], y) for _, p, y in _labelled(docs)]
    hand_pairs = [(hand_confidence(p["signals"]), y) for _, p, y in _labelled(docs)]
    best = max(learned, key=lambda r: (round(r["f1"], 4), -r["threshold"]))
    rows = _labelled(docs)
    final = fit_logistic([features(p["signals"]) for _, p, _ in rows], [y for _, _, y in rows], l2)
    final["threshold"] = best["threshold"]
    return {"learned": learned, "hand": hand, "best": best,
            "best_hand": max(hand, key=lambda r: (round(r["f1"], 4), -r["threshold"])),
            "reliability": reliability(pairs), "reliability_hand": reliability(hand_pairs),
            "model": final, "documents": len(docs), "mentions": len(rows)}
