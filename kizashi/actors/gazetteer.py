"""Actor recognition: find states, capitals, people, organisations, abbreviations and anaphors.

Everything is built from the TSV files in ``kizashi/data/`` (states, leaders, organisations,
abbreviations); there is no per-country code here, only the rules of how Japanese news text
writes actors:

* full names are matched leftmost-longest through a character trie;
* a state name may be followed by an institution or office noun (ロシア軍, 北朝鮮兵, 米国務省),
  which gives the mention that noun's sector;
* one-character abbreviations (日, 米, 露, ロ, 朝, ...) count only in runs of two or more
  (日米韓, 中・露・朝), after 対/訪/来/駐/在 (対露, 訪朝, 在韓米軍), before an institution or
  office noun (米軍, 露外務省, 韓国防相), and 北 before の + a security noun (北の核);
* people are found by name with an optional reading in parentheses and an optional title;
  the date ``on`` picks the office held then (李首相 → 李強, 李大統領 → 李在明);
* anaphors (同国, 両国, 両首脳, 三カ国 ...) are returned with empty ``members``; see
  :mod:`kizashi.actors.coref`.

The text is expected to be NFKC-normalised (half-width ASCII and digits, "・" as middle dot).
Debug: ``python -m kizashi.actors.gazetteer "テキスト" [--on 2024-06-19]``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kizashi.actors.home import HOME_WORDS, JAPAN_WORDS
from kizashi.records import Entity

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

KINDS = ("state", "capital", "person", "org", "media", "group", "compound", "anaphor",
         "target", "visit")

# Anaphors: surface -> (what they point at, how many, title to match, sector to give)
# "state": states; "person": people (their states); "org": a ministry/agency; "mil": an army.
from kizashi.model import ANAPHORS  # noqa: E402 - anaphors.tsv

# Prefixes before a state: kind of mention they make ("host" = 駐/在: the state named after owns it)
PREFIXES = {"対": "target", "訪": "visit", "来": "visit", "駐": "host", "在": "host"}
# Modifiers between a person's name and title: 次期 (future office), 前/元 (past office)
TITLE_MODIFIERS = {"次期": "next", "前": "past", "元": "past", "新": None, "現": None, "同党": None}  # 同党副部長
# A name the tables may not know: katakana with middle dots and initials, or 2-4 kanji (NHK writes
# a character it cannot print as ※)
NAME_RUN = re.compile(r"[\u30a1-\u30fa\u30fcA-Z][\u30a1-\u30fa\u30fc・=A-Z.]{1,24}|[\u4e00-\u9fff※]{2,4}")
READING = re.compile(r"[(（][^()（）]{1,30}[)）]")
TITLE_PREFIX = re.compile(r"第[1一2二]|首席|筆頭|駐[\u4e00-\u9fff\u30a1-\u30fa]{1,6}")
# Particles / punctuation after which an abbreviation run may end
_RUN_END_OK = set("のがはともへやでにを、。・,.)」』】〕 \n\t!?：:;；") | {""}
_KANJI_NUM = set("〇一二三四五六七八九十百千")


def _is_kanji(c: str) -> bool:
    return ("\u4e00" <= c <= "\u9fff") or c in "々〆\u3005"


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _romanised(s: str) -> bool:
    """Is ``s`` a name in Latin letters (Kim Yo-jong, Li Qiang)?"""
    return all(c.isascii() and (c.isalpha() or c in " -.'") for c in s)


def _is_kata(c: str) -> bool:
    return ("\u30a1" <= c <= "\u30fa") or c == "ー"


def _is_digit(c: str) -> bool:
    return c.isdigit() or c in _KANJI_NUM


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    members: tuple[Entity, ...]
    kind: str
    role: str | None = None  # title/office for people (大統領), institution for orgs (外務省)

    @property
    def codes(self) -> tuple[str | None, ...]:
        return tuple(e.code for e in self.members)


@dataclass(frozen=True)
class _Leader:
    name: str
    code: str
    sector: str | None
    roles: tuple[str, ...]
    start: _dt.date | None
    end: _dt.date | None


@dataclass
class _Entry:
    """What a surface form in the main trie stands for."""

    kind: str  # state|capital|org|media|group|compound|anaphor|person|block
    members: tuple[tuple[str | None, str | None], ...] = ()
    leaders: list[_Leader] = field(default_factory=list)
    needs_title: bool = True  # persons only


from kizashi.model import read_tsv as _read_tsv  # noqa: E402 - the one TSV reader


def _date(s: str) -> _dt.date | None:
    return _dt.date.fromisoformat(s) if s else None


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


class _Trie:
    """Character trie; ``matches(text, i)`` yields (end, value) from the longest down."""

    __slots__ = ("root",)
    _END = object()

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, word: str, value) -> None:
        node = self.root
        for ch in word:
            node = node.setdefault(ch, {})
        node[self._END] = value

    def get(self, word: str):
        node = self.root
        for ch in word:
            node = node.get(ch)
            if node is None:
                return None
        return node.get(self._END)

    def matches(self, text: str, i: int) -> list[tuple[int, object]]:
        node = self.root
        out = []
        n = len(text)
        j = i
        while j < n:
            node = node.get(text[j])
            if node is None:
                break
            j += 1
            if self._END in node:
                out.append((j, node[self._END]))
        out.reverse()
        return out

    def longest(self, text: str, i: int):
        m = self.matches(text, i)
        return m[0] if m else None


#: "our country": Japan's in a Japanese story's own words, the speaker's inside a quotation (then
#: no mention: the speaker is found as the speaker)
OURS = ("わが国", "我が国")
#: groupings of states whose offices (外相, 首脳, 議長) are held for the grouping
GROUPINGS = frozenset({"G7", "G20", "EU", "NATO", "ASEAN", "BRICS", "SCO", "AU", "OSCE"})


def _leaning(text: str, at: int) -> bool:
    """Is the state name at ``at`` a leaning (親ロシア国家ベラルーシ, 反米感情): 親 or 反 before it, as a
    prefix of its own (not the end of a word such as 違反)? It describes, it names no party."""
    return at >= 1 and text[at - 1] in "親反" and (at == 1 or not _is_kanji(text[at - 2]))


def _glosses_follow(text: str, base: int, found: list[ActorMention]) -> list[ActorMention]:
    """An organisation's acronym or gloss in parentheses right after its name (韓国の国家安全保障会議
    (NSC), 韓国外交部(外務省)) is the same body: it takes the code of the name before it, not the
    one its letters or words have alone (the US council, Japan's ministry)."""
    out = list(found)
    for k in range(1, len(out)):
        prev, m = out[k - 1], out[k]
        gap = text[prev.end - base:m.start - base]
        if prev.kind == m.kind == "org" and gap in ("(", "（") and text[m.end - base:m.end - base + 1] in (")", "）") \
                and m.codes != prev.codes and (m.text.isascii() or len(m.text) <= 5):
            # (韓国外交部(外務省): a gloss in Japanese words is the same body too)
            members = tuple(Entity(e.code, m.text, e.sector, m.start, m.end) for e in prev.members)
            out[k] = ActorMention(m.start, m.end, m.text, members, m.kind, m.role)
    return out


class Gazetteer:
    """Dictionary-based actor finder. Build with :meth:`default` (cached)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self.main = _Trie()
        self.suffix = _Trie()  # institution/office/noinst -> (kind, sector, noun)
        self.bare_institutions: set[str] = set()  # 政府, 外務省: an institution named alone
        self.titles = _Trie()  # person titles -> title
        self.relation = _Trie()
        self.security = _Trie()
        self.abbr: dict[str, tuple[str, frozenset[str]]] = {}
        self.ambiguous: set[str] = set()
        self.state_codes: set[str] = set()
        self._info: dict[str, dict] = {}
        self._entries: dict[str, _Entry] = {}
        self._load()
        firsts = set()
        for t in (self.main,):
            firsts |= {k for k in t.root if isinstance(k, str)}
        firsts |= set(self.abbr) | set(PREFIXES)
        self._start_re = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]")

    # ------------------------------------------------------------------ loading
    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        return cls()

    def _add(self, surface: str, entry: _Entry) -> None:
        old = self._entries.get(surface)
        if old is not None:
            if entry.kind == "person" and old.kind == "person":
                old.leaders.extend(entry.leaders)
                old.needs_title = old.needs_title and entry.needs_title
                return
            if old.kind == "block" or entry.kind == "block":
                if old.kind == "block" and entry.kind != "block":
                    pass  # a real entry beats a blocker of the same spelling
                else:
                    return
            elif (old.kind, old.members) != (entry.kind, entry.members):
                raise ValueError(f"conflicting gazetteer entries for {surface!r}: "
                                 f"{old.kind} {old.members} vs {entry.kind} {entry.members}")
            else:
                return
        self._entries[surface] = entry
        self.main.add(surface, entry)

    def _info_for(self, code: str, name: str, kind: str) -> dict:
        info = self._info.setdefault(code, {"code": code, "name": name, "kind": kind,
                                            "names": [], "people": []})
        return info

    def _load(self) -> None:
        for r in _read_tsv("states.tsv", self.data_dir):
            code, kind, sector = r["code"] or None, r["kind"], r.get("sector") or None
            names = _split(r["names"])
            if kind == "region" or not code:
                for n in names:
                    self._add(n, _Entry("block"))
                continue
            if kind == "state":
                self.state_codes.add(code)
            info = self._info_for(code, names[0], "state")
            info["names" if kind == "state" else "capitals"] = (
                info.get("names" if kind == "state" else "capitals", []) + names)
            for n in names:
                self._add(n, _Entry(kind, ((code, sector),)))
        for r in _read_tsv("abbreviations.tsv", self.data_dir):
            text, kind, code = r["text"], r["kind"], r["code"] or None
            if kind == "abbr":
                self.abbr[text] = (code, frozenset(_split(r["uses"])))
            elif kind == "ambiguous":
                self.ambiguous.add(text)
            elif kind == "relation":
                self.relation.add(text, text)
            elif kind == "security":
                self.security.add(text, text)
            elif kind == "block":
                self._add(text, _Entry("block"))
            else:
                raise ValueError(f"abbreviations.tsv: unknown kind {kind!r}")
        for r in _read_tsv("organisations.tsv", self.data_dir):
            names, kind, sector = _split(r["names"]), r["kind"], r.get("sector") or None
            codes = _split(r.get("code", ""))
            if kind in ("institution", "office", "noinst"):
                for n in names:
                    self.suffix.add(n, (kind, sector, n))
                if kind == "institution":
                    self.bare_institutions.update(names)
                continue
            if kind == "compound":
                members = tuple((c, sector) for c in codes)
            else:
                members = ((codes[0] if codes else None, sector),)
            if kind not in ("org", "media", "group", "compound"):
                raise ValueError(f"organisations.tsv: unknown kind {kind!r}")
            for c in codes:
                if c not in self._info:
                    self._info_for(c, names[0], "org" if kind != "media" else "media")
                self._info[c].setdefault("organisations", []).append(names[0])
            for n in names:
                self._add(n, _Entry(kind, members))
        roles_all: set[str] = {"氏"}
        for r in _read_tsv("leaders.tsv", self.data_dir):
            roles = tuple(_split(r["role"]))
            ld = _Leader(r["name"], r["code"], r.get("sector") or None, roles,
                         _date(r.get("start", "")), _date(r.get("end", "")))
            roles_all.update(roles)
            if r["code"] in self._info:
                ppl = self._info[r["code"]]["people"]
                if r["name"] not in ppl:
                    ppl.append(r["name"])
            for a in _split(r["aliases"]):
                needs = a.endswith("+") or len(a.rstrip("+")) < 2
                a = a.rstrip("+")
                self._add(a, _Entry("person", ((ld.code, ld.sector),), [ld], needs))
        for t in roles_all:
            self.titles.add(t, t)
        for a, (kind, n, title, sector) in ANAPHORS.items():
            self._add(a, _Entry("anaphor"))
        self._roles_all = roles_all

    # ------------------------------------------------------------------ public helpers
    def lookup(self, code: str) -> dict:
        """Display information for a code: name, kind, names, people (empty dict if unknown)."""
        info = self._info.get(code)
        return dict(info) if info else {}

    def is_state(self, code: str | None) -> bool:
        return code in self.state_codes

    def person_roles(self, text: str) -> set[str]:
        """All titles the person named at the start of ``text`` has held (for coreference)."""
        for end, entry in self.main.matches(text, 0):
            if entry.kind == "person":
                return {r for ld in entry.leaders for r in ld.roles}
        return set()

    # ------------------------------------------------------------------ scanning
    def find(self, text: str, base_offset: int = 0, on=None, home: str | None = None) -> list[ActorMention]:
        """Actor mentions in ``text``: non-overlapping, leftmost-longest, ordered by start.

        ``on`` is the document's date (``datetime.date`` or a partial date with ``bounds()``,
        e.g. 2024-06); it chooses which holder of an office a title names. ``home`` is the state
        the story is written from (:mod:`kizashi.actors.home`): a bare 政府 or 首相 is its."""
        quoted = _quoted(text)
        out = [m for m in self._find(text, base_offset, on)
               if not (m.kind == "state" and text.startswith(IN_CHARGE_OF, m.end - base_offset))
               and not (m.kind == "state" and _leaning(text, m.start - base_offset))
               and not (m.text in self.bare_institutions and quoted[m.start - base_offset])
               and not (m.text in OURS and quoted[m.start - base_offset])]
        if home:
            out = self._home_words(text, base_offset, home, out)
        return _glosses_follow(text, base_offset, out)

    def _home_words(self, text: str, base: int, home: str, found: list[ActorMention]) -> list[ActorMention]:
        taken = [(m.start - base, m.end - base) for m in found]
        quoted = _quoted(text)  # a bare 政府 quoted is the speaker's, who need not be of the home state
        extra = []
        for words, code in ((HOME_WORDS, home), (JAPAN_WORDS, "JPN")):
            for w, sector in words.items():
                at = text.find(w)
                while at >= 0:
                    end = at + len(w)
                    prev = text[at - 1] if at else " "
                    # (kana before it leaves it bare, これを受けて首相は, but not a genitive: 同国の首相)
                    bare = not (_is_kanji(prev) or _is_kata(prev) or (prev.isascii() and prev.isalnum())
                                or prev in "・の")
                    nxt = text[end] if end < len(text) else " "
                    inner = [(a, b) for a, b in taken if at <= a and b <= end and (a, b) != (at, end)]
                    if bare and not (_is_kanji(nxt) and w != "官房長官") and not quoted[at] and \
                            not any(a < end and at < b for a, b in taken if (a, b) not in inner):
                        # (国家安全保障会議: the home state's, not Russia's 安全保障会議 read inside it)
                        found = [m for m in found if (m.start - base, m.end - base) not in inner]
                        taken = [t for t in taken if t not in inner]
                        extra.append(ActorMention(base + at, base + end, w,
                                                  (Entity(code, w, sector, base + at, base + end),), "org", w))
                    at = text.find(w, end)
        return sorted(found + extra, key=lambda m: m.start)

    def _find(self, text: str, base_offset: int, on) -> list[ActorMention]:
        out: list[ActorMention] = []
        pos = 0
        n = len(text)
        last_end = -1  # end of the last mention (or blocker) emitted
        # a headline's subject as one abbreviation: 「米、北朝鮮に追加制裁」「露、…」
        head = len(text) - len(text.lstrip("・▽■●◆◇□○-—― 　"))
        if n > head + 1 and text[head] in self.abbr and text[head + 1] in "、,":
            code = self.abbr[text[head]][0]
            ch = text[head]
            out.append(ActorMention(base_offset + head, base_offset + head + 1, ch,
                                    (Entity(code, ch, None, base_offset + head, base_offset + head + 1),),
                                    "state"))
            pos = last_end = head + 1
        while pos < n:
            m = self._start_re.search(text, pos)
            if m is None:
                break
            i = m.start()
            best = self._best_at(text, i, on, i == last_end)
            if best is None:
                pos = i + 1
                continue
            end, mentions = best
            for mn in mentions:
                out.append(self._shift(mn, base_offset))
            pos = end
            last_end = end
            # 「ロシアの外務省」「北朝鮮の兵士」: an institution/office after Xの belongs to X; so does a
            # person of a name the tables do not know, with a title (韓国外務省のキム・ホンギュン第1外務次官)
            if mentions and end < n and text[end] == "の":
                extra = self._of_institution(text, end + 1, mentions[-1]) or \
                    self._of_person(text, end + 1, mentions[-1])
                if extra is not None:
                    out.append(self._shift(extra, base_offset))
                    pos = last_end = extra.end
        return out

    @staticmethod
    def _shift(mn: ActorMention, off: int) -> ActorMention:
        members = tuple(Entity(e.code, e.text, e.sector,
                               None if e.start is None else e.start + off,
                               None if e.end is None else e.end + off) for e in mn.members)
        return ActorMention(mn.start + off, mn.end + off, mn.text, members, mn.kind, mn.role)

    def _left_ok(self, text: str, i: int, first: str) -> bool:
        """May an abbreviation-based mention start at i (not inside a word or after a digit)?"""
        if i == 0:
            return True
        p = text[i - 1]
        if _is_digit(p):
            return False
        if _is_kanji(p):
            # a date just before: 「7日米軍が」「6月米朝会談」
            return p in "日月年" and i >= 2 and _is_digit(text[i - 2])
        if _is_kata(first) and _is_kata(p):
            return False
        return True

    def _blocked_at(self, text: str, i: int) -> bool:
        """Does a blocker word (毎日, 中東, 中間...) start at i?"""
        for end, e in self.main.matches(text, i):
            if e.kind == "block" and end - i >= 2:
                return True
        return False

    def _best_at(self, text: str, i: int, on, after_mention: bool):
        cands: list[tuple[int, list[ActorMention]]] = []
        c = self._lex_at(text, i, on, after_mention)
        if c is not None:
            cands.append(c)
        ch = text[i]
        if ch in PREFIXES:
            c = self._prefix_at(text, i)
            if c is not None:
                cands.append(c)
        if ch in self.abbr:
            for fn in (self._run_at, self._abbr_suffix_at, self._possessive_at, self._particle_at):
                c = fn(text, i)
                if c is not None:
                    cands.append(c)
        if not cands:
            return None
        return max(cands, key=lambda c: c[0])  # longest; ties: earlier generator (lexicon)

    # -- full names
    def _lex_at(self, text, i, on, after_mention):
        n = len(text)
        for end, entry in self.main.matches(text, i):
            s = text[i:end]
            if _is_kata(s[0]) and i > 0 and _is_kata(text[i - 1]):
                continue
            if _is_kata(s[-1]) and end < n and _is_kata(text[end]):
                continue
            if _is_latin(s[-1]) and end < n and _is_latin(text[end]) or \
                    _is_latin(s[0]) and i > 0 and _is_latin(text[i - 1]):
                continue  # UNESCO is neither the UN nor the SCO; APEC is not AP
            if entry.kind == "block":
                return end, []
            if entry.kind == "anaphor":
                if i > 0 and not after_mention and (
                        _is_kanji(text[i - 1]) or _is_digit(text[i - 1])):
                    continue
                return end, [ActorMention(i, end, s, (), "anaphor")]
            if entry.kind == "person":
                r = self._person(text, i, end, entry, on)
                if r is None:
                    continue
                return r
            if entry.kind == "state":
                r = self._with_suffix(text, i, end, entry.members[0][0])
                if r is not None:
                    return r
            if entry.kind == "org" and len(entry.members) == 1 and entry.members[0][0] in GROUPINGS:
                # G7外相, EU外相: an office of a grouping of states is held for it (not 国連大使:
                # a state's envoy to the UN)
                office = self.office_at(text, end)
                if office is not None:
                    ent = Entity(entry.members[0][0], text[i:office[0]], entry.members[0][1], i, office[0])
                    return office[0], [ActorMention(i, office[0], text[i:office[0]], (ent,), "person", office[1])]
            members = tuple(Entity(code, s, sector, i, end) for code, sector in entry.members)
            return end, [ActorMention(i, end, s, members, entry.kind)]
        return None

    def office_at(self, text: str, j: int) -> tuple[int, str] | None:
        """(end, noun) of an office noun (次官, 大使, 報道官) starting at ``j``, or None."""
        suf = self._suffix_at(text, j)
        if suf is not None and suf[1] == "office":
            return suf[0], suf[3]
        return None

    def _suffix_at(self, text: str, j: int):
        """Institution/office noun at j -> (end, kind, sector, noun) or None (noinst: None)."""
        m = self.suffix.longest(text, j)
        if m is None:
            return None
        end, (kind, sector, noun) = m
        if kind == "noinst":
            return None
        if end < len(text) and _is_kata(noun[-1]) and _is_kata(text[end]):
            return None
        return end, kind, sector, noun

    def _with_suffix(self, text, i, j, code, head_text=None):
        """State (or abbreviation) at i..j followed by an institution/office noun."""
        if self._blocked_at(text, j):
            return None
        suf = self._suffix_at(text, j)
        if suf is None:
            return None
        end, kind, sector, noun = suf
        s = text[i:end]
        ent = Entity(code, s, sector, i, end)
        return end, [ActorMention(i, end, s, (ent,), "person" if kind == "office" else "org",
                                 noun)]

    def _of_institution(self, text, j, prev: ActorMention):
        grouping = len(prev.members) == 1 and prev.kind == "org" and prev.members[0].code in GROUPINGS
        body = len(prev.members) == 1 and prev.kind == "org" and self.is_state(prev.members[0].code)
        if len(prev.members) != 1 or not (self.is_state(prev.members[0].code) or grouping) \
                or prev.kind not in ("state", "capital", "org"):
            return None
        suf = self._suffix_at(text, j)
        if suf is None:
            return None
        end, kind, sector, noun = suf
        if (grouping or body) and kind != "office":
            # G7の外相, 韓国国防省の報道官 hold an office of the body; G7の軍, 北朝鮮軍の部隊 are no
            # body of their own
            return None
        if len(noun) < 2 and end < len(text) and _is_kanji(text[end]):
            return None
        s = text[j:end]
        ent = Entity(prev.members[0].code, s, sector, j, end)
        return ActorMention(j, end, s, (ent,), "person" if kind == "office" else "org", noun)

    def _of_person(self, text, j, prev: ActorMention):
        """A name unknown to the tables followed by a title, after "Xの" (X a state or one of its
        bodies): the person acts for X (ロシアのジノビエフ大使, 韓国外務省のキム・ホンギュン次官)."""
        if len(prev.members) != 1 or not prev.members[0].code or prev.kind not in ("state", "org"):
            return None
        m = NAME_RUN.match(text, j)
        known = self.main.longest(text, j)
        if m is None or (known is not None and known[1].kind != "person"):
            return None  # no name here, or a state, body or word the tables know
        if known is not None and self._person(text, j, known[0], known[1], None) is not None:
            return None  # a person the tables know (金正恩総書記): the main scan takes it
        # a kanji name has no boundary of its own: the shortest (2-4 characters) a title follows
        ends = [m.end()] if _is_kata(text[j]) or text[j].isascii() else range(j + 2, m.end() + 1)
        for k in ends:
            reading = READING.match(text, k)
            if reading is not None:
                k = reading.end()
            prefix = TITLE_PREFIX.match(text, k)
            if prefix is not None:
                k = prefix.end()
            suf = self._suffix_at(text, k)
            title = self.titles.longest(text, k)
            if suf is not None and suf[1] == "office":
                end, sector, noun = suf[0], suf[2], suf[3]
                break
            if title is not None and title[1] != "氏":
                end, sector, noun = title[0], None, title[1]
                break
        else:
            return None
        if end < len(text) and _is_kata(text[end]) and _is_kata(noun[-1]):
            return None
        s = text[j:end]
        ent = Entity(prev.members[0].code, s, sector or prev.members[0].sector, j, end)
        return ActorMention(j, end, s, (ent,), "person", noun)

    # -- people
    def _person(self, text, i, j, entry: _Entry, on):
        n = len(text)
        k = j
        # reading in parentheses: 金正恩(キム・ジョンウン)総書記
        if k < n and text[k] in "(（":
            close = text.find(")", k + 1, k + 30)
            if close == -1:
                close = text.find("）", k + 1, k + 30)
            reading, _, roman = text[k + 1:close].partition("、") if close != -1 else ("", "", "")
            # 金与正(キム・ヨジョン、Kim Yo-jong)同党副部長: the reading, and a romanised name after it
            # キム・ジョンウン(金正恩)総書記: a name in katakana with its kanji spelling after it
            spelled = _is_kata(text[j - 1]) and 0 < len(reading) <= 5 and all(_is_kanji(c) for c in reading)
            # 李強(Li Qiang)首相: a romanised name alone
            spelled = spelled or (reading.strip() != "" and _romanised(reading))
            # 王毅(おう・き)外相: a Chinese name read in hiragana, as Japanese outlets give it
            kana = reading.strip() != "" and (all(_is_kata(c) or c in "・ 　" for c in reading) or
                                              all("\u3041" <= c <= "\u3096" or c in "・ 　" for c in reading))
            if close != -1 and (spelled or kana) and (
                    not roman or _romanised(roman.strip())):
                k = close + 1
        modifier = None
        for mod, what in TITLE_MODIFIERS.items():
            if text.startswith(mod, k) and self.titles.longest(text, k + len(mod)):
                modifier, k = what, k + len(mod)
                break
        t = self.titles.longest(text, k)
        title = None
        if t is not None and not (_is_kata(t[1][-1]) and t[0] < n and _is_kata(text[t[0]])):
            k, title = t[0], t[1]
        elif entry.needs_title:
            return None
        else:
            k = j
        if title is None and j < n and _is_kata(text[j - 1]) and _is_kata(text[j]):
            return None
        ld = self._pick_leader(entry.leaders, title, modifier, on)
        if ld is None:
            return None
        s = text[i:k]
        role = title if title and title != "氏" else (ld.roles[0] if ld.roles else None)
        return k, [ActorMention(i, k, s, (Entity(ld.code, s, ld.sector, i, k),), "person", role)]

    @staticmethod
    def _pick_leader(leaders: list[_Leader], title, modifier, on) -> _Leader | None:
        """The office holder the text means, chosen by the document's date ``on`` (a date, a
        partial date such as 2024-06, or None), never by today's date.

        A partial date is a period: the holder in office longest within it wins. With no date
        at all, the latest holder known to the table is taken (deterministic, clock-free)."""
        rows = leaders
        if title and title != "氏":
            rows = [ld for ld in leaders if title in ld.roles]
            if not rows:
                return None
        lo, hi = _dt.date.min, _dt.date.max
        if on is None:
            if modifier == "past":
                past = [ld for ld in rows if ld.end]
                if past:
                    return max(past, key=lambda ld: ld.end)
            return max(rows, key=lambda ld: ld.start or lo)
        first, last = on.bounds() if hasattr(on, "bounds") else (on, on)

        if modifier == "next":
            future = [ld for ld in rows if ld.start and ld.start > first]
            if future:
                return min(future, key=lambda ld: ld.start)
        elif modifier == "past":
            past = [ld for ld in rows if ld.end and ld.end <= last]
            if past:
                return max(past, key=lambda ld: ld.end)

        def overlap(ld):  # days in office within [first, last]
            a, b = max(first, ld.start or lo), min(last, (ld.end or hi) - _dt.timedelta(days=1))
            return (b - a).days + 1 if a <= b else 0

        act = [ld for ld in rows if overlap(ld) > 0]
        if act:
            return max(act, key=lambda ld: (overlap(ld), ld.start or lo))

        def distance(ld):
            if ld.start and last < ld.start:
                return (ld.start - last).days
            if ld.end and first >= ld.end:
                return (first - ld.end).days
            return 0

        return min(rows, key=distance)

    # -- prefixes 対/訪/来/駐/在
    def _state_or_abbr(self, text, j, use: str):
        """A state name or an abbreviation (with `use`) at j -> (end, code) or None."""
        m = self.main.longest(text, j)
        if m is not None:
            end, e = m
            if e.kind == "block":
                return None
            if e.kind == "state" and not (
                    _is_kata(text[end - 1]) and end < len(text) and _is_kata(text[end])):
                return end, e.members[0][0]
        if j < len(text) and text[j] in self.abbr:
            code, uses = self.abbr[text[j]]
            if use in uses and not self._blocked_at(text, j):
                return j + 1, code
        return None

    def _prefix_at(self, text, i):
        kind = PREFIXES[text[i]]
        host = self._state_or_abbr(text, i + 1, "prefix")
        if host is None:
            return None
        hend, hcode = host
        if kind == "host":
            # 在韓米軍 / 駐日ロシア大使: the institution belongs to the state named after
            owner = self._state_or_abbr(text, hend, "suffix")
            if owner is None:
                return hend, []  # 駐日大使: host only, owner unknown -> consume, no mention
            oend, ocode = owner
            suf = self._suffix_at(text, oend)
            if suf is None:
                return hend, []
            end, skind, sector, noun = suf
            s = text[i:end]
            return end, [ActorMention(i, end, s, (Entity(ocode, s, sector, i, end),),
                                      "person" if skind == "office" else "org", noun)]
        if text[i] == "来" and hend - (i + 1) != 1:
            return None  # 来日/来韓 only; 将来中国 is not a visit
        s = text[i:hend]
        ent = Entity(hcode, text[i + 1:hend], None, i + 1, hend)
        return hend, [ActorMention(i, hend, s, (ent,), kind)]

    # -- abbreviation runs 日米韓
    def _run_at(self, text, i):
        n = len(text)
        if not self._left_ok(text, i, text[i]):
            return None
        members: list[tuple[int, str]] = []
        codes: set[str] = set()
        j = i
        while j < n:
            ch = text[j]
            a = self.abbr.get(ch)
            if a is None or "run" not in a[1] or a[0] in codes:
                break
            if members and self._blocked_at(text, j):
                break  # 米中間選挙: 中間 is a word
            members.append((j, a[0]))
            codes.add(a[0])
            j += 1
            if j + 1 < n and text[j] == "・" and text[j + 1] in self.abbr:
                j += 1
        if len(members) < 2:
            return None
        end = members[-1][0] + 1
        run = "".join(text[p] for p, _ in members)
        nxt = text[end] if end < n else ""
        rel = self.relation.longest(text, end)
        if run in self.ambiguous:
            if rel is None and self._suffix_at(text, end) is None:
                return None
        elif not (_is_kanji(nxt) or nxt in _RUN_END_OK or _is_digit(nxt) or rel is not None):
            return None
        sector = None
        role = None
        kend = end
        suf = self._suffix_at(text, end)
        if suf is not None and self.relation.longest(text, end) is None:
            kend, _k, sector, role = suf
        s = text[i:kend]
        ents = tuple(Entity(code, text[p], sector, p, p + 1) for p, code in members)
        return kend, [ActorMention(i, kend, s, ents, "compound", role)]

    # -- abbreviation + institution: 米軍, 露外務省, 韓国防相
    def _abbr_suffix_at(self, text, i):
        code, uses = self.abbr[text[i]]
        if "suffix" not in uses or not self._left_ok(text, i, text[i]):
            return None
        if self._blocked_at(text, i):
            return None
        return self._with_suffix(text, i, i + 1, code)

    # -- 北の核, 北側
    def _possessive_at(self, text, i):
        code, uses = self.abbr[text[i]]
        if "possessive" not in uses or not self._left_ok(text, i, text[i]):
            return None
        if i > 0 and text[i - 1] == "の":
            return None  # 「島の北の」 is a direction
        j = i + 1
        ok = False
        if text.startswith("の", j) and self.security.longest(text, j + 1) is not None:
            ok = True
        elif text.startswith("側", j):
            ok = True
        if not ok:
            return None
        return j, [ActorMention(i, j, text[i], (Entity(code, text[i], None, i, j),), "state")]


    # -- 露に砲弾を供与, 米と協議: a one-character state before a case particle (wire and headline style)
    def _particle_at(self, text, i):
        code, uses = self.abbr[text[i]]
        if not ("particle" in uses or "subject" in uses) or not self._left_ok(text, i, text[i]):
            return None
        if i > 0 and _is_kanji(text[i - 1]):
            return None
        j = i + 1
        particles = CASE_PARTICLES if "particle" in uses else SUBJECT_PARTICLES
        if not any(text.startswith(p, j) for p in particles):
            return None
        return j, [ActorMention(i, j, text[i], (Entity(code, text[i], None, i, j),), "state")]


#: what makes a state's name a portfolio, not an actor: 北朝鮮担当特別代表 is the USA's, and so is
#: 米国の北朝鮮問題担当の高官; ロシア担当次官 is North Korea's
IN_CHARGE_OF = ("担当", "問題担当", "政策担当")


def _quoted(text: str) -> list[bool]:
    """For each character: is it inside 「…」 or 『…』? (A bare 政府 quoted is the speaker's, whom
    the home state of the story need not be.)"""
    out, depth = [], 0
    for ch in text:
        if ch in "「『":
            depth += 1
        out.append(depth > 0)
        if ch in "」』" and depth:
            depth -= 1
    return out


#: particles after which a lone abbreviation (露, 米, 韓) is read as its state
CASE_PARTICLES = ("に", "と", "が", "は", "へ", "を", "の", "も", "から", "側")
#: the particles after which a direction word that also abbreviates a state (北) is the state:
#: 北が, 北は, 北を, 北に対し (北に, 北へ, 北から are directions)
SUBJECT_PARTICLES = ("が", "は", "を", "と", "も", "に対し")


def _main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kizashi.actors.gazetteer",
                                 description="Print the actor mentions found in a text.")
    ap.add_argument("text", nargs="*", help="text (NFKC); stdin if omitted")
    ap.add_argument("--on", help="date (YYYY-MM-DD) for choosing leaders' offices")
    ap.add_argument("--coref", action="store_true", help="resolve anaphors line by line")
    args = ap.parse_args(argv)
    import unicodedata
    text = " ".join(args.text) if args.text else sys.stdin.read()
    text = unicodedata.normalize("NFKC", text)
    on = _dt.date.fromisoformat(args.on) if args.on else None
    gz = Gazetteer.default()
    tracker = None
    if args.coref:
        from kizashi.actors.coref import CorefTracker
        tracker = CorefTracker(gz)
    for mn in gz.find(text, on=on):
        if tracker is not None:
            mn = tracker.resolve(mn)
            tracker.observe([mn])
        mem = ", ".join(f"{e.code}{'/' + e.sector if e.sector else ''}" for e in mn.members)
        role = f" role={mn.role}" if mn.role else ""
        print(f"{mn.start:5d}-{mn.end:<5d} {mn.kind:9s} {mn.text}\t[{mem}]{role}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
