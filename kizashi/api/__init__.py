"""The JSON API (FastAPI) under ``/api/v1``, on the query layer of :mod:`kizashi.store`."""
