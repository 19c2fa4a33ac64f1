"""The polite HTTP client of ``kizashi fetch`` (httpx).

:class:`Fetcher` ``.get(url, etag=..., last_modified=...)`` returns a :class:`Response` or
raises :class:`FetchError` (an :class:`~kizashi.errors.InputError` naming the URL and the
problem). What it does for every request:

* **conditional GET**: ``If-None-Match`` / ``If-Modified-Since`` from the validators given; a
  304 is a :class:`Response` with ``not_modified`` (counted in :attr:`Fetcher.stats`);
* **politeness per host**: at most :attr:`FetchPolicy.per_host` requests at once to one host
  and :attr:`FetchPolicy.delay` seconds between the start of two (or the ``Crawl-delay`` of its
  robots.txt, up to 30 s); hosts are independent, so a slow host never holds up another;
* **robots.txt** (RFC 9309): read once per host and fetcher; a 4xx answer allows everything, a
  5xx or an unreachable host disallows everything for this fetcher's life;
* **timeouts**: connect/read/write :attr:`~FetchPolicy.timeout` each, and the whole response
  within :attr:`~FetchPolicy.total_timeout` (a server that drips one byte a second is cut off);
* **retries with backoff** on connection errors, timeouts, 429 and 5xx: up to
  :attr:`~FetchPolicy.retries` more attempts, waiting ``backoff * 2**n`` seconds (or the
  ``Retry-After`` the server asks for, when it is not longer than ``max_backoff``);
* **redirects**: followed up to :attr:`~FetchPolicy.max_redirects` (the final URL is kept);
* **size cap**: a body over :attr:`~FetchPolicy.max_bytes` is refused (by its Content-Length
  before reading, else while streaming);
* **encodings**: :meth:`Response.text` decodes valid UTF-8 as UTF-8, else the charset the
  ``Content-Type`` header declares when the bytes decode in it, else the page's own
  declaration or the sniffed encoding (Shift_JIS/CP932, EUC-JP, ISO-2022-JP:
  :func:`kizashi.ingest.html.decode_html`).
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from kizashi import __version__
from kizashi.errors import InputError
from kizashi.fetch.urls import host_of

__all__ = ["FetchPolicy", "Fetcher", "Response", "FetchError", "USER_AGENT"]

USER_AGENT = f"kizashi/{__version__} (news monitor; respects robots.txt)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
SINGLE_BYTE = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15"})
MAX_CRAWL_DELAY = 30.0
ROBOTS_MAX_BYTES = 512 * 1024


class FetchError(InputError):
    """A URL that could not be fetched; ``status`` is the last HTTP status (None: no answer)."""

    def __init__(self, url: str, problem: str, hint: str | None = None,
                 status: int | None = None, retryable: bool = False):
        super().__init__(url, problem, hint)
        self.url = url
        self.status = status
        self.retryable = retryable           # a connection error or timeout: worth a retry


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0              # seconds: connect, each read, each write
    total_timeout: float = 30.0        # seconds: the whole response, body included
    max_bytes: int = 5 * 1024 * 1024   # bytes of one body
    retries: int = 2                   # further attempts after a failed one
    backoff: float = 1.0               # seconds before the first retry, doubled each time
    max_backoff: float = 30.0          # the longest wait (Retry-After longer: give up)
    delay: float = 1.0                 # seconds between two requests to one host
    per_host: int = 2                  # requests to one host at once
    max_redirects: int = 5
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str                           # the final URL (after redirects)
    requested: str                     # the URL asked for
    status: int
    headers: dict[str, str]
    content: bytes = b""
    redirects: list[str] = field(default_factory=list)
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag") or None

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified") or None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def declared_charset(self) -> str | None:
        """The Python codec of the charset the Content-Type header declares, if known."""
        ctype = self.headers.get("content-type", "")
        for part in ctype.split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset":
                from kizashi.ingest.html import charset_codec

                return charset_codec(v.strip().strip("\"'"))
        return None

    def text(self) -> tuple[str, str]:
        """``(text, encoding)`` of the body (see the module docstring); :class:`InputError`
        naming the URL when it decodes in nothing kizashi reads."""
        from kizashi.ingest.html import decode_html

        data = self.content
        if not data.strip():
            raise FetchError(self.url, "the response is empty", status=self.status)
        if not data.isascii() and not data.startswith((b"\xfe\xff", b"\xff\xfe")):
            try:
                return data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n"), "utf-8"
            except UnicodeDecodeError:
                pass
        declared = self.declared_charset()
        if declared in SINGLE_BYTE:
            # a server's default (ISO-8859-1) decodes any bytes: the page's own declaration or
            # the sniffed encoding is believed before it
            from kizashi.ingest.html import declared_charset as page_charset

            if page_charset(data) not in (None, declared):
                declared = None
        if declared and not data.startswith((b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")):
            try:
                return data.decode(declared).replace("\r\n", "\n"), declared
            except (UnicodeDecodeError, LookupError):
                pass                          # a wrong declaration: the page's own, or sniff
        return decode_html(data, self.url)


class _Host:
    """Politeness state of one host: a semaphore for concurrency, the earliest next start."""

    def __init__(self, per_host: int):
        self.slots = threading.BoundedSemaphore(max(1, per_host))
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.delay: float | None = None        # Crawl-delay of robots.txt, once read
        self.robots: RobotFileParser | None = None
        self.robots_state: str | None = None   # None (unread) | "rules" | "allow" | "deny"
        self.robots_error: str | None = None   # why robots.txt could not be read
        self.robots_lock = threading.Lock()


class Fetcher:
    """A thread-safe polite client (see the module docstring). ``transport``: an httpx
    transport (tests); ``sleep``: the function that waits (tests may count the waits)."""

    def __init__(self, policy: FetchPolicy | None = None, *, transport=None, sleep=time.sleep):
        self.policy = policy or FetchPolicy()
        p = self.policy
        self.client = httpx.Client(
            timeout=httpx.Timeout(p.timeout), follow_redirects=True,
            max_redirects=p.max_redirects, transport=transport,
            headers={"User-Agent": p.user_agent,
                     "Accept-Encoding": "gzip, deflate",
                     "Accept-Language": "ja,en;q=0.5"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32))
        self.sleep = sleep
        self.hosts: dict[str, _Host] = {}
        self.hosts_lock = threading.Lock()
        self.stats_lock = threading.Lock()
        self.stats = {"requests": 0, "not_modified": 0, "retries": 0, "errors": 0, "bytes": 0,
                      "robots_refused": 0}

    # -- bookkeeping ---------------------------------------------------------------------------
    def _count(self, key: str, n: int = 1) -> None:
        with self.stats_lock:
            self.stats[key] += n

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self.hosts_lock:
            h = self.hosts.get(key)
            if h is None:
                h = self.hosts[key] = _Host(self.policy.per_host)
            return h

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- robots.txt ----------------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """Whether the robots.txt of ``url``'s host lets this user agent fetch it."""
        if not self.policy.robots:
            return True
        h = self._host(url)
        with h.robots_lock:
            if h.robots_state is None:
                self._read_robots(url, h)
        if h.robots_state == "allow":
            return True
        if h.robots_state == "deny":
            return False
        return h.robots.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, url: str, h: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            r = self._request(robots_url, {}, h, max_bytes=ROBOTS_MAX_BYTES, retries=0)
        except FetchError as exc:
            h.robots_state = "allow" if exc.status is not None and 400 <= exc.status < 500 \
                else "deny"
            if exc.status is None:
                h.robots_error = exc.problem
            return
        if 400 <= r.status < 500:
            h.robots_state = "allow"
            return
        if r.status >= 500:
            h.robots_state = "deny"
            return
        rp = RobotFileParser()
        try:
            text = r.content.decode("utf-8", "replace")
        except Exception:  # noqa: BLE001
            text = ""
        rp.parse(text.splitlines())
        h.robots, h.robots_state = rp, "rules"
        try:
            delay = rp.crawl_delay(self.policy.user_agent)
        except Exception:  # noqa: BLE001 - a malformed Crawl-delay is ignored
            delay = None
        if delay:
            h.delay = min(float(delay), MAX_CRAWL_DELAY)

    # -- requests ------------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Response:
        """GET ``url`` politely (see the module docstring). A 304 is returned (``not_modified``);
        any other status but 2xx raises :class:`FetchError` with it."""
        if not url.startswith(("http://", "https://")):
            raise FetchError(url, "is not an http(s) URL")
        if not self.allowed(url):
            self._count("robots_refused")
            reason = self._host(url).robots_error
            if reason:
                raise FetchError(url, f"the site cannot be reached (its robots.txt: {reason})")
            raise FetchError(url, "robots.txt of the site does not allow kizashi to fetch it",
                             "remove the source, or ask the site")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        r = self._request(url, headers, self._host(url), max_bytes=self.policy.max_bytes,
                          retries=self.policy.retries)
        if r.status == 304:
            self._count("not_modified")
            return r
        if not 200 <= r.status < 300:
            self._count("errors")
            raise FetchError(url, f"the server answered {r.status}", status=r.status)
        return r

    def _wait_turn(self, h: _Host) -> None:
        delay = max(self.policy.delay, h.delay or 0.0)
        with h.lock:
            now = time.monotonic()
            start = max(now, h.next_start)
            h.next_start = start + delay
        if start > now:
            self.sleep(start - now)

    def _request(self, url: str, headers: dict[str, str], h: _Host, *, max_bytes: int,
                 retries: int) -> Response:
        """One request with retries; returns any status (304, 4xx...) but those retried."""
        p = self.policy
        attempt = 0
        while True:
            attempt += 1
            wait = None
            with h.slots:
                self._wait_turn(h)
                self._count("requests")
                try:
                    r = self._once(url, headers, max_bytes)
                except FetchError as exc:
                    if attempt > retries or not exc.retryable:
                        self._count("errors")
                        raise
                    wait = p.backoff * 2 ** (attempt - 1)
                else:
                    r.attempts = attempt
                    if r.status not in RETRY_STATUS or attempt > retries:
                        return r
                    wait = _retry_after(r.headers.get("retry-after"))
                    if wait is None:
                        wait = p.backoff * 2 ** (attempt - 1)
                    elif wait > p.max_backoff:
                        self._count("errors")
                        raise FetchError(url, f"the server answered {r.status} and asks to "
                                              f"retry after {wait:.0f} s", status=r.status)
            self._count("retries")
            self.sleep(min(wait, p.max_backoff))

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        p = self.policy
        deadline = time.monotonic() + p.total_timeout
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                length = hdrs.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise FetchError(url, f"the response is {int(length):,} bytes, more than the "
                                          f"limit of {max_bytes:,}")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(url, f"the response is larger than the limit of "
                                              f"{max_bytes:,} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"the response took longer than "
                                              f"{p.total_timeout:g} s")
                    chunks.append(chunk)
                self._count("bytes", size)
                return Response(url=str(resp.url), requested=url, status=resp.status_code,
                                headers=hdrs, content=b"".join(chunks),
                                redirects=[str(x.url) for x in resp.history])
        except FetchError:
            raise
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {p.max_redirects} redirects", status=310) from None
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__}, {p.timeout:g} s)",
                             retryable=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"cannot be fetched ({type(exc).__name__}: {exc})",
                             retryable=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"cannot be fetched ({type(exc).__name__}: {exc})") from None
        except Exception as exc:  # noqa: BLE001 - anything else from a broken server
            raise FetchError(url, f"cannot be fetched ({type(exc).__name__}: {exc})") from None


def _retry_after(value: str | None) -> float | None:
    """Seconds of a ``Retry-After`` header (a number or an HTTP date), None if absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    import datetime

    now = datetime.datetime.now(when.tzinfo or datetime.timezone.utc)
    return max(0.0, (when - now).total_seconds())
