"""Treaties known by name (``data/treaties.tsv``): the parties of a signing or ratification the
text tells with fewer than all of them (「昨年調印された包括的戦略パートナーシップ条約」)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from kizashi.actors.conflicts import story_day
from kizashi.data import read_table


@dataclass(frozen=True)
class Treaty:
    names: tuple[str, ...]
    parties: frozenset[str]
    signed: dt.date
    example: str


@lru_cache(maxsize=1)
def treaties() -> tuple[Treaty, ...]:
    return tuple(Treaty(tuple(r["names"].split("|")), frozenset(r["parties"].split("|")),
                        dt.date.fromisoformat(r["signed"]), r["example"])
                 for r in read_table("treaties.tsv"))


def parties_of(text: str, named: set, on: str | None) -> frozenset[str]:
    """The parties of the one known treaty ``text`` names, when the story (dated ``on``, ISO at any
    precision) is from after its signing and the parties ``named`` are among them; else none."""
    if not on:
        return frozenset()
    day = story_day(on)
    found = [t for t in treaties() if any(n in text for n in t.names)
             and t.signed <= day and set(named) <= t.parties]
    return found[0].parties if len(found) == 1 else frozenset()
