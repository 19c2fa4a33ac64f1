"""The GiNZA dependency parser, loaded once with only the components kizashi reads.

kizashi reads tokens, lemmas, part-of-speech and the dependency tree. GiNZA's NER is left out
(the gazetteer finds actors; docs/performance.md has the measurement), and so is the compound
splitter. The bunsetu recogniser stays: it turns the parser's bunsetu-level labels
(``nsubj_bunsetu``) into the plain UD labels kizashi reads.

Matrix products. Nearly all of the parse is the matrix products of GiNZA's tok2vec layers.
thinc computes them with BLIS by default; when numpy is linked to an optimised BLAS (OpenBLAS,
MKL, Accelerate), the parser is loaded with thinc's ``NumpyOps(use_blis=False)`` so that numpy's
BLAS computes them instead (2.2-2.6x faster parses on this project's machines, with the same
tokens, tags and arcs: docs/performance.md). ``KIZASHI_GEMM=blis`` or ``=numpy`` overrides the
choice. Only kizashi's own copy of the model is affected; a ``spacy.load`` elsewhere in the
process keeps thinc's defaults.
"""
from __future__ import annotations

import os
from functools import lru_cache

#: components of ja_ginza that kizashi does not use
EXCLUDED = ("ner", "compound_splitter")

#: BLAS libraries numpy may be built against that beat BLIS on the tok2vec products
OPTIMISED_BLAS = ("openblas", "mkl", "accelerate")

GEMM_CHOICES = ("blis", "numpy")


def numpy_blas() -> str:
    """The name of the BLAS numpy was built against ('' when numpy does not say)."""
    import numpy

    try:
        config = numpy.show_config(mode="dicts")
    except TypeError:  # numpy < 1.26 only prints
        return ""
    blas = (config or {}).get("Build Dependencies", {}).get("blas", {})
    return str(blas.get("name", "")) if blas.get("found", True) else ""


def gemm_backend() -> str:
    """'numpy' or 'blis': which library computes the parser's matrix products.

    ``KIZASHI_GEMM`` when set (an unknown value is an error naming it); otherwise 'numpy' when
    numpy's BLAS is an optimised one (:data:`OPTIMISED_BLAS`), else thinc's default 'blis'.
    """
    chosen = os.environ.get("KIZASHI_GEMM", "").strip().lower()
    if chosen:
        if chosen not in GEMM_CHOICES:
            raise ValueError(
                f"KIZASHI_GEMM={os.environ['KIZASHI_GEMM']!r}: use one of {', '.join(GEMM_CHOICES)}")
        return chosen
    name = numpy_blas().lower()
    return "numpy" if any(lib in name for lib in OPTIMISED_BLAS) else "blis"


@lru_cache(maxsize=1)
def load_parser():
    """``spacy.load("ja_ginza")`` without the components in :data:`EXCLUDED`.

    The model is built under the thinc ops that :func:`gemm_backend` picks.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import spacy
    from thinc.api import use_ops

    backend = gemm_backend()
    try:
        if backend == "numpy":
            with use_ops("numpy", use_blis=False):
                return spacy.load("ja_ginza", exclude=list(EXCLUDED))
        return spacy.load("ja_ginza", exclude=list(EXCLUDED))
    except OSError as exc:  # the model package is missing
        raise RuntimeError(
            "the GiNZA model is not installed: run `pip install ja_ginza` (it ships its weights)"
        ) from exc


def parse_many(texts: list[str], batch_size: int = 64):
    """Parse sentences in batches; yields spaCy ``Doc`` objects in order."""
    nlp = load_parser()
    yield from nlp.pipe(texts, batch_size=batch_size)
