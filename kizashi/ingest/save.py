"""Storing one article: checked, extracted unless unchanged, saved (``kizashi ingest`` and
``kizashi fetch`` both go through :func:`ingest_article`)."""
from __future__ import annotations

__all__ = ["ingest_article"]


def ingest_article(store, item, extract) -> tuple[str, int, list[str]]:
    """Store one article: ``(status, mentions, notes)``. The article is checked first
    (:func:`kizashi.store.check_article`), an unchanged one (same content hash as stored) is
    not extracted again, warnings of the extractor (a run without a sentence end that was cut)
    are returned as notes. Raises whatever extraction or storage raises."""
    import warnings

    from kizashi.store import check_article, content_hash

    item = check_article(item)
    if store.stored_hash(item.id) == content_hash(item):
        return "unchanged", 0, []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mentions = extract(item.text, doc_id=item.id, published=item.published)  # threshold: see cmd_ingest
    notes = [str(w.message) for w in caught]
    return store.save_article(item, mentions), len(mentions), notes
