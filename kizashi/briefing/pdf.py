"""PDF from HTML through headless Chromium's own print (``--print-to-pdf``): the print
stylesheet decides the layout, A4, charts are the inline SVG of the HTML. The binary is
``$KIZASHI_CHROMIUM`` (refused by name when nothing runs there), else ``/usr/bin/chromium``
(Debian's), else ``chromium`` or ``chromium-browser`` on the PATH. Nothing is fetched: the HTML is standalone and the browser is
started with networking limited to the local file."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kizashi.briefing.build import BriefingError

TIMEOUT = 120


def chromium() -> str:
    """The Chromium binary to print with; :class:`BriefingError` when there is none."""
    env = os.environ.get("KIZASHI_CHROMIUM", "").strip()
    if env:                                  # the user's choice: used, or refused by name
        if Path(env).is_file() and os.access(env, os.X_OK):
            return env
        raise BriefingError(f"KIZASHI_CHROMIUM={env}: no executable there; unset it to use "
                            "/usr/bin/chromium, or point it at a Chromium binary")
    if Path("/usr/bin/chromium").is_file() and os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise BriefingError("PDF needs Chromium: install Debian's chromium (apt install chromium) "
                        "or set KIZASHI_CHROMIUM to its path; md and html need nothing")


def html_to_pdf(html: str, timeout: int = TIMEOUT) -> bytes:
    """``html`` (a standalone document) printed to PDF by headless Chromium."""
    binary = chromium()
    with tempfile.TemporaryDirectory(prefix="kizashi-pdf-") as tmp:
        src = Path(tmp) / "briefing.html"
        out = Path(tmp) / "briefing.pdf"
        src.write_text(html, encoding="utf-8")
        cmd = [binary, "--headless=new", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--disable-extensions", "--disable-sync",
               "--disable-background-networking", "--no-first-run", "--mute-audio",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
               f"--print-to-pdf={out}", src.as_uri()]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BriefingError(f"{binary} did not print the PDF within {timeout} s") from None
        if run.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            tail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise BriefingError(f"{binary} could not print the PDF (exit {run.returncode}): "
                                f"{tail[0][:200]}")
        return out.read_bytes()
