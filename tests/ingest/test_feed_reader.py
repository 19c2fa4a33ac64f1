"""kizashi.ingest.feeds: RSS 2.0, RSS 1.0 (RDF) and Atom entries as articles; broken feeds."""
from __future__ import annotations

import pytest

from kizashi.errors import InputError
from kizashi.ingest.feeds import iter_feed, looks_like_feed, read_feed
from kizashi.records import Article, article_id

# Invented entries of a fictitious outlet.
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>架空通信 国際ニュース</title><link>https://feed.example.jp/</link>
<description>架空の配信</description>
<item><title>外相会談、来月に開催へ</title><link>https://feed.example.jp/n/1</link>
<pubDate>Thu, 20 Jun 2024 08:00:00 +0900</pubDate>
<description>&lt;p&gt;両国の外相は来月、首都で会談する見通しとなった。&lt;/p&gt;&lt;p&gt;経済協力が主な議題となる。&lt;/p&gt;</description></item>
<item><title>港の封鎖が解除</title><link>https://feed.example.jp/n/2</link>
<pubDate>Fri, 21 Jun 2024 23:30:00 +0900</pubDate>
<description><![CDATA[<div>沿岸警備隊は二週間続いた港の封鎖を<b>解除</b>した。<script>alert("x")</script></div>]]></description></item>
<item><title>見出しだけの速報</title><link>https://feed.example.jp/n/3</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>架空タイムズ</title><id>urn:example:feed</id><updated>2024-06-22T10:00:00+09:00</updated>
<entry><title>首脳が電話会談</title><id>urn:example:1</id>
<link rel="alternate" href="https://atom.example.jp/e/1"/>
<published>2024-06-22T07:15:00+09:00</published><updated>2024-06-23T01:00:00+09:00</updated>
<summary>短い要約。</summary>
<content type="html">&lt;p&gt;両国の首脳は二十二日朝、電話で会談した。&lt;/p&gt;&lt;p&gt;地域の安定に向けて協力することを確認した。&lt;/p&gt;</content>
</entry>
<entry><title>支援物資が到着</title><id>https://atom.example.jp/e/2</id>
<updated>2024-06-21T18:00:00Z</updated>
<summary type="text">被災地に毛布や食料などの支援物資が届いた。</summary>
</entry>
</feed>
"""

RDF = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.jp/"><title>架空ブログ速報</title><link>https://rdf.example.jp/</link>
<description>d</description><items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.jp/p/1"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example.jp/p/1"><title>議会が予算案を可決</title><link>https://rdf.example.jp/p/1</link>
<description>議会は本会議で来年度の予算案を賛成多数で可決した。</description><dc:date>2024-03-28T17:00:00+09:00</dc:date></item>
</rdf:RDF>
"""


def write(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def test_rss2_entries(tmp_path):
    arts = read_feed(write(tmp_path, "news.rss", RSS))
    assert [a.title for a in arts] == ["外相会談、来月に開催へ", "港の封鎖が解除", "見出しだけの速報"]
    a, b, c = arts
    assert a.text == "両国の外相は来月、首都で会談する見通しとなった。\n経済協力が主な議題となる。"
    assert a.url == "https://feed.example.jp/n/1"
    assert a.published == "2024-06-20"
    assert a.source == "架空通信 国際ニュース"
    assert a.format == "feed" and a.path.endswith("news.rss")
    assert a.id == article_id(a.url, a.text)
    assert b.text == "沿岸警備隊は二週間続いた港の封鎖を解除した。"  # tags and script gone
    assert "alert" not in b.text
    assert b.published == "2024-06-21"  # the Japanese date, not the UTC one (2024-06-21 14:30Z)
    assert c.text == "見出しだけの速報" and c.published is None  # a headline-only entry


def test_atom_entries(tmp_path):
    arts = read_feed(write(tmp_path, "feed.atom", ATOM))
    assert len(arts) == 2
    a, b = arts
    assert a.title == "首脳が電話会談"
    # The full content wins over the short summary; paragraphs on their own lines.
    assert a.text == "両国の首脳は二十二日朝、電話で会談した。\n地域の安定に向けて協力することを確認した。"
    assert a.published == "2024-06-22"  # published, not updated
    assert a.url == "https://atom.example.jp/e/1"
    assert a.source == "架空タイムズ"
    assert b.text == "被災地に毛布や食料などの支援物資が届いた。"
    assert b.published == "2024-06-21"
    assert b.url == "https://atom.example.jp/e/2"  # the id is a URL and there is no link


def test_rss1_rdf_entries(tmp_path):
    (a,) = read_feed(write(tmp_path, "index.rdf", RDF))
    assert a.title == "議会が予算案を可決"
    assert a.published == "2024-03-28"
    assert a.source == "架空ブログ速報"
    assert a.url == "https://rdf.example.jp/p/1"


def test_shift_jis_feed(tmp_path):
    data = RSS.replace('encoding="UTF-8"', 'encoding="Shift_JIS"').encode("shift_jis")
    arts = read_feed(write(tmp_path, "sjis.xml", data))
    assert arts[0].title == "外相会談、来月に開催へ"
    assert "経済協力が主な議題となる。" in arts[0].text


def test_same_feed_twice_same_ids(tmp_path):
    one = [a.id for a in read_feed(write(tmp_path, "a.xml", RSS))]
    two = [a.id for a in read_feed(write(tmp_path, "b.xml", RSS))]
    assert one == two and len(set(one)) == 3


def test_broken_feed_names_the_file(tmp_path):
    p = write(tmp_path, "broken.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>途中で')
    with pytest.raises(InputError) as exc:
        read_feed(p)
    assert exc.value.source == str(p)
    assert str(p) in str(exc.value) and "not a readable RSS or Atom feed" in str(exc.value)


def test_not_a_feed(tmp_path):
    p = write(tmp_path, "notes.xml", '<?xml version="1.0"?><notes><note>メモ</note></notes>')
    with pytest.raises(InputError, match="notes.xml"):
        read_feed(p)


def test_empty_and_binary_feed(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_feed(write(tmp_path, "empty.rss", b""))
    with pytest.raises(InputError, match="binary"):
        read_feed(write(tmp_path, "bin.rss", b"\x00\xff\x10" * 100))


def test_feed_with_no_entries_is_not_an_error(tmp_path):
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>空</title></channel></rss>'
    assert read_feed(write(tmp_path, "none.rss", feed)) == []


def test_entry_with_nothing_is_reported_by_iter_feed(tmp_path):
    feed = RSS.replace("<item><title>見出しだけの速報</title>", "<item><title></title>")
    items = list(iter_feed(write(tmp_path, "gap.rss", feed)))
    assert [type(x) for x in items] == [Article, Article, InputError]
    assert "entry 3" in str(items[2])
    assert len(read_feed(tmp_path / "gap.rss")) == 2


def test_looks_like_feed():
    assert looks_like_feed(RSS.encode()) and looks_like_feed(ATOM.encode()) and looks_like_feed(RDF.encode())
    assert not looks_like_feed(b"<html><body>x</body></html>")


def test_plain_text_content_is_kept_verbatim(tmp_path):
    feed = ATOM.replace('<summary type="text">被災地に毛布や食料などの支援物資が届いた。</summary>',
                        '<summary type="text">物資の量は &lt;b&gt; 百トン &amp;amp; 以上。</summary>')
    b = read_feed(write(tmp_path, "plain.atom", feed))[1]
    assert b.text == "物資の量は <b> 百トン &amp; 以上。"
