"""The command line, run as users run it: a real subprocess on real files."""
import json
import subprocess
import sys
from pathlib import Path

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "kizashi.cli", *args], input=stdin,
                          capture_output=True, timeout=600)


def test_extract_jsonl_samples():
    r = run("extract", "--format", "jsonl", *map(str, SAMPLES))
    assert r.returncode == 0, r.stderr.decode()
    recs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(recs) >= 10
    docs = {rec["doc"] for rec in recs}
    assert docs == {str(p) for p in SAMPLES}
    for rec in recs:
        text = Path(rec["doc"]).read_text(encoding="utf-8")
        ev = rec["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert set(rec) >= {"event_type", "actor", "recipient", "date", "factuality", "trigger", "score"}


def test_table_and_bad_file_does_not_stop_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = run("extract", "--format", "table", "--colour", "never", str(bad), str(SAMPLES[0]))
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "empty.txt" in err and "1 of 2" in err
    out = r.stdout.decode()
    assert "CONSULT" in out and "【" in out


def test_stdin_shift_jis():
    text = "北朝鮮はロシアに砲弾を供給した。".encode("cp932")
    r = run("extract", "-", stdin=text)
    assert r.returncode == 0, r.stderr.decode()
    rec = json.loads(r.stdout.decode().splitlines()[0])
    assert rec["event_type"] == "AID" and rec["doc"] == "-"


def test_bad_published_date():
    r = run("extract", "--published", "yesterday", str(SAMPLES[0]))
    assert r.returncode == 2 and b"--published" in r.stderr


def test_help_mentions_formats():
    r = run("extract", "--help")
    assert r.returncode == 0 and b"--format" in r.stdout and b"standard input" in r.stdout
