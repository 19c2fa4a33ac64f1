"""Ingest throughput without the NLP: storing articles with their mentions and fusing them.

What it does (results in docs/performance.md):

1. Extracts the bundled demo corpus (``samples/fusion``, 16 articles) once with the real
   pipeline and times it: that is the NLP reference, measured in this process.
2. Makes ``--articles`` articles (1,000 by default) from them: copy k of an article gets its own
   URL (so its own id), one of ten outlets, and its publication date and every full date of its
   mentions moved k weeks later, so the copies tell different events, as a stream of news does.
3. Times, into a fresh store (SQLite file, or a throwaway PostgreSQL cluster with
   ``--backend postgresql``): ``Store.save_article`` for every article (one transaction each,
   as ``kizashi ingest`` does), then ``refresh_events`` (fusion of all stored mentions, rollups,
   ANALYZE).
4. Prints seconds per 1,000 articles for storing, fusing and both, and the ratio of the NLP
   time (extrapolated from step 1 to the same number of articles) to the store + fusion time.

Usage::

    python -m benchmarks.bench_ingest
    python -m benchmarks.bench_ingest --backend postgresql --articles 1000 --json out.json
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "fusion"
OUTLETS = [f"outlet-{i}" for i in range(10)]
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _shift(date: str | None, days: int) -> str | None:
    m = _FULL.match(date or "")
    if not m:
        return date
    return (dt.date(*map(int, m.groups())) + dt.timedelta(days=days)).isoformat()


def extracted() -> tuple[list[tuple[Any, list]], float, int]:
    """The demo articles with their mentions, the extraction time and the number of chars."""
    from kizashi.ingest.sources import iter_articles
    from kizashi.pipeline import extract

    arts = [a for a in iter_articles([str(CORPUS)]) if not isinstance(a, Exception)]
    extract("ロシアは北朝鮮に支援を送った。", doc_id="warm")
    t = time.perf_counter()
    out = [(a, extract(a.text, doc_id=a.id, published=a.published)) for a in arts]
    return out, time.perf_counter() - t, sum(len(a.text) for a in arts)


def copies(base: list[tuple[Any, list]], n: int):
    """``n`` (Article, mentions) pairs made from ``base`` as the module docstring says."""
    from kizashi.records import article_id

    for i in range(n):
        a, ms = base[i % len(base)]
        k = i // len(base)
        url = f"https://bench.example.jp/{k}/{a.id}"
        days = 7 * k
        art = dataclasses.replace(a, id=article_id(url, a.text), url=url,
                                  source=OUTLETS[i % len(OUTLETS)],
                                  published=_shift(a.published, days))
        yield art, [dataclasses.replace(m, doc=art.id, date=_shift(m.date, days)) for m in ms]


def run(url: str, base, n: int) -> dict[str, Any]:
    from kizashi.store import Store
    from kizashi.store.fusion_sync import refresh_events

    with Store(url) as store:
        store.migrate()
        items = list(copies(base, n))
        t = time.perf_counter()
        for art, ms in items:
            store.save_article(art, ms)
        t_save = time.perf_counter() - t
        r = refresh_events(store)
        t_fuse = time.perf_counter() - t - t_save
    per = 1000 / n
    return {"articles": n, "mentions": r["mentions"], "events": r["events"],
            "store_s_per_1000": round(t_save * per, 2), "fuse_s_per_1000": round(t_fuse * per, 2),
            "total_s_per_1000": round((t_save + t_fuse) * per, 2),
            "articles_per_s": round(n / (t_save + t_fuse), 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)

    print("extracting the demo corpus once (the NLP reference) …", file=sys.stderr)
    base, t_nlp, chars = extracted()
    nlp_per_1000 = t_nlp / len(base) * 1000
    out: dict[str, Any] = {"nlp": {"articles": len(base), "chars": chars,
                                   "seconds": round(t_nlp, 2),
                                   "s_per_1000_articles": round(nlp_per_1000, 1)}}
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        cluster = None
        with tempfile.TemporaryDirectory(prefix="kizashi-bench-") as tmp:
            try:
                if backend == "postgresql":
                    from kizashi.store.pgcluster import PgCluster, pg_bindir

                    bindir = pg_bindir()
                    if bindir is None:
                        print("PostgreSQL server binaries not found: run .ci/postgres.sh",
                              file=sys.stderr)
                        continue
                    cluster = PgCluster(bindir)
                    cluster.start()
                    url = cluster.create_database()
                else:
                    url = f"sqlite:///{tmp}/ingest.db"
                print(f"storing and fusing {args.articles} articles in {backend} …", file=sys.stderr)
                r = run(url, base, args.articles)
            finally:
                if cluster is not None:
                    cluster.stop()
        r["nlp_over_store_and_fusion"] = round(nlp_per_1000 / r["total_s_per_1000"], 1)
        out[backend] = r
    print(f"\nNLP (extraction) of the demo corpus: {out['nlp']['s_per_1000_articles']} s per 1,000 "
          f"articles ({len(base)} articles, {chars:,} chars, measured)")
    print(f"{'backend':<12}{'store s':>9}{'fuse s':>9}{'total s':>9}{'art/s':>8}{'NLP / this':>12}"
          "   (seconds per 1,000 articles)")
    for backend in backends:
        if backend in out:
            r = out[backend]
            print(f"{backend:<12}{r['store_s_per_1000']:>9}{r['fuse_s_per_1000']:>9}"
                  f"{r['total_s_per_1000']:>9}{r['articles_per_s']:>8}"
                  f"{r['nlp_over_store_and_fusion']:>11}×")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
