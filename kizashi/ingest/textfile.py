"""Read a text file of unknown Japanese encoding into a ``str``.

Detection needs no extra package: byte-order marks first, then strict decoding attempts
(ISO-2022-JP when 7-bit JIS escapes occur, UTF-8, then CP932 / EUC-JP) ranked by how plausible the result is as Japanese
text. Newlines are translated like Python's universal newlines (``\\r\\n`` and ``\\r`` -> ``\\n``)
and a BOM is stripped, so the offsets of every later stage index into ``TextDocument.text``.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass

from kizashi.errors import InputError

MAX_BYTES = 20 * 1024 * 1024

# Byte-order marks, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)
# Legacy Japanese encodings tried when the bytes are not UTF-8.
_LEGACY = ("cp932", "euc_jp")
# Control characters that ordinary text files contain.
_OK_CONTROLS = frozenset("\t\n\r\f\v\x1b")
# Share of odd control characters above which a file is called binary.
_MAX_CONTROL_SHARE = 0.01

_CONVERT_HINT = "convert it to UTF-8, e.g. `iconv -f SHIFT_JIS -t UTF-8 FILE > FILE.utf8.txt`"


@dataclass(frozen=True)
class TextDocument:
    """A decoded document: ``text`` is what all offsets refer to."""

    path: str
    text: str
    encoding: str


def _human_size(n: int) -> str:
    """``n`` bytes as e.g. ``"25.3 MiB (26,543,210 bytes)"``."""
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            if unit == "bytes":
                return f"{n:,} bytes"
            return f"{size:.1f} {unit} ({n:,} bytes)"
        size /= 1024
    return f"{n:,} bytes"  # pragma: no cover


_ODD_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
# Plausibility is judged on a prefix: enough to tell encodings apart, cheap on big files.
_SAMPLE_CHARS = 200_000


def _odd_controls(text: str) -> int:
    """Number of control characters that do not belong in a text file."""
    return len(_ODD_CONTROL_RE.findall(text))


def _plausibility(text: str) -> float:
    """Mean per-character score of ``text`` as Japanese: kana and kanji score high;
    half-width katakana, private-use, unassigned and control characters (typical of a wrong
    legacy decoding) score low."""
    text = text[:_SAMPLE_CHARS]
    if not text:
        return 0.0
    score = 0.0
    for c in text:
        o = ord(c)
        if 0x3041 <= o <= 0x309F:  # hiragana
            score += 3.0
        elif 0x30A0 <= o <= 0x30FF:  # katakana
            score += 2.0
        elif 0x4E00 <= o <= 0x9FFF:  # common CJK ideographs
            score += 1.0
        elif 0xFF61 <= o <= 0xFF9F:  # half-width katakana: mostly mis-decoded EUC-JP
            score -= 1.0
        elif o < 0x80:
            score += 0.5 if (c >= " " or c in _OK_CONTROLS) and c != "\x7f" else -5.0
        elif 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60:  # CJK punctuation, full-width
            score += 0.5
        else:
            cat = unicodedata.category(c)
            if cat in ("Co", "Cn", "Cc", "Cs"):
                score -= 5.0
    return score / len(text)


def _translate_newlines(text: str) -> str:
    """Universal newlines: ``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_error(source: str, why: str) -> InputError:
    return InputError(source, f"looks like a binary file, not text ({why})",
                      "pass a plain-text file; " + _CONVERT_HINT + " if it is text in another encoding")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` (the content of ``source``) and return ``(text, encoding)``.

    Raises :class:`InputError` for empty or whitespace-only input, binary data and bytes that
    decode in none of UTF-8/16/32 (with BOM), CP932 (Shift_JIS), EUC-JP and ISO-2022-JP.
    """
    if not data:
        raise InputError(source, "the file is empty", "pass a file that contains Japanese text")

    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {enc.upper()} byte-order mark but is not "
                                 f"valid {enc.upper()} (bad bytes at offset {exc.start})",
                                 _CONVERT_HINT) from None
            encoding = enc
            if text.startswith("\ufeff"):  # utf-8-sig strips it; utf-16/32 strip it too
                text = text[1:]
            break

    if text is None:
        if b"\x00" in data:
            raise _binary_error(source, "it contains NUL bytes")
        try:
            if b"\x1b$" in data and data.isascii():  # 7-bit JIS escapes: ISO-2022-JP
                try:
                    text, encoding = data.decode("iso2022_jp"), "iso2022_jp"
                except UnicodeDecodeError:
                    pass
            if text is None:
                text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc
            candidates: list[tuple[float, str, str]] = []
            for enc in _LEGACY:
                try:
                    decoded = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                candidates.append((_plausibility(decoded), enc, decoded))
            if not candidates:
                raise InputError(
                    source,
                    "cannot be decoded as UTF-8, Shift_JIS/CP932 or EUC-JP "
                    f"(first invalid UTF-8 byte at offset {utf8_error.start})",
                    "the file may be binary or damaged; " + _CONVERT_HINT) from None
            # Highest plausibility wins; ties keep the order of _LEGACY (CP932 first).
            best = max(candidates, key=lambda c: c[0])
            _, encoding, text = best

    if text and _odd_controls(text) > max(2, _MAX_CONTROL_SHARE * len(text)):
        raise _binary_error(source, "it contains many control characters")
    if not text:
        raise InputError(source, "the file is empty (it holds only a byte-order mark)",
                         "pass a file that contains Japanese text")
    if not text.strip():
        raise InputError(source, "the file contains only whitespace",
                         "pass a file that contains Japanese text")
    return _translate_newlines(text), encoding


def read_text_file(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> TextDocument:
    """Read and decode ``path`` (``"-"`` reads standard input) into a :class:`TextDocument`.

    Raises :class:`InputError` for a missing file, a directory, a file that cannot be read,
    a file larger than ``max_bytes`` and every case :func:`decode_bytes` rejects.
    """
    source = os.fspath(path)
    if isinstance(source, bytes):
        source = os.fsdecode(source)
    too_big_hint = ("split it into smaller files (e.g. one article per file) "
                    "or raise the size limit")

    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("<stdin>", f"standard input is larger than the limit of "
                             f"{_human_size(max_bytes)}", too_big_hint)
        text, encoding = decode_bytes(data, "<stdin>")
        return TextDocument(path=source, text=text, encoding=encoding)

    if not os.path.lexists(source):
        raise InputError(source, "no such file",
                         "check the path and the current directory")
    if os.path.isdir(source):
        raise InputError(source, "is a directory, not a text file",
                         "pass the files inside it, e.g. DIR/*.txt")
    try:
        size = os.path.getsize(source)
    except OSError as exc:
        raise _os_error(source, exc) from None
    if size > max_bytes:
        raise InputError(source, f"the file is {_human_size(size)}, larger than the limit of "
                         f"{_human_size(max_bytes)}", too_big_hint)
    try:
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)  # guard against files that grow or lie about size
    except OSError as exc:
        raise _os_error(source, exc) from None
    if len(data) > max_bytes:
        raise InputError(source, f"the file is larger than the limit of {_human_size(max_bytes)}",
                         too_big_hint)
    text, encoding = decode_bytes(data, source)
    return TextDocument(path=source, text=text, encoding=encoding)


def _os_error(source: str, exc: OSError) -> InputError:
    """An :class:`InputError` for an ``OSError`` raised while opening ``source``."""
    if isinstance(exc, PermissionError):
        return InputError(source, "permission denied",
                          "make the file readable (e.g. `chmod u+r FILE`) or run as a user who can read it")
    if isinstance(exc, FileNotFoundError):
        return InputError(source, "no such file (a dangling link?)",
                          "check the path and the current directory")
    if isinstance(exc, IsADirectoryError):
        return InputError(source, "is a directory, not a text file",
                          "pass the files inside it, e.g. DIR/*.txt")
    return InputError(source, f"cannot be read: {exc.strerror or exc}",
                      "check that it is a regular, readable file")
