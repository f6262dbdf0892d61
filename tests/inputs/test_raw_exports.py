"""Raw exports, hand-computed: the published worked examples of MRR movements, the policies that tools
disagree on, Stripe and HubSpot column names, and unreadable rows with their line numbers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.inputs import PackInvalid
from boardpack.periods import parse_period

GENERIC = "subscription,customer,plan,start,end,amount,interval,quantity\n"
STRIPE = (
    "id,Customer ID,Status,Amount,Interval,Quantity,Created (UTC),Start (UTC),Current Period Start (UTC),"
    "Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC)\n"
)


def _pack(tmp_path: Path, ledger: str, billing: str = "", crm: str | None = None, crm_settings: str = "") -> Path:
    pack = tmp_path / "pack"
    (pack / "exports").mkdir(parents=True)
    (pack / "exports/ledger.csv").write_text(ledger)
    config = "company: Raw Ltd\nchannels: [Organic search, Paid search, Events]\n"
    config += "raw:\n  billing:\n    file: exports/ledger.csv\n"
    config += textwrap.indent(textwrap.dedent(billing), "    ")
    if crm is not None:
        (pack / "exports/contacts.csv").write_text(crm)
        config += "  crm:\n    file: exports/contacts.csv\n" + textwrap.indent(textwrap.dedent(crm_settings), "    ")
    (pack / "boardpack.yaml").write_text(config)
    return pack


def _months(pack: Path) -> dict[str, object]:
    return {row.month.label: row for row in load_pack(pack).rows("revenue")}


def test_chartmogul_worked_examples(tmp_path: Path) -> None:
    ledger = GENERIC + (
        "s1,annual,Pro,2026-01-15,,2000,year,1\n"  # an annual plan of 2,000 is 166.67 MRR
        "s2,two-subs,Pro,2026-01-10,,100,month,1\n"
        "s3,two-subs,Pro,2026-02-10,,50,month,1\n"  # a second subscription: expansion, not new business
        "s4,comeback,Pro,2026-01-05,2026-03-05,80,month,1\n"  # cancelling the last: churn
        "s5,comeback,Pro,2026-04-20,,80,month,1\n"  # resubscribing: reactivation
        "s6,one-of-two,Pro,2026-01-01,,30,month,2\n"
        "s7,one-of-two,Pro,2026-01-01,2026-02-15,10,month,1\n"  # cancelling one of two: contraction
    )
    months = _months(_pack(tmp_path, ledger, "as_of: 2026-04-30\n"))
    jan, feb, mar, apr = months["2026-01"], months["2026-02"], months["2026-03"], months["2026-04"]
    assert jan.new_mrr == pytest.approx(2000 / 12 + 100 + 80 + 70) and jan.new_customers == 4
    assert round(2000 / 12, 2) == 166.67
    assert (feb.expansion_mrr, feb.contraction_mrr, feb.new_mrr, feb.new_customers) == (50.0, 10.0, 0.0, 0)
    assert (mar.churned_mrr, mar.churned_customers, mar.contraction_mrr) == (80.0, 1, 0.0)
    assert (apr.reactivation_mrr, apr.reactivated_customers, apr.new_customers) == (80.0, 1, 0)
    assert apr.mrr == pytest.approx(2000 / 12 + 150 + 80 + 60) and apr.customers == 4


def test_gross_and_net_mrr_churn_example(tmp_path: Path) -> None:
    """100 of MRR at the start, 10 churned, 10 contraction, 10 expansion: gross 20%, net 10%."""
    ledger = GENERIC + (
        "a1,A,Pro,2026-01-01,2026-02-10,50,month,1\n"
        "a2,A,Pro,2026-02-10,,40,month,1\n"
        "b1,B,Pro,2026-01-01,2026-02-20,10,month,1\n"
        "c1,C,Pro,2026-01-01,2026-02-05,40,month,1\n"
        "c2,C,Pro,2026-02-05,,50,month,1\n"
    )
    metrics = evaluate(load_pack(_pack(tmp_path, ledger, "as_of: 2026-02-28\n")), parse_period("2026-02"))
    assert metrics.value("revenue_churn_rate") == pytest.approx(0.20)
    assert metrics.value("net_mrr_churn") == pytest.approx(0.10)
    assert metrics.value("mrr") == pytest.approx(90.0)


def test_stripe_export_and_its_policies(tmp_path: Path) -> None:
    ledger = STRIPE + (
        # in trial until 2026-02-14: no MRR at the end of January
        "sub_1,cus_1,active,30,month,1,2026-01-14,2026-01-14,2026-02-14,2026-03-14,2026-01-14,2026-02-14,,\n"
        # cancelled on 10 February, paid until 5 March
        "sub_2,cus_2,canceled,40,month,1,2025-12-05,2025-12-05,2026-02-05,2026-03-05,,,2026-02-10,2026-03-05\n"
        # past due since its period ended on 1 February
        "sub_3,cus_3,past_due,25,month,1,2025-12-01,2025-12-01,2026-01-01,2026-02-01,,,,\n"
        # never paid
        "sub_4,cus_4,incomplete_expired,99,month,1,2026-01-03,2026-01-03,2026-01-03,2026-02-03,,,,\n"
    )
    months = _months(_pack(tmp_path, ledger, "as_of: 2026-03-31\n"))
    assert (months["2026-01"].mrr, months["2026-02"].mrr) == (65.0, 95.0)  # trial converts in February
    assert months["2026-03"].churned_mrr == 40.0  # churn at the end of the paid period (default)
    assert months["2026-03"].mrr == 55.0  # the past-due subscription is kept (default)
    policy = "as_of: 2026-03-31\nchurn_at: cancellation\npast_due_days: 30\n"
    months = _months(_pack(tmp_path / "policy", ledger, policy))
    assert months["2026-02"].churned_mrr == 40.0  # churn at cancellation
    assert months["2026-03"].churned_mrr == 25.0  # past due for more than 30 days after 1 February
    assert months["2026-03"].mrr == 30.0


def test_join_and_leave_within_a_month(tmp_path: Path) -> None:
    ledger = GENERIC + "s1,stays,Pro,2026-01-01,,100,month,1\ns2,brief,Pro,2026-02-03,2026-02-20,60,month,1\n"
    feb = _months(_pack(tmp_path, ledger, "as_of: 2026-02-28\n"))["2026-02"]
    assert (feb.new_customers, feb.churned_customers, feb.new_mrr) == (0, 0, 0.0)  # ignored (default)
    feb = _months(_pack(tmp_path / "count", ledger, "as_of: 2026-02-28\nsame_month: count\n"))["2026-02"]
    assert (feb.new_customers, feb.churned_customers, feb.new_mrr, feb.churned_mrr) == (1, 1, 60.0, 60.0)
    assert feb.mrr == 100.0


def test_bad_rows_reported_with_lines_and_threshold(tmp_path: Path) -> None:
    good = "".join(f"g{i},c{i},Pro,2026-01-0{1 + i % 9},,10,month,1\n" for i in range(96))
    bad = (
        "b1,x1,Pro,someday,,10,month,1\n"
        "b2,x2,Pro,2026-01-02,,-5,month,1\n"
        "b3,x3,Pro,2026-01-02,,10,fortnight,1\n"
        "b4,x4,Pro,2026-01-09,2026-01-02,10,month,1\n"
    )
    ledger = GENERIC + good + bad
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, ledger, "as_of: 2026-01-31\nmax_bad_rows: 0.02\n"))
    assert error.value.report.lines() == [
        "exports/ledger.csv: 4 of 100 rows cannot be read (4.0%); "
        "expected at most 2.0% (max_bad_rows in boardpack.yaml)",
        "exports/ledger.csv:98:start: 'someday' is not a date; expected a date such as 2026-07-14",
        "exports/ledger.csv:99:amount: -5 is negative; expected an amount ≥ 0",
        "exports/ledger.csv:100:interval: 'fortnight' is not a billing interval; expected day, week, month or year",
        "exports/ledger.csv:101:end: 2026-01-02 is before start 2026-01-09; expected a later date",
    ]
    pack = load_pack(_pack(tmp_path / "tolerant", ledger, "as_of: 2026-01-31\nmax_bad_rows: 0.05\n"))
    assert pack.rows("revenue")[0].customers == 96
    assert tuple(str(n) for n in pack.notices) == (
        "exports/ledger.csv: 4 of 100 rows left out as unreadable, first: "
        "exports/ledger.csv:98:start: 'someday' is not a date; expected a date such as 2026-07-14",
    )


HUBSPOT = (
    "Record ID,Create Date,Lifecycle Stage,Original Source,Original Source Drill-Down 1,Became a Lead Date,"
    "Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Became an Opportunity Date,"
    "Became a Customer Date\n"
    "1,2026-01-03,customer,Organic search,google,2026-01-03,2026-01-10,2026-02-01,2026-02-05,2026-03-01\n"
    "2,2026-01-20,marketingqualifiedlead,Paid search,ads,2026-01-20,2026-02-04,,,\n"
    "3,2026-02-02,lead,Offline sources,expo,2026-02-02,,,,\n"
    "4,2026-02-11,salesqualifiedlead,Organic search,google,2026-02-11,2026-02-12,2026-03-20,,\n"
    "5,2026-03-05,subscriber,Direct traffic,,,,,,\n"
)


def test_hubspot_export_period_and_cohort(tmp_path: Path) -> None:
    ledger = GENERIC + "s1,c1,Pro,2026-01-01,,10,month,1\n"
    mapping = "channels: {Offline sources: Events, Direct traffic: Organic search}\n"
    pack = load_pack(_pack(tmp_path, ledger, "as_of: 2026-03-31\n", HUBSPOT, mapping))
    funnel = {(r.period.label, r.channel): r for r in pack.rows("funnel")}
    organic_jan, organic_feb, organic_mar = (funnel[(m, "Organic search")] for m in ("2026-01", "2026-02", "2026-03"))
    assert (organic_jan.contacts, organic_jan.leads, organic_jan.mqls, organic_jan.sqls) == (1, 1, 1, 0)
    assert (organic_feb.leads, organic_feb.mqls, organic_feb.sqls, organic_feb.opportunities) == (1, 1, 1, 1)
    assert (organic_mar.contacts, organic_mar.sqls, organic_mar.customers) == (1, 1, 1)
    assert (funnel[("2026-02", "Events")].leads, funnel[("2026-02", "Paid search")].mqls) == (1, 1)
    # cohort-based: of the leads created in January (contacts 1 and 2), how many reached each stage
    cohort = load_pack(
        _pack(tmp_path / "cohort", ledger, "as_of: 2026-03-31\n", HUBSPOT, mapping + "conversion: cohort\n")
    )
    rows = {(r.period.label, r.channel): r for r in cohort.rows("funnel")}
    jan = rows[("2026-01", "Organic search")]
    assert (jan.leads, jan.mqls, jan.sqls, jan.opportunities, jan.customers) == (1, 1, 1, 1, 1)
    assert rows[("2026-01", "Paid search")].mqls == 1
    # days between stages for the stage entered in the period: lead -> customer for contact 1 is 57 days
    metrics = evaluate(pack, parse_period("2026-Q1"))
    days = metrics["days_between_stages"]
    assert days.value == 57.0
    # MQL -> SQL: 22 days (contact 1) and 36 days (contact 4), median 29
    assert days.breakdown("stage") == {
        "lead → MQL": 7.0,
        "MQL → SQL": 29.0,
        "SQL → opportunity": 4.0,
        "opportunity → customer": 24.0,
        "lead → customer": 57.0,
    }


def test_unmapped_source_and_older_contact_id(tmp_path: Path) -> None:
    ledger = GENERIC + "s1,c1,Pro,2026-01-01,,10,month,1\n"
    older = HUBSPOT.replace("Record ID", "Contact ID")
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, ledger, "as_of: 2026-03-31\n", older))
    assert error.value.report.lines() == [
        "exports/contacts.csv:source: original source 'Direct traffic' is not a channel; expected a mapping under "
        "raw.crm.channels or raw.crm.default_channel",
        "exports/contacts.csv:source: original source 'Offline sources' is not a channel; expected a mapping under "
        "raw.crm.channels or raw.crm.default_channel",
    ]
    pack = load_pack(_pack(tmp_path / "default", ledger, "as_of: 2026-03-31\n", older, "default_channel: Events\n"))
    assert sum(r.contacts for r in pack.rows("funnel")) == 5


def test_parquet_ledger_with_typed_columns_gives_the_csv_figures(tmp_path: Path) -> None:
    """A Parquet export keeps its dates and amounts typed; each field is read by its type."""
    import duckdb

    ledger = GENERIC + (
        "s1,annual,Pro,2026-01-15,,2000,year,1\n"
        "s2,two-subs,Pro,2026-01-10,,100,month,1\n"
        "s3,two-subs,Pro,2026-02-10,,50,month,1\n"
        "s4,comeback,Pro,2026-01-05,2026-03-05,80,month,1\n"
    )
    from_csv = _months(_pack(tmp_path / "csv", ledger, "as_of: 2026-03-31\n"))
    pack = _pack(tmp_path / "parquet", ledger, "as_of: 2026-03-31\n")
    csv, parquet = pack / "exports/ledger.csv", pack / "exports/ledger.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv}')) TO '{parquet}' (FORMAT parquet)")
    types = dict(duckdb.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{parquet}')").fetchall())
    assert (types["start"], types["amount"]) == ("DATE", "BIGINT")
    config = pack / "boardpack.yaml"
    config.write_text(config.read_text().replace("exports/ledger.csv", "exports/ledger.parquet"))
    from_parquet = _months(pack)
    assert from_parquet.keys() == from_csv.keys() == {"2026-01", "2026-02", "2026-03"}
    for month, row in from_csv.items():
        assert from_parquet[month].model_dump(exclude={"line"}) == row.model_dump(exclude={"line"})
    assert from_parquet["2026-03"].churned_mrr == 80.0
    assert from_parquet["2026-01"].new_mrr == pytest.approx(2000 / 12 + 100 + 80)


def test_a_column_named_line_is_data_not_the_line_number(tmp_path: Path) -> None:
    ledger = "line,subscription,customer,plan,start,end,amount,interval,quantity\n"
    ledger += "".join(f"900,g{i},c{i},Pro,2026-01-0{1 + i % 9},,10,month,1\n" for i in range(20))
    ledger += "900,b1,x1,Pro,someday,,10,month,1\n"
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, ledger, "as_of: 2026-01-31\n"))
    assert "exports/ledger.csv:22:start: 'someday' is not a date; expected a date such as 2026-07-14" in (
        error.value.report.lines()
    )
