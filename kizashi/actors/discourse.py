"""The discourse model: what a reader keeps in mind from one sentence to the next.

Japanese news leaves out what the reader already knows: the subject carried across sentences
(「…と述べた。その上で…よう求めた。」), the recipient of a dispatch told a sentence before
(「同国はこれまでに計1万5000人を送り込んだ」), the event a condemnation is about. One model per
document keeps, in reading order:

* the **salient subject**: the last doer named as an event's subject or topic;
* the **last event**: its type, actor and recipient;
* the **recipient** of the last event of each type and actor.

Each is offered only within ``window`` sentences; the events stage asks for them when a frame's
own clause and sentence leave a role empty, and says so in the mention's confidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: how many sentences back a left-out role may be filled from
WINDOW = 3


@dataclass
class Recalled:
    index: int          # the sentence it was seen in
    mentions: list      # ActorMention


@dataclass
class DiscourseModel:
    window: int = WINDOW
    subject: Recalled | None = None
    last_event: Recalled | None = None
    recipients: dict[tuple, Recalled] = field(default_factory=dict)

    def _fresh(self, r: Recalled | None, index: int, reach: int | None = None) -> list:
        if r is None or index - r.index > (self.window if reach is None else reach):
            return []
        return r.mentions

    # ------------------------------------------------------------------ questions
    def salient_subject(self, index: int) -> list:
        """The doer the text is about, if named within the window."""
        return self._fresh(self.subject, index)

    def recipient_of(self, event_type: str, actor_codes: tuple, index: int) -> list:
        """The recipient of the last event of this type by these actors, within the window."""
        return self._fresh(self.recipients.get((event_type, actor_codes)), index)

    def just_reported(self, index: int) -> list:
        """The actor of the event told in this or the previous sentence."""
        return self._fresh(self.last_event, index, reach=1)

    # ------------------------------------------------------------------ updates
    def observe_event(self, index: int, event_type: str, actor_codes: tuple, actor_ms: list,
                      recipient_ms: list, subject: bool) -> None:
        """Remember an event coded in sentence ``index``; ``subject``: its actor was named as the
        subject or topic of its own sentence (not itself recalled), so it becomes salient."""
        if recipient_ms:
            self.recipients[(event_type, actor_codes)] = Recalled(index, recipient_ms)
        self.last_event = Recalled(index, actor_ms)
        if subject:
            self.subject = Recalled(index, actor_ms)
