"""Fixtures of the daily-loop tests: a local web site on 127.0.0.1 (:mod:`kizashi.fetch.localsite`)
and a fetcher with short timeouts and no politeness delay (tests that check the delay set their
own)."""
from __future__ import annotations

import pytest

from kizashi.fetch.http import Fetcher, FetchPolicy
from kizashi.fetch.localsite import LocalSite

FAST = FetchPolicy(timeout=1.0, total_timeout=3.0, delay=0.0, retries=2, backoff=0.01,
                   max_backoff=2.0, max_bytes=200_000)


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

    def extract(text, doc_id=None, published=None):
        calls.append(doc_id)
        return []

    extract.calls = calls
    return extract


ATOM_RNG = __import__("pathlib").Path(__file__).with_name("data") / "atom.rng"
RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"


def validate_atom(data: bytes) -> list[dict]:
    """Check an Atom document (RFC 4287): the RELAX NG grammar of tests/loop/data/atom.rng,
    then the rules a grammar cannot say (RFC 3339 dates, absolute unique ids, authors, an
    alternate link where there is no content, one alternate per type), then feedparser reads
    it without complaint. Returns the entries as feedparser sees them."""
    import re

    import feedparser
    from lxml import etree

    doc = etree.fromstring(data)
    rng = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    assert rng.validate(doc), rng.error_log
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for el in list(doc.iterfind(".//a:updated", ns)) + list(doc.iterfind(".//a:published", ns)):
        assert re.match(RFC3339, el.text or ""), el.text
    ids = [e.text for e in doc.iterfind("a:entry/a:id", ns)]
    assert len(ids) == len(set(ids)), "entry ids repeat"
    for i in ids + [doc.findtext("a:id", namespaces=ns)]:
        assert re.match(r"^[a-z][a-z0-9+.-]*:", i or ""), f"id {i!r} is not an absolute IRI"
    feed_author = doc.find("a:author", ns) is not None
    for e in doc.iterfind("a:entry", ns):
        assert feed_author or e.find("a:author", ns) is not None, "an entry has no author"
        alts = [(l.get("type"), l.get("hreflang")) for l in e.iterfind("a:link", ns)
                if (l.get("rel") or "alternate") == "alternate"]
        assert alts or e.find("a:content", ns) is not None
        assert len(alts) == len(set(alts))
    for l in doc.iterfind(".//a:link", ns):
        assert re.match(r"^https?://", l.get("href")), l.get("href")
    assert any(l.get("rel") == "self" for l in doc.iterfind("a:link", ns))
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed.entries


@pytest.fixture(scope="session")
def atom_validator():
    return validate_atom
