"""kizashi.ingest.sources: files, folders and globs of every format; errors never stop iteration."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kizashi.errors import InputError
from kizashi.ingest.sources import detect_format, expand_paths, iter_articles, read_text_article
from kizashi.records import Article, article_id, path_id

TEXT = "【架空市】2024年6月20日\n両国の首脳は二十日、漁業協定の延長で合意した。\n会談は約二時間に及んだ。\n"
MARKDOWN = "# 停戦協議が再開\n\n仲介国の外相は、停戦協議を来週再開すると発表した。\n"
HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>援助を表明</title>
<link rel="canonical" href="https://h.example.jp/aid"></head><body>
<nav><a href="/">ホーム</a> <a href="/world">国際</a></nav>
<article><p>政府は、地震の被害を受けた隣国に緊急援助を行うと表明した。医療チームを近く派遣する。</p>
<p>援助の総額は約十億円になる見込みだという。</p></article>
<footer>Copyright 架空新聞</footer></body></html>"""
RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>架空通信</title>
<item><title>大使を召還</title><link>https://r.example.jp/1</link><pubDate>Mon, 17 Jun 2024 10:00:00 +0900</pubDate>
<description>外務省は抗議のため大使を召還した。</description></item>
<item><title>演習を中止</title><link>https://r.example.jp/2</link>
<description>海軍は予定していた合同演習を中止した。</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>架空タイムズ</title><id>urn:x</id><updated>2024-06-22T10:00:00+09:00</updated>
<entry><title>制裁を発表</title><id>urn:x:1</id><link href="https://a.example.jp/1"/>
<updated>2024-06-22T10:00:00+09:00</updated><summary>政府は新たな経済制裁を発表した。</summary></entry>
</feed>"""
JSONL = "\n".join([
    json.dumps({"id": "j1", "text": "国連は緊急会合を開いた。", "url": "https://j.example.jp/1"},
               ensure_ascii=False),
    "{壊れた行",
    json.dumps({"title": "本文なし"}, ensure_ascii=False),
    json.dumps({"text": "両軍は捕虜を交換した。"}, ensure_ascii=False),
]) + "\n"


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "sub" / "deeper").mkdir(parents=True)
    (corpus / ".hidden").mkdir()
    (corpus / "a_note.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b_sjis.txt").write_bytes(TEXT.encode("cp932"))
    (corpus / "c_readme.md").write_text(MARKDOWN, encoding="utf-8")
    (corpus / "sub" / "d_page.html").write_text(HTML, encoding="utf-8")
    (corpus / "sub" / "e_news.rss").write_text(RSS, encoding="utf-8")
    (corpus / "sub" / "deeper" / "f_feed.xml").write_text(ATOM, encoding="utf-8")
    (corpus / "g_lines.jsonl").write_text(JSONL, encoding="utf-8")
    (corpus / "h_binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "i_empty.txt").write_bytes(b"")
    (corpus / "j_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (corpus / "k_broken.atom").write_text("<feed><entry><title>途中", encoding="utf-8")
    (corpus / "l_feed_no_suffix").write_text(RSS, encoding="utf-8")
    (corpus / ".hidden" / "secret.txt").write_text(TEXT, encoding="utf-8")
    (corpus / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return corpus


def split(items):
    arts = [x for x in items if isinstance(x, Article)]
    errs = [x for x in items if isinstance(x, InputError)]
    assert len(arts) + len(errs) == len(items)
    return arts, errs


def test_mixed_folder(tmp_path):
    corpus = make_corpus(tmp_path)
    arts, errs = split(list(iter_articles([str(corpus)])))
    by_name = {}
    for a in arts:
        by_name.setdefault(Path(a.path).name, []).append(a)
    assert sorted(by_name) == ["a_note.txt", "b_sjis.txt", "c_readme.md", "d_page.html",
                               "e_news.rss", "f_feed.xml", "g_lines.jsonl", "l_feed_no_suffix"]
    assert len(arts) == 1 + 1 + 1 + 1 + 2 + 1 + 2 + 2
    assert {a.format for a in arts} == {"text", "markdown", "html", "feed", "jsonl"}

    failed = {Path(e.source.split(":")[0]).name for e in errs}
    assert failed == {"g_lines.jsonl", "h_binary.txt", "i_empty.txt", "j_photo.png", "k_broken.atom"}
    messages = "\n".join(str(e) for e in errs)
    assert f"{corpus / 'g_lines.jsonl'}:2" in messages and f"{corpus / 'g_lines.jsonl'}:3" in messages
    assert "binary" in messages and "empty" in messages and "unsupported file type '.png'" in messages
    assert not any("secret" in (a.path or "") for a in arts)  # hidden folders skipped


def test_text_and_markdown_articles(tmp_path):
    corpus = make_corpus(tmp_path)
    arts = {Path(a.path).name: a for a in iter_articles([corpus]) if isinstance(a, Article)}
    note = arts["a_note.txt"]
    assert note.text == TEXT  # exactly as read: offsets of later stages stay valid
    assert note.title == "【架空市】2024年6月20日"
    assert note.published == "2024-06-20"
    # a file's identity is its path (issue 9: an edited file became a second document)
    assert note.id == path_id(note.path) and note.url is None
    assert arts["b_sjis.txt"].text == note.text and arts["b_sjis.txt"].id != note.id
    md = arts["c_readme.md"]
    assert md.title == "停戦協議が再開" and md.format == "markdown" and md.published is None
    assert arts["d_page.html"].url == "https://h.example.jp/aid"
    assert "ホーム" not in arts["d_page.html"].text


def test_long_first_line_is_not_a_title(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("政府は" + "あ" * 100 + "と発表した。\n次の文。\n", encoding="utf-8")
    assert read_text_article(p).title is None
    p.write_text("政府は方針を発表した。\n", encoding="utf-8")
    assert read_text_article(p).title is None  # a sentence, not a heading


def test_deterministic_ids(tmp_path):
    corpus = make_corpus(tmp_path)
    first = [a.id for a in iter_articles([corpus]) if isinstance(a, Article)]
    second = [a.id for a in iter_articles([corpus]) if isinstance(a, Article)]
    assert first == second
    # The feed file without a suffix repeats e_news.rss: same URLs, so the same ids.
    arts = [a for a in iter_articles([corpus]) if isinstance(a, Article)]
    rss_ids = [a.id for a in arts if a.path.endswith("e_news.rss")]
    dup_ids = [a.id for a in arts if a.path.endswith("l_feed_no_suffix")]
    assert rss_ids == dup_ids == [article_id("https://r.example.jp/1", "外務省は抗議のため大使を召還した。"),
                                  article_id("https://r.example.jp/2", "海軍は予定していた合同演習を中止した。")]


def test_expand_paths_sorted_dedup_globs(tmp_path):
    corpus = make_corpus(tmp_path)
    files = expand_paths([str(corpus / "sub"), str(corpus / "sub" / "d_page.html"),
                          str(corpus / "*.txt"), str(corpus / "**" / "*.xml")])
    names = [p.name for p in files]
    assert [str(p) for p in files] == sorted(str(p) for p in files)
    assert names.count("d_page.html") == 1 and names.count("f_feed.xml") == 1
    assert set(names) == {"d_page.html", "e_news.rss", "f_feed.xml", "a_note.txt", "b_sjis.txt",
                          "h_binary.txt", "i_empty.txt"}


def test_expand_paths_missing(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([str(tmp_path / "nope")])
    with pytest.raises(InputError, match="no files match"):
        expand_paths([str(tmp_path / "*.nothing")])


def test_missing_paths_do_not_stop_iteration(tmp_path):
    corpus = make_corpus(tmp_path)
    items = list(iter_articles([str(tmp_path / "missing.txt"), str(corpus / "a_note.txt"),
                                str(tmp_path / "*.zzz")]))
    arts, errs = split(items)
    assert len(arts) == 1
    assert {e.source for e in errs} == {str(tmp_path / "missing.txt"), str(tmp_path / "*.zzz")}


def test_relative_paths_and_a_single_string(tmp_path, monkeypatch):
    make_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    arts, _ = split(list(iter_articles("corpus/sub/*.html")))
    assert [a.path for a in arts] == [os.path.join("corpus", "sub", "d_page.html")]


def test_size_limit_is_reported(tmp_path):
    corpus = make_corpus(tmp_path)
    items = list(iter_articles([corpus / "a_note.txt", corpus / "sub" / "d_page.html",
                                corpus / "sub" / "e_news.rss"], max_bytes=50))
    _, errs = split(items)
    assert len(errs) == 3 and all("larger than the limit" in str(e) for e in errs)


def test_detect_format(tmp_path):
    corpus = make_corpus(tmp_path)
    assert detect_format(corpus / "a_note.txt") == "text"
    assert detect_format(corpus / "c_readme.md") == "markdown"
    assert detect_format(corpus / "sub" / "d_page.html") == "html"
    assert detect_format(corpus / "sub" / "deeper" / "f_feed.xml") == "feed"
    assert detect_format(corpus / "g_lines.jsonl") == "jsonl"
    assert detect_format(corpus / "l_feed_no_suffix") == "feed"
    assert detect_format(corpus / "j_photo.png") is None
    page = tmp_path / "saved.php"
    page.write_text(HTML, encoding="utf-8")
    assert detect_format(page) == "html"
    plain = tmp_path / "README"
    plain.write_text(TEXT, encoding="utf-8")
    assert detect_format(plain) == "text"


def test_unexpected_exception_becomes_an_error(tmp_path, monkeypatch):
    import kizashi.ingest.sources as sources

    corpus = make_corpus(tmp_path)

    def boom(path, max_bytes):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(sources, "read_html", boom)
    arts, errs = split(list(iter_articles([corpus / "sub"])))
    assert any("kaboom" in str(e) and e.source.endswith("d_page.html") for e in errs)
    assert len(arts) == 3  # the two feeds still come through


def test_text_file_outlet_from_its_source_line(tmp_path):
    from kizashi.ingest.sources import read_text_article

    p = tmp_path / "a.txt"
    p.write_text("日朝の対話再開に期待\n\n2025年3月1日\n出典: 架空日報\n\n政府は対話の再開を呼びかけた。\n",
                 encoding="utf-8")
    a = read_text_article(p)
    assert (a.source, a.published) == ("架空日報", "2025-03-01")
    p.write_text("出典のない記事。政府は対話を呼びかけた。\n", encoding="utf-8")
    assert read_text_article(p).source is None
