"""Watchlists of early signs: a watch is a saved event query plus a condition, evaluated after
every ingest or fetch into a state (quiet, triggered, escalating) with the events and sentences
that decided it, and into alerts (once per event per watch) delivered as Atom feeds, signed
webhooks and the workbench.

* :mod:`kizashi.watch.spec`: the watch's definition (:class:`WatchSpec`), validated once;
* :mod:`kizashi.watch.evaluate`: matching events, the baseline rule, the state;
* :mod:`kizashi.watch.store`: watches in the database (add, list, show, change, remove);
* :mod:`kizashi.watch.alerts`: alerts, updated not repeated; marking them read;
* :mod:`kizashi.watch.atom`: Atom feeds (RFC 4287) per watch and for all;
* :mod:`kizashi.watch.webhook`: signed JSON POSTs with retries.
"""
