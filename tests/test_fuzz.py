"""Fuzzing the readers and ``kizashi.extract()`` (issue 9): whatever the input, only
:class:`~kizashi.errors.InputError` escapes, and every offset of a record points at the
characters the record says it covers.

The inputs are built from pieces that made things break before: names and triggers of our own
sentences, invisible characters (zero-width, bidi controls, selectors), lone surrogates, control
characters, brackets, long runs without punctuation, partial dates, huge numbers and deep
nesting, mixed with arbitrary characters. Bounded: ``KIZASHI_FUZZ_EXAMPLES`` (default 150 per
test) sets the examples of each test; a campaign runs it with 2,000.

The ``extract()`` tests are marked ``fuzz`` (they run in the full suite; ``-m "not fuzz"``
leaves them out of a quick run).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizashi.errors import InputError
from kizashi.records import Article

EXAMPLES = int(os.environ.get("KIZASHI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["北朝鮮", "ロシア", "プーチン大統領", "金正恩総書記", "米国", "韓国", "日本政府", "中国",
         "は", "が", "に", "を", "と", "の", "で", "から", "に対し", "によると",
         "砲弾", "兵士", "約1万人", "3000発", "5億ドル", "供与した", "派遣した", "会談した",
         "非難した", "制裁を科した", "支援する", "訪問し", "合意したとみられる", "しなかった",
         "2024年6月19日", "同日", "昨年", "19日", "令和6年", "両国", "同氏",
         "。", "、", "「", "」", "（", "）", "\n", "\n\n", " ", "　", "・", "|", "#"]
ODD = ["\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad",
       "\ufe0f", "\ud800", "\udfff", "\x00", "\x01", "\x1b", "\x7f", "\u3099", "\uff9e", "\r",
       "\U0001f600", "～", "①", "㈱"]
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD),
                   st.text(max_size=8), st.text(st.characters(min_codepoint=0x3040,
                                                              max_codepoint=0x9fff), max_size=12))
ACTORS = st.sampled_from(["北朝鮮", "ロシア", "プーチン大統領", "金正恩総書記", "米国", "韓国",
                          "日本政府", "中国", "ロシア国防省", "両国", "同氏", "国連安全保障理事会"])
CLAUSES = st.tuples(
    st.sampled_from(["", "2024年6月19日、", "同日、", "昨年、", "19日、"]), ACTORS,
    st.sampled_from(["は", "が"]), ACTORS,
    st.sampled_from(["に", "と", "を", "に対し", "への"]),
    st.sampled_from(["", "砲弾を", "約1万人の兵士を", "3000発のミサイルを", "5億ドルの支援を",
                     "追加制裁を", "弾道ミサイルを"]),
    st.sampled_from(["供与した", "派遣した", "会談した", "非難した", "科した", "支援すると約束した",
                     "発射した", "訪問した", "合意したとみられる", "供与しなかった",
                     "派遣したと発表した", "協力を強化する方針だ"]),
    st.sampled_from(["。", "", "」と述べた。", "\n", "、"]))
SENTENCES = CLAUSES.map("".join)


def _sprinkle(parts: tuple[str, list[tuple[int, str]]]) -> str:
    """Insert odd characters at the given positions of a sentence."""
    text, inserts = parts
    for pos, ch in sorted(inserts, reverse=True):
        pos = pos % (len(text) + 1)
        text = text[:pos] + ch + text[pos:]
    return text


NOISY = st.tuples(SENTENCES, st.lists(st.tuples(st.integers(0, 60), st.sampled_from(ODD)),
                                       max_size=3)).map(_sprinkle)
TEXTS = st.lists(st.one_of(NOISY, NOISY, PIECES), max_size=12).map("".join)
DATES = st.one_of(st.none(), st.sampled_from(["2024", "2024-06", "2024-06-19", "2024-13-01",
                                              "0000-01-01", "yesterday", "2024-06-31", ""]),
                  st.text(max_size=12))


def _check_span(text: str, span) -> None:
    assert 0 <= span.start <= span.end <= len(text), span
    assert text[span.start:span.end] == span.text, (span, text[span.start:span.end])


def _check_mentions(text: str, mentions) -> None:
    for m in mentions:
        _check_span(text, m.trigger)
        _check_span(text, m.evidence)
        assert m.evidence.start <= m.trigger.start and m.trigger.end <= m.evidence.end
        for e in [*m.actor, *m.recipient, *m.source_of_claim]:
            if e.start is not None:
                assert text[e.start:e.end] == e.text, (e, text[e.start:e.end])
        for q in m.quantities:
            if q.start is not None:
                assert text[q.start:q.end] == q.text, (q, text[q.start:q.end])
        json.dumps(m.to_dict(), ensure_ascii=False).encode("utf-8")   # writable as UTF-8


# extract() takes an ISO date at any precision (or none); anything else is an InputError that
# names the parameter
VALID_DATES = st.one_of(st.none(), st.sampled_from(["2024", "2024-06", "2024-06-19", "1999-12-31"]),
                        st.text(max_size=12))


@pytest.mark.fuzz
@FUZZ
@given(text=TEXTS, published=VALID_DATES)
def test_extract_only_input_error_escapes_and_offsets_hold(extract, text, published):
    try:
        mentions = extract(text, doc_id="fuzz", published=published)
    except InputError:
        return
    _check_mentions(text, mentions)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["北朝鮮", "ロシア", "プーチン大統領", "砲弾を",
                                           "供与した", "会談した", "訪問した", "ロシアに"]),
                          st.sampled_from(ODD[:10] + [""])), min_size=1, max_size=12))
def test_extract_with_invisible_characters_inside_words(extract, parts):
    text = "".join(w[:1] + odd + w[1:] for w, odd in parts) + "。"
    _check_mentions(text, extract(text, doc_id="fuzz", published="2024-06-19"))


# --- readers -----------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXTS),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12)
RECORDS = st.fixed_dictionaries(
    {"text": st.one_of(TEXTS, JSON_VALUES)},
    optional={"id": st.one_of(st.text(max_size=80), st.integers(), JSON_VALUES),
              "title": st.one_of(TEXTS, JSON_VALUES), "published": st.one_of(DATES, JSON_VALUES),
              "source": st.one_of(st.text(max_size=250), JSON_VALUES),
              "url": st.one_of(st.text(max_size=30), JSON_VALUES)})
RAW_LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=bool(r) and len(r) % 2 == 0)),
    st.sampled_from(['{"id": ' + "9" * 5000 + ', "text": "x"}', "[" * 5000 + "]" * 5000,
                     '{"text": "a"', "", "null", '"text"', '{"text": "\\ud800"}',
                     '{"text": "\\u0000北朝鮮"}']),
    st.text(max_size=40))
JSONL = st.lists(RAW_LINES, max_size=8).map("\n".join)

ENTRY = st.tuples(TEXTS, TEXTS, DATES, st.text(max_size=20)).map(
    lambda t: f"<item><title>{t[0]}</title><link>https://news.example.jp/{t[3]}</link>"
              f"<description><![CDATA[<p>{t[1]}</p>]]></description>"
              f"<pubDate>{t[2] or ''}</pubDate></item>")
FEEDS = st.tuples(st.lists(ENTRY, max_size=4), st.sampled_from(["", "\x01", "<", "&", "]]>"])).map(
    lambda t: '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
              "<title>架空通信</title>" + t[1].join(t[0]) + "</channel></rss>")
HTML = st.tuples(st.integers(0, 400), TEXTS, st.sampled_from(["div", "span", "p", "b"])).map(
    lambda t: "<html><head><title>見出し</title></head><body>" + f"<{t[2]}>" * t[0]
              + f"<p>{t[1]}</p>" + f"</{t[2]}>" * t[0] + "</body></html>")
FILES = st.one_of(
    st.tuples(st.just(".jsonl"), JSONL), st.tuples(st.just(".xml"), FEEDS),
    st.tuples(st.just(".html"), HTML), st.tuples(st.just(".txt"), TEXTS),
    st.tuples(st.sampled_from([".txt", ".jsonl", ".xml", ".html", ""]),
              st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))


def _write(suffix: str, content: str, folder: Path) -> Path:
    f = folder / f"input{suffix}"
    f.write_bytes(content.encode("utf-8", "surrogatepass"))
    return f


@FUZZ
@given(FILES)
def test_readers_yield_only_articles_and_input_errors(case):
    from kizashi.ingest.sources import iter_articles
    from kizashi.store import check_article

    suffix, content = case
    with tempfile.TemporaryDirectory() as d:
        f = _write(suffix, content, Path(d))
        for item in iter_articles([str(f)]):
            assert isinstance(item, (Article, InputError)), item
            if isinstance(item, InputError):
                assert item.source.startswith(str(f)), item
                continue
            assert isinstance(item.text, str) and item.text.strip()
            try:
                checked = check_article(item)
            except InputError:
                continue
            for value in (checked.text, checked.title, checked.source, checked.url):
                if value is not None:
                    value.encode("utf-8")
            assert len(checked.text) == len(item.text)
