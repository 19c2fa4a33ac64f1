"""The role of every sentence of a document: what the writer does with it.

Six roles (:data:`ROLES`):

* ``report`` — something happened or is happening, told by the writer as fact; a statement
  whose content is a stance (非難した, 懸念を表明した, 求めた, 強調した) is such an event;
* ``claim`` — someone says that something happened or is the case (〜によると, 〜と発表した,
  〜と明らかにした, 〜と否定した, 〜という, 〜とされる, a headline ending in か);
* ``background`` — history and earlier context (かつて, 以来, これまで, 〜てきた, 〜ていた,
  a date well before the story);
* ``analysis`` — a reading of what it means or why, by the writer or an expert (〜とみられる,
  〜と分析, 〜との見方, 狙い, 背景には, 〜と言える);
* ``forecast`` — what may or will happen (見通し, 予定, 〜可能性がある, 〜だろう, 今後, a date
  after the story, 〜すれば);
* ``other`` — datelines, source lines, captions, bylines, navigation, section headings.

The rules are cues read from the normalised sentence text (``kizashi/data/roles.tsv``, each cue
with a sentence of ours that the tests run) and from what the ``context`` component found: the
sentence's dates against the story's date, whether it is the title (the first line, without
sentence-final punctuation), and the section it is in (a heading such as 今後の展望 or これまで
の経緯 gives the sentences after it a lean towards its role). Japanese puts the main predicate
last, so a cue of the sentence's end (``where = end``: 〜と分析している, 〜見通しだ) weighs more
than one inside it; the ``context`` component runs before the parser, so tense, aspect and
modality are read from the predicate's surface form (〜ていた, 〜てきた, a non-past verb before
〜とみられる) rather than from a parse. Every cue that matches adds its weight to its role; the
role with the highest score wins (ties: :data:`PRIORITY`), and a sentence with no cue is a
``report``.

:func:`classify` is a pure function of the sentences, the story's date and the lexicon; the
pipeline component (``roles``, after ``context``) sets ``Sentence.role``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from kizashi.model import date_parts, read_tsv

ROLES = ("report", "claim", "background", "analysis", "forecast", "other")
#: display names (Japanese, English)
LABELS = {
    "report": ("出来事の報道", "event report"),
    "claim": ("帰属された主張", "attributed claim"),
    "background": ("背景", "background"),
    "analysis": ("分析・解釈", "analysis / interpretation"),
    "forecast": ("予測・シナリオ", "forecast / scenario"),
    "other": ("その他", "other"),
}
#: which role wins a tie of scores (the more guarded reading first)
PRIORITY = ("other", "forecast", "background", "analysis", "claim", "report")
WHERE = ("end", "any", "head", "line", "title", "heading")
#: shorthands of the lexicon's patterns
MACROS = {
    "{V}": "(?:する|します|した|しました|している|していた|しています|しており|される|された"
           "|されている|されていた|した上で)",
    "{COP}": "(?:だ|である|です|となっている|という|だという|とされる|とみられる)?",
}
#: what may follow the main predicate: sentence-final punctuation and closing brackets
_TAIL = re.compile(r"[\s。．.!！?？」』）)\]】]*$")
_TITLE_MAX = 60
HEADING_MAX = 16
#: the weight of a section's role for the sentences under its heading
SECTION_WEIGHT = 2.0
#: date cues: a date after the story's is a forecast; one long before it, background
FUTURE_DATE_WEIGHT = 2.5
PAST_YEAR_WEIGHT = 2.0       # a year before the story's
PAST_MONTHS_WEIGHT = 1.5     # same year, three months or more before


class LexiconError(ValueError):
    """A row of roles.tsv that cannot be used (the message names the row)."""


@dataclass(frozen=True)
class Cue:
    role: str
    where: str
    weight: float
    pattern: str
    example: str
    regex: re.Pattern = field(compare=False, repr=False)

    def matches(self, text: str, core: str, title: bool, parts: Sequence[str] = ()) -> bool:
        """Whether the cue holds for a sentence (``core``: without its final punctuation;
        ``parts``: the cores of a title's parts, each of which may end the way a title does)."""
        if self.where == "end":
            return self.regex.search(core) is not None
        if self.where == "head":
            return self.regex.match(core) is not None
        if self.where == "line":
            return self.regex.fullmatch(text) is not None or self.regex.fullmatch(core) is not None
        if self.where == "title":
            return title and any(self.regex.search(p) is not None for p in (core, *parts))
        if self.where == "heading":
            return False                      # headings are read by :func:`heading_role`
        return self.regex.search(text) is not None


def _compile(pattern: str, where: str) -> re.Pattern:
    p = pattern
    for k, v in MACROS.items():
        p = p.replace(k, v)
    if where == "end":
        p = f"(?:{p})$"
    return re.compile(p)


@dataclass(frozen=True)
class RoleLexicon:
    cues: tuple[Cue, ...]

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], name: str = "roles.tsv") -> "RoleLexicon":
        cues = []
        for n, row in enumerate(rows, 1):
            role, where = row.get("role", ""), row.get("where", "")
            where_in = f"{name} row {n} ({row.get('pattern', '')!r})"
            if role not in ROLES:
                raise LexiconError(f"{where_in}: role {role!r} is not one of {', '.join(ROLES)}")
            if where not in WHERE:
                raise LexiconError(f"{where_in}: where {where!r} is not one of {', '.join(WHERE)}")
            try:
                weight = float(row.get("weight") or 0)
                regex = _compile(row["pattern"], where)
            except (ValueError, re.error) as exc:
                raise LexiconError(f"{where_in}: {exc}") from None
            if not row.get("example"):
                raise LexiconError(f"{where_in}: every cue needs an example sentence")
            cues.append(Cue(role, where, weight, row["pattern"], row["example"], regex))
        return cls(tuple(cues))

    @property
    def headings(self) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.where == "heading")


@lru_cache(maxsize=1)
def default_lexicon() -> RoleLexicon:
    """The cues of ``kizashi/data/roles.tsv``."""
    return RoleLexicon.from_rows(read_tsv("roles.tsv"))


@dataclass(frozen=True)
class RoleDecision:
    """The role of one sentence and why: the cues (``role:pattern``, or ``date:…``,
    ``section:…``) that scored, and the score of every role that had one."""

    role: str
    cues: tuple[str, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict:
        return {"role": self.role, "cues": list(self.cues), "scores": dict(self.scores)}


def core_of(text: str) -> str:
    """The sentence without its final punctuation and closing brackets (its predicate last)."""
    return _TAIL.sub("", text.strip())


def is_title_like(text: str) -> bool:
    """A line that does not end a sentence: no 。 at all (a headline, a heading, a caption)."""
    t = text.strip()
    return bool(t) and "。" not in t and len(t) <= _TITLE_MAX


def heading_role(text: str, lexicon: RoleLexicon) -> tuple[str, str] | None:
    """``(section role, pattern)`` when the line is a section heading of the lexicon (今後の展望,
    これまでの経緯...): short, with no sentence-final punctuation, matched whole."""
    t = core_of(text)
    if not t or "。" in text or len(t) > HEADING_MAX:
        return None
    for c in lexicon.headings:
        if c.regex.fullmatch(t):
            return c.role, c.pattern
    return None


def _months(parts: tuple[int, ...]) -> int:
    return parts[0] * 12 + (parts[1] - 1 if len(parts) > 1 else 0)


#: a predicate in the past tense: what it tells has happened, whatever its date
PAST = re.compile(r"(?:た|だった|ていた|であった)$")


def date_cues(dates, story_date: str | None, past: bool = False) -> list[tuple[str, float, str]]:
    """``(role, weight, why)`` of the sentence's explicit dates against the story's date: after
    it (at their common precision) a forecast, unless the predicate is past (``past``: a night
    story's 「4日未明、…可決した」); a year before it or three months before it background.
    Relative dates (同日, 今月) and durations say nothing."""
    story = date_parts(story_date)
    if not story:
        return []
    out = []
    for d in dates or ():
        if not getattr(d, "explicit", False) or getattr(d, "kind", "") in ("duration", "ago"):
            continue
        p = date_parts(getattr(d, "value", None))
        if not p:
            continue
        n = min(len(p), len(story))
        if p[:n] > story[:n]:
            if past:
                continue
            out.append(("forecast", FUTURE_DATE_WEIGHT, f"date:{d.text}>story"))
        elif p[0] < story[0]:
            out.append(("background", PAST_YEAR_WEIGHT, f"date:{d.text}<year"))
        elif len(p) > 1 and len(story) > 1 and _months(story) - _months(p) >= 3:
            out.append(("background", PAST_MONTHS_WEIGHT, f"date:{d.text}<3 months"))
    return out


def _decide(scores: dict[str, float]) -> str:
    if not scores:
        return "report"
    best = max(scores.values())
    return next(r for r in PRIORITY if scores.get(r) == best)


def title_end(text: str | None) -> int | None:
    """The end offset of the first non-empty line of ``text`` when it is a title (no 。)."""
    if not text:
        return None
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return end if is_title_like(text[start:end]) else None


def classify(sentences: Sequence, story_date: str | None = None,
             lexicon: RoleLexicon | None = None, text: str | None = None) -> list[RoleDecision]:
    """The role of each sentence, in order. A sentence is anything with ``text`` (and optionally
    ``dates``, the :class:`~kizashi.time.dates.DateMention` list the context component found,
    and ``start``, its offset into ``text``, the document: every sentence of a first line
    without 。 is the title; without ``text`` only the first sentence can be)."""
    lex = lexicon or default_lexicon()
    out: list[RoleDecision] = []
    section: tuple[str, str] | None = None
    first_line = title_end(text)
    title_text, title_parts = None, ()
    if first_line is not None:      # a headline cut into parts is read as one line
        parts = [(x.text or "").strip() for x in sentences
                 if getattr(x, "start", None) is not None and x.start < first_line]
        title_text = "\u3000".join(p for p in parts if p) or None
        title_parts = tuple(core_of(p) for p in parts if p)
    seen_title = False
    for s in sentences:
        text_ = (s.text or "").strip()
        if not text_:
            out.append(RoleDecision("other", ("empty",)))
            continue
        start = getattr(s, "start", None)
        if first_line is not None and start is not None:
            title = start < first_line
        else:
            title = not seen_title and is_title_like(text_)
        seen_title = True
        text = title_text if title and title_text else text_
        if not title:
            head = heading_role(text, lex)
            if head is not None:
                section = None if head[0] == "other" else head
                out.append(RoleDecision("other", (f"heading:{head[1]}",), (("other", 1.0),)))
                continue
        core = core_of(text)
        scores: dict[str, float] = {}
        why: list[str] = []
        for c in lex.cues:
            if c.weight and c.matches(text, core, title, title_parts if title else ()):
                scores[c.role] = scores.get(c.role, 0.0) + c.weight
                why.append(f"{c.role}:{c.pattern}")
        if scores.get("other", 0) > 0:
            out.append(RoleDecision("other", tuple(why), tuple(sorted(scores.items()))))
            continue
        scores.pop("other", None)
        for role, w, reason in date_cues(getattr(s, "dates", None), story_date,
                                         past=PAST.search(core) is not None):
            scores[role] = scores.get(role, 0.0) + w
            why.append(reason)
        if section is not None:
            scores[section[0]] = scores.get(section[0], 0.0) + SECTION_WEIGHT
            why.append(f"section:{section[1]}")
        out.append(RoleDecision(_decide(scores), tuple(why), tuple(sorted(scores.items()))))
    return out


def assign_roles(state) -> None:
    """The ``roles`` pipeline component: ``Sentence.role`` for every sentence of the state."""
    for s, d in zip(state.sentences, classify(state.sentences, state.story_date,
                                              text=state.norm.text if state.norm else None)):
        s.role = d.role


def role_at(sentences: Sequence, start: int) -> str | None:
    """The role of the sentence that holds normalised offset ``start`` (None when none does)."""
    for s in sentences:
        if s.start <= start < max(s.end, s.start + 1):
            return getattr(s, "role", None)
    return None


def label_mentions(state) -> None:
    """``EventMention.sentence_role`` of every mention of the state, from the sentence its
    evidence comes from (mention offsets are into the original text; sentences into the
    normalised one)."""
    if not state.mentions:
        return
    spans = [(state.original_span(s.start, s.end), s) for s in state.sentences]
    for m in state.mentions:
        pos = m.evidence.start
        for (a, b), s in spans:
            if a <= pos < max(b, a + 1):
                m.sentence_role = getattr(s, "role", None)
                break
