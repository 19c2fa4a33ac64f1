"""Shared fixtures: the real pipeline, a real SQLite file and a real, throwaway PostgreSQL cluster,
and the demo corpus ingested once per session.

The PostgreSQL cluster (:class:`kizashi.store.pgcluster.PgCluster`) is created once per test
session and deleted at the end; every test gets a fresh database in it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kizashi.store.pgcluster import PgCluster, free_port, pg_bindir

PG_SKIP = "PostgreSQL server binaries not installed: run .ci/postgres.sh"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    """A running throwaway PostgreSQL cluster, or None when the server binaries are missing."""
    bindir = pg_bindir()
    if bindir is None:
        yield None
        return
    cluster = PgCluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """The URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kizashi.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        if os.environ.get("CI"):
            pytest.fail(PG_SKIP + " (CI must run the PostgreSQL tests)")
        pytest.skip(PG_SKIP)
    return cluster.create_database()


@pytest.fixture
def store(db_url):
    """A migrated :class:`kizashi.store.Store` on each backend."""
    from kizashi.store import Store

    s = Store(db_url)
    s.migrate()
    yield s
    s.close()


@pytest.fixture(scope="session")
def extract():
    """The real pipeline (GiNZA loaded once per test session)."""
    from kizashi.pipeline import extract as _extract

    return _extract


REPO = Path(__file__).resolve().parent.parent
DEMO_CORPUS = REPO / "samples" / "fusion"


@pytest.fixture(scope="session")
def demo_db(extract, tmp_path_factory) -> str:
    """The URL of a SQLite database holding the bundled demo corpus (``samples/fusion``), ingested
    with the real extractor and fused, once per session. Read-only for the tests that use it."""
    from kizashi.ingest.sources import iter_articles
    from kizashi.store import Store
    from kizashi.store.fusion_sync import refresh_events

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    with Store(url) as s:
        s.migrate()
        for art in iter_articles([str(DEMO_CORPUS)]):
            assert not isinstance(art, Exception), art
            s.save_article(art, extract(art.text, doc_id=art.id, published=art.published))
        refresh_events(s)
    return url


class AppServer:
    """An ASGI app served by uvicorn over real HTTP on a free port of 127.0.0.1, in a thread
    (``start``/``stop``, or a context manager); ``base`` is its URL."""

    def __init__(self, app, log_level: str = "warning"):
        import threading

        import uvicorn

        self.app = app
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level=log_level,
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class LiveServer(AppServer):
    """``kizashi.server.build_app`` on the store at ``url``, served as :class:`AppServer`."""

    def __init__(self, url: str):
        from kizashi.server import build_app
        from kizashi.store import Store

        self.store = Store(url)
        super().__init__(build_app(self.store))

    def stop(self) -> None:
        super().stop()
        self.store.close()


@pytest.fixture(scope="session")
def live_server(demo_db):
    """The whole application (API + workbench) on the demo corpus, over real HTTP:
    ``live_server.base`` is ``http://127.0.0.1:PORT``."""
    srv = LiveServer(demo_db).start()
    yield srv
    srv.stop()


def mention_from(spec: dict, doc_id: str, text: str, published: str | None = None):
    """An :class:`EventMention` record written by a test (no extractor): ``spec`` gives
    ``type``, ``mode``, ``actor``, ``recipient`` (codes), ``factuality``, ``date``,
    ``quantity`` (a Quantity's fields), ``date_text`` (words of the sentence that state the
    date: fusion then keeps events of different dates apart) and the ``sentence`` of ``text``
    it stands on."""
    from kizashi.records import Entity, EventMention, Quantity, Span

    sentence = spec.get("sentence") or text
    start = max(0, text.find(sentence))
    end = start + len(sentence)

    def ents(v):
        return [Entity(code=c, text=c) for c in ([v] if isinstance(v, str) else v or [])]

    q = spec.get("quantity")
    return EventMention(
        doc=doc_id, event_type=spec["type"], mode=spec.get("mode"),
        trigger=Span(text[start:start + 2], start, start + 2),
        evidence=Span(text[start:end], start, end), actor=ents(spec.get("actor")),
        recipient=ents(spec.get("recipient")), date=spec.get("date") or published,
        date_text=spec.get("date_text"),
        factuality=spec.get("factuality", "asserted"),
        quantities=[Quantity(**q)] if q else [], confidence=spec.get("confidence", 0.8))


@pytest.fixture(scope="session")
def record_mention():
    """:func:`mention_from` as a fixture: records written by the test, no extractor."""
    return mention_from
