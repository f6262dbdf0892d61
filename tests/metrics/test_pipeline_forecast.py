"""Open pipeline as of the deck's date: win rates from closed history or the funnel, weighted pipeline,
its marketing-sourced part and coverage of the next quarter's target, against a hand computation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from tests.conftest import edit

HEADER = "id,created,amount,stage,expected_close,source,status,closed\n"
CLOSED = (
    # six won, lost: four at Qualification, two at Discovery, two at Proposal; all closed by 2026-03-31
    [f"W{i},2025-10-0{i},100,Proposal,2025-12,marketing,won,2025-12-1{i}" for i in range(1, 7)]
    + [f"Q{i},2025-10-0{i},100,Qualification,2025-12,sales,lost,2025-11-1{i}" for i in range(1, 5)]
    + [f"D{i},2025-10-0{i},100,Discovery,2025-12,sales,lost,2025-11-2{i}" for i in range(1, 3)]
    + [f"P{i},2025-10-0{i},100,Proposal,2025-12,sales,lost,2025-12-2{i}" for i in range(1, 3)]
)
OPEN = [
    "A,2026-02-01,1000,Qualification,2026-05,marketing,open,",
    "B,2026-02-10,2000,Discovery,2026-Q2,sales,open,",
    "C,2026-03-01,500,Proposal,2026-06-15,marketing,open,",
    "D,2026-01-15,800,Discovery,2026-03,other,open,",  # expected before the next quarter: not counted
    "E,2026-03-05,3000,Proposal,2026-Q3,sales,open,",  # a quarter later: not counted
    "F,2026-02-01,400,Proposal,2026-04,other,won,2026-04-10",  # won after the as-of date: still open then
    "G,2026-04-05,700,Qualification,2026-05,marketing,open,",  # opened after the as-of date: not yet there
]
STAGES = "  stages: {Qualification: sqls, Discovery: opportunities, Proposal: opportunities}\n"


@pytest.fixture
def pipeline_pack(tiny_copy: Callable[[], Path]) -> Path:
    pack = tiny_copy()
    (pack / "data/opportunities.csv").write_text(HEADER + "\n".join(CLOSED + OPEN) + "\n", encoding="utf-8")
    settings = "forecast:\n  new_business: {2026-Q2: 1300}\n" + STAGES
    edit(pack / "boardpack.yaml", "gross_margin: 0.75", "gross_margin: 0.75\n" + settings)
    return pack


def test_weighted_pipeline_and_coverage_by_hand(pipeline_pack: Path) -> None:
    metrics = evaluate(load_pack(pipeline_pack), parse_period("2026-Q1"))
    assert metrics.forecast is not None and metrics.forecast.pipeline is not None
    pipeline = metrics.forecast.pipeline
    # reached Qualification: all 14 closed, 6 won; Discovery: 6 won + 4 lost at or after it = 10
    # Proposal: 6 won + 2 lost = 8 < 10, so the funnel's opportunities -> won over 2025-Q4 and 2026-Q1
    funnel = (5 + 5 + 3 + 2 + 4 + 4 + 3 + 5) / (25 + 20 + 10 + 8 + 12 + 12 + 8 + 10)
    assert [(s.stage, s.basis, s.closed) for s in pipeline.stages] == [
        ("Qualification", "history", 14),
        ("Discovery", "history", 10),
        ("Proposal", "funnel", 8),
    ]
    assert [s.rate for s in pipeline.stages] == pytest.approx([6 / 14, 6 / 10, funnel])
    assert pipeline.open_mrr == 1000 + 2000 + 500 + 400
    assert pipeline.weighted_mrr == pytest.approx(1000 * 6 / 14 + 2000 * 6 / 10 + (500 + 400) * funnel)
    assert pipeline.marketing_open_mrr == 1000 + 500
    assert pipeline.marketing_weighted_mrr == pytest.approx(1000 * 6 / 14 + 500 * funnel)
    assert (pipeline.earlier_count, pipeline.earlier_mrr) == (1, 800)
    assert metrics.value("pipeline_coverage") == pytest.approx(3900 / 1300)
    assert metrics["pipeline_coverage"].benchmark.low == 3  # type: ignore[union-attr]
    # the next quarter's new MRR is the weighted pipeline, a third a month
    path, rates = metrics.forecast.path, metrics.forecast.rates
    assert path is not None and rates is not None and metrics.forecast.new_from_pipeline
    assert path.central[0] == pytest.approx(rates.step(13000, pipeline.weighted_mrr / 3))


def test_acv_amounts_are_twelve_months_of_mrr(pipeline_pack: Path) -> None:
    edit(pipeline_pack / "boardpack.yaml", STAGES, STAGES + "  amount: acv\n")
    metrics = evaluate(load_pack(pipeline_pack), parse_period("2026-Q1"))
    assert metrics.forecast.pipeline.open_mrr == pytest.approx(3900 / 12)  # type: ignore[union-attr]


def test_without_a_target_for_the_quarter_coverage_has_a_reason(pipeline_pack: Path) -> None:
    edit(pipeline_pack / "boardpack.yaml", "{2026-Q2: 1300}", "{2026-Q3: 1300}")
    metrics = evaluate(load_pack(pipeline_pack), parse_period("2026-Q1"))
    assert metrics["pipeline_coverage"].reason == (
        "no new-business target for 2026-Q2 (forecast.new_business in boardpack.yaml)"
    )
    assert metrics.forecast.pipeline.weighted_mrr is not None  # type: ignore[union-attr]  (bookings still expected)
