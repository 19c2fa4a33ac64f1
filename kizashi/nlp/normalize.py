"""Character normalisation (NFKC with a few Japanese-friendly exceptions) plus an offset map.

The text is cut into clusters: a base character with the combining marks, half-width voiced
sound marks (ﾞ ﾟ) and Hangul conjoining jamo that follow it. Each cluster is normalised on its
own and every character it produces maps back to the cluster's first index in the original
(an unchanged cluster maps character by character, as unchanged text does), so
an offset in the normalised text always lands on the same character of the original text:
``ｶﾞｽ`` -> ``ガス`` maps ``ガ`` to 0 and ``ス`` to 2; ``①`` -> ``1``; ``㈱`` -> ``(株)`` maps all three
characters to the ``㈱``.

Differences from plain NFKC: the full-width tilde ``～`` becomes the wave dash ``〜`` (which NFKC
keeps), so number ranges stay visible; the spacing sound marks ``゛`` ``゜`` stay as they are
(NFKC turns them into a space plus a combining mark); a half-width ``ﾞ``/``ﾟ`` that cannot join
the character before it becomes ``゛``/``゜`` rather than a dangling combining mark.

Invisible characters (zero-width space and joiners, word joiner, soft hyphen, BOM inside the
text, bidirectional marks, embeddings, overrides and isolates, variation selectors, tags) are
dropped: they join the cluster of the character before them, like a combining mark, so that
``北\u200b朝鮮`` normalises to ``北朝鮮`` (the gazetteer and the trigger lexicon see the word) while
the span of ``北`` still covers the invisible character after it. A cluster made only of invisible
characters (at the very start of the text) is kept as it is: nothing normalises to nothing.
A lone surrogate (``\ud800``, which cannot be encoded in UTF-8 and breaks the parser) becomes
U+FFFD, one character for one, so offsets are unchanged.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Per-character replacements applied instead of NFKC.
_SPECIAL = {
    "\uff5e": "\u301c",  # ～ FULLWIDTH TILDE -> 〜 WAVE DASH
    "\u301c": "\u301c",  # 〜 stays
    "\u309b": "\u309b",  # ゛ stays (NFKC: " \u3099")
    "\u309c": "\u309c",  # ゜ stays (NFKC: " \u309a")
}
_HALF_VOICED = {"\uff9e": ("\u3099", "\u309b"), "\uff9f": ("\u309a", "\u309c")}

#: invisible characters that normalisation drops (see the module docstring)
IGNORABLE_RE = re.compile(
    "[\u00ad\u034f\u061c\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f\ufeff\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def is_ignorable(c: str) -> bool:
    """Whether normalisation drops the character ``c`` (zero-width, bidi control, selector)."""
    return IGNORABLE_RE.match(c) is not None


# Characters that NFKC keeps, that never join the character before them and that the
# overrides leave alone: runs of them are copied with an identity map (the speed path).
_STABLE_RUN = re.compile(
    "[\t\n\r\x20-\x7e\u3001-\u3003\u3005-\u3011\u3014-\u301c"
    "\u3041-\u3096\u30a1-\u30fa\u30fb\u30fc\u4e00-\u9fff]{8,}")


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text with a map back to the original.

    ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the index in ``original`` of the
    first source character of the cluster that produced ``text[i]`` (of ``text[i]`` itself when
    the cluster is unchanged); ``offsets[-1] == len(original)``. It is non-decreasing.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Index in ``original`` of the source character of ``text[i]`` (``i == len(text)`` maps
        to ``len(original)``)."""
        if not 0 <= i <= len(self.text):
            raise IndexError(f"normalised index {i} out of range 0..{len(self.text)}")
        return self.offsets[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering whole source characters for the normalised span
        ``[start, end)``: it starts at the source of ``text[start]`` and ends after the source
        cluster of ``text[end - 1]``. An empty span maps to an empty span."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"normalised span ({start}, {end}) out of range 0..{len(self.text)}")
        o_start = self.offsets[start]
        if start == end:
            return o_start, o_start
        last = self.offsets[end - 1]
        # First entry past the cluster of text[end-1]; offsets[-1] == len(original) > last.
        return o_start, self.offsets[bisect_right(self.offsets, last, lo=end - 1)]


def _is_hangul_l(c: str) -> bool:
    return "\u1100" <= c <= "\u115f" or "\ua960" <= c <= "\ua97c"


def _is_hangul_v(c: str) -> bool:
    return "\u1160" <= c <= "\u11a7" or "\ud7b0" <= c <= "\ud7c6"


def _is_hangul_t(c: str) -> bool:
    return "\u11a8" <= c <= "\u11ff" or "\ud7cb" <= c <= "\ud7fb"


def _is_hangul_lv(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3" and (ord(c) - 0xAC00) % 28 == 0


def _joins(prev: str, c: str) -> bool:
    """Whether ``c`` belongs to the cluster of the character ``prev`` just before it."""
    if c < "\u0300":
        return c == "\u00ad"
    if "\u30a0" <= c <= "\u9fff":  # no marks, jamo or invisible characters there
        return False
    if IGNORABLE_RE.match(c):
        return True
    if c in _HALF_VOICED or unicodedata.category(c).startswith("M"):
        return True
    if _is_hangul_v(c):
        return _is_hangul_l(prev) or _is_hangul_v(prev)
    if _is_hangul_t(c):
        return _is_hangul_v(prev) or _is_hangul_lv(prev) or _is_hangul_t(prev)
    return False


@lru_cache(maxsize=65536)
def _normalize_cluster(cluster: str) -> str:
    """Normalise one cluster (never returns an empty string)."""
    if len(cluster) > 1 and IGNORABLE_RE.search(cluster, 1):
        kept = cluster[0] + IGNORABLE_RE.sub("", cluster[1:])
        if IGNORABLE_RE.match(kept[0]) and len(kept) > 1:
            kept = kept[1:]
        if IGNORABLE_RE.fullmatch(kept):
            return cluster             # only invisible characters: kept as they are
        return _normalize_cluster(kept)
    head = cluster[0]
    if "\ud800" <= head <= "\udfff":
        return "\ufffd" + (_normalize_cluster(cluster[1:]) if len(cluster) > 1 else "")
    if head in _SPECIAL:
        return _SPECIAL[head] + (_normalize_cluster(cluster[1:]) if len(cluster) > 1 else "")
    if head in _HALF_VOICED and len(cluster) == 1:
        return _HALF_VOICED[head][1]
    if any(c in _HALF_VOICED for c in cluster):
        # Normalise the half-width marks to combining ones so they can compose (ｶﾞ -> ガ);
        # one that stays uncomposed (e.g. after a letter) becomes the spacing mark.
        out = unicodedata.normalize(
            "NFKC", "".join(_HALF_VOICED[c][0] if c in _HALF_VOICED else c for c in cluster))
        if "\u3099" in out or "\u309a" in out:
            out = out.replace("\u3099", "\u309b").replace("\u309a", "\u309c")
        return out
    return unicodedata.normalize("NFKC", cluster) or cluster


def _normalize_into(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    """Normalise ``text[start:end]`` cluster by cluster (``start`` and ``end`` are cluster
    boundaries), appending to ``parts`` and ``offsets``."""
    cstart = start
    for i in range(start + 1, end + 1):
        if i < end and _joins(text[i - 1], text[i]):
            continue
        cluster = text[cstart:i]
        piece = _normalize_cluster(cluster)
        parts.append(piece)
        if piece == cluster:  # unchanged: keep the finer character-by-character map
            offsets.extend(range(cstart, i))
        else:
            offsets.extend([cstart] * len(piece))
        cstart = i


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` (NFKC: full-width ASCII to half-width, half-width katakana to
    full-width with voiced marks composed, ① -> 1, ideographic space -> " "; ～ -> 〜) and keep
    the map back to the original offsets."""
    if (unicodedata.is_normalized("NFKC", text)  # also true of 〜; false if ～ ゛ ゜ occur
            and not IGNORABLE_RE.search(text) and not SURROGATE_RE.search(text)):
        return NormalizedText(text, text, tuple(range(len(text) + 1)))
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _STABLE_RUN.finditer(text):
        a, b = m.span()
        if b < len(text) and _joins(text[b - 1], text[b]):
            b -= 1  # the last character carries a combining mark: leave it to the slow path
        if pos < a:
            _normalize_into(text, pos, a, parts, offsets)
        parts.append(text[a:b])
        offsets.extend(range(a, b))
        pos = b
    _normalize_into(text, pos, len(text), parts, offsets)
    offsets.append(len(text))
    return NormalizedText(text, "".join(parts), tuple(offsets))
