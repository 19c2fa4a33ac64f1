"""The workbench's ``/events`` page and the API under load: 50 concurrent clients.

What it does (method and results in docs/performance.md):

1. Loads ``--events`` synthetic fused events (default 100,000) into a SQLite file with
   :func:`benchmarks.bench_queries.load` (the rows ``refresh_events`` writes; no mentions), unless
   ``--db`` names a store that is already filled.
2. Starts ``kizashi serve`` on it in a child process on 127.0.0.1 (one uvicorn worker, as a
   user runs it), ``--server-path`` choosing the kizashi source tree to serve (to compare with an
   older checkout).
3. For each target, ``--clients`` asyncio clients (default 50) send ``--requests`` requests each
   (default 20) back to back over keep-alive connections, all at once; every response must be a
   200. It prints p50 / p95 / max latency in milliseconds, requests per second, and the ratio of
   each p50 to the reference's p50 measured in the same run:

   * ``reference``: ``GET /api/v1/`` (a fixed JSON answer: the floor any request costs at this
     concurrency);
   * ``api_events``: ``GET /api/v1/events?limit=50`` (a page with its total);
   * ``api_filtered``: the same with ``type=AID&start=2020``;
   * ``page_events``: ``GET /events`` — the workbench page of 50 rows with every row's details
     (``queries.event_details``, one batch for the page).

Only addresses on this machine are used; every loop is bounded (clients × requests).

Usage::

    python -m benchmarks.bench_load                          # 100k events, 50 clients x 20
    python -m benchmarks.bench_load --events 20000 --clients 10 --requests 5 --json out.json
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {
    "reference": "/api/v1/",
    "api_events": "/api/v1/events?limit=50",
    "api_filtered": "/api/v1/events?limit=50&type=AID&start=2020",
    "page_events": "/events",
}


def _fill(path: Path, n: int) -> dict:
    from benchmarks.bench_queries import load
    from kizashi.store import Store

    with Store(f"sqlite:///{path}") as s:
        s.migrate()
        if s.counts()["events"]:
            return {"events": s.counts()["events"], "loaded": False}
        return {**load(s, n, seed=7, progress=False), "loaded": True}


def _serve(db: Path, port: int, source: str | None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if source:
        env["PYTHONPATH"] = source
    return subprocess.Popen(
        [sys.executable, "-m", "kizashi.cli", "serve", "--db", str(db), "--port", str(port),
         "--log-level", "warning", "--no-migrate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        cwd=source or None)


async def _wait(base: str, proc: subprocess.Popen, limit: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + limit
    async with httpx.AsyncClient() as c:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("server exited: " + proc.stderr.read().decode()[-2000:])
            try:
                if (await c.get(base + "/api/v1/health", timeout=5)).status_code == 200:
                    return
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    raise RuntimeError("server did not answer")


async def _run(base: str, path: str, clients: int, requests: int) -> dict:
    import httpx

    latencies: list[float] = []
    bad: list[int] = []

    async def client():
        async with httpx.AsyncClient(base_url=base, timeout=600) as c:
            for _ in range(requests):
                t = time.perf_counter()
                r = await c.get(path)
                latencies.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    bad.append(r.status_code)

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - t0
    if bad:
        raise RuntimeError(f"{path}: {len(bad)} responses were not 200: {sorted(set(bad))}")
    latencies.sort()
    return {"p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
            "max_ms": round(latencies[-1], 1), "rps": round(len(latencies) / wall, 1),
            "requests": len(latencies)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100k)")
    ap.add_argument("--db", help="SQLite file to use (filled when empty; kept)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=20, help="requests per client (default 20)")
    ap.add_argument("--server-path", help="serve the kizashi package found in this folder")
    ap.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = ap.parse_args(argv)
    if not (1 <= args.clients <= 500 and 1 <= args.requests <= 1000):
        ap.error("--clients 1..500, --requests 1..1000")
    from kizashi.store.pgcluster import free_port

    tmp = None
    if args.db:
        db = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "load.db"
    t = time.perf_counter()
    info = _fill(db, args.events)
    print(f"store: {info['events']:,} events ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(db, port, args.server_path)
    results: dict = {"events": info["events"], "clients": args.clients,
                     "requests_per_client": args.requests, "targets": {}}
    try:
        asyncio.run(_wait(base, proc))
        for name, path in TARGETS.items():
            asyncio.run(_run(base, path, min(args.clients, 5), 2))          # warm-up
            results["targets"][name] = asyncio.run(_run(base, path, args.clients, args.requests))
    finally:
        proc.terminate()
        proc.wait(30)
        if tmp is not None:
            tmp.cleanup()
    ref = results["targets"]["reference"]["p50_ms"]
    print(f"{args.clients} clients x {args.requests} requests, {info['events']:,} events")
    print(f"{'target':<14} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'req/s':>8} {'p50/ref':>8}")
    for name, r in results["targets"].items():
        r["ratio"] = round(r["p50_ms"] / ref, 1) if ref else None
        print(f"{name:<14} {r['p50_ms']:>9} {r['p95_ms']:>9} {r['max_ms']:>9} {r['rps']:>8} "
              f"{r['ratio']:>8}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
