"""The GiNZA dependency parser, loaded once with only the components kizashi reads.

kizashi reads tokens, lemmas, part-of-speech and the dependency tree. GiNZA's NER is left out
(the gazetteer finds actors; docs/performance.md has the measurement), and so is the compound
splitter. The bunsetu recogniser stays: it turns the parser's bunsetu-level labels
(``nsubj_bunsetu``) into the plain UD labels kizashi reads.
"""
from __future__ import annotations

import os
from functools import lru_cache

#: components of ja_ginza that kizashi does not use
EXCLUDED = ("ner", "compound_splitter")


@lru_cache(maxsize=1)
def load_parser():
    """``spacy.load("ja_ginza")`` without the components in :data:`EXCLUDED`."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import spacy

    try:
        return spacy.load("ja_ginza", exclude=list(EXCLUDED))
    except OSError as exc:  # the model package is missing
        raise RuntimeError(
            "the GiNZA model is not installed: run `pip install ja_ginza` (it ships its weights)"
        ) from exc


def parse_many(texts: list[str], batch_size: int = 64):
    """Parse sentences in batches; yields spaCy ``Doc`` objects in order."""
    nlp = load_parser()
    yield from nlp.pipe(texts, batch_size=batch_size)
