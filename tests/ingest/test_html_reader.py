"""kizashi.ingest.html: main text without boilerplate, metadata, charsets, broken and empty pages."""
from __future__ import annotations

import pytest

from kizashi.errors import InputError
from kizashi.ingest.html import decode_html, declared_charset, html_to_text, normalise_date, read_html
from kizashi.records import article_id

# Our own invented article; the outlet and domain are fictitious.
PARAS = [
    "架空県の港湾局は十五日、三年がかりで進めてきた防波堤の工事が終わったと明らかにした。"
    "全長はおよそ八百メートルで、冬の高波から漁船を守る役割を担う。",
    "式典には地元の漁業協同組合の代表や町長らが出席し、完成を祝った。"
    "組合長は「これで安心して船を出せる」と語った。",
    "港湾局によると、次は老朽化した岸壁の補修に取りかかる計画だという。費用は約二十億円と見込まれている。",
]
URL = "https://news.example.jp/articles/2024/0415-port"

PAGE = f"""<!DOCTYPE html>
<html lang="ja"><head>
<meta charset="utf-8">
<title>北海の港で新しい防波堤が完成 | 架空日報</title>
<meta property="og:title" content="北海の港で新しい防波堤が完成">
<meta property="og:site_name" content="架空日報">
<meta property="og:url" content="{URL}">
<meta property="article:published_time" content="2024-04-15T08:30:00+09:00">
<link rel="canonical" href="{URL}">
<script>var tracking = "計測用の文字列";</script>
</head><body>
<header><nav><ul><li><a href="/">トップ</a></li><li><a href="/politics">政治</a></li>
<li><a href="/economy">経済ニュース一覧</a></li></ul></nav></header>
<div class="ad">【広告】今だけ半額のお得なキャンペーン実施中</div>
<main><article>
<h1>北海の港で新しい防波堤が完成</h1>
<p>{PARAS[0]}</p>
<p>{PARAS[1]}</p>
<p>{PARAS[2]}</p>
</article></main>
<aside><h2>人気記事ランキング</h2><ol><li><a href="/a">芸能人の結婚発表</a></li>
<li><a href="/b">週末の天気予報</a></li></ol></aside>
<footer><p>Copyright 架空日報社 無断転載を禁じます</p><a href="/privacy">プライバシーポリシー</a></footer>
</body></html>
"""


def write(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def test_main_text_without_boilerplate_and_metadata(tmp_path):
    a = read_html(write(tmp_path, "port.html", PAGE))
    lines = a.text.splitlines()
    for para in PARAS:  # every paragraph, each on its own line
        assert para in lines
    for junk in ("トップ", "経済ニュース一覧", "広告", "キャンペーン", "人気記事ランキング",
                 "芸能人の結婚発表", "Copyright", "無断転載", "プライバシーポリシー", "tracking"):
        assert junk not in a.text
    assert a.title == "北海の港で新しい防波堤が完成"
    assert a.published == "2024-04-15"
    assert a.url == URL
    assert a.source == "架空日報"
    assert a.format == "html"
    assert a.path.endswith("port.html")
    assert a.id == article_id(URL, a.text)  # URL-based: the same page re-saved keeps its id


def test_same_page_twice_gives_same_id(tmp_path):
    a = read_html(write(tmp_path, "one.html", PAGE))
    b = read_html(write(tmp_path, "two.html", PAGE))
    assert a.id == b.id and a.text == b.text


def test_url_from_og_url_when_no_canonical(tmp_path):
    page = PAGE.replace(f'<link rel="canonical" href="{URL}">', "")
    assert read_html(write(tmp_path, "og.html", page)).url == URL


def test_no_url_gives_text_based_id(tmp_path):
    page = (PAGE.replace(f'<link rel="canonical" href="{URL}">', "")
            .replace(f'<meta property="og:url" content="{URL}">', ""))
    a = read_html(write(tmp_path, "nourl.html", page))
    assert a.url is None
    assert a.id == article_id(None, a.text)


SJIS_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>給食費の無償化へ</title></head><body>
<div id="menu"><a href="/">ホーム</a> <a href="/kyoiku">教育</a></div>
<article>
<p>市の教育委員会は、来年度から小学校の給食を無償にする方針を固めた。対象はおよそ四千人の児童となる。</p>
<p>財源には国からの交付金を充てる見込みだと、担当者は説明した。</p>
</article></body></html>"""


def test_shift_jis_page_with_http_equiv(tmp_path):
    data = SJIS_PAGE.encode("shift_jis")
    assert declared_charset(data) == "cp932"
    a = read_html(write(tmp_path, "sjis.html", data))
    assert "市の教育委員会は、来年度から小学校の給食を無償にする方針を固めた。" in a.text
    assert "財源には国からの交付金を充てる見込みだと、担当者は説明した。" in a.text
    assert a.title == "給食費の無償化へ"


def test_meta_charset_shift_jis(tmp_path):
    page = SJIS_PAGE.replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        '<meta charset="shift_jis">')
    a = read_html(write(tmp_path, "sjis2.html", page.encode("cp932")))
    assert "対象はおよそ四千人の児童となる。" in a.text


def test_euc_jp_page_without_declaration_is_detected(tmp_path):
    page = SJIS_PAGE.replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "")
    a = read_html(write(tmp_path, "euc.html", page.encode("euc_jp")))
    assert "対象はおよそ四千人の児童となる。" in a.text


def test_wrong_declaration_falls_back_to_detection():
    data = SJIS_PAGE.encode("shift_jis").replace(b"Shift_JIS", b"utf-8")
    text, enc = decode_html(data, "wrong.html")
    assert enc == "cp932" and "給食" in text


def test_broken_html_with_unclosed_tags(tmp_path):
    broken = ("<html><head><title>国境の緊張続く</title><body><div class=main><p>"
              "国境付近で両国の部隊がにらみ合いを続けていると、政府の報道官が記者会見で述べた。"
              "<p>報道官は、対話による解決を目指す考えを改めて強調した。<div><span>")
    a = read_html(write(tmp_path, "broken.html", broken))
    assert a.text.splitlines()[:2] == [
        "国境付近で両国の部隊がにらみ合いを続けていると、政府の報道官が記者会見で述べた。",
        "報道官は、対話による解決を目指す考えを改めて強調した。"]
    assert a.title == "国境の緊張続く"


def test_dateline_in_text_when_no_date_metadata(tmp_path):
    page = ("<html><head><title>会談</title></head><body><article>"
            "<p>【架空市＝共同】2024年6月20日</p>"
            "<p>両国の首脳は二十日、架空市で会談し、漁業協定の延長で合意した。会談は約二時間に及んだ。</p>"
            "<p>次回の会談は来年に開く予定だという。</p></article></body></html>")
    a = read_html(write(tmp_path, "dated.html", page))
    assert a.published == "2024-06-20"


def test_page_without_article_is_a_clear_error(tmp_path):
    page = ("<html><head><title>トップページ</title></head><body>"
            "<nav><a href='/'>ホーム</a> <a href='/news'>ニュース</a> <a href='/sports'>スポーツ</a></nav>"
            "<footer>Copyright 架空日報社</footer></body></html>")
    p = write(tmp_path, "nav_only.html", page)
    with pytest.raises(InputError) as exc:
        read_html(p)
    assert "no article text found" in str(exc.value)
    assert exc.value.source == str(p)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\x00\x01\x02\x03" * 50, "binary"),
])
def test_empty_and_binary_html(tmp_path, content, problem):
    p = write(tmp_path, "bad.html", content)
    with pytest.raises(InputError, match=problem):
        read_html(p)


def test_missing_and_too_big(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_html(tmp_path / "nope.html")
    p = write(tmp_path, "big.html", PAGE)
    with pytest.raises(InputError, match="larger than the limit"):
        read_html(p, max_bytes=100)


def test_html_to_text_fragment():
    frag = "<p>一段落目です。</p><p>二段落目に<b>太字</b>と&amp;記号。<br>改行後</p><script>x()</script>"
    assert html_to_text(frag) == "一段落目です。\n二段落目に太字と&記号。\n改行後"
    assert html_to_text("") == ""
    assert html_to_text("ただの文です。") == "ただの文です。"


@pytest.mark.parametrize("value, iso", [
    ("2024-06-20", "2024-06-20"),
    ("2024-06-20T23:30:00+09:00", "2024-06-20"),   # local date kept, not converted to UTC
    ("2024-06-20T14:30:00Z", "2024-06-20"),
    ("Thu, 20 Jun 2024 08:00:00 +0900", "2024-06-20"),
    ("2024/6/5", "2024-06-05"),
    ("2024年6月20日", "2024-06-20"),
    ("２０２４年６月２０日", "2024-06-20"),
    ("令和6年6月20日", "2024-06-20"),
    ("2024-06", "2024-06"),
    ("2024", "2024"),
    ("昨日", None),
    ("", None),
    (None, None),
    ("2024-13-45", None),
])
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


BODY = ("<article><p>両国の首脳は二十日、架空市で会談し、漁業協定の延長で合意した。"
        "会談は約二時間に及んだ。</p></article>")


@pytest.mark.parametrize("head, body_extra, date", [
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
     ' "headline": "会談", "datePublished": "2024-05-02T10:00:00+09:00"}</script>', "", "2024-05-02"),
    ("", '<time datetime="2024-05-03">5月3日</time>', "2024-05-03"),
    ('<meta name="pubdate" content="2024-05-04">', "", "2024-05-04"),
    ("", "<p>2024年の計画</p>", None),  # a bare year in the text is not guessed into a date
])
def test_dates_from_markup(tmp_path, head, body_extra, date):
    page = f"<html><head><title>会談</title>{head}</head><body>{body_extra}{BODY}</body></html>"
    assert read_html(write(tmp_path, "d.html", page)).published == date


def test_xhtml_with_xml_declaration_in_shift_jis(tmp_path):
    page = ('<?xml version="1.0" encoding="Shift_JIS"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>会談</title></head>'
            f"<body>{BODY}</body></html>")
    a = read_html(write(tmp_path, "x.xhtml", page.encode("shift_jis")))
    assert a.text.startswith("両国の首脳は二十日、")
