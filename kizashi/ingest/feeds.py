"""Read an RSS 2.0, RSS 1.0 (RDF) or Atom file with feedparser: each entry becomes an
:class:`~kizashi.records.Article` (title, link, publication date, the entry's content or summary
as plain text, the feed's title as the outlet)."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from kizashi.errors import InputError
from kizashi.ingest.html import (
    MAX_BYTES,
    clean_controls,
    html_to_text,
    normalise_date,
    read_bytes,
    tidy_lines,
)
from kizashi.records import Article, article_id

__all__ = ["read_feed", "iter_feed", "looks_like_feed", "parse_feed_bytes"]

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file look like an RSS, RDF or Atom document."""
    return bool(_FEED_START.search(head[:4096]))


def _get(obj: Any, key: str) -> Any:
    try:
        return obj.get(key)
    except AttributeError:
        return None


def _entry_text(entry: Any) -> str:
    """The longest of the entry's contents (Atom ``content``, RSS ``content:encoded``) and its
    summary / description, as plain text."""
    candidates: list[tuple[str, str]] = []
    for c in _get(entry, "content") or []:
        candidates.append((_get(c, "value") or "", _get(c, "type") or "text/html"))
    detail = _get(entry, "summary_detail")
    if detail:
        candidates.append((_get(detail, "value") or "", _get(detail, "type") or "text/html"))
    elif _get(entry, "summary"):
        candidates.append((entry["summary"], "text/html"))
    best = ""
    for value, ctype in candidates:
        text = html_to_text(value) if "html" in ctype else tidy_lines(clean_controls(value))
        if len(text) > len(best):
            best = text
    return best


def _entry_date(entry: Any) -> str | None:
    """The entry's publication (else update) date as written, keeping its local calendar date;
    feedparser's UTC ``*_parsed`` fields are the fallback."""
    for key in ("published", "updated", "created", "dc_date"):
        d = normalise_date(_get(entry, key))
        if d:
            return d
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = _get(entry, key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def _entry_url(entry: Any) -> str | None:
    link = (_get(entry, "link") or "").strip()
    if link.startswith(("http://", "https://")):
        return link
    guid = (_get(entry, "id") or "").strip()
    if guid.startswith(("http://", "https://")):
        return guid
    return None


def iter_feed(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Each entry of the feed ``path`` as an :class:`Article`; an entry with neither text nor
    title as an :class:`InputError` naming the entry.

    Raises :class:`InputError` (before yielding anything) for a file that cannot be read or that
    is not a feed feedparser can read any entry from."""
    source = os.fspath(path)
    articles = _parse(source, max_bytes)
    yield from articles


def _parse(source: str, max_bytes: int) -> list[Article | InputError]:
    return parse_feed_bytes(read_bytes(source, max_bytes, kind="feed"), source)


def parse_feed_bytes(data: bytes, source: str) -> list[Article | InputError]:
    """The entries of the feed ``data`` (read from ``source``: a path or a URL) as articles, or
    an :class:`InputError` per entry that cannot be read; raises :class:`InputError` when the
    data is not a feed at all."""
    import feedparser

    if b"\x00" in data[:4096] and not data.startswith((b"\xfe\xff", b"\xff\xfe")):
        raise InputError(source, "looks like a binary file, not an RSS or Atom feed",
                         "pass an RSS or Atom XML file")
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient but not infallible
        raise InputError(source, f"cannot be parsed as a feed ({type(exc).__name__}: {exc})",
                         "check that it is an RSS or Atom XML file") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            msg = str(exc) if exc else "malformed XML"
            # expat's "<unknown>:2:38: no element found" -> "line 2, column 38: no element found"
            msg = re.sub(r"^<unknown>:(\d+):(\d+):\s*", r"line \1, column \2: ", msg)
            raise InputError(source, f"is not a readable RSS or Atom feed: {msg}",
                             "check that the file is complete, well-formed XML")
        if not parsed.get("version"):
            raise InputError(source, "is not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed>)",
                             "pass an RSS or Atom XML file")
        return []  # a well-formed feed with no entries

    feed = parsed.get("feed") or {}
    feed_title = html_to_text(_get(feed, "title") or "") or None
    if feed_title is None:  # feedparser found no title: fall back to the host of the feed link
        link = _get(feed, "link") or ""
        m = re.match(r"https?://([^/]+)", link)
        feed_title = m.group(1) if m else None

    out: list[Article | InputError] = []
    for n, entry in enumerate(entries, 1):
        try:
            out.append(_entry_article(entry, n, source, feed_title))
        except InputError as err:
            out.append(err)
        except Exception as exc:  # noqa: BLE001 - one odd entry never drops the feed
            out.append(InputError(f"{source}: entry {n}",
                                  f"cannot be read ({type(exc).__name__}: {exc})"))
    return out


def _entry_article(entry: Any, n: int, source: str, feed_title: str | None) -> Article:
    title = html_to_text(_get(entry, "title") or "").replace("\n", " ") or None
    text = _entry_text(entry)
    if not text:
        text = title or ""
    if not text:
        raise InputError(f"{source}: entry {n}", "the entry has neither text nor title")
    url = _entry_url(entry)
    if url:
        url = clean_controls(url).strip()
    src = html_to_text(_get(_get(entry, "source") or {}, "title") or "") or feed_title
    return Article(id=article_id(url, text), text=text, title=title,
                   published=_entry_date(entry), source=src, url=url, path=source,
                   format="feed", record=f"entry {n}")


def read_feed(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> list[Article]:
    """The entries of the RSS 2.0 / RSS 1.0 / Atom file ``path`` as :class:`Article` objects
    (entries with neither text nor title are left out).

    Raises :class:`InputError` for a file that cannot be read and for a broken feed with no
    entries (the message carries feedparser's)."""
    return [a for a in iter_feed(path, max_bytes) if isinstance(a, Article)]
