"""Errors that reach users: each names the input and says what to do."""
from __future__ import annotations


class KizashiError(Exception):
    """Base class of errors kizashi reports to users."""


class InputError(KizashiError):
    """An input file or text that cannot be read; ``source`` names it."""

    def __init__(self, source: str, problem: str, hint: str | None = None):
        self.source = source
        self.problem = problem
        self.hint = hint
        msg = f"{source}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)
