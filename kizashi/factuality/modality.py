"""Factuality and source of claim, read along the dependency chain of an event's predicate.

From the predicate up to the sentence root, each head and the function words attached to it
(auxiliaries, particles, copula) are matched against the cue table ``data/factuality.tsv``.
Reporting verbs count only when the event clause is their complement (quotative と or こと),
uncertainty verbs like みる only with quotative と. When several cues apply the most restrictive
wins (spec section 4).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kizashi.data import read_table

#: most restrictive first (spec section 4)
from kizashi.model import PRECEDENCE, words  # noqa: E402 - factuality_values.tsv, wordclasses.tsv
FUNCTION_DEPS = {"aux", "mark", "cop", "case", "fixed"}
#: head lemmas that need a quotative と (or こと/という) link from the clause below them
QUOTATIVE_ONLY = words("quotative")  # data/wordclasses.tsv
SOON = words("soon")  # 近く, 来週: an adverb of time to come on a predicate not in the past
NEG_HEADS = {"わけ", "はず"}
#: "not only" after a predicate: what it follows is told, and more besides
NOT_ONLY = ("だけでなく", "だけではなく", "ばかりでなく", "ばかりか", "のみならず", "だけにとどまらず")
#: words before ない that make it no negation, with the value they give instead
NOT_NEGATION = {"かね": "hypothetical", "かもしれ": "uncertain", "違い": None, "ざるを得": None,
                "しか": None, "とも限ら": "uncertain"}


@dataclass(frozen=True)
class Cue:
    lemmas: tuple[str, ...]
    value: str
    where: str
    example: str


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    return tuple(Cue(tuple(r["cue"].split("+")), r["value"], r["where"], r["example"])
                 for r in read_table("factuality.tsv"))


def _function_lemmas(tok) -> list[str]:
    """Lemmas and surface forms of the function words after ``tok`` (だろう has the lemma だ)."""
    out = []
    for c in tok.children:
        if c.dep_ in FUNCTION_DEPS and c.i > tok.i:
            out.extend((c.lemma_, c.text))
            for g in c.children:
                if g.dep_ == "fixed":
                    out.extend((g.lemma_, g.text))
    return out


def _links_quotative(child) -> bool:
    """Is ``child`` (a clause) linked to its head by quotative と, という or こと?"""
    for c in child.children:
        if c.dep_ in ("case", "mark") and c.lemma_ in ("と", "って"):
            return True
    # a と, こと or の before the head that belongs to the clause, or is the noun it hangs on
    # (not a と of another clause further on: 〜したことと関連し、…可能性があると予想した)
    links = [t for t in child.doc[child.i + 1:child.head.i] if t.lemma_ in ("と", "こと", "の")]
    if not links:
        return False
    mine = {t.i for t in child.subtree}
    return any(t.head.i in mine or t.i in mine or child.head.i == t.i for t in links)


@dataclass
class Modality:
    factuality: str
    source_token: object | None = None   # head of the phrase naming who the claim comes from
    cue: str | None = None


def read_modality(pred, conditional_main: bool = True, carrier: bool = True, own_negation: bool = True) -> Modality:
    """Factuality of the event whose predicate (or event noun) is ``pred``.

    ``carrier``: may ``pred`` be a support verb that carries another word's event (追加制裁を
    検討している)? Not when it is the event's own trigger (否定した: the denial itself).
    ``own_negation``: does a negation on ``pred`` itself count? Not when the negation makes the
    event (受け入れない is a rejection, told as a fact).

    ``conditional_main``: does a condition governing the predicate (〜すれば…する) make it
    hypothetical? Not for a threat, whose content is conditional by nature."""
    found: list[tuple[str, str, object | None]] = []
    fl = _function_lemmas(pred)
    for cue in cues():
        if cue.where == "aux" and len(cue.lemmas) == 1 and cue.lemmas[0] in fl:
            if cue.value == "reported":
                continue  # によると is read at the sentence level below
            if cue.lemmas[0] == "へ" and pred.pos_ == "VERB":
                continue  # 〜へ marks a headline's future only on an event noun
            if cue.value == "negated" and not own_negation:
                continue
            found.append((cue.value, cue.lemmas[0], None))
    if "なら" in [t.text for t in pred.children]:
        found.append(("hypothetical", "なら", None))
    soon = next((c for c in pred.children if c.dep_ in ("advmod", "obl", "nmod") and (
        c.lemma_ in SOON or c.text in SOON or "".join(t.text for t in c.subtree if t.i <= c.i) in SOON)), None)
    if soon is not None and not any(c.lemma_ == "た" and c.dep_ == "aux" for c in pred.children):
        found.append(("future", soon.text, None))  # 近く中国を訪問する: soon, not yet
    tail = "".join(t.text for t in pred.doc[pred.i + 1:pred.i + 7])
    if any(x in tail[:8] for x in NOT_ONLY):  # 戦車を供与するだけでなく、…: not only that, no denial
        found = [f for f in found if f[0] != "negated"]
    for lead, value in NOT_NEGATION.items():
        if lead + "ない" in tail or lead + "ず" in tail:  # かねない, かもしれない, ざるを得ない: no denial
            found = [f for f in found if f[0] != "negated"]
            if value:
                found.append((value, lead, None))
    for cue in cues():  # a support verb that negates or plans carries the event itself:
        # 制裁の発動を見送った (negated), 追加制裁を検討している (future)
        if carrier and cue.where == "head" and cue.value in ("negated", "denied", "future") and \
                cue.lemmas[0] == pred.lemma_ and pred.lemma_ not in QUOTATIVE_ONLY:
            if len(cue.lemmas) > 1:
                if all(x in fl for x in cue.lemmas[1:]):  # 派兵の事実を認めていない: denied, not negated
                    found = [f for f in found if f[0] != "negated"] + [(cue.value, pred.lemma_, None)]
                continue
            if cue.value == "denied" and (any(x in fl for x in ("ない", "ず", "ぬ", "ん")) or "でき" in " ".join(fl)):
                # 派兵を否定しなかった, 否定できない: a denial negated rules nothing out
                found = [f for f in found if f[0] != "negated"] + [("uncertain", "否定できない", None)]
                continue
            found.append((cue.value, pred.lemma_, None))
    if conditional_main and _conditional_main(pred, None):
        found.append(("hypothetical", "条件", None))  # 〜するなら、…制裁を科すだろう
    child, head = pred, pred.head
    steps = 0
    while head.i != child.i and steps < 8:
        steps += 1
        # quotative と, or a nominaliser (〜したことを明らかにした, 〜との報道)
        quot = _links_quotative(child) or (steps > 1 and child.lemma_ in ("こと", "の", "旨"))
        hl = head.lemma_
        if hl == "する" and head.i >= 2 and head.doc[head.i - 2].text == "明らか":
            hl = "明らか"  # 〜を明らかにした
        hfl = _function_lemmas(head)
        # 〜したことに謝意を表明した, 〜に懸念を表明した: the head states its own object; the clause in
        # に is what that is about, told as a fact, not the content of the statement
        aside = child.dep_ == "obl" and any(c.dep_ == "case" and c.lemma_ == "に" for c in child.children) and \
            any(c.dep_ == "obj" for c in head.children)
        for cue in cues():
            first = cue.lemmas[0]
            if cue.where == "head" and first == hl and not aside:
                # (形跡はない: the negation may be the predicate the head is the subject of)
                if len(cue.lemmas) > 1 and not all(x in hfl for x in cue.lemmas[1:]) and not (
                        len(cue.lemmas) == 2 and head.dep_ == "nsubj" and head.head.lemma_ == cue.lemmas[1]):
                    continue
                if hl in QUOTATIVE_ONLY and not quot:
                    continue
                src = _subject_of(head) if cue.value == "reported" else None
                found.append((cue.value, hl, src))
            elif cue.where == "aux" and first in hfl and cue.value in ("future", "uncertain"):
                found.append((cue.value, first, None))
        if hl == "する" and quot and head.dep_ != "aux" and any(a.lemma_ in ("れる", "られる") for a in head.children):
            found.append(("uncertain", "とされる", None))  # 〜とされる
        elif hl == "する" and _links_quotative(child) and head.dep_ != "aux" and head.pos_ == "VERB":
            # 〜したとして非難した, 〜したとし、: the clause is what the subject holds or says
            found.append(("reported", "とする", _subject_of(head)))
        if hl in HEARSAY_HEADS and _links_by_to(child, head):
            found.append(("reported", "ということ", None))  # 〜ということです, 〜とのこと, 〜という
        if conditional_main and _conditional_main(head, child):
            found.append(("hypothetical", "条件", None))  # the main clause of a condition
        if hl in ("否定", "排除") and ("でき" in " ".join(hfl) + "".join(t.text for t in head.doc[head.i + 1:head.i + 4])
                                     or any(x in hfl for x in ("ない", "ず", "ぬ", "ん"))):
            # 〜可能性も否定できない, 派兵を否定しなかった: nothing is ruled out
            found = [f for f in found if f[0] != "denied"]
            found.append(("uncertain", "否定できない", None))  # 〜可能性も否定できない
            break
        if hl in NEG_HEADS and any(x in hfl for x in ("ない",)):
            found.append(("negated", hl, None))
        if child.dep_ in ("advcl",) and any(c.lemma_ in ("が", "けれど", "ものの") for c in child.children
                                              if c.dep_ == "mark"):
            break  # a contrastive clause keeps its own modality
        child, head = head, head.head
    root = pred.sent.root if pred.doc.has_annotation("DEP") else pred
    for tok in root.subtree:
        # 〜によると / 〜によれば / 関係者によれば attached anywhere in the sentence
        if tok.lemma_ == "よる" and tok.dep_ == "fixed" and tok.i + 1 < len(tok.doc) and (
                tok.doc[tok.i + 1].text in ("と", "ば", "れば") or (
                    tok.doc[tok.i + 1].text == "ます" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].text == "と")):
            # (によりますと: a broadcast's polite によると)
            found.append(("reported", "によると", tok.head.head))
        elif tok.text in ("よれば", "よると") and tok.i > 0 and tok.doc[tok.i - 1].text == "に":
            found.append(("reported", "によると", tok.doc[tok.i - 1].head))
    if not found:
        return Modality("asserted")
    found.sort(key=lambda f: PRECEDENCE.index(f[0]))
    value, cue, src = found[0]
    if src is None:
        src = next((s for v, _, s in found if v == "reported" and s is not None), None)
    return Modality(value, src, cue)


#: heads of hearsay linked to the clause before them by と (〜ということです, 〜とのことだ, 〜という)
HEARSAY_HEADS = {"いう", "言う", "こと"}


def _links_by_to(child, head) -> bool:
    """Is ``child`` linked to ``head`` by a quotative と (not by a plain nominaliser: 〜したことが)?"""
    if any(c.dep_ in ("case", "mark") and c.lemma_ in ("と", "って") for c in child.children):
        return True
    return any(t.lemma_ in ("と", "って") for t in child.doc[child.i + 1:head.i])


def _conditional_main(head, child) -> bool:
    """Does ``head`` govern a condition clause (〜すれば, 〜なら, 〜場合) other than ``child``?"""
    for c in head.children:
        if c.dep_ not in ("advcl", "obl", "acl") or (child is not None and c.i == child.i) or c.i > head.i:
            continue
        if c.lemma_ == "場合" or any(g.text in ("ば", "なら", "たら") for g in c.children):
            return True
    return False


def _subject_of(tok):
    for c in tok.children:
        if c.dep_ in ("nsubj", "dislocated", "obl") and any(
                g.dep_ == "case" and g.lemma_ in ("は", "が", "も") for g in c.children):
            return c
    return None
