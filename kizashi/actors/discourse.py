"""The discourse model: what a reader keeps in mind from one sentence to the next.

Japanese news leaves out what the reader already knows: the subject carried across sentences
(「…と述べた。その上で…よう求めた。」), the recipient of a dispatch told a sentence before
(「同国はこれまでに計1万5000人を送り込んだ」), the event a condemnation is about, the two sides of a
story about one relationship (「北朝鮮の派兵」 in a story about North Korea and Russia). One model
per document keeps, in reading order:

* the **salient subject**: the last doer named as an event's subject or as a sentence's topic
  (「韓国外務省の当局者は19日、…と述べた」 makes the ministry salient even with no event);
* the **events** coded so far: type, actor and recipient, each with the sentence it came from.

The events stage asks it for a role only when the frame's own clause and sentence leave that role
empty, and the mention's confidence says how far the answer came from (:mod:`kizashi.events.attach`).
Anaphors (同国, 同氏) resolved here keep their own text and offsets, with the antecedent's codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kizashi.actors.gazetteer import ActorMention
from kizashi.records import Entity

#: how many sentences back a left-out role may be filled from
WINDOW = 3
#: particles after which an actor at the start of a sentence is its topic or subject
TOPIC_MARKERS = ("は", "も", "では", "側は")
#: a count of the states just listed, as the topic (日本、韓国、豪州、ニュージーランドの4カ国は)
COUNTED = re.compile(r"^(?:の|など|ら)?(?:\d+|[二三四五六七八九十]+)(?:カ|か|ヵ|ケ|ヶ)国(?:は|も|が)")


@dataclass
class Recalled:
    index: int          # the sentence it was seen in
    mentions: list      # ActorMention


@dataclass
class Told:
    """An event coded earlier in the document."""
    index: int
    event_type: str
    actor: list         # ActorMention
    recipient: list
    mode: str | None = None
    factuality: str | None = None
    date: str | None = None

    @property
    def actor_codes(self) -> set:
        return {c for m in self.actor for c in m.codes if c}

    @property
    def recipient_codes(self) -> set:
        return {c for m in self.recipient for c in m.codes if c}


QUOTED_WORDS = re.compile(r"「[^「」]{4,}」(?=と|って|などと)")


def quoted_words(text: str) -> list[tuple[int, int]]:
    """Spans of quotations of someone's words in ``text`` (「…」 followed by と, って)."""
    return [(m.start(), m.end()) for m in QUOTED_WORDS.finditer(text)]


def codes(ms) -> set:
    return {c for m in ms for c in m.codes if c}


#: how many sentences a speaker's statement goes on being reported without naming them again
SPEAKER_REACH = 2


def _listed(mentions: list, last, text: str, base: int) -> list:
    """The mentions listed up to ``last``, joined by 、, と, や or ・ (日本、韓国、豪州と…)."""
    out = [last]
    i = mentions.index(last)
    while i > 0:
        prev = mentions[i - 1]
        if text[prev.end - base:out[0].start - base] not in ("、", "と", "や", "・", ",", "及び", "および"):
            break
        out.insert(0, prev)
        i -= 1
    return out


@dataclass
class DiscourseModel:
    window: int = WINDOW
    subjects: list[Recalled] = field(default_factory=list)   # most recent last
    told: list[Told] = field(default_factory=list)
    speakers: list[Recalled] = field(default_factory=list)   # who said something, most recent last
    lone: Recalled | None = None   # the last line that was a name alone (a headline's subject)
    credited: Recalled | None = None  # a headline's speaker after its = (…を懸念=英外務省報道官)

    def _fresh(self, r: Recalled | None, index: int, reach: int | None = None) -> list:
        if r is None or index - r.index > (self.window if reach is None else reach):
            return []
        return r.mentions

    # ------------------------------------------------------------------ questions
    def salient_subject(self, index: int, avoid: set = frozenset(), before: bool = False) -> list:
        """The doer the text is about, if named within the window; one who is not among ``avoid``
        (the event's own recipient: 対ロシア制裁を強化し is not Russia's doing); ``before``: named
        in an earlier sentence (not the speaker of the quotation the event is told in)."""
        for r in reversed(self.subjects):
            if index - r.index > self.window:
                break
            if before and r.index == index:
                continue
            if not codes(r.mentions) & avoid:
                return r.mentions
        return []

    def speaker(self, index: int, avoid: set = frozenset()) -> list:
        """Who was saying something in this or the two sentences before (a statement reported over
        several sentences: 〜と批判した。また、…を要求。 is the same speaker's), not one of ``avoid``."""
        for r in reversed(self.speakers):
            if index - r.index > SPEAKER_REACH:
                break
            if not codes(r.mentions) & avoid:
                return r.mentions
        return []

    def observe_speaker(self, index: int, actor_ms: list) -> None:
        """Remember that ``actor_ms``, named in sentence ``index``, said something there."""
        if codes(actor_ms):
            self.speakers.append(Recalled(index, list(actor_ms)))

    def recipient_of(self, event_type: str, actor_codes: tuple, index: int) -> list:
        """The recipient of the last event of this type by these actors, within the window."""
        for t in self._recent(index, self.window):
            if t.event_type == event_type and tuple(sorted(t.actor_codes)) == actor_codes and t.recipient:
                return t.recipient
        return []

    def just_reported(self, index: int) -> list:
        """The actor of the event told in this or the previous sentence."""
        if self.told and index - self.told[-1].index <= 1:
            return self.told[-1].actor
        return []

    def _latest(self, index: int | None, mode: str | None, fits) -> Told | None:
        """The latest told event that ``fits`` (within the window when ``index`` is given), of
        ``mode`` if one is (troops sent are not the oil sent back), else of any mode."""
        for want in ((mode, None) if mode else (None,)):
            for t in reversed(self.told):
                if index is not None and index - t.index > self.window:
                    break
                if (want is None or t.mode == want) and fits(t):
                    return t
        return None

    def cosigners(self, event_type: str, party_codes: set) -> list:
        """The other parties of the latest mutual event of ``event_type`` anywhere before in the
        story that involves one of these parties (the treaty the story told: 批准書が交わされた,
        協定を批准する政令に署名した are acts of both of its parties)."""
        t = self._latest(None, None, lambda t: t.event_type == event_type and not t.recipient
                         and t.actor_codes & party_codes and bool(t.actor_codes - party_codes))
        return [m for m in t.actor if set(m.codes) - party_codes] if t else []

    def counterpart(self, event_types: tuple[str, ...], actor_codes: set, index: int | None = None,
                    mode: str | None = None) -> list:
        """The recipient of the latest event of one of ``event_types`` by any of these actors (within
        the window when ``index`` is given, else anywhere before in the story), of ``mode`` first."""
        t = self._latest(index, mode, lambda t: t.event_type in event_types and t.actor_codes & actor_codes
                         and bool(t.recipient_codes - actor_codes))
        return t.recipient if t else []

    def doer(self, event_types: tuple[str, ...], recipient_codes: set, index: int | None = None,
             mode: str | None = None) -> list:
        """The actor of the latest event of one of ``event_types`` with this recipient (or with any,
        when ``recipient_codes`` is empty), within the window when ``index`` is given, of ``mode``
        first."""
        t = self._latest(index, mode, lambda t: t.event_type in event_types and bool(t.actor) and bool(
            t.actor_codes - recipient_codes) and (not recipient_codes or bool(t.recipient_codes & recipient_codes)))
        return t.actor if t else []

    def partners(self, party_codes: set, index: int, reach: int = 1) -> list:
        """The other parties of the latest event within ``reach`` sentences that involves one of
        these parties (会談し、…で合意した: who agreed with whom)."""
        for t in self._recent(index, reach):
            parties = t.actor + t.recipient
            if codes(parties) & party_codes and codes(parties) - party_codes:
                return [m for m in parties if set(m.codes) - party_codes]
        return []

    def headline_speaker(self, index: int) -> list:
        """The name alone after the ``=`` of headline ``index`` (北朝鮮の派兵を非難=韓国外交部), or
        nothing."""
        return self.credited.mentions if self.credited is not None and self.credited.index == index else []

    def headline_subject(self, index: int) -> list:
        """The name that was alone on the line just before sentence ``index`` (a headline split
        at a space: 「政府　ロシアへの制裁決定」), or nothing."""
        return self.lone.mentions if self.lone is not None and self.lone.index == index - 1 else []

    def _recent(self, index: int, reach: int):
        """The events told within ``reach`` sentences before sentence ``index``, latest first."""
        for t in reversed(self.told):
            if index - t.index > reach:
                break
            yield t

    def accused(self, actor_codes: set, index: int, reach: int = 1) -> list:
        """Whom these actors condemned within ``reach`` sentences before (…を非難する声明を発表した
        ことを受けて、独自制裁の対象を指定した: a sanction follows the condemnation)."""
        for t in self._recent(index, reach):
            if t.event_type == "ACCUSE" and t.actor_codes & actor_codes and t.recipient_codes - actor_codes:
                return [m for m in t.recipient if set(m.codes) - actor_codes]
        return []

    def latest_meeting(self, index: int, reach: int | None = 1) -> Told | None:
        """The latest meeting or visit between two sides told within ``reach`` sentences (anywhere
        before in the story when ``reach`` is None)."""
        if reach is None:
            reach = index + 1
        return next((t for t in self._recent(index, reach)
                     if t.event_type == "CONSULT" and len(codes(t.actor + t.recipient)) >= 2), None)

    def meeting_parties(self, index: int) -> list:
        """Both sides of the latest meeting or visit told in sentence ``index`` (訪問中に調印された:
        a treaty signed during a visit is between the visitor and the host)."""
        t = self.latest_meeting(index, reach=0)
        return t.actor + t.recipient if t is not None else []

    def visits_between(self, parties: set, index: int) -> list:
        """The visits within the window between exactly these parties, latest first (a meeting
        told after 「…が訪朝し」 took place at the host's, if it belongs to that visit:
        events.mention.visit_of)."""
        return [t for t in self._recent(index, self.window)
                if t.event_type == "CONSULT" and t.mode == "visit" and (t.actor_codes | t.recipient_codes) == parties]

    def resolve_anaphor(self, mention: ActorMention, index: int) -> ActorMention:
        """同国 is the salient subject's state more often than the last state named: the anaphor
        keeps its own text and offsets, with the subject's codes."""
        subject = self.salient_subject(index)
        if mention.kind != "anaphor" or not mention.text.startswith("同国") or not subject:
            return mention
        members = tuple(Entity(e.code, mention.text, e.sector, mention.start, mention.end)
                        for m in subject for e in m.members)
        return ActorMention(mention.start, mention.end, mention.text, members, mention.kind, mention.role)

    # ------------------------------------------------------------------ updates
    def observe_sentence(self, index: int, text: str, base: int, mentions: list) -> None:
        """A sentence's own topic makes its actor salient, event or not (「韓国外務省の当局者は19日、
        …と述べた」; a headline's 「北朝鮮兵の姿見えず」 before 「…退却か」): the first actor named
        with は or も after it, at the start of a line followed by 、 or alone on it, or in a
        headline with が or の (a が-subject of a sentence may be a subordinate clause's)."""
        headline = "。" not in text
        if headline:
            at = max(text.rfind("="), text.rfind("＝"))
            credited = [m for m in mentions if m.members and any(m.codes) and m.start - base > at >= 0]
            if credited and text[credited[-1].end - base:].strip() in ("", "ら", "など") and \
                    all(t in " 　・、" for t in text[at + 1:credited[0].start - base]):
                self.credited = Recalled(index, [credited[0]])
        for m in mentions:  # 日本、韓国、豪州の3カ国は: the states counted are the topic together
            if m.members and any(m.codes) and COUNTED.match(text[m.end - base:]):
                self.subjects.append(Recalled(index, _listed(mentions, m, text, base)))
                return
        quoted = quoted_words(text)
        for m in mentions:
            if not m.members or not any(m.codes) or m.kind in ("capital", "media", "target", "visit", "anaphor"):
                continue  # an anaphor's own antecedent is this model's to say (同国 -> the salient subject)
            if any(a <= m.start - base < b for a, b in quoted):
                continue  # 「ロシアは…」とも批判した: the topic of someone's quoted words is not the text's
            rest = text[m.end - base:]
            if rest[:1] in ("(", "（"):  # 先進7カ国(G7)は: the topic marker after a gloss in brackets
                close = min((i for i in (rest.find(")"), rest.find("）")) if i > 0), default=-1)
                rest = rest[close + 1:] if 0 < close <= 30 else rest
            after = rest[:2]
            alone = rest.strip() in ("", "ら", "など", "側")  # (G7外相ら alone on its line)
            lead = m.start - base == 0 and (after[:1] in ("、", ",", "") or alone)  # 「金与正氏」 alone, 「露、…」
            if lead and alone:
                self.lone = Recalled(index, [m])  # 「政府　ロシアへの制裁決定」: a headline's subject alone
            if after[:1] in TOPIC_MARKERS or after in TOPIC_MARKERS or lead or (
                    headline and after[:1] in ("の", "が")):
                self.subjects.append(Recalled(index, [m]))
                return

    def observe_event(self, index: int, event_type: str, actor_ms: list, recipient_ms: list,
                      subject: bool, mode: str | None = None, factuality: str | None = None,
                      date: str | None = None) -> None:
        """Remember an event coded in sentence ``index``; ``subject``: its actor was named as the
        subject or topic of its own sentence (not itself recalled), so it becomes salient."""
        self.told.append(Told(index, event_type, actor_ms, recipient_ms, mode, factuality, date))
        if subject:
            self.subjects.append(Recalled(index, actor_ms))
