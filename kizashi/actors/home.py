"""The country a story is written from, for words that mean "ours" without saying whose.

A Japanese outlet's bare 政府 (「政府は24日、…追加制裁を決めた」) is the Japanese government, and its
bare 首相 the Japanese prime minister; the Japanese edition of a Korean outlet (【ソウル聯合ニュース】,
中央日報日本語版) means the South Korean government by the same words. The home state is read from
the story's dateline bracket and its copyright line; without either, a Japanese-language story is
taken to be written from Japan.
"""
from __future__ import annotations

import re

#: outlets writing from South Korea, as their datelines and copyright lines name them
KOREAN_OUTLETS = ("聯合ニュース", "聯合", "YONHAP", "Yonhap", "中央日報", "朝鮮日報", "東亜日報", "ハンギョレ",
                  "京郷新聞", "韓国日報", "ソウル新聞", "ニューシス", "NEWSIS", "KBS", "MBC", "SBS")
_DATELINE = re.compile(r"【([^】]{1,20})】|^\s*\[([^\]]{1,30})\]", re.M)
#: words that mean the home state's government or its head when no state is named before them
HOME_WORDS = {"政府": "GOV", "首相": "GOV", "総理": "GOV"}
#: words that always mean Japan's (a title only Japan has)
JAPAN_WORDS = {"官房長官": "GOV"}


def home_state(text: str) -> str:
    """ISO code of the country the story is written from: KOR for a Korean outlet, else JPN."""
    head, tail = text[:400], text[-300:]
    for m in _DATELINE.finditer(head):
        inside = m.group(1) or m.group(2) or ""
        if any(o in inside for o in KOREAN_OUTLETS):
            return "KOR"
    if re.search(r"(?i)copyright.{0,20}yonhap|\(c\)\s*聯合|聯合ニュース\s*$", tail):
        return "KOR"
    return "JPN"
