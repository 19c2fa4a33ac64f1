"""`kizashi ingest` never stops on one article (issue 9): a real subprocess, real files, a real
SQLite database in which a trigger makes the storage of one article fail."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from kizashi.records import Article


def run(*args):
    return subprocess.run([sys.executable, "-m", "kizashi.cli", *args], capture_output=True,
                          timeout=600)


def _line(**rec) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def test_failed_articles_are_reported_skipped_and_written_for_a_retry(tmp_path):
    db = tmp_path / "k.db"
    assert run("ingest", "--db", str(db), "-q", str(tmp_path / "none.txt")).returncode == 1
    con = sqlite3.connect(db)
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.id = 'bad' "
                "BEGIN SELECT RAISE(ABORT, 'the disk refused it'); END")
    con.commit()
    src = tmp_path / "in.jsonl"
    src.write_text(
        _line(id="good1", text="北朝鮮はロシアに砲弾を供与した。", published="2024-06")
        + _line(id="bad", text="ロシアは北朝鮮に原油を供給した。", published="2024-06-02")
        + _line(id="x" * 80, text="韓国は日本と会談した。")
        + '{"id": 1' + "0" * 5000 + ', "text": "x"}\n'
        + _line(id="good2", text="プーチン大統領は北朝鮮を訪問した。", published="2024-06"),
        encoding="utf-8")
    failures = tmp_path / "failed.jsonl"
    r = run("ingest", "--db", str(db), "-q", "--failures", str(failures), str(src))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1, err
    assert "Traceback" not in err
    assert "2 article(s): 2 new" in out and "3 failure(s)" in out, out
    assert f"{src}:2: IntegrityError" in out and "the disk refused it" in out
    assert f"{src}:3: the id is 80 characters long" in out
    assert f"{src}:4: invalid JSON" in out
    # the rest is stored and fused
    assert {r[0] for r in con.execute("SELECT id FROM documents")} == {"good1", "good2"}
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 2
    assert con.execute("SELECT count(*) FROM mentions WHERE id NOT IN "
                       "(SELECT mention_id FROM event_mentions)").fetchone()[0] == 0
    lines = [json.loads(x) for x in failures.read_text(encoding="utf-8").splitlines()]
    assert [x["failed"]["input"] for x in lines] == [f"{src}:2", f"{src}:3",
                                                      f"{src}:4"]
    assert lines[0]["text"] == "ロシアは北朝鮮に原油を供給した。" and "text" not in lines[2]
    # the cause is fixed: the failures file retries the articles in it
    con.execute("DROP TRIGGER refuse")
    con.commit()
    r2 = run("ingest", "--db", str(db), "-q", str(failures))
    out2 = r2.stdout.decode()
    assert "1 article(s): 1 new" in out2 and "2 failure(s)" in out2, out2
    assert "could not be read before" in out2
    assert con.execute("SELECT count(*) FROM documents WHERE id = 'bad'").fetchone()[0] == 1


def test_an_edited_text_file_replaces_its_old_version(tmp_path):
    db, f = tmp_path / "k.db", tmp_path / "news.txt"
    f.write_text("北朝鮮はロシアに砲弾を供与した。\n", encoding="utf-8")
    assert run("ingest", "--db", str(db), "-q", str(f)).returncode == 0
    f.write_text("北朝鮮はロシアに砲弾を供与した。\n韓国は日本と会談した。\n", encoding="utf-8")
    r = run("ingest", "--db", str(db), "-q", str(f))
    assert "0 new, 1 updated" in r.stdout.decode(), r.stdout.decode()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    # a declared id is the identity even when the file moves
    moved = tmp_path / "moved.txt"
    moved.write_text("ID: nhk-0001\n北朝鮮はロシアに砲弾を供与した。\n", encoding="utf-8")
    run("ingest", "--db", str(db), "-q", str(moved))
    again = tmp_path / "again.txt"
    moved.rename(again)
    r = run("ingest", "--db", str(db), "-q", str(again))
    assert "1 unchanged" in r.stdout.decode()
    assert con.execute("SELECT count(*) FROM documents WHERE id = 'nhk-0001'").fetchone()[0] == 1


def test_unchanged_article_is_not_extracted_again(store, extract):
    from kizashi.cli import ingest_article

    calls = []

    def counting(text, **kw):
        calls.append(kw["doc_id"])
        return extract(text, **kw)

    art = Article(id="c1", text="北朝鮮はロシアに砲弾を供与した。", published="2024-06-01")
    assert ingest_article(store, art, counting)[0] == "new"
    assert ingest_article(store, art, counting) == ("unchanged", 0, [])
    assert calls == ["c1"]


def test_long_run_is_reported_as_a_note_and_the_rest_is_stored(tmp_path):
    from kizashi.nlp.sentences import MAX_RUN

    db, f = tmp_path / "k.db", tmp_path / "long.txt"
    f.write_text("北朝鮮はロシアに砲弾を供与した。\n" + "あ" * (MAX_RUN * 3) + "\n韓国は日本と会談した。\n",
                 encoding="utf-8")
    r = run("ingest", "--db", str(db), "-q", str(f))
    assert r.returncode == 0
    assert "without a sentence end" in r.stderr.decode() and "note:" in r.stderr.decode()
    con = sqlite3.connect(db)
    types = {t for (t,) in con.execute("SELECT event_type FROM mentions")}
    assert {"AID", "CONSULT"} <= types


def test_unknown_schema_revision_is_one_line(tmp_path):
    db = tmp_path / "k.db"
    f = tmp_path / "a.txt"
    f.write_text("北朝鮮はロシアに砲弾を供与した。\n", encoding="utf-8")
    run("ingest", "--db", str(db), "-q", str(f))
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0999'")
    con.commit()
    for args in (("ingest", "--db", str(db), "-q", str(f)), ("events", "--db", str(db)),
                 ("serve", "--db", str(db), "--no-migrate", "--port", "0")):
        r = run(*args)
        err = r.stderr.decode().strip()
        assert r.returncode == 1 and "Traceback" not in err, err
        assert len(err.splitlines()) == 1 and "newer kizashi" in err, err
    con.execute("UPDATE alembic_version SET version_num = '0002'")
    con.commit()
    r = run("serve", "--db", str(db), "--no-migrate", "--port", "0")
    from kizashi.store import Store

    head = Store(f"sqlite:///{tmp_path / 'head.db'}").head()
    assert r.returncode == 1 and f"needs {head}" in r.stderr.decode()
