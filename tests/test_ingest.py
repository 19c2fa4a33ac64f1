"""Tests of kizashi.ingest.textfile: encoding detection, newline handling and input errors."""
from __future__ import annotations

import io
import os
import sys

import pytest

from kizashi.errors import InputError
from kizashi.ingest.textfile import MAX_BYTES, TextDocument, decode_bytes, read_text_file

# Our own sentences (not from the corpus): kana, kanji, full-width digits, half-width ASCII.
SAMPLE = (
    "外務省は３日、隣国の大使を呼び出して抗議したと発表した。\n"
    "両国の首脳は来月、東京で会談する予定だという。\n"
    "ロシア軍は約2000人の兵士を国境付近に移動させた。\n"
)
SHORT = "気象庁によると、明日は晴れる見込みです。"


@pytest.mark.parametrize(
    "encoding, family",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),      # Python writes a BOM
        ("utf-32", "utf-32"),
        ("cp932", "cp932"),
        ("shift_jis", "cp932"),
        ("euc_jp", "euc_jp"),
        ("iso2022_jp", "iso2022_jp"),
    ],
)
@pytest.mark.parametrize("text", [SAMPLE, SHORT])
def test_round_trip_each_encoding(tmp_path, encoding, family, text):
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_text_file(path)
    assert isinstance(doc, TextDocument)
    assert doc.text == text
    assert doc.encoding == family
    assert doc.path == str(path)
    assert not doc.text.startswith("\ufeff")


def test_utf16_big_and_little_endian_with_bom():
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        text, enc = decode_bytes(bom + SHORT.encode(codec), "x.txt")
        assert text == SHORT
        assert enc == "utf-16"


def test_cp932_specific_characters():
    # NEC special characters and the yen-like symbols exist only in CP932, not plain Shift_JIS.
    text = "被害額は①約３億円、②約５千万円に上った。"
    decoded, enc = decode_bytes(text.encode("cp932"), "x.txt")
    assert (decoded, enc) == (text, "cp932")


def test_euc_jp_versus_cp932_plausibility():
    # Pure-kana text in EUC-JP also decodes as CP932 (as half-width katakana); EUC-JP must win.
    text = "ひらがなだけのぶんしょうです。"
    data = text.encode("euc_jp")
    data.decode("cp932")  # really ambiguous
    assert decode_bytes(data, "x.txt") == (text, "euc_jp")


def test_ascii_is_utf8():
    assert decode_bytes(b"NATO summit in Vilnius.\n", "x.txt") == ("NATO summit in Vilnius.\n", "utf-8")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"])
def test_newlines_translated(tmp_path, newline, encoding):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.replace("\n", newline).encode(encoding))
    doc = read_text_file(path)
    assert doc.text == SAMPLE
    assert "\r" not in doc.text


def test_mixed_newlines():
    text, _ = decode_bytes("一行目\r\n二行目\r三行目\n四行目".encode(), "x.txt")
    assert text == "一行目\n二行目\n三行目\n四行目"


def test_pathlike_and_str(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SHORT, encoding="utf-8")
    assert read_text_file(str(path)).text == SHORT
    assert read_text_file(path).path == str(path)


def test_stdin_dash(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(SAMPLE.encode("cp932")), encoding="ascii")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = read_text_file("-")
    assert doc == TextDocument(path="-", text=SAMPLE, encoding="cp932")


def test_stdin_too_large(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(SHORT.encode() * 10), encoding="ascii")
    monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(InputError, match="stdin.*larger than the limit"):
        read_text_file("-", max_bytes=50)


def test_stdin_bytes_through_decode_bytes():
    assert decode_bytes(SHORT.encode("euc_jp"), "<stdin>") == (SHORT, "euc_jp")


# ---------------------------------------------------------------- errors

def _err(path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        read_text_file(path, **kw)
    err = info.value
    assert err.source == os.fspath(path)
    assert str(path) in str(err)
    assert err.hint  # every error says what to do
    return err


def test_missing_file(tmp_path):
    err = _err(tmp_path / "nope.txt")
    assert "no such file" in err.problem


def test_directory(tmp_path):
    err = _err(tmp_path)
    assert "directory" in err.problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SHORT, encoding="utf-8")
    path.chmod(0)
    try:
        err = _err(path)
    finally:
        path.chmod(0o600)
    assert "permission denied" in err.problem


def test_permission_denied_reported(tmp_path, monkeypatch):
    # Same path as above, for when the tests run as root.
    path = tmp_path / "secret.txt"
    path.write_text(SHORT, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    err = _err(path)
    assert "permission denied" in err.problem
    assert "chmod" in err.hint


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in _err(path).problem


def test_bom_only_file(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf")
    assert "empty" in _err(path).problem


@pytest.mark.parametrize("content", [" \n\t\r\n", "\u3000\u3000\n"])
def test_whitespace_only_file(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content.encode("utf-8"))
    assert "whitespace" in _err(path).problem


def test_binary_with_nul(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _err(path).problem


def test_binary_control_bytes(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(b"abc\x01\x02\x03\x04\x05\x06def\x07\x08" * 20)
    assert "binary" in _err(path).problem


def test_undecodable(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\xff\xfe\x80" * 10)  # invalid in UTF-8, CP932 and EUC-JP
    err = _err(path)
    assert "cannot be decoded" in err.problem
    assert "UTF-8" in err.hint


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(("あ" * 100).encode("utf-8"))
    err = _err(path, max_bytes=100)
    assert "300 bytes" in err.problem and "100 bytes" in err.problem
    assert "split" in err.hint


def test_default_limit_message():
    assert MAX_BYTES == 20 * 1024 * 1024


def test_decode_bytes_errors():
    with pytest.raises(InputError, match="x.txt: the file is empty"):
        decode_bytes(b"", "x.txt")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00abc", "x.txt")
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(b"\xff\xfe\x00\xd8", "x.txt")  # BOM then a lone surrogate
