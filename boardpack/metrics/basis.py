"""Time basis of a figure: what a value, a target or a benchmark means for a period of another length.

A monthly churn of 3.1 % and an annual target of 5 % say nothing to each other until they stand on one
basis. Rates compound (twelve months at 3.1 % lose 31.5 %, not 37.2 %), flows add up over the months,
points in time and ratios do not depend on the period's length at all. The catalogue says which each
metric is (`basis:`); this module holds the arithmetic, so the judge and the slides agree on it.
"""

from __future__ import annotations

from typing import Literal

from boardpack.i18n import N_

Basis = Literal["point", "flow", "rate", "ratio"]
Compounds = Literal["loss", "retention", "growth"]
Per = Literal["month", "quarter", "year"]

MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}
TIMED: tuple[Basis, ...] = ("flow", "rate")  # the bases whose value depends on the period's length


def _factor(value: float, compounds: Compounds) -> float:
    """What a rate multiplies a quantity by over its period: kept share, retention or growth factor."""
    return {"loss": 1 - value, "retention": value, "growth": 1 + value}[compounds]


def _from_factor(factor: float, compounds: Compounds) -> float:
    return {"loss": 1 - factor, "retention": factor, "growth": factor - 1}[compounds]


def convert_rate(value: float, compounds: Compounds, from_months: int, to_months: int) -> float:
    """The rate over `to_months` months that compounds like `value` over `from_months` months.

    Quarterly churn 9 % is 1 − 0.91^4 = 31.4 % a year; quarterly NRR 95 % is 0.95^4 = 81.5 % a year.
    A rate that loses everything (churn of 100 % or more, retention of 0 or less) stays total on any basis.
    """
    if from_months == to_months:
        return value
    factor = _factor(value, compounds)
    if factor <= 0:
        return _from_factor(0.0, compounds)
    return _from_factor(factor ** (to_months / from_months), compounds)


def prorate(value: float, from_months: int, to_months: int) -> float:
    """A flow over `from_months` months scaled to `to_months` months: a yearly €120K is €30K a quarter."""
    return value * to_months / from_months


def convert(value: float, basis: Basis, compounds: Compounds | None, from_months: int, to_months: int) -> float:
    """`value` stated over `from_months` months, restated over `to_months`; points and ratios stay as they are."""
    if basis == "rate":
        assert compounds is not None, "a rate metric says how it compounds"
        return convert_rate(value, compounds, from_months, to_months)
    if basis == "flow":
        return prorate(value, from_months, to_months)
    return value


# how a figure over a period of each length is said: "9.0% this quarter", "31.4% a year"
THIS_PHRASES = {
    "month": N_("{value} this month"),
    "quarter": N_("{value} this quarter"),
    "year": N_("{value} this year"),
}
PER_PHRASES = {"month": N_("{value} a month"), "quarter": N_("{value} a quarter"), "year": N_("{value} a year")}
