"""Statements that are acts: what a quoted or reported content says makes a verb of saying an
event (``data/speech.tsv``).

「ロシアの行動は決議に違反している」と述べた is a condemnation of Russia; 「北朝鮮は派兵を中止
すべきだ」と強調した a demand on North Korea; 〜との談話を発表した and 〜との立場を示した work the
same way through their noun of statement. The act is the first of THREATEN, REQUEST, REJECT,
ACCUSE, SUPPORT whose cue word the content holds (a cue that is itself negated does not count);
its actor is the speaker, its recipient the party the content is about: the content's subject,
else the first party it names other than the speaker.

A verb of allegation (指摘, 主張, 断言) whose content reports a hostile act of another party
(北朝鮮がロシアに砲弾を送っていると指摘した) is an ACCUSE with mode ``allege``, besides the act
reported.
"""
from __future__ import annotations

from kizashi.events.frames import AGENT, CAUSATIVE_AUX, GOAL, Frame, SentenceFrames, is_passive, marker_of, role_of
from kizashi.events.lexicon import SpeechCue, Trigger
from kizashi.model import words

#: acts in the order a content cue decides them (a threat that also condemns is a threat)
ACT_ORDER = ("THREATEN", "REQUEST", "REJECT", "ACCUSE", "SUPPORT")
#: verbs that state a statement noun (〜との談話を発表した, 〜との立場を示した)
STATING_VERBS = words("stating")
#: hostile acts: told by another party, an allegation against their doer; condemning or backing
#: one is aimed at its doer (events/attach.py)
HOSTILE = {"AID", "ASSAULT", "MOBILIZE", "COERCE"}
#: the weight of an act read from its content, against a trigger's own
CONFIDENCE = 0.6


def _quotative(tok) -> bool:
    return any(c.dep_ in ("case", "mark") and c.lemma_ in ("と", "って") for c in tok.children)


def contents(sf: SentenceFrames, tok) -> list:
    """Heads of the content of ``tok`` as a verb of saying, or of its statement noun. The parser
    may hang the quoted clause on a noun before the verb (北朝鮮は…中止すべきだと強調した): a
    quotative clause counts when its chain of heads reaches the verb through nouns only."""
    table = sf.lex.speech
    out = []
    if tok.lemma_ in table.verbs or tok.lemma_ in table.acts:
        for t in sf.doc[:tok.i]:
            if not _quotative(t) or t.pos_ not in ("VERB", "ADJ", "NOUN", "PROPN", "AUX"):
                continue
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nmod", "conj") and t.i + 1 < len(sf.doc) and \
                    sf.doc[t.i + 1].lemma_ == "と":
                continue  # 韓国とウクライナは…指摘した: a partner listed with と, no words said
            h, ok = t.head, True
            while h.i != tok.i and h.head.i != h.i:
                if h.pos_ in ("VERB", "ADJ") or _quotative(h):
                    ok = False
                    break
                h = h.head
            if ok and h.i == tok.i:
                out.append(t)
    if not out and tok.lemma_ in STATING_VERBS:
        for c in tok.children:
            if c.dep_ == "obj" and c.lemma_ in table.statements:
                out.extend(g for g in c.children if g.dep_ in ("acl", "nmod") and g.i < c.i and
                           any(x.lemma_ in ("と", "という") for x in g.children if x.dep_ in ("case", "mark")))
    return out


def speaker_of(sf: SentenceFrames, tok, span_ids: set) -> tuple[list, object | None]:
    """The speaker of ``tok``: its own subject outside the content, else the sentence's topic
    (the first は-phrase naming someone: the parser may hang it inside the quoted clause)."""
    for a in sf.args_of(tok, set()):
        if a.role == AGENT and a.actors and sf.is_someone(a.token) and a.token.i not in span_ids:
            return a.actors, a.token
    for t in sf.doc[:tok.i]:
        role, mk = role_of(t)
        if role == AGENT and mk in ("は", "では") and t.dep_ != "compound" and sf.is_someone(t) and \
                not sf.in_said_clause(t, tok):  # 〜は意味を失ったとの見解を示したことに: no topic
            ms = sf.phrase_mentions(t)
            if ms:
                return ms, t
    return sf.topic_agent(tok, someone=True), None


DENIAL = SpeechCue("否定", "REJECT", None)


def _in_content(sf: SentenceFrames, head, t) -> bool:
    """Is ``t`` of what was said in the content headed by ``head``? When the content is a quotation
    closed just before its と, only what is inside the quotation (a purpose clause the parser hung on
    the quoted verb, …に対抗し「協力を強化する」と表明, is the speaker's, not what was said)."""
    q = sf.quote_of.get(head.i)
    if q is None or not any(c.i == q[1] + 1 and c.lemma_ in ("と", "って") for c in head.children):
        return True
    return q[0] <= t.i <= q[1]


def _denies(sf: SentenceFrames, tok) -> bool:
    """Is ``tok`` a denial (否定した; not 否定できない, which only fails to rule out) or an
    admission negated (認めていない, 容認しない)?"""
    table = sf.lex.speech
    tail = "".join(t.text for t in tok.doc[tok.i + 1:tok.i + 4])
    if tok.lemma_ in table.denials:
        return not tail.startswith(("でき", "しき", "する余地"))
    return tok.lemma_ in table.admits and (_negated(tok) or tail.startswith(("ない", "ず", "られない", "できない")))


def _negated(tok) -> bool:
    return any(c.lemma_ in ("ない", "ず", "ぬ") and c.dep_ in ("aux", "fixed") for c in tok.children)


def read_act(sf: SentenceFrames, span: list) -> SpeechCue | None:
    """The act the content tokens ``span`` (in order) make, from their cue words."""
    hit = read_act_at(sf, span)
    return hit[0] if hit else None


def read_act_at(sf: SentenceFrames, span: list):
    """(cue, index of the token it starts in) of the act the content makes, or None."""
    text = "".join(t.text for t in span)
    found: dict[str, tuple] = {}
    for cue in sf.lex.speech.cues:
        at = text.find(cue.term)
        if at < 0 or cue.act in found:
            continue
        pos = 0
        for t in span:  # the token the cue starts in: a negated cue (違反していない) is no act
            if pos + len(t.text) > at:
                negative = cue.term.endswith(("ない", "ず"))  # 容認できない: the cue is the negation
                if negative or not (_negated(t) or (t.head.i != t.i and _negated(t.head) and t.head in span)):
                    found[cue.act] = (cue, t.i)
                break
            pos += len(t.text)
    for act in ACT_ORDER:
        if act in found:
            return found[act]
    return None


def _party_before(sf: SentenceFrames, span: list, at: int, speaker_codes: set) -> list:
    """The party named nearest before the cue word (米国と西側諸国にこそ…共犯国: the one it is said of)."""
    for t in reversed([t for t in span if t.i < at]):
        for m in sf.tok_mentions.get(t.i, []):
            if m.kind in ("state", "person", "org", "compound") and any(m.codes) and set(m.codes) - speaker_codes:
                return [m]
    return []


def _content_subject(sf: SentenceFrames, tok, heads: list, span: list, speaker_tok, speaker_codes: set) -> list:
    """Whom the content is about: its own subject, or a second subject the parser hung on the
    verb of saying or that the quoted clause hangs on (北朝鮮は…中止すべきだと強調)."""
    # 米国が…を決定したことは「愚かな措置」だとこき下ろした: the doer of the fact the topic names
    topics = [a for a in sf.args_of(tok, set()) if a.role == AGENT and a.token.lemma_ in ("こと", "の")]
    doers = [m for m in sf.fact_doers(topics) if set(m.codes) - speaker_codes]
    if doers:
        return doers
    cands = [t for t in span if t is not speaker_tok]
    cands += [a.token for a in sf.args_of(tok, set()) if a.role == AGENT and a.token is not speaker_tok]
    cands += [h.head for h in heads if h.head.i != tok.i and h.head.pos_ in ("NOUN", "PROPN")]
    for t in cands:
        role, mk = role_of(t)
        if role == AGENT and mk in ("は", "が", "も", "こそ", "") and t.dep_ in ("nsubj", "obl", "dislocated"):
            ms = [m for m in sf.phrase_mentions(t) if set(m.codes) - speaker_codes]
            if ms:
                return ms
    return []


def _made_to(sf: SentenceFrames, span: list, speaker_codes: set) -> list:
    """The party the content makes do something (代償を北朝鮮に支払わせる: 北朝鮮): the に-phrase of a
    causative verb in it."""
    for t in span:
        if t.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ in CAUSATIVE_AUX for c in t.children):
            for a in sf.args_of(t, set()):
                if a.role == GOAL and marker_of(a.token) == "に":
                    ms = [m for m in a.actors if set(m.codes) - speaker_codes]
                    if ms:
                        return ms
    return []


def _first_party(sf: SentenceFrames, span: list, speaker_codes: set) -> list:
    for t in span:
        for m in sf.tok_mentions.get(t.i, []):
            if m.kind in ("state", "person", "org", "compound", "anaphor", "target") and m.members and \
                    set(m.codes) - speaker_codes:
                return [m]
    return []


def speech_frames(sf: SentenceFrames, frames: list[Frame]) -> list[Frame]:
    """Frames of the acts of speech in the sentence of ``sf`` (besides the lexicon's ``frames``)."""
    table = sf.lex.speech
    if table is None:
        return []
    out = []
    for tok in sf.doc:
        if tok.pos_ not in ("VERB", "NOUN", "AUX", "ADJ"):
            continue
        heads = contents(sf, tok)
        if not heads and tok.lemma_ in table.allege and not is_passive(tok):
            # 北朝鮮によるロシアへの派兵を指摘した: the hostile act alleged named as the object
            heads = [c for c in tok.children if c.dep_ == "obj" and
                     any(f.pred.i == c.i and f.trigger.event_type in HOSTILE for f in frames)]
        own = table.acts.get(tok.lemma_)
        if own is None and _denies(sf, tok):
            own = DENIAL  # 報道を否定した, これを認めていない: a rejection by the one who denies
        if not heads and own is None:
            continue
        if own is None and tok.lemma_ == "する" and tok.i + 1 < len(sf.doc) and sf.doc[tok.i + 1].lemma_ == "て":
            continue  # 決議に違反するとして非難した: a reason given for an act, no statement of its own
        if own is None and is_passive(tok):
            continue  # 〜と指摘されている: said by no one named, no act of anyone's
        span = sorted({t for h in heads for t in h.subtree}, key=lambda t: t.i)
        speaker_ms, speaker_tok = speaker_of(sf, tok, {t.i for t in span})
        if speaker_tok is not None:
            phrase = {t.i for t in speaker_tok.subtree if t.i <= speaker_tok.i + 1}
            span = [t for t in span if t.i not in phrase]
        said = [t for t in span if any(_in_content(sf, h, t) for h in heads if t in h.subtree)]
        hit = None if own else read_act_at(sf, said)
        cue = own or (hit[0] if hit else None)
        source = "explicit" if speaker_tok is not None else ("topic" if speaker_ms else "context")
        mine = {c for m in speaker_ms for c in m.codes if c}
        acts = []
        if cue is not None:
            target = []
            if cue is DENIAL:
                # 報道を否定した: a denial is of a claim, aimed at whoever made it (日本の抗議を受け入れ
                # ない, 米国の主張を否定), not at the parties the claim names (派兵を否定)
                target = sf.claimant(tok, mine)
            elif cue.act in ("REQUEST", "SUPPORT", "THREATEN"):
                # 北朝鮮に…求めた, 正恩氏らに「感謝する」と述べた: the one it was said to
                target = [m for a in sf.args_of(tok, set()) if a.role == GOAL and marker_of(a.token).startswith("に")
                          for m in a.actors if set(m.codes) - mine]
            if cue is not DENIAL and cue.act == "THREATEN":
                # 「代償を北朝鮮に払わせる」とした: the one made to pay is the one threatened
                target = target or _made_to(sf, span, mine)
            if cue is not DENIAL:
                target = target or _content_subject(sf, tok, heads, span, speaker_tok, mine)
                if not target and cue.act in ("ACCUSE", "SUPPORT", "REJECT") and hit is not None:
                    target = _party_before(sf, span, hit[1], mine)  # the one the cue is said of
                target = target or _first_party(sf, span, mine)
            acts.append((cue, target))
        allege = table.allege.get(tok.lemma_)
        if allege is not None and heads:
            inside = {t.i for t in span}
            for f in frames:
                doers = [m for m in f.actor if set(m.codes) - mine]
                # (told in the content, not a relative clause describing one of its nouns:
                # 前線に送られた北朝鮮軍が…を失ったと主張した alleges no sending)
                if f.pred.i in inside and f.trigger.event_type in HOSTILE and doers and f.pred.dep_ != "acl":
                    acts.append((allege, doers))
                    break
        for c, target in acts:
            trig = Trigger(tok.lemma_, c.act, c.mode or ("disapprove" if c.act == "ACCUSE" else None), (),
                           "target", None, CONFIDENCE, "", "")
            frame = Frame(trig, [tok], tok, speaker_ms, target, [], False, source, "target")
            frame.speech = True
            frame.denial = c is DENIAL
            frame.quoted = tok.i in sf.quote_of
            out.append(frame)
    return out


def saying_verbs(lexicon) -> frozenset:
    """Lemmas of the verbs of saying and stating (kizashi.nlp.repair hangs a sentence's opening
    topic on one)."""
    return frozenset(lexicon.speech.verbs) | STATING_VERBS
