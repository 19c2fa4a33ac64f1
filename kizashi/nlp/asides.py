"""Asides in parentheses that the parser reads better as blanks.

Japanese news writes a person's reading or spelling in parentheses after the name
(金正恩(キム・ジョンウン)総書記, キム・ジョンウン(金正恩)総書記) and an acronym after a name
(多国間制裁監視チーム(MSMT), 大陸間弾道ミサイル(ICBM)発射). GiNZA then parses the parenthesis as
the head of the phrase, and the subject, its title and the trigger behind it are lost. The parser is
given the sentence with each such aside replaced by as many spaces: every character keeps its
offset, so tokens, actor mentions and evidence still point into the original text. The gazetteer,
the dates and the evidence read the original sentence.

An aside is blanked when it is the reading inside a person's mention, or when it holds only
katakana, Latin letters, digits and the punctuation of a romanised name, and names no actor of
its own (キーウ政権(ウクライナ) keeps its gloss: the gloss is who is meant).

A headline's ``=`` joins a second part to the first (ロ外相、金正恩氏と会談=平壌で, …と会談=外務省):
GiNZA reads it as a compound (会談=平壌) and loses the predicate; the parser is given the first part
only.
"""
from __future__ import annotations

import re

ASIDE = re.compile(r"[(（]([^()（）\n]{1,40})[)）]")
SPELLING = re.compile(r"[\u3041-\u3096\u30a1-\u30faー・A-Za-z0-9 　.\-'、,]+")
HEADLINE_JOIN = re.compile(r"(?<=[^\s【\[=＝])[=＝](?=[^\s】\]])")
#: a dateline or credit in brackets (【ソウル=共同】), whose = joins nothing
BRACKETED = re.compile(r"【[^】]*】|\[[^\]]*\]")


def blank_asides(text: str, mentions, offset: int = 0) -> str:
    """``text`` (a sentence starting at ``offset`` in the document) with its asides as spaces, and
    without what follows a headline's ``=``.

    ``mentions``: the actor mentions of the sentence (document offsets, ``kind``)."""
    if "。" not in text and ("=" in text or "＝" in text):
        brackets = [(m.start(), m.end()) for m in BRACKETED.finditer(text)]
        at = next((m.start() for m in HEADLINE_JOIN.finditer(text) if not any(a <= m.start() < b for a, b in brackets)), None)
        if at is not None:
            # the part after the headline's =, a place, a source or a second headline, is left out of
            # the parse (the parse is then shorter than the sentence; offsets before it hold)
            return blank_asides(text[:at], mentions, offset)
    if "(" not in text and "（" not in text:
        return text
    out = list(text)
    changed = False
    for m in ASIDE.finditer(text):
        a, b = m.start() + offset, m.end() + offset
        if m.start() == 0 or text[m.start() - 1] in " 　「『(（、。":
            continue  # an aside must follow a word
        inside_person = any(x.kind == "person" and x.start < a and b <= x.end for x in mentions)
        names_actor = any(a <= x.start and x.end <= b for x in mentions)
        if inside_person or (SPELLING.fullmatch(m.group(1)) and not names_actor):
            out[m.start():m.end()] = " " * (m.end() - m.start())
            changed = True
    return "".join(out) if changed else text
