"""Canonical URLs: one key for the variants of one article's address.

``https://m.example.jp/news/1?utm_source=x#top``, ``https://example.jp/news/1/amp`` and
``https://amp.example.jp/news/1`` are the same article as ``https://example.jp/news/1``:
:func:`canonical_url` lower-cases scheme and host, drops the default port, ``www.``, mobile and
AMP host prefixes (``m.``, ``sp.``, ``mobile.``, ``amp.``), AMP path forms (``/amp``,
``/amp/``, ``.amp``, ``/amp.html`` at the end, ``amp=1``/``outputType=amp``), tracking
parameters (``utm_*``, ``fbclid``, ``gclid``...), the fragment and a trailing slash, and sorts
the remaining query parameters. :func:`url_key` hashes it.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "url_key", "absolute", "host_of", "TRACKING_PARAMS"]

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
    "ref_src", "ref_url", "cmpid", "spm", "_ga", "_gl", "ocid", "ncid", "icid", "s_cid", "n_cid",
})
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_")
_AMP_PARAMS = {"amp": None, "outputtype": "amp", "output": "amp"}   # name -> value (None: any)
_HOST_PREFIXES = ("www.", "m.", "sp.", "mobile.", "amp.", "touch.")
_AMP_PATH = re.compile(r"(?:/amp/?|\.amp|/amp\.html?)$", re.I)


def _drop_param(name: str, value: str) -> bool:
    """Whether a query parameter only tracks the reader or asks for the AMP form."""
    n = name.lower()
    if n.startswith(_TRACKING_PREFIXES) or n in TRACKING_PARAMS:
        return True
    if n in _AMP_PARAMS:
        want = _AMP_PARAMS[n]
        return want is None or value.lower() == want
    return False


def canonical_url(url: str) -> str:
    """The canonical form of the http(s) URL ``url`` (see the module docstring). A URL of
    another scheme is returned stripped, unchanged otherwise."""
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for p in _HOST_PREFIXES:
            if host.startswith(p) and host.count(".") >= 2:
                host = host[len(p):]
                changed = True
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = _AMP_PATH.sub("", path) or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _drop_param(k, v))
    # http and https name the same article: the key is made from https
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


def url_key(url: str) -> str:
    """A 40-character key of the canonical form of ``url``."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()


def absolute(base: str, href: str) -> str | None:
    """``href`` made absolute against ``base``, without fragment; None unless http(s)."""
    href = (href or "").strip()
    if not href or href.startswith(("javascript:", "mailto:", "tel:", "data:", "#")):
        return None
    u = urljoin(base, href)
    parts = urlsplit(u)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """``host[:port]`` of ``url``, lower-cased: the unit of politeness."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host
