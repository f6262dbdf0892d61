"""A CRM deals export read as the opportunities table: HubSpot's and Salesforce's columns, the status from
their closed and won flags, sources mapped to marketing, sales or other, and the rows that cannot be read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import load_pack
from boardpack.cli import app
from boardpack.inputs import PackInvalid
from tests.conftest import EARLIER

runner = CliRunner()
HUBSPOT = (
    "Record ID,Deal Name,Amount,Deal Stage,Close Date,Create Date,Pipeline,Original Source Type,"
    "Is Closed Won,Is Deal Closed?\n"
)
SALESFORCE = "Opportunity ID,Opportunity Name,Amount,Stage,Close Date,Created Date,Lead Source,Won,Closed\n"


def _pack(tmp_path: Path, export: str, settings: str = "") -> Path:
    pack = tmp_path / "pack"
    (pack / "exports").mkdir(parents=True)
    (pack / "exports/deals.csv").write_text(export, encoding="utf-8")
    config = (
        "company: Deals Ltd\nchannels: [Web]\nforecast: {amount: mrr}\nraw:\n  deals:\n    file: exports/deals.csv\n"
    )
    (pack / "boardpack.yaml").write_text(config + textwrap.indent(textwrap.dedent(settings), "    "))
    return pack


def _cells(pack: Path) -> list[tuple[object, ...]]:
    return [
        (
            r.line,
            r.id,
            r.created.isoformat(),
            r.amount,
            r.stage,
            r.expected_close.label,
            r.source,
            r.status,
            r.closed and r.closed.isoformat(),
        )
        for r in load_pack(pack).rows("opportunities")
    ]


def test_hubspot_deals_export(tmp_path: Path) -> None:
    export = HUBSPOT + (
        "101,Acme,12000,Proposal,2026-11-20 00:00,2026-07-14 10:32,Sales Pipeline,Organic Search,false,false\n"
        "102,Beta,6000,Closed Won,2026-08-12,2026-06-03,Sales Pipeline,Offline Sources,true,true\n"
        "103,Gamma,3000,Closed Lost,2026-07-30,2026-06-20,Sales Pipeline,Trade fair,false,true\n"
        "104,Delta,2400,demo,2026-10-01,2026-08-02,Sales Pipeline,,FALSE,FALSE\n"
    )
    pack = _pack(tmp_path, export)
    assert _cells(pack) == [
        (2, "101", "2026-07-14", 12000.0, "Proposal", "2026-11", "marketing", "open", None),
        # a won deal passed every stage; a lost one without a lost-at column is lost at the earliest
        (3, "102", "2026-06-03", 6000.0, "Negotiation", "2026-08", "sales", "won", "2026-08-12"),
        (4, "103", "2026-06-20", 3000.0, "Qualification", "2026-07", "other", "lost", "2026-07-30"),
        (5, "104", "2026-08-02", 2400.0, "Demo", "2026-10", "other", "open", None),
    ]
    assert [str(n) for n in load_pack(pack).notices] == [
        "exports/deals.csv:Original Source Type: deals whose source is not mapped, counted as other: "
        "(blank) (1), Trade fair (1); expected them under raw.deals.sources",
        "exports/deals.csv:Deal Stage: lost deals without the stage they were lost at: 1, counted as lost at "
        "Qualification; expected a column of that stage, mapped as lost_stage under raw.deals.columns",
    ]


def test_salesforce_opportunity_report_with_a_lost_at_column_and_sources(tmp_path: Path) -> None:
    export = SALESFORCE.replace("\n", ",Lost At\n") + (
        '006A1,Acme,"12,000.00",Negotiation,14/11/2026,02/07/2026,Web,0,0,\n'
        '006A2,Beta,"1,500.50",Closed Won,15/08/2026,03/06/2026,Partner Referral,1,1,\n'
        "006A3,Gamma,900,Closed Lost,30/07/2026,20/06/2026,Cold Call,0,1,Demo\n"
        "006A4,Delta,400,Discovery,01/12/2026,01/09/2026,Event booth,0,0,\n"
    )
    settings = "columns: {lost_stage: Lost At}\nsources: {Event booth: marketing, Web: sales}\n"
    pack = _pack(tmp_path, export, settings)
    assert _cells(pack) == [
        (2, "006A1", "2026-07-02", 12000.0, "Negotiation", "2026-11", "sales", "open", None),
        (3, "006A2", "2026-06-03", 1500.5, "Negotiation", "2026-08", "other", "won", "2026-08-15"),
        (4, "006A3", "2026-06-20", 900.0, "Demo", "2026-07", "sales", "lost", "2026-07-30"),
        (5, "006A4", "2026-09-01", 400.0, "Discovery", "2026-12", "marketing", "open", None),
    ]
    assert load_pack(pack).notices == ()


def test_generic_export_without_flags_reads_the_status_from_the_stage(tmp_path: Path) -> None:
    export = (
        "id,created,amount,stage,close_date,source\n"
        "d1,2026-07-01,500,Closed Won,2026-08-01,marketing\n"
        "d2,2026-07-01,700,closed lost,2026-08-03,sales\n"
        "d3,2026-07-01,900,Demo,2026-10-15,Paid Search\n"
    )
    cells = _cells(_pack(tmp_path, export, "format: generic\n"))
    assert [(c[1], c[4], c[7], c[8]) for c in cells] == [
        ("d1", "Negotiation", "won", "2026-08-01"),
        ("d2", "Qualification", "lost", "2026-08-03"),
        ("d3", "Demo", "open", None),
    ]


def test_bad_rows_are_reported_with_their_lines_above_max_bad_rows(tmp_path: Path) -> None:
    good = "".join(f"{i},D{i},100,Demo,2026-10-01,2026-07-01,P,Paid Search,false,false\n" for i in range(1, 7))
    bad = (
        "7,Bad,,Demo,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
        "8,Bad,100,Demo,soon,2026-07-01,P,Paid Search,false,false\n"
        "9,Bad,100,Closed Won,2026-06-01,2026-07-01,P,Paid Search,maybe,true\n"
        "3,Again,100,Demo,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, HUBSPOT + good + bad))
    assert error.value.report.lines() == [
        "exports/deals.csv: 4 of 10 rows cannot be read (40.0%); expected at most 1.0% "
        "(max_bad_rows in boardpack.yaml)",
        "exports/deals.csv:8:Amount: empty; expected an amount ≥ 0",
        "exports/deals.csv:9:Close Date: 'soon' is not a date; expected the day the deal closed or is expected to "
        "close, such as 2026-11-20",
        "exports/deals.csv:10:Is Closed Won: 'maybe' is not a yes or no; expected true, false, yes, no, 1 or 0",
        "exports/deals.csv:11:Record ID: '3' again (first at line 4); expected each deal once (an export pasted twice)",
    ]
    pack = load_pack(_pack(tmp_path / "tolerant", HUBSPOT + good + bad, "max_bad_rows: 0.5\n"))
    assert len(pack.rows("opportunities")) == 6
    assert str(pack.notices[0]) == (
        "exports/deals.csv: 4 of 10 rows left out as unreadable, first: "
        "exports/deals.csv:8:Amount: empty; expected an amount ≥ 0"
    )


def test_a_closed_deal_closed_before_it_was_created(tmp_path: Path) -> None:
    export = HUBSPOT + "1,A,100,Closed Lost,2026-06-01,2026-07-01,P,Paid Search,false,true\n"
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, export))
    assert error.value.report.lines()[1] == (
        "exports/deals.csv:2:Close Date: closed 2026-06-01 is before created 2026-07-01; expected a later date"
    )


def test_missing_columns_name_the_crm(tmp_path: Path) -> None:
    export = "Record ID,Deal Name,Deal Stage,Create Date\n1,A,Demo,2026-07-01\n"
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, export))
    assert error.value.report.lines() == [
        "exports/deals.csv: missing column 'Amount', 'Close Date'; expected the columns of a HubSpot deals export, "
        "a Salesforce opportunity report or a `columns:` mapping in boardpack.yaml"
    ]


def test_open_deals_at_stages_not_in_the_forecast_stages_are_reported_once_per_stage(tmp_path: Path) -> None:
    """HubSpot's default pipeline has stages of its own: one problem per stage, not one per deal."""
    export = HUBSPOT + (
        "1,A,100,Demo,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
        "2,B,100,Appointment Scheduled,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
        "3,C,100,Contract Sent,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
        "4,D,100,Appointment Scheduled,2026-10-01,2026-07-01,P,Paid Search,false,false\n"
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, export))
    stages = "(Qualification, Discovery, Demo, Proposal, Negotiation), which maps each CRM stage to a funnel stage"
    assert error.value.report.lines() == [
        "exports/deals.csv:Deal Stage: open deals at stage 'Appointment Scheduled': 2, the first at line 3; "
        f"expected one of the stages of forecast.stages in boardpack.yaml {stages}",
        "exports/deals.csv:Deal Stage: open deals at stage 'Contract Sent': 1, the first at line 4; "
        f"expected one of the stages of forecast.stages in boardpack.yaml {stages}",
    ]
    mapped = "forecast:\n  amount: mrr\n  stages: {Appointment Scheduled: sqls, Demo: opportunities, "
    mapped += "Contract Sent: quotes}\n"
    pack = _pack(tmp_path / "mapped", export)
    config = (pack / "boardpack.yaml").read_text().replace("forecast: {amount: mrr}\n", mapped)
    (pack / "boardpack.yaml").write_text(config)
    assert [row.stage for row in load_pack(pack).rows("opportunities")] == [
        "Demo",
        "Appointment Scheduled",
        "Contract Sent",
        "Appointment Scheduled",
    ]


def _refused(pack: Path) -> list[str]:
    """The lines a refused build prints, after checking it exited 1 and left the earlier deck (`pack`) as it was."""
    result = runner.invoke(app, ["build", str(pack)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER
    return [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]


def test_a_pack_with_both_an_opportunities_table_and_a_deals_export(pack: Path) -> None:
    (pack / "exports").mkdir()
    (pack / "exports/deals.csv").write_text(HUBSPOT + "1,A,100,Demo,2026-10-01,2026-01-01,P,Paid Search,no,no\n")
    (pack / "data/opportunities.csv").write_text(
        "id,created,amount,stage,expected_close,source,status,closed\nO1,2026-01-05,100,Demo,2026-Q2,sales,open,\n"
    )
    config = (pack / "boardpack.yaml").read_text()
    (pack / "boardpack.yaml").write_text(config + "raw:\n  deals:\n    file: exports/deals.csv\n")
    lines = _refused(pack)
    assert lines == [
        f"{pack}/data/opportunities.csv: the opportunities are also read from exports/deals.csv (raw.deals); "
        "expected one of the two",
        f"1 problem in {pack}; nothing was written.",
    ]


def test_a_bad_deal_row_stops_the_build_and_writes_nothing(pack: Path) -> None:
    (pack / "exports").mkdir()
    (pack / "exports/deals.csv").write_text(HUBSPOT + "1,A,-100,Demo,2026-10-01,2026-01-01,P,Paid Search,no,no\n")
    config = (pack / "boardpack.yaml").read_text()
    (pack / "boardpack.yaml").write_text(config + "raw:\n  deals:\n    file: exports/deals.csv\n")
    assert _refused(pack) == [
        f"{pack}/exports/deals.csv: 1 of 1 rows cannot be read (100.0%); expected at most 1.0% "
        "(max_bad_rows in boardpack.yaml)",
        f"{pack}/exports/deals.csv:2:Amount: -100 is negative; expected an amount ≥ 0",
        f"2 problems in {pack}; nothing was written.",
    ]


def test_an_export_with_a_header_and_no_rows(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, HUBSPOT))
    assert error.value.report.lines() == [
        "exports/deals.csv: the export has a header but no rows; expected at least one deal"
    ]


def test_a_source_mapped_to_no_known_side(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, HUBSPOT, "sources: {Web: marketin}\n"))
    assert error.value.report.lines() == [
        "boardpack.yaml:7:raw.deals.sources.Web: Input should be 'marketing', 'sales' or 'other'"
    ]


def test_only_the_chosen_pipelines_are_read(tmp_path: Path) -> None:
    """A renewals pipeline is not new business: its deals, readable or not, are left out and counted."""
    export = HUBSPOT + (
        "1,A,100,Demo,2026-10-01,2026-07-01,Sales Pipeline,Paid Search,false,false\n"
        "2,B,100,Renewal due,2026-10-01,2026-07-01,Renewals,,false,false\n"
        "3,C,oops,Demo,2026-10-01,2026-07-01,Renewals,,false,false\n"
    )
    pack = load_pack(_pack(tmp_path, export, "pipelines: [sales pipeline]\n"))
    assert [row.id for row in pack.rows("opportunities")] == ["1"]
    assert [str(n) for n in pack.notices] == [
        "exports/deals.csv:Pipeline: deals of other pipelines left out: 2; read: sales pipeline (raw.deals.pipelines)"
    ]


def test_amounts_read_as_mrr_by_default_are_named(tmp_path: Path) -> None:
    """Left to its default, the amount of a CRM deal (most often an annual value) gets a notice."""
    pack = _pack(tmp_path, HUBSPOT + "1,A,1200,Demo,2026-10-01,2026-07-01,P,Paid Search,false,false\n")
    config = (pack / "boardpack.yaml").read_text().replace("forecast: {amount: mrr}\n", "")
    (pack / "boardpack.yaml").write_text(config)
    assert [str(n) for n in load_pack(pack).notices] == [
        "exports/deals.csv:Amount: deal amounts read as monthly (MRR), the default; a CRM's amount is usually the "
        "annual contract value: expected forecast.amount in boardpack.yaml, acv (divided by 12) or mrr"
    ]
