"""Ledger conventions, hand-computed: each churn_at policy on a subscription cancelled at once mid-period, what
each status counts for where the export has no dates to say it, and ledgers with nothing (yet) to count."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import BuildOptions, build_deck, evaluate, load_pack
from boardpack.cli import app
from boardpack.inputs import PackInvalid
from boardpack.periods import parse_period
from tests.inputs.test_raw_exports import GENERIC, STRIPE, _months, _pack

# Stripe: sub_a (100 a month, billed on the 20th) cancelled at once on 25 March, in the period it paid for
# until 20 April; sub_b (50 a month) stays.
IMMEDIATE = STRIPE + (
    "sub_a,cus_a,canceled,100,month,1,2026-01-20,2026-01-20,2026-03-20,2026-04-20,,,2026-03-25,2026-03-25\n"
    "sub_b,cus_b,active,50,month,1,2026-01-05,2026-01-05,2026-05-05,2026-06-05,,,,\n"
)


def _mrr(months: dict[str, object]) -> dict[str, tuple[float, float]]:
    """Month -> (MRR at its end, churned MRR in it)."""
    return {label: (row.mrr, row.churned_mrr) for label, row in months.items()}  # type: ignore[attr-defined]


@pytest.mark.parametrize("setting", ["", "churn_at: paid_through\n", "churn_at: period_end\n"])
def test_paid_through_keeps_an_immediate_cancellation_until_its_paid_period_ends(tmp_path: Path, setting: str) -> None:
    months = _mrr(_months(_pack(tmp_path, IMMEDIATE, "as_of: 2026-05-31\n" + setting)))
    assert months == {
        "2026-01": (150.0, 0.0),
        "2026-02": (150.0, 0.0),
        "2026-03": (150.0, 0.0),  # paid until 20 April: still counted on 31 March
        "2026-04": (50.0, 100.0),
        "2026-05": (50.0, 0.0),
    }


def test_cancellation_churns_on_the_day_it_is_cancelled(tmp_path: Path) -> None:
    months = _mrr(_months(_pack(tmp_path, IMMEDIATE, "as_of: 2026-05-31\nchurn_at: cancellation\n")))
    assert months["2026-02"] == (150.0, 0.0)
    assert months["2026-03"] == (50.0, 100.0)  # cancelled on 25 March
    assert months["2026-04"] == (50.0, 0.0)


# A generic ledger without a current period end: the paid period is whole billing intervals from the start.
GENERIC_CANCELLED = (
    GENERIC.strip()
    + ",canceled_at,status\n"
    + (
        "m1,monthly,Pro,2026-01-20,2026-03-25,100,month,1,2026-03-25,canceled\n"  # paid through 20 April
        "y1,annual,Pro,2025-06-10,2026-02-03,1200,year,1,2026-02-03,canceled\n"  # 100 a month, paid through 10 June
        "e1,month-end,Pro,2026-01-31,2026-02-10,30,month,1,2026-02-10,canceled\n"  # paid through 28 February
        "k1,keeps,Pro,2025-06-01,,10,month,1,,active\n"
    )
)


def test_paid_through_counts_whole_intervals_from_the_start(tmp_path: Path) -> None:
    months = _mrr(_months(_pack(tmp_path, GENERIC_CANCELLED, "as_of: 2026-06-30\n")))
    assert months["2026-01"] == (240.0, 0.0)  # 100 + 100 + 30 + 10
    assert months["2026-02"] == (210.0, 30.0)  # the month-end subscription stops on 28 February itself
    assert months["2026-03"] == (210.0, 0.0)
    assert months["2026-04"] == (110.0, 100.0)
    assert months["2026-05"] == (110.0, 0.0)
    assert months["2026-06"] == (10.0, 100.0)


def test_cancellation_on_a_generic_ledger(tmp_path: Path) -> None:
    months = _mrr(_months(_pack(tmp_path, GENERIC_CANCELLED, "as_of: 2026-06-30\nchurn_at: cancellation\n")))
    assert months["2026-02"] == (110.0, 130.0)  # annual cancelled on 3 February, month-end one on 10 February
    assert months["2026-03"] == (10.0, 100.0)


STATUSES = GENERIC.strip() + ",current_period_end,status\n"
STAYS = "s0,stays,Pro,2025-12-01,,10,month,1,,active\n"


@pytest.mark.parametrize(
    ("status", "period_end", "billing", "expected"),
    [
        ("trialing", "", "", (0.0, 0.0, 0.0)),
        ("trialing", "2026-02-15", "", (0.0, 0.0, 0.0)),
        ("paused", "2026-02-15", "", (0.0, 0.0, 0.0)),
        ("incomplete", "", "", (0.0, 0.0, 0.0)),
        ("incomplete_expired", "", "", (0.0, 0.0, 0.0)),
        ("unpaid", "", "", (0.0, 0.0, 0.0)),  # no current period end: counts for nothing
        ("unpaid", "2026-02-15", "", (100.0, 0.0, 0.0)),  # until its current period end
        ("past_due", "2026-02-25", "", (100.0, 100.0, 100.0)),  # kept (past_due_days unset)
        ("past_due", "2026-02-25", "past_due_days: 10\n", (100.0, 100.0, 0.0)),  # until 7 March
        ("active", "2026-02-15", "", (100.0, 100.0, 100.0)),
        ("", "", "", (100.0, 100.0, 100.0)),  # no status: active
        ("Cancelled", "", "", None),  # dated below
    ],
)
def test_each_status_counts_as_defined(
    tmp_path: Path, status: str, period_end: str, billing: str, expected: tuple[float, ...] | None
) -> None:
    if expected is None:  # British spelling, with an end date: counts until it
        row = "s1,subject,Pro,2026-01-01,2026-02-20,100,month,1,,Cancelled\n"
        expected = (100.0, 0.0, 0.0)
    else:
        row = f"s1,subject,Pro,2026-01-01,,100,month,1,{period_end},{status}\n"
    months = _months(_pack(tmp_path, STATUSES + STAYS + row, "as_of: 2026-03-31\n" + billing))
    assert tuple(months[m].mrr - 10.0 for m in ("2026-01", "2026-02", "2026-03")) == expected  # type: ignore[attr-defined]


def test_unknown_or_undated_status_is_an_unreadable_row(tmp_path: Path) -> None:
    ledger = (
        STATUSES
        + STAYS
        + (
            "s1,chargebee,Pro,2026-01-01,,100,month,1,,in_trial\n"
            "s2,no-date,Pro,2026-01-01,,100,month,1,2026-02-01,canceled\n"
        )
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, ledger, "as_of: 2026-03-31\n"))
    assert error.value.report.lines() == [
        "exports/ledger.csv: 2 of 3 rows cannot be read (66.7%); expected at most 1.0% "
        "(max_bad_rows in boardpack.yaml)",
        "exports/ledger.csv:3:status: 'in_trial' is not a subscription status; expected active, past_due, unpaid, "
        "canceled, trialing, paused, incomplete, incomplete_expired",
        "exports/ledger.csv:4:end: status 'canceled' with no end date; expected the day the subscription ended or "
        "was cancelled",
    ]


def test_past_due_without_a_period_end_is_kept_with_a_notice(tmp_path: Path) -> None:
    ledger = STATUSES + STAYS + "s1,late,Pro,2026-01-01,,100,month,1,,past_due\n"
    pack = load_pack(_pack(tmp_path, ledger, "as_of: 2026-03-31\npast_due_days: 10\n"))
    assert pack.rows("revenue")[-1].mrr == 110.0
    assert [str(n) for n in pack.notices] == [
        "exports/ledger.csv: past-due subscriptions without a current period end: 1; past_due_days cannot apply to "
        "them, so they are kept as paying"
    ]


def test_a_company_whose_customers_are_all_on_trial_builds_a_deck_with_zero_mrr(tmp_path: Path) -> None:
    ledger = STRIPE + (
        "sub_1,cus_1,trialing,30,month,1,2026-01-14,2026-01-14,2026-01-14,2026-04-14,2026-01-14,2026-04-14,,\n"
        "sub_2,cus_2,trialing,900,year,1,2026-02-02,2026-02-02,2026-02-02,2026-05-02,2026-02-02,2026-05-02,,\n"
    )
    pack = load_pack(_pack(tmp_path, ledger, "as_of: 2026-03-31\n"))
    rows = [(r.month.label, r.segment, r.mrr, r.customers, r.new_mrr) for r in pack.rows("revenue")]
    assert rows == [("2026-01", "All", 0.0, 0, 0.0), ("2026-02", "All", 0.0, 0, 0.0), ("2026-03", "All", 0.0, 0, 0.0)]
    period = parse_period("2026-03")
    metrics = evaluate(pack, period)
    assert (metrics.value("mrr"), metrics.value("arr")) == (0.0, 0.0)
    assert metrics["nrr"].reason == "mrr start is zero in 2026-03"
    assert metrics["customer_churn_rate"].reason == "customers start is zero in 2026-03"
    out = tmp_path / "deck.pdf"
    result = build_deck(pack, period, BuildOptions(tmp_path, pdf_out=out))
    assert result.warnings == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages[:2])
    assert "MRR €0" in text and "n/a vs Feb 2026" not in text  # no change from zero: no change line


@pytest.mark.parametrize(
    ("ledger", "crm", "expected"),
    [
        (GENERIC, None, "exports/ledger.csv: the export has a header but no rows; expected at least one subscription"),
        (STRIPE, None, "exports/ledger.csv: the export has a header but no rows; expected at least one subscription"),
        ("", None, "exports/ledger.csv: the file is empty; expected a header row and at least one row"),
        (
            GENERIC + "s1,c1,Pro,2026-01-15,,10,month,1\n",
            "Record ID,Create Date,Original Source,Became a Lead Date\n",
            "exports/contacts.csv: the export has a header but no rows; expected at least one contact",
        ),
        (
            GENERIC + "s1,c1,Pro,2026-01-15,,10,month,1\n",  # no as_of: the export runs to its last date
            None,
            "exports/ledger.csv: the first subscription starts on 2026-01-15 and the export runs to 2026-01-15, so no "
            "month has ended; expected as_of (the export date in boardpack.yaml) on or after a month end",
        ),
    ],
)
def test_an_export_with_nothing_to_count_says_so(tmp_path: Path, ledger: str, crm: str | None, expected: str) -> None:
    pack = _pack(tmp_path, ledger, "as_of: 2026-03-31\n" if crm else "", crm=crm)
    earlier = pack / "out/board-2026-03.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"an earlier deck")
    result = CliRunner().invoke(app, ["build", str(pack), "--period", "2026-03"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"{pack}/{expected}", f"1 problem in {pack}; nothing was written."]
    assert [p.name for p in earlier.parent.iterdir()] == ["board-2026-03.pdf"]
    assert earlier.read_bytes() == b"an earlier deck"
