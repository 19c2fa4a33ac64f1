"""Streaming writers of event rows (the dicts of :func:`kizashi.store.queries.iter_events`) as CSV,
JSON Lines and Parquet, for ``kizashi export`` and ``GET /api/v1/events/export``.

Each writer is a generator over an iterable of events that yields the output piece by piece, so
neither the events nor the file are ever held whole in memory: CSV and JSON Lines a few hundred
rows per chunk, Parquet one row group per ``batch`` events (pyarrow, flushed as it is written).

* CSV: the columns of :data:`FIELDS`; lists are joined with ``;``, dicts written as JSON; the
  file starts with a byte-order mark, so that Excel on Japanese Windows reads it as UTF-8 and
  not as Shift_JIS, and a text cell that a spreadsheet would run as a formula (one starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``;
* JSON Lines: every event dict as it is, one per line;
* Parquet: the columns of :data:`FIELDS` with a fixed schema (:func:`parquet_schema`), lists as
  ``list<string>``, ``factuality_counts`` as a JSON string.

:func:`with_evidence` adds what a reader of an export needs beside the summary of the query
layer: a one-line summary of the event (Japanese and English), its grade and contested flag,
the evidence sentence of its best mention (:func:`kizashi.store.queries.best_mention`) with its
outlet and URL, and every outlet and URL of its mentions.
"""
from __future__ import annotations

import csv
import io
import json
from itertools import chain
from typing import IO, Any, Iterable, Iterator

FIELDS = ["id", "event_type", "mode", "quad_class", "score", "date", "actors", "recipients",
          "summary", "summary_en", "grade", "reliability", "credibility", "contested",
          "discourse", "corrected", "evidence", "evidence_outlet", "evidence_url",
          "first_reported", "last_reported", "first_seen", "last_seen", "n_sources", "outlets",
          "urls", "factuality", "factuality_counts", "confidence", "n_mentions", "n_quantities",
          "conflicting_quantities"]
#: what a spreadsheet runs as a formula when a cell starts with it (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet"}
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}
BATCH = 500


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def neutralise(text: str) -> str:
    """A text cell as a spreadsheet shows it and never runs it: a leading ``'`` before a
    character that starts a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(v):
    if isinstance(v, (list, tuple)):
        return neutralise(";".join(map(str, v)))
    if isinstance(v, dict):
        return _dump(v)
    if isinstance(v, str):
        return neutralise(v)
    return "" if v is None else v


def with_evidence(store, events: Iterable[dict[str, Any]], batch: int = BATCH
                  ) -> Iterator[dict[str, Any]]:
    """``events`` (dicts of the query layer) with the export's own fields (see the module
    docstring), fetched ``batch`` events at a time (four queries a batch)."""
    from kizashi.briefing.build import name_of
    from kizashi.briefing.summary import summarise
    from kizashi.store.queries import best_mention, event_details

    def fill(chunk: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        details = event_details(store, [e["id"] for e in chunk])
        for e in chunk:
            d = details.get(e["id"]) or {}
            ms = d.get("mentions") or []
            best = best_mention(d) if ms else None
            docs = [m.get("document") or {} for m in ms]
            outlets = list(dict.fromkeys(x.get("source") or x.get("id") for x in docs))
            urls = list(dict.fromkeys(x["url"] for x in docs if x.get("url")))
            bdoc = (best or {}).get("document") or {}
            out = dict(e)
            for lang, key in (("ja", "summary"), ("en", "summary_en")):
                out[key] = summarise(e["event_type"], e.get("mode"), e.get("actors") or [],
                                     e.get("recipients") or [], lang,
                                     lambda c, lang=lang: name_of(c, lang))
            out.update({"evidence": ((best or {}).get("evidence") or {}).get("text"),
                        "evidence_outlet": bdoc.get("source"), "evidence_url": bdoc.get("url"),
                        "outlets": outlets, "urls": urls})
            yield out

    chunk: list[dict[str, Any]] = []
    for e in events:
        chunk.append(e)
        if len(chunk) >= batch:
            yield from fill(chunk)
            chunk = []
    if chunk:
        yield from fill(chunk)


def iter_csv(events: Iterable[dict[str, Any]], batch: int = BATCH) -> Iterator[str]:
    """CSV text: a byte-order mark and a header line, then one line per event, yielded
    ``batch`` lines at a time."""
    buf = io.StringIO()
    buf.write(BOM)
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(FIELDS)
    n = 0
    for e in events:
        w.writerow([_cell(e.get(k)) for k in FIELDS])
        n += 1
        if n % batch == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    if buf.tell():
        yield buf.getvalue()


def iter_jsonl(events: Iterable[dict[str, Any]], batch: int = BATCH) -> Iterator[str]:
    """JSON Lines: one event object per line, yielded ``batch`` lines at a time."""
    lines: list[str] = []
    for e in events:
        lines.append(_dump(e) + "\n")
        if len(lines) >= batch:
            yield "".join(lines)
            lines.clear()
    if lines:
        yield "".join(lines)


def parquet_schema():
    import pyarrow as pa

    s, f, i, b = pa.string(), pa.float64(), pa.int64(), pa.bool_()
    types = {"id": s, "event_type": s, "mode": s, "quad_class": s, "score": f, "date": s,
             "actors": pa.list_(s), "recipients": pa.list_(s), "summary": s, "summary_en": s,
             "grade": s, "reliability": s, "credibility": i, "contested": b, "discourse": s,
             "corrected": b, "evidence": s, "evidence_outlet": s, "evidence_url": s,
             "first_reported": s, "last_reported": s, "first_seen": s, "last_seen": s,
             "n_sources": i, "outlets": pa.list_(s), "urls": pa.list_(s), "factuality": s,
             "factuality_counts": s,
             "confidence": f, "n_mentions": i, "n_quantities": i, "conflicting_quantities": b}
    return pa.schema([pa.field(k, types[k]) for k in FIELDS])


class _Chunks:
    """A write-only binary sink that keeps what was written until :meth:`take` (for pyarrow)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.pos = 0
        self.closed = False

    def write(self, data) -> int:
        b = bytes(data)
        self.parts.append(b)
        self.pos += len(b)
        return len(b)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def _parquet_row(e: dict[str, Any]) -> dict[str, Any]:
    row = {k: e.get(k) for k in FIELDS}
    fc = row.get("factuality_counts")
    if isinstance(fc, dict):
        row["factuality_counts"] = _dump(fc)
    for k in ("actors", "recipients", "outlets", "urls"):
        if row[k] is not None:
            row[k] = [str(x) for x in row[k]]
    return row


def iter_parquet(events: Iterable[dict[str, Any]], batch: int = BATCH) -> Iterator[bytes]:
    """A Parquet file, one row group per ``batch`` events, yielded as its bytes are written (an
    empty export is a valid file with the schema and no rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = _Chunks()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd")
    try:
        rows: list[dict[str, Any]] = []
        for e in events:
            rows.append(_parquet_row(e))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()
                chunk = sink.take()
                if chunk:
                    yield chunk
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    finally:
        writer.close()
    chunk = sink.take()
    if chunk:
        yield chunk


def iter_format(events: Iterable[dict[str, Any]], fmt: str, batch: int = BATCH
                ) -> Iterator[str | bytes]:
    """The pieces of ``events`` written as ``fmt`` (``csv``/``jsonl``: str; ``parquet``: bytes)."""
    if fmt == "csv":
        return iter_csv(events, batch)
    if fmt == "jsonl":
        return iter_jsonl(events, batch)
    if fmt == "parquet":
        return iter_parquet(events, batch)
    raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")


def iter_bytes(events: Iterable[dict[str, Any]], fmt: str, batch: int = BATCH) -> Iterator[bytes]:
    """Like :func:`iter_format`, every piece as UTF-8 bytes (for an HTTP response body)."""
    for piece in iter_format(events, fmt, batch):
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


class _Counted:
    def __init__(self, events: Iterable[dict[str, Any]]):
        self.events = events
        self.n = 0

    def __iter__(self):
        for e in self.events:
            self.n += 1
            yield e


def write_events(events: Iterable[dict[str, Any]], fmt: str, out: str | IO,
                 batch: int = BATCH) -> int:
    """Write ``events`` as ``fmt`` to ``out`` (a path, or a binary or text file object: text
    formats go to a text file as str, to a binary one as UTF-8). Returns the number of events."""
    counted = _Counted(events)
    pieces = iter_format(counted, fmt, batch)
    first = next(pieces, None)        # runs the query: a bad filter fails before any output
    if first is not None:
        pieces = chain([first], pieces)
    if isinstance(out, str):
        with open(out, "wb") as fh:
            for piece in pieces:
                fh.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        return counted.n
    binary = not isinstance(out, io.TextIOBase)
    if fmt == "parquet" and not binary:
        out = out.buffer                       # sys.stdout
        binary = True
    for piece in pieces:
        if binary and isinstance(piece, str):
            piece = piece.encode("utf-8")
        out.write(piece)
    out.flush()
    return counted.n
