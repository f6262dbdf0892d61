"""One case pack per section of the catalogue, each metric against figures worked out by hand.

Together with test_tiny_case.py these cover every catalogue id (checked below), so a metric cannot
be added without a hand-computed expectation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.metrics import load_catalogue
from boardpack.periods import parse_period
from tests.conftest import ROOT
from tests.metrics.test_pipeline_forecast import EXPECTED as FORECAST
from tests.metrics.test_tiny_case import EXPECTED as TINY_EXPECTED

CASES = ROOT / "tests" / "cases"
Q1 = parse_period("2026-Q1")

# traffic: sessions 1000 + 2000 + 1000; durations and bounce rates weighted by sessions
ENGAGEMENT = {
    "sessions": 4000.0,
    "users": 3000.0,
    "pageviews": 10000.0,
    "pages_per_session": 10000 / 4000,
    "avg_session_duration": (120 * 1000 + 150 * 2000 + 90 * 1000) / 4000,
    "bounce_rate": (0.5 * 1000 + 0.4 * 2000 + 0.6 * 1000) / 4000,
    "event_visitor_to_lead": (50 + 45) / (500 + 300),
    "email_open_rate": 2500 / 10000,
    "email_click_rate": 300 / 10000,
    "email_unsubscribe_rate": 20 / 10000,
    "social_reach": 12000.0 + 6000.0,
    "social_engagement_rate": (480 + 60) / (12000 + 6000),
    "follower_growth": (1100 + 520) / (1000 + 500) - 1,
}

# customers: medians SMB [100, 50, 150] -> 100, ENT [400]; tickets ceiling 5 a month -> 15 a quarter
C1, C2, C3, C4 = (
    100.0,
    0.4 * 50 + 0.2 * 0 + 0.15 * 50 + 0.25 * 20,
    (0.4 * 100 + 0.2 * 80 + 0.15 * 100) / 0.75,
    0.4 * 100 + 0.2 * 60 + 0.15 * 0 + 0.25 * 80,
)
CUSTOMERS = {
    "health_score": (C1 + C2 + C3 + C4) / 4,
    "engagement_score": (100 + 50 + 100 + 100) / 4,
    "nps": 0.0,  # answers 10, 2, 8: one promoter, one detractor
    "usage_change": (100 + 50 + 150 + 400) / (100 + 200 + 80 + 1000) - 1,
    "usage_drop_alerts": 2.0,  # C2 -75%, C4 -60%
}

TRIALS = {
    "trial_to_paid": 3 / 5,  # T1, T2, T5 of the five started in Q1 (T6 started in December)
    "trial_engagement_rate": 3 / 5,
    "trial_days_to_paid": 10.0,  # median of 10, 30 and 4 days
    "demo_to_paid": 3 / 6,
    "demo_days_to_customer": 30.0,  # median of 30, 30 and 10 days
}

ATTRIBUTION = {
    "attribution_original_source": 100 + 300.0,  # W3 has no original source
    "attribution_first_touch": 400.0,
    "attribution_last_touch": 400.0,  # W2's touch after its win is ignored
    "attribution_linear": 400.0,
}

FINANCE = {
    "cost_to_serve": 3000 + 1500 + 500.0,
    "cost_to_serve_per_customer": 5000 / 126,
    "cost_to_serve_ratio": 5000 / 38000,
    "revenue": 38000.0,  # recognised revenue from finance.csv wins over summed MRR
    "sales_growth": 38000 / 33000 - 1,
    "churn_reasons": 5.0,
}

# quotes tracked by channel A only: the quote stages compare A's figures alone
QUOTES = {"sql_to_quote": 8 / 20, "quote_to_won": 4 / 8, "opportunity_to_quote": 8 / 10}

SECTION_CASES = {
    "quotes": QUOTES,
    "engagement": ENGAGEMENT,
    "customers": CUSTOMERS,
    "trials": TRIALS,
    "attribution": ATTRIBUTION,
    "finance": FINANCE,
    "forecast": FORECAST,
}


def _metrics(case: str):  # type: ignore[no-untyped-def]
    return evaluate(load_pack(CASES / case), Q1)


# computed from raw exports, checked by hand in tests/inputs/test_raw_exports.py
TESTED_WITH_RAW_EXPORTS = {"days_between_stages"}


def test_every_catalogue_id_has_a_hand_computed_value() -> None:
    covered = set(TINY_EXPECTED).union(*SECTION_CASES.values(), TESTED_WITH_RAW_EXPORTS)
    assert covered == set(load_catalogue().metrics)


@pytest.mark.parametrize(
    ("case", "metric_id"), [(case, m) for case, expected in SECTION_CASES.items() for m in sorted(expected)]
)
def test_value(case: str, metric_id: str) -> None:
    assert _metrics(case).value(metric_id) == pytest.approx(SECTION_CASES[case][metric_id], rel=1e-12)


def test_engagement_breakdowns() -> None:
    metrics = _metrics("engagement")
    assert metrics["event_visitor_to_lead"].breakdown("event") == pytest.approx({"Expo": 0.1, "Summit": 0.15})
    assert metrics["social_reach"].breakdown("network") == {"LinkedIn": 12000.0, "X": 6000.0}
    assert metrics["email_open_rate"].prior == pytest.approx(1600 / 8000)


def test_health_details() -> None:
    metrics = _metrics("customers")
    health = metrics["health_score"]
    assert health.breakdown("band") == {"healthy": 3.0, "watch": 0.0, "at_risk": 1.0}
    assert health.breakdown("segment") == pytest.approx({"SMB": (C1 + C2 + C3) / 3, "ENT": C4})
    assert [item["customer"] for item in health.items] == ["C2"]
    assert health.items[0]["score"] == round(C2, 1)
    alerts = metrics["usage_drop_alerts"]
    assert [(a["customer"], a["mrr"]) for a in alerts.items] == [("C4", 2000.0), ("C2", 300.0)]
    assert alerts.items[0]["change"] == pytest.approx(400 / 1000 - 1)
    assert metrics["nps"].breakdown("answers") == pytest.approx(
        {"promoters": 1 / 3, "passives": 1 / 3, "detractors": 1 / 3}
    )
    # the health score and NPS change by difference, not percent
    assert metrics["nps"].change == pytest.approx(0.0 - 100 * 2 / 3)  # Q4: answers 9, 7, 9 -> 2/3 promoters
    assert metrics["nps"].change_kind == "difference"


def test_demo_breakdowns() -> None:
    metrics = _metrics("trials")
    assert metrics["demo_to_paid"].breakdown("demo_type") == pytest.approx({"Live": 2 / 3, "Video": 1 / 3})
    assert metrics["demo_days_to_customer"].breakdown("demo_type") == {"Live": 20.0, "Video": 30.0}


def test_attribution_models() -> None:
    metrics = _metrics("attribution")
    assert metrics["attribution_original_source"].breakdown("channel") == {"A": 100.0, "B": 300.0}
    assert metrics["attribution_first_touch"].breakdown("channel") == {"B": 400.0}
    assert metrics["attribution_last_touch"].breakdown("channel") == {"A": 400.0}
    assert metrics["attribution_linear"].breakdown("channel") == pytest.approx({"A": 150.0, "B": 150.0, "C": 100.0})
    assert metrics["attribution_linear"].breakdown("channel_customers") == pytest.approx(
        {"A": 1 / 2 + 1 / 3, "B": 1 / 2 + 1 / 3, "C": 1 / 3}
    )
    assert metrics["attribution_linear"].breakdown("unattributed") == {"new_mrr": 200.0}


def test_churn_reasons_shares() -> None:
    result = _metrics("finance")["churn_reasons"]
    assert result.breakdown("reason") == pytest.approx({"Price": 0.6, "Competitor": 0.2, "Product fit": 0.2})
    assert result.breakdown("reason_mrr") == pytest.approx(
        {"Price": 0.5, "Competitor": 200 / 600, "Product fit": 100 / 600}
    )
    assert list(result.breakdown("reason_mrr")) == ["Price", "Competitor", "Product fit"]


def test_missing_inputs_give_reasons_not_zeros() -> None:
    metrics = _metrics("engagement")
    assert metrics["mrr"].value is None
    assert metrics["mrr"].reason == "the pack has no revenue table (data/revenue.csv)"
    assert metrics["visitor_growth"].reason == "the pack has no funnel table (data/funnel.csv)"


def test_ltv_methods(tmp_path: Path) -> None:
    """The seed article's example: ARPU 50 a month and 0.5% monthly churn give an LTV of 10,000."""
    import shutil

    from tests.conftest import edit

    pack = tmp_path / "ltv"
    shutil.copytree(CASES / "tiny", pack)
    (pack / "data/revenue.csv").write_text(
        "month,segment,mrr,customers,new_mrr,expansion_mrr,contraction_mrr,churned_mrr,reactivation_mrr,"
        "new_customers,churned_customers,reactivated_customers\n"
        "2026-01,All,10000,200,50,0,0,50,0,1,1,0\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\nltv_method: arpu_churn")
    month = parse_period("2026-01")
    result = evaluate(load_pack(pack), month)
    assert result.value("arpu") == 50.0 and result.value("customer_churn_rate") == 0.005
    assert result.value("ltv") == pytest.approx(10000.0)
    edit(pack / "boardpack.yaml", "ltv_method: arpu_churn", "ltv_method: annual_lifetime")
    annual_churn = 1 - 0.995**12
    assert evaluate(load_pack(pack), month).value("ltv") == pytest.approx(50 * 12 * 0.75 / annual_churn)
    edit(pack / "boardpack.yaml", "ltv_method: annual_lifetime", "ltv_method: margin")
    assert evaluate(load_pack(pack), month).value("ltv") == pytest.approx(50 * 0.75 / 0.005)
