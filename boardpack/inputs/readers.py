"""Read a table from CSV or from one sheet of an XLSX workbook into raw cells.

Raw cells are kept as text (CSV) or as the workbook's own values (XLSX); turning them into numbers,
periods and names is the models' job, so that every message names the same file, row and column.
CSV files come from many places: UTF-8 with or without a BOM, Windows-1252 from French Excel, `,` or
`;` or tab as delimiter. The delimiter says nothing about the decimal separator: `numbers.py` decides
it per column from the cells themselves.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.inputs.report import ValidationReport

_DELIMITERS = (",", ";", "\t")


@dataclass
class RawTable:
    """A table as read: `source` names it in messages (`data/funnel.csv`, `data/pack.xlsx[funnel]`)."""

    source: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _decode(data: bytes) -> str:
    """UTF-8 (BOM stripped) first; Windows-1252 is what Excel writes for `CSV (point-virgule)`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_csv(path: Path, source: str, report: ValidationReport) -> RawTable | None:
    """Read a CSV file, reporting a header it cannot split or rows of the wrong width."""
    text = _decode(path.read_bytes())
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        report.add(source, None, None, "the file is empty; expected a header row and data rows")
        return None
    delimiter = max(_DELIMITERS, key=first.count)
    if first.count(delimiter) == 0:
        report.add(
            source,
            1,
            None,
            f"cannot split the header '{first[:60]}' into columns; expected columns separated by ',' or ';' (or tabs)",
        )
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    table: RawTable | None = None
    for row_number, cells in enumerate(reader, start=1):
        if all(_is_blank(c) for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            table = RawTable(source, header)
            continue
        assert table is not None
        if len(cells) > len(header) and all(_is_blank(c) for c in cells[len(header) :]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            report.add(
                source,
                row_number,
                None,
                f"row has {len(cells)} values but the header has {len(header)} columns; "
                f"expected one value per column, separated by '{_show(delimiter)}'",
            )
            continue
        table.rows.append((row_number, dict(zip(header, cells, strict=True))))
    return table


def _show(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


def read_workbook(path: Path, source: str, report: ValidationReport) -> dict[str, RawTable]:
    """Read every sheet of an XLSX workbook; sheet names are table names."""
    from openpyxl import load_workbook  # only packs that use a workbook pay for the import

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        report.add(source, None, None, f"cannot open the workbook ({exc}); expected an .xlsx file")
        return {}
    tables: dict[str, RawTable] = {}
    try:
        for sheet in workbook.worksheets:
            sheet_source = f"{source}[{sheet.title}]"
            header: list[str] | None = None
            table: RawTable | None = None
            for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if all(_is_blank(v) for v in values):
                    continue
                if header is None:
                    header = [str(v).strip() if v is not None else "" for v in values]
                    while header and not header[-1]:
                        header.pop()
                    table = RawTable(sheet_source, header)
                    continue
                assert table is not None
                cells = list(values)[: len(header)] + [None] * max(0, len(header) - len(values))
                table.rows.append((row_number, dict(zip(header, cells, strict=True))))
            if table is not None:
                tables[sheet.title.strip().lower()] = table
    finally:
        workbook.close()
    return tables
