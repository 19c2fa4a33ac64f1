"""kizashi.store.export (streaming CSV / JSON Lines / Parquet writers of event rows) on the real
events of the demo corpus, and `kizashi export` as a user runs it (real subprocesses)."""
from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from kizashi.store import Store, queries
from kizashi.store import export


@pytest.fixture(scope="module")
def events(demo_db) -> list[dict]:
    with Store(demo_db) as s:
        return list(queries.iter_events(s))


class Source:
    """An iterator over events that records how many were taken (to see that writers stream)."""

    def __init__(self, items):
        self.items = list(items)
        self.taken = 0

    def __iter__(self):
        for e in self.items:
            self.taken += 1
            yield e


def test_csv(events):
    text = "".join(export.iter_csv(events, batch=3))
    assert text.startswith("\ufeff")                 # Excel on Japanese Windows reads UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["id"] for r in rows] == [e["id"] for e in events]
    assert list(rows[0]) == export.FIELDS
    for r, e in zip(rows, events):
        assert r["actors"] == ";".join(e["actors"]) and r["recipients"] == ";".join(e["recipients"])
        assert json.loads(r["factuality_counts"]) == e["factuality_counts"]
        assert int(r["n_sources"]) == e["n_sources"]
        assert r["mode"] == (e["mode"] or "")
    assert "".join(export.iter_csv([])) == "\ufeff" + ",".join(export.FIELDS) + "\r\n"


def test_jsonl(events):
    text = "".join(export.iter_jsonl(events, batch=4))
    assert [json.loads(x) for x in text.splitlines()] == events
    assert list(export.iter_jsonl([])) == []


@pytest.mark.parametrize("batch", [1, 7, 500])
def test_parquet_row_groups(events, batch):
    data = b"".join(export.iter_parquet(events, batch=batch))
    f = pq.ParquetFile(io.BytesIO(data))
    assert f.metadata.num_rows == len(events)
    assert f.metadata.num_row_groups == math.ceil(len(events) / batch)
    t = f.read()
    assert t.schema.equals(export.parquet_schema())
    assert t.column("id").to_pylist() == [e["id"] for e in events]
    assert t.column("actors").to_pylist() == [e["actors"] for e in events]
    assert t.column("conflicting_quantities").to_pylist() == \
        [e["conflicting_quantities"] for e in events]
    assert [json.loads(x) for x in t.column("factuality_counts").to_pylist()] == \
        [e["factuality_counts"] for e in events]


def test_empty_parquet_is_a_valid_file():
    t = pq.read_table(io.BytesIO(b"".join(export.iter_parquet([]))))
    assert t.num_rows == 0 and t.schema.names == export.FIELDS


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_writers_stream(events, fmt):
    """The first piece comes out after one batch of events, not after all of them."""
    many = [dict(e, id=f"{e['id']}-{i}") for i in range(10) for e in events]
    src = Source(many)
    pieces = export.iter_format(src, fmt, batch=5)
    first = next(pieces)
    assert first and src.taken <= 6 < len(many)
    rest = list(pieces)
    assert src.taken == len(many)
    if fmt == "parquet":
        assert pq.read_table(io.BytesIO(first + b"".join(rest))).num_rows == len(many)
        assert len(rest) >= len(many) // 5 - 1          # one piece per row group
    else:
        assert len((first + "".join(rest)).splitlines()) == len(many) + (fmt == "csv")


def test_write_events_to_paths_and_files(events, tmp_path):
    for fmt in export.FORMATS:
        path = tmp_path / f"e.{export.EXTENSIONS[fmt]}"
        assert export.write_events(iter(events), fmt, str(path), batch=6) == len(events)
        assert path.stat().st_size > 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == len(events)
    text = io.StringIO()
    assert export.write_events(events, "jsonl", text) == len(events)
    assert len(text.getvalue().splitlines()) == len(events)
    binary = io.BytesIO()
    export.write_events(events, "csv", binary)
    assert binary.getvalue() == (tmp_path / "e.csv").read_bytes()
    with pytest.raises(ValueError):
        list(export.iter_format(events, "xlsx"))


# --- kizashi export ---------------------------------------------------------------------------------

def run(*args):
    r = subprocess.run([sys.executable, "-m", "kizashi.cli", *args], capture_output=True,
                       timeout=600)
    return r.returncode, r.stdout, r.stderr.decode()


def test_cli_export_parquet(demo_db, events, tmp_path):
    out = tmp_path / "events.parquet"
    rc, _, err = run("export", "--db", demo_db, "--format", "parquet", "--batch", "4", str(out))
    assert rc == 0, err
    assert f"exported {len(events)} event(s)" in err
    f = pq.ParquetFile(out)
    assert f.metadata.num_row_groups == math.ceil(len(events) / 4)
    assert f.read().column("id").to_pylist() == [e["id"] for e in events]

    rc, data, err = run("export", "--db", demo_db, "--format", "parquet", "--type", "AID", "-")
    assert rc == 0, err
    aid = pq.read_table(io.BytesIO(data))
    assert 0 < aid.num_rows < len(events)
    assert set(aid.column("event_type").to_pylist()) == {"AID"}

    rc, data, err = run("export", "--db", demo_db, "--format", "jsonl", "--sort=-date", "-")
    assert rc == 0, err
    lines = [json.loads(x) for x in data.decode("utf-8").splitlines()]
    assert sorted(e["id"] for e in lines) == sorted(e["id"] for e in events)

    rc, data, err = run("export", "--db", demo_db, "--format", "csv", "-")
    assert rc == 0 and len(list(csv.DictReader(io.StringIO(data.decode("utf-8"))))) == len(events)


def test_cli_export_errors(demo_db, tmp_path):
    rc, _, err = run("export", "--db", demo_db, "--format", "parquet", "--batch", "0",
                     str(tmp_path / "x.parquet"))
    assert rc == 2 and "--batch" in err
    rc, _, err = run("export", "--db", demo_db, "--format", "parquet", "--quad", "peace",
                     str(tmp_path / "y.parquet"))
    assert rc == 2 and "quad" in err
    assert not (tmp_path / "y.parquet").exists(), "no file is left behind by a bad filter"
    rc, out, _ = run("export", "--help")
    assert rc == 0 and b"parquet" in out


@pytest.mark.parametrize("value,shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("北朝鮮は発射した", "北朝鮮は発射した"), ("2024-10", "2024-10"),
])
def test_csv_neutralises_formulas_in_text_cells(value, shown):
    e = {k: None for k in export.FIELDS} | {"id": "ev_1", "evidence": value, "actors": [value]}
    text = "".join(export.iter_csv([e]))
    [row] = list(csv.DictReader(io.StringIO(text[1:])))
    assert row["evidence"] == shown and row["actors"] == shown


def test_csv_numbers_stay_numbers():
    e = {k: None for k in export.FIELDS} | {"id": "ev_1", "score": -8.0, "credibility": 2}
    [row] = list(csv.DictReader(io.StringIO("".join(export.iter_csv([e]))[1:])))
    assert row["score"] == "-8.0" and row["credibility"] == "2"


def test_an_excel_reader_gets_the_japanese_text(demo_db, tmp_path):
    """What Excel does with a CSV it opens: a BOM says UTF-8 (without it, Japanese Windows
    reads Shift_JIS and the Japanese is garbled)."""
    out = tmp_path / "e.csv"
    with Store(demo_db) as s:
        n = export.write_events(export.with_evidence(s, queries.iter_events(s)), "csv", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and n > 0
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["id"].startswith("ev_")
    assert any("北朝鮮" in r["summary"] for r in rows)


def test_exports_carry_summary_grade_contested_evidence_outlets_and_urls(demo_db):
    with Store(demo_db) as s:
        rows = list(export.with_evidence(s, queries.iter_events(s), batch=4))
    assert rows and all(r["summary"] and r["summary_en"] for r in rows)
    assert all(r["grade"] and r["grade"][0] in "ABCDEF" and 1 <= r["credibility"] <= 6
               for r in rows)
    troops = [r for r in rows if r["event_type"] == "AID" and r["mode"] == "troops"
              and r["n_sources"] >= 5]
    assert troops and troops[0]["contested"] is True
    assert all(r["evidence"] and r["outlets"] for r in rows)
    for r in rows:
        assert r["evidence_outlet"] in r["outlets"]
        assert isinstance(r["urls"], list)
    data = b"".join(export.iter_parquet(rows))
    t = pq.ParquetFile(io.BytesIO(data)).read()
    assert t.column_names == export.FIELDS
    assert t.column("contested").to_pylist() == [r["contested"] for r in rows]
