"""One pass of ``kizashi fetch``: every due source is read, each new item's article page is
fetched and extracted (trafilatura: main text, title, date, outlet, canonical URL) and ingested;
then the events are fused again when anything changed and the watches are evaluated.

What a pass does with a source (in worker threads, one source each; only the main thread
writes to the database):

1. a conditional GET of the source URL with the validators of the last fetch: a 304 ends it
   (counted as ``not_modified`` in the source's health);
2. the items it lists: a feed's entries; an index page's article links (same site, not the
   page itself, not images, scripts or tag pages); an article URL is its own one item;
3. each item under its canonical key (:func:`kizashi.fetch.urls.url_key`): an item read before
   whose feed entry is unchanged is not fetched again; one whose entry changed is fetched with
   the page's validators (a 304 leaves it as it is; a 200 replaces the article); a new item is
   fetched and read. A page whose text is already stored under another URL (the same story in
   two feeds, a mobile or AMP copy) is a duplicate and not stored twice. A feed item whose page
   cannot be fetched (404, timeout) is stored from the entry's own text when that has prose.

One source's failure (no answer, garbage, a hang cut by the timeouts) is recorded in its health
and never stops the others.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from kizashi.errors import InputError
from kizashi.fetch import sources as S
from kizashi.fetch.http import Fetcher, FetchError, FetchPolicy, Response
from kizashi.fetch.urls import absolute, canonical_url, url_key
from kizashi.records import Article, article_id

__all__ = ["Item", "SourceResult", "PassReport", "run_pass", "fetch_source", "list_items",
           "read_article", "iter_url_articles", "MAX_ITEMS"]

MAX_ITEMS = 200                 # items followed per source and pass
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")
_SKIP_PATH = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|mp[34]|mov|xml|rss|json)$"
    r"|/(?:tags?|category|categories|search|login|signup|about|contact|privacy|help|author)"
    r"(?:/|$)", re.I)
_SENTENCE_END = re.compile(r"[。．！？!?」』）)]\s*$")


@dataclass
class Item:
    """Something a source lists: an article URL, with what the feed entry says of it."""

    url: str
    title: str | None = None
    published: str | None = None
    text: str | None = None          # the feed entry's own text (summary or content)
    outlet: str | None = None        # the feed's title
    fingerprint: str | None = None   # of the feed entry: a change asks for the page again

    @property
    def key(self) -> str:
        return url_key(self.url)


@dataclass
class Fetched:
    """An item read in a pass: its article (None: unchanged or a duplicate) and its page row."""

    item: Item
    article: Article | None
    page: dict[str, Any]
    outcome: str                      # fetched | not_modified | unchanged | duplicate | entry


@dataclass
class SourceResult:
    source: dict[str, Any]
    ok: bool = True
    not_modified: bool = False
    status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None
    items_seen: int = 0
    fetched: list[Fetched] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)


@dataclass
class PassReport:
    sources: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {
        "sources": 0, "sources_failed": 0, "sources_not_modified": 0, "items_seen": 0,
        "new": 0, "updated": 0, "unchanged": 0, "duplicates": 0, "pages_not_modified": 0,
        "failures": 0, "mentions": 0})
    failures: list[str] = field(default_factory=list)
    http: dict[str, int] = field(default_factory=dict)
    fused: dict[str, Any] | None = None
    watches: list[dict[str, Any]] = field(default_factory=list)
    alerts: dict[str, int] = field(default_factory=dict)
    interrupted: bool = False
    texts: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    seconds: dict[str, float] = field(default_factory=lambda: {
        "total": 0.0, "store": 0.0, "fuse": 0.0, "watches": 0.0})

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "counts": self.counts, "failures": self.failures,
                "http": self.http, "fused": self.fused, "watches": self.watches,
                "alerts": self.alerts, "interrupted": self.interrupted,
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


def _fingerprint(*parts: str | None) -> str:
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()


def _text_key(text: str) -> str:
    """A key of the article's text, white space and width folded (NFKC): the same story under
    two URLs has the same key."""
    import unicodedata

    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def _has_prose(text: str | None) -> bool:
    for line in (text or "").splitlines():
        n = len(re.sub(r"\s+", "", line))
        if n >= 40 or (n >= 8 and _SENTENCE_END.search(line)):
            return True
    return False


# --- what a source lists ---------------------------------------------------------------------------

def _is_feed(resp: Response) -> bool:
    from kizashi.ingest.feeds import looks_like_feed

    return resp.content_type in FEED_TYPES and looks_like_feed(resp.content) \
        or looks_like_feed(resp.content[:4096])


def _site(host: str) -> str:
    for p in ("www.", "m.", "sp.", "mobile.", "amp."):
        if host.startswith(p) and host.count(".") >= 2:
            return host[len(p):]
    return host


def index_links(html: str, base: str, limit: int = MAX_ITEMS) -> list[Item]:
    """The article links of an index page: same site, not the page itself, not files, tag or
    search pages; in page order, one per canonical URL."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(
            html, parser=lxml.html.HTMLParser(huge_tree=True, remove_comments=True))
    except Exception:  # noqa: BLE001 - an unreadable page lists nothing
        return []
    site = _site((urlsplit(base).hostname or "").lower())
    own = url_key(base)
    out: list[Item] = []
    seen = {own}
    for a in tree.iter("a"):
        url = absolute(base, a.get("href") or "")
        if url is None:
            continue
        p = urlsplit(url)
        if _site((p.hostname or "").lower()) != site:
            continue
        path = p.path or "/"
        if path in ("", "/") or _SKIP_PATH.search(path):
            continue
        if path.count("/") < 2 and not re.search(r"\d", path):
            continue
        k = url_key(url)
        if k in seen:
            continue
        seen.add(k)
        title = " ".join((a.text_content() or "").split())[:300] or None
        out.append(Item(url=url, title=title))
        if len(out) >= limit:
            break
    return out


def _looks_like_article(html: str) -> bool:
    return bool(re.search(r"""<meta[^>]+og:type["'][^>]+content=["']article"""
                          r"""|<meta[^>]+content=["']article["'][^>]+og:type"""
                          r"""|"@type"\s*:\s*"(?:News)?Article\"""", html[:200_000], re.I))


def list_items(resp: Response, kind: str = "auto") -> tuple[str, list[Item], list[InputError]]:
    """``(kind, items, problems)`` of a source's response: a feed's entries, an index page's
    links, or the page itself as one item (``kind`` decided when it is ``auto``)."""
    from kizashi.ingest.feeds import parse_feed_bytes

    if kind == "feed" or (kind == "auto" and _is_feed(resp)):
        items, problems = [], []
        for a in parse_feed_bytes(resp.content, resp.url):
            if isinstance(a, InputError):
                problems.append(a)
                continue
            if not a.url:
                problems.append(InputError(f"{resp.url}: {a.record}",
                                           "the entry has no link to its article"))
                continue
            items.append(Item(url=a.url, title=a.title, published=a.published, text=a.text,
                              outlet=a.source, fingerprint=_fingerprint(
                                  canonical_url(a.url), a.title, a.published, a.text)))
            if len(items) >= MAX_ITEMS:
                break
        return "feed", items, problems
    text, _ = resp.text()
    if kind == "article" or (kind == "auto" and _looks_like_article(text)):
        return "article", [Item(url=resp.url)], []
    links = index_links(text, resp.url)
    if kind == "auto" and len(links) < 3:
        return "article", [Item(url=resp.url)], []
    return "index", links, []


# --- articles ---------------------------------------------------------------------------------------

def read_article(resp: Response, item: Item, outlet: str | None = None) -> Article:
    """The article of a fetched page (trafilatura), with its canonical URL as identity; the
    feed entry fills a missing title or date."""
    from kizashi.ingest.html import parse_html

    html, _ = resp.text()
    a = parse_html(html, resp.url)
    url = a.url or resp.url
    return replace(a, id=article_id(canonical_url(url), a.text), url=url,
                   title=a.title or item.title, published=a.published or item.published,
                   source=outlet or a.source or item.outlet, path=None, format="html",
                   record=None)


def _entry_article(item: Item, outlet: str | None) -> Article:
    return Article(id=article_id(canonical_url(item.url), item.text or ""), text=item.text or "",
                   title=item.title, published=item.published,
                   source=outlet or item.outlet, url=item.url, format="feed")


def _fetch_item(fetcher: Fetcher, store, item: Item, known, source: dict[str, Any],
                result: SourceResult) -> None:
    outlet = source.get("outlet")
    page = {"key": item.key, "url": canonical_url(item.url), "source_id": source["id"],
            "entry_fingerprint": item.fingerprint}
    if known is not None and known.doc_id and (
            item.fingerprint is None or known.entry_fingerprint == item.fingerprint):
        result.fetched.append(Fetched(item, None, page | {"doc_id": known.doc_id}, "unchanged"))
        return
    try:
        resp = fetcher.get(item.url, etag=known.etag if known is not None else None,
                           last_modified=known.last_modified if known is not None else None,
                           accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except FetchError as exc:
        if _has_prose(item.text):              # the feed's own text stands in for the page
            a = _entry_article(item, outlet)
            page.update(status=exc.status, text_key=_text_key(a.text), doc_id=a.id)
            result.failures.append(InputError(item.url, exc.problem + "; stored the feed "
                                              "entry's own text instead"))
            result.fetched.append(Fetched(item, a, page, "entry"))
        else:
            result.failures.append(exc)
        return
    if resp.not_modified:
        page.update(status=304, doc_id=known.doc_id if known is not None else None)
        result.fetched.append(Fetched(item, None, page, "not_modified"))
        return
    try:
        a = read_article(resp, item, outlet)
    except InputError as exc:
        if _has_prose(item.text):
            a = _entry_article(item, outlet)
        else:
            result.failures.append(InputError(item.url, exc.problem, exc.hint))
            return
    tkey = _text_key(a.text)
    page.update(status=resp.status, etag=resp.etag, last_modified=resp.last_modified,
                text_key=tkey, doc_id=a.id)
    final_key = url_key(a.url or resp.url)
    if final_key != item.key:                  # redirected, or canonical elsewhere
        page["aliases"] = [final_key]
    result.fetched.append(Fetched(item, a, page, "fetched"))


def fetch_source(fetcher: Fetcher, store, source: dict[str, Any], *,
                 conditional: bool = True) -> SourceResult:
    """Read one source and the new items it lists (no database writes: see :func:`run_pass`)."""
    result = SourceResult(source=source)
    row = None
    if conditional:
        from sqlalchemy import select

        from kizashi.store.models import FetchSource

        with store.engine.connect() as conn:
            row = conn.execute(select(FetchSource.etag, FetchSource.last_modified)
                               .where(FetchSource.id == source["id"])).first()
    try:
        resp = fetcher.get(source["url"], etag=row.etag if row else None,
                           last_modified=row.last_modified if row else None)
        result.status = resp.status
        if resp.not_modified:
            result.not_modified = True
            return result
        result.etag, result.last_modified = resp.etag, resp.last_modified
        kind, items, problems = list_items(resp, source.get("kind") or "auto")
    except InputError as exc:
        result.ok = False
        result.status = getattr(exc, "status", None)
        result.error = exc.problem
        return result
    except Exception as exc:  # noqa: BLE001 - garbage from a source never stops the pass
        result.ok = False
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.kind = kind
    result.failures.extend(problems)
    result.items_seen = len(items)
    if kind == "article" and items and items[0].url == resp.url:
        # the source is the article: read it from this response
        item = items[0]
        try:
            a = read_article(resp, item, source.get("outlet"))
        except InputError as exc:
            result.failures.append(InputError(resp.url, exc.problem, exc.hint))
            return result
        page = {"key": item.key, "url": canonical_url(item.url), "source_id": source["id"],
                "status": resp.status, "etag": resp.etag, "last_modified": resp.last_modified,
                "text_key": _text_key(a.text), "doc_id": a.id}
        result.fetched.append(Fetched(item, a, page, "fetched"))
        return result
    known = S.known_pages(store, [i.key for i in items])
    for item in items:
        try:
            _fetch_item(fetcher, store, item, known.get(item.key), source, result)
        except Exception as exc:  # noqa: BLE001 - one item never stops its source
            result.failures.append(InputError(item.url, f"{type(exc).__name__}: {exc}"))
    return result


# --- the pass ---------------------------------------------------------------------------------------

Extract = Callable[..., list]


def _ingest(store, article: Article, extract: Extract) -> tuple[str, int]:
    from kizashi.ingest.save import ingest_article

    status, n, _notes = ingest_article(store, article, extract)
    return status, n


def run_pass(store, *, fetcher: Fetcher | None = None, extract: Extract | None = None,
             now: dt.datetime | None = None, only: Iterable[int | str] | None = None,
             workers: int = 8, evaluate: bool = True, deliver: bool = True,
             fuse: bool = True, progress: Callable[[str], None] | None = None) -> PassReport:
    """Fetch the due sources (or the sources ``only`` names, due or not), ingest their new and
    changed articles, fuse the events when anything changed, evaluate the watches into alerts
    and deliver the webhooks. ``extract``: the extractor (default: the pipeline's)."""
    if extract is None:
        from kizashi.pipeline import extract as pipeline_extract

        extract = pipeline_extract
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy())
    now = now or S.now_utc()
    report = PassReport()
    if only is not None:
        chosen = []
        for ref in only:
            s = S.get_source(store, ref)
            if s is None:
                raise S.SourceError(f"no source {str(ref)[:80]!r} (see kizashi sources list)")
            chosen.append(s)
    else:
        chosen = S.due_sources(store, now)
    say = progress or (lambda _msg: None)
    changed = False
    import time

    t_start = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(chosen) or 1))) as pool:
            futures = [pool.submit(fetch_source, fetcher, store, s) for s in chosen]
            for fut in futures:
                res = fut.result()
                t0 = time.perf_counter()
                changed |= _store_result(store, res, extract, now, report, say)
                report.seconds["store"] += time.perf_counter() - t0
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        report.http = dict(fetcher.stats)
        if own:
            fetcher.close()
    if fuse:
        from kizashi.store.fusion_sync import is_stale, refresh_events

        t0 = time.perf_counter()
        if changed or is_stale(store):
            report.fused = refresh_events(store)
        report.seconds["fuse"] = time.perf_counter() - t0
    if evaluate:
        from kizashi.watch.alerts import evaluate_all

        t0 = time.perf_counter()
        out = evaluate_all(store, now=now, deliver=deliver)
        report.watches, report.alerts = out["watches"], out["alerts"]
        report.seconds["watches"] = time.perf_counter() - t0
    report.seconds["total"] = time.perf_counter() - t_start
    return report


def _store_result(store, res: SourceResult, extract: Extract, now: dt.datetime,
                  report: PassReport, say) -> bool:
    c = report.counts
    c["sources"] += 1
    src = res.source
    new = 0
    changed = False
    pages = []
    texts = report.texts
    for f in res.fetched:
        tkey = f.page.get("text_key")
        if f.article is not None and tkey:
            twin = texts.get(tkey) or S.doc_of_text(store, tkey)
            if twin is not None and twin[1] != f.article.id and twin[0] != f.page["key"]:
                f.page["doc_id"] = twin[1]            # the same story under another URL
                f.article, f.outcome = None, "duplicate"
            else:
                texts[tkey] = (f.page["key"], f.article.id)
        if f.outcome == "unchanged":
            c["unchanged"] += 1
        elif f.outcome == "not_modified":
            c["pages_not_modified"] += 1
            c["unchanged"] += 1
        elif f.outcome == "duplicate":
            c["duplicates"] += 1
        if f.article is not None:
            try:
                status, n = _ingest(store, f.article, extract)
            except InputError as exc:
                res.failures.append(InputError(f.item.url, exc.problem, exc.hint))
                continue
            except Exception as exc:  # noqa: BLE001 - one article never stops the pass
                res.failures.append(InputError(f.item.url, f"{type(exc).__name__}: {exc}"))
                continue
            c[status] += 1
            c["mentions"] += n
            new += status == "new"
            changed |= status != "unchanged"
            say(f"{src['name']}: {status}: {f.article.title or f.item.url}")
        aliases = f.page.pop("aliases", [])
        pages.append(f.page)
        for k in aliases:
            pages.append({**f.page, "key": k})
    S.record_pages(store, pages, now)
    for err in res.failures:
        report.failures.append(str(err))
    c["failures"] += len(res.failures)
    c["items_seen"] += res.items_seen
    if not res.ok:
        c["sources_failed"] += 1
    if res.not_modified:
        c["sources_not_modified"] += 1
    error = res.error
    if res.ok and res.failures and not error:
        error = f"{len(res.failures)} item(s) failed; first: {res.failures[0]}"
    S.record_health(store, src["id"], now=now, ok=res.ok, status=res.status,
                    not_modified=res.not_modified, error=error if not res.ok else None,
                    items_seen=res.items_seen, items_new=new, etag=res.etag,
                    last_modified=res.last_modified, interval=src["interval_seconds"])
    if res.ok and res.failures:                # the source answered; some items did not
        from sqlalchemy import update

        from kizashi.store.models import FetchSource

        with store.write_connection() as conn, conn.begin():
            conn.execute(update(FetchSource.__table__).where(FetchSource.id == src["id"])
                         .values(last_error=error[:2000], last_error_at=now))
    report.sources.append({"id": src["id"], "name": src["name"], "ok": res.ok,
                           "not_modified": res.not_modified, "status": res.status,
                           "kind": res.kind, "items_seen": res.items_seen, "items_new": new,
                           "error": res.error, "failures": len(res.failures)})
    if not res.ok:
        report.failures.append(f"{src['url']}: {res.error}")
    return changed


def iter_url_articles(urls: Iterable[str],
                      fetcher: Fetcher | None = None) -> Iterator[Article | InputError]:
    """The articles of URLs given to ``kizashi ingest``: a feed's entries (each article page
    fetched), an index page's linked articles, or the article itself; an
    :class:`InputError` for each URL or item that cannot be read."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy())
    try:
        for url in urls:
            try:
                resp = fetcher.get(url)
                _kind, items, problems = list_items(resp)
            except InputError as exc:
                yield exc if exc.source == url else InputError(url, exc.problem, exc.hint)
                continue
            except Exception as exc:  # noqa: BLE001 - garbage is one failure
                yield InputError(url, f"cannot be read ({type(exc).__name__}: {exc})")
                continue
            yield from problems
            for item in items:
                try:
                    r = resp if item.url == resp.url else fetcher.get(item.url)
                    yield read_article(r, item)
                except InputError as exc:
                    if _has_prose(item.text):
                        yield _entry_article(item, None)
                    else:
                        yield InputError(item.url, exc.problem, exc.hint)
    finally:
        if own:
            fetcher.close()
