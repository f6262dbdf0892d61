"""The period's figures: computed once, in compute, and read as the same values wherever they are shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.metrics.engine import Evaluation
from boardpack.metrics.result import MetricSet
from boardpack.periods import parse_period
from boardpack.slides import SLIDES, deck_result
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Iterator[tuple[MetricSet, list[tuple[object, object]]]]:
    """The sample's 2026-Q3 metrics, and every (period, as-of) an Evaluation was made for while computing them."""
    made: list[tuple[object, object]] = []
    original = Evaluation.__init__

    def counting(self: Evaluation, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append((self.period, self.as_of))

    pack = load_pack(SAMPLE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Evaluation, "__init__", counting)
        metrics = evaluate(pack, parse_period("2026-Q3"))
    yield metrics, made


def test_each_period_is_evaluated_once(sample: tuple[MetricSet, list[tuple[object, object]]]) -> None:
    """The trend periods, the prior and the year-ago period share one evaluation each."""
    _, made = sample
    assert len(made) == len(set(made))
    labels = {period.label for period, _ in made}  # type: ignore[attr-defined]
    assert {"2025-Q3", "2026-Q2", "2026-Q3", "2024-Q4"} <= labels


def test_history_ends_with_the_period_and_its_values(sample: tuple[MetricSet, list[tuple[object, object]]]) -> None:
    metrics, _ = sample
    assert metrics.figures is not None
    history = metrics.figures.history
    assert history.labels == ("2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
    for metric_id in ("mrr", "nrr", "ltv_cac_ratio"):
        assert history[metric_id][-1] == metrics.value(metric_id)
        assert history[metric_id][-2] == metrics[metric_id].prior


def test_funnel_arrow_and_table_show_one_rate(sample: tuple[MetricSet, list[tuple[object, object]]]) -> None:
    metrics, _ = sample
    pack = load_pack(SAMPLE)
    funnel = SLIDES["funnel"].build(deck_result(pack, metrics, parse_period("2026-Q3").last_day))
    assert funnel is not None
    (chart,) = funnel.charts
    table = {view.id: view for view in funnel.tables["funnel_rates"]}
    stages = metrics.figures.funnel if metrics.figures else ()
    arrows = dict(zip([s.rate for s in stages], chart.data["rate_labels"], strict=True))
    assert arrows["visitor_to_lead"] == table["visitor_to_lead"].display
    shared = [m for m in arrows if m in table]
    assert len(shared) >= 5
    assert [arrows[m] for m in shared] == [table[m].display for m in shared]
