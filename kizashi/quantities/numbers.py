"""Japanese numerals: ASCII digits, kanji numerals and mixed forms ("1万1000", "4万2千", "一万二千").

``parse_number`` returns the exact value or None; ``parse_vague`` gives the (low, high) bounds of
vague numerals built with 数 ("数百万" -> 1,000,000..9,999,999, "十数" -> 11..19).
Input is expected NFKC-normalised (ASCII digits, "," and ".").
"""
from __future__ import annotations

import re

KANJI_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "億": 10**8, "兆": 10**12}

#: A token of a numeral: an ASCII number (commas allowed between digit groups), a run of kanji
#: digits, a small unit, a big unit, or the vague digit 数.
_TOKEN = re.compile(
    r"(?P<arabic>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"|(?P<kdigits>[〇零一二三四五六七八九]+)"
    r"|(?P<small>[十百千])"
    r"|(?P<big>[万億兆])"
    r"|(?P<vague>数)"
)

#: Vague numerals that are a bare 数 ("数人"): several.
_BARE_VAGUE = (2.0, 9.0)


def _evaluate(s: str, vague_digit: int | None) -> float | None:
    """Evaluate a numeral; 数 counts as ``vague_digit`` (None: 数 makes the numeral invalid)."""
    s = s.strip()
    if not s:
        return None
    total = 0.0      # sum of finished big-unit groups
    section = 0.0    # value below the current big unit
    current: float | None = None  # pending digits not yet multiplied
    last_big = None  # magnitudes must decrease: 1万1000 fine, 1万1億 not
    last_small = None
    pos = 0
    seen = False
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m:
            return None
        pos = m.end()
        seen = True
        kind = m.lastgroup
        tok = m.group()
        if kind in ("arabic", "kdigits", "vague"):
            if current is not None:
                return None
            if kind == "arabic":
                current = float(tok.replace(",", ""))
            elif kind == "kdigits":
                current = float("".join(str(KANJI_DIGITS[c]) for c in tok))
            else:
                if vague_digit is None:
                    return None
                current = float(vague_digit)
        elif kind == "small":
            unit = SMALL_UNITS[tok]
            if last_small is not None and unit >= last_small:
                return None
            last_small = unit
            section += (current if current is not None else 1.0) * unit
            current = None
        else:
            unit = BIG_UNITS[tok]
            if last_big is not None and unit >= last_big:
                return None
            last_big = unit
            group = section + (current or 0.0)
            if group == 0.0 and current is None:
                group = 1.0  # "万" alone
            total += group * unit
            section, current, last_small = 0.0, None, None
    if not seen:
        return None
    return total + section + (current or 0.0)


def parse_number(s: str) -> float | None:
    """Exact value of a numeral ("6,000", "1万1000", "1.5億", "二〇二四", "三百"); None if vague or invalid."""
    if not isinstance(s, str) or "数" in s:
        return None
    try:
        return _evaluate(s, None)
    except (ValueError, OverflowError):
        return None


def parse_vague(s: str) -> tuple[float, float] | None:
    """Bounds of a vague numeral containing 数: "数百万" -> (1e6, 9999999), "十数" -> (11, 19)."""
    if not isinstance(s, str) or "数" not in s:
        return None
    s = s.strip()
    if s == "数":
        return _BARE_VAGUE
    try:
        low = _evaluate(s, 1)
        high9 = _evaluate(s, 9)
    except (ValueError, OverflowError):
        return None
    if low is None or high9 is None:
        return None
    if s.startswith("数"):
        # 数百万: the leading digit is unknown, so everything below the next power of ten.
        return low, low * 10 - 1
    return low, high9


def kanji_to_int(s: str) -> int | None:
    """Integer value of an exact numeral (kanji or digits), or None."""
    v = parse_number(s)
    if v is None or not v.is_integer():
        return None
    return int(v)
