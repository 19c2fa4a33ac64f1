"""Read JSON Lines: one article per line, an object with the fields ``text`` (required),
``id``, ``title``, ``published``, ``source`` and ``url``.

The file is streamed line by line, so its total size is not limited; one line (one article) may
not exceed ``max_bytes`` (textfile's ``MAX_BYTES``). A bad line gives an :class:`InputError` named
``FILE:LINE`` and reading goes on with the next line.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from kizashi.errors import InputError
from kizashi.ingest.html import normalise_date
from kizashi.ingest.textfile import MAX_BYTES, _human_size, _os_error, decode_bytes
from kizashi.records import Article, article_id, clean_text

__all__ = ["read_jsonl", "parse_jsonl_record", "MAX_BAD_LINES"]

# After this many bad lines and not one good one the file is given up as not JSON Lines.
MAX_BAD_LINES = 20
_STR_FIELDS = ("title", "source", "url")
_CHUNK = 1 << 16


def parse_jsonl_record(obj: Any, source: str) -> Article:
    """An :class:`Article` from one decoded JSON value; :class:`InputError` naming ``source``
    (``FILE:LINE``) when it is not an object with a non-empty string ``text``."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}",
                         'write one object per line, e.g. {"id": "...", "text": "..."}')
    text = obj.get("text")
    failed = obj.get("failed")
    if text is None and isinstance(failed, dict):     # a line of `kizashi ingest --failures`
        raise InputError(source, f"an input that could not be read before: "
                                 f"{failed.get('input')}: {failed.get('error')}",
                         "fix or re-ingest that input itself")
    if text is None:
        raise InputError(source, 'the record has no "text" field',
                         "every line needs the article text in \"text\"")
    if not isinstance(text, str):
        raise InputError(source, f'"text" must be a string, got {type(text).__name__}')
    if not text.strip():
        raise InputError(source, '"text" is empty')
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    fields: dict[str, str | None] = {}
    for key in _STR_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f'"{key}" must be a string, got {type(value).__name__}')
        fields[key] = (clean_text(value).strip() or None) if isinstance(value, str) else None
    rid = obj.get("id")
    if isinstance(rid, bool) or (rid is not None and not isinstance(rid, (str, int))):
        raise InputError(source, f'"id" must be a string or an integer, got {type(rid).__name__}')
    rid = clean_text(str(rid)).strip() if rid is not None else ""
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(source, f'"published" must be a string, got {type(published).__name__}')
    return Article(id=rid or article_id(fields["url"], text), text=text, title=fields["title"],
                   published=normalise_date(published), source=fields["source"],
                   url=fields["url"], format="jsonl")


def _decode_line(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, _ = decode_bytes(raw, where)  # Shift_JIS / EUC-JP lines; raises on binary data
    return text


def read_jsonl(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Each line of the JSON Lines file ``path`` as an :class:`Article`, or as an
    :class:`InputError` (``"FILE:LINE: problem"``) when the line is broken; blank lines are
    skipped. A file that cannot be opened, or that looks binary, gives one :class:`InputError`
    for the whole file."""
    source = os.fspath(path)
    if not os.path.lexists(source):
        yield InputError(source, "no such file", "check the path and the current directory")
        return
    if os.path.isdir(source):
        yield InputError(source, "is a directory, not a JSON Lines file", "pass the files inside it")
        return
    try:
        fh = open(source, "rb")
    except OSError as exc:
        yield _os_error(source, exc)
        return
    with fh:
        try:
            head = fh.read(4096)
            fh.seek(0)
        except OSError as exc:
            yield _os_error(source, exc)
            return
        if not head.strip():
            yield InputError(source, "the file is empty", "pass a JSON Lines file with one article per line")
            return
        if b"\x00" in head:
            yield InputError(source, "looks like a binary file, not JSON Lines (it contains NUL bytes)",
                             "pass a UTF-8 text file with one JSON object per line")
            return
        good = bad = 0
        lineno = 0
        while True:
            try:
                raw = fh.readline(max_bytes + 1)
            except OSError as exc:
                yield _os_error(source, exc)
                return
            if not raw:
                break
            lineno += 1
            where = f"{source}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # Skip the rest of the over-long line without holding it in memory.
                while True:
                    chunk = fh.readline(_CHUNK)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                yield InputError(where, f"the line is larger than the limit of {_human_size(max_bytes)}",
                                 "split the article or raise the size limit")
                bad += 1
            else:
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    line = _decode_line(raw, where)
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})",
                                         "each line must be one complete JSON object") from None
                    except RecursionError:
                        raise InputError(where, "invalid JSON: nested too deeply",
                                         "each line must be one flat JSON object") from None
                    except ValueError as exc:   # an integer of more than 4,300 digits
                        raise InputError(where, f"invalid JSON: {exc}",
                                         "write long ids and numbers as strings") from None
                    article = parse_jsonl_record(obj, where)
                except InputError as err:
                    yield err
                    bad += 1
                else:
                    article.path = source
                    article.record = f"line {lineno}"
                    yield article
                    good += 1
            if bad >= MAX_BAD_LINES and good == 0:
                yield InputError(source, f"gave up after {bad} bad lines and no good one",
                                 "is this really a JSON Lines file (one JSON object per line)?")
                return
