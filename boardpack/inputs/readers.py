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
import re
import zipfile
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


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a formula element in a sheet's XML, with or without a prefix
_CHUNK = 1 << 20


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula: only then is the workbook read a second time for them."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(_CHUNK):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-8:]
    return False


def read_workbook(path: Path, source: str, report: ValidationReport) -> dict[str, RawTable]:
    """Read every sheet of an XLSX workbook; sheet names are table names.

    Values are the ones the workbook saved with its formulas. A workbook written by a script and never
    opened in a spreadsheet program saved none: its formulas would read as blank cells, figures silently
    `not tracked`, so each is a problem at its cell. A workbook with any saved formula value was
    calculated, and there a formula without a value is one that gives an empty text.
    """
    from openpyxl import load_workbook  # only packs that use a workbook pay for the import

    opened: list[Any] = []
    try:
        opened.append(load_workbook(path, read_only=True, data_only=True))
        if _has_formulas(path):
            opened.append(load_workbook(path, read_only=True, data_only=False))
    except Exception as exc:  # openpyxl raises many types for a damaged file
        report.add(source, None, None, N_("cannot open the workbook ({reason}); expected an .xlsx file"), reason=exc)
        return {}
    try:
        return _sheets(opened[0], opened[1] if len(opened) > 1 else None, source, report)
    except Exception as exc:  # a zip that opens but whose sheets are junk fails only when read
        report.add(source, None, None, N_("cannot open the workbook ({reason}); expected an .xlsx file"), reason=exc)
        return {}
    finally:
        for workbook in opened:
            workbook.close()


def _blank_row(values: tuple[Any, ...]) -> bool:
    return values.count(None) == len(values) or all(_is_blank(v) for v in values)


def _header(sheet: Any) -> tuple[int, list[str]] | None:
    """The first row with something in it, and its number."""
    for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if values and not _blank_row(values):
            header = [str(v).strip() if v is not None else "" for v in values]
            while header and not header[-1]:
                header.pop()
            return row_number, header
    return None


def _rows_of(sheet: Any, header_row: int, width: int) -> Iterator[tuple[Any, ...]]:
    sheet.reset_dimensions()
    return sheet.iter_rows(min_row=header_row + 1, max_col=width, values_only=True)


@dataclass
class _Unsaved:
    """Formula cells read without a value, and whether any formula of the workbook had one."""

    cells: list[tuple[str, int, str, str]] = field(default_factory=list)  # source, row, column, formula
    rows: set[tuple[str, int]] = field(default_factory=set)
    calculated: bool = False

    def check(
        self, source: str, row: int, header: list[str], values: tuple[Any, ...], written: tuple[Any, ...]
    ) -> None:
        for column, value, formula in zip(header, values, written, strict=False):
            if not (isinstance(formula, str) and formula.startswith("=")):
                continue
            if value is not None:
                self.calculated = True
            else:
                self.cells.append((source, row, column, formula))
                self.rows.add((source, row))


def _sheets(workbook: Any, formulas: Any | None, source: str, report: ValidationReport) -> dict[str, RawTable]:
    """Every sheet's rows, read as the sheet stores them.

    The size a sheet declares is not trusted: one stray cell at XFD1048576 made every row 16,384 cells
    wide and a million rows long, and validation never ended. Rows are read no wider than the header,
    which is itself bounded like a CSV file's.
    """
    tables: dict[str, RawTable] = {}
    unsaved = _Unsaved()
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()
        sheet_source = f"{source}[{sheet.title}]"
        found = _header(sheet)
        if found is None or not _check_header(found[1], sheet_source, report):
            continue
        first, header = found
        written_rows = _rows_of(formulas[sheet.title], first, len(header)) if formulas is not None else None
        rows: list[tuple[int, dict[str, Any]]] = []
        for row_number, values in enumerate(_rows_of(sheet, first, len(header)), start=first + 1):
            if written_rows is not None:
                unsaved.check(sheet_source, row_number, header, values, next(written_rows, ()))
            if not _blank_row(values) or (sheet_source, row_number) in unsaved.rows:
                rows.append((row_number, dict(zip(header, values, strict=True))))
        tables[sheet.title.strip().lower()] = RawTable(sheet_source, header, rows)
    if unsaved.calculated or not unsaved.cells:
        return tables
    for sheet_source, row, column, formula in unsaved.cells:
        report.add(
            sheet_source,
            row,
            column or None,
            N_(
                "the formula '{value}' has no value saved with it; expected its value (open the workbook in a "
                "spreadsheet program and save it, or type the value)"
            ),
            value=formula,
        )
    for table in tables.values():  # the rows are reported; read as blanks they would only add confusion
        table.rows = [(row, cells) for row, cells in table.rows if (table.source, row) not in unsaved.rows]
    return tables
