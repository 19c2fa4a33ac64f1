"""A web site on 127.0.0.1 for the tests and benchmarks of ``kizashi fetch`` (like
:mod:`kizashi.store.pgcluster` for PostgreSQL): pages set by path, with ETag and Last-Modified
validators and 304 answers, slow and dripping answers, failures for the first N requests,
redirects, and counters of what was asked.

    with LocalSite() as site:
        site.page("/feed.xml", rss_bytes, content_type="application/rss+xml")
        site.page("/slow", b"...", delay=5)
        site.base        # http://127.0.0.1:PORT

It binds the loopback address only and every wait is bounded (``MAX_WAIT``).
"""
from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["LocalSite", "Page", "MAX_WAIT"]

MAX_WAIT = 60.0


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True            # ETag and Last-Modified, 304 on a match
    last_modified: float | None = None
    delay: float = 0.0                 # seconds before answering
    drip: float = 0.0                  # seconds between chunks of the body (64 bytes each)
    fail_first: int = 0                # answer fail_status to this many requests first
    fail_status: int = 500
    redirect: str | None = None        # answer 301 to this location
    length_lie: int | None = None      # a Content-Length that is not the body's (-1: none,
                                       # the body ends when the connection closes)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class LocalSite:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.active = 0                  # requests being answered now
        self.max_active = 0              # the most at once
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True     # headers and body in one go: no 40 ms stalls
            wbufsize = 64 * 1024

            def log_message(self, *args) -> None:       # quiet
                pass

            def do_GET(self) -> None:                     # noqa: N802 - http.server's name
                site.handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:   # a client that left
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- set-up --------------------------------------------------------------------------------
    def page(self, path: str, body: bytes | str = b"", **kw) -> Page:
        if isinstance(body, str):
            body = body.encode("utf-8")
        p = Page(body=body, **kw)
        if p.last_modified is None:
            p.last_modified = time.time()
        with self.lock:
            self.pages[path] = p
        return p

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> LocalSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- serving -------------------------------------------------------------------------------
    def _count(self, path: str, status: int, headers: dict[str, str]) -> None:
        with self.lock:
            self.hits[path] += 1
            self.statuses[status] += 1
            self.requests.append((path, headers))
            if status == 304:
                self.not_modified[path] += 1

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self._handle(h)
        finally:
            with self.lock:
                self.active -= 1

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("#", 1)[0]
        with self.lock:
            page = self.pages.get(path) or self.pages.get(path.split("?", 1)[0])
        headers = {k.lower(): v for k, v in h.headers.items()}
        if page is None:
            self._count(path, 404, headers)
            return self._send(h, 404, b"not found", "text/plain", {})
        if page.delay:
            time.sleep(min(page.delay, MAX_WAIT))
        if page.fail_first > 0:
            with self.lock:
                page.fail_first -= 1
            self._count(path, page.fail_status, headers)
            return self._send(h, page.fail_status, b"failure", "text/plain", page.headers)
        if page.redirect:
            self._count(path, 301, headers)
            return self._send(h, 301, b"", "text/plain", {"Location": page.redirect})
        extra = dict(page.headers)
        if page.validators and page.status == 200:
            lm = email.utils.formatdate(page.last_modified, usegmt=True)
            extra.update({"ETag": page.etag, "Last-Modified": lm})
            inm, ims = headers.get("if-none-match"), headers.get("if-modified-since")
            if (inm and inm == page.etag) or (not inm and ims and ims == lm):
                self._count(path, 304, headers)
                return self._send(h, 304, b"", None, extra)
        self._count(path, page.status, headers)
        self._send(h, page.status, page.body, page.content_type, extra, drip=page.drip,
                   length=page.length_lie)

    @staticmethod
    def _send(h, status: int, body: bytes, ctype: str | None, headers: dict[str, str], *,
              drip: float = 0.0, length: int | None = None) -> None:
        try:
            h.send_response(status)
            if ctype:
                h.send_header("Content-Type", ctype)
            for k, v in headers.items():
                h.send_header(k, v)
            if length == -1:
                h.close_connection = True
                h.send_header("Connection", "close")
            else:
                h.send_header("Content-Length", str(len(body) if length is None else length))
            h.end_headers()
            if status == 304 or not body:
                return
            if drip:
                deadline = time.monotonic() + MAX_WAIT
                for i in range(0, len(body), 64):
                    h.wfile.write(body[i:i + 64])
                    h.wfile.flush()
                    if time.monotonic() > deadline:
                        return
                    time.sleep(drip)
            else:
                h.wfile.write(body)
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def rss_feed(title: str, items: list[dict], link: str = "https://example.jp/") -> str:
    """An RSS 2.0 document: ``items`` of ``{"title", "link", "date" (RFC 822 or ISO),
    "description"}``."""
    from xml.sax.saxutils import escape

    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
             f"<title>{escape(title)}</title><link>{escape(link)}</link>"
             f"<description>{escape(title)}</description>"]
    for it in items:
        parts.append("<item>")
        for tag, key in (("title", "title"), ("link", "link"), ("guid", "link"),
                         ("pubDate", "date"), ("description", "description")):
            if it.get(key):
                parts.append(f"<{tag}>{escape(str(it[key]))}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


def article_page(title: str, paragraphs: list[str], *, date: str | None = None,
                 canonical: str | None = None, site: str | None = None,
                 charset: str = "utf-8", declare: str | None = None) -> bytes:
    """An article's HTML page (navigation, the article, a footer), encoded in ``charset`` and
    declaring ``declare`` (default: the same) in its ``<meta charset>``."""
    from html import escape

    head = [f'<meta charset="{declare or charset}">', f"<title>{escape(title)}</title>",
            '<meta property="og:type" content="article">']
    if date:
        head.append(f'<meta property="article:published_time" content="{escape(date)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{escape(site)}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (f"<!doctype html><html lang=\"ja\"><head>{''.join(head)}</head><body>"
            "<nav><a href=\"/\">ホーム</a> <a href=\"/world\">国際</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>著作権は各社に帰属します</footer></body></html>")
    return html.encode(charset)
