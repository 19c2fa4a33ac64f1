"""`kizashi ingest` run as a user runs it: a real subprocess, real files, a real SQLite database."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).parent.parent / "samples"


def run(*args):
    return subprocess.run([sys.executable, "-m", "kizashi.cli", *args], capture_output=True, timeout=600)


def test_ingest_is_idempotent_and_reports_failures(tmp_path):
    db = tmp_path / "k.db"
    corpus = tmp_path / "in"
    corpus.mkdir()
    for p in sorted(SAMPLES.glob("*.txt")):
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "title": "制裁", "text": "米国は北朝鮮に追加制裁を科した。",
                    "published": "2025-01-10", "source": "テスト通信"}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")

    r = run("ingest", "--db", str(db), str(corpus))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1, err  # two failures, the rest stored
    assert "4 article(s): 4 new" in out and "2 failure(s)" in out, out
    assert "empty.txt" in out + err and "feed.jsonl:2" in out + err

    con = sqlite3.connect(db)
    n_docs = con.execute("select count(*) from documents").fetchone()[0]
    n_mentions = con.execute("select count(*) from mentions").fetchone()[0]
    assert n_docs == 4 and n_mentions >= 10
    # the mentions were fused at the end: every mention is in an event
    n_events = con.execute("select count(*) from events").fetchone()[0]
    assert f"{n_events} event(s) fused from {n_mentions} stored mention(s)" in out, out
    assert con.execute("select count(*) from event_mentions").fetchone()[0] == n_mentions

    r2 = run("ingest", "--db", str(db), str(corpus))
    assert "0 new, 0 updated, 4 unchanged" in r2.stdout.decode()
    assert f"{n_events} event(s), unchanged" in r2.stdout.decode()
    assert con.execute("select count(*) from mentions").fetchone()[0] == n_mentions

    # a changed article replaces its old version and its mentions
    one = corpus / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]
    one.write_text(one.read_text(encoding="utf-8") + "\nロシアは北朝鮮に原油を供給した。\n", encoding="utf-8")
    r3 = run("ingest", "--db", str(db), str(one))
    assert "0 new, 1 updated" in r3.stdout.decode() or "1 new" in r3.stdout.decode()
    assert "event(s) fused" in r3.stdout.decode()      # the changed article's events re-fused
    linked = con.execute("select count(*) from mentions where id not in "
                         "(select mention_id from event_mentions)").fetchone()[0]
    assert linked == 0
