"""Text files of a pack, in whatever encoding a spreadsheet or an editor saved them.

Every text file the pack names (tables, boardpack.yaml, rules, benchmarks, notes.md, style.css) is
read the same way: UTF-8 (a BOM stripped), else Windows-1252, which French Excel and Notepad write;
UTF-16 with its BOM, which Excel writes as "Unicode text". A file with NUL bytes or many control
characters is not text at all (an image or a workbook renamed): it is refused without ever printing
its bytes.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport

CHUNK = 1 << 20  # bytes checked at a time: a 50 MB table is never held twice in memory
NOT_TEXT = N_("not a text file (it has bytes that no text has); expected {expected}")

_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\f\r") + b"\x7f"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class NotText(ValueError):
    """The bytes are not text in any encoding a pack may use."""


def _encoding_of(chunks: Iterator[bytes]) -> str:
    """The encoding to read a file with, from its bytes read chunk by chunk.

    More than one control character in a hundred bytes (tab, line ends and form feed aside) is
    binary: a text file may carry a stray one, a PNG or a zip has them everywhere.
    """
    first = next(chunks, b"")
    if first.startswith(_UTF16_BOMS):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, controls, size = True, 0, 0
    chunk = first
    while chunk:
        if b"\0" in chunk:
            raise NotText
        controls += len(chunk) - len(chunk.translate(None, _CONTROL))
        size += len(chunk)
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        chunk = next(chunks, b"")
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if controls > max(2, size // 100):
        raise NotText
    return "utf-8-sig" if utf8 else "cp1252"


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def encoding_of(path: Path) -> str:
    """The encoding of a file on disk, read in chunks; raises `NotText`."""
    return _encoding_of(_chunks(path))


def decode(data: bytes) -> str:
    """Bytes as text; raises `NotText`. Windows-1252's five unused bytes become U+FFFD."""
    encoding = _encoding_of(iter([data]))
    return data.decode(encoding, errors="replace")


def open_text(path: Path, encoding: str):  # type: ignore[no-untyped-def]
    """A file opened for reading in `encoding`, with line ends kept for the CSV reader."""
    return path.open(encoding=encoding, errors="replace", newline="")


def read_text(path: Path, source: str, report: ValidationReport, expected: str) -> str | None:
    """A small text file's content, or None with a problem when it is not text or cannot be read."""
    try:
        return decode(path.read_bytes())
    except NotText:
        report.add(source, None, None, NOT_TEXT, expected=expected)
    except OSError as exc:
        report.add(
            source,
            None,
            None,
            N_("cannot be read ({reason}); expected {expected}"),
            reason=exc.strerror,
            expected=expected,
        )
    return None
