"""Reader inputs that escaped as exceptions or dropped a whole file (issue 9), each with its
smallest case: the bad record is one InputError naming FILE:LINE or the entry, the rest is read."""
from __future__ import annotations

from kizashi.errors import InputError
from kizashi.ingest.sources import iter_articles
from kizashi.records import Article

GOOD = '{"id": "ok", "text": "韓国は日本と会談した。"}\n'


def _read(path):
    return list(iter_articles([str(path)]))


def test_jsonl_id_of_5000_digits_is_one_bad_line(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_text('{"id": ' + "9" * 5000 + ', "text": "北朝鮮は砲弾を供与した。"}\n' + GOOD,
                 encoding="utf-8")
    bad, good = _read(f)
    assert isinstance(bad, InputError) and bad.source == f"{f}:1" and "digits" in bad.problem
    assert isinstance(good, Article) and good.id == "ok" and good.record == "line 2"


def test_deeply_nested_jsonl_line_is_one_bad_line(tmp_path):
    f = tmp_path / "deep.jsonl"
    f.write_text('{"text": "a", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + GOOD,
                 encoding="utf-8")
    bad, good = _read(f)
    assert isinstance(bad, InputError) and "nested too deeply" in bad.problem
    assert isinstance(good, Article)


def test_jsonl_lone_surrogates_become_replacement_characters(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s", "text": "北朝鮮は\\ud800砲弾を供与した。", "title": "\\udc00"}\n',
                 encoding="utf-8")
    (a,) = _read(f)
    assert a.text == "北朝鮮は\ufffd砲弾を供与した。" and a.title == "\ufffd"


def test_control_character_in_one_feed_entry_keeps_the_feed(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>架空通信</title>'
        '<item><title>一\x0b</title><link>https://news.example.jp/1</link><description><![CDATA['
        '<p>北朝鮮はロシアに砲弾を供与した。\x01</p>]]></description></item>'
        '<item><title>二</title><link>https://news.example.jp/2</link>'
        '<description>韓国は日本と会談した。</description></item></channel></rss>',
        encoding="utf-8")
    arts = _read(f)
    assert [type(a).__name__ for a in arts] == ["Article", "Article"], arts
    assert arts[0].text == "北朝鮮はロシアに砲弾を供与した。" and arts[0].record == "entry 1"


def test_month_only_dc_date_and_a_named_leader(tmp_path, extract):
    f = tmp_path / "feed.xml"
    f.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>架空通信</title>'
        '<item><title>訪朝</title><link>https://news.example.jp/3</link>'
        '<description>プーチン大統領は北朝鮮を訪問した。</description>'
        '<dc:date>2024-06</dc:date></item></channel></rss>', encoding="utf-8")
    (a,) = _read(f)
    assert a.published == "2024-06"
    ms = extract(a.text, doc_id=a.id, published=a.published)
    assert [m.event_type for m in ms] == ["CONSULT"]


def test_html_nested_deeper_than_255_still_gives_its_text(tmp_path):
    f = tmp_path / "deep.html"
    body = "<p>北朝鮮はロシアに砲弾を供与した。韓国は日本と会談した。これは架空の記事の本文である。</p>" * 4
    f.write_text("<html><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>",
                 encoding="utf-8")
    (a,) = _read(f)
    assert isinstance(a, Article), a
    assert a.text.startswith("北朝鮮はロシアに砲弾を供与した。")
