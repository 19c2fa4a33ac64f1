"""Renderings of a briefing (:func:`kizashi.briefing.build`): Markdown, a standalone HTML file
(styles and charts inline, print stylesheet, nothing fetched) and PDF (that HTML printed by
headless Chromium, :mod:`kizashi.briefing.pdf`). The workbench page renders the same template
inside the site (``web/templates/briefing.html``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kizashi.web.i18n import Translator

FORMATS = ("md", "html", "pdf")
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf", "json": "application/json"}
SPARK = "▁▂▃▄▅▆▇█"
CSS = Path(__file__).resolve().parents[1] / "web" / "static" / "briefing.css"


def filename(b: dict[str, Any], fmt: str) -> str:
    import re

    dyad = "-" + "-".join(b["dyad"]) if b.get("dyad") else ""
    watch = "-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", b["watch"]["name"]) if b.get("watch") else ""
    return f"kizashi-briefing-{b['period']['end']}-{b['period']['label']}{dyad}{watch}.{fmt}"


def _md_escape(s: str | None) -> str:
    s = (s or "").replace("\\", "\\\\")
    for c in "`*_[]<>|#":
        s = s.replace(c, "\\" + c)
    return s.replace("\n", " ")


def _refs(ns) -> str:
    return "".join(f"[{n}]" for n in ns)


def _spark(values) -> str:
    lo, hi = min(values + [0.0]), max(values + [0.0])
    span = (hi - lo) or 1.0
    return "".join(SPARK[min(7, int((v - lo) / span * 7.999))] for v in values)


def markdown(b: dict[str, Any]) -> str:
    t = Translator(b["lang"])
    p = b["period"]
    out = [f"# {t('brief.title')}", "",
           f"{t('brief.period', start=p['start'], end=p['end'], days=p['days'])}  "]
    if b.get("dyad_label"):
        out.append(f"{t('brief.dyad', label=b['dyad_label'])}  ")
    if b.get("watch"):
        w = b["watch"]
        out.append(f"{t('brief.watch', name=_md_escape(w['title'] or w['name']))}  ")
    out += [t("brief.stats", **b["stats"]) + "  ", f"*{t('brief.generated', when=b['generated'])}*", ""]

    out += [f"## {t('brief.h.developments')}", "", f"*{t('brief.developments.note')}*", ""]
    if not b["developments"]:
        out.append(t("brief.none"))
    for n, d in enumerate(b["developments"], 1):
        tags = [t("brief.new") if d["new"] else t("brief.update")]
        if d["contested"]:
            tags.append(t("brief.contested"))
        if d["corrected"]:
            tags.append(t("brief.corrected"))
        out.append(f"{n}. **{_md_escape(d['summary'])}** ({d['date'] or '—'}) "
                   f"`{d['grade'] or '—'}` {' · '.join(tags)} "
                   f"· {t('brief.sources_n', n=d['n_sources'])} {_refs(d['refs'])}")
        ev = d.get("evidence")
        if ev:
            out.append(f"   > {_md_escape(ev['text'])} "
                       f"— {_md_escape(ev['outlet'] or t('brief.unknown_outlet'))} [{ev['ref']}]")
    out.append("")

    out += [f"## {t('brief.h.contested')}", "", f"*{t('brief.contested.note')}*", ""]
    if not b["contested"]:
        out.append(t("brief.none"))
    for c in b["contested"]:
        out += [f"### {_md_escape(c['summary'])} ({c['date'] or '—'}) `{c['grade'] or '—'}`", "",
                f"| {t('brief.claims')} | {t('brief.denials')} |", "|---|---|"]
        for i in range(max(len(c["claims"]), len(c["denials"]))):
            cells = []
            for side in (c["claims"], c["denials"]):
                m = side[i] if i < len(side) else None
                cells.append(f"{_md_escape(m['text'])} — {_md_escape(m['outlet'] or '?')} "
                             f"[{m['ref']}]" if m else "")
            out.append(f"| {cells[0]} | {cells[1]} |")
        if c["denied_by"]:
            out.append("")
            out.append(t("brief.denied_by", who="、".join(c["denied_by"])
                         if b["lang"] == "ja" else ", ".join(c["denied_by"])))
        out.append("")

    out += [f"## {t('brief.h.estimates')}", "", f"### {t('brief.h.conflicts')}", ""]
    if not b["conflicts"]:
        out.append(t("brief.none"))
    else:
        out += [f"| | {t('brief.claimant')} | {t('col.estimate')} | {t('brief.as_of')} | "
                f"{t('brief.claimant')} | {t('col.estimate')} | {t('brief.as_of')} |",
                "|---|---|---|---|---|---|---|"]
        for c in b["conflicts"]:
            a, z = c["a"], c["b"]
            out.append(f"| {_md_escape(c['summary'])} | {_md_escape(a['claimant'])} | "
                       f"{_md_escape(a['text'])} [{a['ref']}] | {a['as_of'] or '—'} | "
                       f"{_md_escape(z['claimant'])} | {_md_escape(z['text'])} [{z['ref']}] | "
                       f"{z['as_of'] or '—'} |")
    out += ["", f"### {t('brief.h.series')}", ""]
    if not b["series"]:
        out.append(t("brief.none"))
    for s in b["series"]:
        trend = t(f"brief.trend.{s['trend']}") if s.get("trend") else ""
        steps = " → ".join(f"{_md_escape(i['text'])} ({i['as_of'] or '—'}, "
                           f"{_md_escape(i['claimant'])}) [{i['ref']}]" for i in s["items"])
        out.append(f"- **{_md_escape(s['summary'])}** {trend}: {steps}")
    out.append("")

    out += [f"## {t('brief.h.index')}", "", f"*{t('brief.index.note')}*", ""]
    if not b["dyads"]:
        out.append(t("brief.none"))
    for d in b["dyads"]:
        out += [f"**{_md_escape(d['label'])}** `{_spark(d['values'])}`", "",
                "| " + " | ".join(m[2:] for m in d["months"]) + " |",
                "|" + "---:|" * len(d["months"]),
                "| " + " | ".join(f"{v:+.1f}" if v else "0" for v in d["values"]) + " |", ""]

    out += [f"## {t('brief.h.interpretation')}", "", f"> **{t('brief.interpretation.note')}**",
            ""]
    for key, head in (("analysis", "brief.h.analysis"), ("forecasts", "brief.h.forecasts")):
        out += [f"### {t(head)}", ""]
        if not b[key]:
            out.append(t("brief.none"))
        for s in b[key]:
            out.append(f"- {_md_escape(s['text'])} — "
                       f"{_md_escape(s['outlet'] or t('brief.unknown_outlet'))} [{s['ref']}]")
        out.append("")

    out += [f"## {t('brief.h.references')}", ""]
    for r in b["references"]:
        title = _md_escape(r["title"] or r["doc_id"])
        link = f"[{title}]({r['url']})" if r["url"] else title
        out.append(f"{r['n']}. {_md_escape(r['source'] or t('brief.unknown_outlet'))} "
                   f"({t('brief.reliability_of', grade=r['reliability'])}), {link}, "
                   f"{r['published'] or '—'}")
    out += ["", f"## {t('brief.h.method')}", "", t("brief.method.reliability"), "",
            t("brief.method.credibility"), ""]
    return "\n".join(out)


def _env():
    from kizashi.web.app import make_env

    return make_env()


def html(b: dict[str, Any]) -> str:
    """A standalone HTML document: styles inline, charts inline SVG, no script, no request."""
    from markupsafe import Markup

    t = Translator(b["lang"])
    env = _env()
    return env.get_template("briefing_doc.html").render(
        b=b, t=t, lang=b["lang"], charts=charts(b, t), css=Markup(CSS.read_text(encoding="utf-8")))


def charts(b: dict[str, Any], t: Translator) -> dict[str, Any]:
    from kizashi.web.svg import index_chart

    return {f"{d['a']}-{d['b']}": index_chart(d["months"], d["values"], d["counts"],
                                               title=f"{t('brief.h.index')}: {d['label']}")
            for d in b["dyads"]}


def render(b: dict[str, Any], fmt: str) -> bytes:
    """The briefing as ``fmt`` (md, html or pdf), as bytes."""
    if fmt == "md":
        return markdown(b).encode("utf-8")
    if fmt == "html":
        return html(b).encode("utf-8")
    if fmt == "pdf":
        from kizashi.briefing.pdf import html_to_pdf

        return html_to_pdf(html(b))
    raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
