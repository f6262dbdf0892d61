"""Open pipeline as of the deck's date: coverage of the next quarter's new-business target and the new
MRR it can be expected to bring, weighted by the company's own win rate from each stage.

A stage's win rate comes from the table's closed history: of the opportunities closed in the window
that reached the stage (a won one passed every stage, a lost one reached the stage it was lost at),
the share won. With fewer than MIN_CLOSED of them the funnel's own rate from the mapped stage to won
over the same months stands in; the result says which each stage used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from boardpack.periods import Period

MIN_CLOSED = 10  # closed opportunities a stage needs for its own win rate
COVERAGE_CONVENTION = 3.0  # open pipeline of three times the quarter's target: a common sales convention


@dataclass(frozen=True)
class StageRate:
    stage: str
    funnel_stage: str
    rate: float | None
    basis: str  # "history" (closed opportunities) or "funnel" (the funnel's stage rate), "none" without either
    closed: int  # closed opportunities in the window that reached the stage

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "funnel_stage": self.funnel_stage,
            "win_rate": self.rate,
            "basis": self.basis,
            "closed": self.closed,
        }


@dataclass(frozen=True)
class Pipeline:
    """The open pipeline of the next quarter, weighted and unweighted, and the target it covers."""

    quarter: Period
    open_mrr: float
    weighted_mrr: float | None
    marketing_open_mrr: float
    marketing_weighted_mrr: float | None
    target: float | None
    opportunities: int
    earlier_count: int  # open opportunities expected to close before the next quarter
    earlier_mrr: float
    stages: tuple[StageRate, ...]

    @property
    def coverage(self) -> float | None:
        return self.open_mrr / self.target if self.target else None

    def as_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter.label,
            "open_mrr": self.open_mrr,
            "weighted_mrr": self.weighted_mrr,
            "marketing_open_mrr": self.marketing_open_mrr,
            "marketing_weighted_mrr": self.marketing_weighted_mrr,
            "new_business_target": self.target,
            "coverage": self.coverage,
            "coverage_convention": COVERAGE_CONVENTION,
            "opportunities": self.opportunities,
            "expected_earlier": {"opportunities": self.earlier_count, "mrr": self.earlier_mrr},
            "win_rates": [s.as_json() for s in self.stages],
        }


def _open_at(row: Any, as_of: date) -> bool:
    return row.created <= as_of and (row.closed is None or row.closed > as_of)


def stage_rates(
    rows: list[Any], stages: dict[str, str], as_of: date, since: date, funnel: dict[str, float | None]
) -> tuple[StageRate, ...]:
    """Each mapped stage's win rate: own closed history from `since` to `as_of`, else the funnel's rate."""
    order = {name.casefold(): i for i, name in enumerate(stages)}
    closed = [r for r in rows if r.closed is not None and since <= r.closed <= as_of]
    rates = []
    for i, (stage, funnel_stage) in enumerate(stages.items()):
        reached = [r for r in closed if r.status == "won" or order.get(r.stage.casefold(), -1) >= i]
        if len(reached) >= MIN_CLOSED:
            won = sum(r.status == "won" for r in reached)
            rates.append(StageRate(stage, funnel_stage, won / len(reached), "history", len(reached)))
        elif (rate := funnel.get(funnel_stage)) is not None:
            rates.append(StageRate(stage, funnel_stage, rate, "funnel", len(reached)))
        else:
            rates.append(StageRate(stage, funnel_stage, None, "none", len(reached)))
    return tuple(rates)


def open_pipeline(
    rows: list[Any],
    quarter: Period,
    as_of: date,
    rates: tuple[StageRate, ...],
    target: float | None,
    per_month: float,
) -> Pipeline:
    """The opportunities open on `as_of` expected to close in `quarter`; `per_month` turns amounts into MRR."""
    by_stage = {s.stage.casefold(): s.rate for s in rates}
    still_open = [r for r in rows if _open_at(r, as_of)]
    due = [r for r in still_open if quarter.start <= r.expected_close.start and r.expected_close.end <= quarter.end]
    earlier = [r for r in still_open if r.expected_close.end < quarter.start]
    known = all(by_stage.get(r.stage.casefold()) is not None for r in due)

    def total(selected: list[Any], weighted: bool) -> float:
        return sum(
            r.amount * per_month * ((by_stage.get(r.stage.casefold()) or 0.0) if weighted else 1.0) for r in selected
        )

    marketing = [r for r in due if r.source == "marketing"]
    return Pipeline(
        quarter=quarter,
        open_mrr=total(due, False),
        weighted_mrr=total(due, True) if known else None,
        marketing_open_mrr=total(marketing, False),
        marketing_weighted_mrr=total(marketing, True) if known else None,
        target=target,
        opportunities=len(due),
        earlier_count=len(earlier),
        earlier_mrr=total(earlier, False),
        stages=rates,
    )
