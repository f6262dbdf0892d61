"""Open pipeline as of the deck's date: win rates from closed history or the funnel, weighted pipeline,
its marketing-sourced part, coverage of the next quarter's target and the year's gap with the pipeline's
new MRR, against a hand computation on the forecast case pack (tests/cases/forecast)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from tests.conftest import ROOT, edit
from tests.metrics.test_forecast import CHURN, CONTRACTION, EXPANSION, NEW, REACTIVATION

CASE = ROOT / "tests" / "cases" / "forecast"
# opportunities.csv of the case, closed by 2026-03-31: six won, lost four at Qualification, two at Discovery
# and two at Proposal. Reached Qualification: all 14, 6 won; Discovery: 6 won + 4 lost at or after it = 10;
# Proposal: 6 won + 2 lost = 8 < 10, so the funnel's opportunities -> won over 2025-Q4 and 2026-Q1.
FUNNEL = (5 + 5 + 3 + 2 + 4 + 4 + 3 + 5) / (25 + 20 + 10 + 8 + 12 + 12 + 8 + 10)
# open on 2026-03-31 and expected in 2026-Q2: A (Qualification 1,000, marketing), B (Discovery 2,000), C (Proposal
# 500, marketing) and F (Proposal 400, won on 2026-04-10: still open then); D is expected in March, E in
# 2026-Q3, G opened in April: none of them counted
WEIGHTED = 1000 * 6 / 14 + 2000 * 6 / 10 + (500 + 400) * FUNNEL
G = 1 + EXPANSION - CONTRACTION - CHURN
# April-June take a third of the weighted pipeline a month as new MRR, July-December the window's average
JUNE = 13000 * G**3 + (WEIGHTED / 3 + REACTIVATION) * (G**3 - 1) / (G - 1)
DECEMBER = JUNE * G**6 + (NEW + REACTIVATION) * (G**6 - 1) / (G - 1)
EXPECTED = {
    "pipeline_coverage": (1000 + 2000 + 500 + 400) / 1300,
    "year_end_arr": 12 * DECEMBER,
    "year_end_arr_gap": 15000 * 12 - 12 * DECEMBER,  # target {mrr: 15000}
}


@pytest.fixture(scope="module")
def metrics():  # type: ignore[no-untyped-def]
    return evaluate(load_pack(CASE), parse_period("2026-Q1"))


def test_win_rates_from_history_or_the_funnel(metrics) -> None:  # type: ignore[no-untyped-def]
    pipeline = metrics.forecast.pipeline
    assert [(s.stage, s.basis, s.closed) for s in pipeline.stages] == [
        ("Qualification", "history", 14),
        ("Discovery", "history", 10),
        ("Proposal", "funnel", 8),
    ]
    assert [s.rate for s in pipeline.stages] == pytest.approx([6 / 14, 6 / 10, FUNNEL])


def test_weighted_pipeline_and_coverage_by_hand(metrics) -> None:  # type: ignore[no-untyped-def]
    pipeline = metrics.forecast.pipeline
    assert pipeline.open_mrr == 1000 + 2000 + 500 + 400
    assert pipeline.weighted_mrr == pytest.approx(WEIGHTED)
    assert pipeline.marketing_open_mrr == 1000 + 500
    assert pipeline.marketing_weighted_mrr == pytest.approx(1000 * 6 / 14 + 500 * FUNNEL)
    assert (pipeline.earlier_count, pipeline.earlier_mrr) == (1, 800)
    assert metrics["pipeline_coverage"].benchmark.low == 3
    assert metrics.forecast.new_from_pipeline


@pytest.mark.parametrize("metric_id", sorted(EXPECTED))
def test_value(metrics, metric_id: str) -> None:  # type: ignore[no-untyped-def]
    assert metrics.value(metric_id) == pytest.approx(EXPECTED[metric_id], rel=1e-12)


def test_acv_amounts_are_twelve_months_of_mrr(tmp_path: Path) -> None:
    pack = tmp_path / "case"
    shutil.copytree(CASE, pack)
    edit(pack / "boardpack.yaml", "new_business: {2026-Q2: 1300}", "new_business: {2026-Q2: 1300}\n  amount: acv")
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    assert metrics.forecast.pipeline.open_mrr == pytest.approx(3900 / 12)  # type: ignore[union-attr]


def test_without_a_target_for_the_quarter_coverage_has_a_reason(tmp_path: Path) -> None:
    pack = tmp_path / "case"
    shutil.copytree(CASE, pack)
    edit(pack / "boardpack.yaml", "{2026-Q2: 1300}", "{2026-Q3: 1300}")
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    assert metrics["pipeline_coverage"].reason == ("no new-business target for 2026-Q2")
    assert metrics.forecast.pipeline.weighted_mrr is not None  # type: ignore[union-attr]  (bookings still expected)
