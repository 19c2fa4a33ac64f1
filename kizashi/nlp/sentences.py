"""Sentence segmentation for Japanese news text, returning spans into the text.

Rules, in order of precedence:

- Markdown table rows (a line starting with ``|``) give one span per non-empty cell; separator
  rows (``|---|:--:|``) give none.
- Blank lines end paragraphs; nothing crosses them.
- A quotation ``「…」`` / ``『…』`` that closes within 400 characters of the same paragraph is
  kept whole, even across a single newline; parentheses ``（…）`` / ``(…)`` likewise within 200
  characters of the same line. Unbalanced or longer ones are ignored (ordinary characters).
- Outside those, a sentence ends after ``。．！？!?`` plus any further terminators and closing
  brackets/quotes (``。」``), and at every newline (headlines and bullet lines), except a newline
  inside a hard-wrapped sentence: a line of prose not ended by a terminator, followed by a line
  that opens with a particle (…ロシアに兵士 / を派遣した).
- At the start of a line, bullet markers (``- ``, ``* ``, ``・``, ``• ``, ``1. ``, ``(1)``,
  Markdown ``#`` headings and ``>`` quotes, ...) are left out of the span.
- Spans are whitespace-trimmed and never empty; a span longer than 500 characters is cut after
  the first ``、``/``，``/``,`` or before the first whitespace found 400-600 characters in, else
  at 500 characters (moved back so that a character keeps its combining marks, variation
  selectors and joiners, and a surrogate pair stays whole).
- A run of more than :data:`MAX_RUN` characters without a sentence end (a 5 MB line with no
  punctuation) is not prose: its first :data:`MAX_RUN` characters give sentences as above, the
  rest of the run gives none (it is not parsed), and a :class:`LongRunWarning` says where it
  starts and how long it is. The sentences before and after the run are unaffected.
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from functools import lru_cache

_TERMINATORS = frozenset("。．！？!?")
_CLOSERS = frozenset("」』）)】〕〉》］]｣”’\"'")
# opener -> (closer, maximum length of the bracketed text including brackets, may cross "\n")
_PAIRS = {
    "「": ("」", 400, True),
    "『": ("』", 400, True),
    "｢": ("｣", 400, True),
    "“": ("”", 200, False),   # a TV headline's quotation: 外務省“…　…”要求
    "（": ("）", 200, False),
    "(": (")", 200, False),
}
_CLOSER_TO_OPENER = {close: open_ for open_, (close, _, _) in _PAIRS.items()}
_BULLET_RE = re.compile(
    r"(?:[-*+][^\S\n]+"                       # Markdown bullets need a space: "-5度" is no bullet
    r"|[・•●◎■□◆◇▼▽▲△▶►※][^\S\n]*"         # (not ○/〇: "○○氏" anonymises a name)
    r"|#{1,6}[^\S\n]+|>[^\S\n]*"               # Markdown heading / block quote
    r"|[0-9０-９]{1,3}[.)．）][^\S\n]+"          # "1. item", "2) item"
    r"|[０-９]{1,3}[．）](?![0-9０-９])[^\S\n]*"  # "１．項目" (not "１．５％")
    r"|[（(][0-9０-９]{1,3}[）)][^\S\n]*"        # "(1) item"
    r")+"
)
_TABLE_SEPARATOR_RE = re.compile(r"\s*:?-+:?\s*")
_LONG = 500
_CUT_FROM = 400
_CUT_TO = 600
#: characters of one run without a sentence end that are cut into sentences; the rest is skipped
MAX_RUN = 5000


class LongRunWarning(UserWarning):
    """A run of text without a sentence end longer than :data:`MAX_RUN` characters: only its
    first :data:`MAX_RUN` characters become sentences. ``start``/``length`` locate the run in
    the text that was split, ``skipped`` counts the characters left out."""

    def __init__(self, start: int, length: int, skipped: int):
        self.start, self.length, self.skipped = start, length, skipped
        super().__init__(f"{length:,} characters without a sentence end at offset {start}: "
                         f"only the first {MAX_RUN:,} are read for events, {skipped:,} skipped")


def _joined(c: str) -> bool:
    """Whether ``c`` belongs to the character before it (a cut must not come before it)."""
    return (unicodedata.category(c) in ("Mn", "Mc", "Me", "Cf", "Cs")
            or "\ufe00" <= c <= "\ufe0f" or c in "\uff9e\uff9f")


def _safe_cut(text: str, start: int, cut: int) -> int:
    """``cut`` moved back (not past ``start + 1``) to the start of a whole character."""
    k = cut
    while k > start + 1 and k < len(text) and _joined(text[k]):
        k -= 1
    return k if k > start + 1 else cut


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading/trailing whitespace (may become empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a trimmed span longer than 500 characters into pieces a parser can handle."""
    out: list[tuple[int, int]] = []
    if end - start > MAX_RUN:
        limit = _safe_cut(text, start, start + MAX_RUN)
        warnings.warn(LongRunWarning(start, end - start, end - limit), stacklevel=2)
        end = _trim(text, start, limit)[1]
    while end - start > _LONG:
        cut = _safe_cut(text, start, start + _LONG)
        for k in range(start + _CUT_FROM, min(end, start + _CUT_TO)):
            c = text[k]
            if c in "、，,":
                cut = k + 1
                break
            if c.isspace():
                cut = k
                break
        s, e = _trim(text, start, cut)
        if s < e:
            out.append((s, e))
        start, end = _trim(text, cut, end)
    if start < end:
        out.append((start, end))
    return out


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    s, e = _trim(text, start, end)
    if s < e:
        out.extend(_split_long(text, s, e))


def _skip_bullet(text: str, pos: int, end: int) -> int:
    """Position after leading whitespace and bullet markers of the line starting at ``pos``."""
    while pos < end and text[pos].isspace() and text[pos] != "\n":
        pos += 1
    m = _BULLET_RE.match(text, pos, end)
    if m:
        # Never strip the whole line: a lone "・" or "1." is kept as text.
        nl = text.find("\n", m.end(), end)
        if text[m.end():end if nl < 0 else nl].strip():
            return m.end()
    return pos


def _has_bullet(text: str, pos: int, end: int) -> bool:
    """Whether the line starting at ``pos`` starts with a bullet marker."""
    while pos < end and text[pos].isspace() and text[pos] != "\n":
        pos += 1
    return _skip_bullet(text, pos, end) != pos


def _is_terminator(text: str, i: int, end: int) -> bool:
    """Whether ``text[i]`` (in ``_TERMINATORS``) ends a sentence here."""
    c = text[i]
    nxt = text[i + 1] if i + 1 < end else ""
    if c == "．":  # "３．５" is a decimal point
        prv = text[i - 1] if i > 0 else ""
        return not (prv.isdigit() and nxt.isdigit())
    if c in "!?":  # "?q=1" in a URL
        return not (nxt.isascii() and (nxt.isalnum() or nxt in "=&/%#_-"))
    return True


def _bracket_matches(text: str, start: int, end: int) -> dict[int, int]:
    """Opening-bracket index -> closing-bracket index for brackets in ``[start, end)`` that close
    within their length limit (and on the same line for parentheses)."""
    stacks: dict[str, list[int]] = {o: [] for o in _PAIRS}
    matches: dict[int, int] = {}
    for i in range(start, end):
        c = text[i]
        if c in _PAIRS:
            stacks[c].append(i)
        elif c in _CLOSER_TO_OPENER:
            opener = _CLOSER_TO_OPENER[c]
            stack = stacks[opener]
            if stack:
                o = stack.pop()
                if i - o + 1 <= _PAIRS[opener][1]:
                    matches[o] = i
        elif c == "\n":
            # Parentheses never cross a line; quotations do not run into a bullet line.
            next_is_bullet = _has_bullet(text, i + 1, end)
            for opener, (_, _, crosses) in _PAIRS.items():
                if not crosses or next_is_bullet:
                    stacks[opener].clear()
    return matches


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ヵヶ」』）)]")


def _headline_gap(text: str, i: int, end: int) -> bool:
    """Is the space at ``i`` a gap between the parts of a headline (a line with no 。)?"""
    if i == 0 or i + 1 >= end or not _CJK.match(text[i - 1]):
        return False
    line_start = text.rfind("\n", 0, i) + 1
    if not _CJK.match(text[i + 1]) and not (text[i + 1].isascii() and text[i + 1].isalnum()
                                            and i - line_start >= 8):
        return False  # 「北朝鮮 ICBM発射」 stays whole; 「…を発射 EEZ内に落下か」 splits
    line_end = text.find("\n", i)
    line_end = end if line_end < 0 else min(line_end, end)
    line = text[line_start:line_end]
    return "。" not in line and len(line) <= 80


#: what a line of a hard-wrapped paragraph can start with only inside a sentence: a case or
#: binding particle, or the ending of a verb (…兵士 / を派遣した)
_CONTINUATIONS = ("を", "が", "に", "は", "へ", "で", "と", "の", "も", "から", "まで", "より")


def _wrapped(text: str, seg: int, i: int, end: int) -> bool:
    """Is the newline at ``i`` a break inside a sentence: the line before it holds prose (a
    sentence begun there, 10 characters or more, no terminator at its end) and the next line opens
    with a particle that cannot start one?"""
    before = text[seg:i].rstrip()
    if len(before) < 10 or before[-1] in _TERMINATORS or before[-1] in _CLOSERS or before[-1] in "、,：:":
        return False
    nxt = text[i + 1:end].lstrip(" \u3000")
    return nxt.startswith(_CONTINUATIONS) and not nxt.startswith(("の記事", "のニュース"))


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Split the paragraph ``[start, end)`` (lines without blank lines or table rows)."""
    matches = _bracket_matches(text, start, end)
    seg = i = _skip_bullet(text, start, end)
    while i < end:
        c = text[i]
        close = matches.get(i)
        if close is not None:
            i = close + 1
        elif c == "\n" and _wrapped(text, seg, i, end):
            i += 1  # a line broken inside a sentence (…兵士\nを派遣した): the sentence goes on
        elif c == "\n":
            _emit(text, seg, i, out)
            seg = i = _skip_bullet(text, i + 1, end)
        elif c in " \u3000" and _headline_gap(text, i, end):
            # 「露軍、キーウにミサイル攻撃　死者10人」: a headline's parts are separated by a space
            _emit(text, seg, i, out)
            seg = i = i + 1
        elif c in _TERMINATORS and _is_terminator(text, i, end):
            j = i + 1
            while j < end and (text[j] in _CLOSERS
                               or (text[j] in _TERMINATORS and _is_terminator(text, j, end))):
                j += 1
            _emit(text, seg, j, out)
            seg = i = j
        else:
            i += 1
    _emit(text, seg, end, out)


def _table_cells(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """One span per non-empty cell of the Markdown table row ``[start, end)``."""
    line = text[start:end]
    cells: list[tuple[int, int]] = []
    pos = line.index("|") + 1
    while pos <= len(line):
        bar = line.find("|", pos)
        stop = len(line) if bar < 0 else bar
        cells.append((start + pos, start + stop))
        if bar < 0:
            break
        pos = bar + 1
    if all(_TABLE_SEPARATOR_RE.fullmatch(text[s:e]) or not text[s:e].strip() for s, e in cells):
        return  # |---|:--:| separator row (or a row of empty cells)
    for s, e in cells:
        _emit(text, s, e, out)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``: ordered, non-overlapping, non-empty,
    never starting or ending with whitespace."""
    out: list[tuple[int, int]] = []
    para_start: int | None = None
    para_end = 0
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        stripped = line.strip()
        if not stripped or stripped.startswith("|"):
            if para_start is not None:
                _split_paragraph(text, para_start, para_end, out)
                para_start = None
            if stripped:
                _table_cells(text, pos, line_end, out)
        else:
            if para_start is None:
                para_start = pos
            para_end = line_end
        if nl < 0:
            break
        pos = nl + 1
    if para_start is not None:
        _split_paragraph(text, para_start, para_end, out)
    return out


def is_headline(sentence: str) -> bool:
    """Is ``sentence`` (a span of :func:`split_sentences`) headline-like: short, with no
    sentence-final punctuation (「北朝鮮、ロシアに兵士派遣」)?"""
    stripped = sentence.rstrip("」』）)】")
    return len(sentence) <= 80 and not stripped.endswith(tuple(_TERMINATORS))


@lru_cache(maxsize=1)
def navigation_headings() -> frozenset[str]:
    """Headings of a page's link lists (``data/navigation.tsv``)."""
    from kizashi.model import read_tsv
    return frozenset(r["heading"] for r in read_tsv("navigation.tsv"))


#: a numbered or bulleted item of a list (「  • 3」, 「1」)
LIST_ITEM = re.compile(r"^\s*(?:[•・●■□▶▷◆◇]\s*)?\d{0,3}\s*$|^\s*[•●■□▶▷◆◇]")


def navigation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are a page's link lists: from a line that is a heading of
    :func:`navigation_headings` (あわせて読みたい, 関連記事, 人気ランキング) up to the next line of
    prose (ending in 。, at least 30 characters, not a list item), once the article's prose has
    begun; and a line that opens with such a heading and a colon (関連記事：…). Their headlines are
    links, not the article (spec section 3)."""
    heads = navigation_headings()
    out: list[tuple[int, int]] = []
    start = None
    pos = 0
    article = False  # a heading before any prose is a section's name (最新記事 over the headline)
    for line in text.splitlines(keepends=True):
        body = line.strip()
        prose = body.endswith("。") and len(body) >= 30 and not LIST_ITEM.match(line)
        if start is None and any(body.startswith(h) and body[len(h):len(h) + 1] in (":", "：", "】", "]", "|", "｜")
                                 for h in heads):
            out.append((pos, pos + len(line)))  # 関連記事：…: one line of links
        elif start is None and body in heads and article:
            start = pos
        elif start is not None and prose:
            out.append((start, pos))
            start = None
        article = article or prose
        pos += len(line)
    if start is not None:
        out.append((start, len(text)))
    return out
