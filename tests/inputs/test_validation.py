"""Broken packs give exact messages, every problem at once, file:row:column first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.inputs import PackInvalid, read_pack
from tests.conftest import edit

FUNNEL_COLUMNS = "period, channel, visitors, contacts, leads, mqls, sals, sqls, opportunities, quotes, customers"


def problems(pack: Path) -> list[str]:
    with pytest.raises(PackInvalid) as error:
        read_pack(pack)
    return error.value.report.lines()


def test_bad_number(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,,,250,", "2025-Q4,Channel B,,,25O,")
    assert problems(pack) == ["data/funnel.csv:3:leads: '25O' is not a number; expected a whole number ≥ 0"]


def test_negative_and_fractional_counts(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2026-01,Channel A,10000,500,200,50,", "2026-01,Channel A,10000,500,-200,50.5,")
    assert problems(pack) == [
        "data/funnel.csv:4:leads: -200 is negative; expected a whole number ≥ 0",
        "data/funnel.csv:4:mqls: 50.5 is not a whole number; expected a whole number ≥ 0",
    ]


def test_missing_column(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    path = pack / "data/funnel.csv"
    rows = [line.split(",") for line in path.read_text().splitlines()]
    path.write_text("\n".join(",".join(cells[:5] + cells[6:]) for cells in rows) + "\n")
    assert problems(pack) == [f"data/funnel.csv:1:mqls: missing column; expected the columns {FUNNEL_COLUMNS}"]


def test_unknown_column(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/pipeline.csv", "target", "targett")
    assert problems(pack) == [
        "data/pipeline.csv:1:targett: unknown column; expected only "
        "period, marketing_sourced, sales_sourced, other_sourced, target"
    ]


def test_unknown_channel(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/spend.csv", "2025-11,Channel B,", "2025-11,Webinars,")
    assert problems(pack) == [
        "data/spend.csv:6:channel: unknown channel 'Webinars'; expected one of the channels in boardpack.yaml: "
        "Channel A, Channel B"
    ]


def test_duplicate_period(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/pipeline.csv", "2026-02,", "2026-01,")
    assert problems(pack) == [
        "data/pipeline.csv:3:period: duplicate row for 2026-01 (first at row 2); expected one row per period"
    ]


def test_monthly_rows_overlapping_a_quarter(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2026-01,Channel B,", "2025-11,Channel B,")
    assert problems(pack) == [
        "data/funnel.csv:7:period: 2025-11 overlaps 2025-Q4 at row 3 and channel 'Channel B'; "
        "expected either monthly or quarterly rows, not both"
    ]


def test_movements_that_do_not_reconcile(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/revenue.csv", "2026-01,All,11900,117,", "2026-01,All,11950,116,")
    assert problems(pack) == [
        "data/revenue.csv:5:mrr: MRR for 2026-01 in segment 'All' does not reconcile: 2025-12 end 11,100.00 "
        "+ new 1,200.00 + expansion 300.00 + reactivation 0.00 - contraction 100.00 - churned 600.00 + FX 0.00 "
        "= 11,900.00, but mrr is 11,950.00; expected start + movements + FX = end within 0.01",
        "data/revenue.csv:5:customers: customers for 2026-01 in segment 'All' do not reconcile: 2025-12 end 111 "
        "+ new 12 + reactivated 0 - churned 6 = 117, but customers is 116; expected start + movements = end",
        # February no longer starts from 11,900: the error shows where it comes from
        "data/revenue.csv:6:mrr: MRR for 2026-02 in segment 'All' does not reconcile: 2026-01 end 11,950.00 "
        "+ new 500.00 + expansion 200.00 + reactivation 0.00 - contraction 100.00 - churned 400.00 + FX 0.00 "
        "= 12,150.00, but mrr is 12,100.00; expected start + movements + FX = end within 0.01",
        "data/revenue.csv:6:customers: customers for 2026-02 in segment 'All' do not reconcile: 2026-01 end 116 "
        "+ new 5 + reactivated 0 - churned 4 = 117, but customers is 118; expected start + movements = end",
    ]


def test_missing_month(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/revenue.csv", "2026-02,All,12100,118,500,200,100,400,0,5,4,0\n", "")
    assert problems(pack) == [
        "data/revenue.csv:6:month: no row for 2026-02 in segment 'All' between 2026-01 and 2026-03; "
        "expected consecutive months"
    ]


def test_revenue_rows_must_be_months(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/revenue.csv", "2025-10,All", "2025-Q4,All")
    assert problems(pack) == ["data/revenue.csv:2:month: 2025-Q4 is a quarter; expected a month such as 2026-07"]


def test_wrong_delimiter(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    path = pack / "data/pipeline.csv"
    path.write_text(path.read_text().replace(",", "|"))
    assert problems(pack) == [
        "data/pipeline.csv:1: cannot split the header 'period|marketing_sourced|sales_sourced|other_sourced|target' "
        "into columns; expected columns separated by ',' or ';' (or tabs)"
    ]


def test_row_of_the_wrong_width(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/pipeline.csv", "2026-03,60000,40000,0,100000", "2026-03,60000;40000,0,100000")
    assert problems(pack) == [
        "data/pipeline.csv:4: row has 4 values but the header has 5 columns; "
        "expected one value per column, separated by ','"
    ]


def test_every_problem_at_once_in_file_and_row_order(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 75")
    edit(pack / "data/spend.csv", "2026-Q1,Channel A,marketing,Media,3000", "2026-Q1,Channel A,advertising,Media,-3000")
    edit(pack / "data/funnel.csv", "2026-03,Channel B,,,120", "2026-03,Channel C,,,120")
    lines = problems(pack)
    assert lines == ["boardpack.yaml:6:gross_margin: Input should be less than or equal to 1"]
    edit(pack / "boardpack.yaml", "gross_margin: 75", "gross_margin: 0.75")
    assert problems(pack) == [
        "data/funnel.csv:9:channel: unknown channel 'Channel C'; expected one of the channels in boardpack.yaml: "
        "Channel A, Channel B",
        "data/spend.csv:11:type: 'advertising' is not a spend type; expected marketing or sales",
        "data/spend.csv:11:amount: -3000 is negative; expected an amount ≥ 0 (decreases are given as positive amounts)",
    ]


def test_config_problems(tmp_path: Path) -> None:
    (tmp_path / "boardpack.yaml").write_text(
        "company: X\ncurrency: EURO\nlocale: xx_YY\nchannels: [A, a]\ngross_margn: 0.8\nperiod: 2026-Q5\n",
        encoding="utf-8",
    )
    assert problems(tmp_path) == [
        "boardpack.yaml:2:currency: 'EURO' is not an ISO 4217 currency code; expected one such as EUR or USD",
        "boardpack.yaml:3:locale: 'xx_YY' is not a known locale; expected one such as fr_FR or en_US",
        "boardpack.yaml:4:channels: 'a' is listed twice; expected each name once",
        "boardpack.yaml:5:gross_margn: unknown key; did you mean `gross_margin`?",
    ]


def test_unknown_keys_name_their_closest_known_key(tmp_path: Path) -> None:
    """A nested key is matched among its own neighbours; a key close to nothing keeps the general message."""
    (tmp_path / "boardpack.yaml").write_text(
        "company: X\nchannels: [A]\nbrand:\n  colours:\n    primay: '#000000'\nflux_capacitor: 1\n"
        "targets:\n  ltv_cac: 3\nalerts: [nrrr]\n",
        encoding="utf-8",
    )
    assert problems(tmp_path) == [
        "boardpack.yaml:5:brand.colours.primay: unknown key; did you mean `primary`?",
        "boardpack.yaml:6:flux_capacitor: unknown key; "
        "expected one of the keys in the settings reference (docs/filling-a-pack.md)",
    ]


def test_unknown_metric_ids_name_their_closest_id(tiny_copy: Callable[[], Path]) -> None:
    from boardpack.api import check_references

    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nalerts: [nrrr, board_mood]")
    edit(pack / "boardpack.yaml", "targets:\n", "targets:\n  ltv_cac: 3\n")
    assert check_references(read_pack(pack)).lines() == [
        "boardpack.yaml:targets.ltv_cac: unknown metric id; did you mean `ltv_cac_ratio`?",
        "boardpack.yaml:alerts.nrrr: unknown metric id; did you mean `nrr`?",
        "boardpack.yaml:alerts.board_mood: unknown metric id; "
        "expected an id from the metric reference (docs/metrics.md)",
    ]


def test_missing_config_and_folder(tmp_path: Path) -> None:
    assert problems(tmp_path) == ["boardpack.yaml: file not found; expected the pack's settings (run `boardpack init`)"]
    assert problems(tmp_path / "nope") == [
        f"{tmp_path / 'nope'}: not a folder; expected a pack folder (run `boardpack init`)"
    ]


def test_unknown_table_file(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "data/funel.csv").write_text("period\n2026-01\n")
    assert problems(pack) == [
        "data/funel.csv: unknown table; expected one of funnel.csv, spend.csv, revenue.csv, pipeline.csv, "
        "traffic.csv, events.csv, finance.csv, churn_reasons.csv, trials.csv, demos.csv, customers.csv, "
        "email.csv, social.csv, wins.csv, touches.csv, milestones.csv, opportunities.csv, fx_rates.csv"
    ]
