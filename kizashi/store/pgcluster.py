"""A throwaway PostgreSQL cluster for tests and benchmarks.

Created with the server binaries of Debian's ``postgresql`` package (``.ci/postgres.sh`` installs
them): ``initdb`` into a temporary directory (owned by the ``postgres`` user when run as root,
since initdb refuses root), started with ``pg_ctl`` on a free TCP port of 127.0.0.1 with trust
authentication, UTF-8 and the C.UTF-8 locale, durability off (fsync, synchronous commit), and
deleted by :meth:`PgCluster.stop`. Not for data you want to keep.
"""
from __future__ import annotations

import glob
import shlex
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def pg_bindir() -> Path | None:
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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kizashi-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
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
                ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(shlex.quote, cmd))]
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
