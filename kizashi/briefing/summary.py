"""One-line summaries of fused events (``kizashi/data/summaries.tsv``): what happened, who to
whom, in Japanese or English."""
from __future__ import annotations

from functools import lru_cache

from kizashi.model import read_tsv

JOIN = {"ja": "・", "en": ", "}


@lru_cache(maxsize=1)
def templates() -> tuple[dict[str, str], ...]:
    return read_tsv("summaries.tsv")


def form_of(actors: list[str], recipients: list[str]) -> str:
    if recipients:
        return "directed"
    return "mutual" if len(actors) > 1 else "solo"


def summarise(event_type: str, mode: str | None, actors: list[str], recipients: list[str],
              lang: str = "ja", name=lambda c: c) -> str:
    """The summary of an event: the most specific template of its type, mode and form (a
    mutual or solo event falls back to a directed template with its parties), else the type
    and its parties. ``name(code)`` gives a participant's display name."""
    lang = lang if lang in JOIN else "ja"
    form = form_of(actors, recipients)
    rows = [r for r in templates() if r["type"] == event_type]
    best = None
    for want_mode, want_form in ((mode, form), (None, form), (mode, "directed"),
                                 (None, "directed")):
        best = next((r for r in rows if (r["mode"] or None) == (want_mode or None)
                     and r["form"] == want_form), None)
        if best:
            break
    j = JOIN[lang]
    a = j.join(name(c) for c in actors) or "?"
    r = j.join(name(c) for c in recipients) or ("?" if best and best["form"] == "directed"
                                                 and form == "directed" else "")
    p = j.join(name(c) for c in (*actors, *recipients)) or "?"
    if best is None:
        return f"{event_type}: {p}"
    if best["form"] == "directed" and form != "directed":
        r = r or ("?" if lang == "en" else "相手国")
    return best[lang].format(a=a, r=r, p=p)
