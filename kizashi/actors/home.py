"""The country a story is written from, for words that mean "ours" without saying whose.

A Japanese outlet's bare 政府 (「政府は24日、…追加制裁を決めた」) is the Japanese government, and its
bare 首相 the Japanese prime minister; the Japanese edition of a Korean outlet (【ソウル聯合ニュース】,
中央日報日本語版) means the South Korean government by the same words. The home state is read from
the story's dateline bracket and its copyright line; without either, a Japanese-language story is
taken to be written from Japan.
"""
from __future__ import annotations

import re

from kizashi.model import words

_DATELINE = re.compile(r"【([^】]{1,20})】|^\s*\[([^\]]{1,30})\]", re.M)
_COPYRIGHT = re.compile(r"(?i)(?:copyright|\(c\)|©)[^\n]{0,60}")
#: the states an outlet of which, in the dateline or copyright line, makes the story theirs
#: (a Japanese-language story written from elsewhere means that state by 政府)
HOME_STATES = {"KOR"}
#: words that mean the home state's government or its head when no state is named before them,
#: and words that always mean Japan's (a title only Japan has): data/wordclasses.tsv
HOME_WORDS = {w: "GOV" for w in words("home")}
JAPAN_WORDS = {w: "GOV" for w in words("japan")}
#: words of South Korean usage in Japanese (韓半島 for 朝鮮半島, 北韓 for 北朝鮮): a story using them
#: is written from South Korea, whatever its dateline
KOREAN_USAGE = words("korean_usage")


def home_state(text: str, gazetteer) -> str:
    """ISO code of the country the story is written from: the home country of an outlet named in
    its dateline bracket (【ソウル聯合ニュース】) or copyright line (Copyright YONHAPNEWS), when that
    is one of :data:`HOME_STATES`; else KOR for a story in South Korean usage (:data:`KOREAN_USAGE`);
    else JPN. Outlets and their countries are the gazetteer's
    (``organisations.tsv``, kind media)."""
    head, tail = text[:400], text[-300:]
    places = [m.group(1) or m.group(2) or "" for m in _DATELINE.finditer(head)]
    places += [m.group(0) for m in _COPYRIGHT.finditer(tail)]
    for place in places:
        for m in gazetteer.find(place):
            if m.kind == "media" and set(m.codes) & HOME_STATES:
                return next(c for c in m.codes if c in HOME_STATES)
    if any(w in text for w in KOREAN_USAGE):
        return "KOR"  # 韓半島, 北韓: words only a South Korean outlet writes
    return "JPN"
