"""Helpers of the daily-loop tests (imported by name: a module name no other test folder uses):
the fast fetch policy, the Atom validator, a webhook receiver on 127.0.0.1."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kizashi.fetch.http import FetchPolicy

FAST = FetchPolicy(timeout=1.0, total_timeout=3.0, delay=0.0, retries=2, backoff=0.01,
                   max_backoff=2.0, max_bytes=200_000)


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


class Receiver:
    """A webhook receiver on 127.0.0.1 that fails the first ``fail`` deliveries."""

    def __init__(self, fail: int = 0):
        self.got: list[tuple[dict, bytes]] = []
        self.fail = fail
        rec = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                if rec.fail > 0:
                    rec.fail -= 1
                    self.send_response(503)
                else:
                    rec.got.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
