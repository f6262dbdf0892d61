"""A number is never silently rescaled: a column's decimal separator is decided from all its cells.

Each test writes one table of the tiny pack in a form a spreadsheet really produces, and checks the
figure read or the exact message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.inputs import PackInvalid, read_pack
from tests.conftest import edit

SPEND = "period;channel;type;category;amount\n"


def problems(pack: Path) -> list[str]:
    with pytest.raises(PackInvalid) as error:
        read_pack(pack)
    return error.value.report.lines()


def _spend(pack: Path, amounts: list[str], delimiter: str = ";", locale: str | None = "keep") -> Path:
    """The spend table with one row per amount (quarter 2026-Q1, Channel A), cells quoted as Excel does."""
    rows = [
        delimiter.join(["2026-Q1", "Channel A", "marketing", f"Media {i}", f'"{amount}"'])
        for i, amount in enumerate(amounts)
    ]
    (pack / "data/spend.csv").write_text(SPEND.replace(";", delimiter) + "\n".join(rows) + "\n", encoding="utf-8")
    if locale != "keep":
        edit(pack / "boardpack.yaml", "locale: en_IE\n", f"locale: {locale}\n" if locale else "")
    return pack


def _amounts(pack: Path) -> list[float]:
    return [row.amount for row in read_pack(pack).rows("spend")]


AMBIGUOUS_12_500 = (
    "data/spend.csv:3:amount: '12.500' reads as 12500 (dot as thousands separator) or 12.5 (dot as decimal "
    "separator), and nothing in the column or the file settles which; expected one of these two forms, which read "
    "one way only, or the pack's locale: in boardpack.yaml (such as en_US or de_DE)"
)


def test_decimal_commas_in_the_column_settle_a_dotted_thousand(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["14.535,57", "12.500"], locale=None)
    assert _amounts(pack) == [14535.57, 12500.0]


def test_quoted_decimal_comma_in_a_comma_separated_file(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["12,50", "3906.30"], delimiter=",", locale=None)
    with pytest.raises(PackInvalid):  # a decimal comma and a decimal point in one column
        read_pack(pack)
    pack = _spend(pack, ["12,50", "1250"], delimiter=",")
    assert _amounts(pack) == [12.5, 1250.0]


def test_decimal_points_settle_a_comma_thousand(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["3906.30", "1,250"], delimiter=",", locale="de_DE")
    assert _amounts(pack) == [3906.3, 1250.0]  # the cells win over the locale


def test_ambiguous_column_without_a_hint_is_an_error(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["1000", "12.500"], locale=None)
    assert problems(pack) == [AMBIGUOUS_12_500]


def test_ambiguous_comma_names_both_readings(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["1,255"], delimiter=",", locale=None)
    assert problems(pack) == [
        "data/spend.csv:2:amount: '1,255' reads as 1255 (comma as thousands separator) or 1,2550 (comma as decimal "
        "separator), and nothing in the column or the file settles which; expected one of these two forms, which "
        "read one way only, or the pack's locale: in boardpack.yaml (such as en_US or de_DE)"
    ]


@pytest.mark.parametrize(("locale", "expected"), [("de_DE", 12500.0), ("ro_RO", 12500.0), ("en_GB", 12.5)])
def test_an_explicit_locale_breaks_the_tie(tiny_copy: Callable[[], Path], locale: str, expected: float) -> None:
    pack = _spend(tiny_copy(), ["1000", "12.500"], locale=locale)
    assert _amounts(pack) == [1000.0, expected]


def test_the_file_settles_a_column_its_own_cells_cannot(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "data/pipeline.csv").write_text(
        "period;marketing_sourced;sales_sourced;other_sourced;target\n"
        "2026-01;152.600,50;129.400,00;24.300,00;300.000\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "locale: en_IE\n", "")
    assert read_pack(pack).rows("pipeline")[0].target == 300000.0


def test_contradicting_cells_name_both(tiny_copy: Callable[[], Path]) -> None:
    pack = _spend(tiny_copy(), ["1.234,50", "14,00", "3,906.30", "12.500"])
    assert problems(pack) == [
        "data/spend.csv:4:amount: '3,906.30' has a decimal point, but '1.234,50' at row 2 has a decimal comma; "
        "expected one decimal separator throughout the column"
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 234,50", 1234.5),
        ("1\u202f234,50", 1234.5),
        ("1'234.50", 1234.5),
        ("1\u2019234.50", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("0,500", 0.5),
        ("1234,567", 1234.567),
        ("€1,234.50", 1234.5),
        ("1 234,50 €", 1234.5),
        ("EUR 1250", 1250.0),
        ("1e5", 100000.0),
        ("1,5E3", 1500.0),
    ],
)
def test_unambiguous_forms(tiny_copy: Callable[[], Path], cell: str, expected: float) -> None:
    assert _amounts(_spend(tiny_copy(), [cell], locale=None)) == [expected]


@pytest.mark.parametrize("cell", ["NaN", "inf", "-Infinity", "12 5", "1.23,45", "1.2.3", "1,234.567,8"])
def test_not_numbers(tiny_copy: Callable[[], Path], cell: str) -> None:
    assert problems(_spend(tiny_copy(), [cell])) == [
        f"data/spend.csv:2:amount: '{cell}' is not a number; expected an amount ≥ 0"
    ]


def test_negative_with_a_decimal_comma(tiny_copy: Callable[[], Path]) -> None:
    assert problems(_spend(tiny_copy(), ["\u22121.234,50"])) == [
        "data/spend.csv:2:amount: \u22121.234,50 is negative; expected an amount ≥ 0 (decreases are given as "
        "positive amounts)"
    ]


def test_a_percentage_is_no_amount(tiny_copy: Callable[[], Path]) -> None:
    assert problems(_spend(tiny_copy(), ["15%"])) == [
        "data/spend.csv:2:amount: '15%' is a percentage; expected an amount ≥ 0"
    ]


def test_amount_beyond_the_bound(tiny_copy: Callable[[], Path]) -> None:
    assert problems(_spend(tiny_copy(), ["5.882.352.941.176.474.000"])) == [
        "data/spend.csv:2:amount: '5.882.352.941.176.474.000' is too large; expected an amount ≥ 0, at most 1e+15"
    ]


def test_count_beyond_the_bound(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2026-01,Channel A,10000,", "2026-01,Channel A,10000000000000,")
    assert problems(pack) == [
        "data/funnel.csv:4:visitors: '10000000000000' is too large; expected a whole number ≥ 0, at most 1e+12"
    ]


def test_percent_with_a_decimal_comma_in_a_rate(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "data/traffic.csv").write_text(
        "period;sessions;users;pageviews;avg_session_duration;bounce_rate\n2026-01;23.468;16.260;58.828;146,5;42,5 %\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "locale: en_IE\n", "")
    row = read_pack(pack).rows("traffic")[0]
    assert (row.sessions, row.users, row.avg_session_duration, row.bounce_rate) == (23468, 16260, 146.5, 0.425)


def test_nps_is_read_by_the_same_rule(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "data/customers.csv").write_text(
        'period,customer,segment,mrr,usage,tickets,nps,billing_issues\n2026-01,Acme,All,100,1,0,"9,000",0\n',
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "locale: en_IE\n", "")
    assert problems(pack)[0].startswith("data/customers.csv:2:nps: '9,000' reads as 9000 (comma as thousands")


def test_workbook_text_cells_count_and_typed_numbers_do_not(tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "boardpack.yaml").write_text("company: X\nchannels: [A]\nworkbook: book.xlsx\n", encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "pipeline"
    sheet.append(["period", "marketing_sourced", "sales_sourced", "other_sourced", "target"])
    sheet.append(["2026-01", 12.5, "12.500", "3.906,30", None])  # Excel numbers stored as text beside a typed one
    sheet.append(["2026-02", 1250.75, "1.500", 0, 300000])
    workbook.save(tmp_path / "book.xlsx")
    rows = read_pack(tmp_path).rows("pipeline")
    assert [(r.marketing_sourced, r.sales_sourced, r.other_sourced) for r in rows] == [
        (12.5, 12500.0, 3906.3),
        (1250.75, 1500.0, 0.0),
    ]


def test_build_refuses_and_keeps_the_earlier_deck(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from boardpack.cli import app

    pack = _spend(tiny_copy(), ["1000", "12.500"], locale=None)
    earlier = tmp_path / "out/board.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"the deck of last month")
    result = CliRunner().invoke(app, ["build", str(pack), "--out", str(earlier), "--period", "2026-Q1"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{pack}/{AMBIGUOUS_12_500}", f"1 problem in {pack}; nothing was written."]
    assert earlier.read_bytes() == b"the deck of last month"
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["board.pdf"]


def test_the_two_readings_in_french_and_romanian(tiny_copy: Callable[[], Path]) -> None:
    from typer.testing import CliRunner

    from boardpack.cli import app

    pack = _spend(tiny_copy(), ["1.234,50", "3,906.30"], locale=None)
    result = CliRunner().invoke(app, ["validate", str(pack), "--language", "fr"])
    assert result.output.splitlines()[0] == (
        f"{pack}/data/spend.csv:3:amount: «\u00a03,906.30\u00a0» a un point décimal, mais «\u00a01.234,50\u00a0» à la "
        "ligne 2 a une virgule décimale\u00a0; attendu\u00a0: un seul séparateur décimal dans toute la colonne"
    )
    _spend(pack, ["1000", "12.500"])
    result = CliRunner().invoke(app, ["validate", str(pack), "--language", "ro"])
    assert result.output.splitlines()[0] == (
        f"{pack}/data/spend.csv:3:amount: „12.500” se citește 12500 (punct ca separator de mii) sau 12.5 (punct ca "
        "separator zecimal), și nimic din coloană sau din fișier nu stabilește care; se aștepta una dintre aceste două "
        "forme, care se citesc într-un singur fel, sau setarea locale: a pachetului în boardpack.yaml "
        "(de exemplu en_US sau de_DE)"
    )
