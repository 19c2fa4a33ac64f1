"""Fixtures of the daily-loop tests: a local web site on 127.0.0.1 (:mod:`kizashi.fetch.localsite`)
and a fetcher with short timeouts and no politeness delay (tests that check the delay set their
own)."""
from __future__ import annotations

import pytest

from kizashi.fetch.http import Fetcher
from kizashi.fetch.localsite import LocalSite
from loophelp import FAST, validate_atom


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


@pytest.fixture
def fetcher():
    with Fetcher(FAST) as f:
        yield f


@pytest.fixture
def no_nlp():
    """An extractor that finds nothing, and records what it was given."""
    calls = []

    def extract(text, doc_id=None, published=None, **_kw):
        calls.append(doc_id)
        return []

    extract.calls = calls
    return extract



@pytest.fixture(scope="session")
def atom_validator():
    return validate_atom
