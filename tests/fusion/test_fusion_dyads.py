"""The dyadic cooperation–conflict index."""
from __future__ import annotations

import pytest

from kizashi.events.lexicon import default_lexicon
from kizashi.fusion import FACTUALITY_WEIGHT, FusedEvent, cooperation_conflict_index
from kizashi.fusion.dyads import dyad_pairs, event_period


def ev(id, etype, actors, recipients, date, factuality="asserted", confidence=1.0, first=None):
    return FusedEvent(id=id, event_type=etype, actors=actors, recipients=recipients, date=date,
                      mentions=[("d", 0)], sources=["s"], first_reported=first or date,
                      last_reported=first or date, factuality=factuality, quantities=[],
                      conflicting_quantities=False, confidence=confidence)


def score(t):
    return default_lexicon().score(t)


def test_index_sums_weighted_scores_with_counts():
    events = [ev("e1", "AID", ["PRK"], ["RUS"], "2024-10-20", "reported", 0.9),
              ev("e2", "AID", ["PRK"], ["RUS"], "2024-10-25", "uncertain", 0.5),
              ev("e3", "AID", ["PRK"], ["RUS"], "2024-10-26", "denied", 1.0)]
    [row] = cooperation_conflict_index(events, "month")
    assert (row["actor"], row["recipient"], row["period"], row["count"]) == ("PRK", "RUS", "2024-10", 3)
    assert row["index"] == pytest.approx(score("AID") * (0.8 * 0.9 + 0.5 * 0.5 + 0.0))
    assert row["events"] == ["e1", "e2", "e3"]


def test_mutual_events_count_for_each_ordered_pair():
    rows = cooperation_conflict_index([ev("t", "SUPPORT", ["PRK", "RUS"], [], "2024-06-19")])
    assert [(r["actor"], r["recipient"]) for r in rows] == [("PRK", "RUS"), ("RUS", "PRK")]
    assert all(r["index"] == score("SUPPORT") for r in rows)


def test_conflict_and_cooperation_split_and_unary():
    events = [ev("s", "SANCTION", ["USA", "JPN"], ["PRK"], "2024-12-16"),
              ev("m", "MOBILIZE", ["PRK"], [], "2024-12-20", "future")]
    rows = cooperation_conflict_index(events)
    keyed = {(r["actor"], r["recipient"]): r for r in rows}
    assert keyed[("USA", "PRK")]["conflict"] == score("SANCTION")
    assert keyed[("PRK", None)]["index"] == pytest.approx(score("MOBILIZE") * FACTUALITY_WEIGHT["future"])
    assert ("PRK", None) not in {(r["actor"], r["recipient"]) for r in cooperation_conflict_index(events, unary=False)}


def test_week_periods_and_coarse_dates():
    assert event_period(ev("a", "AID", ["A"], ["B"], "2024-06-19"), "week") == "2024-W25"
    assert event_period(ev("a", "AID", ["A"], ["B"], "2024-06", first="2024-06-20"), "week") == "2024-W25"
    assert event_period(ev("a", "AID", ["A"], ["B"], "2023-08", first="2024-12-18"), "week") == "2023-W31"
    assert event_period(ev("a", "AID", ["A"], ["B"], None, first=None)) is None
    with pytest.raises(ValueError):
        event_period(ev("a", "AID", ["A"], ["B"], "2024"), "day")


def test_weights_table():
    assert FACTUALITY_WEIGHT == {"asserted": 1.0, "reported": 0.8, "uncertain": 0.5, "future": 0.3,
                                 "hypothetical": 0.2, "negated": 0.0, "denied": 0.0}
    assert dyad_pairs(ev("x", "AID", ["A", "B"], ["B"], "2024")) == [("A", "B")]
