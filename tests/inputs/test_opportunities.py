"""opportunities.csv and the forecast: settings: each bad input refused with its place and what was expected,
nothing written and the earlier deck left as it was."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from boardpack.cli import app
from tests.conftest import EARLIER, edit

runner = CliRunner()
HEADER = "id,created,amount,stage,expected_close,source,status,closed\n"


def one_problem(pack: Path) -> str:
    """The one problem `build` prints, after checking nothing was written."""
    result = runner.invoke(app, ["build", str(pack)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER
    lines = [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]
    assert lines[-1] == f"1 problem in {pack}; nothing was written.", lines
    return lines[0]


def with_rows(pack: Path, rows: str) -> Path:
    (pack / "data/opportunities.csv").write_text(HEADER + rows, encoding="utf-8")
    return pack


def test_stage_not_in_the_mapping(pack: Path) -> None:
    with_rows(pack, "O-1,2026-02-01,900,Closing,2026-Q2,marketing,open,\n")
    assert one_problem(pack) == (
        f"{pack}/data/opportunities.csv:2:stage: unknown stage 'Closing'; expected one of the stages in "
        "boardpack.yaml (forecast.stages): Qualification, Discovery, Demo, Proposal, Negotiation"
    )


def test_unknown_source(pack: Path) -> None:
    with_rows(pack, "O-1,2026-02-01,900,Demo,2026-Q2,partners,open,\n")
    assert one_problem(pack) == (
        f"{pack}/data/opportunities.csv:2:source: 'partners' is not a source; expected one of marketing, sales, other"
    )


def test_won_without_a_closed_date(pack: Path) -> None:
    with_rows(pack, "O-1,2026-02-01,900,Demo,2026-Q2,sales,won,\n")
    assert one_problem(pack) == (
        f"{pack}/data/opportunities.csv:2: a won opportunity without a closed date; expected the day it was won"
    )


def test_expected_close_that_is_no_period(pack: Path) -> None:
    with_rows(pack, "O-1,2026-02-01,900,Demo,next quarter,sales,open,\n")
    assert one_problem(pack) == (
        f"{pack}/data/opportunities.csv:2:expected_close: 'next quarter' is not a period; expected a month "
        "(2026-07), a quarter (2026-Q3) or a year (2026, FY2026)"
    )


def test_new_business_key_that_is_no_quarter(pack: Path) -> None:
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\nforecast:\n  new_business: {2026-05: 900}")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:8:forecast.new_business: '2026-05' is not a quarter; expected one such as 2026-Q4"
    )


def test_year_target_with_both_arr_and_mrr(pack: Path) -> None:
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\nforecast:\n  target: {arr: 9, mrr: 1}")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:8:forecast.target: give the year's target as arr or as mrr, one of the two"
    )
