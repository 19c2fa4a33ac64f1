"""`kizashi serve` as a user runs it: a real subprocess serving the demo database over HTTP."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses (hex, as in /proc/net/tcp*) of sockets listening on ``port``."""
    out = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(name).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A":          # 0A: LISTEN
                out.add(addr)
    return out


def test_serve_binds_localhost_and_answers(demo_db, tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kizashi.cli", "serve", "--db", demo_db, "--port", str(port),
         "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        health = None
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            try:
                health = httpx.get(base + "/api/v1/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200, "server did not answer"
        assert health.json()["status"] == "ok" and health.json()["counts"]["documents"] == 16
        # bound to the loopback address only (127.0.0.1 = 0100007F in /proc/net/tcp)
        assert listening_addresses(port) == {"0100007F"}
        events = httpx.get(base + "/api/v1/events", params={"limit": 2}, timeout=30)
        assert events.status_code == 200 and len(events.json()["items"]) == 2
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert f"http://127.0.0.1:{port}/" in out, (out, err)
    assert "Traceback" not in err, err
    assert proc.returncode == 0, (proc.returncode, err)


def test_serve_refuses_a_missing_database(tmp_path):
    missing = tmp_path / "missing.db"
    r = subprocess.run([sys.executable, "-m", "kizashi.cli", "serve", "--db", str(missing),
                        "--port", str(free_port())], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "kizashi ingest" in r.stderr
    assert not missing.exists()


def test_serve_help():
    r = subprocess.run([sys.executable, "-m", "kizashi.cli", "serve", "--help"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0
    assert "127.0.0.1" in r.stdout and "--port" in r.stdout and "--no-migrate" in r.stdout
