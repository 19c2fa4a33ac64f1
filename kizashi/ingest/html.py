"""Read a saved HTML page into an :class:`~kizashi.records.Article`.

The bytes are decoded with the charset the page declares (``<meta charset>``, ``http-equiv``
``Content-Type`` or an XML declaration) when that decoding is valid, else with
:func:`kizashi.ingest.textfile.decode_bytes` (UTF-8, CP932/Shift_JIS, EUC-JP, ISO-2022-JP).
The main text is extracted with trafilatura (navigation, ads and footers removed; one paragraph
per line); title, date, outlet and URL come from the page's metadata (``og:`` tags,
``<link rel=canonical>``, ``article:published_time`` ...).

The helpers :func:`read_bytes`, :func:`normalise_date` and :func:`html_to_text` are shared with
the feed and JSON Lines readers.
"""
from __future__ import annotations

import codecs
import datetime
import email.utils
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from kizashi.errors import InputError
from kizashi.ingest.textfile import MAX_BYTES, _human_size, _os_error, decode_bytes
from kizashi.records import Article, article_id

__all__ = ["charset_codec", "read_html", "html_to_text", "clean_controls", "tidy_lines", "read_bytes", "normalise_date", "decode_html", "MAX_BYTES"]

# Trafilatura's default minimum (250 characters) is meant for European text: a short Japanese
# news item of three sentences is ~150 characters. Below this the fallback extractors are tried.
_MIN_EXTRACTED_SIZE = 60

_TOO_BIG_HINT = "split it into smaller files or raise the size limit"


# --------------------------------------------------------------------------- bytes and charsets

def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES, kind: str = "file") -> bytes:
    """The bytes of ``path``; :class:`InputError` for a missing or unreadable file, a directory,
    an empty file and a file larger than ``max_bytes``."""
    source = os.fspath(path)
    if not os.path.lexists(source):
        raise InputError(source, "no such file", "check the path and the current directory")
    if os.path.isdir(source):
        raise InputError(source, f"is a directory, not a {kind}", "pass the files inside it")
    try:
        size = os.path.getsize(source)
        if size > max_bytes:
            raise InputError(source, f"the file is {_human_size(size)}, larger than the limit of "
                             f"{_human_size(max_bytes)}", _TOO_BIG_HINT)
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _os_error(source, exc) from None
    if len(data) > max_bytes:
        raise InputError(source, f"the file is larger than the limit of {_human_size(max_bytes)}",
                         _TOO_BIG_HINT)
    if not data.strip():
        raise InputError(source, "the file is empty", f"pass a {kind} that contains an article")
    return data


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
# Declared names -> the Python codec that browsers actually use for them.
_CHARSET_ALIASES = {
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "ms_kanji": "cp932", "windows-31j": "cp932", "csshiftjis": "cp932", "ms932": "cp932",
    "euc-jp": "euc_jp", "x-euc-jp": "euc_jp", "eucjp": "euc_jp",
    "iso-2022-jp": "iso2022_jp", "csiso2022jp": "iso2022_jp",
    "us-ascii": "utf-8", "ascii": "utf-8", "iso-8859-1": "cp1252", "latin1": "cp1252",
}
_BOMS = (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by the charset declared in the first 4 KiB of ``data``
    (``<meta charset>``, ``<meta http-equiv=Content-Type content="...; charset=...">`` or an
    XML declaration), or None when there is none or Python does not know it."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    return charset_codec(m.group(1).decode("ascii", "replace"))


def charset_codec(name: str) -> str | None:
    """The Python codec that browsers use for the declared charset ``name`` (``Shift_JIS`` →
    ``cp932``, ``x-euc-jp`` → ``euc_jp``), or None when Python does not know it."""
    name = (name or "").strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode an HTML or XML document: a byte-order mark wins, then a declared charset that
    decodes without error, then :func:`decode_bytes`' detection."""
    if not data.startswith(_BOMS) and b"\x00" not in data[:4096]:
        enc = declared_charset(data)
        if enc:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                pass  # a wrong declaration: detect instead
            else:
                if text.strip():
                    return text.replace("\r\n", "\n").replace("\r", "\n"), enc
    return decode_bytes(data, source)


# --------------------------------------------------------------------------- dates

_YMD = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*(?:[-/.月]\s*([0-9]{1,2})\s*日?)?")
_YM_ONLY = re.compile(r"([0-9]{4})-([0-9]{1,2})")


def normalise_date(value: Any) -> str | None:
    """``value`` (a date, a datetime, or a string: ISO 8601, ``2024/6/20``, RFC 822
    ``Thu, 20 Jun 2024 09:00:00 +0900``, ``2024年6月20日``, 和暦 ``令和6年6月20日``) as an ISO date
    ``YYYY-MM-DD`` (``YYYY-MM`` / ``YYYY`` for a partial date), or None when it is not a date.

    The calendar date is the one written (a local time is not converted to UTC), so an article
    published at 08:00 in Tokyo keeps its Japanese date."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    s = unicodedata.normalize("NFKC", value).strip()
    if not s:
        return None
    # ISO 8601 (with or without a time and offset).
    try:
        return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if re.fullmatch(r"[0-9]{4}", s):
        return s if 1000 <= int(s) <= 2999 else None
    m = _YM_ONLY.fullmatch(s)
    if m:
        return f"{m[1]}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else None
    # RFC 822 / RFC 2822 (RSS 2.0 pubDate).
    try:
        dt = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is not None:
        return dt.date().isoformat()
    m = _YMD.match(s)
    if m:
        try:
            if m[3]:
                return datetime.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            if 1 <= int(m[2]) <= 12:
                return f"{m[1]}-{int(m[2]):02d}"
        except ValueError:
            return None
    from kizashi.time.dates import find_dateline  # 和暦 and other Japanese datelines

    d = find_dateline(s)
    return d.isoformat() if d else None


# --------------------------------------------------------------------------- HTML fragments -> text

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "dd dt dl figcaption hr".split())


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_controls(text: str) -> str:
    """``text`` with control characters (but tab and line ends) and lone surrogates replaced,
    one character for one: controls by a space, surrogates by U+FFFD. lxml refuses both
    ("All strings must be XML compatible"), which dropped a whole feed for one character."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else " ", text)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (an RSS description, Atom content): tags removed, entities
    resolved, scripts and styles dropped, one line per block element, blank lines removed;
    control characters and lone surrogates are replaced (:func:`clean_controls`)."""
    if not fragment or not fragment.strip():
        return ""
    fragment = clean_controls(fragment)
    if "<" not in fragment and "&" not in fragment:
        return tidy_lines(fragment)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return tidy_lines(re.sub(r"<[^>]*>", " ", fragment))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return tidy_lines(root.text_content())


def tidy_lines(text: str) -> str:
    """``text`` with runs of spaces collapsed, each line stripped and blank lines removed."""
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- pages

@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_MIN_EXTRACTED_SIZE))
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


# Dates from the page's markup only (meta tags, <time>, JSON-LD), the original publication date
# rather than the last update. htmldate's "extensive" search of the visible text guesses
# (a bare "2024年" became 2024-01-01); the text's dateline is read by find_dateline instead.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_OG_URL = re.compile(
    r"""<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*\bcontent\s*=\s*["']([^"']+)"""
    r"""|<meta\b[^>]*\bcontent\s*=\s*["']([^"']+)["'][^>]*\bproperty\s*=\s*["']og:url["']""",
    re.IGNORECASE)


def _page_url(html: str) -> str | None:
    """The page's own URL from ``<link rel=canonical>`` or ``og:url``, if absolute."""
    import html as htmllib

    m = _CANONICAL.search(html)
    if m:
        h = _HREF.search(m.group(0))
        if h and h.group(1).startswith(("http://", "https://")):
            return htmllib.unescape(h.group(1))
    m = _OG_URL.search(html)
    if m:
        url = m.group(1) or m.group(2)
        if url.startswith(("http://", "https://")):
            return htmllib.unescape(url)
    return None


def parse_html(html: str, source: str) -> Article:
    """An :class:`Article` from the decoded HTML ``html`` of ``source``."""
    import trafilatura

    html = clean_controls(html)
    url = _page_url(html)

    def extract(page):
        return trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, config=_config(),
            date_extraction_params=_DATE_PARAMS)

    try:
        doc = extract(html)
        text = tidy_lines(getattr(doc, "text", None) or "") if doc is not None else ""
        if not _has_prose(text):
            # libxml2 stops at 255 levels of nesting unless asked for a "huge" tree: a page
            # nested deeper gave no text at all
            import lxml.html

            tree = lxml.html.document_fromstring(
                html, parser=lxml.html.HTMLParser(huge_tree=True, remove_comments=True))
            doc = extract(tree)
            text = tidy_lines(getattr(doc, "text", None) or "") if doc is not None else ""
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise many kinds on odd input
        raise InputError(source, f"the HTML cannot be parsed ({type(exc).__name__}: {exc})",
                         "check that it is an HTML page") from None
    if not _has_prose(text):
        raise InputError(source, "no article text found",
                         "the page may hold only navigation or load its article with JavaScript; "
                         "save the rendered page or pass the article as a .txt file")
    url = url or _absolute(getattr(doc, "url", None))
    title = (getattr(doc, "title", None) or "").strip() or None
    published = normalise_date(getattr(doc, "date", None))
    if published is None:
        from kizashi.time.dates import find_dateline

        d = find_dateline(text)
        published = d.isoformat() if d else None
    site = (getattr(doc, "sitename", None) or "").strip() or None
    if site is None and url:
        site = urlsplit(url).hostname
    return Article(id=article_id(url, text), text=text, title=title, published=published,
                   source=site, url=url, path=source, format="html")


_SENTENCE_END = re.compile(r"[。．！？!?」』）)]\s*$")


def _has_prose(text: str) -> bool:
    """Whether extracted text holds at least one sentence-like line: a page of menu links
    ("ホーム ニュース") gives text too, but no line ending like a sentence nor a long one."""
    for line in text.splitlines():
        n = len(re.sub(r"\s+", "", line))
        if n >= 40 or (n >= 8 and _SENTENCE_END.search(line)):
            return True
    return False


def _absolute(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def read_html(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> Article:
    """Read the saved HTML page ``path`` into an :class:`Article`.

    Raises :class:`InputError` for a missing, unreadable, empty, binary or too large file and for
    a page with no article text (``"no article text found"``)."""
    source = os.fspath(path)
    data = read_bytes(source, max_bytes, kind="HTML page")
    html, _ = decode_html(data, source)
    return parse_html(html, source)
