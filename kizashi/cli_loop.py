"""The commands of the daily loop: ``kizashi sources``, ``kizashi fetch``, ``kizashi watch`` and
``kizashi alerts`` (registered on the ``kizashi`` parser by :func:`add_parsers`)."""
from __future__ import annotations

import datetime as dt
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["add_parsers", "cmd_fetch", "cmd_sources", "cmd_watch", "cmd_alerts"]

DB_HELP = "database URL or SQLite path (default: $KIZASHI_DB, else ~/.local/share/kizashi/kizashi.db)"


def _store(args, create: bool = True):
    from kizashi.store import Store, db_url

    url = db_url(args.db)
    if not create and url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///"):])
        if not path.exists():
            print(f"kizashi {args.command}: no database at {path}: run kizashi ingest or "
                  f"kizashi sources add --db {path} first", file=sys.stderr)
            return None
    store = Store(url)
    store.migrate()
    return store


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _ago(iso: str | None) -> str:
    return iso.replace("T", " ").replace("Z", "") if iso else "-"


# --- sources --------------------------------------------------------------------------------------

def cmd_sources(args) -> int:
    from kizashi.fetch import sources as S

    if args.action == "test":
        return _test_source(args)
    store = _store(args, create=args.action == "add")
    if store is None:
        return 2
    try:
        if args.action == "add":
            s = S.add_source(store, args.url, name=args.name, outlet=args.outlet,
                             reliability=args.reliability, interval=args.interval,
                             kind=args.kind)
            print(f"added source {s['id']} {s['name']!r}: {s['url']} (every "
                  f"{s['interval_seconds'] // 60} min; kizashi fetch reads it)")
        elif args.action == "remove":
            s = S.remove_source(store, args.ref)
            print(f"removed source {s['id']} {s['name']!r} (its documents stay)")
        else:
            rows = S.list_sources(store)
            if args.format == "json":
                _print_json(rows)
                return 0
            if not rows:
                print("no sources: add one with kizashi sources add URL", file=sys.stderr)
                return 0
            for s in rows:
                h = s["health"]
                state = "ok" if not h["last_error"] else "ERROR"
                if h["last_attempt"] is None:
                    state = "never fetched"
                print(f"{s['id']:>3}  {s['name']}  [{s['kind']}{', ' + s['reliability'] if s['reliability'] else ''}]"
                      f"  every {s['interval_seconds'] // 60} min  {state}")
                print(f"     {s['url']}")
                print(f"     last success {_ago(h['last_success'])}, items seen {h['items_seen']} "
                      f"(last {h['last_items_seen']}), new {h['items_new']} (last "
                      f"{h['last_items_new']}), fetches {h['fetches']}, 304 {h['not_modified']}, "
                      f"errors {h['errors']}")
                if h["last_error"]:
                    print(f"     last error {_ago(h['last_error_at'])}: {h['last_error']}")
        return 0
    except S.SourceError as exc:
        print(f"kizashi sources {args.action}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _test_source(args) -> int:
    """Fetch a URL (or a stored source) once and show what kizashi would read; stores nothing."""
    from kizashi.errors import InputError
    from kizashi.fetch.http import Fetcher, FetchPolicy
    from kizashi.fetch.run import list_items, read_article

    url, kind = args.ref, "auto"
    if not url.startswith(("http://", "https://")):
        store = _store(args, create=False)
        if store is None:
            return 2
        from kizashi.fetch import sources as S

        try:
            s = S.get_source(store, url)
        finally:
            store.close()
        if s is None:
            print(f"kizashi sources test: no source {url!r} (give a URL or a name from kizashi "
                  "sources list)", file=sys.stderr)
            return 2
        url, kind = s["url"], s["kind"]
    with Fetcher(FetchPolicy(delay=0.5)) as f:
        try:
            resp = f.get(url)
            found, items, problems = list_items(resp, kind)
        except InputError as exc:
            print(f"kizashi sources test: {exc}", file=sys.stderr)
            return 1
        print(f"{url}: {resp.status} {resp.content_type or '?'}, {len(resp.content):,} bytes"
              f"{', redirected to ' + resp.url if resp.redirects else ''}; a {found} with "
              f"{len(items)} item(s)")
        for p in problems:
            print(f"  problem: {p}")
        for item in items[: args.items]:
            try:
                r = resp if item.url == resp.url else f.get(item.url)
                a = read_article(r, item)
                print(f"  ok  {a.published or '????-??-??'}  {a.source or '-'}  "
                      f"{(a.title or '')[:60]}  ({len(a.text)} characters)  {item.url}")
            except InputError as exc:
                print(f"  --  {item.url}: {exc.problem}")
        if len(items) > args.items:
            print(f"  ... and {len(items) - args.items} more (--items N shows more)")
    return 0


# --- fetch ----------------------------------------------------------------------------------------

class _Stop(Exception):
    pass


def _report_line(r, url: str) -> str:
    c = r.counts
    line = (f"{c['sources']} source(s) ({c['sources_not_modified']} not modified, "
            f"{c['sources_failed']} failed): {c['items_seen']} item(s) seen, {c['new']} new, "
            f"{c['updated']} updated, {c['unchanged']} unchanged, {c['duplicates']} duplicate(s)"
            f"; {r.http.get('requests', 0)} request(s), {r.http.get('not_modified', 0)} 304(s)")
    if r.fused:
        line += f"; {r.fused['events']} event(s) fused"
    if r.alerts:
        line += (f"; alerts {r.alerts.get('new', 0)} new, {r.alerts.get('updated', 0)} updated"
                 + (f", {r.alerts['delivered']} delivered" if r.alerts.get("delivered") else "")
                 + (f", {r.alerts['delivery_failed']} delivery failure(s)"
                    if r.alerts.get("delivery_failed") else ""))
    return line + f"; {c['failures']} failure(s); database {url}"


def _one_pass(args, store, extract) -> int:
    from kizashi.fetch.http import Fetcher, FetchPolicy
    from kizashi.fetch.run import run_pass

    policy = FetchPolicy(timeout=args.timeout, total_timeout=max(args.timeout * 3, 10),
                         delay=args.delay, retries=args.retries)
    say = None if args.quiet else (lambda m: print(f"  {m}", file=sys.stderr))
    with Fetcher(policy) as fetcher:
        r = run_pass(store, fetcher=fetcher, extract=extract, only=args.source or None,
                     workers=args.workers, progress=say)
    if args.json:
        print(json.dumps(r.to_dict(), ensure_ascii=False))
    else:
        print(_report_line(r, store.url_for_messages()), flush=True)
        for f in r.failures[:50]:
            print(f"  failed: {f}")
        if len(r.failures) > 50:
            print(f"  ... and {len(r.failures) - 50} more")
        for w in r.watches:
            if w["new"] or w["updated"] or w["state"] != "quiet":
                print(f"  watch {w['name']}: {w['state']} ({w['reason']}); {w['new']} new "
                      f"alert(s), {w['updated']} updated")
    return 1 if r.counts["sources_failed"] else 0


def cmd_fetch(args) -> int:
    """One pass over the due sources, or (``--every``) a pass every interval until Ctrl-C."""
    from kizashi.fetch.sources import SourceError
    from kizashi.store.filters import parse_duration

    every = None
    if args.every:
        try:
            every = parse_duration(args.every).total_seconds()
        except ValueError as exc:
            print(f"kizashi fetch: --every {exc}", file=sys.stderr)
            return 2
        if every < 60:
            print("kizashi fetch: --every: at least 1m", file=sys.stderr)
            return 2
    store = _store(args)
    if store is None:
        return 2
    from functools import partial

    from kizashi.pipeline import extract as pipeline_extract

    extract = partial(pipeline_extract, min_confidence=args.min_confidence)

    def stop(_sig, _frame):
        raise _Stop()

    old = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            started = time.monotonic()
            try:
                rc = _one_pass(args, store, extract)
            except SourceError as exc:
                print(f"kizashi fetch: {exc}", file=sys.stderr)
                return 2
            if every is None:
                return rc
            wait = max(0.0, every - (time.monotonic() - started))
            nxt = dt.datetime.now() + dt.timedelta(seconds=wait)
            print(f"next pass at {nxt:%H:%M:%S} (Ctrl-C stops)", file=sys.stderr, flush=True)
            time.sleep(wait)
    except (KeyboardInterrupt, _Stop):
        print("\nkizashi fetch: stopped; every article stored so far is complete",
              file=sys.stderr)
        return 0 if every is not None else 130
    finally:
        signal.signal(signal.SIGTERM, old)
        store.close()


# --- watches --------------------------------------------------------------------------------------

def _spec_from_args(args) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    if args.spec:
        text = args.spec
        if text.startswith("@"):
            text = Path(text[1:]).read_text(encoding="utf-8")
        try:
            spec = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"--spec is not JSON ({exc})") from None
        if not isinstance(spec, dict):
            raise ValueError("--spec must be a JSON object")
    f = dict(spec.get("filter") or {})
    for k in ("start", "end", "type", "quad", "actor", "recipient", "factuality", "min_sources",
              "q"):
        v = getattr(args, k, None)
        if v is not None:
            f[k] = v
    if getattr(args, "dyad", None):
        f["dyad"] = list(args.dyad)
    if f:
        spec["filter"] = f
    if args.mode:
        spec["mode"] = args.mode
    if args.factuality_at_least:
        spec["factuality_at_least"] = args.factuality_at_least
    if args.window:
        from kizashi.store.filters import parse_duration

        spec["window_days"] = max(1, int(parse_duration(args.window).total_seconds() // 86400))
    q = dict(spec.get("quantity") or {})
    if args.quantity_object:
        q["object"] = args.quantity_object
    if args.quantity_unit:
        q["unit"] = args.quantity_unit
    if args.quantity_min is not None:
        q["min"] = args.quantity_min
    if args.quantity_max is not None:
        q["max"] = args.quantity_max
    if q:
        spec["quantity"] = q
    if args.baseline:
        spec["baseline"] = dict(spec.get("baseline") or {})
        if args.baseline_windows:
            spec["baseline"]["windows"] = args.baseline_windows
        if args.baseline_min:
            spec["baseline"]["min_count"] = args.baseline_min
    return spec


def _show_evaluation(ev: dict[str, Any] | None, indent: str = "  ") -> None:
    if not ev:
        print(f"{indent}not evaluated yet (kizashi fetch or ingest evaluates every watch)")
        return
    print(f"{indent}{ev['state']}: {ev['reason']}")
    from kizashi.web.svg import spark_text

    print(f"{indent}periods of {ev['window']['days']} day(s), oldest first: "
          f"{' '.join(map(str, ev['series']))}  {spark_text(ev['series'])}")
    for e in ev.get("evidence") or []:
        who = ",".join(e["actors"]) + ("→" + ",".join(e["recipients"]) if e["recipients"] else "")
        print(f"{indent}- {e['date'] or '?'} {e['event_type']}{'/' + e['mode'] if e['mode'] else ''}"
              f" {who} ({e['n_sources']} source(s)) {e['event_id']}")
        if e.get("sentence"):
            print(f"{indent}  「{e['sentence'][:120]}」 {((e.get('document') or {}).get('source') or '')}")


def cmd_watch(args) -> int:
    from kizashi.watch import store as W
    from kizashi.watch.spec import SpecError, parse_spec

    store = _store(args, create=args.action in ("add",))
    if store is None:
        return 2
    try:
        if args.action == "add":
            if args.starter is not None:
                added = W.add_starter(store, args.starter or None, lang=args.lang,
                                      backfill=args.backfill)
                for w in added:
                    print(f"added watch {w['id']} {w['name']}: {w['title']}")
                print(f"{len(added)} starter watch(es) added "
                      f"({len(W.starter_watches()) - len(added)} already there)")
                return 0
            if not args.name:
                print("kizashi watch add: give a NAME (or --starter)", file=sys.stderr)
                return 2
            w = W.add_watch(store, args.name, _spec_from_args(args), title=args.title,
                            description=args.description, webhook_url=args.webhook,
                            webhook_secret=args.webhook_secret, backfill=args.backfill)
            print(f"added watch {w['id']} {w['name']}: {json.dumps(w['spec'], ensure_ascii=False)}")
            if w.get("webhook_secret") and not args.webhook_secret:
                print(f"webhook secret (shown once; the receiver checks X-Kizashi-Signature "
                      f"with it): {w['webhook_secret']}")
            return 0
        if args.action == "list":
            rows = W.list_watches(store)
            if args.format == "json":
                _print_json(rows)
                return 0
            if not rows:
                print("no watches: kizashi watch add --starter adds the starter set",
                      file=sys.stderr)
            from kizashi.web.svg import spark_text

            for w in rows:
                ev = w["evaluation"] or {}
                print(f"{w['id']:>3}  {w['state']:<10}  {w['name']:<28}  "
                      f"{spark_text(ev.get('series') or [])}  {w['title'] or ''}")
            return 0
        if args.action == "remove":
            w = W.remove_watch(store, args.name)
            print(f"removed watch {w['id']} {w['name']} and its alerts")
            return 0
        if args.action == "show":
            from kizashi.watch.alerts import list_alerts

            w = W.get_watch(store, args.name)
            if w is None:
                raise W.WatchError(f"no watch {args.name!r} (see kizashi watch list)")
            if args.format == "json":
                w["alerts"] = list_alerts(store, watch=w["id"], limit=50)
                _print_json(w)
                return 0
            print(f"{w['id']} {w['name']}: {w['title'] or ''}")
            if w["description"]:
                print(f"  {w['description']}")
            print(f"  spec {json.dumps(w['spec'], ensure_ascii=False)}")
            if w["webhook_url"]:
                print(f"  webhook {w['webhook_url']} (signed)")
            _show_evaluation(w["evaluation"])
            alerts = list_alerts(store, watch=w["id"], limit=10)
            print(f"  latest alerts ({len(alerts)} shown):")
            for a in alerts:
                print(f"  {'  ' if a['read'] else '* '}{a['id']:>4} v{a['version']} {a['title']}")
            return 0
        if args.action == "test":
            from kizashi.watch.evaluate import evaluate, matching_events

            if args.name:
                w = W.get_watch(store, args.name)
                if w is None:
                    if args.name in {e["name"] for e in W.starter_watches()}:
                        spec = parse_spec(next(e["spec"] for e in W.starter_watches()
                                               if e["name"] == args.name))
                    else:
                        raise W.WatchError(f"no watch {args.name!r} (see kizashi watch list)")
                else:
                    spec = parse_spec(w["spec"])
            else:
                spec = parse_spec(_spec_from_args(args))
            ev = evaluate(store, spec)
            _show_evaluation(ev, indent="")
            matches = matching_events(store, spec, limit=args.limit)
            print(f"{len(matches)} matching event(s) in the store (newest first, at most "
                  f"{args.limit}; nothing stored)")
            for e in matches:
                print(f"  {e['date'] or '?'}  {e['event_type']}{'/' + e['mode'] if e['mode'] else ''}  "
                      f"{','.join(e['actors'])}→{','.join(e['recipients'])}  {e['id']}")
            return 0
    except (W.WatchError, SpecError, ValueError) as exc:
        print(f"kizashi watch {args.action}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 2


def cmd_alerts(args) -> int:
    from kizashi.watch import alerts as A
    from kizashi.watch.store import WatchError, get_watch

    store = _store(args, create=False)
    if store is None:
        return 2
    try:
        if args.read or args.read_all:
            watch_id = None
            if args.watch:
                w = get_watch(store, args.watch)
                if w is None:
                    raise WatchError(f"no watch {args.watch!r}")
                watch_id = w["id"]
            n = A.mark_read(store, [int(x) for x in args.read] if args.read else None,
                            watch_id=watch_id, everything=args.read_all)
            print(f"{n} alert(s) marked read")
            return 0
        rows = A.list_alerts(store, watch=args.watch, unread=True if args.unread else None,
                             limit=args.limit)
        if args.format == "jsonl":
            for a in rows:
                sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")
            return 0
        for a in rows:
            print(f"{'  ' if a['read'] else '* '}{a['id']:>4}  {a['watch']:<26}  v{a['version']}  "
                  f"{_ago(a['updated_at'])}  {a['title']}")
        print(f"{len(rows)} alert(s); {A.unread_count(store)} unread", file=sys.stderr)
        return 0
    except WatchError as exc:
        print(f"kizashi alerts: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


# --- parsers --------------------------------------------------------------------------------------

def add_parsers(sub, confidence) -> None:
    """The loop's commands; ``confidence``: the argparse type of --min-confidence (kizashi.cli's)."""
    from kizashi import model
    from kizashi.fetch.sources import DEFAULT_INTERVAL, KINDS

    so = sub.add_parser("sources", help="the feeds, index pages and article URLs kizashi fetch reads",
                        description="Manage the sources of kizashi fetch, stored in the database: "
                                    "an RSS/Atom feed, an HTML index page (its article links are "
                                    "followed) or one article URL.")
    ssub = so.add_subparsers(dest="action", required=True)
    a = ssub.add_parser("add", help="add a source", epilog="example: kizashi sources add "
                        "https://example.jp/rss.xml --name example --reliability B --interval 30m")
    a.add_argument("url", metavar="URL")
    a.add_argument("--name", help="a short name (default: host and path)")
    a.add_argument("--outlet", help="the outlet of its documents (default: the feed's title or "
                                    "the page's site name)")
    a.add_argument("--reliability", metavar="A-F",
                   help="source reliability, A (completely reliable) to E, F (cannot be judged)")
    a.add_argument("--interval", default=DEFAULT_INTERVAL,
                   help=f"time between fetches, at least 1m (default: {DEFAULT_INTERVAL})")
    a.add_argument("--kind", choices=KINDS, default="auto",
                   help="feed, index page or article (default: auto, from what the URL returns)")
    ls = ssub.add_parser("list", help="the sources and their health")
    ls.add_argument("--format", choices=["table", "json"], default="table")
    rm = ssub.add_parser("remove", help="remove a source (its documents stay)")
    rm.add_argument("ref", metavar="ID|NAME|URL")
    te = ssub.add_parser("test", help="fetch a URL or source once and show what would be read "
                                      "(stores nothing)")
    te.add_argument("ref", metavar="URL|NAME")
    te.add_argument("--items", type=int, default=5, help="items to fetch and show (default: 5)")
    for p in (a, ls, rm, te):
        p.add_argument("--db", metavar="URL", help=DB_HELP)
    so.set_defaults(func=cmd_sources)

    fe = sub.add_parser("fetch", help="fetch the due sources, ingest new articles, update alerts",
                        description="One pass over the sources that are due (each has its own "
                                    "interval): new and changed articles are fetched, extracted "
                                    "and stored, events fused, watches evaluated and alerts "
                                    "made. For cron or a systemd timer; --every runs a pass every "
                                    "interval until Ctrl-C.",
                        epilog="example: kizashi fetch --db kizashi.db --every 15m")
    fe.add_argument("--db", metavar="URL", help=DB_HELP)
    fe.add_argument("--every", metavar="INTERVAL",
                    help="keep running: a pass every INTERVAL (15m, 1h); Ctrl-C stops cleanly")
    fe.add_argument("--source", action="append", metavar="ID|NAME",
                    help="fetch this source now, due or not (repeat for several)")
    fe.add_argument("--workers", type=int, default=8, help="sources fetched at once (default: 8)")
    fe.add_argument("--timeout", type=float, default=10.0,
                    help="seconds to connect and between bytes (default: 10)")
    fe.add_argument("--delay", type=float, default=1.0,
                    help="seconds between two requests to one host (default: 1)")
    fe.add_argument("--retries", type=int, default=2,
                    help="retries after a timeout, 429 or 5xx (default: 2)")
    fe.add_argument("--min-confidence", type=confidence, metavar="P", default=None,
                    help="keep event mentions of at least this confidence (0-1; default: the "
                         "extractor's threshold, as kizashi ingest)")
    fe.add_argument("--json", action="store_true", help="print the pass's report as JSON")
    fe.add_argument("-q", "--quiet", action="store_true", help="no line per article")
    fe.set_defaults(func=cmd_fetch)

    wa = sub.add_parser("watch", help="watchlists of early signs: saved queries with conditions",
                        description="A watch is a saved event query plus a condition (quantity "
                                    "thresholds, change against a baseline). kizashi fetch and "
                                    "ingest evaluate every watch: quiet, triggered or escalating, "
                                    "and make alerts of new matches.")
    wsub = wa.add_subparsers(dest="action", required=True)
    add = wsub.add_parser("add", help="add a watch (or the starter set with --starter)",
                          epilog="example: kizashi watch add troops --type AID --recipient RUS "
                                 "--mode troops --quantity-object 兵 --quantity-min 10000")
    add.add_argument("name", nargs="?", metavar="NAME", help="lower-case name, e.g. troops-to-russia")
    add.add_argument("--starter", nargs="*", metavar="NAME",
                     help="add the starter watches (all, or those named)")
    add.add_argument("--lang", choices=["ja", "en"], default="ja",
                     help="language of the starter watches' titles (default: ja)")
    add.add_argument("--title")
    add.add_argument("--description")
    add.add_argument("--spec", metavar="JSON|@FILE",
                     help="the whole definition as JSON (the options below add to it)")
    test = wsub.add_parser("test", help="evaluate a watch, or a definition given by options, "
                                        "on the store now (nothing stored)")
    test.add_argument("name", nargs="?", metavar="NAME")
    test.add_argument("--spec", metavar="JSON|@FILE")
    test.add_argument("--limit", type=int, default=20, help="matching events shown (default: 20)")
    for p in (add, test):
        g = p.add_argument_group("query and condition")
        g.add_argument("--start", metavar="DATE")
        g.add_argument("--end", metavar="DATE")
        g.add_argument("--type", action="append", metavar="TYPE",
                       help="PLOVER type: " + ", ".join(model.EVENT_TYPES))
        g.add_argument("--quad", action="append", metavar="QUAD")
        g.add_argument("--actor", metavar="WHO")
        g.add_argument("--recipient", metavar="WHO")
        g.add_argument("--dyad", nargs=2, metavar=("A", "B"))
        g.add_argument("--factuality", action="append", metavar="VALUE")
        g.add_argument("--factuality-at-least", metavar="VALUE",
                       help="least attested value accepted: " + ", ".join(model.FACTUALITIES))
        g.add_argument("--min-sources", type=int, metavar="N", help="independent outlets at least")
        g.add_argument("--q", "--text", dest="q", metavar="WORDS", help="keywords of the articles")
        g.add_argument("--mode", action="append", metavar="MODE", help="troops, weapons, visit...")
        g.add_argument("--quantity-object", action="append", metavar="WORD",
                       help="an estimate counting this (兵, 砲弾; repeat for several)")
        g.add_argument("--quantity-unit", metavar="UNIT", help="its unit (人, 発)")
        g.add_argument("--quantity-min", type=float, metavar="N", help="at least N")
        g.add_argument("--quantity-max", type=float, metavar="N", help="at most N")
        g.add_argument("--window", metavar="DAYS", help="the current period (default: 7d)")
        g.add_argument("--baseline", action="store_true",
                       help="escalating on a large increase against the earlier periods")
        g.add_argument("--baseline-windows", type=int, metavar="N",
                       help="earlier periods compared (default: 12)")
        g.add_argument("--baseline-min", type=int, metavar="N",
                       help="events in the period at least (default: 3)")
        p.add_argument("--db", metavar="URL", help=DB_HELP)
    add.add_argument("--webhook", metavar="URL", help="POST each new or updated alert here (JSON, signed)")
    add.add_argument("--webhook-secret", metavar="SECRET",
                     help="the shared secret of the signature (default: one is made and shown once)")
    add.add_argument("--backfill", action="store_true",
                     help="make alerts of the matching events already stored too")
    ls = wsub.add_parser("list", help="every watch with its state and sparkline")
    ls.add_argument("--format", choices=["table", "json"], default="table")
    sh = wsub.add_parser("show", help="a watch: definition, state, evidence, latest alerts")
    sh.add_argument("name", metavar="NAME|ID")
    sh.add_argument("--format", choices=["text", "json"], default="text")
    rm = wsub.add_parser("remove", help="remove a watch and its alerts")
    rm.add_argument("name", metavar="NAME|ID")
    for p in (ls, sh, rm):
        p.add_argument("--db", metavar="URL", help=DB_HELP)
    wa.set_defaults(func=cmd_watch)

    al = sub.add_parser("alerts", help="alerts of the watches (newest first); mark them read")
    al.add_argument("--db", metavar="URL", help=DB_HELP)
    al.add_argument("--watch", metavar="NAME|ID", help="this watch's alerts only")
    al.add_argument("--unread", action="store_true", help="unread alerts only")
    al.add_argument("--read", nargs="+", metavar="ID", help="mark these alerts read")
    al.add_argument("--read-all", action="store_true",
                    help="mark every alert (of --watch, if given) read")
    al.add_argument("--limit", type=int, default=50)
    al.add_argument("--format", choices=["table", "jsonl"], default="table")
    al.set_defaults(func=cmd_alerts)

