"""Command line: ``kizashi extract`` and ``kizashi eval``."""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path

from kizashi import __version__
from kizashi.errors import InputError, KizashiError

FACT_COLOURS = {"asserted": "32", "reported": "36", "uncertain": "33", "denied": "35",
                "negated": "31", "hypothetical": "34", "future": "94"}


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def _clip(s: str, n: int) -> str:
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > n - 1:
            return out + "…"
        out += c
        w += cw
    return out


def _codes(ents) -> str:
    return ",".join(e.code or f"({e.text})" for e in ents) or "-"


def print_table(mentions, colour: bool, out=sys.stdout) -> None:
    def c(code, s):
        return f"\x1b[{code}m{s}\x1b[0m" if colour else s

    heads = ["type", "actor", "recipient", "date", "factuality", "evidence"]
    rows = []
    for m in mentions:
        ev = m.evidence
        rel_s, rel_e = m.trigger.start - ev.start, m.trigger.end - ev.start
        left, trig, right = ev.text[:rel_s], ev.text[rel_s:rel_e], ev.text[rel_e:]
        left = _clip(left[::-1], 24)[::-1] if _width(left) > 24 else left
        right = _clip(right, 36)
        rows.append([m.event_type + (f"/{m.mode}" if m.mode else ""), _codes(m.actor), _codes(m.recipient),
                     m.date or "-", m.factuality, (left, trig, right)])
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(heads[:5])]
    print("  ".join(_pad(h, w) for h, w in zip(heads, widths)) + "  evidence", file=out)
    for r in rows:
        cells = [_pad(str(v), w) for v, w in zip(r[:5], widths)]
        cells[4] = c(FACT_COLOURS.get(r[4], "0"), cells[4])
        left, trig, right = r[5]
        print("  ".join(cells) + "  " + left + c("1;4", f"【{trig}】" if not colour else trig) + right, file=out)


def cmd_extract(args) -> int:
    from kizashi.ingest.textfile import read_text_file
    from kizashi.pipeline import extract
    from kizashi.time.dates import parse_iso_partial

    published = None
    if args.published:
        try:
            published = parse_iso_partial(args.published)
        except ValueError:
            print(f"kizashi: --published {args.published!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY",
                  file=sys.stderr)
            return 2
    failed = 0
    colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty()
                                         and not os.environ.get("NO_COLOR"))
    files = args.files
    if len(files) > 1 and sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        files = tqdm(files, desc="extract", unit="file", file=sys.stderr)
    for path in files:
        try:
            doc = read_text_file(path)
            mentions = extract(doc.text, doc_id=str(path), published=published)
        except InputError as exc:
            print(f"kizashi: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "jsonl":
            for m in mentions:
                sys.stdout.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
        else:
            print(f"== {path}: {len(mentions)} event mention(s)")
            print_table(mentions, colour)
        sys.stdout.flush()
    if failed:
        print(f"kizashi: {failed} of {len(args.files)} file(s) could not be read", file=sys.stderr)
        return 1
    return 0


def cmd_ingest(args) -> int:
    """Read articles, extract their events and store both, one transaction per article."""
    from kizashi.ingest.sources import iter_articles
    from kizashi.pipeline import extract
    from kizashi.store import Store, default_db_url

    url = args.db or default_db_url()
    if "://" not in url:  # a bare path is a SQLite file
        url = "sqlite:///" + str(Path(url).expanduser().resolve())
    store = Store(url)
    store.migrate()
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    failures: list[str] = []
    mentions_total = 0
    items = iter_articles(args.paths)
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit="article", file=sys.stderr)
    try:
        for item in items:
            if isinstance(item, InputError):
                failures.append(str(item))
                if bar is None and not args.quiet:
                    print(f"kizashi: {item}", file=sys.stderr)
            else:
                mentions = extract(item.text, doc_id=item.id, published=item.published)
                counts[store.save_article(item, mentions)] += 1
                mentions_total += len(mentions)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        print("\nkizashi: interrupted; every article stored so far is complete, rerun to finish",
              file=sys.stderr)
        return 130
    finally:
        if bar is not None:
            bar.close()
        store.close()
    stored = sum(counts.values())
    print(f"{stored} article(s): {counts['new']} new, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged; {mentions_total} event mention(s) extracted; "
          f"{len(failures)} failure(s); database {url}")
    for f in failures:
        print(f"  failed: {f}")
    return 1 if failures else 0


def _shared_dir() -> Path | None:
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        cand = base.parent / "shared"
        if (cand / "eval" / "score.py").exists():
            return cand
    return None


def cmd_eval(args) -> int:
    import subprocess
    import tempfile

    from kizashi.ingest.textfile import read_text_file
    from kizashi.pipeline import extract

    shared = Path(args.shared) if args.shared else _shared_dir()
    if shared is None or not (shared / "eval" / "score.py").exists():
        print("kizashi eval: the dev set (../shared/eval) is not here; pass --shared DIR", file=sys.stderr)
        return 2
    files = sorted((shared / "corpus" / "dev").glob("*.txt"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for f in files:
            doc = read_text_file(f)
            for m in extract(doc.text, doc_id=str(f)):
                fh.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
        pred = fh.name
    cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / "dev-gold.jsonl"),
           "--pred", pred] + (["-v"] if args.verbose else []) + (["--json"] if args.json else [])
    return subprocess.call(cmd)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kizashi",
        description="Japanese-first geopolitical event extraction: PLOVER event mentions from Japanese news.")
    p.add_argument("--version", action="version", version=f"kizashi {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="extract event mentions from text files",
                       description="Extract PLOVER event mentions from Japanese text files "
                                   "(UTF-8, Shift_JIS/CP932 or EUC-JP; '-' reads standard input).",
                       epilog="example: kizashi extract --format table article.txt")
    e.add_argument("files", nargs="+", metavar="FILE", help="text files, or - for standard input")
    e.add_argument("--format", choices=["jsonl", "table"], default="jsonl",
                   help="jsonl: one record per line (the spec's record); table: for people (default: jsonl)")
    e.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD, YYYY-MM or YYYY); default: a dateline in the text")
    e.add_argument("--colour", "--color", choices=["auto", "always", "never"], default="auto",
                   help="colour in --format table (default: auto, when writing to a terminal)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    e.set_defaults(func=cmd_extract)
    g = sub.add_parser("ingest", help="read articles into the database (text, Markdown, HTML, RSS/Atom, JSON Lines)",
                       description="Read articles from files, folders and globs, extract their event mentions "
                                   "and store both. Re-ingesting an unchanged article changes nothing; a "
                                   "changed one replaces its old version. Each article is one transaction.",
                       epilog="example: kizashi ingest --db kizashi.db samples/")
    g.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    g.add_argument("--db", metavar="URL", help="database URL or SQLite path (default: $KIZASHI_DB, "
                                                "else ~/.local/share/kizashi/kizashi.db)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    g.set_defaults(func=cmd_ingest)
    v = sub.add_parser("eval", help="score the extractor on the dev set (../shared/eval)",
                       description="Run ../shared/eval/score.py on the dev articles and print P/R/F1.")
    v.add_argument("--shared", metavar="DIR", help="the shared folder (default: ../shared)")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")
    v.set_defaults(func=cmd_eval)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KizashiError as exc:
        print(f"kizashi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
