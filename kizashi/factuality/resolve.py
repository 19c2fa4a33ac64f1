"""The final factuality of a mention: the modality read from the parse, then what the mention
as a whole says about it (its date, who says it, where it is told).

:func:`kizashi.factuality.modality.read_modality` reads the cues on the predicate's chain of
heads; this module applies the rules that need the finished mention:

* an event dated after the publication is planned or predicted: at least ``future``, unless its
  predicate (for an act of speech, the verb that says it) is in the past tense;
* a speech act (criticism, thanks, a demand) is the event itself: ``asserted``, not
  ``reported``, however it is quoted, unless a medium or a によると source tells it
  (「ロシアの政策を支持する」と述べた is asserted; 〜を称賛したと朝鮮中央通信が報じた is reported);
* an event named as background, by an event noun or in a relative clause describing someone
  (ロシアの侵攻を受けるウクライナ, 北朝鮮を訪問したラブロフ氏), is presupposed, not claimed:
  a report or a guess around it does not make it ``reported`` or ``uncertain``;
* an act told inside a quotation of someone's words (「北朝鮮軍が戦闘に参加した」と述べた) is
  that speaker's claim: ``reported``.
"""
from __future__ import annotations

from kizashi.factuality.modality import PRECEDENCE, Modality

#: events that are acts of speech: said by their own actor, they are asserted, not reported
from kizashi.model import SPEECH_TYPES  # noqa: E402


def more_restrictive(a: str, b: str) -> bool:
    """Is factuality ``a`` more restrictive than ``b`` (spec section 4)?"""
    return PRECEDENCE.index(a) < PRECEDENCE.index(b)


def final_factuality(mod: Modality, event_type: str, date: str | None, published_iso: str | None,
                     actor_codes: set, source_of_claim, background: bool = False, quoted: bool = False,
                     past: bool = False, described: bool = False) -> str:
    """``background``: the event is named by a noun or a relative clause describing someone;
    ``quoted``: it is told inside a quotation of someone's words; ``past``: its predicate is in the
    past tense (招いてくれた, 〜と伝えた), so a later date read for it (同会議に合わせて) makes no plan;
    ``described``: it is told in a relative clause on a noun (署名した協定)."""
    value = mod.factuality
    n = min(len(date or ""), len(published_iso or ""))
    if date and published_iso and date[:n] > published_iso[:n] and more_restrictive("future", value) and not past:
        value = "future"  # dated after publication (at the precision both have): planned or predicted
    # told by a medium, a によると source, or the reporter's hearsay (〜を伝えたということです)
    by_medium = mod.cue in ("によると", "ということ") or any(e.sector == "MED" for e in source_of_claim)
    if value == "reported" and event_type in SPEECH_TYPES and not by_medium:
        value = "asserted"  # the speaker's own words are the event (「…を支持する」と述べた)
    elif value == "future" and (background or described) and past and not quoted:
        value = "asserted"  # 4月に署名した協定の批准が年内に終わる見通し: the signing is done, the plan is another's
    elif value in ("reported", "uncertain") and background and not quoted:
        # presupposed, not what the source claims or guesses (ロシアのウクライナ侵攻で使われたとみられる
        # ミサイル: the invasion is a fact); inside a quotation: the speaker's words
        value = "asserted"
    elif value == "asserted" and quoted and event_type not in SPEECH_TYPES:
        value = "reported"  # the quoted speaker's claim
    return value
