"""Command line: ``kizashi extract``, ``ingest``, the query commands, ``eval``; corrections,
rebuilds (:mod:`kizashi.correct_cli`) and briefings (:mod:`kizashi.brief_cli`)."""
from __future__ import annotations

import argparse
import json
import os
import re
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
    from kizashi.model import parse_date

    published = None
    if args.published:
        try:
            published = parse_date(args.published).iso()     # extract() takes the ISO string
        except ValueError as exc:
            print(f"kizashi: --published: {exc}", file=sys.stderr)
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
            mentions = extract(doc.text, doc_id=str(path), published=published, min_confidence=args.min_confidence)
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


from kizashi.ingest.save import ingest_article  # noqa: E402 - one article, checked and stored


def _where(article) -> str:
    """``FILE:3`` (JSON Lines) or ``FILE: entry 2`` (feed): where an article came from, in the
    form the readers' own errors use."""
    where = article.path or article.id
    rec = article.record or ""
    if rec.startswith("line "):
        return f"{where}:{rec[5:]}"
    return f"{where}: {rec}" if rec else where


def _failure_line(where: str, error: str, article=None) -> str:
    """One line of ``--failures FILE``: the article's JSON Lines record (so that ``kizashi ingest
    FILE`` retries it) with ``failed: {input, error}``; an input that gave no article at all
    has ``failed`` only."""
    rec = {}
    if article is not None:
        rec = {k: getattr(article, k) for k in ("id", "text", "title", "published", "source",
                                                 "url") if getattr(article, k) is not None}
    rec["failed"] = {"input": where, "error": error}
    from kizashi.records import clean_value

    return json.dumps(clean_value(rec), ensure_ascii=False) + "\n"


def cmd_ingest(args) -> int:
    """Read articles, extract their events and store both, one transaction per article. An
    article that fails (in reading, extraction or storage) is reported and skipped; the others
    are stored and fused, and the exit status is 1."""
    from kizashi.ingest.sources import iter_articles
    from functools import partial

    from kizashi.pipeline import extract as _extract

    extract = partial(_extract, min_confidence=args.min_confidence)
    from kizashi.store import Store, db_url

    url = db_url(args.db)
    store = Store(url)
    store.migrate()
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    failures: list[str] = []
    failures_out = None
    if args.failures:
        try:
            failures_out = open(args.failures, "w", encoding="utf-8")
        except OSError as exc:
            print(f"kizashi ingest: --failures {args.failures}: {exc.strerror}", file=sys.stderr)
            store.close()
            return 2
    mentions_total = 0
    urls = [p for p in args.paths if re.match(r"^https?://", p, re.I)]
    paths = [p for p in args.paths if p not in urls]
    items = iter_articles(paths) if paths else iter(())
    if urls:                                     # feeds, index pages or articles on the web
        from itertools import chain

        from kizashi.fetch.run import iter_url_articles

        items = chain(items, iter_url_articles(urls))
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit="article", file=sys.stderr)

    def fail(where: str, error: str, article=None) -> None:
        failures.append(f"{where}: {error}")
        if bar is None and not args.quiet:
            print(f"kizashi: {where}: {error}", file=sys.stderr)
        if failures_out is not None:
            failures_out.write(_failure_line(where, error, article))
            failures_out.flush()

    try:
        for item in items:
            if isinstance(item, InputError):
                fail(item.source, item.problem + (f" ({item.hint})" if item.hint else ""))
            else:
                try:
                    status, n, notes = ingest_article(store, item, extract)
                except InputError as exc:
                    fail(_where(item), exc.problem, item)
                except Exception as exc:  # noqa: BLE001 - one article never stops the run
                    fail(_where(item), f"{type(exc).__name__}: {exc}", item)
                else:
                    counts[status] += 1
                    mentions_total += n
                    for note in notes:
                        print(f"kizashi: note: {_where(item)}: {note}", file=sys.stderr)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        print("\nkizashi: interrupted; every article stored so far is complete, rerun to finish",
              file=sys.stderr)
        store.close()
        return 130
    finally:
        if bar is not None:
            bar.close()
        if failures_out is not None:
            failures_out.close()
    try:
        from kizashi.store.fusion_sync import is_stale, refresh_events

        fused = ""
        if args.no_fuse:
            fused = "; events not fused (--no-fuse): run 'kizashi events --refresh'"
        elif is_stale(store):
            r = refresh_events(store)
            fused = f"; {r['events']} event(s) fused from {r['mentions']} stored mention(s)"
        else:
            fused = f"; {store.counts()['events']} event(s), unchanged"
        if not args.no_fuse:                     # new matches of the watches become alerts
            from kizashi.watch.alerts import evaluate_all

            a = evaluate_all(store)["alerts"]
            if a["new"] or a["updated"]:
                fused += f"; alerts {a['new']} new, {a['updated']} updated"
    finally:
        store.close()
    stored = sum(counts.values())
    print(f"{stored} article(s): {counts['new']} new, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged; {mentions_total} event mention(s) extracted"
          f"{fused}; {len(failures)} failure(s); database {url}")
    for f in failures:
        print(f"  failed: {f}")
    if failures and args.failures:
        print(f"  failures written to {args.failures} (kizashi ingest {args.failures} retries "
              "the articles in it)")
    return 1 if failures else 0


MIN_CONFIDENCE_HELP = ("give only mentions at least this sure (0-1; default: the threshold fitted "
                       "with the confidence model, docs/evaluation.md; 0 gives every mention found)")


def _confidence(value: str) -> float:
    """An argparse type: a confidence between 0 and 1."""
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number between 0 and 1") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return v


def _calibrate(args) -> int:
    """kizashi eval --calibrate DIR...: fit and cross-validate the confidence model."""
    import datetime

    from kizashi import evaluation as ev
    from kizashi.pipeline import extract

    for d in args.calibrate:
        if not (Path(d) / "gold.jsonl").exists() or not (Path(d) / "sources.tsv").exists():
            print(f"kizashi eval: {d}: a coded set needs gold.jsonl and sources.tsv (name, published)",
                  file=sys.stderr)
            return 2
    docs = ev.collect(args.calibrate, extract)
    r = ev.calibrate(docs, folds=args.folds)
    print(f"{r['documents']} documents, {r['mentions']} mentions; held-out folds by document: {args.folds}")
    print("threshold  learned P / R / F1        hand-set P / R / F1")
    for a, b in zip(r["learned"], r["hand"]):
        print(f"  {a['threshold']:.2f}     {a['precision']:.3f} {a['recall']:.3f} {a['f1']:.3f}"
              f"       {b['precision']:.3f} {b['recall']:.3f} {b['f1']:.3f}")
    print(f"best learned: threshold {r['best']['threshold']:.2f}, F1 {r['best']['f1']:.3f}; "
          f"best hand-set: threshold {r['best_hand']['threshold']:.2f}, F1 {r['best_hand']['f1']:.3f}")
    print("reliability (held-out, learned): bin  mentions  mean confidence  share right")
    for row in r["reliability"]:
        print(f"  {row['bin']}  {row['n']:4d}  {row['confidence']:.2f}  {row['right']:.2f}")
    if args.write:
        model = dict(r["model"])
        model["fitted"] = {"on": [str(d) for d in args.calibrate], "documents": r["documents"],
                           "mentions": r["mentions"], "date": datetime.date.today().isoformat(),
                           "held_out_f1": round(r["best"]["f1"], 3),
                           "held_out_f1_hand": round(r["best_hand"]["f1"], 3)}
        out = Path(__file__).resolve().parent / "data" / "confidence.json"
        out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


def _shared_dir() -> Path | None:
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        cand = base.parent / "shared"
        if (cand / "eval" / "score.py").exists():
            return cand
    return None


def _eval_roles(args) -> int:
    from kizashi.discourse import gold

    path = Path(args.roles)
    if not path.exists():
        print(f"kizashi eval: {path}: no such gold file", file=sys.stderr)
        return 2
    try:
        docs = gold.load(path)
        runs = [(split, gold.score(docs, split)) for split in ("dev", "test", None)]
    except gold.GoldError as exc:
        print(f"kizashi eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({split or "all": {"accuracy": s.accuracy, "roles": s.per_role()}
                          for split, s in runs}, ensure_ascii=False))
        return 0
    for split, s in runs:
        print(f"{split or 'all'}: {len(s.gold)} sentences, accuracy {s.accuracy:.3f}")
        for role, v in s.per_role().items():
            print(f"  {role:<11} n {v['n']:>4}  precision {v['precision']:.3f}  "
                  f"recall {v['recall']:.3f}  f1 {v['f1']:.3f}")
    if args.verbose:
        for doc, g, p, text in runs[-1][1].errors:
            print(f"  {doc} gold {g} got {p}: {text}")
    return 0


def cmd_eval(args) -> int:
    import subprocess
    import tempfile

    from kizashi.ingest.textfile import read_text_file
    from kizashi.pipeline import extract

    if args.calibrate:
        return _calibrate(args)
    if args.roles:
        return _eval_roles(args)
    if args.corrections:
        from kizashi.correct_cli import cmd_eval_corrections

        return cmd_eval_corrections(args, _query_store)
    if args.cases:
        from kizashi import evaluation as ev
        from kizashi.pipeline import extract as _extract

        path = Path(args.cases)
        if not path.exists():
            print(f"kizashi eval: {path}: no such case file", file=sys.stderr)
            return 2
        cases = ev.load_cases(path)
        outputs = {c["id"]: _extract(c["text"], doc_id=c["id"], published=c.get("published")) for c in cases}
        for name, flag in (("participants", True), ("strict", False)):  # one extraction, scored twice
            summary, _ = ev.summarise([ev.score_case(c, outputs[c["id"]], flag) for c in cases])
            print(f"{name:12} precision {summary['precision']:.3f}  recall {summary['recall']:.3f}  "
                  f"f1 {summary['f1']:.3f}  (tp {summary['tp']} fp {summary['fp']} fn {summary['fn']}; "
                  f"{summary['cases_ok']}/{summary['cases']} cases right)")
        return 0
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


# --- query commands (kizashi events / timeline / dyad / export) -----------------------------------

def _query_store(args):
    """The store named by ``--db`` (a bare path is a SQLite file), migrated; None (with a message)
    when a SQLite file does not exist yet."""
    from kizashi.store import Store, db_url

    url = db_url(args.db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///"):])
        if not path.exists():
            print(f"kizashi: no database at {path}: run kizashi ingest --db {path} PATH... first",
                  file=sys.stderr)
            return None
    store = Store(url)
    store.migrate()
    return store


def _filter(args, store):
    """The :class:`~kizashi.store.filters.EventFilter` of the command line, resolved on
    ``store`` (names to codes); QueryError naming the option and its problem."""
    from kizashi.store.queries import QueryError, event_filter

    params = {k: getattr(args, k, None) for k in ("start", "end", "type", "quad", "actor",
                                                   "recipient", "factuality", "min_sources",
                                                   "q", "since", "changed_since")}
    if getattr(args, "dyad", None):
        params["dyad"] = tuple(args.dyad)
    try:
        return event_filter(store, **params)
    except QueryError as exc:              # name the options as the user typed them
        msg = re.sub(r"(^|; )(min_sources|changed_since|[a-z]+): ",
                     lambda m: m[1] + "--" + m[2].replace("_", "-") + ": ", str(exc))
        raise QueryError(msg) from None


def _add_filters(p, dyad: bool = True) -> None:
    from kizashi import model

    f = p.add_argument_group("filters (combined with AND; the API's parameters, same names)")
    f.add_argument("--start", "--from", dest="start", metavar="DATE",
                   help="events dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    f.add_argument("--end", "--to", dest="end", metavar="DATE",
                   help="events dated on or before DATE")
    f.add_argument("--type", action="append", metavar="TYPE",
                   help="PLOVER event type (repeat or comma-separate for several): "
                        + ", ".join(model.EVENT_TYPES))
    f.add_argument("--quad", action="append", metavar="QUAD",
                   help="quad class: " + ", ".join(model.QUADS) + " (or 1-4)")
    f.add_argument("--actor", metavar="WHO", help="an actor's entity code or name, e.g. RUS or ロシア")
    f.add_argument("--recipient", metavar="WHO", help="a recipient's code or name, e.g. PRK")
    if dyad:
        f.add_argument("--dyad", nargs=2, metavar=("A", "B"),
                       help="events between A and B in either direction (A→B, B→A or mutual)")
    f.add_argument("--factuality", action="append", metavar="VALUE",
                   help="best-attested factuality: " + ", ".join(model.FACTUALITIES))
    f.add_argument("--min-sources", type=int, metavar="N", help="reported by at least N outlets")
    f.add_argument("--q", "--text", dest="q", metavar="QUERY",
                   help="words that the event's articles contain")
    f.add_argument("--since", metavar="WHEN",
                   help="first seen (stored) at or after WHEN: a time, 2025-02-10T06:00 (UTC "
                        "unless it gives its offset), or a duration back from now: 24h, 7d")
    f.add_argument("--changed-since", metavar="WHEN",
                   help="a new or changed article joined the event at or after WHEN (as --since)")
    p.add_argument("--db", metavar="URL", help="database URL or SQLite path (default: $KIZASHI_DB, "
                                                "else ~/.local/share/kizashi/kizashi.db)")


def _run_query(args, fn) -> int:
    from kizashi.store.queries import QueryError

    store = _query_store(args)
    if store is None:
        return 2
    try:
        return fn(store)
    except QueryError as exc:
        print(f"kizashi {args.command}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def cmd_events(args) -> int:
    """List fused events (optionally re-fusing the stored mentions first)."""
    from kizashi.store import queries
    from kizashi.store.fusion_sync import refresh_events

    def run(store) -> int:
        if args.refresh:
            r = refresh_events(store)
            print(f"fused {r['mentions']} mention(s) into {r['events']} event(s) "
                  f"({r['conflicting']} with conflicting quantities) in {r['seconds']} s",
                  file=sys.stderr)
        if args.id:
            d = queries.event_detail(store, args.id)
            if d is None:
                print(f"kizashi events: no event {args.id}", file=sys.stderr)
                return 1
            print(json.dumps(d, ensure_ascii=False, indent=None if args.format == "jsonl" else 2))
            return 0
        page = queries.list_events(store, _filter(args, store), sort=args.sort,
                                   limit=args.limit, after=args.after)
        if args.format == "jsonl":
            for e in page.items:
                sys.stdout.write(_dump(e) + "\n")
        else:
            heads = ["id", "date", "type", "quad", "actor→recipient", "src", "factuality", "qty"]
            rows = [[e["id"], e["date"] or "-", e["event_type"] + (f"/{e['mode']}" if e["mode"] else ""),
                     (e["quad_class"] or "-").replace("_cooperation", "_coop")
                     .replace("_conflict", "_confl"),
                     (",".join(e["actors"]) or "-") + "→" + (",".join(e["recipients"]) or "-"),
                     str(e["n_sources"]), e["factuality"] or "-",
                     ("CONFLICT" if e["conflicting_quantities"] else str(e["n_quantities"]))]
                    for e in page.items]
            widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(heads)]
            print("  ".join(_pad(h, w) for h, w in zip(heads, widths)).rstrip())
            for r in rows:
                print("  ".join(_pad(v, w) for v, w in zip(r, widths)).rstrip())
            print(f"{len(page.items)} event(s)", file=sys.stderr)
        if page.next_cursor:
            print(f"more: --after {page.next_cursor}", file=sys.stderr)
        return 0

    return _run_query(args, run)


def cmd_timeline(args) -> int:
    from kizashi.store import queries

    def run(store) -> int:
        t = queries.timeline(store, _filter(args, store), freq=args.freq)
        if args.format == "json":
            print(_dump(t))
            return 0
        top = max([r["count"] for r in t["rows"]] + [1])
        for r in t["rows"]:
            bar = "█" * max(1, round(30 * r["count"] / top))
            quads = " ".join(f"{q}:{n}" for q, n in sorted(r["quads"].items()))
            print(f"{r['period']:<10}  {r['count']:>6}  {bar}  {quads}")
        if t["undated"]:
            print(f"{t['undated']} event(s) without a date at {args.freq} precision", file=sys.stderr)
        return 0

    return _run_query(args, run)


def cmd_dyad(args) -> int:
    from kizashi.store import queries

    def run(store) -> int:
        s = queries.dyad_series(store, args.a, args.b, _filter(args, store), freq=args.freq)
        if args.format == "json":
            print(_dump(s))
            return 0
        a, b = s["a"], s["b"]
        print(f"{'period':<10}  {'index':>9}  {'coop':>8}  {'conflict':>9}  {'events':>6}  "
              f"{a}→{b:<6}  {b}→{a}")
        for r in s["rows"]:
            print(f"{r['period']:<10}  {r['index']:>9.3f}  {r['cooperation']:>8.3f}  "
                  f"{r['conflict']:>9.3f}  {r['count']:>6}  {r['a_to_b']:>10.3f}  {r['b_to_a']:>8.3f}")
        return 0

    return _run_query(args, run)


def cmd_export(args) -> int:
    """Stream every matching event to a file (kizashi.store.export): one page of the query and one
    batch of output in memory at a time."""
    from kizashi.store import queries
    from kizashi.store.export import write_events

    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print("kizashi export: Parquet needs pyarrow (pip install pyarrow); use csv or jsonl",
                  file=sys.stderr)
            return 2
    if args.batch < 1:
        print("kizashi export: --batch must be at least 1", file=sys.stderr)
        return 2

    def run(store) -> int:
        from kizashi.store.export import with_evidence

        events = with_evidence(store, queries.iter_events(store, _filter(args, store),
                                                          sort=args.sort, batch=args.batch),
                               batch=args.batch)
        out = sys.stdout if args.file == "-" else args.file
        n = write_events(events, args.format, out, batch=args.batch)
        print(f"exported {n} event(s) to {args.file}", file=sys.stderr)
        return 0

    return _run_query(args, run)


def cmd_serve(args) -> int:
    """Serve the JSON API (/api/v1) and the workbench pages on the store with uvicorn."""
    import uvicorn

    from kizashi.server import build_app
    from kizashi.store import Store, db_url

    url = db_url(args.db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///"):])
        if not path.exists():
            print(f"kizashi serve: no database at {path}: run kizashi ingest --db {path} PATH... "
                  "first", file=sys.stderr)
            return 2
    if not 0 <= args.port <= 65535:
        print(f"kizashi serve: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    from kizashi.api.security import LOOPBACK_HOSTS, TOKEN_ENV, is_loopback

    token = os.environ.get(TOKEN_ENV, "").strip() or None
    if args.token_file:
        try:
            token = Path(args.token_file).read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            print(f"kizashi serve: --token-file {args.token_file}: {exc.strerror}", file=sys.stderr)
            return 2
        if token is None:
            print(f"kizashi serve: --token-file {args.token_file} is empty", file=sys.stderr)
            return 2
    hosts = list(LOOPBACK_HOSTS) + list(args.allow_host or [])
    bind = args.host.strip("[]")
    if not is_loopback(bind):
        if bind not in ("0.0.0.0", "::"):
            hosts.append(bind)
        print(f"kizashi serve: warning: binding {args.host} serves the workbench and the API to "
              "the network, without TLS; requests must name an allowed host "
              f"({', '.join(hosts)}: add yours with --allow-host) and writes need the API "
              f"token{' (none set: writes are refused)' if token is None else ''}",
              file=sys.stderr)
    store = Store(url)
    try:
        if args.no_migrate:
            store.check_schema()          # an old or unknown schema: refuse rather than serve 500s
        else:
            store.migrate()
        app = build_app(store, allowed_hosts=hosts, api_token=token)
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"kizashi: serving {url} at http://{host}:{args.port}/ "
              f"(API http://{host}:{args.port}/api/v1/docs); Ctrl-C stops", flush=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    finally:
        store.close()
    return 0


def _add_query_parsers(sub) -> None:
    from kizashi.store.queries import SORTS

    note = ("Events are fused from the stored mentions at the end of 'kizashi ingest' (or by "
            "'kizashi events --refresh' after 'ingest --no-fuse').")
    ev = sub.add_parser("events", help="list fused events with filters (--refresh re-fuses first)",
                        description="List fused events of the store, filtered, sorted and paged "
                                    "(keyset: pass the printed --after cursor for the next page). "
                                    + note,
                        epilog="example: kizashi events --db kizashi.db --refresh --dyad RUS PRK "
                               "--from 2025-01 --type AID")
    _add_filters(ev)
    ev.add_argument("--format", choices=["table", "jsonl"], default="table",
                    help="table for people, jsonl one event per line (default: table)")
    ev.add_argument("--sort", choices=list(SORTS), default="date",
                    help="order (- for descending; ties broken by id; default: date)")
    ev.add_argument("--limit", type=int, default=50, help="events per page (default: 50)")
    ev.add_argument("--after", metavar="CURSOR", help="the cursor printed after the previous page")
    ev.add_argument("--refresh", action="store_true",
                    help="re-fuse all stored mentions into events first (replaces every event)")
    ev.add_argument("--id", metavar="EVENT_ID",
                    help="show one event with its mentions, evidence and documents (JSON)")
    ev.set_defaults(func=cmd_events)

    tl = sub.add_parser("timeline", help="number of events per day, month or year",
                        description="Count the matching events per period of their date. " + note,
                        epilog="example: kizashi timeline --db kizashi.db --actor RUS --freq month")
    _add_filters(tl)
    tl.add_argument("--freq", choices=["day", "month", "year"], default="month",
                    help="period (default: month)")
    tl.add_argument("--format", choices=["table", "json"], default="table")
    tl.set_defaults(func=cmd_timeline)

    dy = sub.add_parser("dyad", help="cooperation–conflict index of two actors over time",
                        description="Cooperation–conflict index between A and B (both directions) "
                                    "per month or ISO week: PLOVER score x factuality weight x "
                                    "confidence summed over their events (positive: cooperation, "
                                    "negative: conflict). " + note,
                        epilog="example: kizashi dyad --db kizashi.db RUS PRK --freq week")
    dy.add_argument("a", metavar="A", help="entity code or name, e.g. RUS or ロシア")
    dy.add_argument("b", metavar="B", help="entity code or name, e.g. PRK or 北朝鮮")
    _add_filters(dy, dyad=False)
    dy.add_argument("--freq", choices=["month", "week"], default="month",
                    help="period (default: month)")
    dy.add_argument("--format", choices=["table", "json"], default="table")
    dy.set_defaults(func=cmd_dyad)

    ex = sub.add_parser("export", help="write every matching event to CSV, JSON Lines or Parquet",
                        description="Stream every event matching the filters to FILE ('-' for "
                                    "standard output), page by page. Parquet needs pyarrow. "
                                    + note,
                        epilog="example: kizashi export --db kizashi.db --quad material_conflict "
                               "--format csv conflicts.csv")
    _add_filters(ex)
    ex.add_argument("--format", choices=["csv", "jsonl", "parquet"], required=True)
    ex.add_argument("file", metavar="FILE", help="output file, or - for standard output")
    ex.add_argument("--sort", choices=list(SORTS), default="date", help="order (default: date)")
    ex.add_argument("--batch", type=int, default=500, help="events fetched per query (default: 500)")
    ex.set_defaults(func=cmd_export)

    sv = sub.add_parser("serve", help="serve the JSON API and the workbench over HTTP",
                        description="Serve the JSON API (/api/v1, OpenAPI at /api/v1/docs) and the "
                                    "workbench pages on the store with uvicorn. Binds 127.0.0.1 "
                                    "(this machine only) unless --host says otherwise. " + note,
                        epilog="example: kizashi serve --db kizashi.db --port 8000")
    sv.add_argument("--db", metavar="URL", help="database URL or SQLite path (default: $KIZASHI_DB, "
                                                 "else ~/.local/share/kizashi/kizashi.db)")
    sv.add_argument("--host", default="127.0.0.1",
                    help="address to bind (default: 127.0.0.1; 0.0.0.0 exposes it to the network)")
    sv.add_argument("--port", type=int, default=8000, help="TCP port (default: 8000)")
    sv.add_argument("--allow-host", action="append", metavar="NAME",
                    help="a Host name requests may use besides 127.0.0.1, localhost and ::1 "
                         "(repeat; * allows any; refused hosts get 400: DNS rebinding)")
    sv.add_argument("--token-file", metavar="FILE",
                    help="file holding the bearer token of write routes (default: "
                         "$KIZASHI_API_TOKEN; without one, writes are refused)")
    sv.add_argument("--no-migrate", action="store_true",
                    help="do not upgrade the database schema before serving")
    sv.add_argument("--log-level", default="info",
                    choices=["critical", "error", "warning", "info", "debug"],
                    help="uvicorn log level (default: info)")
    sv.set_defaults(func=cmd_serve)


def _add_db(p) -> None:
    p.add_argument("--db", metavar="URL", help="database URL or SQLite path (default: $KIZASHI_DB, "
                                                "else ~/.local/share/kizashi/kizashi.db)")


def _run_correct(args) -> int:
    from kizashi import brief_cli, correct_cli

    fn = {"correct": correct_cli.cmd_correct, "corrections": correct_cli.cmd_corrections,
          "rebuild": correct_cli.cmd_rebuild, "brief": brief_cli.cmd_brief}[args.func_name]
    return fn(args, _query_store)


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
    e.add_argument("--min-confidence", type=_confidence, metavar="P", default=None,
                   help=MIN_CONFIDENCE_HELP)
    e.set_defaults(func=cmd_extract)
    g = sub.add_parser("ingest", help="read articles into the database (text, Markdown, HTML, RSS/Atom, JSON Lines)",
                       description="Read articles from files, folders and globs, extract their event mentions "
                                   "and store both. Re-ingesting an unchanged article changes nothing; a "
                                   "changed one replaces its old version. Each article is one transaction. "
                                   "At the end the mentions are fused into events when anything changed. "
                                   "An article that fails is reported and skipped; the exit "
                                   "status is then 1.",
                       epilog="example: kizashi ingest --db kizashi.db samples/")
    g.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (recursive), globs, or http(s) URLs of a feed, an index "
                        "page or an article")
    g.add_argument("--db", metavar="URL", help="database URL or SQLite path (default: $KIZASHI_DB, "
                                                "else ~/.local/share/kizashi/kizashi.db)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    g.add_argument("--no-fuse", action="store_true",
                   help="store articles and mentions only; fuse later with 'kizashi events --refresh'")
    g.add_argument("--failures", metavar="FILE",
                   help="write every input or article that failed to FILE (JSON Lines: the "
                        "article's record with failed: {input, error}); 'kizashi ingest FILE' "
                        "retries them")
    g.add_argument("--min-confidence", type=_confidence, metavar="P", default=None,
                   help=MIN_CONFIDENCE_HELP)
    g.set_defaults(func=cmd_ingest)
    _add_query_parsers(sub)
    from kizashi.cli_loop import add_parsers as add_loop_parsers

    add_loop_parsers(sub, _confidence)
    from kizashi import correct_cli

    correct_cli.add_parsers(sub, _add_db)
    from kizashi import brief_cli

    brief_cli.add_parser(sub, _add_db)
    for name in ("correct", "corrections", "rebuild", "brief"):
        sub.choices[name].set_defaults(func=_run_correct, func_name=name)
    v = sub.add_parser("eval", help="score the extractor on the dev set (../shared/eval)",
                       description="Run ../shared/eval/score.py on the dev articles and print "
                                   "P/R/F1; --cases, --roles and --corrections score kizashi's "
                                   "own case set, the sentence-role gold, and the analysts' "
                                   "corrections in a database.")
    v.add_argument("--shared", metavar="DIR", help="the shared folder (default: ../shared)")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")
    v.add_argument("--cases", metavar="FILE", nargs="?", const="tests/data/event_cases.jsonl",
                   help="score kizashi's own case set instead (default file: tests/data/event_cases.jsonl)")
    v.add_argument("--calibrate", metavar="DIR", nargs="+",
                   help="fit the confidence model on coded real stories (each DIR: NAME.txt texts, "
                        "gold.jsonl, sources.tsv with name and published) and print the held-out "
                        "precision-recall curve and reliability table, against the hand-set confidence")
    v.add_argument("--folds", type=int, default=5, help="folds by document for --calibrate (default: 5)")
    v.add_argument("--write", action="store_true",
                   help="with --calibrate: write the fitted model to kizashi/data/confidence.json")
    v.add_argument("--roles", metavar="FILE", nargs="?", const="tests/data/roles_gold.jsonl",
                   help="score the sentence-role classifier on its gold (default file: "
                        "tests/data/roles_gold.jsonl): precision and recall per role")
    v.add_argument("--corrections", action="store_true",
                   help="score the extractor and fusion as they are now against the analysts' "
                        "corrections in --db: how many of the errors it still makes")
    _add_db(v)
    v.set_defaults(func=cmd_eval)
    return p


def _join_dash_values(argv: list[str]) -> list[str]:
    """``--sort -reported`` → ``--sort=-reported``: argparse takes a value starting with ``-``
    for an option, so the descending sorts the help lists would not parse."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--sort" and i + 1 < len(argv) and argv[i + 1].startswith("-") \
                and argv[i + 1][1:2].isalpha():
            out.append(f"--sort={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv=None) -> int:
    argv = _join_dash_values(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KizashiError as exc:
        print(f"kizashi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (kizashi events | head): stop quietly, as cat does; point stdout
        # at /dev/null so that the interpreter's final flush does not complain either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
