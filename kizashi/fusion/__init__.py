"""Cross-document fusion of event mentions into events, and dyadic analytics over them."""
from __future__ import annotations

from kizashi.fusion.cluster import (Constraints, FusedEvent, MentionContext, cluster_mentions,
                                    context_for, extract_documents, find_conflicts, fuse,
                                    read_source)
from kizashi.fusion.dyads import FACTUALITY_WEIGHT, cooperation_conflict_index

__all__ = ["Constraints", "FusedEvent", "MentionContext", "cluster_mentions", "context_for", "extract_documents",
           "find_conflicts", "fuse", "read_source", "FACTUALITY_WEIGHT",
           "cooperation_conflict_index"]
