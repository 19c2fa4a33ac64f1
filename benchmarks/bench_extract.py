"""Throughput of kizashi.extract versus bare GiNZA on the same synthetic text, on one CPU core.

What it does (see docs/performance.md for the full method):

1. Pins the process to one core and sets OMP/MKL/OPENBLAS/... thread counts to 1 *before*
   numpy/spaCy are imported.
2. Generates the text with ``benchmarks.corpus.generate(--chars, --seed)`` (or reads ``--input``).
3. Loads ``spacy.load("ja_ginza")`` (full pipeline) and ``from kizashi import extract``; warms
   both on a short text. Import/load and warm-up times are reported separately and are NOT part
   of the throughput figures.
4. Times, in this one process, ``--repeat`` alternating runs of
   (a) ``list(nlp.pipe(paragraphs, batch_size=B))`` — the text split into paragraphs, one per
       non-empty line (``str.splitlines``, stripped); and
   (b) ``extract(text, doc_id="bench")`` on the whole, unsplit text;
   and reports characters/second from the MEDIAN wall time (``time.perf_counter``), plus the
   best (minimum) time, and the process CPU time of each run (``time.process_time``), which is
   robust to other processes sharing the core. The ratio kizashi/GiNZA is computed from these same-process timings.
5. Peak memory: ``ru_maxrss`` of this process (both models loaded, all runs). Unless
   ``--no-mem-subprocess``, each part is also run ONCE in a fresh ``multiprocessing`` 'spawn'
   child (pinned to the same core) that reports its VmRSS after load+warm-up and its peak RSS
   at the end. The child's peak is read from /proc/self/status VmHWM, NOT ru_maxrss: Linux
   carries ru_maxrss over fork+exec, so a child's ru_maxrss is never below the parent's peak at
   spawn time. The children are used only for memory, never for the ratio.

If ``kizashi.extract`` cannot be imported (or fails), the script says so and still reports (a).

Usage::

    python -m benchmarks.bench_extract                       # 200k chars, repeat 1
    python -m benchmarks.bench_extract --chars 50000 --repeat 3 --json results.json
    python -m benchmarks.bench_extract --input article.txt --json -   # JSON on stdout
"""
from __future__ import annotations

import os

# Must happen before numpy / thinc / spacy are imported (here and in spawn children, which
# re-execute this module top-level).
for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
           "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:  # allow `python benchmarks/bench_extract.py` too
    sys.path.insert(0, str(_REPO))

from benchmarks.corpus import generate, paragraphs  # noqa: E402

WARM_TEXT = ("北朝鮮は2024年6月19日、ロシアと包括的戦略パートナーシップ条約に署名した。"
             "日経平均株価の終値は前日比31円高の3万9460円だった。\n"
             "韓国国家情報院によると、北朝鮮はロシアに約1万2000人の兵士を派遣した。"
             "専門家の間では見方が分かれている。")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def pin_one_core() -> str:
    """Pin this process to CPU 0 (or the lowest allowed CPU). Returns a description."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity unavailable)"
    allowed = os.sched_getaffinity(0)
    cpu = 0 if 0 in allowed else min(allowed)
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu} (of {len(allowed)} allowed)"


def maxrss_mib() -> float:
    """Peak RSS of this process in MiB (Linux reports KiB, macOS bytes)."""
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024


def _proc_status_mib(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def vmrss_mib() -> float | None:
    """Current RSS (Linux /proc/self/status VmRSS), MiB."""
    return _proc_status_mib("VmRSS")


def peak_rss_child_mib() -> float:
    """Peak RSS of this process's own address space.

    Linux keeps ``ru_maxrss`` across fork+exec, so a spawn child started by a 600 MiB parent
    reports >= 600 MiB even if it never uses that much. ``VmHWM`` belongs to the address space
    created by exec, so it is the child's own peak. Falls back to ru_maxrss elsewhere.
    """
    hwm = _proc_status_mib("VmHWM")
    return hwm if hwm is not None else maxrss_mib()


def load_ginza(numpy_gemm: bool = False):
    """Bare ``ja_ginza``, full pipeline. ``numpy_gemm``: built under thinc's
    ``NumpyOps(use_blis=False)``, so that numpy's BLAS does the matrix products, as kizashi's own
    parser does when numpy has an optimised BLAS (kizashi/nlp/parser.py)."""
    t0 = time.perf_counter()
    import spacy
    from thinc.api import use_ops
    t1 = time.perf_counter()
    if numpy_gemm:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load("ja_ginza")
    else:
        nlp = spacy.load("ja_ginza")
    t2 = time.perf_counter()
    list(nlp.pipe(paragraphs(WARM_TEXT)))
    t3 = time.perf_counter()
    return nlp, {"import_s": t1 - t0, "load_s": t2 - t1, "warm_s": t3 - t2,
                 "pipe_names": list(nlp.pipe_names)}


def load_kizashi():
    """Return (extract, info) or (None, info-with-error)."""
    t0 = time.perf_counter()
    try:
        from kizashi import extract  # type: ignore[attr-defined]
    except Exception as e:  # ImportError, or an error raised while importing
        return None, {"error": f"`from kizashi import extract` failed: {type(e).__name__}: {e}"}
    t1 = time.perf_counter()
    try:
        extract(WARM_TEXT, doc_id="warm")
    except Exception as e:
        return None, {"error": f"extract() failed on the warm-up text: {type(e).__name__}: {e}",
                      "traceback": traceback.format_exc()}
    t2 = time.perf_counter()
    # Any model loading done lazily inside the first call is counted as warm-up, not throughput.
    return extract, {"import_s": t1 - t0, "warm_s": t2 - t1}


_LAST_CPU: dict[str, float] = {}  # process CPU seconds of the last timed run


def run_ginza(nlp, paras: list[str], batch_size: int):
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    docs = list(nlp.pipe(paras, batch_size=batch_size))
    dt = time.perf_counter() - t0
    _LAST_CPU["s"] = time.process_time() - c0
    return dt, docs


def run_kizashi(extract, text: str):
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    recs = extract(text, doc_id="bench")
    dt = time.perf_counter() - t0
    _LAST_CPU["s"] = time.process_time() - c0
    return dt, list(recs)


def _event_type(rec) -> str:
    if isinstance(rec, dict):
        return str(rec.get("event_type"))
    return str(getattr(rec, "event_type", "?"))


def _summ(times: list[float], cpu: list[float], n_chars: int) -> dict:
    med = statistics.median(times)
    best = min(times)
    cmed = statistics.median(cpu)
    return {"times_s": [round(t, 4) for t in times], "median_s": med, "best_s": best,
            "chars_per_s_median": n_chars / med, "chars_per_s_best": n_chars / best,
            "cpu_times_s": [round(t, 4) for t in cpu], "cpu_median_s": cmed,
            "chars_per_cpu_s_median": n_chars / cmed}


# --------------------------------------------------------------------------------------------
# spawn child (memory only)
# --------------------------------------------------------------------------------------------

def _mem_child(part: str, text: str, batch_size: int, q) -> None:
    try:
        pin_one_core()
        out: dict = {"part": part}
        if part == "ginza":
            nlp, info = load_ginza()
            out["rss_after_load_mib"] = vmrss_mib()
            dt, docs = run_ginza(nlp, paragraphs(text), batch_size)
            del docs
        else:
            extract, info = load_kizashi()
            if extract is None:
                out["error"] = info["error"]
                q.put(out)
                return
            out["rss_after_load_mib"] = vmrss_mib()
            dt, recs = run_kizashi(extract, text)
        out["run_s"] = dt
        out["peak_rss_mib"] = peak_rss_child_mib()  # VmHWM, see docstring
        out["ru_maxrss_mib"] = maxrss_mib()  # inflated by the parent on Linux; for reference
        q.put(out)
    except Exception as e:  # report, don't hang the parent
        q.put({"part": part, "error": f"{type(e).__name__}: {e}"})


def mem_in_subprocess(part: str, text: str, batch_size: int, timeout: float) -> dict:
    import multiprocessing as mp
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_mem_child, args=(part, text, batch_size, q))
    p.start()
    try:
        res = q.get(timeout=timeout)
    except Exception as e:
        res = {"part": part, "error": f"no result from child ({type(e).__name__})"}
    p.join(timeout=30)
    if p.is_alive():
        p.terminate()
        p.join()
    return res


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kizashi.extract vs bare GiNZA throughput, one core")
    ap.add_argument("--chars", type=int, default=200_000, help="generated text size (default 200000)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    ap.add_argument("--event-share", type=float, default=None,
                    help="share of event sentences in the generated text (default: the corpus default, 0.40)")
    ap.add_argument("--input", type=Path, help="benchmark this UTF-8 file instead of generated text")
    ap.add_argument("--repeat", type=int, default=1,
                    help="timed runs per part, alternating; figures use the MEDIAN (best also shown)")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch_size (default 64)")
    ap.add_argument("--no-mem-subprocess", action="store_true",
                    help="skip the per-part peak-RSS measurement in fresh spawn children")
    ap.add_argument("--skip-kizashi", action="store_true", help="measure bare GiNZA only")
    ap.add_argument("--same-gemm", action="store_true",
                    help="also time a second bare GiNZA whose matrix products use numpy's BLAS, "
                         "as kizashi's parser does, and give the ratio against it too (what the "
                         "sentence filter alone gains)")
    ap.add_argument("--json", nargs="?", const="-", metavar="FILE",
                    help="also write results as JSON to FILE ('-' or no value: stdout; "
                         "the table then goes to stderr)")
    a = ap.parse_args(argv)
    tout = sys.stderr if a.json == "-" else sys.stdout

    def say(*x):
        print(*x, file=tout, flush=True)

    pinned = pin_one_core()
    text = a.input.read_text(encoding="utf-8") if a.input else (
        generate(a.chars, a.seed) if a.event_share is None else generate(a.chars, a.seed, a.event_share))
    paras = paragraphs(text)
    n_chars = len(text)
    n_para_chars = sum(len(p) for p in paras)
    res: dict = {
        "python": platform.python_version(), "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(), "affinity": pinned,
        "threads_env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                   "OPENBLAS_NUM_THREADS")},
        "text": {"source": str(a.input) if a.input else f"benchmarks.corpus.generate({a.chars}, seed={a.seed}, event_share={a.event_share})",
                 "chars": n_chars, "paragraphs": len(paras), "paragraph_chars": n_para_chars,
                 "split": "one paragraph per non-empty line (str.splitlines, stripped)"},
        "repeat": a.repeat, "statistic": "median", "batch_size": a.batch_size,
    }
    say(f"text: {n_chars:,} chars, {len(paras):,} paragraphs ({n_para_chars:,} chars after "
        f"stripping newlines); {pinned}; repeat={a.repeat} (median reported)")

    nlp, ginfo = load_ginza()
    res["ginza"] = {"load": ginfo}
    nlp2 = None
    if a.same_gemm:
        nlp2, _ = load_ginza(numpy_gemm=True)
    try:
        from kizashi.nlp.parser import gemm_backend
        res["kizashi_gemm"] = gemm_backend()
    except Exception as e:  # reported, the run goes on
        res["kizashi_gemm"] = f"unknown ({type(e).__name__}: {e})"
    say(f"kizashi's parser computes its matrix products with: {res['kizashi_gemm']}")
    say(f"GiNZA: import spacy {ginfo['import_s']:.2f}s, spacy.load {ginfo['load_s']:.2f}s, "
        f"warm {ginfo['warm_s']:.2f}s; pipeline {ginfo['pipe_names']}")

    if a.skip_kizashi:
        extract, kinfo = None, {"error": "skipped (--skip-kizashi)"}
    else:
        extract, kinfo = load_kizashi()
    res["kizashi"] = {"load": kinfo}
    if extract is None:
        say(f"kizashi: NOT MEASURED -- {kinfo['error']}")
    else:
        say(f"kizashi: import {kinfo['import_s']:.2f}s, first call (warm-up, incl. lazy "
            f"model load) {kinfo['warm_s']:.2f}s")

    g_times, k_times, g_cpu, k_cpu = [], [], [], []
    g2_times, g2_cpu = [], []
    docs = recs = None
    k_error = None
    for r in range(a.repeat):
        dt, docs = run_ginza(nlp, paras, a.batch_size)
        g_times.append(dt)
        g_cpu.append(_LAST_CPU["s"])
        say(f"  run {r + 1}/{a.repeat}: GiNZA {dt:.2f}s wall, {g_cpu[-1]:.2f}s CPU")
        if nlp2 is not None:
            dt2, docs2 = run_ginza(nlp2, paras, a.batch_size)
            del docs2
            g2_times.append(dt2)
            g2_cpu.append(_LAST_CPU["s"])
            say(f"  run {r + 1}/{a.repeat}: GiNZA, numpy's BLAS {dt2:.2f}s wall, "
                f"{g2_cpu[-1]:.2f}s CPU")
        if extract is not None and k_error is None:
            try:
                dt, recs = run_kizashi(extract, text)
                k_times.append(dt)
                k_cpu.append(_LAST_CPU["s"])
                say(f"  run {r + 1}/{a.repeat}: kizashi {dt:.2f}s wall, {k_cpu[-1]:.2f}s CPU")
            except Exception as e:
                k_error = f"extract(text) raised {type(e).__name__}: {e}"
                res["kizashi"]["traceback"] = traceback.format_exc()
                say(f"kizashi: FAILED on the benchmark text -- {k_error}")

    g = _summ(g_times, g_cpu, n_chars)
    g["tokens"] = sum(len(d) for d in docs)
    g["sentences"] = sum(1 for d in docs for _ in d.sents)
    g["entities"] = sum(len(d.ents) for d in docs)
    del docs
    res["ginza"].update(g)
    if k_times:
        k = _summ(k_times, k_cpu, n_chars)
        k["event_mentions"] = len(recs)
        k["by_event_type"] = dict(sorted(Counter(_event_type(x) for x in recs).items()))
        res["kizashi"].update(k)
        res["ratio_kizashi_over_ginza_chars_per_s"] = k["chars_per_s_median"] / g["chars_per_s_median"]
        res["ratio_kizashi_over_ginza_time"] = k["median_s"] / g["median_s"]
        res["ratio_kizashi_over_ginza_chars_per_cpu_s"] = (k["chars_per_cpu_s_median"]
                                                           / g["chars_per_cpu_s_median"])
    if g2_times:
        res["ginza_numpy_gemm"] = _summ(g2_times, g2_cpu, n_chars)
        if k_times:
            res["ratio_kizashi_over_ginza_numpy_gemm_chars_per_s"] = (
                k["chars_per_s_median"] / res["ginza_numpy_gemm"]["chars_per_s_median"])
            res["ratio_kizashi_over_ginza_numpy_gemm_chars_per_cpu_s"] = (
                k["chars_per_cpu_s_median"] / res["ginza_numpy_gemm"]["chars_per_cpu_s_median"])
    if k_error:
        res["kizashi"]["error"] = k_error
    res["peak_rss_this_process_mib"] = maxrss_mib()

    if not a.no_mem_subprocess:
        timeout = max(600.0, 10 * max(g_times + k_times))
        parts = ["ginza"] + (["kizashi"] if k_times else [])
        say("memory: running each part once in a fresh spawn child ...")
        res["memory_subprocess"] = {p: mem_in_subprocess(p, text, a.batch_size, timeout)
                                    for p in parts}

    # ---------------------------------------------------------------------- table
    say("")
    say(f"{'':28}{'GiNZA (bare)':>16}{'kizashi.extract':>18}")
    def row(label, gv, kv):
        say(f"{label:28}{gv:>16}{kv:>18}")
    kz = res["kizashi"]
    na = "n/a" if not k_times else None
    row("input", f"{len(paras)} paragraphs", "whole text")
    row("chars", f"{n_chars:,}", f"{n_chars:,}")
    row("load (import+load) s", f"{ginfo['import_s'] + ginfo['load_s']:.2f}",
        na or f"{kinfo['import_s']:.2f}")
    row("warm-up s", f"{ginfo['warm_s']:.2f}", na or f"{kinfo['warm_s']:.2f}")
    row("median wall s", f"{g['median_s']:.2f}", na or f"{kz['median_s']:.2f}")
    row("best wall s", f"{g['best_s']:.2f}", na or f"{kz['best_s']:.2f}")
    row("chars/s (median)", f"{g['chars_per_s_median']:,.0f}", na or f"{kz['chars_per_s_median']:,.0f}")
    row("chars/s (best)", f"{g['chars_per_s_best']:,.0f}", na or f"{kz['chars_per_s_best']:,.0f}")
    row("CPU s (median)", f"{g['cpu_median_s']:.2f}", na or f"{kz['cpu_median_s']:.2f}")
    row("chars/CPU-s (median)", f"{g['chars_per_cpu_s_median']:,.0f}",
        na or f"{kz['chars_per_cpu_s_median']:,.0f}")
    row("output", f"{g['tokens']:,} tokens", na or f"{kz['event_mentions']:,} mentions")
    ms = res.get("memory_subprocess", {})
    for key, label in (("rss_after_load_mib", "RSS after load MiB (child)"),
                       ("peak_rss_mib", "peak RSS MiB (child)")):
        gv = ms.get("ginza", {}).get(key)
        kv = ms.get("kizashi", {}).get(key)
        row(label, f"{gv:.0f}" if gv else "n/a", f"{kv:.0f}" if kv else "n/a")
    say(f"peak RSS of this process (both loaded, all runs): {res['peak_rss_this_process_mib']:.0f} MiB")
    if k_times:
        say(f"ratio kizashi/GiNZA chars/s (median, same process): "
            f"{res['ratio_kizashi_over_ginza_chars_per_s']:.2f}x wall, "
            f"{res['ratio_kizashi_over_ginza_chars_per_cpu_s']:.2f}x CPU")
        if "ratio_kizashi_over_ginza_numpy_gemm_chars_per_s" in res:
            g2 = res["ginza_numpy_gemm"]
            say(f"bare GiNZA with numpy's BLAS: median {g2['median_s']:.2f}s wall, "
                f"{g2['cpu_median_s']:.2f}s CPU; ratio kizashi/it: "
                f"{res['ratio_kizashi_over_ginza_numpy_gemm_chars_per_s']:.2f}x wall, "
                f"{res['ratio_kizashi_over_ginza_numpy_gemm_chars_per_cpu_s']:.2f}x CPU")
        if g["median_s"] > 1.15 * g["cpu_median_s"]:
            say("WARNING: GiNZA wall time exceeds its CPU time by >15%: the core was shared "
                "with other processes; prefer the CPU-time figures or rerun on an idle machine.")
        say(f"event mentions by type: {kz['by_event_type']}")
    else:
        say(f"kizashi NOT MEASURED: {kz.get('error') or kinfo.get('error')}")
    for p, m in ms.items():
        if "error" in m:
            say(f"memory child {p}: {m['error']}")

    if a.json:
        js = json.dumps(res, ensure_ascii=False, indent=2, default=str)
        if a.json == "-":
            print(js)
        else:
            Path(a.json).write_text(js + "\n", encoding="utf-8")
            say(f"JSON written to {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
