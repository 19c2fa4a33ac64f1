"""Fetching 1,000 items from local web sites, without NLP: time and memory of ``kizashi fetch``,
and sources that hang or return garbage beside the good ones.

What it does (results in docs/performance.md):

1. Starts ``--sites`` web sites on 127.0.0.1 (:class:`kizashi.fetch.localsite.LocalSite`, one
   port each: a host each, as politeness counts hosts), each with an RSS feed of ``--items /
   --sites`` items and an article page per item (a title, two paragraphs of our own Japanese,
   navigation and footer), plus two bad sources: one whose feed answers after 60 s (cut by
   the read timeout) and one that returns 40 KB of random bytes.
2. Reference, in this process: a plain ``httpx.Client`` GETs every article page one after
   the other, nothing else (no robots.txt, no politeness, no parsing).
3. ``run_pass`` on a fresh SQLite store with an extractor that finds nothing (no GiNZA): every
   feed and page fetched with the polite client, trafilatura on every page, every article
   stored, events fused, watches (the starter set) evaluated. Wall time, peak Python memory
   (tracemalloc) and the process's peak RSS.
4. A second pass over the same sources: every feed answers 304, nothing else is fetched.

Usage::

    python -m benchmarks.bench_fetch                 # 1,000 items on 10 sites
    python -m benchmarks.bench_fetch --items 200 --sites 4 --delay 0.05 --json out.json
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

PARAGRAPHS = [
    "北朝鮮の国営メディアは{n}日、新型の多連装ロケット砲の試験を行ったと伝えた。",
    "韓国軍の合同参謀本部は、発射の詳細を分析していると明らかにした。関係国は警戒を強めている。",
]


def build_sites(n_sites: int, items: int):
    from kizashi.fetch.localsite import LocalSite, article_page, rss_feed

    sites, per = [], max(1, items // n_sites)
    for s in range(n_sites):
        site = LocalSite().start()
        entries = []
        for i in range(per):
            path = f"/news/{s}/{i}"
            site.page(path, article_page(f"試験の記事 {s}-{i}",
                                         [p.format(n=i % 28 + 1) + f"（{s}-{i}）" for p in PARAGRAPHS],
                                         date="2026-11-30", site=f"テスト新報{s}"))
            entries.append({"title": f"試験の記事 {s}-{i}", "link": site.url(path),
                            "date": "Mon, 30 Nov 2026 09:00:00 +0900",
                            "description": f"要約 {s}-{i}"})
        site.page("/feed.xml", rss_feed(f"テスト新報{s}", entries),
                  content_type="application/rss+xml")
        sites.append(site)
    bad = LocalSite().start()
    bad.page("/hang.xml", "<rss>", delay=60)
    import random

    rnd = random.Random(7)
    bad.page("/garbage.xml", bytes(rnd.randrange(256) for _ in range(40_000)),
             content_type="application/rss+xml")
    return sites, bad, per * n_sites


def reference(sites) -> float:
    import httpx

    urls = [s.url(p) for s in sites for p in s.pages if p.startswith("/news/")]
    t0 = time.perf_counter()
    with httpx.Client() as c:
        for u in urls:
            c.get(u).raise_for_status()
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--sites", type=int, default=10)
    ap.add_argument("--delay", type=float, default=0.0,
                    help="politeness delay per host in seconds (default 0; kizashi fetch's is 1)")
    ap.add_argument("--timeout", type=float, default=2.0, help="read timeout (default 2 s)")
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)

    from kizashi.fetch import sources as S
    from kizashi.fetch.http import Fetcher, FetchPolicy
    from kizashi.fetch.run import run_pass
    from kizashi.store import Store
    from kizashi.watch.store import add_starter

    sites, bad, n_items = build_sites(args.sites, args.items)
    ref = reference(sites)
    for s in sites:                     # the reference run is not counted below
        s.hits.clear()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        store.migrate()
        for i, s in enumerate(sites):
            S.add_source(store, s.url("/feed.xml"), name=f"site{i}", interval="1m")
        S.add_source(store, bad.url("/hang.xml"), name="hang", kind="feed")
        S.add_source(store, bad.url("/garbage.xml"), name="garbage", kind="feed")
        add_starter(store)
        policy = FetchPolicy(timeout=args.timeout, total_timeout=args.timeout * 3,
                             delay=args.delay, retries=1, backoff=0.2)

        def nothing(text, doc_id=None, published=None, **_kw):
            return []

        tracemalloc.start()
        t0 = time.perf_counter()
        with Fetcher(policy) as f:
            r1 = run_pass(store, fetcher=f, extract=nothing, workers=args.workers)
        first = time.perf_counter() - t0
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        now = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=2)
        t0 = time.perf_counter()
        with Fetcher(policy) as f:
            r2 = run_pass(store, fetcher=f, extract=nothing, workers=args.workers, now=now)
        second = time.perf_counter() - t0
        docs = store.counts()["documents"]
        health = {s["name"]: s["health"] for s in S.list_sources(store)}
        store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for s in sites + [bad]:
        s.stop()
    good_ok = all(health[f"site{i}"]["last_error"] is None for i in range(len(sites)))
    out = {
        "items": n_items, "sites": len(sites), "delay": args.delay, "workers": args.workers,
        "reference_seconds": round(ref, 2),
        "first_pass_seconds": round(first, 2),
        "items_per_second": round(n_items / first, 1),
        "ratio_to_reference": round(first / ref, 1),
        "peak_python_mib": round(peak / 2**20, 1), "peak_rss_mib": round(rss, 1),
        "documents": docs, "new": r1.counts["new"], "requests": r1.http.get("requests"),
        "store_seconds": round(r1.seconds["store"], 2), "fuse_seconds": round(r1.seconds["fuse"], 2),
        "watches_seconds": round(r1.seconds["watches"], 2),
        "second_pass_seconds": round(second, 2),
        "second_pass_requests": r2.http.get("requests"),
        "second_pass_304": r2.http.get("not_modified"),
        "good_sources_ok": good_ok,
        "hang_error": health["hang"]["last_error"],
        "garbage_error": health["garbage"]["last_error"],
    }
    for k, v in out.items():
        print(f"{k:>22}: {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0 if good_ok and docs == n_items else 1


if __name__ == "__main__":
    sys.exit(main())
