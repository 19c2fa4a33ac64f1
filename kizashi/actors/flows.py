"""Transfers whose direction between two parties is known at a date (``data/flows.tsv``): the
giver and receiver of a transfer the text tells only as between them (露朝間の武器取引)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from kizashi.actors.conflicts import under_way
from kizashi.data import read_table


@dataclass(frozen=True)
class Flow:
    goods: str
    giver: str
    receiver: str
    start: dt.date
    end: dt.date | None
    example: str


@lru_cache(maxsize=1)
def flows() -> tuple[Flow, ...]:
    return tuple(Flow(r["goods"], r["giver"], r["receiver"], dt.date.fromisoformat(r["start"]),
                      dt.date.fromisoformat(r["end"]) if r["end"] else None, r["example"])
                 for r in read_table("flows.tsv"))


def direction(parties: set, goods: set, on: str | None) -> tuple[str, str] | None:
    """(giver, receiver) of goods of a class in ``goods`` moving between exactly ``parties`` at
    date ``on`` (ISO at any precision), when one known flow says so; else None."""
    if len(parties) != 2:
        return None
    hits = {(f.giver, f.receiver) for f in flows() if f.goods in goods and {f.giver, f.receiver} == parties
            and under_way(f.start, f.end, on)}
    return hits.pop() if len(hits) == 1 else None


def receiver(giver: set, goods: set, on: str | None) -> str | None:
    """The one receiver of goods of a class in ``goods`` that ``giver`` (one party) is known to
    send at date ``on`` (北朝鮮が砲弾を送った, with no receiver named, in 2024: RUS); else None."""
    if len(giver) != 1:
        return None
    hits = {f.receiver for f in flows() if f.goods in goods and {f.giver} == giver and under_way(f.start, f.end, on)}
    return hits.pop() if len(hits) == 1 else None
