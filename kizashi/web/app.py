"""The analyst workbench: server-rendered pages (Jinja2, autoescaped) on the query layer
(:mod:`kizashi.store.queries`, :mod:`kizashi.store.catalog`), mounted on the API's FastAPI app
by :func:`mount`.

Pages: overview ``/``, events ``/events`` and ``/events/{id}``, ``/timeline``, ``/network``,
``/dyad/{a}/{b}``, ``/quantities``, ``/documents`` and ``/documents/{id}``, ``/search``. Static
files (our CSS/JS, and the npm libraries copied to ``static/vendor/`` by ``make web``) are served
under ``/static``; nothing is loaded from elsewhere (the pages send a Content-Security-Policy that
allows this origin only).

All article text is escaped: by Jinja's autoescape in templates, by :mod:`kizashi.web.highlight`
for highlighted text, and data for scripts is embedded as JSON (``|tojson``) in
``<script type="application/json">`` blocks that the scripts read with ``JSON.parse`` and show
with ``textContent``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from kizashi import model
from kizashi.store.filters import FIELDS, EventFilter, ValidationError
from kizashi.store.queries import SORTS
from kizashi.web import svg
from kizashi.web.highlight import Span, highlight, locate, relative
from kizashi.web.i18n import COOKIE, Translator, pick_lang

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

QUADS = model.QUADS
FACTUALITIES = model.FACTUALITIES
EVENT_PARAMS = ("start", "end", "type", "quad", "actor", "recipient", "dyad", "factuality",
                "min_sources", "q", "since", "changed_since", "sort")
SINCE_CHOICES = ("24h", "7d", "30d")
VISIT_COOKIE = "kizashi_visit"
VISIT_GAP = 30 * 60           # seconds without a page view that end a visit
PAGE_SIZE = 50
CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,31}$")
from kizashi.api.security import CSP  # noqa: E402 - one policy for every response


class BadFilter(ValueError):
    """A filter value the pages cannot use (shown above the form, status 400)."""


# --- environment -------------------------------------------------------------------------------

def make_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.ChainableUndefined)
    env.filters["num"] = fmt_num
    env.filters["http_url"] = http_url
    env.filters["seg"] = seg
    env.globals["QUADS"] = QUADS
    env.globals["FACTUALITIES"] = FACTUALITIES
    return env


def seg(value: Any) -> str:
    """``value`` as one URL path segment: every character but unreserved ones escaped, ``/``
    included (a document id may hold one: ``nhk/2024/0620`` → ``nhk%2F2024%2F0620``)."""
    return quote(str(value), safe="")


def http_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL (links to original articles), else None: a stored URL
    such as ``javascript:...`` is never made a link."""
    if url and re.match(r"^https?://[^\s]+$", url.strip(), re.I):
        return url.strip()
    return None


def fmt_num(x) -> str:
    if x is None or x == "":
        return "—"
    if isinstance(x, float):
        if x.is_integer() and abs(x) >= 1:
            return f"{int(x):,}"
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def entity_names() -> dict[str, str]:
    """``{code: Japanese name}`` from the gazetteer (display only; cached)."""
    global _NAMES
    if _NAMES is None:
        try:
            from kizashi.store.store import gazetteer_entities

            _NAMES = {c: n for c, (n, _k) in gazetteer_entities()[0].items()}
        except Exception:          # the pages still work with bare codes
            _NAMES = {}
    return _NAMES


_NAMES: dict[str, str] | None = None


def event_types() -> list[str]:
    return list(model.EVENT_TYPES)


# --- per-request UI ----------------------------------------------------------------------------

class UI:
    """The language, translator and helpers of one request; :meth:`render` makes the page."""

    def __init__(self, env: jinja2.Environment, request: Request):
        self.env = env
        self.request = request
        self.lang, self.set_cookie = pick_lang(request.query_params.get("lang"),
                                               request.cookies.get(COOKIE))
        self.t = Translator(self.lang)
        self.visit = visit_state(request.cookies.get(VISIT_COOKIE),
                                 bool(request.query_params.get("mark_seen")))
        self.last_visit = self.visit[0]            # seen_key of the previous visit, or None

    @property
    def last_visit_text(self) -> str:
        v = self.last_visit
        return v[:16].replace("T", " ") + " UTC" if v else ""

    def is_new(self, item: dict) -> bool:
        """Whether an event or document was first seen after the analyst's previous visit."""
        seen = item.get("first_seen") if isinstance(item, dict) else None
        return bool(self.last_visit and seen and seen > self.last_visit)

    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        """``path`` with the non-empty ``params`` as query string."""
        clean = [(k, v) for k, v in (params or {}).items() if v not in (None, "", [], ())]
        return path + ("?" + urlencode(clean, doseq=True) if clean else "")

    def here(self, **changes) -> str:
        """The current URL with some query parameters changed (None removes one)."""
        params = dict(self.request.query_params)
        for k, v in changes.items():
            if v is None:
                params.pop(k, None)
            else:
                params[k] = v
        return self.url(self.request.url.path, params)

    def name(self, code: str | None) -> str:
        if not code:
            return ""
        n = entity_names().get(code)
        return f"{code} {n}" if n and n != code and self.lang == "ja" else code

    def render(self, template: str, status: int = 200, **ctx) -> HTMLResponse:
        other = "en" if self.lang == "ja" else "ja"
        html = self.env.get_template(template).render(
            request=self.request, t=self.t, lang=self.lang, ui=self,
            unread_alerts=unread_alerts(self.request),
            lang_switch_url=self.here(lang=other), path=self.request.url.path, **ctx)
        resp = HTMLResponse(html, status_code=status)
        resp.set_cookie(VISIT_COOKIE, self.visit[2], max_age=365 * 86400, samesite="lax",
                        httponly=True)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "same-origin"
        if self.set_cookie:
            resp.set_cookie(COOKIE, self.lang, max_age=365 * 86400, samesite="lax")
        return resp

    def not_found(self) -> HTMLResponse:
        return self.render("404.html", status=404, nav="")


def visit_state(cookie: str | None, mark_seen: bool = False,
                now: float | None = None) -> tuple[str | None, str | None, str]:
    """``(previous visit, this visit, new cookie value)`` from the visit cookie
    (``"<previous unix time>_<this visit's last page view>"``: characters a cookie takes
    unquoted): a page view more than
    :data:`VISIT_GAP` after the last one starts a new visit, and the visit before becomes the
    one that "new" is measured against; ``mark_seen`` makes everything seen now."""
    import time

    from kizashi.store.filters import seen_key

    now = time.time() if now is None else now
    prev, last = None, None
    try:
        a, _, b = (cookie or "").strip('"').partition("_")
        prev = float(a) if a else None
        last = float(b) if b else None
    except ValueError:
        prev = last = None
    if last is None:
        prev = None
    elif now - last > VISIT_GAP:
        prev = last
    if mark_seen:
        prev = now
    stamp = lambda x: seen_key(dt.datetime.fromtimestamp(x, dt.timezone.utc))  # noqa: E731
    value = f"{int(prev) if prev is not None else ''}_{int(now)}"
    return (stamp(prev) if prev is not None else None), stamp(now), value


def unread_alerts(request: Request) -> int:
    """Unread alerts of every watch (the header's badge); 0 when the store has no alerts
    table yet."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        return 0
    try:
        from kizashi.watch.alerts import unread_count

        return unread_count(store)
    except Exception:  # noqa: BLE001 - the badge never breaks a page
        return 0


# --- filters -----------------------------------------------------------------------------------

def resolve_code(store, value: str | None) -> str | None:
    """An entity code from a code (``prk`` → ``PRK``) or a name (北朝鮮 → ``PRK``)."""
    value = (value or "").strip()
    if not value:
        return None
    code = store.entity_code(value)
    if code is None:
        raise BadFilter(f"{value!r}: unknown actor")
    return code


def event_filters(store, params) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The filter of GET ``params`` (:class:`kizashi.store.filters.EventFilter`, the API's
    vocabulary) as keyword arguments of the query layer, the form values (actors resolved to
    codes) and the error messages of values that cannot be used: those are left out of the
    filter and shown above the form (the page answers 400 when nothing is left to show)."""
    form = {k: (params.get(k) or "").strip() for k in EVENT_PARAMS}
    errors: list[str] = []
    raw = {k: form[k] for k in FIELDS if form.get(k)}
    while True:
        try:
            f = EventFilter(**raw)
            break
        except ValidationError as err:
            bad = set()
            for e in err.errors():
                loc = [x for x in e.get("loc", ()) if isinstance(x, str)]
                msg = str(e.get("msg", "")).removeprefix("Value error, ")
                field = loc[0] if loc else None
                if field in raw:
                    errors.append(f"{field}={raw[field][:60]!r}: {msg}")
                    bad.add(field)
                else:                               # start after end: both go
                    errors.append(msg)
                    bad.update(k for k in ("start", "end") if k in raw)
            if not bad:
                f = EventFilter()
                break
            for k in bad:
                raw.pop(k, None)
                form[k] = ""
    for k in ("actor", "recipient"):
        v = getattr(f, k)
        if v is None:
            continue
        code = store.entity_code(v)
        if code is None:
            errors.append(f"{k}={v[:60]!r}: unknown actor")
            f = f.model_copy(update={k: None})
            form[k] = ""
        else:
            f = f.model_copy(update={k: code})
            form[k] = code
    if f.dyad is not None:
        codes = [store.entity_code(x) for x in f.dyad]
        if None in codes or codes[0] == codes[1]:
            errors.append(f"dyad={form['dyad'][:60]!r}: two different known actors, e.g. RUS,PRK")
            f = f.model_copy(update={"dyad": None})
            form["dyad"] = ""
        else:
            f = f.model_copy(update={"dyad": tuple(codes)})
            form["dyad"] = ",".join(codes)
    form["since_choice"] = form["since"] if form["since"] in SINCE_CHOICES else ""
    if form["sort"] and form["sort"] not in SORTS:
        errors.append(f"sort={form['sort'][:40]!r}: use one of {', '.join(SORTS)}")
        form["sort"] = ""
    return f.active(), form, errors


def export_params(form: dict[str, str]) -> dict[str, str]:
    """The parameters of ``/api/v1/events/export`` for the form's filters (same names)."""
    return {k: form[k] for k in EVENT_PARAMS if form.get(k)}


# --- evidence highlighting -----------------------------------------------------------------------

def _place(sentence: str, base: int, item: dict, taken: list, near: int | None):
    """Offsets of a participant / quantity in ``sentence`` (from its own offsets when they point
    at its text, else by looking for its text)."""
    pos = relative(item, base, len(sentence))
    txt = item.get("text")
    if pos and (not txt or sentence[pos[0]:pos[1]] == txt):
        return pos
    return locate(sentence, txt, taken, near)


def mention_spans(t: Translator, m: dict, sentence: str, base: int,
                  quantities: list[dict] | None = None, anchor: bool = False) -> list[Span]:
    """The highlight spans of a mention in ``sentence`` (which starts at document offset
    ``base``): trigger, actors, recipients, source of the claim, date text and quantities."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    trig = m.get("trigger") or {}
    pos = _place(sentence, base, trig, taken, None)
    quad = m.get("quad_class") or _quad(m.get("event_type"))
    near = None
    if pos:
        near = pos[0]
        taken.append(pos)
        title = f"{t('hl.trigger')}: {t.maybe('type', m.get('event_type'))} ({m.get('event_type')})"
        fact = m.get("factuality")
        if fact:
            title += f" · {t('col.factuality')}: {t.maybe('fact', fact)}"
        spans.append(Span(pos[0], pos[1], "trigger",
                          classes=(f"quad-{quad or 'unknown'}", f"f-{fact or 'none'}"),
                          title=title, id=("m-" + m["id"]) if anchor and m.get("id") else None,
                          data=(("fact", t.maybe("fact", fact)),) if fact else ()))
    for role, kind in (("actor", "actor"), ("recipient", "recipient"),
                       ("source_of_claim", "source")):
        for p in m.get(role) or []:
            pos = _place(sentence, base, p, taken, near)
            if pos:
                taken.append(pos)
                spans.append(Span(pos[0], pos[1], kind,
                                  title=f"{t('hl.' + kind)}: {p.get('code') or p.get('text')}"))
    if m.get("date_text"):
        pos = locate(sentence, m["date_text"], taken, near)
        if pos:
            taken.append(pos)
            spans.append(Span(pos[0], pos[1], "date",
                              title=f"{t('hl.date')}: {m.get('date') or ''}"))
    qs = m.get("quantities") if quantities is None else quantities
    for q in qs or []:
        pos = _place(sentence, base, q, taken, near)
        if pos:
            taken.append(pos)
            what = " ".join(str(x) for x in (q.get("object"), q.get("unit")) if x)
            spans.append(Span(pos[0], pos[1], "quantity",
                              title=f"{t('hl.quantity')}: {what}".strip()))
    return spans


def _quad(event_type: str | None) -> str | None:
    return model.quad_of(event_type)


def evidence_html(t: Translator, m: dict, quantities: list[dict] | None = None) -> Markup:
    ev = m.get("evidence") or {}
    sentence = ev.get("text") or ""
    return highlight(sentence, mention_spans(t, m, sentence, ev.get("start") or 0, quantities))


def document_html(t: Translator, doc: dict) -> Markup:
    """The whole document text with every mention's spans (triggers carry ``id="m-<mention>"``
    so that ``/documents/{id}#m-<mention>`` scrolls to the sentence), every sentence marked
    with its role (``doc["sentences"]``: a class ``role-<role>`` and its cues as tooltip)."""
    text = doc.get("text") or ""
    spans: list[Span] = []
    for sent in doc.get("sentences") or []:
        role = sent.get("role") or "report"
        cues = ", ".join(c.split(":", 1)[0] if c.startswith(("date", "section")) else c
                         for c in sent.get("cues") or [])
        spans.append(Span(sent["start"], sent["end"], "sentence", classes=("sent", f"role-{role}"),
                          title=f"{t('col.role')}: {t('role.' + role)}" + (f" ({cues})" if cues
                                                                          else ""),
                          data=(("role", role),)))
    seen: set[tuple[int, int, str]] = set()
    for m in doc.get("mentions") or []:
        ev = m.get("evidence") or {}
        base = ev.get("start") or 0
        sentence = text[base:ev.get("end") or base] or ev.get("text") or ""
        for s in mention_spans(t, m, sentence, base, anchor=True):
            s2 = Span(s.start + base, s.end + base, s.kind, s.classes, s.title, s.id, s.data)
            key = (s2.start, s2.end, s2.kind)
            if s2.kind != "trigger" and key in seen:
                continue
            seen.add(key)
            spans.append(s2)
    return highlight(text, spans)


def query_html(text: str, q: str) -> Markup:
    """``text`` with every occurrence of the words of ``q`` marked (search snippets)."""
    spans = []
    low = (text or "").lower()
    for term in {w.lower() for w in (q or "").split() if w}:
        i = low.find(term)
        while i >= 0:
            spans.append(Span(i, i + len(term), "query"))
            i = low.find(term, i + len(term))
    return highlight(text, spans)


# --- dates -------------------------------------------------------------------------------------

def parse_day(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def date_range(date: str | None) -> tuple[str, str | None] | None:
    """A (start, end) pair of ISO days for a timeline item: a day is a point, a month or a
    year a range (end exclusive)."""
    if not date:
        return None
    parts = date[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) >= 3:
            return dt.date(y, int(parts[1]), int(parts[2])).isoformat(), None
        if len(parts) == 2:
            m = int(parts[1])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1).isoformat(), nxt.isoformat()
        return dt.date(y, 1, 1).isoformat(), dt.date(y + 1, 1, 1).isoformat()
    except (ValueError, IndexError):
        return None


def period_bounds(period: str) -> tuple[str, str]:
    """The start/end filter values of a dyad period (``2024-06`` or ``2024-W25``)."""
    m = re.match(r"^(\d{4})-W(\d{2})$", period or "")
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return period, period


# --- data helpers --------------------------------------------------------------------------------

def all_events(store, limit: int = 5000, **filters) -> list[dict]:
    from kizashi.store import queries

    out: list[dict] = []
    after = None
    while len(out) < limit:
        page = queries.list_events(store, limit=500, after=after, **filters)
        out.extend(page.items)
        if not page.next_cursor:
            break
        after = page.next_cursor
    return out[:limit]


def count_events(store, **filters) -> int:
    from kizashi.store import queries

    return queries.count_events(store, **filters)["events"]


def doc_stats(store, start: str, end: str) -> tuple[int, int]:
    """Documents published in [start, end] and their distinct outlets."""
    from sqlalchemy import func, select

    from kizashi.store.models import Document

    d = Document
    with store.engine.connect() as conn:
        row = conn.execute(select(func.count(d.id), func.count(func.distinct(d.source)))
                           .where(d.published >= start, d.published < end + "~")).first()
    return int(row[0] or 0), int(row[1] or 0)


def latest_published(store) -> dt.date | None:
    from sqlalchemy import func, select

    from kizashi.store.models import Document

    with store.engine.connect() as conn:
        v = conn.execute(select(func.max(Document.published))).scalar()
    return parse_day(v)


def change(now: int, before: int) -> dict[str, Any]:
    d = now - before
    return {"now": now, "before": before, "delta": d,
            "dir": "up" if d > 0 else "down" if d < 0 else "same"}


# --- routes --------------------------------------------------------------------------------------

def mount(app: FastAPI, store) -> None:
    """Add the workbench pages to ``app`` (the API's app) on ``store``, static files at
    ``/static`` and an HTML 404 page for everything outside ``/api``."""
    from kizashi.store import catalog, queries
    from kizashi.store.queries import QueryError

    env = make_env()
    app.mount("/static", StaticFiles(directory=str(STATIC), check_dir=False), name="static")

    previous = app.exception_handlers.get(StarletteHTTPException)

    async def http_error(request: Request, exc: StarletteHTTPException):
        path = request.url.path
        if exc.status_code == 404 and not path.startswith(("/api", "/static")):
            return UI(env, request).not_found()
        if previous is not None:
            return await previous(request, exc) if _is_async(previous) else previous(request, exc)
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, http_error)

    from kizashi.web.loop import CHANGED_CHOICES, register, what_changed

    register(app, store, lambda request: UI(env, request))

    def events_context(ui: UI, params, default_sort: str = "date"):
        f, form, errors = event_filters(store, params)
        form["sort"] = form["sort"] or default_sort
        return f, form, errors

    # -- overview ----------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request):
        ui = UI(env, request)
        try:
            days = int(request.query_params.get("days") or 90)
        except ValueError:
            days = 90
        days = days if days in (30, 90, 180, 365) else 90
        last = latest_published(store)
        end_d = parse_day(request.query_params.get("end")) or last or dt.date.today()
        start_d = end_d - dt.timedelta(days=days - 1)
        prev_end = start_d - dt.timedelta(days=1)
        prev_start = prev_end - dt.timedelta(days=days - 1)
        s, e, ps, pe = (d.isoformat() for d in (start_d, end_d, prev_start, prev_end))
        now_ev = queries.count_events(store, start=s, end=e)
        prev_ev = queries.count_events(store, start=ps, end=pe)
        docs_now, src_now = doc_stats(store, s, e)
        docs_prev, src_prev = doc_stats(store, ps, pe)
        figures = [
            ("overview.events", change(now_ev["events"], prev_ev["events"]),
             ui.url("/events", {"start": s, "end": e})),
            ("overview.documents", change(docs_now, docs_prev),
             ui.url("/documents", {"start": s, "end": e})),
            ("overview.sources", change(src_now, src_prev), None),
            ("overview.conflicts",
             change(now_ev["conflicting"], prev_ev["conflicting"]),
             ui.url("/quantities", {"start": s, "end": e})),
        ]
        latest = queries.list_events(store, sort="-reported", limit=8).items
        net = queries.network(store, start=s, end=e)
        pairs: dict[tuple[str, str], int] = {}
        for ed in net["edges"]:
            key = tuple(sorted((ed["source"], ed["target"])))
            pairs[key] = pairs.get(key, 0) + ed["weight"]
        top = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        months = model.months_back(end_d, 12)
        dyads = []
        for (a, b), _w in top:
            n_now = count_events(store, dyad=(a, b), start=s, end=e)
            n_prev = count_events(store, dyad=(a, b), start=ps, end=pe)
            series = queries.dyad_series(store, a, b, freq="month", start=months[0], end=e)
            by = {r["period"]: r for r in series["rows"]}
            values = [by[m]["index"] if m in by else 0.0 for m in months]
            label = f"{a}–{b}: " + ", ".join(f"{m} {v:+.1f}" for m, v in zip(months, values)
                                             if m in by)
            dyads.append({"a": a, "b": b, "change": change(n_now, n_prev),
                          "spark": svg.sparkline(values, label=label or f"{a}–{b}"),
                          "url": f"/dyad/{seg(a)}/{seg(b)}",
                          "events_url": ui.url("/events", {"dyad": f"{a},{b}", "start": s,
                                                           "end": e})})
        changed_key = request.query_params.get("changed") or "1d"
        if changed_key not in CHANGED_CHOICES:
            changed_key = "1d"
        changes = what_changed(store, CHANGED_CHOICES[changed_key])
        return ui.render("overview.html", nav="overview", figures=figures, latest=latest,
                         dyads=dyads, days=days, period=(s, e), previous=(ps, pe),
                         empty=last is None, changes=changes, changed_key=changed_key,
                         changed_choices=list(CHANGED_CHOICES))

    # -- events ------------------------------------------------------------------------------
    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request):
        ui = UI(env, request)
        f, form, errors = events_context(ui, request.query_params)
        after = request.query_params.get("after") or None
        try:
            limit = min(max(int(request.query_params.get("limit") or PAGE_SIZE), 1), 200)
        except ValueError:
            limit = PAGE_SIZE
        items, next_cursor = [], None
        try:
            page = queries.list_events(store, sort=form["sort"], limit=limit, after=after,
                                       **f)
            items, next_cursor = page.items, page.next_cursor
        except QueryError as e:
            errors.append(str(e))
        details = queries.event_details(store, [ev["id"] for ev in items])  # one batch
        rows = [{"event": ev, "mentions": _mention_views(ui.t, details.get(ev["id"]) or {})}
                for ev in items]
        exp = export_params(form)
        exports = [(fmt, ui.url("/api/v1/events/export", {"format": fmt, **exp}))
                   for fmt in ("csv", "jsonl", "parquet")]
        return ui.render("events.html", status=400 if errors else 200,
                         nav="events", form=form, errors=errors, rows=rows,
                         next_url=ui.here(after=next_cursor) if next_cursor else None,
                         first_url=ui.here(after=None) if after else None,
                         exports=exports, types=event_types(), sorts=SORTS,
                         actor_codes=sorted(entity_names().items()))

    @app.get("/events/{event_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        ui = UI(env, request)
        detail = queries.event_detail(store, event_id)
        if detail is None:
            return ui.not_found()
        conflicts = {i for pair in detail.get("quantity_conflicts") or [] for i in pair}
        actors, recips = detail.get("actors") or [], detail.get("recipients") or []
        a = actors[0] if actors else None
        b = recips[0] if recips else actors[1] if len(actors) > 1 else None
        series = []
        for g in detail.get("quantity_series") or []:
            if len(g["items"]) >= 2:
                series.append({**g, "estimates": [detail["quantities"][i] for i in g["items"]]})
        return ui.render("event.html", nav="events", ev=detail,
                         mentions=_mention_views(ui.t, detail), conflicts=conflicts,
                         series=series, types=event_types(),
                         actor_codes=sorted(entity_names().items()),
                         dyad_url=f"/dyad/{seg(a)}/{seg(b)}" if a and b and a != b else None)

    # -- timeline ----------------------------------------------------------------------------
    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request):
        ui = UI(env, request)
        t = ui.t
        f, form, errors = events_context(ui, request.query_params)
        group_by = request.query_params.get("group") or "dyad"
        group_by = group_by if group_by in ("dyad", "type") else "dyad"
        try:
            evs = all_events(store, limit=3000, **f)
        except QueryError as e:
            errors.append(str(e))
            evs = []
        items, groups, undated = [], {}, []
        for ev in evs:
            rng = date_range(ev.get("date"))
            if rng is None:
                undated.append(ev)
                continue
            label = f"{t.maybe('type', ev['event_type'])} {ev.get('date')}"
            if group_by == "type":
                keys = [(ev["event_type"], f"{t.maybe('type', ev['event_type'])}"
                                            f" ({ev['event_type']})")]
            else:
                keys = _dyad_keys(ui, ev)
            for gid, glabel in keys:
                groups.setdefault(gid, glabel)
                items.append({"id": f"{ev['id']}|{gid}", "event": ev["id"], "group": gid,
                              "start": rng[0], "end": rng[1], "label": label,
                              "quad": ev.get("quad_class") or "unknown",
                              "title": _event_title(ui, ev)})
        data = {"items": items,
                "groups": [{"id": k, "label": v} for k, v in sorted(groups.items())],
                "lang": ui.lang}
        return ui.render("timeline.html", status=400 if errors else 200, nav="timeline", form=form, errors=errors,
                         group_by=group_by, data=data, events=[e for e in evs if e not in undated],
                         undated=undated, types=event_types(),
                         actor_codes=sorted(entity_names().items()))

    # -- network -----------------------------------------------------------------------------
    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request):
        ui = UI(env, request)
        f, form, errors = events_context(ui, request.query_params)
        try:
            net = queries.network(store, **f)
        except QueryError as e:
            errors.append(str(e))
            net = {"nodes": [], "edges": [], "events": 0}
        nodes = [{**n, "label": ui.name(n["code"])} for n in net["nodes"]]
        edges = [{**e, "url": f"/dyad/{seg(e['source'])}/{seg(e['target'])}",
                  "quad_label": ui.t.maybe("quad", e.get("quad_class"))} for e in net["edges"]]
        data = {"nodes": nodes, "edges": edges}
        return ui.render("network.html", status=400 if errors else 200, nav="network", form=form, errors=errors, data=data,
                         nodes=nodes, edges=sorted(edges, key=lambda e: (-e["weight"],
                                                                        e["source"],
                                                                        e["target"])),
                         n_events=net.get("events", 0), types=event_types(),
                         actor_codes=sorted(entity_names().items()))

    # -- dyad --------------------------------------------------------------------------------
    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str):
        ui = UI(env, request)
        t = ui.t
        if not CODE_RE.match(a) or not CODE_RE.match(b) or a.upper() == b.upper():
            return ui.not_found()
        a, b = a.upper(), b.upper()
        freq = request.query_params.get("freq") or "month"
        freq = freq if freq in ("month", "week") else "month"
        f, form, errors = events_context(ui, request.query_params)
        f.pop("dyad", None)
        all_roles = request.query_params.get("all_roles") in ("1", "true", "on")
        try:
            series = queries.dyad_series(store, a, b, freq=freq, all_roles=all_roles, **f)
            rows = series["rows"]
        except QueryError as e:
            errors.append(str(e))
            rows = []
        base = {k: v for k, v in export_params(form).items()
                if k not in ("start", "end", "dyad", "sort")}
        for r in rows:
            s, e = period_bounds(r["period"])
            r["url"] = ui.url("/events", {**base, "dyad": f"{a},{b}", "start": s, "end": e})
        data = {"a": a, "b": b, "rows": rows,
                "labels": {"index": t("chart.index"), "count": t("chart.count"),
                           "cooperation": t("chart.cooperation"),
                           "conflict": t("chart.conflict"),
                           "a_to_b": f"{a}→{b}", "b_to_a": f"{b}→{a}"}}
        return ui.render("dyad.html", status=400 if errors else 200, nav="network", a=a, b=b, rows=rows, data=data,
                         freq=freq, form=form, errors=errors, all_roles=all_roles,
                         all_url=ui.url("/events", {**base, "dyad": f"{a},{b}"}),
                         swap_url=ui.url(f"/dyad/{seg(b)}/{seg(a)}", {"freq": freq, **base}),
                         types=event_types(), actor_codes=sorted(entity_names().items()))

    # -- quantities --------------------------------------------------------------------------
    @app.get("/quantities", response_class=HTMLResponse, include_in_schema=False)
    def quantities_page(request: Request):
        ui = UI(env, request)
        t = ui.t
        f, form, errors = events_context(ui, request.query_params)
        obj = (request.query_params.get("object") or "").strip() or None
        unit = (request.query_params.get("unit") or "").strip() or None
        try:
            data = catalog.quantities(store, object=obj, unit=unit, **f)
        except QueryError as e:
            errors.append(str(e))
            data = {"series": []}
        try:
            everything = catalog.quantities(store)["series"] if (obj or unit or f) \
                else data["series"]
        except QueryError:
            everything = []
        objects = sorted({s["object"] for s in everything if s.get("object")})
        units = sorted({s["unit"] for s in everything if s.get("unit")})
        series = []
        for s in data["series"]:
            est = s["estimates"]
            for x in est:
                x["shown"] = _estimate_text(t, x, s.get("unit"))
                x["url"] = f"/documents/{seg(x['doc_id'])}#m-{seg(x['mention_id'])}"
            title = t("quantities.chart", object=s.get("object") or t("quantities.no_object"),
                      unit=s.get("unit") or "")
            chart = svg.estimates_chart(est, title=title, conflict_label=t("quantities.conflicting")) \
                if len(est) > 1 else ""
            series.append({**s, "chart": chart,
                           "n_conflicting": sum(1 for x in est if x.get("conflicting"))})
        return ui.render("quantities.html", status=400 if errors else 200, nav="quantities", form=form, errors=errors,
                         series=series, objects=objects, units=units, obj=obj or "",
                         unit=unit or "", types=event_types(),
                         actor_codes=sorted(entity_names().items()))

    # -- documents ---------------------------------------------------------------------------
    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request):
        ui = UI(env, request)
        qp = request.query_params
        form = {k: (qp.get(k) or "").strip() for k in ("source", "start", "end", "q")}
        errors: list[str] = []
        try:
            res = catalog.list_documents(store, source=form["source"] or None,
                                         start=form["start"] or None, end=form["end"] or None,
                                         q=form["q"] or None, limit=PAGE_SIZE,
                                         after=qp.get("after") or None)
        except QueryError as e:
            errors.append(str(e))
            res = {"items": [], "next_cursor": None}
        nxt = res.get("next_cursor")
        return ui.render("documents.html", status=400 if errors else 200, nav="documents", form=form, errors=errors,
                         docs=res["items"], next_url=ui.here(after=nxt) if nxt else None,
                         first_url=ui.here(after=None) if qp.get("after") else None)

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        ui = UI(env, request)
        doc = catalog.document_detail(store, doc_id)
        if doc is None:
            return ui.not_found()
        event_ids = []
        for m in doc["mentions"]:
            if m.get("event_id") and m["event_id"] not in event_ids:
                event_ids.append(m["event_id"])
        details = queries.event_details(store, event_ids)
        events = []
        for eid in event_ids:
            d = details.get(eid)
            if d:
                d.pop("mentions", None)
                events.append(d)
        views = []
        for m in doc["mentions"]:
            views.append({**m, "html": evidence_html(ui.t, m)})
        return ui.render("document.html", nav="documents", doc=doc,
                         text_html=document_html(ui.t, doc), events=events, mentions=views)

    # -- search ------------------------------------------------------------------------------
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request):
        ui = UI(env, request)
        q = (request.query_params.get("q") or "").strip()
        res, errors = None, []
        if q:
            try:
                res = catalog.search(store, q, limit=50)
                for h in res["documents"]:
                    h["snippet_html"] = query_html(h.get("snippet") or "", q)
                    h["title_html"] = query_html(h.get("title") or ui.t("misc.untitled"), q)
            except QueryError as e:
                errors.append(str(e))
        return ui.render("search.html", status=400 if errors else 200, nav="search", q=q,
                         res=res, errors=errors)

    # -- briefing ----------------------------------------------------------------------------
    @app.get("/briefing", response_class=HTMLResponse, include_in_schema=False)
    def briefing_page(request: Request):
        from kizashi.api.briefings import briefing_response
        from kizashi.api.errors import ApiError
        from kizashi.briefing import BriefingError, build
        from kizashi.briefing.render import charts

        ui = UI(env, request)
        qp = request.query_params
        form = {k: (qp.get(k) or "").strip() for k in ("period", "end", "dyad", "watch")}
        form["period"] = form["period"] or "7d"
        fmt = qp.get("format") or ""
        if fmt in ("md", "html", "pdf"):
            try:
                return briefing_response(store, period=form["period"], end=form["end"] or None,
                                         dyad=form["dyad"] or None, lang=ui.lang, fmt=fmt,
                                         watch=form["watch"] or None)
            except ApiError as e:
                return ui.render("briefing.html", status=e.status, nav="briefing", form=form,
                                 errors=[e.message], b=None,
                                 actor_codes=sorted(entity_names().items()))
        errors: list[str] = []
        b = None
        dyad = tuple(x.strip() for x in form["dyad"].split(",")) if form["dyad"] else None
        if dyad is not None and (len(dyad) != 2 or not all(dyad)):
            errors.append(f"dyad={form['dyad'][:40]!r}: two codes or names, e.g. RUS,PRK")
            dyad = None
        if not errors:
            try:
                b = build(store, period=form["period"], end=form["end"] or None, dyad=dyad,
                          lang=ui.lang, watch=form["watch"] or None)
            except BriefingError as e:
                errors.append(str(e))
        params = {k: v for k, v in form.items() if v}
        downloads = [(f, ui.url("/briefing", {**params, "format": f, "lang": ui.lang}))
                     for f in ("md", "html", "pdf")]
        return ui.render("briefing.html", status=400 if errors else 200, nav="briefing",
                         form=form, errors=errors, b=b, charts=charts(b, ui.t) if b else {},
                         downloads=downloads, actor_codes=sorted(entity_names().items()),
                         api_url=ui.url("/api/v1/briefing", {**params, "lang": ui.lang}))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg", status_code=307)


def _is_async(fn) -> bool:
    import inspect

    return inspect.iscoroutinefunction(fn)


def _dyad_keys(ui: UI, ev: dict) -> list[tuple[str, str]]:
    actors, recips = ev.get("actors") or [], ev.get("recipients") or []
    pairs: list[tuple[str, str]] = []
    if recips:
        pairs = [(a, r) for a in actors for r in recips if a != r]
    elif len(actors) > 1:
        pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    out = []
    for a, b in pairs:
        x, y = sorted((a, b))
        out.append((f"{x}–{y}", f"{x}–{y}"))
    if not out:
        code = actors[0] if actors else (recips[0] if recips else "?")
        out.append((code, ui.t("timeline.solo", code=code)))
    seen, uniq = set(), []
    for k in out:
        if k[0] not in seen:
            seen.add(k[0])
            uniq.append(k)
    return uniq


def _event_title(ui: UI, ev: dict) -> str:
    t = ui.t
    who = ", ".join(ev.get("actors") or [])
    whom = ", ".join(ev.get("recipients") or [])
    grade = f" · {ev['grade']}" if ev.get("grade") else ""
    contested = f" · {t('events.contested')}" if ev.get("contested") else ""
    return (f"{ev.get('date') or '?'} {t.maybe('type', ev['event_type'])} "
            f"{who}{' → ' + whom if whom else ''} · {t.maybe('fact', ev.get('factuality'))}"
            f"{grade}{contested}")


def _estimate_text(t: Translator, x: dict, unit: str | None) -> str:
    u = unit or ""
    if x.get("value") is not None:
        s = f"{fmt_num(x['value'])}{u}"
    elif x.get("low") is not None and x.get("high") is not None:
        s = t("quantities.range", low=fmt_num(x["low"]), high=fmt_num(x["high"])) + u
    elif x.get("low") is not None:
        s = t("quantities.at_least", low=f"{fmt_num(x['low'])}{u}")
    elif x.get("high") is not None:
        s = t("quantities.at_most", high=f"{fmt_num(x['high'])}{u}")
    else:
        s = x.get("text") or "?"
    return (t("quantities.approx") + " " + s) if x.get("approx") else s


def _mention_views(t: Translator, detail: dict) -> list[dict]:
    """The mentions of an event detail with their highlighted evidence (quantities of the event
    are attached to the mention they come from)."""
    by_mention: dict[str, list[dict]] = {}
    for q in detail.get("quantities") or []:
        by_mention.setdefault(q.get("mention_id"), []).append(q)
    out = []
    for m in detail.get("mentions") or []:
        m = dict(m)
        m.setdefault("quad_class", detail.get("quad_class"))
        qs = by_mention.get(m.get("id"), [])
        m["quantities"] = qs
        m["html"] = evidence_html(t, m, qs)
        out.append(m)
    return out
