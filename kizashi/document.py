"""The state of one document as it goes through the pipeline, and the resources the stages read.

Every component of :mod:`kizashi.pipeline` reads and fills one :class:`DocState`; the stages
(``actors/``, ``time/``, ``events/``, ``factuality/``) import this module, never the pipeline, so
that the orchestrator can import them without a cycle.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kizashi.actors.gazetteer import ActorMention, Gazetteer
from kizashi.events.lexicon import Lexicon, default_lexicon
from kizashi.nlp.normalize import NormalizedText
from kizashi.records import EventMention
from kizashi.time.dates import DateMention, PartialDate


@dataclass(frozen=True)
class Resources:
    """What the extractor looks words up in: the trigger lexicon and the actor gazetteer.

    ``Resources.default()`` gives the tables packaged in ``kizashi/data``; pass your own to
    :func:`kizashi.pipeline.extract` to try another lexicon or gazetteer."""

    lexicon: Lexicon
    gazetteer: Gazetteer

    @classmethod
    def default(cls) -> "Resources":
        return cls(default_lexicon(), Gazetteer.default())


@dataclass
class Sentence:
    index: int
    start: int                      # offsets into the normalised text
    end: int
    text: str
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    anchor: str | None = None       # the date in force before this sentence (ISO, partial)
    candidate: bool = False         # may hold an event we code: worth parsing
    parsed: object | None = None    # the spaCy Doc of the sentence
    headline: bool = False          # a line with no sentence-final punctuation (headline, deck)
    navigation: bool = False        # inside a page's link list (関連記事, あわせて読みたい…), no article
    role: str | None = None         # kizashi.discourse.roles: report, claim, background...


@dataclass
class DocState:
    doc_id: str
    original: str
    published: dt.date | PartialDate | None
    resources: Resources
    norm: NormalizedText | None = None
    story_date: str | None = None   # ISO date of the story (publication, dateline, else first date)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    trace: list | None = None       # a list to record every frame's fate in (kizashi.events.explain)

    @property
    def lexicon(self) -> Lexicon:
        return self.resources.lexicon

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.gazetteer

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the original text of the normalised span ``[start, end)``."""
        return self.norm.span(start, end)
