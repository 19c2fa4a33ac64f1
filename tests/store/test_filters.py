"""One EventFilter (issue 9): one vocabulary, validated once, every bad value named; names
resolve to codes on the store; nothing silently dropped."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from kizashi.store import queries as Q
from kizashi.store.filters import FIELDS, EventFilter, FilterError, explain, resolve


def test_values_are_normalised():
    f = EventFilter(start="2024-06", end="2024", type="aid,Accuse", quad=["3", "material_conflict"],
                    factuality="Reported", dyad="RUS, PRK", min_sources="2", q="  制裁  ")
    assert f.active() == {"start": "2024-06", "end": "2024", "type": ["ACCUSE", "AID"],
                          "quad": ["verbal_conflict", "material_conflict"],
                          "dyad": ["RUS", "PRK"], "factuality": ["reported"], "min_sources": 2,
                          "q": "制裁"}
    assert EventFilter(start="", type=[], q="   ").active() == {}
    assert set(FIELDS) == set(EventFilter.model_fields)


@pytest.mark.parametrize("bad, field, words", [
    ({"start": "2024-13-01"}, "start", "no month 13"),
    ({"start": "yesterday"}, "start", "not a date"),
    ({"end": "2024-02-30"}, "end", "no day 30"),
    ({"start": "2024-07", "end": "2024-06"}, None, "after end"),
    ({"type": "AID,BOGUS"}, "type", "unknown event type 'BOGUS'"),
    ({"quad": "peace"}, "quad", "unknown quad class"),
    ({"quad": "5"}, "quad", "unknown quad class"),
    ({"factuality": "certain"}, "factuality", "unknown factuality"),
    ({"dyad": "RUS"}, "dyad", "two entities"),
    ({"dyad": "RUS,rus"}, "dyad", "two different"),
    ({"min_sources": 10 ** 30}, "min_sources", "less than or equal"),
    ({"min_sources": "9" * 5000}, "min_sources", ""),
    ({"min_sources": -1}, "min_sources", "greater than or equal"),
    ({"q": "a\x00b"}, "q", "NUL"),
    ({"q": " ".join(["語"] * 21)}, "q", "at most 20"),
    ({"q": "あ" * 501}, "q", "at most 500"),
    ({"actor": "RUS\x00"}, "actor", "control characters"),
    ({"types": "AID"}, "types", "unknown filter"),
    ({"text": "制裁"}, "text", "unknown filter"),
])
def test_every_bad_value_is_named(bad, field, words):
    with pytest.raises(ValidationError) as err:
        EventFilter(**bad)
    msg = explain(err.value)
    if field:
        assert msg.startswith(f"{field}: "), msg
    assert words in msg, msg


def test_names_resolve_to_codes_and_unknown_ones_are_errors(store):
    f = resolve(store, EventFilter(actor="北朝鮮", recipient="rus", dyad=("ロシア", "米国")))
    assert (f.actor, f.recipient, f.dyad) == ("PRK", "RUS", ("RUS", "USA"))
    with pytest.raises(FilterError, match="actor: no entity has the code or name 'ほげ'"):
        resolve(store, EventFilter(actor="ほげ"))
    with pytest.raises(FilterError, match="same entity"):
        resolve(store, EventFilter(dyad=("ロシア", "RUS")))
    # the query layer says so too, instead of an empty page
    with pytest.raises(Q.QueryError):
        Q.list_events(store, actor="ZZZ")


@pytest.mark.parametrize("cursor", ["garbage", "W10=", "WyJkYXRlIiwxLCJldiJd",
                                    "WyJzb3VyY2VzIiwiYSIsImV2Il0", "WyJkYXRlIiwiMjAyNCIsMV0"])
def test_wrongly_typed_cursors_are_refused(store, cursor):
    # [], ["date",1,"ev"] (a number for a date key), ["sources","a","ev"], ["date","2024",1]
    sort = "sources" if cursor.startswith("WyJzb3") else "date"
    with pytest.raises(Q.QueryError, match="cursor"):
        Q.list_events(store, sort=sort, after=cursor)
