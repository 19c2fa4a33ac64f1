"""Live sources: ``kizashi sources`` and ``kizashi fetch``.

* :mod:`kizashi.fetch.urls`: canonical URLs (tracking parameters, mobile hosts and AMP variants
  collapse to one key);
* :mod:`kizashi.fetch.http`: the polite HTTP client (httpx): conditional GET, per-host delay and
  concurrency limit, robots.txt, timeouts, retries with backoff, redirects, a size cap, declared
  and sniffed encodings;
* :mod:`kizashi.fetch.sources`: the sources stored in the database and their health;
* :mod:`kizashi.fetch.run`: one pass over the due sources (feeds, index pages, article URLs),
  articles extracted with trafilatura and ingested.
"""
