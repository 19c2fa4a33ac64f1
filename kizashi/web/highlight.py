"""Highlighted HTML from character offsets, built server-side with every piece escaped.

:func:`highlight` turns a text and a list of :class:`Span` (offsets into that text) into
:class:`markupsafe.Markup`: the text between and inside the spans is HTML-escaped, each span
becomes ``<mark class="hl hl-KIND ...">``. Spans may nest (an actor inside an evidence sentence)
and may even cross: a span that crosses the end of another is closed and reopened, so the
result is always well-formed. Out-of-range or empty spans are dropped.

:func:`locate` finds where a piece of text (an actor's surface form, a date text, a quantity)
occurs in a sentence when the record has no offsets: the occurrence nearest the trigger that does
not overlap a span already placed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from markupsafe import Markup, escape

KINDS = ("sentence", "trigger", "actor", "recipient", "source", "date", "quantity", "query")
# open order at the same start: longer spans first, then this order (outer kinds first)
_PRIORITY = {k: n for n, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` highlighted as ``kind`` (a CSS class ``hl-<kind>``).

    ``classes``: extra CSS classes; ``title``: tooltip text; ``id``: element id (first piece only
    when the span has to be split); ``data``: extra ``data-*`` attributes."""

    start: int
    end: int
    kind: str
    classes: tuple[str, ...] = ()
    title: str | None = None
    id: str | None = None
    data: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _open_tag(span: Span, first: bool) -> str:
    classes = " ".join(["hl", "hl-" + span.kind, *span.classes])
    attrs = [f'class="{escape(classes)}"']
    if span.id and first:
        attrs.append(f'id="{escape(span.id)}"')
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    for k, v in span.data:
        if k.replace("-", "").isalnum():
            attrs.append(f'data-{k}="{escape(v)}"')
    return "<mark " + " ".join(attrs) + ">"


def highlight(text: str | None, spans: Iterable[Span] = ()) -> Markup:
    """``text`` as escaped HTML with ``<mark>`` elements for ``spans`` (see the module doc)."""
    text = text or ""
    n = len(text)
    good = [s for s in spans
            if isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= n]
    if not good:
        return Markup(escape(text))
    order = sorted(range(len(good)), key=lambda i: (good[i].start, -good[i].end,
                                                     _PRIORITY.get(good[i].kind, 99), i))
    starts: dict[int, list[int]] = {}
    for i in order:
        starts.setdefault(good[i].start, []).append(i)
    bounds = sorted({0, n, *(s.start for s in good), *(s.end for s in good)})
    out: list[str] = []
    stack: list[int] = []          # open spans, outermost first
    opened: set[int] = set()       # spans that have been opened once (ids only on the first piece)
    for k, pos in enumerate(bounds):
        # close every span ending here; spans above it that go on are closed and reopened
        if any(good[i].end <= pos for i in stack):
            cut = min(j for j, i in enumerate(stack) if good[i].end <= pos)
            reopen = [i for i in stack[cut:] if good[i].end > pos]
            out.append("</mark>" * (len(stack) - cut))
            del stack[cut:]
            for i in reopen:
                out.append(_open_tag(good[i], first=False))
                stack.append(i)
        for i in starts.get(pos, ()):
            out.append(_open_tag(good[i], first=i not in opened))
            opened.add(i)
            stack.append(i)
        if k + 1 < len(bounds):
            out.append(str(escape(text[pos:bounds[k + 1]])))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


def locate(sentence: str, needle: str | None, taken: Sequence[tuple[int, int]] = (),
           near: int | None = None) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``sentence``: the occurrence nearest ``near`` (else the first)
    that overlaps none of ``taken``; None when it does not occur."""
    if not needle or not sentence:
        return None
    found = []
    i = sentence.find(needle)
    while i >= 0:
        j = i + len(needle)
        if not any(i < b and a < j for a, b in taken):
            found.append((i, j))
        i = sentence.find(needle, i + 1)
    if not found:
        return None
    if near is None:
        return found[0]
    return min(found, key=lambda ab: (abs(ab[0] - near), ab[0]))


def relative(item: dict | None, base: int, length: int) -> tuple[int, int] | None:
    """``item``'s ``start``/``end`` (document offsets) made relative to ``base`` when both are
    there and fall inside ``[0, length]``; else None."""
    if not item:
        return None
    s, e = item.get("start"), item.get("end")
    if not isinstance(s, int) or not isinstance(e, int):
        return None
    s, e = s - base, e - base
    return (s, e) if 0 <= s < e <= length else None
