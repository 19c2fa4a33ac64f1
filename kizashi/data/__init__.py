"""Data files shipped with kizashi (lexicons, gazetteers, PLOVER tables) and their reader."""
from __future__ import annotations

from kizashi.model import read_tsv as read_table  # noqa: F401 - the one TSV reader
