"""The forecast method against hand-computed paths, the range's coverage over many seeded series, the
backtest, the year's target and its churn sensitivity on the tiny case, and too little history."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.metrics.backtest import backtest
from boardpack.metrics.forecast import Month, fit, project, scatter, t_quantile
from boardpack.periods import parse_period
from tests.conftest import SAMPLE, TINY, edit


def constant_history(months: int = 12) -> list[Month]:
    """MRR from €100,000 moved each month by new €3,000, reactivation €200, expansion 1%, contraction 0.5%,
    churn 2% of the opening MRR."""
    history, mrr = [], 100_000.0
    for i in range(months):
        month = Month(f"m{i}", mrr, 3000.0, mrr * 0.01, mrr * 0.005, mrr * 0.02, 200.0)
        history.append(month)
        mrr = month.end
    return history


def test_constant_rates_are_forecast_exactly() -> None:
    history = constant_history()
    rates = fit(history)
    assert (rates.new, rates.reactivation) == pytest.approx((3000, 200))
    assert (rates.expansion, rates.contraction, rates.churn) == pytest.approx((0.01, 0.005, 0.02))
    assert scatter(history, rates) == pytest.approx(0, abs=1e-12)
    path = project(history[-1].end, rates, ["a", "b", "c"], scatter(history, rates), 0.8)
    # by hand: each month keeps 1 + 0.01 - 0.005 - 0.02 = 98.5% of its opening MRR and adds 3,200
    m1 = history[-1].end * 0.985 + 3200
    m2 = m1 * 0.985 + 3200
    m3 = m2 * 0.985 + 3200
    assert path.central == pytest.approx((m1, m2, m3), rel=1e-12)
    assert path.low == pytest.approx(path.central) and path.high == pytest.approx(path.central)


def test_pipeline_replaces_the_average_new_mrr_in_the_months_it_names() -> None:
    history = constant_history()
    rates = fit(history)
    path = project(50_000.0, rates, ["a", "b"], 0.0, 0.8, {1: 9000.0})
    assert path.central[0] == pytest.approx(50_000 * 0.985 + 3200)
    assert path.central[1] == pytest.approx(path.central[0] * 0.985 + 9000 + 200)


def test_t_quantile_matches_published_values() -> None:
    # Student's t, 90th percentile: 1.476 (5), 1.363 (11), 1.310 (30)
    assert [round(t_quantile(0.9, v), 3) for v in (5, 11, 30)] == [1.476, 1.363, 1.310]


def noisy_series(rng: random.Random, months: int) -> list[Month]:
    """Constant true rates with independent noise in new MRR, expansion and churn each month."""
    history, mrr = [], 200_000.0
    for i in range(months):
        new = rng.gauss(6000, 1500)
        expansion, churn = rng.gauss(0.012, 0.004) * mrr, rng.gauss(0.02, 0.005) * mrr
        month = Month(f"m{i}", mrr, new, expansion, 0.004 * mrr, churn, 300.0)
        history.append(month)
        mrr = month.end
    return history


@pytest.mark.parametrize("ahead", [3, 12])
def test_the_range_holds_the_outcome_about_as_often_as_it_claims(ahead: int) -> None:
    """Over 300 seeded series, the 80% range three and twelve months ahead holds the outcome 70-90% of the time."""
    hits = 0
    for seed in range(300):
        series = noisy_series(random.Random(seed), 12 + ahead)
        seen, future = series[:12], series[12:]
        rates = fit(seen)
        _, low, high = project(seen[-1].end, rates, [""] * ahead, scatter(seen, rates), 0.8).at(ahead)
        hits += low <= future[-1].end <= high
    assert 0.70 <= hits / 300 <= 0.90, hits / 300


def test_backtest_of_constant_rates_has_no_error() -> None:
    track = backtest(constant_history(14), window=12, level=0.8)
    assert len(track.forecasts) == 14 - 6 - 3 + 1  # origins with six months before and a quarter after
    assert track.mape == pytest.approx(0, abs=1e-12)
    assert track.hit_rate == 1.0


def test_backtest_with_too_little_history_gives_no_track_record() -> None:
    track = backtest(constant_history(10), window=12, level=0.8)
    assert len(track.forecasts) == 2
    assert (track.enough, track.mape, track.hit_rate) == (False, None, None)


# the tiny case, Oct 2025 - Mar 2026: (opening MRR, new, expansion, contraction, churn, reactivation)
TINY_MONTHS = (
    (10000, 1000, 200, 100, 500, 0),
    (10600, 600, 100, 0, 300, 0),
    (11000, 400, 0, 200, 200, 100),
    (11100, 1200, 300, 100, 600, 0),
    (11900, 500, 200, 100, 400, 0),
    (12100, 900, 100, 0, 300, 200),
)
NEW = (1000 + 600 + 400 + 1200 + 500 + 900) / 6
REACTIVATION = (100 + 200) / 6
EXPANSION = (200 / 10000 + 100 / 10600 + 0 + 300 / 11100 + 200 / 11900 + 100 / 12100) / 6
CONTRACTION = (100 / 10000 + 0 + 200 / 11000 + 100 / 11100 + 100 / 11900 + 0) / 6
CHURN = (500 / 10000 + 300 / 10600 + 200 / 11000 + 600 / 11100 + 400 / 11900 + 300 / 12100) / 6


def landing(churn: float, months: int = 9) -> float:
    """MRR after `months` months from March's €13,000: M·g^n + a·(g^n − 1)/(g − 1)."""
    g = 1 + EXPANSION - CONTRACTION - churn
    return 13000 * g**months + (NEW + REACTIVATION) * (g**months - 1) / (g - 1)


def test_tiny_movements_are_the_revenue_rows() -> None:
    metrics = evaluate(load_pack(TINY), parse_period("2026-Q1"))
    assert metrics.forecast is not None and metrics.forecast.rates is not None
    rates = metrics.forecast.rates
    assert (rates.new, rates.reactivation, rates.months) == (pytest.approx(NEW), pytest.approx(REACTIVATION), 6)
    assert (rates.expansion, rates.contraction, rates.churn) == pytest.approx((EXPANSION, CONTRACTION, CHURN))


def test_year_gap_needed_growth_and_churn_sensitivity_by_hand(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\nforecast:\n  target: {mrr: 15000}")
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    year = metrics.forecast.year  # type: ignore[union-attr]
    assert year is not None and (year.year, year.months_ahead) == ("2026", 9)  # April to December 2026
    assert metrics.value("year_end_arr") == pytest.approx(12 * landing(CHURN))
    assert metrics.value("year_end_arr_gap") == pytest.approx(15000 * 12 - 12 * landing(CHURN))
    assert metrics["year_end_arr"].target == 180000
    assert year.needed_monthly == pytest.approx((15000 - 13000) / 9)
    assert year.path_monthly == pytest.approx((landing(CHURN) - 13000) / 9)
    # customer churn target 10% a year is 1 - 0.9^(1/12) a month; the quarter's customer churn, 13 of 111,
    # is 1 - (98/111)^(1/3) a month: the MRR churn share scales by their ratio (customers keep their mix)
    monthly = CHURN * (1 - 0.9 ** (1 / 12)) / (1 - (98 / 111) ** (1 / 3))
    assert year.churn_target == pytest.approx(monthly)
    assert year.churn_uplift_arr == pytest.approx(12 * (landing(monthly) - landing(CHURN)))


def test_two_year_targets_are_refused(tiny_copy: Callable[[], Path]) -> None:
    from boardpack.api import PackInvalid

    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: 1200\n  year_end_arr: 150000\nforecast:\n  target: {arr: 1}")
    with pytest.raises(PackInvalid) as caught:
        load_pack(pack)
    assert [str(p) for p in caught.value.problems] == [
        "boardpack.yaml: targets.year_end_arr and forecast.target both set the year's target; expected one of the two"
    ]


def test_too_little_history_gives_the_reason_instead_of_a_forecast() -> None:
    metrics = evaluate(load_pack(TINY), parse_period("2025-Q4"))
    assert metrics.forecast is not None and not metrics.forecast.available
    reason = "3 months of MRR movements up to 2025-Q4; a forecast needs at least 6"
    assert metrics.as_json()["forecast"] == {"available": False, "reason": reason}
    assert metrics["year_end_arr"].reason == reason


def test_the_first_month_billed_opens_at_zero_and_is_left_out() -> None:
    """The sample's ledger starts in 2024-09 with its opening customers recorded as new MRR."""
    metrics = evaluate(load_pack(SAMPLE), parse_period("2026-Q3"))
    assert metrics.forecast is not None
    track = metrics.forecast.track
    assert track.forecasts[0][0] == "2025-03"  # six months from 2024-10 before the first origin
    assert track.mape is not None and track.mape < 0.05


def test_a_year_ending_beyond_the_horizon_gives_its_reason(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\nforecast:\n  quarters: 2")
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    assert metrics["year_end_arr"].reason == ("the fiscal year 2026 ends beyond the 2 quarters forecast")
    assert len(metrics.forecast.path.central) == 6  # type: ignore[union-attr]  (April to September)


def test_a_target_year_already_over_gives_its_reason(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    settings = "forecast:\n  target: {arr: 150000, year: 2025}"
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", f"gross_margin: 0.75\n{settings}")
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    assert metrics["year_end_arr_gap"].reason == "the fiscal year 2025 ends by 2026-Q1"


def test_churn_already_at_its_target_gives_no_sensitivity(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "customer_churn_rate: 0.1", "customer_churn_rate: 0.9")
    year = evaluate(load_pack(pack), parse_period("2026-Q1")).forecast.year  # type: ignore[union-attr]
    assert year is not None and year.churn_uplift_arr is None
    assert year.sensitivity_reason is not None and year.sensitivity_reason.text == (
        "churn is already at or below its target"
    )
