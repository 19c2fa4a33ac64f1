"""UI strings of the workbench: ``i18n/<lang>.json`` (flat ``{"key": "text with {fields}"}``).

The language comes from ``?lang=`` (and is then kept in the ``kizashi_lang`` cookie), else the
cookie, else Japanese."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("ja", "en")
DEFAULT = "ja"
COOKIE = "kizashi_lang"
DIR = Path(__file__).resolve().parent / "i18n"


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, str]:
    with open(DIR / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


class Translator:
    """``t("key", n=3)``: the string of ``key`` in ``lang`` with ``{n}`` filled in; a missing key
    falls back to Japanese, then to the key itself (never raises while rendering)."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else DEFAULT
        self.table = strings(self.lang)

    def __call__(self, key: str, **fields) -> str:
        s = self.table.get(key)
        if s is None:
            s = strings(DEFAULT).get(key, key)
        if fields:
            try:
                return s.format(**fields)
            except (KeyError, IndexError, ValueError):
                return s
        return s

    def has(self, key: str) -> bool:
        return key in self.table

    def maybe(self, prefix: str, value: str | None) -> str:
        """The label of ``prefix.value`` (an event type, quad class...), else the value itself."""
        if value is None:
            return self("misc.none")
        key = f"{prefix}.{value}"
        return self(key) if key in self.table else str(value)


def pick_lang(query_lang: str | None, cookie_lang: str | None) -> tuple[str, bool]:
    """The page language and whether the cookie must be (re)set."""
    if query_lang in LANGS:
        return query_lang, query_lang != cookie_lang
    if cookie_lang in LANGS:
        return cookie_lang, False
    return DEFAULT, False
