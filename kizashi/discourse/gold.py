"""Scoring the role classifier on a gold of labelled documents (``tests/data/roles_gold.jsonl``).

A gold line is one document: ``{"id", "split", "published", "lines": [[label, sentence], ...]}``
with labels ``R`` (report), ``C`` (claim), ``B`` (background), ``A`` (analysis), ``F``
(forecast), ``O`` (other). The document is its lines joined by newlines; a line is one sentence,
or several when the splitter cuts it (a dateline's time, 「2025年3月4日 7時12分」, is a part of
its own), and every sentence the splitter makes of a line is scored with the line's label.
Figures are per-role precision, recall and F1 and accuracy, over all documents or one
``split``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kizashi.discourse.roles import ROLES

CODES = {"R": "report", "C": "claim", "B": "background", "A": "analysis", "F": "forecast",
         "O": "other"}


class GoldError(ValueError):
    """A gold file or document that cannot be scored (the message names it)."""


def load(path: str | Path) -> list[dict]:
    docs = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            bad = [lab for lab, _ in d["lines"] if lab not in CODES]
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{n}: {exc}") from None
        if bad:
            raise GoldError(f"{path}:{n}: unknown labels {bad}; use {', '.join(CODES)}")
        docs.append(d)
    return docs


@dataclass
class Scores:
    gold: list[str] = field(default_factory=list)
    pred: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc, gold, pred, text

    def per_role(self) -> dict[str, dict[str, float]]:
        out = {}
        for r in ROLES:
            tp = sum(1 for g, p in zip(self.gold, self.pred) if g == p == r)
            np_ = sum(1 for p in self.pred if p == r)
            ng = sum(1 for g in self.gold if g == r)
            prec = tp / np_ if np_ else 0.0
            rec = tp / ng if ng else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            out[r] = {"n": ng, "predicted": np_, "tp": tp, "precision": round(prec, 3),
                      "recall": round(rec, 3), "f1": round(f1, 3)}
        return out

    @property
    def accuracy(self) -> float:
        ok = sum(1 for g, p in zip(self.gold, self.pred) if g == p)
        return round(ok / len(self.gold), 3) if self.gold else 0.0

    def confusion(self) -> dict[str, dict[str, int]]:
        m = {g: {p: 0 for p in ROLES} for g in ROLES}
        for g, p in zip(self.gold, self.pred):
            m[g][p] += 1
        return m


def score(docs: list[dict], split: str | None = None) -> Scores:
    from kizashi.discourse.reader import sentence_roles

    s = Scores()
    for d in docs:
        if split and d.get("split") != split:
            continue
        text = "\n".join(t for _, t in d["lines"])
        spans, pos = [], 0
        for lab, t in d["lines"]:
            spans.append((pos, pos + len(t), CODES[lab]))
            pos += len(t) + 1
        for r in sentence_roles(text, d.get("published")):
            if not r.text.strip():
                continue
            g = next((lab for a, b, lab in spans if a <= r.start < b), None)
            if g is None:
                raise GoldError(f"document {d['id']}: sentence {r.text[:30]!r} is in no line")
            s.gold.append(g)
            s.pred.append(r.role)
            if g != r.role:
                s.errors.append((d["id"], g, r.role, r.text))
    return s
