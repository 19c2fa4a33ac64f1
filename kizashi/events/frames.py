"""Event frames from the dependency parse: triggers, their arguments and participants.

A trigger is a verb, a sahen noun used as a verb, or an event noun found in the trigger lexicon
(the longest match over the head token and its compound modifiers). Its arguments are the
phrases attached to the predicate (or, for an event noun, to the verb that carries it: 支持を
**表明**, 制裁を**科す**, 攻撃を**受ける**) and to the noun itself (AによるBへのN, AのN, 対露N).
Each argument gets a role from its case marking; the trigger's role template (give, receive,
target, with, mutual, unary) then maps roles to actor and recipient.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kizashi.actors import conflicts
from kizashi.actors.coref import WAR_NAMES
from kizashi.actors.discourse import codes
from kizashi.events.lexicon import NOT_AN_EVENT, Lexicon, Trigger
from kizashi.model import words

# --- case marking -> argument role ---------------------------------------------------------
AGENT, GOAL, SOURCE, COMIT, OBJ, GEN, LOC, COMPOUND, BETWEEN = (
    "agent", "goal", "source", "comit", "obj", "gen", "loc", "compound", "between")
MARKERS = [  # longest first; None: not a participant of the event (によると names a source)
    ("によると", None), ("によれば", None), ("によりますと", None), ("として", None), ("にとって", None), ("について", None),
    ("を通じて", None), ("を通して", None), ("を経由して", None),  # WFPを通じて: the channel, no party
    ("に対して", GOAL), ("に対し", GOAL), ("に対する", GOAL), ("に向けて", GOAL), ("向けの", GOAL),
    ("向け", GOAL), ("によって", AGENT), ("により", AGENT), ("による", AGENT), ("からの", SOURCE),
    ("への", GOAL), ("との", COMIT), ("とも", COMIT), ("では", LOC), ("での", LOC), ("から", SOURCE),
    ("より", SOURCE), ("が", AGENT), ("は", AGENT), ("も", AGENT), ("を", OBJ), ("に", GOAL), ("へ", GOAL),
    ("と", COMIT), ("の", GEN), ("で", LOC),
]
CLAUSAL = {"acl", "advcl", "ccomp", "csubj", "parataxis", "punct", "dep", "dislocated"}
#: nouns naming a relation between parties: 〜との間で, 〜間の
BETWEEN_NOUNS = {"間", "あいだ"}
PASSIVE_AUX = {"れる", "られる"}


def is_passive(tok) -> bool:
    """Does a passive auxiliary (れる, られる) hang on ``tok``?"""
    return any(c.dep_ == "aux" and c.lemma_ in PASSIVE_AUX for c in tok.children)
#: events that are acts of speech or attitude: their subject must be someone, not something
from kizashi.model import SPEECH_TYPES as SPEECH_ACTS  # noqa: E402 - plover.tsv
#: what follows a noun that is only talked about (〜をめぐる, 〜について, 〜に関する)
ABOUT = ("をめぐ", "を巡", "について", "に関す", "に関し", "に関わる", "問題")
#: word classes of data/wordclasses.tsv (each word with a sentence of ours the tests run)
CALL_WORDS = words("call")            # 電話で会談, オンラインで協議: a call
SUMMONS = words("summons")            # 大使を呼び出し、…抗議した: the protest is lodged with the envoy's state
LIGHT_NOUNS = words("light")          # 対露制裁の強化: the phase noun carries the event
HOLDING = words("holding")           # 日朝外相会談始まる: a meeting told as held
CHANGE_VERBS = words("change")        # 軍事協力が拡大している: a relationship that moves
CASUALTY_VERBS = words("casualty")    # 攻撃で…死亡した: the victims were the target
CASUALTY_NOUNS = words("toll")        # 攻撃で…に死傷者が出た: the toll fell on the target
PLEDGE_NOUNS = words("pledge")        # 〜する用意がある: a promise
STATEMENT_DOCUMENTS = words("statement_document")  # 糾弾声明: a statement that makes the act of speech
EXERCISES = words("exercise")         # two states exercising together cooperate
LAUNCHES = words("launch")            # a launch at another state is an attack
HEARSAY_VERBS = {"する", "みる", "見る", "いう", "言う", "伝える", "報じる"}  # 〜とされる, 〜とみられる
CONSCRIPTS = words("conscript")       # another state's people mobilised for one are sent to it
ENTRIES = words("entry")              # 入国: banning it bars the genitive's people
ENTRY_BANS = words("entry_ban")        # 入国禁止: its genitive is the one banned
ARRIVALS = words("arrival")           # troops that arrive somewhere were sent there
DEPLOYMENTS = words("deployment")      # troops placed in another state were sent to it
VEHICLES = words("vehicle")           # 貨物列車がロシア入り: what arrives is no visitor
INVITATIONS = ("招待", "招請")         # 〜への招待を受けた: the inviter is the place's
HOSTING = {"招く", "迎える", "招待", "招請"}  # 〜を招いて会談した: the guest came to the host
RELIANCE = {"頼る", "依存"}          # a receiving whose giver is marked に (北朝鮮に兵器を頼る)
#: what ends a headline's clause after an event noun (中ロ首脳が会談、…; 政府　…)
CLAUSE_ENDS = ("、", ",", "　", " ")
PLACE_GENITIVE = words("place_genitive")  # ウクライナの戦争: a place, not a party
PRAISE_ADVERBS = words("praise")      # 高く評価: praise
DESIGNEES = words("designee")          # 団体, 企業: bodies a relative clause can describe as its doer
VETOES = ("拒否権", "拒否権行使")
DRAFTED = ("の決議案", "作成", "が作成", "が提出", "提出", "主導", "が主導", "などが作成", "などが提出")
#: kinds of mention that can be a side of an event (not a group, a medium or a place named in passing)
PARTY_KINDS = ("state", "capital", "org", "person")
ABOUT_MARKERS = ("について", "をめぐり", "をめぐって", "に関して", "に関し")  # what a statement is about
INCLUDING = ("はじめる", "始める", "はじめ", "始め")  # 〜をはじめとする: those listed head a group
COUNTRY_GROUPS = ("カ国", "か国", "ヵ国", "ケ国", "国々", "諸国", "各国", "加盟国", "同盟国", "友好国")
OFFICE_NOUNS = words("office_noun")     # 次長, 代表: titles the tagger marks as verbal nouns
USE_VERBS = words("use")              # 攻撃で…を使用した: the user of the weapon made the attack
THANKS = words("thanks")              # 北朝鮮が兵士を派遣したことに感謝した: it was done for the one who thanks
#: nouns whose relative clause is their content, not a description of them (〜したこと, 〜する方針,
#: 非難する決議): closed-class formal nouns, and the document and frame nouns of the data
FORMAL_NOUNS = frozenset({"こと", "事", "の", "もの", "ところ", "事実", "点", "ため", "中", "際", "後", "上", "結果", "まま"})
DOCUMENTS = words("document")         # 声明は…約束した: a document that says, for whoever issued it
CONTENT_NOUNS = FORMAL_NOUNS | DOCUMENTS | words("frame")
#: nouns of a claim or proposal whose maker a rejection or denial of it answers (米国の主張を否定)
CLAIM_NOUNS = frozenset({"主張", "発言", "指摘", "見方", "批判", "要求", "要請", "提案", "抗議", "非難", "疑惑", "案"})
#: closed-class nouns of time compounded after an event noun (訪韓中, 会談後, 訪問前)
TIME_SUFFIXES = frozenset({"中", "後", "前", "直後", "直前"})
#: words of analysis and estimate: the content they frame is about others (分析, 見方を示した)
ANALYSIS_WORDS = frozenset({"分析", "見方", "見解", "推定", "推計", "推測", "評価", "判断", "可能性", "観測"})
#: nouns of overseeing: the one a launch is held before or under (立ち会いのもと, 指導の下)
OVERSEEING = frozenset({"立ち会い", "立会い", "指導", "参観", "監督"})
#: nouns of a stance one shows or states (遺憾の意を表明, 反対の立場を示した): an event noun in
#: a phrase beside them (北朝鮮の発射に) is what the stance is about, not carried by the verb
STANCE_NOUNS = frozenset({"意", "考え", "立場", "見解", "認識", "姿勢", "意向", "見方"})
#: nouns whose relative clause tells the circumstance of the main clause (侵攻が続く中、…)
CIRCUMSTANCE_HEADS = frozenset({"中", "なか", "さなか", "最中", "折", "状況"})
#: nouns of time that, with に, say when and never to whom (就任直後に, 会談の際に)
TIME_HEADS = frozenset({"直後", "直前", "際", "最中", "前後", "以降", "以前"})
#: auxiliaries of the causative (撤退させる)
CAUSATIVE_AUX = {"せる", "させる"}
#: markers inside a noun phrase that keep naming the same participant (ロシアの政策, 日本と韓国, 北朝鮮による)
IDENTITY_MARKERS = {"", "の", "と", "や", "など", "による", "及び", "および", "・", "、"}  # など: ロシアの会社など12の団体


@dataclass
class Arg:
    role: str
    token: object
    marker: str
    actors: list = field(default_factory=list)


@dataclass
class Frame:
    trigger: Trigger
    tokens: list                   # trigger tokens (compound included)
    pred: object                   # where factuality is read
    actor: list                    # ActorMention lists
    recipient: list
    objects: list                  # object head tokens
    passive: bool
    source: str                    # "explicit" | "topic" | "context"
    roles: str = ""                # the role template applied (a "with" event between parties becomes "mutual")
    venue: list = field(default_factory=list)   # places named with で (平壌で会談): visit or third-party
    said_passive: bool = False  # a passive told as someone's words or view (…が送られたとの見方を示した),
    #                             or what an analysis says was done (…と分析した): not its speaker's doing
    phone: bool = False            # 電話で, オンラインで: a call rather than a meeting
    nominal: bool = False          # an event noun with no verb of its own (ロシアによるウクライナ侵攻)
    marked: bool = False           # a nominal event whose participants are case-marked (による, への, 対露)
    embedded: bool = False         # a nominal event that is an argument of another event's predicate
    gap: bool = False              # its subject is the head noun its relative clause describes
    progress: bool = False         # a relationship said to grow or deepen (協力が拡大している)
    quoted: bool = False           # told inside a quotation 「…」
    speech: bool = False           # an act read from what a statement says (events/speech.py)
    stray: list = field(default_factory=list)  # goals the parser hung elsewhere, nearest first
    treaty_head: bool = False      # a relative clause of signing on its treaty (締結した条約)
    held: bool = False             # its predicate is a carrier in a relative clause on it (発動した制裁)
    by_document: bool = False      # its subject is a document whose issuer is not named (声明は…約束した)
    denial: bool = False           # a denial (否定した): of a claim, aimed at no one unless named
    denied: bool = False           # what a denial is of (派兵の事実を認めていない): an event told, if denied
    goods: frozenset = frozenset()  # classes of what is given (data/objects.tsv): its objects and compounds
    headline_clause: bool = False  # an event noun that ends a headline's clause (中ロ首脳が会談、…)
    named: bool = False            # a nominal event whose doer is named on the noun (ロシアによるウクライナ
                                   # 侵攻): told as a fact wherever the noun stands (spec section 3)


def marker_of(tok) -> str:
    """Case particles following a nominal, joined: に+対し+て -> に対して."""
    parts = []
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i > tok.i:
            parts.append((c.i, c.text))
            parts.extend((g.i, g.text) for g in c.children if g.dep_ == "fixed")
        elif c.dep_ == "aux" and c.lemma_ == "ます" and c.i > tok.i:
            parts.append((c.i, c.text))  # によりますと: a broadcast's polite によると
    parts.sort()
    m = "".join(p for _, p in parts)
    return m[2:] if m.startswith("など") and len(m) > 2 else m  # 日本などは: the marker is は


def role_of(tok) -> tuple[str | None, str]:
    m = marker_of(tok)
    if tok.dep_ == "compound":
        return COMPOUND, m
    if tok.lemma_ in BETWEEN_NOUNS:
        return BETWEEN, m
    if tok.lemma_ in TIME_HEADS and m.startswith(("に", "へ")):
        return None, m  # トランプ大統領の就任直後に会談: a time, no one met
    for mk, role in MARKERS:
        if m.startswith(mk):
            return role, m
    if m:
        return None, m
    if tok.dep_ in ("nsubj",):
        return AGENT, m
    if tok.dep_ in ("obj",):
        return OBJ, m
    return None, m


#: nouns of a part of something (兵士の一部, 砲弾の大半): what they count is the noun before の
PARTITIVES = {"一部", "多く", "大半", "半数", "大部分", "残り", "一団"}


def thing_noun(tok):
    """The noun that says what ``tok`` is: itself, or for a part (兵士の一部) the whole it is part of."""
    for _ in range(2):
        if tok.lemma_ not in PARTITIVES:
            break
        whole = next((c for c in tok.children if c.dep_ == "nmod" and c.i < tok.i), None)
        if whole is None:
            break
        tok = whole
    return tok


def compound_text(tok) -> str:
    """A noun with its compound parts, in text order (対空 ミサイル -> 対空ミサイル; the parser may
    hang 条約 on 包括的 in 包括的戦略パートナーシップ条約), or the noun before a quoted name
    (地対艦ミサイル「バスチオン」: the name's class is the noun's)."""
    parts = sorted([tok] + [c for c in tok.children if c.dep_ == "compound"], key=lambda t: t.i)
    text = "".join(t.text for t in parts)
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("「", "『"):
        named = [c for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i - 1 and not marker_of(c)]
        if named:
            return compound_text(named[-1])
    return text


QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”"}


def inverted(tok) -> bool:
    """Has the parser made an adjectival noun the head of the event noun right after it
    (技術的 ← 助言: 技術的助言)?"""
    return tok.dep_ == "compound" and tok.head.i == tok.i - 1 and tok.head.text.endswith("的")


def quote_spans(doc) -> dict[int, tuple[int, int]]:
    """Token index -> (open, close) of the innermost quotation 「…」 that holds it."""
    out: dict[int, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    for t in doc:
        if t.text in QUOTE_PAIRS:
            stack.append((QUOTE_PAIRS[t.text], t.i))
        elif stack and t.text == stack[-1][0]:
            _, o = stack.pop()
            for j in range(o + 1, t.i):
                if j not in out or out[j][0] < o:
                    out[j] = (o, t.i)
    return out


CONDITION_MARKS = ("ば", "なら", "たら", "ならば")


def conditional(tok) -> bool:
    """Is the clause of ``tok`` a condition (〜すれば, 〜するなら, 〜したら)?"""
    return any(c.dep_ in ("mark", "aux") and c.lemma_ in CONDITION_MARKS for c in tok.children)


def supposed(tok) -> bool:
    """Is the clause of ``tok`` a case supposed (〜すれば, 〜した場合), not one told?"""
    steps = 0
    while tok.dep_ in ("advcl", "conj", "obj", "compound") and not conditional(tok) and steps < 4:
        tok, steps = tok.head, steps + 1  # 侵攻を受け戦争状態になった場合: the chain ends in the case
    return conditional(tok) or (tok.dep_ == "acl" and tok.head.lemma_ == "場合")


def hosting(tok) -> bool:
    """Is ``tok`` a clause of inviting someone in, told in sequence with what follows (〜を招いて)?"""
    return tok.lemma_ in HOSTING and tok.dep_ == "advcl" and any(g.lemma_ == "て" for g in tok.children)


def praised(tok) -> bool:
    """Is the predicate ``tok`` modified by an adverb of praise (高く評価)?"""
    return any(c.lemma_ in PRAISE_ADVERBS or c.text.rstrip("にく") in PRAISE_ADVERBS for c in tok.children
               if c.i < tok.i and c.dep_ in ("advmod", "advcl", "amod", "obl", "nmod"))


def _quotative_child(tok) -> bool:
    return any(c.dep_ in ("case", "mark") and c.lemma_ in ("と", "って") for c in tok.children)


#: requirements checked on the predicate itself when its frame is found, not on its object's class
PREDICATE_REQUIREMENTS = ("praise", "party", "demand", "thing")


def requirement_met(requires: str, classes: set[str]) -> bool:
    if requires in PREDICATE_REQUIREMENTS:
        return True  # checked on the predicate itself when the frame is found
    if requires == "materiel":
        return bool(classes & {"materiel", "troops", "technology", "economic"})
    return requires in classes


class SentenceFrames:
    """Finds frames in one parsed sentence whose actor mentions are known."""

    def __init__(self, doc, mentions, lexicon: Lexicon, offset: int, story_date: str | None = None):
        self.doc = doc
        self.lex = lexicon
        self.offset = offset
        self.story_date = story_date  # for the wars under way (data/conflicts.tsv)
        self.mentions = mentions
        self.tok_mentions: dict[int, list] = {}
        for m in mentions:
            for t in doc:
                ts, te = offset + t.idx, offset + t.idx + len(t.text)
                if ts < m.end and m.start < te:
                    self.tok_mentions.setdefault(t.i, []).append(m)
        self._trigger_cache: dict[int, tuple[Trigger, list] | None] = {}
        self.quote_of = quote_spans(doc)
        self.asked: set[int] = set()  # subjects of a clause asked for (AがBすることを求める)

    # --- triggers -------------------------------------------------------------------------
    def trigger_at(self, tok):
        if tok.i in self._trigger_cache:
            return self._trigger_cache[tok.i]
        hit = None
        if tok.pos_ in ("VERB", "NOUN", "PROPN", "ADJ"):
            # compound modifiers directly before the token, nearest first
            prev = []
            j = tok.i - 1
            while j >= 0 and len(prev) < 3 and self.doc[j].head.i in (tok.i, *(p.i for p in prev)) \
                    and self.doc[j].dep_ == "compound":
                prev.insert(0, self.doc[j])
                j -= 1
            for k in range(len(prev) + 1):
                toks = prev[k:] + [tok]
                surface = "".join(t.text for t in toks[:-1])
                for last in (tok.lemma_, tok.text):
                    term = surface + last
                    if term in self.lex.triggers:
                        hit = (self.lex.triggers[term], toks)
                        break
                if hit:
                    break
        self._trigger_cache[tok.i] = hit
        return hit

    def text_after(self, m) -> str:
        """The sentence's text after the actor mention ``m`` (北朝鮮|製の, ウクライナ|戦争支援)."""
        return self.doc.text[m.end - self.offset:]

    def sends_event(self, verb, noun) -> bool:
        """Is ``verb``, a giving trigger in a relative clause on the event noun ``noun``, only its
        carrier (プーチン大統領が金総書記に送った祝電: the telegram is sent, nothing is given)?"""
        hit = self.trigger_at(verb)
        return hit is not None and hit[0].roles == "give" and bool(hit[0].requires) and \
            hit[0].requires not in PREDICATE_REQUIREMENTS and \
            not requirement_met(hit[0].requires, {c for c in [self.class_of(noun)] if c})

    def unmet_requirement(self, tok) -> bool:
        """Is ``tok`` a trigger whose object is of the wrong kind (書簡を送る is no AID)?"""
        hit = self.trigger_at(tok)
        if hit is None or not hit[0].requires:
            return False
        roles = (OBJ, GOAL) if hit[0].requires == "meeting" else (OBJ,)
        if hit[0].requires == "thing":
            # 祝電を受け取った: what is received is an event noun of its own, which the verb carries
            return any(a.role == OBJ and self.trigger_at(a.token) is not None for a in self.args_of(tok, set()))
        classes = {c for a in self.args_of(tok, set()) if a.role in roles for c in [self.class_of(a.token)] if c}
        return not requirement_met(hit[0].requires, classes)

    def visiting(self, tok, mentions=()) -> bool:
        """Does the phrase of ``tok`` describe a visitor (訪朝したロシアの議長, 訪朝中の国防相)? The
        parser may leave the clause out of the phrase: then the words just before the phrase's
        names (``mentions``) are read."""
        if any(t.i < tok.i and self.visit_mention(t) is not None for t in tok.subtree):
            return True
        if any(t.i < tok.i and t.lemma_ in ("訪問", "来日", "滞在") and t.i + 1 < len(self.doc) and
               self.doc[t.i + 1].text == "中" for t in tok.subtree):
            return True  # ニューデリーを訪問中のフランスの大統領, 来日中の首相
        first = min((m.start - self.offset for m in mentions), default=None)
        j = next((t.i - 1 for t in self.doc if t.idx == first), -1)
        while j >= 0 and (self.doc[j].pos_ == "AUX" or self.doc[j].text in ("中", "の") or any(
                m.kind == "state" for m in self.tok_mentions.get(j, []))):  # 訪朝した[ロシアの]議長
            j -= 1
        return j >= 0 and self.visit_mention(self.doc[j]) is not None

    def visit_mention(self, tok):
        for m in self.tok_mentions.get(tok.i, []):
            if m.kind == "visit":
                return m
        return None

    # --- phrases --------------------------------------------------------------------------
    def phrase_mentions(self, tok, event_noun: bool = False) -> list:
        """Actor mentions naming the phrase headed by ``tok`` (not its relative clauses)."""
        out: list = []
        seen: set[int] = set()

        def add(ms, modifier: bool = False):
            for m in ms:
                if m.kind == "visit" and modifier:
                    continue  # 訪朝中のロシアの国防相: a visit that describes someone is no party
                if id(m) not in seen:
                    seen.add(id(m))
                    out.append(m)

        def walk(t, top: bool):
            add(self.tok_mentions.get(t.i, []), modifier=not top)
            for c in t.children:
                if c.dep_ == "acl" and (c.lemma_ in INCLUDING or c.lemma_ == "する" and any(
                        g.lemma_ in INCLUDING for g in c.children if g.dep_ in ("obl", "advcl")) or (
                        c.lemma_ == "含む" and t.text.endswith(COUNTRY_GROUPS))):
                    # (イタリアとカナダを含む9カ国: of a group of states, those it includes)
                    # 英国や豪州をはじめとする友好国: the ones listed are among those the phrase names
                    for g in c.children:
                        if marker_of(g) == "を":
                            walk(g, False)
                    continue
                if c.dep_ in CLAUSAL or c.dep_ in ("case", "mark", "aux", "cop"):
                    continue
                if self.said_words(c, t):
                    continue  # 「北朝鮮はロシアの共犯」発言: the parties of what is said
                role, mk = role_of(c)
                if mk not in IDENTITY_MARKERS:
                    if role == LOC:
                        # ロシアのウクライナでの作戦: the possessor hung on the place names the phrase
                        for g in c.children:
                            if marker_of(g) == "の":
                                walk(g, False)
                    continue  # への, での, との...: relational modifiers name someone else
                if top and event_noun and c.dep_ == "compound":
                    hit = self.trigger_at(t)
                    if hit is None or hit[0].roles in ("target", "give", "receive"):
                        continue  # ウクライナ侵攻: the compound names the patient (米韓合同演習: the parties)
                walk(c, False)

        walk(tok, True)
        return out

    # --- arguments ------------------------------------------------------------------------
    def credit_line(self, tok) -> bool:
        """Is ``tok`` the last word of a photo credit: a headless noun phrase of compounds ending the
        line or followed by a parenthesis (朝鮮中央通信提供(共同), ロ大統領府提供)?"""
        if tok.dep_ != "ROOT" or tok.pos_ != "NOUN" or any(marker_of(c) for c in tok.children):
            return False
        if tok.lemma_ not in ("提供", "撮影"):
            return False  # 日韓首脳会談: a headline of compounds is an event noun with its parties
        before = [t for t in self.doc[:tok.i] if not t.is_punct]
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return all(t.dep_ == "compound" and t.head.i == tok.i for t in before) and (
            nxt is None or nxt.text in ("(", "（", "=", "＝"))

    def said_words(self, c, head) -> bool:
        """Is ``c`` inside a quoted phrase (not a bare name: it holds a particle) that ``head`` is
        outside of?"""
        q = self.quote_of.get(c.i)
        if q is None or self.quote_of.get(head.i) == q:
            return False
        return any(t.pos_ == "ADP" for t in self.doc[q[0] + 1:q[1]])

    def said_subject(self, c, head) -> bool:
        """Is ``c`` a subject inside a quotation that ``head`` is outside of (「北朝鮮はロシアの共犯」
        発言に反発: what is said, not who reacts)? A quoted name with no particle stays an argument
        (「包括的戦略パートナーシップ条約」に署名)."""
        return c.i in self.quote_of and self.quote_of.get(head.i) != self.quote_of[c.i] and \
            marker_of(c) in ("は", "が", "も")

    def args_of(self, head, skip: set[int]) -> list[Arg]:
        args = []
        for c in head.children:
            if c.i in skip or c.dep_ in ("aux", "cop", "punct", "mark", "case", "fixed"):
                continue
            if self.said_subject(c, head):
                continue
            if c.dep_ == "dislocated" and marker_of(c) == "は" and _quotative_child(head) and any(
                    marker_of(x) == "が" for x in head.children if x.i > c.i):
                continue  # Xは、Yが…したと指摘した: the parser may hang the speaker on what is said
            if c.dep_ == "advcl" and c.pos_ in ("NOUN", "PROPN") and any(
                    g.dep_ == "cop" for g in c.children):
                # AをBだと非難した: the parser may hang Aを on the nominal predicate Bだ
                args.extend(a for a in self.args_of(c, skip) if a.role == OBJ)
                continue
            if marker_of(c) == "と" and c.pos_ in ("NOUN", "PROPN") and c.dep_ == "obl":
                # …したことを「挑発」と批判した: the parser may hang the object on the quoted word
                args.extend(a for a in self.args_of(c, skip) if a.role == OBJ)
            if marker_of(c) == "で":
                # 習主席はプーチン大統領と北京で会談した: the parser may hang the partner on the place
                # or the means (…と電話で, …とオンラインで)
                for x in c.children:
                    if x.i < c.i and x.i not in skip and marker_of(x) == "と" and x.dep_ == "nmod":
                        args.append(Arg(COMIT, x, "と", self.phrase_mentions(x)))
            if c.dep_ in ("acl", "ccomp", "csubj", "advcl") and c.pos_ == "VERB":
                continue
            role, mk = role_of(c)
            if role is None:
                continue
            event_noun = self.trigger_at(c) is not None
            args.append(Arg(role, c, mk, self.phrase_mentions(c, event_noun)))
        return args

    def same_clause(self, tok, pred) -> bool:
        """Is ``tok`` an argument inside ``pred``'s own clause (not in a clause embedded in it)?"""
        t = tok.head
        while t.i != pred.i and t.head.i != t.i:
            if t.dep_ in ("acl", "advcl", "ccomp", "csubj") and t.pos_ == "VERB":
                return False
            t = t.head
        return t.i == pred.i

    def complement_agent(self, pred) -> list:
        """Who a quoted or reported clause is about: 北朝鮮が…していると非難した -> 北朝鮮. Its が-subject
        comes before a は-topic: the parser may hang the speaker's topic on the quoted verb (崔氏は米国が
        …を企てていると非難した)."""
        for marks in (("が",), ("は",)):
            for c in pred.children:
                if c.dep_ in ("ccomp", "advcl", "csubj", "dep", "acl") and c.i < pred.i and \
                        c.pos_ in ("VERB", "ADJ", "NOUN") and not (c.lemma_ == "受ける" and marks == ("が",)):
                    for t in c.subtree:
                        role, mk = role_of(t)
                        if role == AGENT and mk in marks and t.head.i != pred.i:
                            ms = self.phrase_mentions(t)
                            if ms:
                                return ms
        return []

    def condition_subject(self, pred) -> list:
        """The subject of a condition clause on ``pred`` (北朝鮮が支援を進めれば…と警告)."""
        for c in pred.children:
            if c.dep_ == "advcl" and c.i < pred.i and conditional(c):
                for a in self.args_of(c, set()):
                    if a.role == AGENT and a.marker in ("が", "は") and a.actors:
                        return a.actors
        return []

    def fact_doers(self, objs: list) -> list:
        """Who did what an object clause of こと or の tells: 北朝鮮の砲弾がロシアに渡されたことを非難
        -> 北朝鮮 (the clause's subject, or the nationality of what it says was sent)."""
        for a in objs:
            if a.token.lemma_ not in ("こと", "の"):
                continue
            for c in a.token.children:
                if c.dep_ != "acl":
                    continue
                # the clause's own subject first: ロシアが侵攻を続けるウクライナに米国が兵器を送って
                # いること -> 米国, not the subject of a relative clause inside it
                for t in [*(x for x in c.children if marker_of(x) in ("が", "による", "によって")), *c.subtree]:
                    if marker_of(t) in ("が", "による", "によって") and t.head.pos_ == "VERB":
                        ms = self.phrase_mentions(t)
                        if ms:
                            return ms
        return []

    def unnamed_doer(self, pred, by: dict) -> bool:
        """Is ``pred`` a relative clause with no subject of its own on a noun of bodies or people
        that names no one (北朝鮮に軍事支援をした5団体): the doer is that noun, not the sentence's
        subject (the Treasury that designated them)."""
        if pred.dep_ != "acl" or by.get(AGENT):
            return False
        head = pred.head
        return compound_text(head).rstrip("0123456789数十百千万") in DESIGNEES or head.lemma_ in DESIGNEES or any(
            head.text.endswith(w) for w in DESIGNEES)

    def sibling_source(self, tok) -> list:
        """A から-phrase the parser hung beside an event noun, on the noun's own head, before it
        (北朝鮮からロシアへの兵器の供与が完了した: 北朝鮮から on 完了): the giver."""
        if tok.dep_ not in ("nsubj", "obj") or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        return [m for c in tok.head.children if c.i < tok.i and marker_of(c) == "から"
                for m in self.phrase_mentions(c) if m.kind in PARTY_KINDS]

    def criticised(self, pred) -> list:
        """Who a statement is about, named in its について or をめぐり phrase: 金与正氏の談話について
        批判した -> 金与正, 国防相が言及したことについて非難した -> the one who spoke."""
        for c in pred.children:
            if c.i < pred.i and marker_of(c) in ABOUT_MARKERS:
                ms = [m for m in self.phrase_mentions(c) if m.kind in PARTY_KINDS]
                return ms or self.fact_doers([Arg(OBJ, c, "", [])])
        return []

    def nested_goal(self, objs: list) -> list:
        """The goal inside an object phrase: 北朝鮮への支援継続を約束 -> 北朝鮮; 日本との会談を拒む -> 日本."""
        for a in objs:
            for t in a.token.subtree:
                if t.i != a.token.i and marker_of(t).startswith(("への", "に対する", "との", "向け")):
                    ms = self.phrase_mentions(t)
                    if ms:
                        return ms
            for t in a.token.subtree:
                # ロシアに戦勝記念日の祝意を伝えた: a に-goal the parser hung inside the object
                if t.i != a.token.i and marker_of(t) == "に" and self.within_phrase(t, a.token):
                    ms = [m for m in self.phrase_mentions(t) if m.kind != "capital"]
                    if ms:
                        return ms
        return []

    def sentence_venue(self, pred) -> list:
        """A place named with で before a meeting, wherever the parser hung it, with the clause that
        places it (ロシア極東にある宇宙基地で会談: in Russia)."""
        for t in reversed(self.doc[:pred.i]):
            if marker_of(t) in ("で", "での", "において") and self.quote_of.get(t.i) == self.quote_of.get(pred.i):
                ms = [m for x in t.subtree for m in self.tok_mentions.get(x.i, [])
                      if m.kind in ("capital", "state")]
                if ms:
                    return ms[-1:]
        return []

    def nested_venue(self, goals: list) -> list:
        """A place named inside the goal phrase's own clause: モスクワで開かれた式典に -> モスクワ."""
        out = []
        for a in goals:
            for t in a.token.subtree:
                if t.i != a.token.i and marker_of(t) in ("で", "での") and t.head.dep_ == "acl":
                    out.extend(self.phrase_mentions(t))
        return out

    def within_phrase(self, tok, head) -> bool:
        """Is ``tok`` part of the noun phrase of ``head`` itself, not of a clause inside it?"""
        t = tok.head
        while t.i != head.i and t.head.i != t.i:
            if t.pos_ in ("VERB", "ADJ") or t.dep_ in ("acl", "advcl", "ccomp"):
                return False
            t = t.head
        return t.i == head.i

    def loose_object(self, pred) -> list:
        """A を-object the parser hung on an adverbial noun (派兵を公に批判) or inside a subjectless quote
        (発射を「容認できない」と批判): it is still what the predicate is about."""
        return self.loose_arg(pred, ("を",))

    def loose_goal(self, pred) -> list:
        """A に-goal hung on an adverb before the predicate (ロシアに少なくとも1万人を派遣)."""
        return self.loose_arg(pred, ("に", "に対し", "に対して", "へ"))

    def stray_goals(self, pred) -> list:
        """States named with に or へ before a giving predicate, nearest first, wherever the parser
        hung them (北朝鮮がロシアに武器を積んだコンテナを送る: ロシアに on 積んだ), or as the one
        helped (ロシア軍の援軍として): inside the predicate's own quotation when it is in one, and
        not before an earlier clause of content."""
        quote = self.quote_of.get(pred.i)
        out = []
        for t in reversed(self.doc[:pred.i]):
            if self.quote_of.get(t.i) != quote:
                continue
            if t.pos_ == "VERB" and _quotative_child(t) and \
                    not "".join(x.text for x in self.doc[t.i + 1:t.i + 4]).startswith("として"):
                break  # an earlier clause of content: not this one's (対価として is none)
            mk = marker_of(t)
            if mk in ("に", "へ", "として") or (mk == "の" and t.head.lemma_ in ("援軍", "支援")):
                ms = [m for m in self.tok_mentions.get(t.i, []) if m.kind in PARTY_KINDS
                      and any(m.codes)]
                if ms:
                    out.append(ms)
        return out

    def loose_tokens(self, pred, markers: tuple[str, ...]):
        """Nouns marked with one of ``markers`` that the parser hung below the predicate on
        something else (an adverbial noun, a subjectless quote), nearest first."""
        for t in reversed(self.doc[:pred.i]):
            if marker_of(t) not in markers or t.head.i == pred.i:
                continue
            h, ok = t.head, True
            while h.i != pred.i and h.head.i != h.i:
                quoted = any(g.lemma_ in ("と", "って") for g in h.children if g.dep_ in ("case", "mark"))
                if h.pos_ == "VERB" and h.dep_ in ("acl", "advcl", "ccomp") and not quoted:
                    ok = False
                    break
                if any(role_of(g)[0] == AGENT for g in h.children):
                    ok = False  # a clause with a subject of its own
                    break
                h = h.head
            if ok and h.i == pred.i:
                yield t

    def loose_arg(self, pred, markers: tuple[str, ...]) -> list:
        for t in self.loose_tokens(pred, markers):
            ms = self.phrase_mentions(t, self.trigger_at(t) is not None)
            if ms:
                return ms
        return []

    def class_of(self, tok) -> str | None:
        """The class of what the noun ``tok`` names, with its compound parts (data/objects.tsv)."""
        c = self.lex.object_class(compound_text(thing_noun(tok)))
        return c.cls if c else None

    def banned(self, trig, tok, by: dict) -> list:
        """Those barred from entering, for a ban of entry: the genitive of an entry ban (日本の記者の
        入国禁止, 63人に対する入国禁止措置) or of the entry a ban has as object (日本の研究者ら30人の
        ロシア入国を禁止する). The place compounded with the entry (ロシア入国) is the banner's own."""
        if trig.event_type != "SANCTION":
            return []
        if trig.term in ENTRY_BANS:
            return [m for a in by.get(GEN, []) + by.get(GOAL, []) for m in a.actors if m.kind != "capital"]
        for a in by.get(OBJ, []):
            if a.token.lemma_ in ENTRIES:
                return [m for g in a.token.children if marker_of(g) == "の" for x in g.subtree
                        for m in self.tok_mentions.get(x.i, []) if m.kind != "capital"]
        return []

    def said_cooperation(self, trig, pred) -> bool:
        """Is ``pred`` cooperation said to come, as a plain non-past clause of content of a verb of
        saying (「安全保障協力を一層強化する」と表明した, 関係を発展させるとして)? That is a promise (spec:
        表明 of future help); 協力していると述べた, 強化したと述べた are told as done."""
        if trig.event_type != "COOPERATE" or pred.dep_ not in ("advcl", "ccomp") or not _quotative_child(pred):
            return False
        if pred.head.lemma_ not in self.lex.speech.verbs and pred.head.lemma_ != "する":
            return False
        return all(c.lemma_ in ("する", "させる") for c in pred.children if c.dep_ == "aux") and \
            not any(c.lemma_ == "て" and not any(g.lemma_ in ("いく", "行く") for g in c.children)
                    for c in pred.children if c.dep_ == "mark")  # 協力している (連携していく is to come)

    def complement_goal(self, pred) -> list:
        """A goal named inside the quoted clause: 韓国に対抗措置を取ると警告 -> 韓国; or with に対し
        inside the clause of a demand (北朝鮮軍に対し撤退するよう求めた: the one asked)."""
        for c in pred.children:
            if c.dep_ not in ("ccomp", "advcl") or c.i >= pred.i:
                continue
            quoted = any(g.lemma_ in ("と", "って") for g in c.children if g.dep_ in ("case", "mark"))
            demand = any(g.lemma_ == "よう" for g in c.children if g.dep_ == "aux")
            if quoted or demand:
                for a in self.args_of(c, set()):
                    if a.role == GOAL and a.actors and a.marker in (
                            ("に", "に対し", "に対して", "へ") if quoted else ("に対し", "に対して")):
                        return a.actors
        return []

    def hoisted_goal(self, pred) -> list:
        """A に-goal the parser hung on the verb a content clause depends on (ロシアの企業などに制裁を
        科すと発表した: the goal is 科す's), or on the verb of a こと-clause (…団体に制裁を科すことを
        決めた)."""
        h = pred.head
        if h.i == pred.i:
            return []
        if not _quotative_child(pred):
            if not (h.lemma_ in ("こと", "の") and h.head.i != h.i and marker_of(h) == "を"):
                return []
            h = h.head
        for a in self.args_of(h, set()):
            if a.role == GOAL and a.marker in ("に", "に対し", "に対して") and a.token.i < pred.i and a.actors:
                return a.actors
        return []

    def clause_goal(self, pred) -> list:
        """A に-goal the parser hung on a plain verb just before the predicate (北朝鮮に拉致問題の解決を求めた),
        or on the noun of a として phrase it made a verb (北朝鮮に見返りとして技術を供与)."""
        kids = list(pred.children)
        kids += [g for c in pred.children if c.dep_ == "advcl" and c.lemma_ == "する" and c.i < pred.i
                 for g in c.children if g.dep_ == "advcl" and g.i < c.i and marker_of(g) == "と"]
        for c in kids:
            after = "".join(t.text for t in c.doc[c.i + 1:c.i + 4])
            if c.dep_ == "advcl" and c.i < pred.i and self.trigger_at(c) is None and (
                    after.startswith("として") or not any(  # 見返りとして is no clause of its own
                    g.dep_ in ("mark", "case") and g.lemma_ in ("と", "ば", "て", "が") for g in c.children)):
                for a in self.args_of(c, set()):
                    if a.role == GOAL and a.actors and a.marker in ("に", "に対し", "に対して"):
                        return a.actors
        return []

    def shared_goal(self, pred) -> list:
        """A goal named on a verb this clause is coordinated under (AがBに、…を贈って接近を図る)."""
        t, steps = pred, 0
        while t.dep_ == "advcl" and steps < 3:
            t = t.head
            steps += 1
            for a in self.args_of(t, set()):
                if a.role == GOAL and a.actors and a.token.i < pred.i:
                    return a.actors
        return []

    def is_treaty(self, tok) -> bool:
        return self.class_of(tok) == "treaty"

    def is_someone(self, tok) -> bool:
        """Can this subject speak? Not an event or process noun (関係深化, 協力, 接近)."""
        if tok.i in self.tok_mentions:
            return True
        hit = self.trigger_at(tok)
        if hit is not None and hit[0].event_type == "CONSULT" and any(
                c.dep_ == "compound" and any(m.codes for m in self.phrase_mentions(c)) for c in tok.children):
            return True  # G7外相会合が非難した: a meeting of named parties speaks for them
        if tok.lemma_ in OFFICE_NOUNS:
            return True  # 金泰孝第1次長は: a title the tagger takes for a verbal noun
        return "サ変" not in tok.tag_ and hit is None and tok.lemma_ not in LIGHT_NOUNS

    def quotes_speech(self, tok) -> bool:
        """Is ``tok`` inside a quotation of someone's words: 「…」 followed by と/との/って and longer
        than a name (「フリーダム・シールド」 is a name)?"""
        q = self.quote_of.get(tok.i)
        if q is None or q[1] - q[0] < 6 or q[1] + 1 >= len(self.doc):
            return False
        return self.doc[q[1] + 1].lemma_ in ("と", "って", "という", "との")

    def quotative_between(self, tok, pred) -> bool:
        """Is there a quotative と (〜と非難した) after ``tok`` and before ``pred``, ending a clause?"""
        for t in self.doc[tok.i + 1:pred.i]:
            if t.lemma_ in ("と", "って") and t.dep_ in ("case", "mark") and t.head.pos_ in ("VERB", "ADJ", "AUX", "NOUN") \
                    and t.head.i > tok.i:
                return True
        return False

    def said_apart(self, tok, pred) -> bool:
        """Is ``tok`` inside a clause of content closed by a quotative と before ``pred`` that
        ``pred`` is no part of (北朝鮮が送ったと非難し、…支援を続ける: 支援 is outside what was said)?"""
        for t in self.doc[tok.i + 1:pred.i]:
            if t.lemma_ in ("と", "って") and t.dep_ in ("case", "mark") and t.head.pos_ in ("VERB", "ADJ", "AUX") \
                    and tok.i < t.head.i < t.i:
                clause = {x.i for x in t.head.subtree}
                if tok.i in clause and pred.i not in clause:
                    return True
        return False

    def voiced_by(self, tok) -> list:
        """Those a voice of an act of speech comes from (各国から非難の声が上がった, 国内外から
        批判の声が相次いだ): the から-phrase of the verb the voice is subject of."""
        voice = tok.head if tok.dep_ == "nmod" and tok.head.lemma_ in ("声", "意見") else None
        if voice is None or voice.head.i == voice.i:
            return []
        return [m for c in voice.head.children if c.i < voice.i and marker_of(c) == "から"
                for m in self.phrase_mentions(c) if m.kind in PARTY_KINDS + ("group",)]

    def analysed(self, pred) -> bool:
        """Is ``pred`` in the content of an analysis or estimate (…を支援している可能性があると分析
        した, …したとの見方を示した)? What an analyst sees is mostly others' doing: its doer left out
        is the story's, not the analyst's."""
        t, steps = pred, 0
        while steps < 4 and t.head.i != t.i:
            if _quotative_child(t):
                after = [x for x in self.doc[t.i + 1:t.i + 6] if x.lemma_ not in ("と", "の", "いう", "ある")]
                head = t.head
                return head.lemma_ in ANALYSIS_WORDS or any(x.lemma_ in ANALYSIS_WORDS for x in after[:2])
            if t.dep_ not in ("advcl", "conj", "acl", "ccomp", "nsubj"):
                return False  # (…している可能性があると: through the noun of likelihood)
            t, steps = t.head, steps + 1
        return False

    def overseer(self, pred) -> list:
        """The one in whose presence or under whose guidance a launch or test was held (金正恩総書記の
        立ち会いのもと…発射実験が行われた): his state held it."""
        for t in self.doc[:pred.i]:
            if t.lemma_ in OVERSEEING:
                ms = [m for c in t.children if marker_of(c) == "の" for m in self.phrase_mentions(c)
                      if m.kind in ("person", "state", "org")]
                if ms:
                    return ms
        return []

    def said_of_others(self, pred, passive: bool | None = None) -> bool:
        """Is ``pred`` what someone says was done by others: a passive told as someone's words or
        view (兵士がロシアに送られたとの見方を示した), or the content of an analysis (…と分析した)?
        Its doer left out is not the one who says it. ``passive``: the frame's own reading (a
        passive carrier counts), else a passive auxiliary on ``pred``."""
        passive = is_passive(pred) if passive is None else passive
        return (passive and self.reported_clause(pred)) or self.analysed(pred)

    def reported_clause(self, pred) -> bool:
        """Is ``pred`` in a clause that is what someone says or reports (…したと述べた, …したとの
        分析を示した), through the clauses chained to it?"""
        t, steps = pred, 0
        while steps < 4:
            if _quotative_child(t):
                return True
            if t.dep_ not in ("advcl", "conj") or t.head.i == t.i:
                return False
            t, steps = t.head, steps + 1
        return False

    def blamed_for(self, pred) -> list:
        """The ones a sanction or condemnation is aimed at, for the act given as its reason with no
        subject of its own (ロシアの軍需産業を支援したとして、中国の企業5社を制裁対象に指定した:
        the firms supported, not the government that designates them)."""
        if not any(c.lemma_ == "と" and c.dep_ in ("case", "mark") for c in pred.children):
            return []
        link = pred.head
        if link.lemma_ != "する" or not any(c.lemma_ == "て" for c in link.children) or link.head.i == link.i:
            return []
        # (the parser may hang the reason on the verb of saying after the sanction: …として、…に制裁を
        # 科したと発表した; the sanction is then the clause right after the reason)
        for main in [link.head] + [c for c in link.head.children if c.dep_ == "advcl" and c.i > link.i][:1]:
            if any((hit := self.trigger_at(t)) and hit[0].event_type in ("SANCTION", "ACCUSE")
                   for t in [main, *main.children]):
                return [m for a in self.args_of(main, {link.i}) if a.role in (OBJ, GOAL) and a.marker in ("を", "に")
                        for m in a.actors if m.kind in PARTY_KINDS]
        return []

    def in_relative_clause(self, tok, pred) -> bool:
        """Is ``tok`` inside a clause that modifies a noun (acl) on its way up to ``pred``?"""
        t, steps = tok.head, 0
        while t.i != pred.i and t.head.i != t.i and steps < 8:
            if t.dep_ == "acl" and t.pos_ in ("VERB", "ADJ", "AUX"):
                return True
            t, steps = t.head, steps + 1
        return False

    def in_said_clause(self, tok, pred) -> bool:
        """Is ``tok`` inside words said by someone else, on a noun in a clause below ``pred``
        (ロシア外相が「非核化は意味を失った」との見解を示したことに…強調した)? A topic phrase the
        parser hangs on a relative clause is often the sentence's; one inside such words never is."""
        t, steps, said = tok.head, 0, False
        while t.i != pred.i and t.head.i != t.i and steps < 10:
            if any(c.lemma_ == "と" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].text in ("の", "いう")
                   for c in t.children if c.dep_ in ("case", "mark")):
                said = True  # 〜との見解, 〜という主張: words on a noun
            elif said and t.dep_ == "acl" and t.pos_ in ("VERB", "ADJ", "AUX"):
                return True
            t, steps = t.head, steps + 1
        return False

    def in_reason_clause(self, tok, pred) -> bool:
        """Is ``tok`` the subject of a clause linked to ``pred`` as its content or reason (〜として,
        〜と, 〜ため, 〜ので), rather than of ``pred`` or of a clause told in sequence with it?"""
        h, steps = tok.head, 0
        # the clause may be a step further down the content (北朝鮮が派遣するなど協力が拡大しているとして)
        while h.i != pred.i and h.head.i != h.i and steps < 4:
            if h.pos_ not in ("VERB", "ADJ", "AUX", "NOUN"):
                return False
            tail = "".join(t.text for t in self.doc[h.i + 1:h.i + 5])
            if any(c.dep_ in ("case", "mark") and c.lemma_ in ("と", "として", "ため", "ので", "から", "って")
                   for c in h.children) or tail.startswith(("として", "とし", "ため", "ので")):
                return True
            if h.dep_ not in ("advcl", "conj") or h.i > pred.i:
                return False
            h, steps = h.head, steps + 1
        return False

    def cleft_focus(self, pred) -> list:
        """The parties named in the focus of a cleft whose clause ``pred`` heads (〜したのは Y だ),
        or nothing."""
        if pred.dep_ != "csubj" or not any(c.lemma_ == "の" and c.dep_ == "mark" for c in pred.children):
            return []
        y = pred.head
        if y.pos_ not in ("NOUN", "PROPN", "NUM") or not any(c.dep_ == "cop" for c in y.children):
            return []
        inside = {t.i for t in pred.subtree}
        out = []
        for t in y.subtree:
            if t.i in inside:
                continue
            for m in self.tok_mentions.get(t.i, []):
                if m.kind in PARTY_KINDS and m not in out and not self.text_after(m).startswith("ではなく"):
                    out.append(m)  # (ロシアではなくイランだ: not the one denied)
        return out

    def summoned(self, pred) -> list:
        """The actors of the envoys summoned in a clause told before ``pred`` and linked to it
        (大使を呼び出し、…抗議した)."""
        out = []
        for t in self.doc[:pred.i]:
            if t.lemma_ not in SUMMONS or t.dep_ not in ("advcl", "conj") or pred not in t.ancestors:
                continue
            out += [m for a in self.args_of(t, set()) if a.role == OBJ for m in a.actors if m.kind in PARTY_KINDS]
        return out

    def gap_filler(self, pred) -> list:
        """The actors a relative clause describes: its head noun (支援を受ける国, 派遣された北朝鮮兵),
        unless the head is a noun of content (〜したこと, 〜する方針, 〜を非難する決議)."""
        head = pred.head
        if pred.dep_ in ("advcl", "ccomp") and _quotative_child(pred) and head.dep_ == "acl" and (
                head.lemma_ in HEARSAY_VERBS and any(c.lemma_ in PASSIVE_AUX for c in head.children)
                or head.lemma_ in ("いう", "言う")):
            # ロシアに砲弾を送っているとされる北朝鮮: the clause describes the noun through とされる
            return self.gap_filler(head)
        if pred.dep_ == "advcl" and head.dep_ == "acl" and is_passive(pred) and not any(
                c.dep_ == "nsubj" and marker_of(c) == "が" for c in pred.children) and any(
                c.lemma_ == "て" or c.text == "、" for c in pred.children):
            # ロシアに派遣されて捕虜となった北朝鮮兵, 派遣され、戦闘に加わった北朝鮮兵: the chained
            # clauses describe one noun
            return self.gap_filler(head)
        if pred.dep_ not in ("acl", "dep") or head.i <= pred.i or head.pos_ not in ("NOUN", "PROPN"):
            return []  # (the parser may label a relative clause dep: 訪朝したロシアの議長)
        if pred.dep_ == "dep" and any(c.dep_ in ("mark", "case") for c in pred.children):
            return []  # a dep with a conjunction or particle of its own is no relative clause
        if head.lemma_ in CONTENT_NOUNS:
            return []
        nxt = next((t for t in self.doc[pred.i + 1:head.i] if t.head.i != pred.i), None)
        if nxt is not None and nxt.head.i == head.i and nxt.dep_ == "nmod" and self.tok_mentions.get(nxt.i) and \
                marker_of(nxt) not in ("と", "や"):  # (北朝鮮とイラン: one phrase, both described)
            # 侵攻を続けるロシアへの制裁: the parser hangs the clause on 制裁; it describes the noun
            # right after it
            return self.phrase_mentions(nxt)
        return self.phrase_mentions(head)

    def under_denial(self, pred) -> bool:
        """Is ``pred`` (an event noun) what a verb of denial or of admitting denies, within two
        steps (派兵を否定した, 派兵の事実を認めていない)?"""
        table = self.lex.speech
        if table is None or pred.pos_ == "VERB":
            return False
        t = pred
        for _ in range(2):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.lemma_ in table.denials or t.lemma_ in table.admits:
                return True
        return False

    def addressee(self, pred, exclude: set) -> list:
        """To whom the words that hold ``pred`` were said: the に-goal of the verb of saying its
        quoted clause depends on (正恩氏らに「心から感謝する」とし)."""
        t = pred
        for _ in range(3):
            if _quotative_child(t) and t.head.i != t.i:
                for a in self.args_of(t.head, set()):
                    if a.role == GOAL and a.marker in ("に", "に対し", "に対して") and a.token.i < t.i:
                        ms = [m for m in a.actors if set(m.codes) - exclude and m.kind != "capital"]
                        if ms:
                            return ms
                return []
            if t.head.i == t.i:
                return []
            t = t.head
        return []

    def claimant(self, tok, exclude: set) -> list:
        """Who made what ``tok`` rejects or denies: the genitive of its object, or the subject of a
        relative clause on it (日本の抗議を退けた, 米国が提案した停戦案を拒否した), when the object is a
        claim or an act of speech (the parties of an act denied, 派兵を否定, are not its makers).
        The object is looked for among the を-phrases before ``tok`` in its clause, or a topic or
        subject (北朝鮮の要求は受け入れられない, 米国の主張が事実無根だと反発) or a goal (発言に反発);
        the parser may hang it on a quoted predicate (米国の主張を「根拠がない」として否定した)."""
        objs = [t for t in tok.subtree if t.i < tok.i and marker_of(t) in ("を", "は", "も", "が", "に")]
        for obj in sorted(objs, key=lambda t: -t.i):
            hit = self.trigger_at(obj)
            if not (obj.lemma_ in CLAIM_NOUNS or compound_text(obj).endswith(tuple(CLAIM_NOUNS)) or (
                    hit is not None and hit[0].event_type in SPEECH_ACTS)):
                continue
            for c in obj.children:
                if self.said_words(c, obj):
                    continue
                groups = [c] if c.dep_ == "nmod" and marker_of(c) in ("の", "による", "からの") else (
                    [g for g in c.children if role_of(g)[0] == AGENT and marker_of(g) in ("が", "の")]
                    if c.dep_ == "acl" else [])
                for g in groups:
                    ms = [m for m in self.phrase_mentions(g) if set(m.codes) - exclude]
                    if ms:
                        return ms
        return []

    def asked_subject(self, tok, args: list) -> list:
        """AがBすることを求める: the parser may hang the subject of the clause asked for on the verb
        of asking; before that clause's verb, it is the one asked (GOAL), not the one asking."""
        clauses = [c for a in args if a.role == OBJ and a.token.lemma_ in ("こと", "よう")
                   for c in a.token.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        if not clauses:
            return args

        def ask(a: Arg) -> Arg:
            self.asked.add(a.token.i)
            return Arg(GOAL, a.token, "に", a.actors)

        def subjects(clause, markers) -> list:
            return [b for b in self.args_of(clause, set()) if b.role == AGENT and b.marker in markers and b.actors]

        out = [ask(a) if a.role == AGENT and a.marker == "が" and any(a.token.i < c.i for c in clauses) else a
               for a in args]
        if not any(a.role == GOAL and a.actors for a in out):
            # 北朝鮮が対話に応じることを求めた: the subject of what is asked for
            out += [ask(b) for c in clauses for b in subjects(c, ("が", ""))]
        first = min(c.i for c in clauses)
        # 北が…に呼応し、ロシアが…役割を担うことを求める: a clause told in sequence with the one asked
        # for is asked for too, and its subject asked
        out += [ask(b) for c in tok.children
                if c.dep_ == "advcl" and c.pos_ == "VERB" and c.i < first and not any(
                    g.dep_ in ("case", "mark") and g.lemma_ in ("と", "ば", "たら", "ので", "から") for g in c.children)
                for b in subjects(c, ("が",))]
        return out

    def speaker_of(self, content) -> list:
        """Who says the quotative clause ``content`` (〜と述べた, 〜との声明を発表した): the subject
        of the verb it depends on, through a statement noun."""
        h = content.head
        if h.pos_ in ("NOUN", "PROPN") and h.lemma_ in self.lex.speech.statements | CONTENT_NOUNS:
            h = h.head
        for a in self.args_of(h, set()):
            if a.role == AGENT and a.actors and a.marker in ("は", "が", "も", "") and self.is_someone(a.token):
                return a.actors
        return []

    def topic_agent(self, pred, someone: bool = False) -> list:
        """Subject shared from a governing or coordinated clause (〜し、〜した), then the sentence topic."""
        t, steps = pred, 0
        # 平壌付近から発射され、韓国軍が…と推定した: a passive clause does not share the next one's subject
        passive = is_passive(pred)
        while not passive and t.head.i != t.i and steps < 4 and t.dep_ in ("advcl", "conj", "acl", "ccomp", "xcomp", "dep", "nmod"):
            if any(c.dep_ in ("case", "mark") and c.lemma_ in ("と", "って") for c in t.children):
                speaker = self.speaker_of(t) if someone else []
                if speaker:  # 「強く非難する」との声明を発表した: an act said is the speaker's
                    return speaker
                break  # a quoted or reported clause: the speaker is not its subject
            if t.dep_ == "nmod":
                break
            t = t.head
            steps += 1
            for a in self.args_of(t, set()):
                if a.role == AGENT and a.actors and a.marker in ("は", "が", "も", "") and (
                        not someone or self.is_someone(a.token)):
                    return a.actors
        # a coordinated clause under this predicate that names the subject (が on the first verb)
        for c in pred.children:
            if c.dep_ in ("advcl", "conj") and c.pos_ == "VERB" and not (someone and _quotative_child(c)) \
                    and not conditional(c):  # 日本が制裁を続ければ…と警告した: the condition's subject is not the speaker
                # (not a quoted clause: 中ロが阻止していると批判した, 中ロ is what is criticised)
                for a in self.args_of(c, set()):
                    if a.role == AGENT and a.actors and a.marker in ("は", "が") and a.token.i not in self.asked and (
                            not someone or self.is_someone(a.token)):
                        return a.actors
        # inside a quotation, an act that is no speech act has its subject in the quotation: the
        # speaker outside it (ゼレンスキー氏は「人が派遣されている」と述べた) did not do it
        quote = self.quote_of.get(pred.i) if not someone else None

        def outside(t) -> bool:
            return quote is not None and not quote[0] < t.i < quote[1]

        # a headline's leading phrase: 「プーチン大統領、訪朝へ」, 「ロ朝外相、元山で会談」
        first = next((t for t in self.doc if not t.is_punct), None)
        if first is not None and not outside(first):
            lead = [m for m in self.mentions if m.start == self.offset + first.idx]
            end = lead[0].end - self.offset if lead else -1
            nxt = [t for t in self.doc if t.idx >= end]
            for _ in range(2):  # ロ朝外相、, 日韓首脳、: a plain noun after the states is still the phrase
                if len(nxt) > 1 and nxt[0].pos_ == "NOUN" and not marker_of(nxt[0]) and nxt[1].text in ("、", ","):
                    nxt = nxt[1:]
            headline = not any(t.text in ("。", "．") for t in self.doc)
            if lead and nxt and nxt[0].i <= pred.i and (
                    nxt[0].text in ("、", ",") or (headline and nxt[0].text in ("が", "は")) or (
                        headline and someone and nxt[0].text in ("“", "「"))):  # 外務省“…”要求: who says it
                return lead
        blamed = self.blamed_for(pred)
        if blamed:
            return blamed
        said_passive = self.said_of_others(pred)
        # the nearest subject or topic phrase before the predicate (the parser may hang it elsewhere)
        for t in reversed(self.doc[:pred.i]):
            role, mk = role_of(t)
            if role == AGENT and mk in ("は", "が", "も", "では") and t.dep_ not in ("compound",) and \
                    t.i not in self.asked:
                if said_passive and t.i not in {x.i for x in pred.subtree}:
                    break
                if someone and not self.is_someone(t):
                    continue  # 関係深化は…を促し: a speech act needs a speaker
                if outside(t):
                    break
                if someone and mk == "が" and (self.in_reason_clause(t, pred) or self.quotative_between(t, pred)):
                    continue  # 北朝鮮が派兵したとして非難した, 中ロが阻止していると批判した: of what is condemned
                if mk == "が" and self.said_apart(t, pred):
                    continue  # 米国は、北朝鮮が…送ったと非難し、支援を続けると表明: the subject of what was said
                if mk == "が" and t.head.dep_ == "acl" and t.head.head.lemma_ in CIRCUMSTANCE_HEADS:
                    continue  # 侵攻が続く中、…協議している: the circumstance's subject is not the doer
                if someone and t.i in self.quote_of and pred.i not in self.quote_of:
                    continue  # 「ロシアが…」と指摘し: a subject inside the quotation is not the speaker
                if someone and (mk == "が" and self.in_relative_clause(t, pred) or self.in_said_clause(t, pred)):
                    continue  # 米国が決定したことを…こき下ろした: the subject of a clause inside
                ms = self.phrase_mentions(t)
                if ms:
                    return ms
        return []

    def frames(self) -> list[Frame]:
        out = []
        inside = set()  # tokens that are modifiers inside a longer trigger (制裁 in 制裁対象)
        for tok in self.doc:
            hit = self.trigger_at(tok)
            if hit:
                inside.update(t.i for t in hit[1][:-1])
                act = self.letter_act(tok, hit[0])
                if act is not None:
                    inside.add(act.i)  # 抗議の書簡: the act is told by the letter (below), not twice
        for tok in self.doc:
            if tok.i in inside:
                continue
            hit = self.trigger_at(tok)
            visit = self.visit_mention(tok)
            if hit is None and visit is None:
                continue
            if hit is None:
                trig = self.lex.triggers["訪問"]
                toks = [tok]
            else:
                trig, toks = hit
            if trig.event_type == NOT_AN_EVENT:
                continue  # 記者会見: a word that contains a trigger and is no event
            if self.credit_line(tok):
                continue  # ロ大統領府提供(ロイター): a picture's credit, not an act of giving
            act = self.letter_act(tok, trig) if hit is not None else None
            if act is not None:
                # 抗議の書簡をロシア大使館に手渡した: a letter of protest is the protest, to its addressee
                trig = self.trigger_at(act)[0]
            meeting = self.trigger_at(tok.head)
            if hit is not None and hosting(tok) and meeting is not None and meeting[0].event_type == "CONSULT":
                continue  # ショイグ氏を招いて意見を交わした: hosting the meeting told next, no invitation
            if trig.requires == "praise" and not praised(tok):
                continue  # 評価 is an assessment unless it is praise (高く評価)
            if trig.requires == "party" and not any(self.phrase_mentions(c) or c.lemma_ in ("自身", "自ら", "自分")
                                                    for c in tok.children if marker_of(c) == "を"):
                continue  # 招く with no one invited: 悪化を招く brings something about
            if trig.requires == "demand" and not any(marker_of(c) == "を" for c in tok.children):
                continue  # 迫る with nothing demanded: ロシア領に迫る approaches
            if trig.requires == "thing" and self.unmet_requirement(tok):
                continue  # 祝電を受け取った: the telegram is the event, the verb only carries it
            if hit is not None and tok.pos_ != "VERB" and marker_of(tok) in ("で", "として", "での") and (
                    trig.event_type == "CONSULT" or marker_of(tok) == "として") and not any(
                        c.dep_ == "acl" and c.lemma_ in self.lex.carriers and c.lemma_ != "する"
                        for c in tok.children):
                # 書簡で表明した: the letter is the means of another event (攻撃で死亡: an event; 東京で
                # 開かれた会合で: a meeting told as held)
                continue
            after = "".join(t.text for t in self.doc[tok.i + 1:tok.i + 4])
            about = hit is not None and tok.pos_ != "VERB" and after.startswith(ABOUT)
            if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and not inverted(tok) and \
                    self.trigger_at(tok.head) is None and hit is not None and \
                    tok.head.lemma_ not in LIGHT_NOUNS and tok.head.lemma_ not in PLEDGE_NOUNS and \
                    tok.head.lemma_ not in TIME_SUFFIXES and \
                    tok.head.lemma_ not in self.lex.carriers and not (
                        trig.event_type in SPEECH_ACTS and tok.head.lemma_ in STATEMENT_DOCUMENTS):
                continue  # 支援体制, 制裁違反: the head noun is not an event (軍事協力拡大, 制裁検討, 糾弾声明 are)
            frame = self.build(tok, trig, toks, visit)
            if frame is not None and about and not frame.named:
                continue  # ミサイル発射をめぐる経緯: a subject of discussion, not an event told
            if frame is not None:
                out.append(frame)
        return out

    def letter_act(self, tok, trig: Trigger):
        """The act of speech a letter is of (抗議の書簡: the 抗議), when ``tok`` is a letter
        (a CONSULT trigger that requires one); else None."""
        if trig.event_type != "CONSULT" or trig.requires != "letter":
            return None
        return next((c for c in tok.children if c.dep_ == "nmod" and marker_of(c) == "の"
                     and self.trigger_at(c) is not None and self.trigger_at(c)[0].event_type in SPEECH_ACTS), None)

    def noun_predicate(self, tok) -> bool:
        """Is the event noun ``tok`` the predicate of a headline's clause, with its own subject and
        a comma or space after it (日米韓外相が電話会談、…声明)?"""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        return (nxt is None or nxt.text in CLAUSE_ENDS) and (any(
            c.dep_ == "nsubj" and marker_of(c) == "が" and self.phrase_mentions(c) for c in tok.children) or
            self.headline_subject([tok]) is not None)

    def headline_subject(self, toks):
        """In a headline, the が-phrase right before the event noun ``toks`` that ends a clause at a
        comma or space (中ロ首脳が会談、北朝鮮問題で連携), wherever the parser hung it; else None."""
        first, last = toks[0], toks[-1]
        if any(t.text in ("。", "．") for t in self.doc):
            return None
        end = last.i + 1 >= len(self.doc) or self.doc[last.i + 1].text in CLAUSE_ENDS or (
            self.doc[last.i + 1].text == "へ" and last.i + 2 >= len(self.doc))
        if not end:
            return None
        j = first.i - 1
        while j >= 0 and self.doc[j].head.i in {t.i for t in toks} and not any(
                m.kind == "person" for m in self.tok_mentions.get(j, [])) and (
                self.doc[j].dep_ == "compound" or (self.doc[j].dep_ == "advmod" and self.doc[j].pos_ == "ADV")):
            j -= 1  # 電話 in 電話会談; 平壌 and 来月 in 来月平壌訪問
        if j >= 1 and self.doc[j].text == "が":
            subject = self.doc[j].head
            return subject if self.phrase_mentions(subject) else None
        # 崔善姫外相ロシア訪問、…: a person named right before, with no particle
        person = next((m for m in self.mentions if m.kind == "person" and j >= 0 and
                       m.end == self.offset + self.doc[j].idx + len(self.doc[j].text)), None)
        return self.doc[j] if person is not None and self.phrase_mentions(self.doc[j]) else None

    def thanker(self, host) -> list:
        """Who thanks for what ``host`` tells (北朝鮮が部隊を送ったことに謝意を示した: what was
        given was given to the one who thanks for it), or nothing."""
        if host.dep_ != "obl" or marker_of(host) != "に" or host.head.i == host.i:
            return []
        p = host.head
        if p.lemma_ not in THANKS and not any(c.dep_ == "obj" and c.lemma_ in THANKS for c in p.children):
            return []
        return [m for a in self.args_of(p, {host.i}) if a.role == AGENT for m in a.actors] or \
            self.topic_agent(p, someone=True)

    def build(self, tok, trig: Trigger, toks, visit) -> Frame | None:
        skip = {t.i for t in toks}
        verbal = tok.pos_ == "VERB" or any(c.dep_ == "aux" and c.lemma_ == "する" for c in tok.children) or (
            tok.dep_ == "ROOT" and any(marker_of(c) == "を" for c in tok.children))  # 〜を全面的に肯定。
        carrier = None
        host = tok
        if not verbal and tok.dep_ == "nmod" and marker_of(tok) == "の" and (tok.head.lemma_ in LIGHT_NOUNS or (
                trig.event_type in SPEECH_ACTS and tok.head.lemma_ in STATEMENT_DOCUMENTS)):
            host = tok.head  # 対露制裁の強化を検討: the event noun rides on 強化; 反発の論評を発表: on 論評
        elif not verbal and tok.dep_ == "compound" and (tok.head.lemma_ in LIGHT_NOUNS or (
                trig.event_type in SPEECH_ACTS and tok.head.lemma_ in STATEMENT_DOCUMENTS) or (
                tok.head.lemma_ in self.lex.carriers and self.trigger_at(tok.head) is None)):
            host = tok.head  # ロシアと北朝鮮の軍事協力拡大: the phase noun carries the event and its modifiers
        elif not verbal and inverted(tok):
            host = tok.head  # 技術的 助言 (the parser made the modifier the head): the phrase is the event's
        elif not verbal and tok.dep_ == "compound" and tok.head.lemma_ in TIME_SUFFIXES and tok.head.i == tok.i + 1:
            host = tok.head  # 長官の訪韓中に: the genitive of the time names the event's doer
        elif not verbal and tok.dep_ in ("nmod", "compound") and not marker_of(tok) and \
                tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text in ("「", "『") and tok.head.i > tok.i:
            host = tok.head  # 合同演習「フリーダム・シールド」を始めた: the name stands for the event
        if not verbal and host.dep_ in ("obj", "nsubj", "obl") and host.head.i != host.i and \
                not (host is not tok and host.lemma_ in TIME_SUFFIXES) \
                and (host.head.lemma_ in self.lex.carriers or self.unmet_requirement(host.head)) and (
                    self.trigger_at(host.head) is None or self.unmet_requirement(host.head)) and (
                    host.dep_ != "nsubj" or any(c.lemma_ in PASSIVE_AUX for c in host.head.children)) and not (
                    host.dep_ == "obl" and any(c.dep_ == "obj" and (self.trigger_at(c) is not None or c.lemma_ in STANCE_NOUNS)
                                               for c in host.head.children)) and not (
                    trig.roles == "mutual" and self.lex.carriers.get(host.head.lemma_) == "flip"
                    and host.head.lemma_ != "得る") and not (
                    host.head.lemma_ == "なる" and not (marker_of(host) == "に" or (marker_of(host) == "と" and trig.event_type in ("SANCTION", "COERCE")))):
            # (捕虜になった: the subject became the one it is done to; 重要な訪問となる is no event)
            # (協力強化を受けて: a relationship is not received; 〜を受けて is "in response to")
            # as subject only of a passive carrier: 共同訓練が実施された, not 協力は…を示している;
            # a carrier of an event noun as object carries that one, not a phrase it is aimed at
            # (協力の拡大に懸念を表明した; but 個人を制裁対象に指定した carries 制裁)
            carrier = host.head
        held_by = None
        if not verbal and carrier is None:
            # 米国が発動した対露制裁, 東京で開催された会合: a relative clause of a carrier tells the event
            # as done, by its subject, when and where it says
            held_by = next((c for c in host.children if c.dep_ == "acl" and c.i < host.i and (
                            (c.lemma_ in self.lex.carriers and c.lemma_ != "する" and self.trigger_at(c) is None)
                            or self.sends_event(c, host))
                            and not any(marker_of(g) == "を" for g in c.children)), None)
            if held_by is not None and any(self.phrase_mentions(g) for g in held_by.children if g.dep_ == "nsubj") \
                    and any(self.phrase_mentions(g) for g in host.children if marker_of(g) in ("の", "による")):
                held_by = None  # 安保理が開いたロシアの侵攻を協議する会合: the clause is another noun's
            carrier = held_by
        args: list[Arg] = []
        pred = tok
        passive = False
        if verbal:
            args = self.args_of(tok, skip)
            if trig.event_type == "REQUEST":
                args = self.asked_subject(tok, args)
            passive = is_passive(tok)
        else:
            # the event noun's own modifiers, and relational ones the parser hung on them
            mods = list(tok.children)
            if host is not tok and tok.dep_ == "compound":
                mods += [c for c in host.children if c.i != tok.i]
            elif host is not tok and tok.dep_ == "nmod":
                # ロシアと北朝鮮による軍事協力の拡大: the parser hangs the case-marked side on 拡大
                mods += [c for c in host.children if c.i < tok.i and c.dep_ == "nmod" and
                         marker_of(c).startswith(("によ", "への", "に対する", "からの"))]
            if tok.dep_ == "ROOT":  # a headline (北朝鮮、ロシアにミサイルを追加供与): its verbal modifiers
                for c in tok.children:
                    if c.dep_ == "acl" and self.trigger_at(c) is None:
                        if any(g.dep_ in ("case", "mark") and g.lemma_ in ("と", "って") for g in c.children):
                            # 金氏は…発言が理屈に合わないと強く反発: of a quoted clause, only the topic
                            # (who says it) is the event's; the rest is what is said
                            mods.extend(g for g in c.children if g.dep_ in ("dislocated", "nsubj", "obl")
                                        and marker_of(g) == "は")
                        else:
                            mods.extend(g for g in c.children if g.dep_ in ("obl", "obj", "nsubj", "nmod"))
            # relational modifiers the parser hung one or two nouns further down a chain of modifiers
            # (ロシアから北朝鮮への燃料の持ち込み: から on 北朝鮮, への on 燃料)
            level = [c for c in mods if c.dep_ == "nmod"]
            for _ in range(3):
                nxt = [g for c in level for g in c.children if g.dep_ == "nmod"]
                mods.extend(g for g in nxt if marker_of(g).startswith(("から", "への", "による", "に対する")))
                level = nxt
            for c in mods:
                if c.i in skip or c.dep_ in ("case", "punct", "aux", "cop", "mark", "fixed") or self.said_subject(c, tok):
                    continue
                role, mk = role_of(c)
                if c.dep_ == "compound":
                    role = COMPOUND
                if mk == "の" or (role is None and c.dep_ == "nmod"):
                    # ウクライナの戦争: the genitive of a war names where it is fought, not who fights
                    # (ロシアの侵略戦争: a war of aggression's genitive is the aggressor)
                    role = LOC if trig.term in PLACE_GENITIVE and not any(
                        x.dep_ == "compound" and x.lemma_ in ("侵略", "侵攻") for x in tok.children) else GEN
                if role in (None, OBJ):
                    continue
                if role == AGENT and mk not in ("による", "によって", "により"):
                    role = GEN
                args.append(Arg(role, c, mk, self.phrase_mentions(c, self.trigger_at(c) is not None)))
            # compound tokens inside the trigger span (対露 in 対露制裁, 日米韓 in 日米韓共同訓練)
            if carrier is not None:
                pred = carrier
                cargs = [a for a in self.args_of(carrier, skip | {tok.i, host.i})]
                # 共同訓練が実施された: the passive is about the event noun, not its participants
                passive = self.lex.carriers.get(carrier.lemma_) == "flip" or (
                    host.dep_ != "nsubj" and carrier is not held_by and is_passive(carrier)) or (
                    host.dep_ == "nsubj" and is_passive(carrier) and any(
                        marker_of(c) in ("から", "によって", "により") for c in carrier.children))
                # (ロシアから…に祝電が寄せられた: the carried noun as a passive's subject, its doer in から)
                if self.lex.carriers.get(carrier.lemma_) == "flip" and not any(a.role == SOURCE for a in args + cargs):
                    # ロシアから…の装備や技術について助言を受けた: the parser hangs the giver in から on
                    # a noun of the phrase about what is received
                    stray = next((t for c in carrier.children if c.dep_ in ("obl", "obj") and c.i != host.i
                                  for t in c.subtree if t.dep_ == "nmod" and marker_of(t) == "から"
                                  and self.phrase_mentions(t)), None)
                    if stray is not None:
                        cargs.append(Arg(SOURCE, stray, "から", self.phrase_mentions(stray)))
                args.extend(cargs)
        inner = []
        for t in toks[:-1] + [tok]:
            inner.extend(self.tok_mentions.get(t.i, []))
        for t in list(tok.children) + ([c for c in host.children if c.i < tok.i] if host is not tok else []):
            if t.dep_ == "compound" and t.i not in skip:
                inner.extend(self.tok_mentions.get(t.i, []))  # ロシア支持談話: ロシア hangs on 談話
        frame = self.assign(trig, toks, tok, pred, args, inner, passive, visit)
        if frame is None:
            return None
        if trig.event_type == "CONSULT" and frame.roles == "with" and frame.actor and frame.recipient and any(
                a.role != AGENT and a.actors and self.visiting(a.token, a.actors) for a in args) and not any(
                a.role == AGENT and self.visiting(a.token) for a in args):
            # 訪朝したロシアの議長と会見した: a meeting with a visitor is the visitor's, at the host's
            frame.actor, frame.recipient = frame.recipient, frame.actor
        if verbal and frame.roles == "give" and frame.actor and not frame.recipient and \
                tok.dep_ == "acl" and tok.head.lemma_ in FORMAL_NOUNS:
            mine = {c for m in frame.actor for c in m.codes}
            frame.recipient = [m for m in self.thanker(tok.head) if set(m.codes) - mine]
        frame.by_document = not frame.actor and any(
            a.role == AGENT and a.token.lemma_ in DOCUMENTS and not a.actors for a in args)
        frame.said_passive = self.said_of_others(pred, passive)
        # the place the で marks is the venue: 北朝鮮の外相と北京で会談 (parsed as one phrase) is in Beijing
        frame.venue = [m for a in args if a.role == LOC for m in self.tok_mentions.get(a.token.i, [])
                       if m.kind in ("capital", "state")]
        if not frame.venue and trig.event_type == "CONSULT":
            frame.venue = self.sentence_venue(pred)
        frame.phone = any(a.token.lemma_ in CALL_WORDS for a in args) or any(t.text in CALL_WORDS for t in toks)
        frame.headline_clause = not verbal and carrier is None and self.noun_predicate(tok)
        if not verbal and carrier is None and visit is None and tok.dep_ != "ROOT" and not frame.headline_clause:
            # a noun that ends its sentence is a headline's predicate (日韓首脳が電話会談), not nominal
            frame.nominal = True
            # its participants are named on the noun itself: case-marked (北朝鮮によるロシアへの派兵,
            # 対露制裁), or both sides as modifiers (北朝鮮のロシア派兵)
            frame.marked = any(a.marker.startswith(("によ", "への", "に対する", "からの")) for a in args) or \
                any(m.kind == "target" for m in inner) or (
                    frame.roles not in ("mutual", "unary") and bool(frame.actor) and bool(frame.recipient))
            frame.embedded = tok.dep_ != "ROOT" and self.trigger_at(tok.head) is not None and not any(
                c.dep_ == "case" and c.lemma_ in ("や", "と") for c in tok.children)  # (発射と核実験: listed)
            frame.named = bool(frame.actor) and frame.source == "explicit" and (
                any(a.marker.startswith("によ") and a.role == AGENT and a.actors for a in args) or (
                    frame.roles not in ("mutual", "unary") and bool(frame.recipient)))
        # a relationship that moves (軍事協力が拡大している, 協力拡大, 連携が深まる中) is an event told,
        # not a topic
        frame.progress = host.lemma_ in LIGHT_NOUNS and host is not tok or (
            host.dep_ == "nsubj" and host.head.lemma_ in CHANGE_VERBS) or (
            host.head.lemma_ in HOLDING and host.head.i != host.i and (
                host.dep_ == "nsubj" or not any(c.dep_ == "case" for c in host.children)))
        frame.quoted = pred.i in self.quote_of
        # the signing that describes its treaty (6月に北朝鮮と締結した条約)
        frame.treaty_head = pred.dep_ == "acl" and self.is_treaty(pred.head)
        frame.held = held_by is not None
        frame.denied = self.under_denial(pred)
        use = marker_of(tok) == "に" and tok.head.lemma_ in USE_VERBS  # 攻撃に新型ミサイルを投入した
        if trig.event_type == "ASSAULT" and not verbal and (marker_of(tok) == "で" or use):
            head = tok.head
            if head.dep_ == "acl" and head.head.dep_ in ("obj", "obl") and head.head.head.lemma_ in USE_VERBS and \
                    not any(role_of(c)[0] == AGENT for c in head.children):
                head = head.head.head  # 攻撃で[北朝鮮から調達した]ミサイルを使用した: the parser's relative clause
            doers = [m for c in head.children if role_of(c)[0] == AGENT and c.i != tok.i
                     for m in self.phrase_mentions(c)]
            toll = [c for c in head.children if c.dep_ == "nsubj" and c.lemma_ in CASUALTY_NOUNS]
            if head.lemma_ == "出る" and toll:
                # 攻撃で北朝鮮軍に十数人の死傷者が出た: the side the toll fell on was its target
                hit = [m for c in head.children if marker_of(c) == "に" for m in self.phrase_mentions(c)] + \
                    [m for c in toll[0].children if marker_of(c) == "の" for m in self.phrase_mentions(c)]
                if hit:
                    frame.recipient = hit
                    frame.actor = [m for m in frame.actor if not set(m.codes) & {x for h in hit for x in h.codes}]
            elif head.lemma_ in CASUALTY_VERBS:
                if doers:  # ミサイル攻撃で北朝鮮の兵士6人が死亡した: those who died were its target
                    frame.recipient = doers
            elif doers and not frame.actor and not (head.lemma_ in USE_VERBS and is_passive(head)):
                # ロシアがウクライナへの攻撃で北朝鮮製のミサイルを使用した: who attacked with it (of
                # 北朝鮮製のミサイルが攻撃に使われた, the subject is the weapon, not who used it)
                frame.actor, frame.source = doers, "explicit"
        return frame

    def assign(self, trig, toks, tok, pred, args, inner, passive, visit) -> Frame | None:
        by = {}
        for a in args:
            by.setdefault(a.role, []).append(a)

        def actors(*roles):
            out = []
            for r in roles:
                for a in by.get(r, []):
                    out.extend(m for m in a.actors if m not in out)
            return out

        if trig.event_type in SPEECH_ACTS:
            # 関係深化は連携を促し: an abstract subject does not ask, praise or condemn
            for a in by.get(AGENT, []):
                if not self.is_someone(a.token):
                    a.actors = []
            # ロシアが違反していると非難した: a が-subject before the quotative と of the content is the
            # content's subject (the one condemned), not the speaker, wherever the parser hung it
            for a in list(by.get(AGENT, [])):
                if a.marker.startswith("が") and self.quotative_between(a.token, pred):
                    by[AGENT].remove(a)
                    by.setdefault(COMIT + "-content", []).append(a)
        if pred.dep_ in ("acl", "dep") and self.gap_filler(pred):
            # a relative clause has no は-topic of its own: a topic the parser hung on it is the
            # sentence's (ロシア国防省は…奪還を支援した北朝鮮軍が: the army helped, not the ministry)
            by[AGENT] = [a for a in by.get(AGENT, []) if not a.marker.startswith(("は", "も"))]
        targets = [m for m in inner if m.kind == "target"]
        inner_plain = [m for m in inner if m.kind not in ("target", "visit")]
        if trig.event_type in ("AID", "SUPPORT"):
            # ロシアのウクライナ戦争支援: the state in a war's name compounded with the help is the
            # war's place, not whom it helps; the war's own genitive (ロシアの) is
            named = [m for m in inner_plain if self.text_after(m).startswith(WAR_NAMES)]
            if named:
                inner_plain = [m for m in inner_plain if m not in named]
                war_of = [m for t in tok.children if marker_of(t) == "の" and t.i < tok.i
                          for m in self.phrase_mentions(t) if m.kind == "state"]
                if not war_of and tok.i > 0:
                    war_of = [m for t in self.doc[tok.i - 1].children if marker_of(t) == "の"
                              for m in self.phrase_mentions(t) if m.kind == "state"]
                inner_plain += [m for m in war_of if m not in inner_plain]
        if trig.roles == "give" and pred.i != tok.i or (trig.roles == "give" and tok.pos_ != "VERB"):
            # 北朝鮮軍派兵: an army or a person compounded with a dispatch noun sent it
            givers = [m for m in inner_plain if m.kind == "person" or any(e.sector == "MIL" for e in m.members)]
            if givers:
                inner_plain = [m for m in inner_plain if m not in givers]
                by.setdefault(GEN, []).append(Arg(GEN, tok, "の", givers))
        # what the requirement of the trigger is read from: the object, and for a meeting attended
        # (会議に参加) the goal
        objects = [a.token for a in by.get(OBJ, []) + (by.get(GOAL, []) if trig.requires == "meeting" else [])]
        if trig.requires and not objects and not passive:
            # 兵士を前線に投入した with 兵士を hung on 前線: the object is still the predicate's; and
            # 北朝鮮はロシアに自走砲も渡した: a も-phrase of things beside the subject is what is given
            objects = list(self.loose_tokens(pred, ("を",)))[:1] or [
                a.token for a in by.get(AGENT, []) if a.marker == "も" and self.class_of(a.token)
                and any(b.marker != "も" for b in by.get(AGENT, []))]
            if not objects and pred.i == tok.i and pred.dep_ == "acl" and not by.get(OBJ):
                # 北朝鮮がロシアに送ったコンテナ: what a relative clause says was sent is its head
                objects = [pred.head]
            if not objects and trig.roles == "unary" and trig.event_type == "RETREAT":
                # 北朝鮮軍が後退した: an intransitive retreat needs troops as its subject (景気が後退: none)
                objects = [a.token for a in by.get(AGENT, [])]
        if trig.event_type == "SANCTION" and any(c.lemma_ == "対象" and c.dep_ in ("obl", "obj") for c in pred.children):
            # 第三国の会社も制裁の対象に加えた: in a designation, a も-phrase is one more designee
            for a in [a for a in by.get(AGENT, []) if a.marker == "も"]:
                by[AGENT].remove(a)
                by.setdefault(OBJ, []).append(a)
                self.asked.add(a.token.i)  # nor the subject topic_agent finds
        subjects = by.get(AGENT, [])
        if passive and pred.dep_ == "advcl" and pred.head.dep_ == "acl" and any(a.marker == "は" for a in subjects):
            # 長官は、ロシアに派遣され、戦闘に加わった北朝鮮兵について言及した: the topic the parser
            # hung on the first of chained clauses describing a noun is the main clause's
            by[AGENT] = subjects = [a for a in subjects if a.marker != "は"]
        if any(a.marker == "が" for a in subjects) and any(a.marker == "は" for a in subjects) and \
                pred.dep_ != "ROOT" and (self.reported_clause(pred) or pred.dep_ == "advcl"):
            # 国家情報院は、北朝鮮がロシアに…を支援し、…との分析を示した: the topic is the main
            # clause's, who says it; the が-subject did it
            by[AGENT] = [a for a in subjects if a.marker != "は"]
        q = self.quote_of.get(pred.i)
        outside = [a for a in by.get(AGENT, []) if q is not None and a.marker == "は" and a.token.i < q[0]]
        if outside and trig.event_type not in SPEECH_ACTS:
            # 韓国軍は北朝鮮について「…ロシアへ送り続けている」と説明した: the topic before the quotation
            # is who says it; the doer is the one it is said about
            about = [m for t in self.doc[:q[0]] if marker_of(t) in ("について", "に関して", "をめぐり")
                     for m in self.phrase_mentions(t) if m.kind in PARTY_KINDS]
            by[AGENT] = [a for a in by[AGENT] if a not in outside]
            if about and not any(a.actors for a in by[AGENT]):
                by[AGENT].append(Arg(AGENT, outside[0].token, "について", about))
        agent = actors(AGENT)
        if agent and all(a.marker == "は" for a in by.get(AGENT, [])):
            # the topic the parser hung on the reason is the sanctioner
            agent = self.blamed_for(pred) or agent
        elif not agent and trig.event_type not in SPEECH_ACTS:
            # 米国務省は、北朝鮮を支援したとして、…に制裁を科したと発表した: a reason with no subject
            # (the topic gone to the verb of saying) is of the ones sanctioned
            agent = self.blamed_for(pred)
        if not agent and tok.pos_ in ("NOUN", "PROPN") and pred.i == tok.i:
            subject = self.headline_subject(toks)
            if subject is not None:
                agent = self.phrase_mentions(subject)  # 中ロ首脳が会談、…: the parser hangs it on the last word
        goal = actors(GOAL) + targets
        # a relative clause with no subject of its own describes its head noun as the one who did
        # it (ウクライナに侵攻するロシア) or, passive, underwent it (ロシアに派遣された北朝鮮兵)
        gap = [] if by.get(AGENT) else self.gap_filler(pred)
        if passive and trig.requires and not objects:
            # ロシアに送られた北朝鮮兵: what a passive says was sent is its subject, or the noun its
            # relative clause describes
            objects = [a.token for a in by.get(AGENT, []) if not a.marker.startswith("によ")] or (
                [pred.head] if gap and pred.dep_ == "acl" else [])
        source = "explicit"
        roles = trig.roles
        actor, recipient = [], []
        receiver_known = False  # a receiving event: the topic is the receiver, never the giver
        if passive and roles in ("give", "target", "with"):
            # 〜された: the grammatical subject underwent it; the doer is marked による/から
            doer = actors(SOURCE) + [m for a in by.get(AGENT, []) if a.marker.startswith(("によ",))
                                     for m in a.actors]
            if pred.i != tok.i:  # ロシア軍の空爆を受けた: the noun's genitive is the doer
                doer += [m for m in actors(GEN) if m not in doer]
            if pred.i != tok.i and not doer:
                # ロシア軍によるとみられる攻撃を受けた: the doer named in the noun's own hedged clause
                doer = [m for t in tok.subtree if t.i < tok.i and t.head.lemma_ == "よる" and marker_of(t) == "に"
                        for m in self.phrase_mentions(t) if m.kind in PARTY_KINDS]
            if roles == "target" and not doer and pred.i == tok.i:
                # 北朝鮮兵がウクライナ軍に捕らえられた: the に of a passive act on someone is its doer
                doer = [m for a in by.get(GOAL, []) if a.marker == "に" for m in a.actors if m.kind in PARTY_KINDS]
            subjects = [a for a in by.get(AGENT, []) if not a.marker.startswith("によ")]
            if any(a.marker == "が" for a in subjects):
                # 外相らは、北朝鮮の砲弾がロシアに渡され…と非難: the が-subject underwent it, not the topic
                subjects = [a for a in subjects if a.marker != "は"]
            undergoer = [m for a in subjects for m in a.actors] or gap
            if roles == "give" and self.lex.carriers.get(pred.lemma_) == "flip":
                actor = doer  # 北朝鮮は中国から食糧支援を受けた: the subject received it
                receiver_known = True
                # 北朝鮮の支援を得てウクライナ部隊を撤退させた: the subject shared with the main clause
                recipient = undergoer or goal or [m for m in self.topic_agent(pred) if m not in doer]
            elif roles == "give" and undergoer and not goal and (by.get(OBJ) or (
                    pred.dep_ == "acl" and actors(SOURCE) and any(a.marker == "が" for a in subjects))):
                # (ロシアが北朝鮮から提供されたミサイル: in a relative clause on the thing given, the
                # が-subject received it from the one in から)
                # 北朝鮮がロシアから技術を供与された: with what was given as its object, the subject
                # received it; the giver is in から, wherever the parser hung it
                stray = [m for t in pred.subtree if marker_of(t) == "から" and t.i < pred.i
                         for m in self.phrase_mentions(t) if m.kind in PARTY_KINDS]
                actor = doer or [m for m in stray if m not in undergoer]
                recipient = undergoer
            elif roles == "give":
                # the sent thing's nationality (北朝鮮兵士がロシアに派遣された) is the giver
                actor = doer or undergoer
                recipient = goal
            elif trig.term in INVITATIONS and not doer and goal and self.lex.carriers.get(pred.lemma_) == "flip":
                # 平壌への招待を受けた: invited by the one whose place it is, the subject was invited
                actor = [m for m in goal if m.kind in ("capital", "state")] or goal
                mine = {c for m in actor for c in m.codes}
                recipient = undergoer or [m for m in self.topic_agent(pred, someone=True) if set(m.codes) - mine]
            else:
                actor = doer
                # ロシア国籍の3人も制裁対象となった: a も-phrase of a designation is the one designated
                recipient = undergoer or goal or actors(OBJ)
        elif roles == "give":
            actor = agent or gap or actors(SOURCE) or actors(GEN) or self.sibling_source(tok)
            recipient = goal or [m for m in inner_plain] or self.shared_goal(pred) or self.clause_goal(pred) \
                or self.loose_goal(pred) or actors(OBJ)  # 北朝鮮のミサイル開発を支援: whose work is helped
        elif roles == "host":
            # 金委員長をプーチン大統領が出迎えた: the one welcomed is the visitor, the subject the host
            actor = actors(OBJ) or gap
            recipient = agent or [m for m in self.topic_agent(pred) if m not in actor]
            roles = "with"
        elif roles == "receive":
            # ロシアは北朝鮮に兵器を頼っている: one relies on the giver in に
            actor = actors(SOURCE) or ([m for m in goal if m.kind != "capital"] if trig.term in RELIANCE or pred.lemma_ in RELIANCE else [])
            recipient = agent or actors(GEN)
            if not recipient and (pred.i != tok.i or tok.pos_ == "VERB"):
                recipient = self.topic_agent(pred)
            receiver_known = True  # the sentence's topic received it: the giver is asked of the story
        elif roles == "target":
            banned = self.banned(trig, tok, by)
            # 日本の関係者の入国禁止: the genitive of an entry ban is the one banned, not who bans
            actor = agent or gap or ([] if banned and trig.term in ENTRY_BANS else actors(GEN))
            if not actor and (pred.i != tok.i or tok.pos_ == "VERB" or tok.dep_ == "ROOT"):
                actor = self.topic_agent(pred, someone=trig.event_type in SPEECH_ACTS or trig.event_type == "SANCTION")
                source = "topic" if actor else source
            actor_codes = {c for m in actor for c in m.codes}
            # the first candidate that names someone other than the actor (招待: 金総書記を, not モスクワに)
            people_goal = [m for m in goal if m.kind != "capital"]
            # the goal inside the object, or inside the event noun a support verb carries
            nested = self.nested_goal(by.get(OBJ, []) + ([Arg(OBJ, tok, "", [])] if pred.i != tok.i else []))
            gen = actors(GEN) if agent else []
            content_subject = [m for a in by.get(COMIT + "-content", []) for m in a.actors]
            # 全ての加盟国に求めた: asked of a group that is no state (its code is null)
            asked = people_goal or self.clause_goal(pred) if trig.event_type == "REQUEST" else []
            if trig.event_type == "REQUEST" and tok.i > 0 and self.doc[tok.i - 1].text in ("”", "」"):
                # 外務省“ロシアは…直ちに停止を”要求: the one the quoted demand is addressed to
                q = self.quote_of.get(tok.i - 2)
                told = [t for t in self.doc[q[0] + 1:q[1]] if marker_of(t) in ("は", "が") and
                        self.phrase_mentions(t)] if q else []
                if told:
                    recipient = self.phrase_mentions(told[0])
                    asked = []
            asked_of_group = bool(asked) and all(m.kind == "group" for m in asked)
            # 日本が制裁を続ければ…と警告した: a threat is aimed at the one whose act is its condition
            threatened = self.condition_subject(pred) if trig.event_type == "THREATEN" else []
            about = self.criticised(pred) if trig.event_type in SPEECH_ACTS else []
            for cand in () if asked_of_group or recipient else (people_goal, threatened, actors(OBJ), self.fact_doers(by.get(OBJ, [])), goal, about, [m for m in inner_plain if m not in actor], gen,
                         nested, content_subject, self.complement_agent(pred), self.complement_goal(pred),
                         self.hoisted_goal(pred) if trig.event_type == "SANCTION" else [],
                         actors(COMIT), self.clause_goal(pred), self.loose_object(pred)):
                if codes(cand) - actor_codes:
                    recipient = cand
                    break
            if not (agent) and actors(GEN) and not goal and not actors(OBJ) and inner_plain:
                recipient = inner_plain
            if not recipient and agent and pred.dep_ == "acl" and not by.get(OBJ) and trig.event_type in ("COERCE", "ASSAULT"):
                # ウクライナ軍が捕虜にした北朝鮮兵: a relative clause with its own subject is about its object
                head = [m for m in self.phrase_mentions(pred.head) if set(m.codes) - actor_codes]
                recipient = head or recipient
            if asked_of_group:
                recipient = asked
            if banned and codes(banned) - actor_codes:
                recipient = [m for m in banned if set(m.codes) - actor_codes]
        elif roles == "with":
            actor = agent or gap or actors(GEN)
            # what one talks over is no side (北朝鮮の核問題を協議した): of an object, only the one it
            # names itself (ロシアを訪問, 金総書記を接見)
            # (or a partner in と the parser hung inside it: 韓国と防衛費の分担を協議した)
            objs = actors(OBJ) if trig.event_type != "CONSULT" else [
                m for a in by.get(OBJ, []) for t in a.token.subtree
                if t.i == a.token.i or marker_of(t) in ("と", "との")
                for m in self.tok_mentions.get(t.i, []) if m in a.actors]
            recipient = actors(COMIT) or goal or objs
            if not actor and not recipient and trig.event_type == "CONSULT":
                # 日韓首脳会談, 日豪防衛相会談: a pair of states compounded before the meeting meets
                pair = [m for t in tok.subtree if t.dep_ == "compound" and t.i < tok.i
                        for m in self.tok_mentions.get(t.i, []) if len({c for c in m.codes if c}) >= 2]
                actor = pair[:1]
            if trig.term == "訪問" and actors(OBJ) and goal and not actors(COMIT):
                # 韓国滞在後に日本を訪問する: the place visited is the object, not a に before it
                recipient = actors(OBJ)
            if not recipient and trig.event_type == "CONSULT" and trig.term in ("訪問", "入り", "滞在"):
                # プーチン大統領の平壌訪問, 北朝鮮入り: the place compounded with the visit is the host's
                recipient = [m for m in actors(COMPOUND) if m.kind in ("capital", "state")]
                if not recipient and trig.term == "入り" and tok.i > 0 and self.doc[tok.i - 1].head.i == tok.i:
                    # 東京入り: the parser makes the place a bare modifier
                    recipient = [m for m in self.tok_mentions.get(tok.i - 1, []) if m.kind in ("capital", "state")]
            if not recipient and trig.requires == "letter" and pred.i != tok.i:
                # プーチン大統領に誕生日を祝う書簡を送った: the addressee the parser hung on the
                # letter's own relative clause
                recipient = [m for t in tok.subtree if t.i < tok.i and marker_of(t) in ("に", "へ")
                             for m in self.phrase_mentions(t) if m.kind in PARTY_KINDS]
            host_of = next((c for c in pred.children if c.i < pred.i and hosting(c)), None) \
                if trig.event_type == "CONSULT" else None
            if host_of is not None and not recipient:
                # ショイグ氏を党本部に招いて意見を交わした: the one invited in came to the one who hosts
                guests = [m for a in self.args_of(host_of, set()) if a.role == OBJ for m in a.actors]
                if guests and {c for m in guests for c in m.codes} - {c for m in actor for c in m.codes}:
                    actor, recipient = guests, actor or self.topic_agent(pred, someone=True)
            if not actor and trig.event_type == "CONSULT" and trig.term == "訪問" and \
                    (marker_of(tok).startswith(("に向け", "のため", "ため")) or
                     (marker_of(tok) == "に" and tok.head.lemma_ == "向ける") or
                     (marker_of(tok) == "の" and tok.head.lemma_ == "ため")):
                # 使節団がロシア訪問に向けて出発した: the visit is of the one who sets out for it
                actor = [m for m in self.topic_agent(tok, someone=True) if set(m.codes) - {c for r in recipient for c in r.codes}]
            if trig.event_type == "ASSAULT":  # クルスク州の戦闘に参加: where it is fought is no side
                recipient = [m for m in recipient if m.kind != "capital"]
            if visit is not None:
                recipient = [visit]
            if not recipient and len(codes(actor)) >= 2:
                roles = "mutual"
        if roles == "mutual":
            actor = agent + gap + actors(COMIT, BETWEEN, GEN) + inner_plain
            for t in self.doc[:pred.i]:  # partners named with と in the clause (金総書記と条約に署名)
                if marker_of(t) in ("と", "との", "とが", "とは") and t.dep_ != "compound" and (
                        self.same_clause(t, pred) or t.head.lemma_ in BETWEEN_NOUNS):
                    # 〜との間で binds the next predicate even when the parser hangs it elsewhere
                    actor.extend(m for m in self.phrase_mentions(t) if m not in actor and m.kind != "visit")
            for a in by.get(AGENT, []) + [a for a in by.get(OBJ, []) if self.is_treaty(a.token)]:
                actor.extend(m for m in a.actors if m not in actor)  # ロシアとの条約を結ぶ
            recipient = []
        elif roles == "unary":
            # 北朝鮮から弾道ミサイルが発射された: a passive launch from a state is that state's
            actor = agent or gap or actors(GEN) or inner_plain or (
                [m for m in actors(SOURCE) if m.kind in ("state", "capital")] if passive else []) or (
                self.overseer(pred) if trig.event_type == "MOBILIZE" else [])
        if roles == "mutual" and len({c for m in actor for c in m.codes}) < 2:
            # 同外相はラブロフ外相と会談し、…で合意した: the partner of the coordinated clause
            for c in pred.children:
                if c.dep_ == "advcl" and c.i < pred.i:
                    for a in self.args_of(c, set()):
                        if a.role == COMIT:
                            actor = actor + [m for m in a.actors if m not in actor]
        if roles == "mutual" and len({c for m in actor for c in m.codes}) < 2:
            actor = actor + [m for m in self.topic_agent(pred) if m not in actor]
            source = "topic"
        elif not actor and roles != "mutual" and not receiver_known and not (
                trig.event_type != "SANCTION" and self.unnamed_doer(pred, by)) and (
                pred.i != tok.i or tok.pos_ == "VERB" or tok.dep_ == "ROOT" or visit is not None):
            # an event noun with no verb of its own (撤収を求めた) does not take the sentence's subject
            actor = self.topic_agent(pred, someone=trig.event_type in SPEECH_ACTS)
            source = "topic" if actor else "context"
        if roles == "with" and not actor and len(by.get(COMIT, [])) == 1 and len(
                codes(by[COMIT][0].actors)) >= 2 and recipient == by[COMIT][0].actors and any(
                t.lemma_ == "と" and t.head.i != by[COMIT][0].token.i for t in by[COMIT][0].token.subtree):
            actor, recipient = recipient, []  # 中国と北朝鮮との首脳会談が始まった: between the two
        if roles == "with" and not recipient and len(codes(actor)) >= 2:
            roles = "mutual"  # 日中韓首脳会談が開かれ: the parties meet each other
        if ((roles == "with" and trig.event_type == "CONSULT") or trig.event_type == "PROTEST") and \
                not recipient and actor and not passive:
            # where it happened names the other side: a meeting attended abroad (モスクワで開かれた式典に
            # 出席), a rally before an embassy (ロシア大使館前で集会)
            mine = codes(actor)
            kinds = ("capital", "state", "org") if trig.event_type == "PROTEST" else ("capital", "state")
            places = [m for m in actors(LOC) + self.nested_venue(by.get(GOAL, [])) if m.kind in kinds]
            recipient = [m for m in places if set(m.codes) - mine][:1]
        if trig.event_type in SPEECH_ACTS and not [m for m in recipient if any(m.codes)]:
            # 正恩氏らに「心から感謝する」とした: said to someone, it is aimed at them
            recipient = self.addressee(pred, codes(actor)) or recipient
        if trig.event_type == "REJECT" and pred.pos_ in ("VERB", "NOUN") and not [m for m in recipient if any(m.codes)]:
            # 米国が提案した停戦案を拒否した, 日本の抗議を退けた: the one whose proposal it turns down
            recipient = self.claimant(pred, codes(actor)) or recipient
        if trig.event_type == "RETREAT" and any(c.lemma_ in CAUSATIVE_AUX for c in pred.children if c.dep_ == "aux") \
                and actors(OBJ):
            # ウクライナ軍を撤退させた: to make the other side withdraw is to fight it
            trig, roles, recipient = self.lex.triggers["攻撃"], "target", actors(OBJ)
        parties = codes(actor)
        declared_plan = pred.head.lemma_ == "方針" and pred.head.head.lemma_ in ("示す", "表明", "打ち出す", "確認", "再確認")
        said = self.said_cooperation(trig, pred)
        if pred.dep_ in ("acl", "nmod", "compound") and (pred.head.lemma_ in PLEDGE_NOUNS or declared_plan) and \
                trig.event_type not in ("AGREE", "REQUEST", "THREATEN", "ACCUSE", "REJECT", "MOBILIZE", "ASSAULT",
                                        "SANCTION", "SUPPORT") or said:
            # (支持する姿勢を強調した: a stance of support shown is support, not a promise)
            # (協力を拡大する方針を示した: a plan of cooperation declared is a promise too; spec section 3)
            # 引き渡す用意がある, 関係を発展させる意思を示した: a readiness declared is a promise
            if roles == "mutual":
                pledger = [m for m in self.topic_agent(pred.head, someone=True)] or actor[:1]
                mine = codes(pledger)
                recipient = [m for m in actor if set(m.codes) - mine]
                actor = pledger
                if not actor:
                    source = "context"  # 声明は「協力を強化する」とした: whoever issued it, named before
            held = pred.head.head if pred.head.dep_ == "nsubj" and pred.head.head.i != pred.head.i else None
            if held is not None and not actor:
                # 大統領は北朝鮮兵を北朝鮮に引き渡す用意があると語った: the parser hung the promise's
                # own subject and goal on ある, whose subject the pledge noun is
                held_args = self.args_of(held, set())
                actor = [m for a in held_args if a.role == AGENT and a.token.i != pred.head.i for m in a.actors] \
                    or [m for c in held.children if c.dep_ == "nsubj" and c.i != pred.head.i
                        for m in self.phrase_mentions(c)] or self.topic_agent(held, someone=True)
                mine = codes(actor)
                recipient = recipient or [m for a in held_args if a.role == GOAL for m in a.actors
                                          if set(m.codes) - mine]
            trig, roles = self.lex.triggers["約束"], "target"
            if said and not recipient:
                roles = "mutual"  # 日韓は「協力を強化する」と表明: a promise the speakers make each other
            parties = codes(actor)
        if trig.event_type == "MOBILIZE" and trig.term in EXERCISES and len(parties) >= 2:
            # ロシアと北朝鮮の兵士が訓練を行った: an exercise of two states together is cooperation
            trig, roles = self.lex.triggers["共同訓練"], "mutual"
        arriving = {c for a in by.get(AGENT, []) for c in [self.class_of(
            next((g for g in a.token.children if g.dep_ == "nmod" and marker_of(g) == "の"), a.token)
            if a.token.lemma_ in ("一部", "多く", "大半", "一団") else a.token)] if c} \
            if trig.event_type == "CONSULT" else set()
        if arriving & {"troops", "materiel", "economic"} and trig.term not in ARRIVALS:
            return None  # 北朝鮮の労働者がロシアに滞在している: people or goods staying are no visit
        if arriving & {"troops", "materiel", "economic"}:
            # 北朝鮮兵がロシア入りした, 部隊の一部が到着した, ロシアの小麦が北朝鮮に到着した: troops or goods
            # arriving were sent there by their state
            trig, roles = self.lex.triggers["派遣" if "troops" in arriving else "提供"], "give"
        elif trig.event_type == "CONSULT" and any(
                t.dep_ == "nsubj" and compound_text(t).endswith(tuple(VEHICLES)) and pred in t.ancestors
                for t in self.doc[:pred.i]):
            return None  # 貨物列車がロシア入りした, タンカーが港を訪問した: a train or ship is no visitor
        if trig.event_type == "MOBILIZE" and trig.term in CONSCRIPTS:
            # ロシアが北朝鮮の労働者を工場に動員する, 北朝鮮の労働者がロシアの工場に動員される: people of
            # one state put to work or war for another are sent to it (AID, giver: their state)
            sent = actor if passive or not actors(OBJ) else [m for m in actors(OBJ) if set(m.codes) - parties]
            mine = codes(sent)
            taker = [m for m in (goal + actors(LOC) if passive or not actors(OBJ) else actor + goal + actors(LOC))
                     if set(m.codes) - mine and m.kind in PARTY_KINDS]
            if sent and taker and (passive or actors(OBJ)):
                trig, roles, actor, recipient = self.lex.triggers["派遣"], "give", sent, taker[:1]
                parties = mine
        if trig.event_type == "MOBILIZE" and trig.term in DEPLOYMENTS:
            # 北朝鮮軍がクルスク州に配置された, 北朝鮮は部隊をロシアに配備した: troops placed in another
            # state were sent to it (AID, giver: their state)
            placed = [a for a in (by.get(AGENT, []) if passive or not by.get(OBJ) else by.get(OBJ, []))
                      if not a.marker.startswith("によ") and self.class_of(a.token) == "troops"]
            # (北朝鮮軍がクルスク州に展開している: troops as the subject of an intransitive deployment)
            if passive and not placed and gap and pred.dep_ == "acl" and self.class_of(pred.head) == "troops":
                placed = [Arg(AGENT, pred.head, "", gap)]  # クルスク州に配置された北朝鮮軍
            giver = [m for a in placed for m in a.actors] or ([] if passive else agent)
            mine = codes(giver)
            place = [m for m in goal + actors(LOC) if set(m.codes) - mine and m.kind in ("state", "capital")]
            if placed and giver and place:
                trig, roles, actor, recipient = self.lex.triggers["派遣"], "give", giver, place[:1]
                parties = mine
        if trig.event_type == "MOBILIZE" and trig.term in LAUNCHES:
            # ウクライナに向けて: the parser makes 向ける a verb of its own
            toward = [m for c in pred.children if c.lemma_ == "向ける" and c.dep_ == "advcl"
                      for a in self.args_of(c, set()) if a.role == GOAL for m in a.actors]
            aimed = [m for m in goal + toward if m.kind in ("state", "capital") and set(m.codes) - parties]
            # a side of a war under way launching, in a sentence that names its enemy, is attacking it
            # (ウクライナ軍情報局によると、ロシアが発射した弾道ミサイル…)
            enemies = set(conflicts.opponents(parties, self.story_date)) if parties else set()
            named = [m for m in self.mentions if set(m.codes) & enemies and m.kind in ("state", "org", "capital")]
            if aimed or (named and trig.term != "発射実験"):  # a test is no attack
                trig, roles, recipient = self.lex.triggers["攻撃"], "target", aimed or named[:1]
        if trig.term in VETOES:
            # 拒否権を行使した: a veto is aimed at no one, unless at the drafter of what it blocks
            # (米国作成の決議案に: the US), never at whom the draft was about (北朝鮮への制裁決議案)
            recipient = [m for m in recipient
                         if self.text_after(m).startswith(DRAFTED)]
        if trig.event_type == "ASSAULT" and by.get(AGENT) and recipient:
            # 北朝鮮がウクライナ侵攻を続けるロシアに砲弾を送った: the parser hangs the main clause's
            # subject on the relative clause; the noun it describes fights that war and is its doer
            clause = pred.head if pred.dep_ == "obj" and pred.head.dep_ == "acl" else pred
            described = self.gap_filler(clause) if clause.dep_ == "acl" else []
            mine = codes(described)
            theirs = codes(actor)
            hit = codes(recipient)
            if mine and theirs and not mine & theirs and hit and \
                    hit <= set(conflicts.opponents(mine, self.story_date)):
                actor = described
        if trig.event_type in ("ASSAULT", "MOBILIZE"):
            # 北朝鮮製のミサイルがキーウに着弾した, …が発射された: the maker of a weapon is not who fired it
            actor = [m for m in actor if not self.text_after(m).startswith("製")]
        if not any(m.members for m in actor) and trig.event_type in SPEECH_ACTS:
            actor = self.voiced_by(tok) or actor
        focus = self.cleft_focus(pred)
        if focus:
            # 対象に追加したのは、ロシアの11人と32の団体だ, 制裁を科したのは米国だ: the focus of a cleft
            # is the side the clause leaves out
            mine = codes(actor)
            designated = any(t.lemma_ == "対象" for t in pred.subtree)
            if not any(any(m.codes) for m in actor) and not designated:
                actor = focus  # 制裁を科したのは米国だ
            elif roles in ("target", "give") and not passive and not any(any(m.codes) for m in recipient):
                recipient = [m for m in focus if set(m.codes) - mine]  # 対象に追加したのは…団体だ
        if trig.event_type == "ACCUSE" and roles == "target" and not any(any(m.codes) for m in recipient):
            # 北朝鮮の核開発に懸念を表明した: aimed at the owner of what it is about
            mine = codes(actor)
            # (the parser may hang the に-phrase on a modifier of the trigger: 核開発に強い懸念)
            inside = {t.i for t in pred.subtree}
            about = [t for t in self.doc[:tok.i] if t.i in inside and t.pos_ in ("NOUN", "PROPN") and
                     marker_of(t) in ("に", "について", "に対し", "に対して", "をめぐり", "をめぐって")
                     and not self.tok_mentions.get(t.i)]
            owners = []
            for m in (m for t in about for g in t.children if marker_of(g) == "の" and g.i < t.i
                      for m in self.phrase_mentions(g) if m.kind in PARTY_KINDS and set(m.codes) - mine):
                if m not in owners:
                    owners.append(m)
            if owners:
                recipient = owners  # (日米韓の共同訓練について糾弾した, ロ朝の軍事協力の拡大に警戒感: all of them)
        if trig.term == "抗議" or (trig.event_type == "ACCUSE" and not any(any(m.codes) for m in recipient)):
            # ロシア大使を呼び出し、「…決議に違反する」と抗議した: a protest is lodged with the state of
            # the envoy summoned for it, not the body whose resolution the words name (and a
            # condemnation aimed at no one named, 大使を呼び、…と非難した, at the envoy's state)
            mine = codes(actor)
            envoys = [m for m in self.summoned(pred) if set(m.codes) - mine]
            if envoys:
                recipient = envoys[:1]
        frame = Frame(trig, toks, pred, actor, recipient, objects, passive, source, roles)
        if roles == "give":  # 弾薬を移転, 武器取引: what is given, by its class
            moved = [a.token for a in args if a.role == AGENT] + ([pred.head] if gap else []) \
                if trig.term in ARRIVALS else []  # 兵士がロシアに移動した: what moves is what is sent
            frame.goods = frozenset(c for t in objects + moved + [x for x in tok.children if x.dep_ == "compound" or (
                x.dep_ == "nmod" and marker_of(x) == "の" and not self.tok_mentions.get(x.i))]
                for c in [self.class_of(t)] if c)
        frame.gap = bool(gap) and any(m in gap for m in actor + recipient)
        if roles == "give" and not recipient:
            frame.stray = self.stray_goals(pred)
        return frame
