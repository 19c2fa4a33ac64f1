"""Per-component time profile of ja_ginza on the benchmark corpus, one CPU core.

Method: the text is split into paragraphs exactly as in ``bench_extract`` (one per non-empty
line). After a warm-up, the pipeline is run stage by stage over the SAME list of docs:

    docs = [nlp.make_doc(p) for p in paras]            # tokenizer (SudachiPy + GiNZA)
    for name, proc in nlp.pipeline:                    # tok2vec, parser, ner, morphologizer, ...
        docs = list(proc.pipe(docs, batch_size=B))     # or [proc(d) for d in docs] if no .pipe

and each stage is timed with ``time.perf_counter``. This is valid for ja_ginza because the
parser/ner/morphologizer use ``Tok2VecListener``s, which at inference time read ``doc.tensor``
set by the tok2vec stage. With ``--repeat N`` the whole sequence is repeated N times and the
median of each stage is reported. Unless ``--no-full``, one ordinary ``list(nlp.pipe(paras))``
is also timed in the same process as a check that the stages add up to the full pipeline, and
(``--check-disable``, default ``ner``) one ``nlp.pipe`` with those pipes disabled via
``nlp.select_pipes``, checking that tokens, POS, tags and dependencies come out identical.

Usage::

    python -m benchmarks.profile_ginza                    # 200k chars
    python -m benchmarks.profile_ginza --chars 50000 --repeat 3 --json profile.json
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
           "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from benchmarks.bench_extract import WARM_TEXT, pin_one_core  # noqa: E402
from benchmarks.corpus import generate, paragraphs  # noqa: E402


def profile_once(nlp, paras: list[str], batch_size: int) -> dict[str, float]:
    out: dict[str, float] = {}
    gc.collect()
    t0 = time.perf_counter()
    docs = [nlp.make_doc(p) for p in paras]
    out["tokenizer (SudachiPy)"] = time.perf_counter() - t0
    for name, proc in nlp.pipeline:
        gc.collect()
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ja_ginza per-component time profile, one core")
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--input", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="median of N (default 1)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--no-full", action="store_true", help="skip the full nlp.pipe check run")
    ap.add_argument("--check-disable", default="ner", metavar="PIPES",
                    help="comma-separated pipes: also time nlp.pipe with these disabled and check "
                         "that tokens/POS/deps are unchanged (default 'ner'; '' to skip)")
    ap.add_argument("--json", metavar="FILE")
    a = ap.parse_args(argv)

    pinned = pin_one_core()
    import spacy

    text = a.input.read_text(encoding="utf-8") if a.input else generate(a.chars, a.seed)
    paras = paragraphs(text)
    n = len(text)
    nlp = spacy.load("ja_ginza")
    list(nlp.pipe(paragraphs(WARM_TEXT)))
    profile_once(nlp, paragraphs(WARM_TEXT), a.batch_size)
    print(f"text: {n:,} chars, {len(paras):,} paragraphs; {pinned}; repeat={a.repeat} (median)",
          flush=True)

    runs = [profile_once(nlp, paras, a.batch_size) for _ in range(a.repeat)]
    stages = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    total = sum(stages.values())
    full = None
    full_docs = None
    if not a.no_full:
        gc.collect()
        t0 = time.perf_counter()
        full_docs = list(nlp.pipe(paras, batch_size=a.batch_size))
        full = time.perf_counter() - t0
    disabled = [x for x in a.check_disable.split(",") if x]
    dis_s = same = None
    if disabled:
        with nlp.select_pipes(disable=disabled):
            gc.collect()
            t0 = time.perf_counter()
            dis_docs = list(nlp.pipe(paras, batch_size=a.batch_size))
            dis_s = time.perf_counter() - t0
        if full_docs is not None:
            def sig(docs):
                return [(t.text, t.pos_, t.tag_, t.dep_, t.head.i) for d in docs for t in d]
            same = sig(dis_docs) == sig(full_docs)
        del dis_docs
    del full_docs

    print(f"\n{'stage':26}{'seconds':>10}{'share':>9}{'chars/s alone':>16}")
    for k, v in stages.items():
        print(f"{k:26}{v:>10.2f}{v / total:>9.1%}{n / v:>16,.0f}")
    print(f"{'sum of stages':26}{total:>10.2f}{1:>9.0%}{n / total:>16,.0f}")
    if full is not None:
        print(f"{'full nlp.pipe (check)':26}{full:>10.2f}{'':>9}{n / full:>16,.0f}")
    if dis_s is not None:
        label = "nlp.pipe without " + "+".join(disabled)
        print(f"{label:26}{dis_s:>10.2f}{'':>9}{n / dis_s:>16,.0f}")
        if same is not None:
            print(f"tokens/pos/tag/dep/head identical with {'+'.join(disabled)} disabled: {same}")

    if a.json:
        Path(a.json).write_text(json.dumps({
            "chars": n, "paragraphs": len(paras), "affinity": pinned, "repeat": a.repeat,
            "statistic": "median", "batch_size": a.batch_size,
            "stages_s": stages, "share": {k: v / total for k, v in stages.items()},
            "sum_s": total, "full_pipe_s": full, "runs": runs,
            "disabled": disabled, "pipe_without_disabled_s": dis_s,
            "identical_tokens_pos_dep_without_disabled": same,
        }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"JSON written to {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
