"""UI strings: ja and en have the same keys, the same {fields}, and a label for every PLOVER
type, quad class and factuality value (no browser)."""
from __future__ import annotations

import json
import re
import string

import pytest

from kizashi.web import i18n
from kizashi.web.app import FACTUALITIES, QUADS


def load(lang):
    with open(i18n.DIR / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


def fields(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name}


def test_same_keys():
    ja, en = load("ja"), load("en")
    assert set(ja) - set(en) == set(), "keys missing in en.json"
    assert set(en) - set(ja) == set(), "keys missing in ja.json"


def test_same_placeholders_and_no_empty_string():
    ja, en = load("ja"), load("en")
    for k in ja:
        assert ja[k].strip() and en[k].strip(), k
        assert fields(ja[k]) == fields(en[k]), k


def test_labels_for_every_code():
    from kizashi.store.queries import plover

    for lang in i18n.LANGS:
        table = load(lang)
        missing = [f"type.{t}" for t in plover() if f"type.{t}" not in table]
        missing += [f"quad.{q}" for q in QUADS if f"quad.{q}" not in table]
        missing += [f"fact.{f}" for f in FACTUALITIES if f"fact.{f}" not in table]
        assert not missing, (lang, missing)


def test_every_key_used_in_templates_exists():
    from kizashi.web.app import TEMPLATES, HERE

    used = set()
    sources = list(TEMPLATES.glob("*.html")) + list(HERE.glob("*.py"))
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*['"]([a-z_]+\.[A-Za-z0-9_.\-]+)['"]\s*[,)]""",
                               path.read_text(encoding="utf-8")))
    assert used, "no key found"
    ja = load("ja")
    assert sorted(k for k in used if k not in ja) == []


def test_english_is_english_and_japanese_is_japanese():
    ja, en = load("ja"), load("en")
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja["nav.events"])
    assert en["nav.events"] == "Events"


@pytest.mark.parametrize("query,cookie,expect", [
    (None, None, ("ja", False)), ("en", None, ("en", True)), (None, "en", ("en", False)),
    ("ja", "en", ("ja", True)), ("xx", "yy", ("ja", False))])
def test_pick_lang(query, cookie, expect):
    assert i18n.pick_lang(query, cookie) == expect


def test_translator_fills_fields_and_falls_back():
    t = i18n.Translator("en")
    assert t("unit.events", n=3) == "3 events"
    assert t("no.such.key") == "no.such.key"
    assert t.maybe("type", "AID") == "Aid" and t.maybe("type", "XYZ") == "XYZ"
