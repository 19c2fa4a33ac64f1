"""The trigger lexicon, object classes and PLOVER table, loaded from ``kizashi/data``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kizashi.data import read_table
from kizashi.model import words

#: a quoted or reported content linked to its verb or noun of statement (〜と述べた, 〜との談話)
QUOTATIVE = re.compile(r"[」』]と|[ぁ-んー]と(?:[しい述語話指強表明主訴断発伝投批非皮こ]|の[^、。]{0,6}(?:を|が))|とし[、た]|との")
#: counters that end a counted noun phrase (部隊1000人, 砲弾100万発)
COUNTERS = set("人名発個基両機隻門台")
#: words after a count that bound it (1000個以上, 1万人余り)
QUANTITY_TAILS = ("以上", "以下", "余り", "あまり", "超", "程度", "前後", "近く", "ほど", "規模")
#: heads that name no kind of their own (システム, 部品: data/wordclasses.tsv generic_head)
GENERIC_HEADS = words("generic_head")
#: units of measure after a count (小麦1万トン, 石油精製品100万バレル)
UNITS = ("トン", "バレル", "リットル", "キロ")
ROLES = {"give", "receive", "target", "with", "host", "mutual", "unary", "-"}
#: the event type of a lexicon row that blocks a shorter trigger inside it (記者会見 is no 会見)
NOT_AN_EVENT = "-"
#: object classes or conditions a trigger may require (``requires`` column)
REQUIREMENTS = {"materiel", "troops", "technology", "economic", "letter", "treaty", "praise", "meeting", "party", "talk",
                "demand", "thing"}


@dataclass(frozen=True)
class Trigger:
    term: str
    event_type: str
    mode: str | None
    contexts: tuple[str, ...]
    roles: str
    requires: str | None
    confidence: float
    example: str
    expect: str


@dataclass(frozen=True)
class ObjectClass:
    term: str
    cls: str
    mode: str | None
    contexts: tuple[str, ...]


def _opt(v: str) -> str | None:
    return None if v in ("", "-") else v


def _tuple(v: str) -> tuple[str, ...]:
    return tuple(x for x in v.split("|") if x and x != "-")


@dataclass(frozen=True)
class SpeechCue:
    term: str
    act: str
    mode: str | None


@dataclass(frozen=True)
class SpeechTable:
    """Verbs and nouns of saying, and the words of content that make a statement an act
    (``data/speech.tsv``; :mod:`kizashi.events.speech`)."""
    verbs: frozenset[str]
    statements: frozenset[str]
    cues: tuple[SpeechCue, ...]           # longest first
    acts: dict[str, SpeechCue]            # verbs that are an act by themselves (皮肉る: ACCUSE)
    allege: dict[str, SpeechCue]          # verbs whose content, a hostile act, is an allegation
    rows: tuple[dict, ...]                # for the tests
    denials: frozenset[str] = frozenset()  # verbs of denial: a REJECT by their subject (否定した)
    admits: frozenset[str] = frozenset()   # verbs of admitting: negated, a REJECT (認めていない)


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, Trigger]
    objects: dict[str, ObjectClass]
    plover: dict[str, dict[str, str]]
    candidate_re: re.Pattern
    carriers: dict[str, str]        # support verb -> "carry" | "flip"
    speech: SpeechTable | None = None
    cue_re: re.Pattern | None = None  # content words of acts of speech (data/speech.tsv)

    def may_hold_event(self, text: str) -> bool:
        """Does ``text`` hold a trigger word, or a content cue of a statement quoted as one
        (「…違反だ」と述べた)? Only such sentences are parsed (docs/performance.md)."""
        if self.candidate_re.search(text):
            return True
        return bool(self.cue_re and self.cue_re.search(text) and QUOTATIVE.search(text))

    def score(self, event_type: str) -> float | None:
        row = self.plover.get(event_type)
        return float(row["score"]) if row else None

    def object_class(self, noun: str) -> ObjectClass | None:
        """The class of a noun, trying the whole compound and then its longest known suffix."""
        for i in range(len(noun)):
            hit = self.objects.get(noun[i:])
            if hit:
                return hit
        for head in GENERIC_HEADS:  # 砲システム: what the compound before the head names
            if noun.endswith(head) and len(noun) > len(head):
                return self.object_class(noun[:-len(head)])
        for tail in QUANTITY_TAILS:  # コンテナ1000個以上: the counted thing, whatever the bound
            if noun.endswith(tail) and len(noun) > len(tail):
                return self.object_class(noun[:-len(tail)])
        unit = next((u for u in UNITS if noun.endswith(u) and len(noun) > len(u)), None)
        if unit or len(noun) > 1 and (noun[-1] in COUNTERS or noun[-1].isdigit()):
            # 工兵部隊1000人, 兵士数千人, 工兵約1000人, 小麦1万トン: the counted thing
            stem = noun[:-len(unit or "x")].rstrip("0123456789,.数十百千万億余")
            for about in ("約", "計", "およそ", "最大"):
                stem = stem.removesuffix(about)
            return self.object_class(stem if stem else noun[:-1])
        return None


def _stem(term: str) -> str:
    """What a sentence must contain for ``term`` to occur in some inflected form."""
    # verbs (and adjectives) inflect on their last kana; sahen nouns and nouns do not
    if len(term) > 1 and re.match(r"[ぁ-ん]", term[-1]):
        return term[:-1]
    return term


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    triggers = {}
    for r in read_table("triggers.tsv"):
        if r["roles"] not in ROLES:
            raise ValueError(f"triggers.tsv: unknown roles {r['roles']!r} for {r['term']!r}")
        if _opt(r["requires"]) and r["requires"] not in REQUIREMENTS:
            raise ValueError(f"triggers.tsv: unknown requirement {r['requires']!r} for {r['term']!r}")
        triggers[r["term"]] = Trigger(
            term=r["term"], event_type=r["event_type"], mode=_opt(r["mode"]),
            contexts=_tuple(r["contexts"]), roles=r["roles"], requires=_opt(r["requires"]),
            confidence=float(r["confidence"]), example=r["example"], expect=r["expect"])
    objects = {r["term"]: ObjectClass(r["term"], r["class"], _opt(r["mode"]), _tuple(r["contexts"]))
               for r in read_table("objects.tsv")}
    plover = {r["event_type"]: r for r in read_table("plover.tsv")}
    for t in triggers.values():
        if t.event_type not in plover and t.event_type != NOT_AN_EVENT:
            raise ValueError(f"triggers.tsv: {t.term!r} has unknown type {t.event_type!r}")
    speech = _speech_table()
    # a verb's stem must be followed by its kana ending (送っ, 送り: not 放送, 輸送); a one-kanji
    # stem not by a particle (会う: 会い, 会っ, not 国会は, 大会が)
    pats = sorted({re.escape(_stem(t)) + (("(?=[ぁ-ん])(?![はがをにでとのもへや])" if len(_stem(t)) == 1 else "(?=[ぁ-ん])")
                                          if _stem(t) != t else "") for t, trig in triggers.items()
                   if trig.event_type != NOT_AN_EVENT} | {re.escape(_stem(t)) for t in speech.acts},
                  key=len, reverse=True)
    # denials, and admissions only when negated (認めていない, 容認しない)
    pats += sorted({re.escape(t) for t in speech.denials}, key=len, reverse=True)
    pats += [re.escape(_stem(t)) + "(?:て(?:い)?ない|ない|ず|られない|できない|しない)" for t in speech.admits]
    # 訪朝/訪露/訪米... and 来日 are visits the gazetteer marks
    candidate_re = re.compile("|".join(pats + ["訪", "来日"]))
    # a statement is worth parsing when a word of its content makes it an act (違反, 容認できない,
    # べき) and a quotative or statement noun links that content to a verb (〜と述べた, 〜との談話)
    cue_re = re.compile("|".join(sorted({re.escape(c.term) for c in speech.cues}, key=len, reverse=True)))
    carriers = {r["term"]: r["kind"] for r in read_table("carriers.tsv")}
    return Lexicon(triggers, objects, plover, candidate_re, carriers, speech, cue_re)


SPEECH_KINDS = {"verb", "statement", "cue", "allege", "denial", "admit"}


def _speech_table() -> SpeechTable:
    rows = read_table("speech.tsv")
    for r in rows:
        if r["kind"] not in SPEECH_KINDS:
            raise ValueError(f"speech.tsv: unknown kind {r['kind']!r} for {r['term']!r}")
    verbs = frozenset(r["term"] for r in rows if r["kind"] == "verb")
    statements = frozenset(r["term"] for r in rows if r["kind"] == "statement")
    cues = tuple(sorted((SpeechCue(r["term"], r["act"], _opt(r["mode"])) for r in rows if r["kind"] == "cue"),
                        key=lambda c: -len(c.term)))
    acts = {r["term"]: SpeechCue(r["term"], r["act"], _opt(r["mode"])) for r in rows
            if r["kind"] == "verb" and _opt(r["act"])}
    allege = {r["term"]: SpeechCue(r["term"], r["act"], _opt(r["mode"])) for r in rows if r["kind"] == "allege"}
    denials = frozenset(r["term"] for r in rows if r["kind"] == "denial")
    admits = frozenset(r["term"] for r in rows if r["kind"] == "admit")
    return SpeechTable(verbs | frozenset(allege), statements, cues, acts, allege, tuple(rows), denials, admits)
