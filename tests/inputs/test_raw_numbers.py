"""Raw exports read numbers by the tables' rule, on their engine: the same cells give the same figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardpack.api import load_pack
from boardpack.inputs import PackInvalid
from boardpack.inputs.cells import parse_number
from tests.inputs.test_raw_exports import GENERIC, _pack

CELLS = [
    "1000",
    "3906.30",
    "1,234.50",
    "1.234,50",
    "12,50",
    "12.500",
    "1,250",
    "0,500",
    "1.234.567",
    "1,234,567",
    "1234,567",
    "1 234,50",
    "1\u202f234,50",
    "1'234.50",
    "€1,234.50",
    "1 234,50 €",
    "EUR 12",
    "-1.234,50",
    "\u221212,5",
    "1e5",
    "1,5E3",
    ".5",
    "12.",
    "+5",
]
NOT_NUMBERS = ["NaN", "inf", "12 5", "1.23,45", "1.2.3", "12abc", "1" * 70]


def _ledger(amounts: list[str]) -> str:
    """A generic ledger with one monthly subscription per amount, cells quoted as a spreadsheet writes them."""
    return GENERIC + "".join(f's{i},c{i},Pro,2026-01-01,,"{a}",month,1\n' for i, a in enumerate(amounts))


def _mrr(pack: Path) -> float:
    return load_pack(pack).rows("revenue")[0].mrr


def test_quoted_decimal_comma_is_twelve_fifty(tmp_path: Path) -> None:
    assert _mrr(_pack(tmp_path, _ledger(["12,50"]), "as_of: 2026-01-31\n")) == 12.5


def test_decimal_points_settle_a_comma_thousand(tmp_path: Path) -> None:
    assert _mrr(_pack(tmp_path, _ledger(["3906.30", "1,250"]), "as_of: 2026-01-31\n")) == 5156.3


def test_decimal_commas_settle_a_dotted_thousand(tmp_path: Path) -> None:
    assert _mrr(_pack(tmp_path, _ledger(["14.535,57", "12.500"]), "as_of: 2026-01-31\n")) == 27035.57


def test_the_locale_settles_what_no_cell_does(tmp_path: Path) -> None:
    pack = _pack(tmp_path, _ledger(["1000", "12.500"]), "as_of: 2026-01-31\n")
    (pack / "boardpack.yaml").write_text((pack / "boardpack.yaml").read_text() + "locale: de_DE\n")
    assert _mrr(pack) == 13500.0


def _problems(pack: Path) -> list[str]:
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    return error.value.report.lines()


def test_ambiguous_amount_in_a_ledger_is_an_error(tmp_path: Path) -> None:
    assert _problems(_pack(tmp_path, _ledger(["1000", "12.500"]), "as_of: 2026-01-31\n")) == [
        "exports/ledger.csv:3:amount: '12.500' reads as 12500 (dot as thousands separator) or 12.5 (dot as decimal "
        "separator), and nothing in the column or the file settles which; expected one of these two forms, which read "
        "one way only, or the pack's locale: in boardpack.yaml (such as en_US or de_DE)"
    ]


def test_contradicting_amounts_in_a_ledger(tmp_path: Path) -> None:
    ledger = _ledger(["1.234,50", "14,00", "3,906.30"])
    assert _problems(_pack(tmp_path, ledger, "as_of: 2026-01-31\n")) == [
        "exports/ledger.csv:4:amount: '3,906.30' has a decimal point, but '1.234,50' at row 2 has a decimal comma; "
        "expected one decimal separator throughout the column"
    ]


def test_many_ambiguous_cells_are_counted_beyond_the_first_twenty(tmp_path: Path) -> None:
    lines = _problems(_pack(tmp_path, _ledger(["2.500"] * 25), "as_of: 2026-01-31\n"))
    assert len(lines) == 21
    assert lines[0] == "exports/ledger.csv:amount: 5 more cells like these are not shown"
    assert lines[1].startswith("exports/ledger.csv:2:amount: '2.500' reads as 2500")
    assert lines[-1].startswith("exports/ledger.csv:21:amount: '2.500' reads as 2500")


def test_the_settled_convention_reads_quantity_and_discount_too(tmp_path: Path) -> None:
    ledger = (
        "customer,start,amount,interval,quantity,discount_percent\n"
        'c1,2026-01-01,"1.000,00",month,"1.000","12,5"\n'  # one thousand seats at 1,000.00 less 12.5 %
    )
    assert _mrr(_pack(tmp_path, ledger, "as_of: 2026-01-31\n")) == 875000.0


def test_too_large_and_unreadable_numbers_are_bad_rows(tmp_path: Path) -> None:
    good = "".join(f"g{i},c{i},Pro,2026-01-01,,10,month,1\n" for i in range(96))
    bad = (
        "b1,x1,Pro,2026-01-01,,5882352941176474000,month,1\n"
        "b2,x2,Pro,2026-01-01,,10,month,lots\n"
        "b3,x3,Pro,2026-01-01,,10,month,10000000000000\n"
        "b4,x4,Pro,2026-01-01,,NaN,month,1\n"
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, GENERIC + good + bad, "as_of: 2026-01-31\nmax_bad_rows: 0.02\n"))
    assert error.value.report.lines()[1:] == [
        "exports/ledger.csv:98:amount: '5882352941176474000' is too large; expected an amount ≥ 0, at most 1e+15",
        "exports/ledger.csv:99:quantity: 'lots' is not a number; expected a whole number ≥ 0 or a blank cell",
        "exports/ledger.csv:100:quantity: '10000000000000' is too large; expected a whole number ≥ 0, at most 1e+12",
        "exports/ledger.csv:101:amount: 'NaN' is not a number; expected an amount ≥ 0",
    ]


def engine_readings(backend: object, cells: list[str], decimal: str | None) -> list[float | None]:
    """The cells read by the raw exports' expression on `backend`, in order (None: not a number)."""
    import ibis

    from boardpack.inputs.raw.values import parse_number as read_on_engine

    table = ibis.memtable({"n": list(range(len(cells))), "x": cells})
    expression = table.select("n", x=read_on_engine(table.x, decimal)).order_by("n")  # type: ignore[arg-type]
    return [row["x"] for row in backend.to_pyarrow(expression).to_pylist()]  # type: ignore[attr-defined]


def table_readings(cells: list[str], decimal: str | None) -> list[float | None]:
    """The same cells read by the tables' reader (None: not a number, or ambiguous without a convention)."""
    read: list[float | None] = []
    for cell in cells:
        try:
            read.append(parse_number(cell, decimal, "a number"))  # type: ignore[arg-type]
        except ValueError:
            read.append(None)
    return read


@pytest.mark.parametrize("decimal", [None, "point", "comma"])
def test_tables_and_exports_read_the_same_cells_alike(decimal: str | None) -> None:
    import ibis

    cells = CELLS + NOT_NUMBERS
    expected = table_readings(cells, decimal)
    assert expected[: len(CELLS)].count(None) == (2 if decimal is None else 0)  # 12.500 and 1,250
    assert expected[len(CELLS) :] == [None] * len(NOT_NUMBERS)
    assert engine_readings(ibis.duckdb.connect(), cells, decimal) == expected
