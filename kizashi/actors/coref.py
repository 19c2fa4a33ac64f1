"""Resolve actor anaphors (同国, 同氏, 同大統領, 両国, 両首脳, 三カ国, 同省 ...) by recency.

Use one tracker per document::

    tracker = CorefTracker()
    for sentence in sentences:
        mentions = [tracker.resolve(m) for m in gz.find(sentence.text, sentence.start)]
        tracker.observe(mentions)

``resolve`` only sees what was observed, so an antecedent in the same sentence
(「日米両国は」) needs :meth:`CorefTracker.resolve_sentence`, which resolves and observes the
mentions one at a time in order.

Rules (recency throughout; organisations and groups are never states):
* 同国 / 同政府 → the last state mentioned;
* 同氏 → the last person; 同大統領/同総書記/同首相/... → the last person with that title;
* 両国 / 両政府 / 両軍 / 双方 → the last two distinct states;
* 両首脳 / 両氏 / 両外相 → the states of the last two distinct people (else the last two states);
* 三カ国 / 3カ国 → the last compound of three (日米韓), else the last three distinct states;
* 同省 → the last ministry (a mention whose institution ends in 省); 同軍 → the last army.
Resolved members keep the anaphor's own text and offsets, with the antecedent's code.
"""
from __future__ import annotations

from dataclasses import dataclass

from kizashi.actors.gazetteer import ANAPHORS, ActorMention, Gazetteer
from kizashi.model import words
from kizashi.records import Entity

#: nouns that make a state before them the name of a war or a situation (ロシアのウクライナ侵攻):
#: that state is no party the story goes on about (両国 after it means two others)
WAR_NAMES = tuple(sorted(words("war_name"), key=len, reverse=True))


def _name_char(c: str) -> bool:
    return ("\u30a1" <= c <= "\u30fa") or c in "ー・" or ("\u4e00" <= c <= "\u9fff")


@dataclass
class _Person:
    code: str | None
    sector: str | None
    text: str
    titles: frozenset[str]


class CorefTracker:
    def __init__(self, gazetteer: Gazetteer | None = None, window: int = 50) -> None:
        self.gz = gazetteer or Gazetteer.default()
        self.window = window
        self.states: list[Entity] = []  # most recent last
        self.people: list[_Person] = []
        self.orgs: list[ActorMention] = []
        self.last_triple: tuple[Entity, ...] | None = None
        self.names: dict[str, Entity] = {}   # name parts of people met in this document
        # family names of people named in kanji without a separator (趙 of 趙楽際 -> 趙氏), None
        # once two people of different states share one
        self.surnames: dict[str, Entity | None] = {}
        # institutions the story named with their state (米財務省): a bare 財務省 after it is that one
        self.institutions: dict[str, Entity] = {}

    # ------------------------------------------------------------------ public
    def resolve(self, mention: ActorMention, speaker: str | None = None) -> ActorMention:
        """``speaker``: the one state the sentence has named before the anaphor, not one of the two
        the story was last about (韓国大統領室は…両国が署名した条約 after a story of Russia and North
        Korea: the two are others than the one who speaks of them)."""
        if mention.kind != "anaphor" or mention.members:
            return mention
        spec = ANAPHORS.get(mention.text)
        if spec is None:
            return mention
        what, n, title, sector = spec
        found: list[tuple[str | None, str | None]] = []
        if what == "state" and n == 2 and speaker is not None:
            others = [e for e in self.states if e.code != speaker]
            found = [(e.code, None) for e in others[-2:]] if len(others) >= 2 else []
        if what == "state" and not found:
            found = self._states(n)
        elif what == "person":
            found = self._people(n, title)
            if len(found) < n:
                found = self._states(n) if n > 1 else found
        elif what == "org":
            for m in reversed(self.orgs):
                if m.role and m.role.endswith(title or "") or m.text.endswith(title or ""):
                    found = [(e.code, e.sector) for e in m.members]
                    break
        elif what == "mil":
            for m in reversed(self.orgs):
                if any(e.sector == "MIL" for e in m.members):
                    found = [(e.code, "MIL") for e in m.members]
                    break
            if not found:
                found = self._states(1)
        if not found:
            return mention
        members = tuple(Entity(code, mention.text, sector or sec, mention.start, mention.end)
                        for code, sec in found)
        return ActorMention(mention.start, mention.end, mention.text, members, mention.kind,
                            mention.role)

    def observe(self, mentions: list[ActorMention]) -> None:
        for m in mentions:
            self._observe_one(m)

    def recall_names(self, text: str, base: int, found: list[ActorMention]) -> list[ActorMention]:
        """``found`` plus people named again by a part of their name with a title or 氏 (キム次官,
        ホンギュン氏 after 韓国外務省のキム・ホンギュン第1外務次官), in text order."""
        if not self.names:
            return found
        known = {**{k: v for k, v in self.surnames.items() if v is not None}, **self.names}
        # a person the story named in full is the one its later short forms mean, whatever the
        # tables say of that family name (キム次官 after 韓国外務省のキム・ホンギュン第1外務次官)
        found = [m for m in found if not (m.kind == "person" and self._learned_at(m))]
        taken = [(m.start - base, m.end - base) for m in found]
        extra = []
        for name, ent in known.items():
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                title = self.gz.titles.longest(text, end) or self.gz.office_at(text, end)
                free = not any(a < end and at < b for a, b in taken + [(x.start - base, x.end - base) for x in extra])
                boundary = at == 0 or not _name_char(text[at - 1])
                if title is not None and free and boundary:
                    stop = title[0]
                    s = text[at:stop]
                    extra.append(ActorMention(base + at, base + stop, s,
                                              (Entity(ent.code, s, ent.sector, base + at, base + stop),),
                                              "person", title[1] if title[1] != "氏" else None))
                at = text.find(name, end)
        return sorted(found + extra, key=lambda m: m.start)

    def resolve_sentence(self, mentions: list[ActorMention], text: str = "", base: int = 0) -> list[ActorMention]:
        """Resolve the anaphors of one sentence (``text``, starting at ``base``) and observe its
        mentions."""
        out = []
        named: list[str] = []  # states this sentence has named so far
        pair_before = {e.code for e in self.states[-2:]}  # the two the story was last about
        for m in mentions:
            speaker = named[0] if len(set(named)) == 1 and named[0] not in pair_before else None
            r = self.resolve(m, speaker=speaker)
            told = self.institutions.get(r.text) if r.kind == "org" and r.text in self.gz.bare_institutions else None
            if told is not None and told.code not in r.codes:
                # 米財務省は…。財務省によると: the bare name is the institution the story named
                r = ActorMention(r.start, r.end, r.text, (Entity(told.code, r.text, told.sector, r.start, r.end),),
                                 r.kind, r.role)
            if not (m.kind == "state" and text[m.end - base:].startswith(WAR_NAMES)):
                self._observe_one(r)  # not ウクライナ in ロシアのウクライナ侵攻
            if m.kind != "anaphor":
                named.extend(e.code for e in r.members if e.code and self.gz.is_state(e.code))
            out.append(r)
        return out

    # ------------------------------------------------------------------ internals
    def _push_state(self, e: Entity) -> None:
        self.states = [s for s in self.states if s.code != e.code]
        self.states.append(e)
        del self.states[:-self.window]

    def _observe_one(self, m: ActorMention) -> None:
        if m.kind in ("group", "media", "capital"):  # places (ジャカルタで) are venues, not parties
            return
        state_members = [e for e in m.members if self.gz.is_state(e.code)]
        if m.kind == "person" and m.members:
            e = m.members[0]
            self._learn_name(m)
            titles = set(self.gz.person_roles(m.text))
            if m.role:
                titles.add(m.role)
            self.people = [p for p in self.people if p.text != m.text]
            self.people.append(_Person(e.code, e.sector, m.text, frozenset(titles)))
            del self.people[:-self.window]
        if m.kind == "org" and m.members:
            self.orgs.append(m)
            del self.orgs[:-self.window]
            e = m.members[0]
            bare = next((w for w in self.gz.bare_institutions if m.text.endswith(w) and len(m.text) > len(w)), None)
            if bare is not None and len(m.members) == 1 and e.code:
                self.institutions[bare] = e  # 米財務省: the story's 財務省
        if len(state_members) == 3 and m.kind in ("compound", "anaphor"):
            self.last_triple = tuple(state_members)
        for e in state_members:
            self._push_state(e)

    def _learned_at(self, m: ActorMention) -> bool:
        """Does the person mention ``m`` start with a name learned from this story, for someone of
        another state than the tables give it?"""
        for name, ent in self.names.items():
            if m.text.startswith(name) and len(m.text) > len(name) and ent.code not in m.codes:
                return True
        # 李氏 after 李強首相, whatever the tables say of the family name; but 李大統領, a title the
        # tables know the holder of, stays theirs
        ent = self.surnames.get(m.text[:1])
        return ent is not None and ent.code not in m.codes and m.text[1:] == "氏"
        return False

    def _learn_name(self, m: ActorMention) -> None:
        """Remember the parts of a person's name (キム・ホンギュン -> キム, ホンギュン) for later mentions."""
        code = m.members[0].code
        if not code:
            return
        name = m.text[:len(m.text) - len(m.role)] if m.role and m.text.endswith(m.role) else m.text
        name = name.split("(")[0].split("（")[0]
        for prefix in ("第1", "第一", "首席"):
            name = name[:-len(prefix)] if name.endswith(prefix) else name
        parts = [p for p in name.replace("=", "・").split("・") if p]
        for part in set(parts + [name]):
            known = self.gz.main.get(part)
            if len(part) >= 2 and (known is None or known.kind == "person"):
                self.names.setdefault(part, Entity(code, part, m.members[0].sector))
        if len(parts) == 1 and 2 <= len(name) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in name) and \
                m.role and code != "JPN" and \
                getattr(self.gz.main.get(name), "kind", "person") == "person":
            # a Chinese or Korean name in kanji with a title (told or known from the tables: 金烘均, the
            # vice minister): 趙氏, 李首相, 金氏 later mean this one (a
            # Japanese name's family name is seldom one character)
            family, had = name[0], self.surnames.get(name[0], False)
            self.surnames[family] = Entity(code, family, m.members[0].sector) if had is False or (
                had is not None and had.code == code) else None

    def _states(self, n: int) -> list[tuple[str | None, str | None]]:
        if n == 3 and self.last_triple is not None:
            return [(e.code, None) for e in self.last_triple]
        if len(self.states) < n:
            return []
        return [(e.code, None) for e in self.states[-n:]]

    def _people(self, n: int, title: str | None) -> list[tuple[str | None, str | None]]:
        out: list[tuple[str | None, str | None]] = []
        seen: set[str] = set()
        for p in reversed(self.people):
            if title and not any(title in t for t in p.titles) and title not in p.text:
                continue
            key = p.text if n == 1 else (p.code or p.text)
            if key in seen:
                continue
            seen.add(key)
            out.append((p.code, p.sector))
            if len(out) == n:
                break
        out.reverse()
        return out if len(out) == n else []
