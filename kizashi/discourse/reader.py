"""Roles of the sentences of a whole document, outside of extraction: for the document reader
(every sentence coloured by its role), for the role gold (:mod:`kizashi.discourse.gold`) and for
mentions stored before the layer existed.

:func:`sentence_roles` runs the pipeline's first components (``normalize``, ``sentences``,
``context``, ``roles``: no parser) and returns each sentence with offsets into the text as given.
"""
from __future__ import annotations

from dataclasses import dataclass

from kizashi.discourse.roles import RoleDecision, classify

#: the components that lead to the roles (no GiNZA: a few milliseconds a document)
ROLE_PIPELINE = ("normalize", "sentences", "context", "roles")


@dataclass(frozen=True)
class SentenceRole:
    index: int
    start: int          # offsets into the original text
    end: int
    text: str           # the original text of the sentence
    role: str
    cues: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text,
                "role": self.role, "cues": list(self.cues)}


def sentence_roles(text: str, published=None, resources=None) -> list[SentenceRole]:
    """Every sentence of ``text`` with its role and the cues that decided it."""
    from kizashi.document import DocState, Resources
    from kizashi.pipeline import COMPONENTS, check_pipeline
    from kizashi.time.dates import parse_iso_partial

    if isinstance(published, str):
        published = parse_iso_partial(published) if published else None
    check_pipeline(ROLE_PIPELINE)
    state = DocState("doc", text, published, resources or Resources.default())
    for name in ROLE_PIPELINE[:-1]:
        COMPONENTS[name].fn(state)
    decisions: list[RoleDecision] = classify(state.sentences, state.story_date,
                                              text=state.norm.text)
    out = []
    for s, d in zip(state.sentences, decisions):
        a, b = state.original_span(s.start, s.end)
        out.append(SentenceRole(s.index, a, b, text[a:b], d.role, d.cues))
    return out


def role_of_offset(roles: list[SentenceRole], offset: int | None) -> str | None:
    """The role of the sentence holding original offset ``offset``."""
    if offset is None:
        return None
    for r in roles:
        if r.start <= offset < max(r.end, r.start + 1):
            return r.role
    return None
