"""The analyst workbench: server-rendered pages on the query layer of :mod:`kizashi.store`."""
