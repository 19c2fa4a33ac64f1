"""Filling an event's roles, from the most to the least certain source.

A frame (:mod:`kizashi.events.frames`) names the participants its own clause gives: the
dependency frame, then the clause's and the sentence's topic. What it leaves empty is asked of
the discourse (:mod:`kizashi.actors.discourse`), in this order:

=============  ======================================================================  ======
how            where the role comes from                                               weight
=============  ======================================================================  ======
``frame``      the predicate's own arguments (or the noun's modifiers)                 1.0
``clause``     a shared or topical subject of the same sentence                        0.9
``discourse``  the salient subject or the same kind of event within three sentences    0.75
``story``      the same kind of event earlier in the story                             0.6
``prior``      what is known of the world at the story's date (an ongoing war)         0.6
=============  ======================================================================  ======

The mention's confidence is its trigger's times the weight of its least certain role.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kizashi.actors import conflicts, flows, treaties
from kizashi.actors.coref import WAR_NAMES
from kizashi.actors.discourse import DiscourseModel, codes, quoted_words
from kizashi.actors.gazetteer import ActorMention
from kizashi.events.frames import EXERCISES, VETOES, Frame, supposed
from kizashi.events.speech import HOSTILE
from kizashi.model import words
from kizashi.records import Entity

WEIGHTS = {"frame": 1.0, "clause": 0.9, "discourse": 0.75, "story": 0.6, "prior": 0.6}
#: the weight of the old single-source scheme, by where the actor came from (kept for the actor)
SOURCE_HOW = {"explicit": "frame", "topic": "clause", "context": "discourse"}


@dataclass
class Attachment:
    actor: list             # ActorMention
    recipient: list
    actor_how: str
    recipient_how: str
    recalled_actor: bool = False       # the actor is not named in this sentence
    recalled_recipient: bool = False
    visits: list = field(default_factory=list)  # visits just told between the parties (discourse.Told)

    @property
    def weight(self) -> float:
        return min(WEIGHTS[self.actor_how], WEIGHTS[self.recipient_how])


def known(code: str, gazetteer) -> ActorMention:
    """A participant the text does not name here, known from the world (no offsets)."""
    name = gazetteer.lookup(code).get("name", code)
    return ActorMention(0, 0, name, (Entity(code, name),), "state")


def one_ally(side_codes: set, story_date: str | None, gazetteer) -> list:
    """The one ally of these sides in a war under way at the story's date, as a participant known
    from the world (``data/conflicts.tsv``), or nothing when there is none or more than one."""
    ally = sorted(conflicts.allies(side_codes, story_date))
    return [known(ally[0], gazetteer)] if len(ally) == 1 else []


ELSEWHERE = words("elsewhere")
#: nouns of a meeting that, told with no side, are the meeting the story told (data/wordclasses.tsv)
MEETINGS = words("meeting_told")
#: invitations: the one invited is the visitor of the visit told with them
INVITATIONS = words("invitation")


def sent_elsewhere(fr: Frame) -> bool:
    """Does the giving predicate name where the thing went as places that are no ally (技術者を各地に
    送る, 海外に派遣): then the war's ally is not the receiver."""
    return any(c.dep_ in ("obl", "iobj") and c.lemma_ in ELSEWHERE and any(
        g.dep_ == "case" and g.lemma_ in ("に", "へ") for g in c.children)
        for c in fr.pred.subtree if c.i < fr.pred.i)


def one_enemy(side_codes: set, story_date: str | None, gazetteer) -> list:
    """The one side these fight in a war under way at the story's date, as a participant known from
    the world (``data/conflicts.tsv``), or nothing when there is none or more than one."""
    enemy = sorted(set(conflicts.opponents(side_codes, story_date)) - set(side_codes))
    return [known(enemy[0], gazetteer)] if len(enemy) == 1 else []


def event_parties(fr: Frame, frames: list[Frame]) -> list:
    """The doers of the event a reaction is about, told inside its own clause (北朝鮮の対ロ軍事
    協力で追加制裁; 協力に深刻な懸念を表明): the frames whose predicate depends on ``fr``'s."""
    mine = {c for m in fr.actor for c in m.codes if c}
    inside = []
    for f in frames:
        if f is fr or f.pred.i == fr.pred.i:
            continue
        t, steps = f.pred, 0
        while t.head.i != t.i and steps < 4 and t.i != fr.pred.i:
            t, steps = t.head, steps + 1
        if t.i == fr.pred.i:
            inside.append(f)
    if fr.trigger.event_type == "REJECT":
        # 日本が非難したことを受け反発: a rejection answers whoever spoke or acted against one
        for f in inside:
            if f.trigger.event_type in REACTIONS:
                out = [m for m in f.actor if set(m.codes) - mine and any(m.codes)]
                if out:
                    return out
    for f in inside:
        parties = f.actor + f.recipient  # 武器調達に関連し制裁: the giver and the receiver are both at issue
        out = [m for m in parties if set(m.codes) - mine and any(m.codes)]
        if out:
            return out
    return []


#: nouns of a return for something given (派兵の見返り, 支援の対価)
RETURNS = {"見返り", "代価", "対価", "代償", "引き換え"}


def _paid_back(fr: Frame, frames) -> Frame | None:
    """The giving in the same sentence that ``fr`` (an event noun hung on 見返り) is the return for."""
    head = fr.pred.head
    if head.lemma_ not in RETURNS or fr.pred.dep_ not in ("nmod", "compound"):
        return None
    return next((f for f in frames if f is not fr and f.trigger.event_type == "AID" and
                 codes(f.actor) and not codes(f.actor) & codes(f.recipient)), None)


def _in_return_for(fr: Frame, frames, discourse: DiscourseModel, index: int) -> tuple[list, list] | None:
    """(giver, receiver) of the giving a giving told as its return is for (その見返りとして…提供,
    派兵の見返りに…送った): in the phrase of 見返り itself, else the last giving the story told."""
    near, t = list(fr.pred.children), fr.pred
    while t.dep_ in ("acl", "nsubj", "obj") and t.head.i != t.i and len(near) < 40:
        t = t.head  # 見返りとして…受け取る可能性がある: the return phrase hangs on what frames the giving
        near += list(t.children)
    ret = next((c for c in near if c.lemma_ in RETURNS and c.i < fr.pred.i), None)
    if ret is None:
        return None
    inside = {t.i for t in ret.subtree}
    paid = next((f for f in frames if f is not fr and f.trigger.event_type == "AID" and f.pred.i in inside
                 and codes(f.actor)), None)
    if paid is not None:
        return paid.actor, paid.recipient
    giver = discourse.doer(("AID",), set(), index)
    receiver = discourse.counterpart(("AID",), codes(giver), index) if giver else []
    return (giver, receiver) if giver and receiver else None


def _listed_with(fr: Frame, frames) -> Frame | None:
    """The frame of the event noun that ``fr``'s noun is listed with (AのBやCのD: B with D), when
    that frame names its doer."""
    tok = fr.pred
    if not fr.nominal or not any(c.dep_ == "case" and c.lemma_ in ("や", "と") for c in tok.children):
        return None
    heads, h = [], tok.head
    for _ in range(2):  # (兵士の派遣: the parser may hang the first noun on the second's genitive)
        heads.append(h.i)
        if h.dep_ not in ("nmod", "compound") or h.head.i == h.i:
            break
        h = h.head
    return next((f for f in frames if f is not fr and {t.i for t in f.tokens} & set(heads) and
                 tok.i not in {t.i for t in f.tokens} and any(m.codes for m in f.actor) and not f.quoted), None)


def attach(fr: Frame, index: int, discourse: DiscourseModel, story_date: str | None = None,
           gazetteer=None, frames: list[Frame] = ()) -> Attachment:
    """The participants of ``fr``, found in sentence ``index`` or recalled from the discourse;
    ``frames``: the other frames of the sentence."""
    etype = fr.trigger.event_type
    # an outlet reports, it is no side of what it reports (CNNが入手した動画では…退却している)
    actor_ms, how = [m for m in fr.actor if m.kind != "media"], SOURCE_HOW.get(fr.source, "discourse")
    recalled_actor = False
    quoted = fr.quoted and etype not in SPEECH_ACTS
    # 声明は…約束した: the issuer was named before this sentence (not a doer inside it)
    # 「ロシアは北朝鮮から…」とも批判した: the speaker of words quoted in this sentence is not one
    # of the parties in them, nor the doer of what they tell
    speaks_quote = etype in SPEECH_ACTS and not codes(actor_ms) and bool(quoted_words(fr.pred.doc.text))
    recalled = discourse.salient_subject(index, avoid=codes(fr.recipient),
                                         before=quoted or fr.by_document or speaks_quote)
    listed = _listed_with(fr, frames) if not codes(actor_ms) and fr.roles != "mutual" else None
    if listed is not None:
        # 北朝鮮は砲弾の供与や兵士の派遣を続けている: events listed together have one doer
        actor_ms, how = [m for m in listed.actor if m.kind != "media"], "clause"
    lead = discourse.headline_subject(index) if not codes(actor_ms) and fr.roles != "mutual" else []
    if codes(lead) - codes(fr.recipient):
        # 政府　ロシアへの制裁決定: the name alone before the space is the subject
        actor_ms, how = lead, "clause"
    if not codes(actor_ms) and fr.roles == "unary" and fr.source == "context":
        # 発射は…中に行われた: the launch the story told, by whoever launched it (not the last speaker)
        earlier = discourse.doer((etype,), set(), mode=fr.trigger.mode)
        if earlier:
            actor_ms, how, recalled_actor = earlier, "story", True
    credited = discourse.headline_speaker(index) if not codes(actor_ms) and etype in SPEECH_ACTS else []
    if codes(credited) - codes(fr.recipient):
        # 露朝の軍事協力を懸念=英外務省報道官: the headline's speaker after its =
        actor_ms, how = credited, "clause"
    if not codes(actor_ms) and etype in SPEECH_ACTS and fr.source == "context":
        # 〜と批判した。また、…を要求。: a statement reported over several sentences is its speaker's
        speaker = discourse.speaker(index, avoid=codes(fr.recipient))
        if speaker:
            actor_ms, how, recalled_actor = speaker, "discourse", True
    if not codes(actor_ms) and fr.roles != "mutual" and fr.source == "context" and recalled and not fr.said_passive:
        # (兵士がロシアに送られたとの見方を示した: not by the one who says so, nor by the story's subject)
        actor_ms, how, recalled_actor = recalled, "discourse", True
    if etype == "MOBILIZE" and fr.trigger.term in EXERCISES and how in ("discourse", "story") and \
            fr.tokens[-1].dep_ != "obj":
        # 訓練は3日間行われた, 訓練には空母も参加した: the drill the story told, whoever held it (often
        # not the side just named, who reacted to it); a drill held (訓練を行った) is told anew
        actor_ms, how, recalled_actor = [], "frame", False
    actor_ms = [discourse.resolve_anaphor(m, index) for m in actor_ms]
    recipient_ms, rhow, recalled_recipient = [m for m in fr.recipient if m.kind != "media"], "frame", False
    if listed is not None and listed.trigger.event_type == etype and not codes(recipient_ms):
        recipient_ms, rhow = [m for m in listed.recipient if m.kind != "media"], "clause"  # and one receiver
    actor_key = tuple(sorted(codes(actor_ms)))
    # a denial is aimed at no one; a request of a group (加盟国に求めた) at no one the story named
    two_sided = fr.roles in ("give", "receive", "target", "with") and not fr.denial and not (
        etype == "REQUEST" and any(m.kind == "group" for m in recipient_ms))
    if two_sided and not codes(recipient_ms):
        earlier = discourse.recipient_of(etype, actor_key, index)
        if earlier:
            # 同国はこれまでに計1万5000人を送り込んだ: to whom, the previous sentence said
            recipient_ms, rhow, recalled_recipient = earlier, "discourse", True
    if etype == "ACCUSE" and not codes(recipient_ms):
        reported = discourse.just_reported(index)
        if reported and codes(reported) - codes(actor_ms):
            # 北朝鮮はミサイルを発射した。首相は「容認できない」と非難した: the one just reported
            recipient_ms, rhow, recalled_recipient = reported, "discourse", True
    if fr.roles == "give" and not codes(recipient_ms):
        # 北朝鮮がロシアに武器を積んだコンテナを送る: the goal the parser hung on another word
        for ms in fr.stray:
            if codes(ms) - codes(actor_ms):
                recipient_ms, rhow = ms, "clause"
                break
    if etype == "AGREE" and fr.trigger.term in INVITATIONS and not codes(recipient_ms):
        # 習主席の招待を受けて金総書記が訪中した: the invited is the one who visits
        guests = [m for f in frames if f is not fr and f.trigger.event_type == "CONSULT"
                  for m in f.actor if set(m.codes) - codes(actor_ms) and any(m.codes)]
        if guests:
            recipient_ms, rhow = guests[:1], "clause"
    if etype == "PROTEST" and not codes(recipient_ms):
        # 集会を開き、北朝鮮軍の撤退を求めた: a rally is against those its demands are made of
        made_of = [f.recipient for f in frames if f is not fr and f.trigger.event_type in ("REQUEST", "ACCUSE")
                   and codes(f.recipient) - codes(actor_ms)]
        if made_of:
            recipient_ms, rhow = made_of[0], "clause"
    if etype in REACTIONS and two_sided and fr.roles == "target" and not codes(recipient_ms):
        # 北朝鮮の対ロ軍事協力で追加制裁: against those who did what it reacts to
        doers = event_parties(fr, list(frames))
        if doers:
            recipient_ms, rhow = doers, "clause"
    if etype in ("ACCUSE", "SUPPORT") and codes(recipient_ms) and rhow in ("frame", "clause"):
        # ロシアへの軍事支援を非難した, ウクライナ侵攻を支持する: the condemned or backed is who gave
        # the help or made the attack, not who got it
        for f in frames:
            head = f.pred.head
            if f.pred.dep_ == "nmod" and any(c.dep_ == "case" and c.lemma_ in ("や", "と") for c in f.pred.children):
                head = head.head  # 軍事支援や核開発を非難: one of the listed objects
            if f is fr or f.trigger.event_type not in HOSTILE or head.i not in (fr.pred.i, fr.tokens[-1].i):
                continue  # (ロシアによる侵攻への支持を表明: the attack named on the noun of support)
            # (the attack's doer may have leaked into the backers: ロシアによる…侵攻への支持)
            leaked = bool(codes(f.actor) & codes(actor_ms)) and bool(codes(actor_ms) - codes(f.actor))
            doers = [m for m in f.actor if any(m.codes) and (set(m.codes) - codes(actor_ms) or leaked)]
            if not codes(f.actor) and f.trigger.event_type == "AID" and gazetteer is not None:
                doers = one_ally(codes(f.recipient), story_date, gazetteer)  # as the help's own sender
            elif not codes(f.actor) and f.trigger.event_type == "ASSAULT" and gazetteer is not None:
                doers = one_enemy(codes(f.recipient), story_date, gazetteer)  # ウクライナ侵攻: Russia's
            if doers and codes(recipient_ms) <= codes(f.recipient) | codes(f.actor) and \
                    not codes(recipient_ms) <= codes(doers):
                recipient_ms = doers
                # the doer named on the attack is no backer of it (北朝鮮の総書記は、ロシアによる…)
                mine = [m for m in actor_ms if not set(m.codes) & codes(doers)]
                actor_ms = mine if codes(mine) else actor_ms
                break
    if etype == "SANCTION" and two_sided and codes(actor_ms) and not codes(recipient_ms):
        # 〜を非難する共同声明を発表したことを受けて、独自制裁の対象を指定した: against the condemned
        condemned = discourse.accused(codes(actor_ms), index)
        if condemned:
            recipient_ms, rhow = condemned, "discourse"
    if etype in SPEECH_ACTS and two_sided and codes(actor_ms) and not codes(recipient_ms):
        # 金正恩氏は謝意を表した: to the one the actor dealt with just before (the visitor)
        other = discourse.partners(codes(actor_ms), index, reach=1)
        if other:
            recipient_ms, rhow, recalled_recipient = other, "discourse", True
    if etype == "CONSULT" and fr.roles == "with" and not (codes(actor_ms) and codes(recipient_ms)) and (
            not fr.nominal or fr.tokens[-1].dep_ in ("obj", "nsubj")):
        # 会談では…協議が行われた, ベロウソフ氏はメッセージも伝達した, 金総書記との会談を終えた: the
        # meeting just told
        met = discourse.latest_meeting(index)
        if met is None and fr.trigger.term in MEETINGS and not (codes(fr.actor) or codes(fr.recipient)):
            # 会談はおよそ2時間続いた, told paragraphs after 「両首脳が会談した」 with no side named:
            # the meeting the story told last, as it was told (the visitor first)
            met = discourse.latest_meeting(index, reach=None)
            if met is not None and codes(met.recipient):
                actor_ms, recipient_ms = [], []
        sides = met.actor + met.recipient if met is not None else []
        named = codes(actor_ms) | codes(recipient_ms)
        if met is not None and (not named or named & codes(sides)):
            if not codes(actor_ms):
                actor_ms = [m for m in sides if set(m.codes) - codes(recipient_ms)] if codes(recipient_ms) else met.actor
                how, recalled_actor = "discourse", True
            if not codes(recipient_ms):
                recipient_ms = [m for m in sides if set(m.codes) - codes(actor_ms)]
                rhow, recalled_recipient = "discourse", True
    if fr.roles == "mutual" and len(codes(actor_ms)) == 1:
        # 訪問して条約を締結した, 会談し…で合意した: the partner of the event just told
        other = discourse.partners(codes(actor_ms), index, reach=0)
        if not other and etype == "SUPPORT":
            other = discourse.cosigners(etype, codes(actor_ms))  # the treaty the story told
        if other:
            actor_ms, how = actor_ms + other, "discourse"
    if two_sided and codes(actor_ms) and not codes(recipient_ms) and etype in STORY_TYPES:
        # 北朝鮮の派兵: to whom, the story has said (the same kind of event by the same actor)
        earlier = discourse.counterpart((etype,), codes(actor_ms), mode=fr.trigger.mode)
        if earlier:
            recipient_ms, rhow, recalled_recipient = earlier, "story", True
    if two_sided and not codes(actor_ms) and etype in STORY_TYPES and (
            codes(recipient_ms) or not fr.nominal or fr.denied) and not (
            fr.nominal and etype == "ASSAULT" and fr.trigger.term in WAR_NAMES):
        # (ウクライナ戦争, ウクライナ侵攻 with no attacker named: the war's name, no act told)
        # 人が派遣されている, 兵士のロシア派遣: who did it, the story has said (a bare event noun
        # with no side named, その支援, is a back-reference, not a new telling, unless a denial is
        # of it: 派兵の事実を認めていない)
        earlier = discourse.doer((etype,), codes(recipient_ms), mode=fr.trigger.mode)
        if earlier:
            actor_ms, how, recalled_actor = earlier, "story", True
            if not codes(recipient_ms):
                recipient_ms = discourse.counterpart((etype,), codes(earlier), mode=fr.trigger.mode)
                rhow, recalled_recipient = "story", True
    if etype == "ASSAULT" and gazetteer is not None and not codes(actor_ms) and codes(recipient_ms) and \
            fr.trigger.term not in WAR_NAMES and fr.roles == "target" and fr.trigger.term not in ENGAGEMENTS:
        # ウクライナへの攻撃に使われた: an attack on a side of a war under way, by no one named, is by
        # the one side it fights (not for a war's name: ウクライナ侵攻)
        enemy = one_enemy(codes(recipient_ms), story_date, gazetteer)
        if enemy:
            actor_ms, how, recalled_actor = enemy, "prior", True
    if etype == "COERCE" and gazetteer is not None and codes(recipient_ms) and (
            not codes(actor_ms) or (how != "frame" and codes(actor_ms) <= codes(recipient_ms))):
        # 北朝鮮兵2人は捕虜となった, 捕虜になった北朝鮮兵: taken by the one side their state fights in
        # a war under way (not by themselves, the topic of the sentence)
        held_in = [m for m in fr.venue if m.kind == "state" and set(m.codes) - codes(recipient_ms)]
        enemy = held_in or one_enemy(codes(recipient_ms), story_date, gazetteer)
        if enemy:
            # (ロシアで捕虜となっている兵士: held by the state they are held in)
            actor_ms, how, recalled_actor = enemy, "clause" if held_in else "prior", not held_in
    if etype == "ASSAULT" and codes(recipient_ms) and \
            codes(recipient_ms) <= conflicts.allies(codes(actor_ms), story_date):
        # 参戦した兵士: a fight is not against one's ally, whatever the story said before; nor is a
        # fight beside it (ロシア軍とともに戦闘に参加, ロシアのために戦う, ロシア側に加わる), whatever
        # the parser made of the ally's phrase
        recipient_ms, rhow, recalled_recipient = [], "frame", False
    if etype == "ASSAULT" and gazetteer is not None and codes(actor_ms) and not codes(recipient_ms):
        # ロシアの侵攻, 戦闘に参加した北朝鮮兵: the other side of a war under way at the story's date
        # (a fight whose attacker the text leaves out is not given one: ウクライナ侵攻 as a name)
        other = [c for c in conflicts.opponents(codes(actor_ms), story_date) if c not in codes(actor_ms)]
        if other:
            recipient_ms, rhow, recalled_recipient = [known(other[0], gazetteer)], "prior", True
    if etype == "AID" and fr.roles == "give" and gazetteer is not None and not codes(recipient_ms) and \
            len(codes(actor_ms)) == 2:
        # 露朝間の武器取引, 北朝鮮とロシアの弾薬移転: told as between two, the way it is known to go
        way = flows.direction(codes(actor_ms), fr.goods, story_date)
        if way is not None:
            actor_ms, recipient_ms = [known(way[0], gazetteer)], [known(way[1], gazetteer)]
            rhow, recalled_recipient = "prior", True
    if etype == "AID" and fr.nominal and not codes(actor_ms) and not codes(recipient_ms):
        # 派兵の見返りとしてロシアが防空装備を提供した: what is paid back was given by the one who
        # now receives, to the one who now gives
        paid = _paid_back(fr, frames)
        if paid is not None:
            actor_ms, recipient_ms, how, rhow = paid.recipient, paid.actor, "clause", "frame"
    paid_for = _in_return_for(fr, frames, discourse, index) if etype == "AID" and fr.roles in ("give", "receive") else None
    if paid_for is not None:
        # その見返りとして戦闘機が提供される: a return goes back, from the one paid to the one who paid
        giver, receiver = paid_for
        if not codes(actor_ms) or (how != "frame" and codes(actor_ms) == codes(giver)) or \
                codes(actor_ms) == codes(receiver):
            actor_ms, how = receiver, how if codes(actor_ms) == codes(receiver) else "discourse"
            if not codes(recipient_ms) or rhow != "frame" or codes(recipient_ms) == codes(receiver):
                recipient_ms, rhow, recalled_recipient = giver, "discourse", True
    if etype == "AID" and fr.roles == "give" and gazetteer is not None and codes(actor_ms) and \
            (fr.trigger.mode == "troops" or "troops" in fr.goods) and codes(recipient_ms) and \
            codes(recipient_ms) <= set(conflicts.opponents(codes(actor_ms), story_date)):
        # 北朝鮮兵はウクライナに送られた: troops sent into the enemy's land went to fight for an ally
        # (what is handed to the enemy, prisoners or bodies in an exchange, is not troops)
        ally = one_ally(codes(actor_ms), story_date, gazetteer)
        if ally:
            recipient_ms, rhow, recalled_recipient = ally, "prior", True
    # a giving by a giver named in the sentence, not sent to places that are no party (各地, 海外)
    sent_by_named = etype == "AID" and gazetteer is not None and fr.roles == "give" and \
        how in ("frame", "clause") and bool(codes(actor_ms)) and not sent_elsewhere(fr)
    if sent_by_named and not codes(recipient_ms) and not fr.quoted:
        # 北朝鮮が派遣した約1万人の兵士, ロシアの技術的な支援: what a side of a war under way sends or
        # gives, to no one named, goes to its ally in that war
        ally = one_ally(codes(actor_ms), story_date, gazetteer)
        if ally:
            recipient_ms, rhow, recalled_recipient = ally, "prior", True
    if sent_by_named and not codes(recipient_ms) and fr.goods:
        # 北朝鮮は大量の砲弾を送った, to no one named, in 2023: goods its giver is known to send to one
        # receiver at the story's date went there (data/flows.tsv)
        to = flows.receiver(codes(actor_ms), set(fr.goods), story_date)
        if to:
            recipient_ms, rhow, recalled_recipient = [known(to, gazetteer)], "prior", True
    if etype == "SUPPORT" and fr.roles == "mutual" and not codes(actor_ms):
        # 訪問中に条約が調印された: between the two sides of the visit just told
        met = discourse.meeting_parties(index)
        if met:
            actor_ms, how = met, "clause"
    if etype == "SUPPORT" and fr.roles == "mutual" and gazetteer is not None and len(codes(actor_ms)) < 2:
        # 昨年調印された包括的戦略パートナーシップ条約: a treaty known by name is of its parties
        parties = treaties.parties_of(fr.pred.doc.text, codes(actor_ms), story_date)
        if parties:
            actor_ms = actor_ms + [known(c, gazetteer) for c in sorted(parties - codes(actor_ms))]
            how = "prior" if not codes(fr.actor) else "discourse"
    if etype == "AID" and gazetteer is not None and not codes(actor_ms) and codes(recipient_ms) and \
            fr.roles == "give" and rhow == "frame":
        # 兵士のロシア派遣, with no sender in the text or the story: sent by the receiver's one ally
        # in a war under way
        ally = one_ally(codes(recipient_ms), story_date, gazetteer)
        if ally:
            actor_ms, how, recalled_actor = ally, "prior", True
    if fr.trigger.term in VETOES and rhow != "frame":
        recipient_ms, rhow, recalled_recipient = [], "frame", False  # a veto is aimed at no one recalled
    if fr.roles in ("mutual", "unary"):
        rhow = "frame"
    if supposed(fr.pred):
        # 一方が侵攻を受けた場合: a case supposed has only the sides it names; none the sentence's
        # topic, the story or the world could supply
        if how != "frame":
            actor_ms, recalled_actor = [], False
        if rhow != "frame":
            recipient_ms, recalled_recipient = [], False
    visits = discourse.visits_between(codes(actor_ms) | codes(recipient_ms), index) if etype == "CONSULT" else []
    return Attachment(actor_ms, recipient_ms, how, rhow, recalled_actor, recalled_recipient, visits)


#: events that react to another event and are aimed at its doers
REACTIONS = {"SANCTION", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"}
#: fights told from either side (戦闘に参加, 参戦): who is named with them may be an ally
ENGAGEMENTS = {"交戦", "戦闘", "参戦", "戦闘参加", "激戦"}
#: acts of speech and attitude: said to someone
SPEECH_ACTS = {"SUPPORT", "ACCUSE", "REQUEST", "AGREE", "REJECT", "THREATEN"}
#: types whose left-out side is the same as in the story's earlier events of the type
STORY_TYPES = {"AID", "SANCTION", "ASSAULT"}
