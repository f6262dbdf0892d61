"""Formulas of the derived metrics, registered under their catalogue id.

Simple and ratio metrics need no code: the catalogue names their measures. What is here needs a
policy choice, and the catalogue's formula text for the same id says which one was made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from boardpack.metrics.measures import Unavailable

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation

Formula = Callable[["Evaluation"], float]
FORMULAS: dict[str, Formula] = {}


def formula(metric_id: str) -> Callable[[Formula], Formula]:
    def register(fn: Formula) -> Formula:
        FORMULAS[metric_id] = fn
        return fn

    return register


def monthly_rate(period_rate: float, months: int) -> float:
    """The constant monthly rate that compounds to `period_rate` over `months` months.

    A quarterly churn of 10% is a monthly churn of 1 - 0.9^(1/3) = 3.45%, not 10% / 3: rates compound.
    """
    if period_rate >= 1:
        return 1.0
    return 1 - (1 - period_rate) ** (1 / months)


def _gross_margin(ev: Evaluation) -> float:
    margin = ev.pack.config.gross_margin
    if margin is None:
        raise Unavailable("gross_margin is not set in boardpack.yaml")
    return margin


@formula("arr")
def arr(ev: Evaluation) -> float:
    return ev.value("mrr") * 12


@formula("ltv")
def ltv(ev: Evaluation) -> float:
    margin = _gross_margin(ev)
    churn = monthly_rate(ev.value("customer_churn_rate"), ev.period.months_count)
    if churn <= 0:
        raise Unavailable(f"no customer churned in {ev.period}, so the expected lifetime is unbounded")
    return ev.value("arpu") * margin / churn


@formula("ltv_cac_ratio")
def ltv_cac_ratio(ev: Evaluation) -> float:
    cac = ev.value("cac")
    if cac <= 0:
        raise Unavailable("CAC is zero")
    return ev.value("ltv") / cac


@formula("cac_payback_months")
def cac_payback_months(ev: Evaluation) -> float:
    monthly_gross_profit = ev.value("arpu") * _gross_margin(ev)
    if monthly_gross_profit <= 0:
        raise Unavailable("ARPU × gross margin is zero")
    return ev.value("cac") / monthly_gross_profit
