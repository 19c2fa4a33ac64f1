"""Which library computes the parser's matrix products (kizashi/nlp/parser.py); no model loaded."""
import pytest

from kizashi.nlp import parser


def test_override_by_environment(monkeypatch):
    monkeypatch.setenv("KIZASHI_GEMM", "blis")
    assert parser.gemm_backend() == "blis"
    monkeypatch.setenv("KIZASHI_GEMM", " NumPy ")
    assert parser.gemm_backend() == "numpy"


def test_unknown_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("KIZASHI_GEMM", "cuda")
    with pytest.raises(ValueError, match="KIZASHI_GEMM='cuda'.*blis, numpy"):
        parser.gemm_backend()


def test_default_follows_numpys_blas(monkeypatch):
    monkeypatch.delenv("KIZASHI_GEMM", raising=False)
    monkeypatch.setattr(parser, "numpy_blas", lambda: "scipy-openblas")
    assert parser.gemm_backend() == "numpy"
    monkeypatch.setattr(parser, "numpy_blas", lambda: "")
    assert parser.gemm_backend() == "blis"
    monkeypatch.setattr(parser, "numpy_blas", lambda: "lapack-reference")
    assert parser.gemm_backend() == "blis"


def test_numpy_blas_is_read_from_numpy():
    # this machine's numpy says which BLAS it was built with (a wheel from PyPI: OpenBLAS)
    name = parser.numpy_blas()
    assert isinstance(name, str)
    import numpy
    cfg = numpy.show_config(mode="dicts")
    assert name == cfg["Build Dependencies"]["blas"]["name"]
