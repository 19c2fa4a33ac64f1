"""kizashi.ingest.jsonl: one article per line; bad lines reported with their numbers."""
from __future__ import annotations

import json

import pytest

from kizashi.errors import InputError
from kizashi.ingest.jsonl import MAX_BAD_LINES, parse_jsonl_record, read_jsonl
from kizashi.records import Article, article_id


def rec(**kw):
    return json.dumps(kw, ensure_ascii=False)


GOOD1 = rec(id="doc-001", title="外相会談", text="両国の外相は二十日、首都で会談した。",
            published="2024-06-20T09:00:00+09:00", source="架空通信", url="https://j.example.jp/1")
GOOD2 = rec(title="封鎖解除", text="沿岸警備隊は港の封鎖を解除した。", published="2024年6月21日",
            url="https://j.example.jp/2")
GOOD3 = rec(text="議会は予算案を可決した。", published="いつか")


def write(tmp_path, name, lines):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_good_and_bad_lines(tmp_path):
    lines = [GOOD1, '{"text": "閉じていない', "", rec(title="本文なし"), GOOD2, "[1, 2]",
             rec(text="   "), rec(text=123), GOOD3]
    p = write(tmp_path, "corpus.jsonl", lines)
    items = list(read_jsonl(p))
    arts = [x for x in items if isinstance(x, Article)]
    errs = [x for x in items if isinstance(x, InputError)]
    assert [a.title for a in arts] == ["外相会談", "封鎖解除", None]
    assert [e.source for e in errs] == [f"{p}:2", f"{p}:4", f"{p}:6", f"{p}:7", f"{p}:8"]
    assert "invalid JSON" in str(errs[0])
    assert 'no "text"' in str(errs[1])
    assert "expected a JSON object" in str(errs[2])
    assert "empty" in str(errs[3])
    assert "must be a string" in str(errs[4])
    # Order is kept: errors come where their lines are.
    assert [type(x).__name__ for x in items] == [
        "Article", "InputError", "InputError", "Article", "InputError", "InputError", "InputError",
        "Article"]


def test_fields_ids_and_dates(tmp_path):
    a, b, c = read_jsonl(write(tmp_path, "c.jsonl", [GOOD1, GOOD2, GOOD3]))
    assert a.id == "doc-001"  # the given id is kept
    assert (a.source, a.url, a.published) == ("架空通信", "https://j.example.jp/1", "2024-06-20")
    assert a.format == "jsonl" and a.path.endswith("c.jsonl")
    assert b.id == article_id("https://j.example.jp/2", b.text)  # from the URL
    assert b.published == "2024-06-21"
    assert c.id == article_id(None, c.text)  # from the text
    assert c.published is None  # unparseable date dropped


def test_same_input_twice_same_ids(tmp_path):
    one = [a.id for a in read_jsonl(write(tmp_path, "1.jsonl", [GOOD1, GOOD2, GOOD3]))]
    two = [a.id for a in read_jsonl(write(tmp_path, "2.jsonl", [GOOD1, GOOD2, GOOD3]))]
    assert one == two and len(set(one)) == 3


def test_integer_id_bom_crlf(tmp_path):
    p = tmp_path / "win.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + (rec(id=7, text="停戦が発効した。") + "\r\n").encode())
    (a,) = read_jsonl(p)
    assert a.id == "7" and a.text == "停戦が発効した。"


def test_shift_jis_line(tmp_path):
    p = tmp_path / "sjis.jsonl"
    p.write_bytes((GOOD2 + "\n").encode("cp932"))
    (a,) = read_jsonl(p)
    assert a.text == "沿岸警備隊は港の封鎖を解除した。"


def test_line_over_the_limit(tmp_path):
    long = rec(text="長い記事です。" * 100)
    p = write(tmp_path, "long.jsonl", [GOOD3, long, GOOD2])
    items = list(read_jsonl(p, max_bytes=200))
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    assert isinstance(items[1], InputError) and items[1].source == f"{p}:2"
    assert "larger than the limit" in str(items[1])


@pytest.mark.parametrize("content, problem", [(b"", "empty"), (b"\n\n", "empty"),
                                              (b"\x00\x01binary\x00" * 20, "binary")])
def test_whole_file_errors(tmp_path, content, problem):
    p = tmp_path / "x.jsonl"
    p.write_bytes(content)
    items = list(read_jsonl(p))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert problem in str(items[0]) and items[0].source == str(p)


def test_gives_up_on_a_file_that_is_not_jsonl(tmp_path):
    p = write(tmp_path, "prose.jsonl", ["これはJSONではない文章です。"] * 100)
    items = list(read_jsonl(p))
    assert len(items) == MAX_BAD_LINES + 1
    assert "gave up" in str(items[-1])


def test_missing_file(tmp_path):
    (err,) = read_jsonl(tmp_path / "nope.jsonl")
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_parse_record_directly():
    a = parse_jsonl_record({"text": "首相は辞意を表明した。", "url": " https://x.example.jp/9 "}, "s:1")
    assert a.url == "https://x.example.jp/9"
    with pytest.raises(InputError, match='"id" must be'):
        parse_jsonl_record({"text": "t", "id": True}, "s:1")
    with pytest.raises(InputError, match='"title" must be'):
        parse_jsonl_record({"text": "t", "title": ["x"]}, "s:1")
