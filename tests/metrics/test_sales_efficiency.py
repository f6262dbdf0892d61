"""Sales efficiency, added by following ARCHITECTURE.md's "Add a metric": one catalogue entry.

Worked by hand from tests/cases/tiny (revenue.csv, spend.csv):
- 2026-Q1: net new MRR = 13,000 (end of March) − 11,100 (end of December) = 1,900, so net new ARR is
  22,800; acquisition spend = 3,000 + 6,000 + 9,000 + 12,000 = 30,000; 22,800 ÷ 30,000 = 0.76.
- 2025-Q4: net new MRR = (1,000 + 200 − 100 − 500) + (600 + 100 − 300) + (400 − 200 − 200 + 100) = 1,100,
  so 13,200 of ARR; spend = 3 × (1,000 + 1,500 + 4,000) = 19,500; 13,200 ÷ 19,500 = 0.6769.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from boardpack.slides import SLIDES, deck_result
from tests.conftest import TINY, edit


def test_value_and_prior_by_hand() -> None:
    result = evaluate(load_pack(TINY), parse_period("2026-Q1"))["sales_efficiency"]
    assert result.value == pytest.approx(1900 * 12 / 30000, rel=1e-12)
    assert result.prior == pytest.approx(1100 * 12 / 19500, rel=1e-12)
    assert result.change == pytest.approx((0.76 - 13200 / 19500) / (13200 / 19500), rel=1e-12)  # relative, as LTV:CAC


def test_no_spend_is_a_reason_not_a_zero(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    for line in (
        "2026-Q1,Channel A,marketing,Media,3000",
        "2026-Q1,Channel B,marketing,Events,6000",
        "2026-Q1,,marketing,Marketing team,9000",
        "2026-Q1,,sales,Sales team,12000",
    ):
        edit(pack / "data/spend.csv", line, line.rpartition(",")[0] + ",0")
    result = evaluate(load_pack(pack), parse_period("2026-Q1"))["sales_efficiency"]
    assert result.value is None
    assert result.reason == "acquisition spend is zero in 2026-Q1"


def test_it_is_the_ninth_tile_of_the_summary() -> None:
    pack = load_pack(TINY)
    period = parse_period("2026-Q1")
    summary = SLIDES["summary"].build(deck_result(pack, evaluate(pack, period), period.last_day))
    assert summary is not None
    assert [(tile.id, tile.display) for tile in summary.tiles][8] == ("sales_efficiency", "0.8×")
    assert len(summary.tiles) == 10  # the forecast's year-end ARR is the tenth
