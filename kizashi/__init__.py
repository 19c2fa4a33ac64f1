"""kizashi: Japanese-first geopolitical event intelligence (PLOVER events from Japanese news)."""
from __future__ import annotations

__version__ = "0.1.0"


def extract(text, doc_id="doc", published=None, min_confidence=None):
    """Event mentions of one Japanese document: see :func:`kizashi.pipeline.extract`."""
    from kizashi.pipeline import extract as _extract

    return _extract(text, doc_id=doc_id, published=published, min_confidence=min_confidence)


__all__ = ["extract", "__version__"]
