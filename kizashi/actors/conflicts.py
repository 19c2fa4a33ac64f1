"""Wars under way at a date (``data/conflicts.tsv``): the opponent of a side whose fight the text
tells without naming the other side (「ロシアの侵攻」, 「北朝鮮兵が戦闘に参加した」)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from kizashi.data import read_table


@dataclass(frozen=True)
class War:
    side: str
    opponent: str
    start: dt.date
    end: dt.date | None
    example: str


@lru_cache(maxsize=1)
def wars() -> tuple[War, ...]:
    return tuple(War(r["side"], r["opponent"], dt.date.fromisoformat(r["start"]),
                     dt.date.fromisoformat(r["end"]) if r["end"] else None, r["example"])
                 for r in read_table("conflicts.tsv"))


def story_day(on: str) -> dt.date:
    """The day a story dated ``on`` (ISO at year, month or day precision) is taken to be when
    what was under way at it is asked: the end of its year, day 28 of its month, or the day."""
    return dt.date.fromisoformat((on + "-12-31")[:10] if len(on) == 4 else (on + "-28")[:10] if len(on) == 7 else on)


def under_way(start: dt.date, end: dt.date | None, on: str | None) -> bool:
    """Is a period from ``start`` to ``end`` (exclusive; None: still on) under way at a story dated
    ``on`` (ISO at any precision)? With no date, nothing is known to be."""
    if not on:
        return False
    day = story_day(on)
    return start <= day and (end is None or day < end)


def opponents(side_codes: set, on: str | None) -> list[str]:
    """Whom these sides fight at date ``on`` (ISO at any precision)."""
    return [w.opponent for w in wars() if w.side in side_codes and under_way(w.start, w.end, on)]


def allies(side_codes: set, on: str | None) -> set[str]:
    """Who fights on the same side as these at date ``on``: those with a common opponent."""
    enemies = set(opponents(side_codes, on))
    return {w.side for w in wars() if w.opponent in enemies and under_way(w.start, w.end, on)} - set(side_codes)
