"""Shared fixtures: the real pipeline, a real SQLite file and a real, throwaway PostgreSQL cluster,
and the demo corpus ingested once per session.

The PostgreSQL cluster is created once per test session with the server binaries of Debian's
``postgresql`` package (``.ci/postgres.sh`` installs them): ``initdb`` into a temporary directory
(owned by the ``postgres`` user when the tests run as root, since initdb refuses root), started
with ``pg_ctl`` on a free TCP port of 127.0.0.1 with trust authentication, UTF-8 and the C.UTF-8
locale, and stopped and deleted at the end. Every test gets a fresh database in it.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


PG_SKIP = "PostgreSQL server binaries not installed: run .ci/postgres.sh"
BACKENDS = ["sqlite", "postgresql"]


def _pg_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` (or ``$KIZASHI_PG_BINDIR``) that has initdb."""
    override = os.environ.get("KIZASHI_PG_BINDIR")
    if override:
        p = Path(override)
        return p if (p / "initdb").exists() and (p / "pg_ctl").exists() else None

    def version(p: str) -> tuple[int, ...]:
        v = Path(p).parts[-3]
        return tuple(int(x) for x in v.split(".") if x.isdigit())

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kizashi-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.user = "kizashi"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
            os.chmod(self.root, 0o700)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(a) for a in args]
        if self.as_root:
            runuser = shutil.which("runuser")
            cmd = [runuser, "-u", "postgres", "--", *cmd] if runuser else \
                ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(_quote, cmd))]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)

    def start(self) -> None:
        r = self._run(self.bindir / "initdb", "-D", self.data, "-U", self.user, "-A", "trust",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if r.returncode:
            raise RuntimeError(f"initdb failed:\n{r.stdout}\n{r.stderr}")
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        r = self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-o", opts,
                      "-w", "-t", "60", "start")
        if r.returncode:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{r.stdout}\n{r.stderr}\n{log}")

    def stop(self) -> None:
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{db}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


@pytest.fixture(scope="session")
def pg_cluster():
    """A running throwaway PostgreSQL cluster, or None when the server binaries are missing."""
    bindir = _pg_bindir()
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


class LiveServer:
    """``kizashi.server.build_app`` served by uvicorn over real HTTP on 127.0.0.1 (in a thread)."""

    def __init__(self, url: str):
        import threading

        import uvicorn

        from kizashi.server import build_app
        from kizashi.store import Store

        self.store = Store(url)
        self.app = build_app(self.store)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> "LiveServer":
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
        self.store.close()


@pytest.fixture(scope="session")
def live_server(demo_db):
    """The whole application (API + workbench) on the demo corpus, over real HTTP:
    ``live_server.base`` is ``http://127.0.0.1:PORT``."""
    srv = LiveServer(demo_db).start()
    yield srv
    srv.stop()
