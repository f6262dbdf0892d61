"""Read a table from CSV or from one sheet of an XLSX workbook into raw cells.

Raw cells are kept as text (CSV) or as the workbook's own values (XLSX); turning them into numbers,
periods and names is the models' job, so that every message names the same file, row and column.
CSV files come from many places: UTF-8 with or without a BOM, Windows-1252 from French Excel, UTF-16
from Excel's "Unicode text", `,` or `;` or tab as delimiter. The delimiter says nothing about the
decimal separator: `numbers.py` decides it per column from the cells themselves.

Rows are streamed: a CSV table is read from the file each time it is gone through (once to settle its
number columns, once to validate them), so a 50 MB file of junk never sits in memory as millions of cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport, quoted
from boardpack.inputs.textfile import NOT_TEXT, NotText, encoding_of, open_text

_DELIMITERS = (",", ";", "\t")
MAX_CELL = 10_000  # characters: ten pages of a name or a reason; more is a pasted document or an unclosed quote
MAX_COLUMNS = 200  # the widest table has 13 columns; thousands of columns is not a table of this pack
CSV_EXPECTED = N_("a CSV table saved as UTF-8 or Windows-1252 text")

# The csv module's own limit (128 KiB a cell) ends in an error that says neither the row nor the size;
# cells are measured against MAX_CELL instead, so the limit only has to let any cell through.
csv.field_size_limit(2**31 - 1)


@dataclass
class RawTable:
    """A table as read: `source` names it in messages (`data/funnel.csv`, `data/pack.xlsx[funnel]`).

    `rows` may be a stream (a CSV file read from disk on each pass); a pass may be made more than once.
    """

    source: str
    header: list[str]
    rows: Iterable[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _first_line(path: Path, encoding: str) -> str | None:
    """The first line with something on it, read without reading the rest of the file."""
    with open_text(path, encoding) as handle:
        for line in handle:
            if line.strip():
                return line.rstrip("\r\n")
    return None


def _records(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with their spreadsheet row number (a quoted cell may span lines)."""
    with open_text(path, encoding) as handle:
        for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            if not all(_is_blank(c) for c in cells):
                yield number, cells


def _check_header(header: list[str], source: str, report: ValidationReport) -> bool:
    if len(header) > MAX_COLUMNS:
        report.add(
            source,
            1,
            None,
            N_("the header has {count} columns; expected at most {limit}"),
            count=f"{len(header):,}",
            limit=MAX_COLUMNS,
        )
        return False
    for name in header:
        if len(name) > MAX_CELL:
            report.add(
                source,
                1,
                None,
                N_("a column name of {size} characters; expected at most {limit}"),
                size=f"{len(name):,}",
                limit=f"{MAX_CELL:,}",
            )
            return False
    return True


def _long_cell(source: str, row: int, column: str | None, cell: str, report: ValidationReport) -> None:
    if "\n" in cell:
        message = N_(
            "a cell of {size} characters; expected at most {limit} "
            "(a quote that is never closed joins the rest of the file into one cell)"
        )
    else:
        message = N_("a cell of {size} characters; expected at most {limit}")
    report.add(source, row, column, message, size=f"{len(cell):,}", limit=f"{MAX_CELL:,}")


def _rows(
    records: Iterator[tuple[int, list[str]]], header: list[str], source: str, delimiter: str, report: ValidationReport
) -> Iterator[tuple[int, dict[str, Any]]]:
    width = len(header)
    try:
        for row_number, cells in records:
            if max(map(len, cells)) > MAX_CELL:
                index = max(range(len(cells)), key=lambda i: len(cells[i]))  # before the width: it explains it
                column = header[index] or None if index < width else None
                _long_cell(source, row_number, column, cells[index], report)
                continue
            if len(cells) > width and all(_is_blank(c) for c in cells[width:]):
                cells = cells[:width]
            if len(cells) != width:
                report.add(
                    source,
                    row_number,
                    None,
                    N_(
                        "row has {count} values but the header has {columns} columns; "
                        "expected one value per column, separated by '{delimiter}'"
                    ),
                    count=len(cells),
                    columns=width,
                    delimiter=_show(delimiter),
                )
                continue
            yield row_number, dict(zip(header, cells, strict=True))
    except csv.Error as exc:
        report.add(
            source,
            None,
            None,
            N_("cannot be read as CSV ({reason}); expected {expected}"),
            reason=exc,
            expected=CSV_EXPECTED,
        )


def read_csv(path: Path, source: str, report: ValidationReport) -> RawTable | None:
    """Read a CSV file's header; its rows are read as they are used, reporting rows of the wrong width."""
    try:
        encoding = encoding_of(path)
    except NotText:
        report.add(source, None, None, NOT_TEXT, expected=CSV_EXPECTED)
        return None
    first = _first_line(path, encoding)
    if first is None:
        report.add(source, None, None, N_("the file is empty; expected a header row and data rows"))
        return None
    delimiter = max(_DELIMITERS, key=first.count)
    if first.count(delimiter) == 0:
        report.add(
            source,
            1,
            None,
            N_("cannot split the header '{header}' into columns; expected columns separated by ',' or ';' (or tabs)"),
            header=quoted(first),
        )
        return None
    records = _records(path, encoding, delimiter)
    try:
        _row, cells = next(records, (0, []))
    except csv.Error as exc:
        report.add(
            source,
            1,
            None,
            N_("cannot be read as CSV ({reason}); expected {expected}"),
            reason=exc,
            expected=CSV_EXPECTED,
        )
        return None
    if not cells:
        report.add(source, None, None, N_("the file is empty; expected a header row and data rows"))
        return None
    header = [c.strip() for c in cells]
    if not _check_header(header, source, report):
        return None
    return RawTable(source, header, _CsvRows(path, encoding, delimiter, header, source, report))


@dataclass
class _CsvRows:
    """A CSV file's data rows, read again from the file each time they are iterated.

    Rows of the wrong width or with a giant cell are reported on the first pass only, so a table gone
    through twice still reports each once.
    """

    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    source: str
    report: ValidationReport
    _passes: int = 0

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        report = self.report if self._passes == 0 else ValidationReport()
        self._passes += 1
        records = _records(self.path, self.encoding, self.delimiter)
        next(records, None)  # the header
        return _rows(records, self.header, self.source, self.delimiter, report)


def _show(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


def read_workbook(path: Path, source: str, report: ValidationReport) -> dict[str, RawTable]:
    """Read every sheet of an XLSX workbook; sheet names are table names."""
    from openpyxl import load_workbook  # only packs that use a workbook pay for the import

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        report.add(source, None, None, N_("cannot open the workbook ({reason}); expected an .xlsx file"), reason=exc)
        return {}
    try:
        return _sheets(workbook, source)
    except Exception as exc:  # a zip that opens but whose sheets are junk fails only when read
        report.add(source, None, None, N_("cannot open the workbook ({reason}); expected an .xlsx file"), reason=exc)
        return {}
    finally:
        workbook.close()


def _sheets(workbook: Any, source: str) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    for sheet in workbook.worksheets:
        sheet_source = f"{source}[{sheet.title}]"
        header: list[str] | None = None
        table: RawTable | None = None
        rows: list[tuple[int, dict[str, Any]]] = []
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(_is_blank(v) for v in values):
                continue
            if header is None:
                header = [str(v).strip() if v is not None else "" for v in values]
                while header and not header[-1]:
                    header.pop()
                table = RawTable(sheet_source, header, rows)
                continue
            cells = list(values)[: len(header)] + [None] * max(0, len(header) - len(values))
            rows.append((row_number, dict(zip(header, cells, strict=True))))
        if table is not None:
            tables[sheet.title.strip().lower()] = table
    return tables
