"""Briefings: the key developments of a period with their grades and citations, contested
claims, estimates, the cooperation–conflict index of the main dyads, and the analysis and
forecasts found in the sources (:mod:`kizashi.briefing.build`), rendered as Markdown, HTML or
PDF (:mod:`kizashi.briefing.render`)."""
from __future__ import annotations

from kizashi.briefing.build import BriefingError, build, parse_period

__all__ = ["BriefingError", "build", "parse_period"]
