"""Latency of the query layer on a large synthetic store: 1,000,000 fused events by default.

What it does (method and results in docs/performance.md):

1. Generates ``--events`` synthetic fused events (:func:`synthetic_events`, seeded): actors drawn
   from the gazetteer's states with Zipf weights (a few states take most events, as in the news),
   20 % one-sided events, 15 % mutual ones, PLOVER types, dates 2015–2025 (85 % to the day, 12 %
   to the month, 3 % to the year), factuality and confidence spread like real mentions.
2. Turns each into its stored rows with :func:`kizashi.store.fusion_sync.event_rows` — the very
   function ``refresh_events`` uses — and loads them into a fresh store migrated to head (SQLite
   file, or a throwaway PostgreSQL cluster with ``--backend postgresql``), then ``Store.analyze``
   as after every refresh, and the rollups are recounted (``fusion_sync.rebuild_rollups``, as
   in every refresh). No mentions are stored: the measured queries never read them.
3. Times, in this process, ``--repeat`` runs (after 5 warm-up runs) of each query with
   parameters drawn at random from the 20 busiest dyads, the types and the years:

   * ``page``: ``queries.list_events(dyad=(A, B), start=Y-01-01, end=Y-12-31, types=T,
     limit=50)`` — a filtered page of 50 events with their roles;
   * ``page_next``: the page after it (keyset cursor);
   * ``dyad_month``: ``queries.dyad_series(A, B, freq="month")`` over all years;
   * ``dyad_filtered``: the same with ``factuality="asserted"``, which the rollup cannot answer;
   * ``network_year``: ``queries.network(start=Y-01-01, end=Y-12-31, max_edges=300)``; 300
     edges is what the API and the workbench ask for;
   * ``network_span``: the same from the start of a year Y1 to the end of a later year Y2;
   * ``network_all``: ``queries.network(max_edges=300)`` over all 1M events;
   * ``network_cut``: ``queries.network(start=Y-03-15, end=Y-09-14, max_edges=300)``, a range
     that cuts months,
     so the rollups cannot answer it and the events themselves are counted;
   * ``timeline``: ``queries.timeline(freq="month")`` over all events;
   * ``reference``: fetching 50 events by primary key with their roles (the floor any page
     costs), reported so that the ratios compare like with like in the same process.

   and prints p50 / p95 / max in milliseconds and the ratio of each p50 to the reference's.

Usage::

    python -m benchmarks.bench_queries                               # SQLite, 1M events
    python -m benchmarks.bench_queries --backend postgresql
    python -m benchmarks.bench_queries --events 100000 --repeat 50 --json out.json
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEARS = list(range(2015, 2026))
QUERIES = ("reference", "page", "page_next", "dyad_month", "dyad_filtered", "network_year",
           "network_span", "network_all", "network_cut", "timeline")
FACTUALITY = (["asserted"] * 50 + ["reported"] * 30 + ["uncertain"] * 10 + ["future"] * 5
              + ["hypothetical"] * 2 + ["denied"] * 2 + ["negated"])


def _codes() -> list[str]:
    """State codes of the gazetteer, the region's main actors first (they take the top Zipf
    ranks)."""
    import csv
    from importlib import resources

    first = ["RUS", "PRK", "USA", "CHN", "KOR", "JPN", "UKR"]
    with resources.files("kizashi.data").joinpath("states.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        codes = [r["code"] for r in rows if r["kind"] == "state" and r["code"]]
    rest = sorted(set(codes) - set(first))
    return first + rest


def synthetic_events(n: int, seed: int = 7):
    """``n`` synthetic :class:`kizashi.fusion.FusedEvent` objects (deterministic for a seed)."""
    from kizashi.fusion.cluster import FusedEvent
    from kizashi.store.queries import plover

    rng = random.Random(seed)
    codes = _codes()
    weights = [1.0 / (i + 1) ** 1.1 for i in range(len(codes))]
    types = sorted(plover())

    def pick(k: int, exclude=()) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            c = rng.choices(codes, weights)[0]
            if c not in out and c not in exclude:
                out.append(c)
        return out

    for i in range(n):
        r = rng.random()
        if r < 0.20:
            actors, recipients = pick(1), []
        elif r < 0.35:
            actors, recipients = sorted(pick(2)), []
        elif r < 0.45:
            actors = sorted(pick(2))
            recipients = pick(1, actors)
        else:
            actors = pick(1)
            recipients = pick(1, actors)
        y, m, d = rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28)
        p = rng.random()
        date = f"{y}-{m:02d}-{d:02d}" if p < 0.85 else f"{y}-{m:02d}" if p < 0.97 else f"{y}"
        reported = f"{y}-{m:02d}-{min(28, d + rng.randint(0, 2)):02d}"
        n_src = 1 + int(rng.expovariate(0.8))
        fact = rng.choice(FACTUALITY)
        yield FusedEvent(
            id=f"ev{i:08d}", event_type=rng.choice(types), actors=actors, recipients=recipients,
            date=date, mentions=[(f"d{i}", 0)] * n_src, sources=[f"s{j}" for j in range(n_src)],
            first_reported=reported, last_reported=reported, factuality=fact, quantities=[],
            conflicting_quantities=False, mode=None, confidence=round(rng.uniform(0.4, 0.95), 3),
            factuality_counts={fact: n_src})


def load(store, n: int, seed: int, batch: int = 5000, progress: bool = True) -> dict[str, Any]:
    """Write ``n`` synthetic events (events, event_participants, event_dyads) into ``store``."""
    from sqlalchemy import insert

    from kizashi.store.fusion_sync import event_rows, rebuild_rollups
    from kizashi.store.models import Event, EventDyad, EventParticipant
    from kizashi.store.queries import plover

    pl = plover()
    tables = (Event.__table__, EventParticipant.__table__, EventDyad.__table__)
    counts = [0, 0, 0]
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=n, desc="load", unit="event", file=sys.stderr)
    t0 = time.perf_counter()
    buf: list[list[dict]] = [[], [], []]

    def flush(conn):
        for k, t in enumerate(tables):
            if buf[k]:
                conn.execute(insert(t), buf[k])
                counts[k] += len(buf[k])
                buf[k].clear()

    with store._write() as conn, conn.begin():
        for i, e in enumerate(synthetic_events(n, seed)):
            row, parts, dyads = event_rows(e, pl)
            buf[0].append(row)
            buf[1].extend(parts)
            buf[2].extend(dyads)
            if len(buf[0]) >= batch:
                flush(conn)
                if bar is not None:
                    bar.update(batch)
        flush(conn)
        rebuild_rollups(conn)
    if bar is not None:
        bar.close()
    t1 = time.perf_counter()
    store.analyze()
    return {"events": counts[0], "participants": counts[1], "dyads": counts[2],
            "load_seconds": round(t1 - t0, 1), "analyze_seconds": round(time.perf_counter() - t1, 1)}


def _timed(fn, repeat: int, warmup: int = 5) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000)
    ts.sort()
    return {"p50_ms": round(statistics.median(ts), 2),
            "p95_ms": round(ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))], 2),
            "max_ms": round(ts[-1], 2), "runs": repeat}


def measure(store, repeat: int, seed: int = 11) -> dict[str, Any]:
    from sqlalchemy import func, select

    from kizashi.store import queries as Q
    from kizashi.store.models import Event, EventDyad

    rng = random.Random(seed)
    with store.engine.connect() as conn:
        top = conn.execute(select(EventDyad.a, EventDyad.b, func.count().label("n"))
                           .group_by(EventDyad.a, EventDyad.b)
                           .order_by(func.count().desc()).limit(20)).all()
        ids = list(conn.scalars(select(Event.id).limit(5000)))
    pairs = [(r.a, r.b) for r in top]
    types = sorted(Q.plover())
    out: dict[str, Any] = {"busiest_dyad": {"pair": list(pairs[0]), "events": top[0].n},
                           "dyad_20th": {"pair": list(pairs[-1]), "events": top[-1].n}}

    def rand_year():
        y = rng.choice(YEARS)
        return f"{y}-01-01", f"{y}-12-31"



    rows_seen: list[int] = []

    def page():
        a, b = rng.choice(pairs)
        s, e = rand_year()
        p = Q.list_events(store, dyad=(a, b), start=s, end=e, types=rng.choice(types), limit=50)
        rows_seen.append(len(p.items))
        return p

    def page_next():
        a, b = rng.choice(pairs[:5])
        s, e = rand_year()
        first = Q.list_events(store, dyad=(a, b), start=s, end=e, limit=50)
        return first.next_cursor, (a, b, s, e)

    cursors = [page_next() for _ in range(repeat + 5)]
    it = iter(cursors)

    def page_after():
        cur, (a, b, s, e) = next(it)
        return Q.list_events(store, dyad=(a, b), start=s, end=e, limit=50, after=cur)

    def reference():
        chosen = rng.sample(ids, 50)
        with store.engine.connect() as conn:
            rows = conn.execute(select(Event.__table__).where(Event.id.in_(chosen))).all()
            return Q._event_dicts(conn, rows)

    out["reference"] = _timed(reference, repeat)
    out["page"] = _timed(page, repeat)
    out["page"]["mean_rows"] = round(sum(rows_seen) / len(rows_seen), 1)
    out["page_next"] = _timed(page_after, repeat)
    out["dyad_month"] = _timed(lambda: Q.dyad_series(store, *rng.choice(pairs)), repeat)
    out["dyad_filtered"] = _timed(lambda: Q.dyad_series(store, *rng.choice(pairs),
                                                        factuality="asserted"), repeat)
    def one_year():
        start, end = rand_year()
        return Q.network(store, max_edges=300, start=start, end=end)

    out["network_year"] = _timed(one_year, repeat)

    def span_years():
        y1, y2 = sorted(rng.sample(YEARS, 2))
        return Q.network(store, max_edges=300, start=f"{y1}-01-01", end=f"{y2}-12-31")

    out["network_span"] = _timed(span_years, repeat)
    out["network_all"] = _timed(lambda: Q.network(store, max_edges=300), repeat)

    def cut():
        y = rng.choice(YEARS)
        return Q.network(store, max_edges=300, start=f"{y}-03-15", end=f"{y}-09-14")

    out["network_cut"] = _timed(cut, max(10, repeat // 10), warmup=2)
    out["timeline"] = _timed(lambda: Q.timeline(store, freq="month"), repeat)
    ref = out["reference"]["p50_ms"] or 1e-9
    for k in QUERIES[1:]:
        out[k]["x_reference_p50"] = round(out[k]["p50_ms"] / ref, 1)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1M)")
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--db", help="use this SQLite file (kept; loaded only when empty)")
    ap.add_argument("--repeat", type=int, default=200, help="timed runs per query (default 200)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", metavar="FILE", help="write the results as JSON ('-' for stdout)")
    args = ap.parse_args(argv)

    from kizashi.store import Store

    cluster = None
    tmp = tempfile.TemporaryDirectory(prefix="kizashi-bench-")
    try:
        if args.backend == "postgresql":
            from kizashi.store.pgcluster import PgCluster, pg_bindir

            bindir = pg_bindir()
            if bindir is None:
                print("bench_queries: PostgreSQL server binaries not found: run .ci/postgres.sh",
                      file=sys.stderr)
                return 2
            cluster = PgCluster(bindir)
            cluster.start()
            url = cluster.create_database()
        else:
            url = f"sqlite:///{args.db or Path(tmp.name) / 'bench.db'}"
        store = Store(url)
        store.migrate()
        info: dict[str, Any] = {"backend": args.backend, "events_requested": args.events,
                                "seed": args.seed}
        have = store.counts()["events"]
        if have == 0:
            print(f"loading {args.events:,} synthetic events into {args.backend} …", file=sys.stderr)
            info["load"] = load(store, args.events, args.seed)
        else:
            info["load"] = {"events": have, "reused": True}
        print(f"measuring ({args.repeat} runs per query) …", file=sys.stderr)
        info["queries"] = measure(store, args.repeat)
        store.close()
    finally:
        if cluster is not None:
            cluster.stop()
        tmp.cleanup()

    q = info["queries"]
    print(f"\n{args.backend}: {info['load'].get('events'):,} events "
          f"(busiest dyad {'-'.join(q['busiest_dyad']['pair'])}: {q['busiest_dyad']['events']:,} "
          f"events; 20th: {q['dyad_20th']['events']:,})")
    print(f"{'query':<14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'p50 / ref':>11}")
    for k in QUERIES:
        r = q[k]
        print(f"{k:<14}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['max_ms']:>9.1f}"
              f"{r.get('x_reference_p50', 1.0):>11.1f}")
    if args.json:
        text = json.dumps(info, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
