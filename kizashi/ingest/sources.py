"""Turn the paths given to ``kizashi ingest`` into articles, whatever their format.

Paths may be files, folders (read recursively; hidden files and folders are skipped) and glob
patterns (``news/**/*.html``). The format of a file is chosen by its suffix:

=====================  ===========================================================
``.txt``, ``.md``       plain text / Markdown (title = first short line, date = dateline)
``.html``, ``.htm``     a saved web page (:mod:`kizashi.ingest.html`)
``.xml .rss .atom .rdf``  an RSS or Atom feed, one article per entry (:mod:`kizashi.ingest.feeds`)
``.jsonl``, ``.ndjson``  JSON Lines, one article per line (:mod:`kizashi.ingest.jsonl`)
=====================  ===========================================================

A file with another suffix (or none) is sniffed: ``<rss``/``<feed``/``<rdf:RDF`` -> feed,
``<html``/``<!doctype html`` -> HTML, otherwise text when it has no suffix and an "unsupported file
type" error when it has one. Every problem (a missing path, an unreadable or binary file, a broken
feed, a bad JSON line) is yielded as an :class:`~kizashi.errors.InputError` that names the file
(and line), and iteration goes on with the next input.
"""
from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kizashi.errors import InputError
from kizashi.ingest.feeds import iter_feed, looks_like_feed
from kizashi.ingest.html import read_html
from kizashi.ingest.jsonl import read_jsonl
from kizashi.ingest.textfile import MAX_BYTES, read_text_file
from kizashi.records import Article, path_id

__all__ = ["iter_articles", "expand_paths", "read_text_article", "detect_format",
           "TEXT_SUFFIXES", "HTML_SUFFIXES", "FEED_SUFFIXES", "JSONL_SUFFIXES"]

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SUPPORTED = ", ".join(sorted({*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, *JSONL_SUFFIXES}))

# A first line at most this long (after stripping Markdown heading marks) is taken as the title.
TITLE_MAX_CHARS = 80
_GLOB_CHARS = re.compile(r"[*?\[]")
# A declared id on a line near the top of a text file ("ID: nhk-20240620-01").
_DECLARED_ID = re.compile(r"^\s*(?:id|ID|記事ID|記事番号)\s*[:：]\s*([^\s/]{1,200})\s*$", re.M)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


# --------------------------------------------------------------------------- paths

def _walk(folder: Path) -> list[Path]:
    """The regular files under ``folder``, recursively, hidden entries and symlinked folders
    skipped (no loops)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                p = Path(root, name)
                if p.is_file():
                    found.append(p)
    return found


def _expand(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[InputError]]:
    files: dict[str, Path] = {}
    errors: list[InputError] = []

    def add(p: Path) -> None:
        try:
            key = str(p.resolve())
        except (OSError, RuntimeError):
            key = os.path.abspath(p)
        files.setdefault(key, p)

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        spec = os.fspath(raw)
        p = Path(spec)
        if os.path.lexists(spec):
            if p.is_dir():
                for f in _walk(p):
                    add(f)
            else:
                add(p)  # a dangling link or special file: reading it reports the problem
        elif _GLOB_CHARS.search(spec):
            matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
            if not matches:
                errors.append(InputError(spec, "no files match this pattern",
                                         "check the pattern and the current directory"))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for f in _walk(mp):
                        add(f)
                else:
                    add(mp)
        else:
            errors.append(InputError(spec, "no such file or folder",
                                     "check the path and the current directory"))
    return sorted(files.values(), key=lambda q: str(q)), errors


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files named by ``paths`` (files, folders read recursively, glob patterns), sorted and
    without duplicates. Raises :class:`InputError` for the first path that does not exist (or
    pattern that matches nothing)."""
    files, errors = _expand(paths)
    if errors:
        raise errors[0]
    return files


# --------------------------------------------------------------------------- formats

def detect_format(path: str | os.PathLike) -> str | None:
    """``"text"``, ``"markdown"``, ``"html"``, ``"feed"`` or ``"jsonl"`` for ``path`` by suffix,
    then by content; None for a file with an unknown suffix that looks like neither a feed nor
    HTML."""
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    if looks_like_feed(head):
        return "feed"
    if _HTML_START.search(head):
        return "html"
    return "text" if not suffix else None


def _first_line_title(text: str, markdown: bool) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if markdown:
            line = re.sub(r"^#{1,6}\s+", "", line).strip().strip("#").strip()
        if line and len(line) <= TITLE_MAX_CHARS and not line.endswith("。"):
            return line
        return None
    return None


def read_text_article(path: str | os.PathLike, fmt: str = "text",
                      max_bytes: int = MAX_BYTES) -> Article:
    """A ``.txt`` / ``.md`` file as an :class:`Article`: the text exactly as decoded (offsets
    stay valid), the first non-empty line as title when it is short and not a sentence, the
    dateline's date as ``published``, the outlet of a ``出典: …`` line near the top as ``source``.

    Its id is the one declared on an ``ID: …`` line in the first 15 lines, else one made from the
    file's absolute path (:func:`kizashi.records.path_id`): editing the file changes its version,
    not its identity."""
    from kizashi.time.dates import find_dateline

    from kizashi.fusion.cluster import read_source

    doc = read_text_file(path, max_bytes)
    d = find_dateline(doc.text)
    declared = _DECLARED_ID.search("\n".join(doc.text.splitlines()[:15]))
    aid = declared.group(1) if declared else path_id(os.fspath(path))
    return Article(id=aid, text=doc.text,
                   title=_first_line_title(doc.text, fmt == "markdown"),
                   published=d.isoformat() if d else None, source=read_source(doc.text),
                   path=doc.path, format=fmt)


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    source = str(path)
    fmt = detect_format(path)
    if fmt is None:
        yield InputError(source, f"unsupported file type '{path.suffix}'",
                         f"kizashi reads {_SUPPORTED} (and feeds or HTML pages by content)")
    elif fmt in ("text", "markdown"):
        yield read_text_article(path, fmt, max_bytes)
    elif fmt == "html":
        yield read_html(path, max_bytes)
    elif fmt == "feed":
        yield from iter_feed(path, max_bytes)
    else:
        yield from read_jsonl(path, max_bytes)


def iter_articles(paths: Iterable[str | os.PathLike],
                  max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files, folders, globs), in sorted path order, and an
    :class:`InputError` for each path, file, feed or JSON line that cannot be read; one bad input
    never stops the iteration. Missing paths are reported first."""
    files, errors = _expand(paths)
    yield from errors
    for path in files:
        try:
            yield from _read_file(path, max_bytes)
        except InputError as err:
            yield err
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
            yield InputError(str(path), f"cannot be read ({type(exc).__name__}: {exc})")
