"""Score cross-document fusion against tests/data/fusion_gold.json.

Run ``.venv/bin/python tests/fusion/fusion_gold_eval.py`` to print the figures.

Alignment: an extracted mention and a gold mention of the same file align when the extracted
mention's evidence sentence overlaps the gold quote; candidates whose trigger lies inside the
quote come first, then the larger overlap; the matching is one-to-one and greedy in that order.

Pairwise scores are over gold mentions that were aligned (the extractor's misses cannot be
clustered): precision = pairs in the same predicted event that share a gold event / pairs in
the same predicted event; recall = the same numerator / pairs that share a gold event.
"""
from __future__ import annotations

import itertools
import re
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "fusion_gold.json"
SAMPLES = ROOT / "samples" / "fusion"


@dataclass
class GoldScores:
    gold_mentions: int
    aligned: int
    extracted: int
    events_gold: int
    events_predicted: int
    pair_precision: float
    pair_recall: float
    pairs_predicted: int
    pairs_gold: int
    pairs_both: int

    @property
    def coverage(self) -> float:
        return self.aligned / self.gold_mentions if self.gold_mentions else 0.0

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_precision, self.pair_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path = GOLD) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def quote_span(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"quote not in text: {quote!r}")
    return pos, pos + len(quote)


def event_type(gold: dict, event: str) -> str | None:
    """The PLOVER type a gold event's description names: "... (AID PRK→RUS)"."""
    found = re.search(r"\(([A-Z]+)\b", gold["events"][event])
    return found.group(1) if found else None


def align(gold: dict, texts: dict[str, str], items) -> dict[int, tuple[str, int]]:
    """gold mention index -> extracted mention key ``(doc id, index)``: a mention of the gold
    event's type (a quote may hold two: 派兵に関する報道を否定した tells an AID and its denial),
    whose trigger lies inside the gold quote, overlapping it most. A gold mention with no mention
    of its type is left out (coverage), as the extractor's miss, not the fusion's."""
    from kizashi.fusion.cluster import _prepare

    spans = []
    for g in gold["mentions"]:
        spans.append(quote_span(texts[g["file"]], g["quote"], g.get("occurrence", 0)))
    cands = []
    for it in _prepare(list(items)):
        m = it.m
        for gi, g in enumerate(gold["mentions"]):
            if g["file"] != it.ctx.doc_id:
                continue
            qs, qe = spans[gi]
            overlap = min(qe, m.evidence.end) - max(qs, m.evidence.start)
            if overlap <= 0:
                continue
            inside = qs <= m.trigger.start and m.trigger.end <= qe
            wanted = event_type(gold, g["event"])
            if wanted and m.event_type != wanted:
                continue  # an extraction miss (派兵に関する報道を否定した: the denial only), not fusion's
            cands.append((-int(inside), -overlap, gi, it.key))
    cands.sort()
    used_g, used_m, out = set(), set(), {}
    for _, _, gi, key in cands:
        if gi in used_g or key in used_m:
            continue
        used_g.add(gi)
        used_m.add(key)
        out[gi] = key
    return out


def pairwise(pred: dict, gold: dict) -> tuple[int, int, int]:
    """(pairs same predicted, pairs same gold, pairs both) over the keys of ``pred``/``gold``."""
    keys = sorted(pred)
    sp = sg = both = 0
    for a, b in itertools.combinations(keys, 2):
        p, g = pred[a] == pred[b], gold[a] == gold[b]
        sp += p
        sg += g
        both += p and g
    return sp, sg, both


def run(samples: Path = SAMPLES, gold_path: Path = GOLD) -> tuple[GoldScores, list, list]:
    from kizashi.fusion import extract_documents, fuse

    gold = load_gold(gold_path)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))}
    items = extract_documents(sorted(texts.items()))
    events = fuse(items)
    alignment = align(gold, texts, items)
    cluster_of = {key: ev.id for ev in events for key in ev.mentions}
    pred = {gi: cluster_of[key] for gi, key in alignment.items()}
    gold_ev = {gi: gold["mentions"][gi]["event"] for gi in alignment}
    sp, sg, both = pairwise(pred, gold_ev)
    scores = GoldScores(
        gold_mentions=len(gold["mentions"]), aligned=len(alignment), extracted=len(items),
        events_gold=len(set(gold_ev.values())), events_predicted=len(set(pred.values())),
        pair_precision=both / sp if sp else 1.0, pair_recall=both / sg if sg else 1.0,
        pairs_predicted=sp, pairs_gold=sg, pairs_both=both)
    return scores, events, items


def main() -> int:
    s, events, items = run()
    print(f"gold mentions {s.gold_mentions}, extracted mentions {s.extracted}, "
          f"aligned {s.aligned} (coverage {s.coverage:.3f})")
    print(f"gold events among aligned {s.events_gold}, predicted events among aligned "
          f"{s.events_predicted}, fused events in total {len(events)}")
    print(f"pairwise precision {s.pair_precision:.3f} ({s.pairs_both}/{s.pairs_predicted}), "
          f"recall {s.pair_recall:.3f} ({s.pairs_both}/{s.pairs_gold}), F1 {s.pair_f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
