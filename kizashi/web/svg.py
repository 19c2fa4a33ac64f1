"""Small inline SVG figures made on the server (no script needed): dyad sparklines on the
overview and the estimates-over-time chart of the quantities page. Only numbers and escaped text
go into the markup."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from markupsafe import Markup, escape

from kizashi.model import first_day as _day


def _f(x: float) -> str:
    return f"{x:.1f}"


def sparkline(values: Sequence[float], label: str, width: int = 132, height: int = 30) -> Markup:
    """A line of ``values`` (index per month) around a zero line; ``label`` is its accessible
    name (and tooltip)."""
    vals = [float(v or 0.0) for v in values] or [0.0]
    lo, hi = min(min(vals), 0.0), max(max(vals), 0.0)
    span = (hi - lo) or 1.0
    pad = 3
    w, h = width - 2 * pad, height - 2 * pad
    step = w / max(len(vals) - 1, 1)

    def y(v: float) -> float:
        return pad + h - (v - lo) / span * h

    pts = " ".join(f"{_f(pad + i * step)},{_f(y(v))}" for i, v in enumerate(vals))
    last_x, last_y = pad + (len(vals) - 1) * step, y(vals[-1])
    cls = "pos" if vals[-1] > 0 else "neg" if vals[-1] < 0 else "zero"
    return Markup(
        f'<svg class="spark" role="img" aria-label="{escape(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(label)}</title>'
        f'<line class="spark-zero" x1="{pad}" x2="{width - pad}" y1="{_f(y(0))}" y2="{_f(y(0))}"/>'
        f'<polyline class="spark-line" fill="none" points="{pts}"/>'
        f'<circle class="spark-last {cls}" cx="{_f(last_x)}" cy="{_f(last_y)}" r="2.5"/></svg>')


def _fmt(v: float) -> str:
    if abs(v) >= 1e6:
        return f"{v / 1e6:g}M"
    if abs(v) >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def estimates_chart(estimates: list[dict], title: str, conflict_label: str,
                    width: int = 720, height: int = 200) -> Markup:
    """Estimates over publication time: a dot for a value, a bar for a low–high range (an arrow
    for an open range); conflicting ones drawn as red diamonds. Every mark links to its sentence
    (``x["url"]``) and has a tooltip (``x["shown"]``, date, outlet)."""
    pts = []
    for x in estimates:
        d = _day(x.get("published") or x.get("date"))
        lo = x.get("low") if x.get("value") is None else x.get("value")
        hi = x.get("high") if x.get("value") is None else x.get("value")
        if d is None or (lo is None and hi is None):
            continue
        pts.append((d, lo, hi, x))
    if not pts:
        return Markup("")
    left, right, top, bottom = 64, 16, 14, 34
    w, h = width - left - right, height - top - bottom
    d0 = min(p[0] for p in pts)
    d1 = max(p[0] for p in pts)
    days = max((d1 - d0).days, 1)
    vmax = max(v for p in pts for v in (p[1], p[2]) if v is not None) or 1.0
    vmax *= 1.1

    def X(d: dt.date) -> float:
        if d0 == d1:
            return left + w / 2
        return left + (d - d0).days / days * w

    def Y(v: float) -> float:
        return top + h - v / vmax * h

    out = [f'<svg class="qchart" role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
           f'<title>{escape(title)}</title>']
    for k in range(5):
        v = vmax / 1.1 * k / 4
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_f(Y(v))}" '
                   f'y2="{_f(Y(v))}"/><text class="tick" x="{left - 6}" y="{_f(Y(v) + 4)}" '
                   f'text-anchor="end">{escape(_fmt(v))}</text>')
    ends = sorted({d0, d1})
    for d in ends:
        anchor = "middle" if len(ends) == 1 else "start" if d == d0 else "end"
        out.append(f'<text class="tick" x="{_f(X(d))}" y="{height - 12}" '
                   f'text-anchor="{anchor}">{d.isoformat()}</text>')
    n_same: dict[dt.date, int] = {}
    for d, lo, hi, x in pts:
        k = n_same.get(d, 0)
        n_same[d] = k + 1
        cx = X(d) + (k * 9 if d0 != d1 else (k - 0.5) * 14)
        cls = "est conflict" if x.get("conflicting") else "est"
        tip = f"{x.get('shown') or x.get('text')} · {x.get('published') or ''} · " \
              f"{x.get('source') or x.get('doc_id') or ''}"
        if x.get("conflicting"):
            tip += f" · {conflict_label}"
        out.append(f'<a href="{escape(x.get("url") or "#")}" class="{cls}">'
                   f'<title>{escape(tip)}</title>')
        if lo is not None and hi is not None and lo != hi:
            out.append(f'<line class="range" x1="{_f(cx)}" x2="{_f(cx)}" y1="{_f(Y(lo))}" '
                       f'y2="{_f(Y(hi))}"/>')
        elif lo is not None and hi is None and x.get("value") is None:       # open upwards
            out.append(f'<line class="range open" x1="{_f(cx)}" x2="{_f(cx)}" '
                       f'y1="{_f(Y(lo))}" y2="{_f(top)}"/>')
        v = lo if lo is not None else hi
        cy = Y(v)
        if x.get("conflicting"):
            out.append(f'<path class="mark" d="M{_f(cx)},{_f(cy - 6)} l6,6 l-6,6 l-6,-6 z"/>')
        else:
            out.append(f'<circle class="mark" cx="{_f(cx)}" cy="{_f(cy)}" r="5"/>')
        if hi is not None and lo is not None and hi != lo:
            out.append(f'<circle class="mark hi" cx="{_f(cx)}" cy="{_f(Y(hi))}" r="3"/>')
        out.append("</a>")
    out.append("</svg>")
    return Markup("".join(out))


def index_chart(months: Sequence[str], values: Sequence[float], counts: Sequence[int],
                title: str, width: int = 640, height: int = 170) -> Markup:
    """Bars of a dyad's cooperation–conflict index per month (above zero: cooperation, below:
    conflict), with the value and event count of every month in its tooltip, every other month
    labelled. Drawn on the server: the figure needs no script and prints as it is."""
    vals = [float(v or 0.0) for v in values] or [0.0]
    left, right, top, bottom = 44, 10, 12, 30
    w, h = width - left - right, height - top - bottom
    lo, hi = min(min(vals), 0.0), max(max(vals), 0.0)
    span = (hi - lo) or 1.0
    step = w / len(vals)

    def Y(v: float) -> float:
        return top + (hi - v) / span * h

    out = [f'<svg class="ichart" role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
           f'<title>{escape(title)}</title>',
           f'<line class="zero" x1="{left}" x2="{width - right}" y1="{_f(Y(0))}" '
           f'y2="{_f(Y(0))}"/>']
    for v in sorted({hi, lo, 0.0}):
        out.append(f'<text class="tick" x="{left - 5}" y="{_f(Y(v) + 4)}" text-anchor="end">'
                   f'{escape(f"{v:+.1f}" if v else "0")}</text>')
    for i, (m, v) in enumerate(zip(months, vals)):
        x = left + i * step + step * 0.15
        bw = step * 0.7
        y0, y1 = sorted((Y(0), Y(v)))
        cls = "pos" if v > 0 else "neg" if v < 0 else "zero"
        n = counts[i] if i < len(counts) else 0
        out.append(f'<rect class="bar {cls}" x="{_f(x)}" y="{_f(y0)}" width="{_f(bw)}" '
                   f'height="{_f(max(y1 - y0, 0.8))}"><title>{escape(m)}: {v:+.2f} '
                   f'({n})</title></rect>')
        if i % 2 == len(vals) % 2 or i == len(vals) - 1:
            out.append(f'<text class="tick" x="{_f(x + bw / 2)}" y="{height - 12}" '
                       f'text-anchor="middle">{escape(m[2:])}</text>')
    out.append("</svg>")
    return Markup("".join(out))

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def spark_text(values: Sequence[float]) -> str:
    """A sparkline in block characters (``▁▁▃█``) for terminals and plain text."""
    vals = list(values)
    if not vals:
        return ""
    top = max(vals)
    if top <= 0:
        return SPARK_BLOCKS[0] * len(vals)
    return "".join(SPARK_BLOCKS[min(7, int(round(v / top * 7)))] for v in vals)
