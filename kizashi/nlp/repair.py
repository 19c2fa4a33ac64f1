"""Repairs of parser errors that news style makes predictable.

GiNZA reads each sentence on its own, and in the long sentences of wire copy it often hangs the
opening topic on the nearest predicate instead of the main one: in "X は 8日、 A が B を拡大し、
…として …を発表した" the parser makes X the subject of 拡大 and leaves 発表 without one. News
opens a sentence with who spoke and when ("X は 8日、"): when the main predicate is a verb of
saying with no subject of its own, that topic and date are its. The repair is applied to every
parse (kizashi.pipeline, tests/fast/handparse.py).
"""
from __future__ import annotations

TOPIC_MARKERS = ("は", "も")
SUBJECT_DEPS = ("nsubj", "obl")


def _marker(tok) -> str:
    return "".join(c.text for c in tok.children if c.dep_ == "case" and c.i > tok.i)


def _date_phrase(doc, i: int) -> int | None:
    """End (exclusive) of a bare day phrase at ``i`` (8日, 24日(現地時間)), or None."""
    j = i
    while j < len(doc) and doc[j].pos_ == "NUM":
        j += 1
    if j == i or j >= len(doc) or doc[j].text != "日":
        return None
    j += 1
    if j < len(doc) and doc[j].text in ("(", "（"):
        while j < len(doc) and doc[j].text not in (")", "）"):
            j += 1
        j += 1
    return j


def _after_dateline(doc) -> int:
    if len(doc) and doc[0].text in ("【", "["):
        return next((t.i + 1 for t in doc if t.text in ("】", "]")), 0)
    return 0


def opening_topic(doc):
    """The opening topic ``Xは`` (followed by a comma, or a day and a comma) and the day's token.

    What comes before X must all be X's own modifiers (…の意思決定機関である理事会は), after a
    dateline in brackets (【ロンドン=共同】)."""
    start = _after_dateline(doc)
    for tok in doc[start:]:
        if tok.dep_ in SUBJECT_DEPS and _marker(tok) in TOPIC_MARKERS:
            mine = {t.i for t in tok.subtree}
            if any(i not in mine for i in range(start, tok.i)):
                return None, None
            after = max([tok.i] + [c.i for c in tok.children if c.dep_ == "case"]) + 1
            day = None
            end = _date_phrase(doc, after) if after < len(doc) else None
            if end is not None:
                day = next((t for t in doc[after:end] if t.text == "日"), None)
                after = end
            if after < len(doc) and doc[after].text in ("、", ","):
                return tok, day
            return None, None
        if tok.dep_ == "ROOT":
            return None, None
    return None, None


def headline_lead(doc, root):
    """A headline's leading names before a comma (英国と韓国、…を非難) that the parser hung on the
    noun after the comma as one more name of a list: the lead's last noun, else None."""
    if any(t.text in ("。", "．") for t in doc):
        return None
    comma = next((t.i for t in doc[:8] if t.text in ("、", ",")), None)
    if comma is None or comma < 1:
        return None
    last = doc[comma - 1]
    if last.pos_ not in ("PROPN", "NOUN") or _marker(last) or last.dep_ not in ("nmod", "compound") or \
            last.head.i <= comma or last.head.i == root.i:
        return None
    # before it, only names joined by と/や/・ (英国と韓国, 米・韓)
    for t in doc[:comma - 1]:
        if t.pos_ not in ("PROPN", "NOUN", "ADP", "PUNCT") or (t.pos_ == "ADP" and t.text not in ("と", "や")) or (
                t.pos_ == "PUNCT" and t.text != "・"):
            return None
    return last


def genitive_over_quote(doc) -> None:
    """A genitive right before a quotation belongs to the noun right after it (ゼレンスキー氏の
    「北朝鮮はロシアの共犯」発言: the remark is his), not to a word inside the quotation, where the
    parser often hangs it."""
    for t in doc:
        case = next((c for c in t.children if c.dep_ == "case" and c.text == "の" and c.i == t.i + 1), None)
        if case is None or case.i + 1 >= len(doc) or doc[case.i + 1].text not in ("「", "『"):
            continue
        close = next((u.i for u in doc[case.i + 2:] if u.text in ("」", "』")), None)
        if close is None or close + 1 >= len(doc):
            continue
        noun = doc[close + 1]
        if noun.pos_ in ("NOUN", "PROPN") and case.i + 1 < t.head.i < close:
            t.head = noun
            t.dep_ = "nmod"


def mistagged_modifier(doc) -> None:
    """A noun the tagger made a conjunction (ロ朝 in ロ朝外相が会談, tag 名詞 but POS CCONJ), hung as
    a loose dependent, is a compound of the noun right after it."""
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if not (t.pos_ == "CCONJ" and t.tag_.startswith("名詞") and t.dep_ == "dep" and
                nxt.pos_ in ("NOUN", "PROPN") and t.head.i != nxt.i):
            continue
        chain = [a for a in nxt.ancestors]
        if any(a.i == t.i for a in chain):
            # ロ朝外相が会談 with 会談 hung on ロ朝: 会談 takes ロ朝's place first (no cycle)
            under = next((a for a in [nxt] + chain if a.head.i == t.i), None)
            if under is None or t.head.i == t.i:
                continue
            under.head = t.head
            under.dep_ = t.dep_
        t.head = nxt
        t.dep_ = "compound"


def blanked_asides(doc) -> None:
    """A blanked aside (kizashi.nlp.asides: 金正恩(キム・ジョンウン)総書記 parsed with the reading as
    spaces) is no word. Made a root of its own, what the parser hung on it hangs on the word after
    it, and it on that word; given a role in the sentence (拒否権(veto)を行使: the blank as the
    object), the word before it, whose aside it is, takes that role."""
    for t in doc:
        if t.text.strip() or t.i + 1 >= len(doc) or not doc[t.i + 1].text.strip():
            continue
        root = t.head.i == t.i
        prev = doc[t.i - 1] if t.i > 0 and doc[t.i - 1].text.strip() else None
        if not root and prev is not None and prev.head.i == t.i:
            head, dep = t.head, t.dep_
            for c in list(t.children):
                if c.i != prev.i:
                    c.head = prev
            prev.head, prev.dep_ = head, dep
            t.head, t.dep_ = prev, "dep"
            continue
        nxt = doc[t.i + 1]
        for c in list(t.children):
            if c.i == nxt.i:
                c.head = c if root else t.head
                if root:
                    c.dep_ = "ROOT"
            else:
                c.head = nxt
        if nxt.head.i == t.i:  # not among the children listed above (a stale list): keep it rooted
            nxt.head = nxt
        t.head = nxt
        t.dep_ = "dep"


NOMINAL = ("NOUN", "PROPN", "NUM")


def noun_as_marker(doc) -> None:
    """A noun the parser made a marker of the noun before it (朝鮮労働党代表団は: 代表団 hung on 党,
    tagged a symbol, as mark) is the head of the phrase: it takes that noun's place and role, and
    the particles after it."""
    for t in doc:
        h = t.head
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("mark", "case") or h.i != t.i - 1 or \
                h.pos_ not in ("NOUN", "PROPN", "SYM") or t.n_lefts or t.n_rights or \
                t.i + 1 >= len(doc) or doc[t.i + 1].pos_ != "ADP" or doc[t.i + 1].head.i != h.i:
            continue  # (大統領とも会談: とも, a particle the tagger made a noun, is no head)
        root = h.head.i == h.i
        t.head, t.dep_ = (t, "ROOT") if root else (h.head, h.dep_)
        for c in list(h.children):
            if c.i > t.i:
                c.head = t
        h.head, h.dep_ = t, "compound"


def stray_roots(doc) -> None:
    """A name the parser made a root of its own inside a noun phrase (韓国国家安保室の金泰孝第1次長は:
    金泰孝, unknown to it, became a second root) is a modifier of the noun phrase after it."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for r in roots[:-1]:
        if r.pos_ not in ("NOUN", "PROPN") or r.i + 1 >= len(doc) or doc[r.i + 1].pos_ not in NOMINAL:
            continue
        head = doc[r.i + 1]
        while head.dep_ in ("compound", "nummod") and head.head.i > head.i:
            head = head.head
        if head.i == r.i or head.pos_ not in ("NOUN", "PROPN") or any(a.i == r.i for a in head.ancestors):
            continue  # (a phrase already hung on the root: hanging the root on it would make a cycle)
        r.head = head
        r.dep_ = "compound"


def break_cycles(doc) -> None:
    """A repair must leave a tree: should heads set here ever loop (a hangs on b, b on a), the
    first token of the loop becomes a root of its own again, so that no walk up the tree runs for
    ever."""
    for t in doc:
        path, x = [], t
        while x.head.i != x.i and len(path) <= len(doc):
            path.append(x.i)
            x = x.head
            if x.i in path:
                first = doc[min(path[path.index(x.i):])]
                first.head, first.dep_ = first, "ROOT"
                break


def repair(doc, saying=frozenset()):
    """Hang a sentence's opening topic (and its day) on the main predicate, a verb of saying in
    ``saying`` (lemmas), when the parser hung it on an inner clause and the main predicate, active,
    has no subject of its own; and a headline's leading names before a comma on its last word.
    Returns ``doc``, a tree."""
    if not doc.has_annotation("DEP"):
        return doc
    try:
        return _repair(doc, saying)
    finally:
        break_cycles(doc)


def _repair(doc, saying):
    if any(not t.text.strip() for t in doc):
        blanked_asides(doc)
    stray_roots(doc)
    noun_as_marker(doc)
    roots = [t for t in doc[_after_dateline(doc):] if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return doc
    root = roots[0]
    mistagged_modifier(doc)
    genitive_over_quote(doc)
    lead = headline_lead(doc, root)
    if lead is not None:
        lead.head = root
        lead.dep_ = "nsubj"
        return doc
    topic, day = opening_topic(doc)
    if topic is None or topic.head.i == root.i or root.lemma_ not in saying:
        return doc
    if any(c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in root.children):
        return doc  # 〜と伝えられた: the topic may be the inner clause's own
    if any(c.dep_ == "nsubj" for c in root.children):
        return doc
    if not any(a.i == root.i for a in topic.ancestors):
        return doc
    topic.head = root
    topic.dep_ = "nsubj"
    if day is not None and day.head.i != root.i and day.dep_ == "obl":
        day.head = root
    return doc
