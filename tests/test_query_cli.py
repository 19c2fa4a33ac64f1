"""`kizashi events / timeline / dyad / export` as a user runs them: real subprocesses on a real
SQLite file filled by `kizashi ingest` (articles of our own, as JSON Lines)."""
import csv
import json
import subprocess
import sys

import pytest

ARTICLES = [
    {"id": "q1", "title": "露朝首脳会談", "published": "2025-04-01", "source": "NHK",
     "url": "https://news.example.jp/c/1",
     "text": "ロシアと北朝鮮は4月1日、平壌で首脳会談を開き、軍事協力の強化で合意した。"},
    {"id": "q2", "title": "プーチン氏が訪朝", "published": "2025-04-02", "source": "共同通信",
     "url": "https://news.example.jp/c/2",
     "text": "ロシアのプーチン大統領は4月1日、北朝鮮を訪問し、金正恩総書記と会談した。"
             "ロシアは北朝鮮に約2000トンの食料を支援した。"},
    {"id": "q3", "title": "北朝鮮がロシア非難", "published": "2025-05-10", "source": "読売新聞",
     "url": "https://news.example.jp/c/3",
     "text": "北朝鮮外務省は5月9日、ロシアを強く非難した。米国は5月8日、北朝鮮に対する追加制裁を発表した。"},
    {"id": "q4", "title": "食料支援の規模", "published": "2025-05-13", "source": "朝日新聞",
     "url": "https://news.example.jp/c/4",
     "text": "ロシアは4月1日、北朝鮮に約5000トンの食料を支援したと報じられた。日本政府は5月12日、韓国に緊急物資を送った。"},
]


def run(*args):
    r = subprocess.run([sys.executable, "-m", "kizashi.cli", *args], capture_output=True,
                       timeout=600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qcli")
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                    encoding="utf-8")
    path = tmp / "k.db"
    rc, out, err = run("ingest", "--db", str(path), "-q", str(feed))
    assert rc == 0, out + err
    rc, out, err = run("events", "--db", str(path), "--refresh", "--format", "jsonl")
    assert rc == 0, err
    assert "fused 8 mention(s) into 6 event(s)" in err
    return path


def _jsonl(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_events_filters_and_pages(db):
    rc, out, err = run("events", "--db", str(db), "--format", "jsonl")
    events = _jsonl(out)
    assert rc == 0 and len(events) == 6
    rc, out, _ = run("events", "--db", str(db), "--format", "jsonl", "--dyad", "PRK", "RUS",
                     "--type", "AID", "--min-sources", "2")
    [aid] = _jsonl(out)
    assert aid["actors"] == ["RUS"] and aid["conflicting_quantities"] is True

    # pages: follow the printed cursor
    ids, after = [], None
    while True:
        args = ["events", "--db", str(db), "--format", "jsonl", "--limit", "4"]
        rc, out, err = run(*args, *(["--after", after] if after else []))
        assert rc == 0, err
        ids += [e["id"] for e in _jsonl(out)]
        more = [ln for ln in err.splitlines() if ln.startswith("more: --after ")]
        if not more:
            break
        after = more[0].split()[-1]
    assert ids == [e["id"] for e in events]

    rc, out, _ = run("events", "--db", str(db), "--actor", "RUS")
    assert rc == 0 and out.splitlines()[0].startswith("id") and "RUS→PRK" in out and "CONFLICT" in out

    rc, out, _ = run("events", "--db", str(db), "--id", aid["id"])
    detail = json.loads(out)
    assert len(detail["mentions"]) == 2
    assert {m["document"]["url"] for m in detail["mentions"]} == {ARTICLES[1]["url"], ARTICLES[3]["url"]}


def test_timeline_and_dyad(db):
    rc, out, _ = run("timeline", "--db", str(db), "--format", "json")
    t = json.loads(out)
    assert rc == 0 and [(r["period"], r["count"]) for r in t["rows"]] == [("2025-04", 3), ("2025-05", 3)]
    rc, out, _ = run("timeline", "--db", str(db))
    assert rc == 0 and out.startswith("2025-04")
    rc, out, _ = run("dyad", "--db", str(db), "RUS", "PRK", "--format", "json")
    rows = json.loads(out)["rows"]
    assert [r["period"] for r in rows] == ["2025-04", "2025-05"]
    assert rows[0]["index"] > 0 > rows[1]["index"]
    rc, out, _ = run("dyad", "--db", str(db), "RUS", "PRK", "--freq", "week")
    assert rc == 0 and "2025-W14" in out and "2025-W19" in out


def test_export(db, tmp_path):
    out_csv = tmp_path / "e.csv"
    rc, _, err = run("export", "--db", str(db), "--quad", "material_cooperation", "--format", "csv",
                     str(out_csv), "--batch", "1")
    assert rc == 0, err
    with open(out_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["actors"] + ">" + r["recipients"] for r in rows) == ["JPN>KOR", "RUS>PRK"]
    out_jsonl = tmp_path / "e.jsonl"
    rc, _, _ = run("export", "--db", str(db), "--format", "jsonl", str(out_jsonl))
    assert rc == 0 and len(_jsonl(out_jsonl.read_text(encoding="utf-8"))) == 6


def test_errors_and_help(db, tmp_path):
    rc, _, err = run("events", "--db", str(tmp_path / "missing.db"))
    assert rc == 2 and "kizashi ingest" in err
    assert not (tmp_path / "missing.db").exists()
    rc, _, err = run("events", "--db", str(db), "--quad", "peace")
    assert rc == 2 and "quad" in err
    rc, _, err = run("events", "--db", str(db), "--after", "garbage")
    assert rc == 2 and "cursor" in err
    for cmd in ("events", "timeline", "dyad", "export"):
        rc, out, _ = run(cmd, "--help")
        assert rc == 0 and "--db" in out and "example:" in out


# --- issue 9: one vocabulary, names, descending sorts, bad values, closed pipes ----------------

def test_japanese_names_resolve_like_on_the_pages(db):
    codes = run("dyad", "--db", db, "RUS", "PRK", "--format", "json")
    names = run("dyad", "--db", db, "ロシア", "北朝鮮", "--format", "json")
    assert codes[0] == names[0] == 0, names[2]
    assert json.loads(codes[1])["rows"] == json.loads(names[1])["rows"] != []
    by_name = run("events", "--db", db, "--actor", "ロシア", "--format", "jsonl")
    by_code = run("events", "--db", db, "--actor", "rus", "--format", "jsonl")
    assert by_name[1] == by_code[1] and by_name[1]


def test_sort_descending_as_the_help_says(db):
    rc, out, err = run("events", "--db", db, "--sort", "-reported", "--format", "jsonl")
    assert rc == 0, err
    reported = [json.loads(x)["first_reported"] for x in out.splitlines()]
    assert reported == sorted(reported, reverse=True)


@pytest.mark.parametrize("args, words", [
    (["--start", "2024-13-01"], "--start: '2024-13-01': there is no month 13"),
    (["--from", "yesterday"], "--start: 'yesterday' is not a date"),
    (["--start", "2025-06", "--end", "2025-05"], "start 2025-06 is after end 2025-05"),
    (["--type", "AID,BOGUS"], "--type: unknown event type 'BOGUS'"),
    (["--quad", "peace"], "--quad: unknown quad class"),
    (["--factuality", "sure"], "--factuality: unknown factuality"),
    (["--actor", "ほげ"], "--actor: no entity has the code or name 'ほげ'"),
    (["--min-sources", "99999999"], "--min-sources:"),
    (["--q", " ".join(["語"] * 30)], "--q: q has 30 words"),
    (["--after", "WyJkYXRlIiwxLCJldiJd"], "cursor"),
])
def test_bad_filter_values_are_named(db, args, words):
    rc, out, err = run("events", "--db", db, *args)
    assert rc == 2 and words in err and "Traceback" not in err, err
    assert out == ""


def test_closed_pipe_is_quiet(tmp_path):
    """``kizashi events | head -1`` on more output than a pipe holds (1,000 events)."""
    from benchmarks.bench_queries import load
    from kizashi.store import Store

    url = f"sqlite:///{tmp_path / 'many.db'}"
    with Store(url) as s:
        s.migrate()
        load(s, 3000, seed=3, progress=False)
    p = subprocess.Popen([sys.executable, "-m", "kizashi.cli", "events", "--db", url,
                          "--format", "jsonl", "--limit", "1000"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()                                   # as `| head -1` does
    err = p.stderr.read().decode()
    assert p.wait(60) == 141                           # ended by the closed pipe, as cat is
    assert "Traceback" not in err and "BrokenPipe" not in err, err
