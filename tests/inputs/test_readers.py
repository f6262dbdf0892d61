"""The same figures read from French Excel CSV (`;`, decimal commas, Windows-1252) and from XLSX."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.inputs.cells import parse_number
from boardpack.periods import parse_period
from tests.conftest import TINY


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1234.5", None, 1234.5),
        ("1 234,5", None, 1234.5),
        ("1\u202f234,50", None, 1234.5),
        ("1.234,5", None, 1234.5),
        ("1,234.50", None, 1234.5),
        ("1,500", "point", 1500.0),
        ("1,500", "comma", 1.5),
        ("12.500", "comma", 12500.0),
        ("12.500", "point", 12.5),
        ("1,5", None, 1.5),
        ("€1,234.50", None, 1234.5),
        ("1 234,50 €", None, 1234.5),
        ("12%", None, 0.12),
        (42, None, 42.0),
    ],
)
def test_parse_number(text: object, decimal: str | None, expected: float) -> None:
    assert parse_number(text, decimal, "a number") == expected  # type: ignore[arg-type]


def _french(value: str) -> str:
    """How French Excel writes a number: decimal comma, narrow spaces between thousands."""
    try:
        number = float(value)
    except ValueError:
        return value
    text = f"{number:,.2f}".replace(",", " ").replace(".", ",")
    return text


def test_french_excel_csv_gives_the_same_metrics(tmp_path: Path) -> None:
    pack = tmp_path / "fr"
    shutil.copytree(TINY, pack)
    for path in (pack / "data").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        with path.open("w", encoding="cp1252", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(rows[0])
            writer.writerows([_french(cell) if i > 1 else cell for i, cell in enumerate(row)] for row in rows[1:])
    # the header of a Windows-1252 file may carry accents; a sales category with one checks the decoding
    spend = pack / "data/spend.csv"
    spend.write_bytes(spend.read_bytes().replace(b"Sales team", "Équipe ventes".encode("cp1252")))
    assert b";" in spend.read_bytes() and b"12 000,00" in spend.read_bytes()
    period = parse_period("2026-Q1")
    french = evaluate(load_pack(pack), period)
    reference = evaluate(load_pack(TINY), period)
    assert french.as_json() == reference.as_json()
    assert any(row.category == "Équipe ventes" for row in load_pack(pack).rows("spend"))


def _values(metrics) -> dict:  # type: ignore[no-untyped-def]
    """The metrics JSON without the reasons, which name the file they come from."""
    return {k: {f: v for f, v in m.items() if f != "reason"} for k, m in metrics.as_json()["metrics"].items()}


def test_workbook_gives_the_same_metrics(tmp_path: Path) -> None:
    from openpyxl import Workbook

    pack = tmp_path / "xlsx"
    pack.mkdir()
    config = (TINY / "boardpack.yaml").read_text(encoding="utf-8") + "workbook: data/pack.xlsx\n"
    (pack / "boardpack.yaml").write_text(config, encoding="utf-8")
    (pack / "data").mkdir()
    workbook = Workbook()
    workbook.remove(workbook.active)
    for path in sorted((TINY / "data").glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        with path.open(encoding="utf-8") as handle:
            for i, row in enumerate(csv.reader(handle)):
                # numbers typed as numbers, as a person would in Excel
                sheet.append(
                    [float(c) if i and c.replace(".", "").isdigit() and j > 1 else c for j, c in enumerate(row)]
                )
    workbook.save(pack / "data/pack.xlsx")
    period = parse_period("2026-Q1")
    assert _values(evaluate(load_pack(pack), period)) == _values(evaluate(load_pack(TINY), period))


def test_workbook_errors_name_the_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from boardpack.inputs import PackInvalid

    (tmp_path / "boardpack.yaml").write_text("company: X\nchannels: [A]\nworkbook: book.xlsx\n", encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "pipeline"
    sheet.append(["period", "marketing_sourced", "sales_sourced", "other_sourced", "target"])
    sheet.append(["2026-01", 100, "lots", 0, None])
    workbook.save(tmp_path / "book.xlsx")
    with pytest.raises(PackInvalid) as error:
        load_pack(tmp_path)
    assert error.value.report.lines() == [
        "book.xlsx[pipeline]:2:sales_sourced: 'lots' is not a number; expected an amount ≥ 0"
    ]
