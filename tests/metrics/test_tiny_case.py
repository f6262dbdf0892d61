"""Every metric of the tiny case pack against figures computed by hand from its CSV files.

The expected values are written as the arithmetic a person does on the case file, not as calls into
boardpack, so a wrong formula in the engine cannot agree with itself.
"""

from __future__ import annotations

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from tests.conftest import TINY

# Q1 2026 (Jan-Mar). Revenue: start of Q1 = end of Dec = 11,100 MRR and 111 customers.
MONTHLY_CHURN = 1 - (1 - 13 / 111) ** (1 / 3)  # 13 customers lost over the quarter, compounded monthly
ARPU = 13000 / 126
LTV = ARPU * 0.75 / MONTHLY_CHURN
CAC = (3000 + 6000 + 9000 + 12000) / (12 + 5 + 9)
# the forecast: March's MRR carried nine months to December by the averages of Oct-Mar (tests/metrics/test_forecast.py)
_G = 1 + (200 / 10000 + 100 / 10600 + 300 / 11100 + 200 / 11900 + 100 / 12100) / 6
_G -= (100 / 10000 + 200 / 11000 + 100 / 11100 + 100 / 11900) / 6
_G -= (500 / 10000 + 300 / 10600 + 200 / 11000 + 600 / 11100 + 400 / 11900 + 300 / 12100) / 6
_ADDED = (1000 + 600 + 400 + 1200 + 500 + 900 + 100 + 200) / 6
EXPECTED = {
    "year_end_arr": 12 * (13000 * _G**9 + _ADDED * (_G**9 - 1) / (_G - 1)),
    "mrr": 13000.0,
    "arr": 156000.0,
    "new_mrr": 1200 + 500 + 900,
    "expansion_mrr": 300 + 200 + 100,
    "contraction_mrr": 100 + 100 + 0,
    "churned_mrr": 600 + 400 + 300,
    "reactivation_mrr": 200.0,
    "net_new_mrr": 13000 - 11100,
    "mrr_growth": 1900 / 11100,
    "mrr_growth_constant_currency": 1900 / 11100,  # every amount in the pack currency: no FX movement
    "fx_mrr": 0.0,
    "arpu": ARPU,
    "customer_churn_rate": 13 / 111,
    "revenue_churn_rate": (1300 + 200) / 11100,
    "nrr": (11100 + 600 - 200 - 1300) / 11100,
    "nrr_with_fx": (11100 + 600 - 200 - 1300 + 0) / 11100,
    "grr": (11100 - 200 - 1300) / 11100,
    "ltv": LTV,
    "cac": CAC,
    "ltv_cac_ratio": LTV / CAC,
    "cac_payback_months": CAC / (ARPU * 0.75),
    "sales_efficiency": (13000 - 11100) * 12 / (3000 + 6000 + 9000 + 12000),
    "cpl": (3000 + 6000 + 9000) / (600 + 300),
    "visitor_to_lead": 600 / 30000,  # channel B tracks no visitors, so only A's leads count
    "lead_to_mql": 270 / 900,
    "mql_to_sql": 120 / 270,
    "sql_to_opportunity": 60 / 120,
    "opportunity_to_won": 21 / 60,
    "lead_to_customer": 21 / 900,
    "marketing_pipeline_share": 150000 / 260000,
    "pipeline_attainment": 260000 / 300000,
    "quick_ratio": (2600 + 600 + 200) / (200 + 1300),
    "annual_churn_rate": 1 - (98 / 111) ** 4,  # (1 - m)^12 with (1 - m)^3 = 98/111
    "net_mrr_churn": (1300 + 200 - 600 - 200) / 11100,
    "mrr_recovery_months": (1300 + 200) / (2600 / 3),
    "customer_lifetime_months": 1 / MONTHLY_CHURN,
    "cac_marketing": (3000 + 6000 + 9000) / (12 + 5 + 9),
    "cac_by_channel": (3000 + 6000) / (9 + 12),  # spend marked with a channel over deals won in the funnel
    "cac_lagged": CAC,  # no lag set
    "revenue": 11900 + 12100 + 13000.0,  # no finance table: month-end MRR of each month
    "sales_growth": (11900 + 12100 + 13000) / (10600 + 11000 + 11100) - 1,
    "visitor_growth": 30000 / 25000 - 1,
    "visitor_to_mql": 150 / 30000,
    "visitor_to_contact": (500 + 400 + 600) / 30000,
    "contact_to_customer": 9 / 1500,
    "mql_to_sal": (95 + 85) / 270,
    "sal_to_sql": 120 / (95 + 85),
    "lead_to_close": 900 / 21,
}
# funnel.csv of the tiny case has no quotes column: these have a reason, not a zero
UNAVAILABLE = {
    "sql_to_quote": "data/funnel.csv gives no quotes for 2026-Q1",
    "quote_to_won": "data/funnel.csv gives no quotes for 2026-Q1",
    "year_end_arr_gap": "no target for the year",
    "pipeline_coverage": "the pack has no opportunities table (data/opportunities.csv)",
}
# Q4 2025 from the monthly revenue rows and the quarterly funnel rows.
EXPECTED_PRIOR = {
    "mrr": 11100.0,
    "arpu": 11100 / 111,
    "customer_churn_rate": 10 / 100,
    "cac": (3 * (1000 + 1500 + 4000)) / (10 + 6 + 4),
    "cpl": (3 * (1000 + 1500)) / 750,
    "lead_to_mql": 200 / 750,
    "marketing_pipeline_share": None,  # no pipeline rows before 2026
}


@pytest.fixture(scope="module")
def metrics():  # type: ignore[no-untyped-def]
    pack = load_pack(TINY)
    return evaluate(pack, parse_period("2026-Q1"))


def test_unavailable_with_reason(metrics) -> None:  # type: ignore[no-untyped-def]
    for metric_id, reason in UNAVAILABLE.items():
        assert (metrics[metric_id].value, metrics[metric_id].reason) == (None, reason)


def test_cac_lag_shifts_the_spend_window(tiny_copy) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import edit

    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\ncac_lag_months: 3")
    result = evaluate(load_pack(pack), parse_period("2026-Q1"))
    # the spend of Q4 2025 (3 months earlier) over the new customers of Q1 2026
    assert result.value("cac_lagged") == pytest.approx(3 * (1000 + 1500 + 4000) / 26)


@pytest.mark.parametrize("metric_id", sorted(EXPECTED))
def test_value(metrics, metric_id: str) -> None:  # type: ignore[no-untyped-def]
    assert metrics.value(metric_id) == pytest.approx(EXPECTED[metric_id], rel=1e-12)


@pytest.mark.parametrize("metric_id", sorted(EXPECTED_PRIOR))
def test_prior(metrics, metric_id: str) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED_PRIOR[metric_id]
    assert metrics[metric_id].prior == (pytest.approx(expected) if expected is not None else None)


def test_change_is_relative_for_amounts_and_points_for_rates(metrics) -> None:  # type: ignore[no-untyped-def]
    assert metrics["mrr"].change == pytest.approx(1900 / 11100)
    assert metrics["mrr"].change_kind == "relative"
    assert metrics["lead_to_mql"].change == pytest.approx(270 / 900 - 200 / 750)
    assert metrics["lead_to_mql"].change_kind == "points"


def test_breakdowns(metrics) -> None:  # type: ignore[no-untyped-def]
    assert metrics["cpl"].breakdown("channel") == pytest.approx({"Channel A": 3000 / 600, "Channel B": 6000 / 300})
    assert metrics["lead_to_customer"].breakdown("channel") == pytest.approx(
        {"Channel A": 9 / 600, "Channel B": 12 / 300}
    )
    assert metrics["visitor_to_lead"].breakdown("channel") == pytest.approx({"Channel A": 600 / 30000})
    assert metrics["mrr"].breakdown("segment") == {"All": 13000.0}
    assert metrics["cac_by_channel"].breakdown("channel") == pytest.approx(
        {"Channel A": 3000 / 9, "Channel B": 6000 / 12}
    )
    # lower is better for CPL: the cheapest channel is best
    assert metrics["cpl"].ranking("channel", "lower") == ("Channel A", "Channel B")


def test_status_against_target_then_benchmark(metrics) -> None:  # type: ignore[no-untyped-def]
    # nrr 91.9% for the quarter against a 100% target read per year: 0.919^4 = 71.3% a year, beyond the 10% band
    assert (metrics["nrr"].status, metrics["nrr"].status_basis) == ("off_target", "target")
    assert (metrics["nrr"].compared_value, metrics["nrr"].compared_basis) == (pytest.approx(0.7130, abs=1e-4), "year")
    # churn 11.7% for the quarter: 1 - 0.883^4 = 39.2% a year against a 10% ceiling a year
    assert metrics["customer_churn_rate"].status == "off_target"
    assert metrics["customer_churn_rate"].compared_value == pytest.approx(1 - (98 / 111) ** 4)
    # annual churn is the same rate per year: judged by the customer churn target, so the two agree
    assert (metrics["annual_churn_rate"].status, metrics["annual_churn_rate"].target) == ("off_target", 0.1)
    assert metrics["cac"].status == "on_target"
    assert metrics["ltv_cac_ratio"].status == "off_target"
    # no target: the benchmark decides (opportunity -> won 35% vs 15-30%)
    assert (metrics["opportunity_to_won"].status, metrics["opportunity_to_won"].status_basis) == (
        "on_target",
        "benchmark",
    )
    assert metrics["opportunity_to_won"].benchmark.source.startswith("First Page Sage")
    # no target and no benchmark: no status
    assert metrics["mrr"].status is None


def test_month_from_quarterly_rows_is_unavailable_with_reason() -> None:
    pack = load_pack(TINY)
    result = evaluate(pack, parse_period("2026-02"))
    assert result.value("mrr") == 12100.0
    assert result["cac"].value is None
    assert result["cac"].reason == "data/spend.csv has quarterly rows (2026-Q1) that cannot be split into 2026-02"
    assert result["marketing_pipeline_share"].value == pytest.approx(50000 / 80000)
