"""How sure the extractor is of a mention: a probability that the mention is right, calibrated
on coded real news.

Each mention carries its *signals* (how it was found: the type, where each role came from, the
trigger's lexicon prior, whether it is an event noun, inside a quotation, in a headline, its
factuality...). :func:`features` turns them into numbers, and a logistic model whose weights are
in ``data/confidence.json`` gives the probability. The weights are fitted by
``kizashi eval --calibrate`` on hand-coded real stories (docs/evaluation.md gives the data, the
held-out figures and the reliability table); without the file the confidence is the hand-set
one: the trigger's prior times the weight of the least certain role.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
HOWS = ("frame", "clause", "discourse", "story", "prior")
DEPS = ("ROOT", "acl", "advcl", "ccomp", "nmod", "obl", "obj", "nsubj")
FACTUALITIES = ("asserted", "reported", "uncertain", "future", "hypothetical", "denied", "negated")
FILTERS = ("topic", "bare", "habit", "governed", "ability")
FLAGS = ("nominal", "embedded", "marked", "gap", "quoted", "speech", "progress", "treaty_head",
         "headline", "no_recipient", "mutual", "date_in_sentence")


def features(signals: dict) -> dict[str, float]:
    """Numbers for the model from a mention's signals (missing signals count as absent)."""
    f: dict[str, float] = {"prior": float(signals.get("prior", 0.5)),
                           "hand": float(signals.get("hand", 0.5))}
    for t in TYPES:
        if signals.get("type") == t:
            f[f"type={t}"] = 1.0
    for role in ("actor_how", "recipient_how"):
        if signals.get(role) in HOWS:
            f[f"{role}={signals[role]}"] = 1.0
    dep = signals.get("dep")
    f[f"dep={dep if dep in DEPS else 'other'}"] = 1.0
    if signals.get("factuality") in FACTUALITIES:
        f[f"factuality={signals['factuality']}"] = 1.0
    for flag in FLAGS:
        if signals.get(flag):
            f[flag] = 1.0
    if signals.get("filtered") in FILTERS:
        f[f"filtered={signals['filtered']}"] = 1.0
    f["frames"] = min(float(signals.get("frames", 1)), 6.0) / 6.0
    f["length"] = min(float(signals.get("length", 50)), 300.0) / 300.0
    return f


@lru_cache(maxsize=1)
def model() -> dict | None:
    """The fitted weights (``data/confidence.json``), or None when there are none."""
    try:
        text = resources.files("kizashi.data").joinpath("confidence.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(text)


def hand_confidence(signals: dict) -> float:
    """The hand-set confidence: the trigger's prior times the weight of the least certain role;
    a background candidate (signals["filtered"]) falls below the default threshold."""
    return BACKGROUND if signals.get("filtered") else float(signals.get("hand", 0.5))


def probability(signals: dict, weights: dict | None = None) -> float:
    """The calibrated probability that the mention is right (the hand-set confidence when no
    model is fitted)."""
    m = weights if weights is not None else model()
    if not m:
        return hand_confidence(signals)
    z = m["bias"] + sum(m["weights"].get(k, 0.0) * v for k, v in features(signals).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: the hand-set confidence of a background candidate, and the default threshold without a model
BACKGROUND = 0.01
HAND_THRESHOLD = 0.05


def default_threshold() -> float:
    """The minimum confidence a mention needs to be given: as fitted, else the hand-set one (which
    keeps every mention but background candidates)."""
    m = model()
    return float(m.get("threshold", HAND_THRESHOLD)) if m else HAND_THRESHOLD
