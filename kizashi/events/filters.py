"""What is not coded: precision rules applied to event frames, and which sentences can hold one.

Each rule names a kind of text that mentions an event without reporting it (a relationship used
as a topic, a bare event noun inside another event, a relative clause describing an actor, the
content of a promise). docs/design.md lists them with an example each.
"""
from __future__ import annotations

import re

from kizashi.events.frames import EXERCISES, Frame, is_passive
from kizashi.model import SPEECH_TYPES as SPEECH_ACTS, words

#: nouns that turn a clause into a complement (〜したことは, 〜したのは), not a relative clause
from kizashi.events.frames import FORMAL_NOUNS  # noqa: E402
#: events whose content is another event: what is promised, requested or threatened is part of them
GOVERNING = {"AGREE", "REQUEST", "THREATEN"}
#: nouns naming a statement or decision whose content is the clause before them (非難する決議);
#: nouns that, as the predicate (〜する方針だ), frame the clause before them as planned or possible,
#: and the nouns of readiness that make it a promise (〜する用意がある): data/wordclasses.tsv
DOCUMENT_NOUNS = words("document")
FRAME_NOUNS = words("frame") | words("pledge")
#: words of habit or repetition (〜してきた, 〜を繰り返す)
HABITUAL = words("habitual")
#: adverbs that make a relative clause a description of its head (唯一核実験を実施した国, かつて…した)
DESCRIBING = words("describing")
#: resources that are no force (外交手段を動員: no troops mobilised)
MEANS = words("means")
#: verbs of a feeling that grows (警戒感を強める, 懸念を募らせる): a mood told, no statement made
GROWING = words("growing")


def is_candidate(sentence, lexicon, someone_before: bool = False) -> bool:
    """Can this sentence hold an event we code? Only one with a trigger word and someone named in
    it or in the sentence before (whose sides it may go on about: 「…と会談した。午後には2回目の
    会談を行った」, a headline part 「…姿見えず　退却か」) is parsed at all (docs/performance.md)."""
    someone = someone_before or any(m.members for m in sentence.actors)
    return someone and lexicon.may_hold_event(sentence.text)


def governed(frames: list[Frame]) -> set[int]:
    """Frames inside the complement of a promise, request or threat (支援すると約束した,
    停止するよう求めた): the nearest predicate above the frame's own is the governing one, reached
    through a content link, not through a relative clause on a noun (侵攻を受けるウクライナに支援を
    約束: the invasion is no part of the promise) or a clause told before it (署名したことを受けて、
    …求めた)."""
    out = set()
    for g in frames:
        if g.trigger.event_type not in GOVERNING:
            continue
        for f in frames:
            if f is g or f.trigger.event_type in GOVERNING or coordinated(f.pred) or f.named or f.headline_clause:
                continue  # 北朝鮮によるロシアへの派兵の中止を求めた: the dispatch is told as a fact
            t, steps = f.pred, 0
            while t.head.i != t.i and steps < 4:
                if t.dep_ == "acl" and t.head.lemma_ not in CONTENT_HEADS and t.head.i != g.pred.i:
                    break  # a relative clause describing a noun
                t = t.head
                steps += 1
                if t.lemma_ in TEMPORAL and t.i != g.pred.i:
                    break  # 訪問した際に…求めた: a clause that dates the request is no part of it
                if t.i == g.pred.i:
                    if not any(c.lemma_ in ("ば", "なら", "たら") for c in f.pred.children):
                        out.add(id(f))  # a condition (〜すれば) stays an event of its own
                    break
                if t.pos_ in ("VERB", "ADJ") and t.i not in {x.i for x in g.tokens}:
                    break  # another predicate governs it
    return out


#: nouns of time whose clause dates the event it frames (〜した際に): data/wordclasses.tsv
TEMPORAL = words("temporal")
#: nouns whose relative clause is the content a promise or request is about (〜することを約束)
CONTENT_HEADS = {"こと", "事", "の", "旨", "よう", "方針", "考え", "意向"}


#: words that link a clause to the predicate after it as that predicate's content
CONTENT_LINKS = ("こと", "よう", "と", "って", "の", "旨", "ため")


def coordinated(pred) -> bool:
    """Is ``pred`` a clause told in sequence with the next one (会談し、…合意した; 訪問して…),
    not the content of its head (支援すると約束した, 停止するよう求めた)?"""
    if pred.dep_ not in ("advcl", "conj") or pred.pos_ != "VERB":
        return False
    doc = pred.doc
    j = pred.i + 1
    while j < len(doc) and doc[j].head.i == pred.i and doc[j].dep_ in ("aux", "mark", "fixed", "cop", "case"):
        if doc[j].text == "と" and doc[j + 1:j + 2] and doc[j + 1].text.startswith("とも"):
            return True  # 抗議するとともに…求めた: two acts, the first no content of the second
        if doc[j].lemma_ in CONTENT_LINKS or doc[j].text in CONTENT_LINKS:
            return False
        j += 1
    return j < len(doc) and doc[j].text in ("、", ",")


def content_head(head) -> bool:
    """Is ``head`` a noun whose content the relative clause is (not a thing it describes)?"""
    if head.lemma_ in FORMAL_NOUNS or head.lemma_ in DOCUMENT_NOUNS:
        return True
    if head.lemma_ in FRAME_NOUNS:
        return head.dep_ == "ROOT" or any(c.dep_ == "cop" for c in head.children) or \
            any(c.lemma_ in ("ある", "高まる", "強まる", "示す", "表明", "伝える", "強調") for c in [head.head])
    return False


def not_coded(fr: Frame) -> str | None:
    """Why a frame is background rather than a reported event (None: it is an event told)."""
    if fr.nominal and fr.roles == "mutual" and not fr.progress:
        return "topic"  # 「両国の軍事協力は…」: a relationship named as a topic, not an event told
    if fr.nominal and fr.embedded and not fr.marked and not (fr.actor or fr.recipient):
        return "bare"  # 制裁への支持: a bare event noun inside another event, no side named on it
    pred = fr.pred
    if fr.trigger.event_type == "ACCUSE" and pred.lemma_ in GROWING and pred.i != fr.tokens[-1].i:
        return "mood"  # 米国は警戒感を強めている: a wariness that grows, not one expressed
    if pred.dep_ == "acl" and not content_head(pred.head) and any(
            c.lemma_ == "できる" and c.dep_ in ("aux", "fixed") for c in pred.children):
        return "ability"  # 北朝鮮が輸入できる石油の上限: what one may do, describing a noun; no event told
    if pred.dep_ == "acl" and pred.head.lemma_ in ("者", "国々") and not any(
            c.dep_ == "nsubj" for c in pred.children):
        return "generic"  # ロシアを助ける者には厳しく対処する: whoever would, no event told
    if fr.trigger.event_type == "COOPERATE" and any(c.lemma_ == "ながら" for c in pred.children if c.dep_ == "mark"):
        return "manner"  # 米韓と連携しながら対応を検討する: how the main act is done, no cooperation told
    if fr.trigger.event_type == "MOBILIZE" and any(o.lemma_ in MEANS for o in fr.objects):
        return "means"  # あらゆる外交手段を動員して対応する: resources brought to bear, no force mobilised
    if fr.trigger.event_type == "MOBILIZE" and fr.trigger.term in EXERCISES and (
            pred.lemma_ == "受ける" or _followed_by(fr.tokens[-1], "中")):
        return "undergone"  # 現地で訓練を受けた, 訓練中の事故: a training had or under way, no drill held
    if fr.trigger.term == "一致" and pred.dep_ == "acl" and pred.head.pos_ == "NOUN" and not content_head(pred.head):
        return "manner"  # 一致した対応をとる: a united response, no agreement told
    if banned_act(fr):
        return "norm"  # 北朝鮮による武器の輸出は決議で禁止されている: what a rule forbids, no act told
    if asked(pred):
        return "question"  # 北朝鮮の兵士は戦っているのですか?: a question asks, it tells no event
    if fr.trigger.event_type not in ("REQUEST", "AGREE", "THREATEN") and any(
            c.lemma_ in ("べし", "べき") and c.dep_ in ("aux", "cop", "mark") for c in pred.children):
        return "ought"  # 直ちに撤退すべきだ: what ought to be done is no act told
    if fr.trigger.event_type == "ACCUSE" and fr.source != "explicit" and is_passive(pred):
        return "unsaid"  # 戦争が長引くことも懸念される: a fear no one is said to voice
    if (fr.gap or pred.dep_ == "acl") and habitual(pred) and not content_head(pred.head):
        # 核実験を繰り返してきた北朝鮮, 制裁を支持してきた方針: a habit that describes, no event told
        return "habit"
    return None


def _followed_by(tok, text: str) -> bool:
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == text


def unnamed_description(fr: Frame) -> str | None:
    """In a sentence that names no one, a relative clause describes its head noun by what the story
    told before (捕虜になった兵士は…死亡した, 制裁対象に指定された個人との取引は…): no event of
    its own is told. Nor does a passive act of speech with no speaker tell who spoke."""
    if fr.pred.dep_ == "acl" and not content_head(fr.pred.head):
        return "described"
    if fr.trigger.event_type in SPEECH_ACTS and fr.roles != "mutual" and is_passive(fr.pred) and not fr.actor:
        return "unsaid"  # 公式には否定されている: said by someone the story leaves unnamed
    return None


FORBIDDING = ("禁止", "禁じる", "禁ずる")


def banned_act(fr: Frame) -> bool:
    """Is the frame an act a rule forbids: an event noun, or a clause of こと, that is the subject of
    〜は禁止されている or the object of a forbidding in a relative clause (…輸出を禁止する決議)?"""
    pred = fr.pred
    head = pred.head.head if pred.dep_ == "acl" and pred.head.lemma_ in ("こと", "の") else pred.head
    if head.lemma_ not in FORBIDDING or head.i == pred.i:
        return False
    return is_passive(head) or head.dep_ == "acl" or any(
        c.lemma_ in ("いる", "てる") or any(g.lemma_ == "いる" and g.dep_ == "fixed" for g in c.children)
        for c in head.children if c.dep_ in ("aux", "fixed", "mark"))  # (禁じている: て with いる)


QUESTION_END = re.compile(r"(か|の|かね|かな)[?？]$")
#: a question asked of the reader, with a word that asks (何を受け取ったのだろうか。)
RHETORICAL_END = re.compile(r"(だろう|でしょう)か[。.]?$")
ASKING_WORDS = ("何", "誰", "どこ", "いつ", "なぜ", "どう", "どの", "どれ")


def asked(pred) -> bool:
    """Is ``pred`` the main predicate of a direct question (〜しているのですか?, 〜したのか?)?"""
    if pred.dep_ == "advcl" and pred.head.lemma_ == "する" and any(c.lemma_ == "たり" for c in pred.children):
        pred = pred.head  # 戦ったりしているのですか?: the question is asked of the する the act hangs on
    if pred.dep_ != "ROOT":
        return False
    tail = "".join(t.text for t in pred.doc[pred.i + 1:]).rstrip()
    if RHETORICAL_END.search(tail) and any(t.text.startswith(ASKING_WORDS) for t in pred.doc[:pred.i]):
        return True
    return bool(QUESTION_END.search(tail))


def described(frames: list[Frame]) -> set[int]:
    """Event nouns that are what a habit or description is about (国連の制裁を支持してきた方針: the
    sanctions are part of the description, no event told of their own)."""
    habits = {f.pred.i for f in frames if not_coded(f) == "habit"}
    return {id(f) for f in frames if f.nominal and f.pred.i not in habits and f.pred.head.i in habits
            and f.pred.dep_ in ("obj", "obl")}


def worth_coding(fr: Frame) -> bool:
    """Precision rules for mentions that are background rather than reported events."""
    return not_coded(fr) is None


def habitual(pred) -> bool:
    return pred.lemma_ in HABITUAL or any(c.lemma_ in DESCRIBING for c in pred.children if c.dep_ == "advmod") or any(
        c.lemma_ in HABITUAL for c in pred.children if c.dep_ in ("aux", "fixed", "mark")) or any(
        g.lemma_ in HABITUAL for c in pred.children if c.dep_ == "mark" for g in c.children if g.dep_ == "fixed") or any(
        c.lemma_ in HABITUAL and c.dep_ == "advcl" and c.i > pred.i and pred.doc[c.i - 1].lemma_ == "て"
        for c in pred.children)  # 供与して来た: the parser made 来る a clause of its own
