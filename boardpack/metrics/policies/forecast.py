"""Policy formulas of the forecast: where the year ends, how far that is from its target, pipeline coverage.

Each reads the period's outlook (`metrics/outlook.py`), computed once per evaluation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boardpack.metrics.formulas import formula
from boardpack.metrics.measures import Unavailable
from boardpack.metrics.outlook import Outlook, Reason, outlook_of

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation


def _missing(reason: Reason | None) -> Unavailable:
    assert reason is not None
    return Unavailable(reason.template, **dict(reason.params))


def _year(ev: Evaluation) -> Outlook:
    outlook = outlook_of(ev)
    if not outlook.available:
        raise _missing(outlook.reason)
    if outlook.year is None:
        raise _missing(outlook.year_reason)
    return outlook


@formula("year_end_arr")
def year_end_arr(ev: Evaluation) -> float:
    """The central path's MRR at the fiscal year's end, times twelve."""
    year = _year(ev).year
    assert year is not None
    return year.landing_arr


@formula("year_end_arr_gap")
def year_end_arr_gap(ev: Evaluation) -> float:
    """The year's ARR target less where the central path lands: positive when short of it."""
    year = _year(ev).year
    assert year is not None
    if year.gap_arr is None:
        raise Unavailable("no target for the year")
    return year.gap_arr


@formula("pipeline_coverage")
def pipeline_coverage(ev: Evaluation) -> float:
    """Open pipeline expected to close next quarter over that quarter's new-business target."""
    outlook = outlook_of(ev)
    if not outlook.available:
        raise _missing(outlook.reason)
    if outlook.pipeline is None or outlook.pipeline.coverage is None:
        raise _missing(outlook.pipeline_reason)
    return outlook.pipeline.coverage
