"""The discourse layer: what each sentence of a document does (:mod:`kizashi.discourse.roles`).

``kizashi.discourse.roles`` holds the rules and is what the pipeline's ``roles`` component runs;
``kizashi.discourse.reader`` labels a stored document's sentences for the document reader and
for mentions stored before the layer existed (it runs the first components of the pipeline)."""
from __future__ import annotations

from kizashi.discourse.roles import (LABELS, ROLES, RoleDecision, RoleLexicon, classify,
                                     default_lexicon)

__all__ = ["LABELS", "ROLES", "RoleDecision", "RoleLexicon", "classify", "default_lexicon"]
