"""Drivers: which part of a metric (a segment, a plan, a channel, a source) explains its change.

A board asks "why did it move?" before "what should we do?": the titles and next steps name the part
that explains most of a change, so every headline change carries its decomposition. Two methods,
chosen by the metric's type; both give contributions that add up to the change exactly.

Sum (an amount that adds up over its parts, such as MRR): a part's contribution is its own change,
    c_i = v_i' - v_i, and its share of the change is c_i / (V' - V).

Shift-share (a rate or ratio of two sums, such as NRR, churn, CAC or a stage conversion): the rate is
R = N / D = sum of w_i r_i, with each part's weight w_i = D_i / D and its own rate r_i = N_i / D_i.
Between the prior period (plain) and this one ('), with w~, r~ and R~ the averages of the two periods:
    rate effect  = w~_i (r_i' - r_i)          the part's own rate moved
    mix effect   = (r~_i - R~) (w_i' - w_i)   the part's weight moved, towards a rate above or below average
    contribution = rate effect + mix effect
The midpoint form leaves no interaction term, and the weights' changes add up to zero, so measuring the
mix against the average R~ changes no total while saying whether a shift helped or hurt. A part absent
from one period keeps its other period's rate there (its whole change is mix). A part with a numerator
but no denominator in either period (spend without a channel in CAC, a pipeline source against one
target) adds N_i / D to the rate: its contribution is N_i'/D' - N_i/D, all of it rate effect. A part
with a denominator in one period only is that too, plus the mix effect of a part whose rate counts as
zero, so the contributions still add up.

Parts that do not add up to the metric (rows without a segment, CAC counting wins by channel where the
metric counts billed customers) leave the difference in `unexplained` rather than in a made-up part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from boardpack.i18n import N_

Method = Literal["sum", "shift_share"]
UNASSIGNED = N_("Not assigned")  # the label of what the total has beyond the named parts
METHODS: dict[Method, str] = {
    "sum": N_(
        "Drivers of an amount: each part's change, and its share of the total change "
        "(a segment whose MRR grew by half of all growth explains 50 %)."
    ),
    "shift_share": N_(
        "Drivers of a rate: each part's effect is the change of its own rate, weighted by its average size, "
        "plus the effect of its size changing, counted against the average rate (a shift-share). "
        "The effects of all parts add up to the change of the rate."
    ),
}
_TINY = 1e-9


@dataclass(frozen=True)
class DriverPart:
    """One part of a metric's change: its own value then and now.

    That value is an amount (sum), the part's own rate N_i / D_i (shift-share), or for a part with no
    denominator of its own what it adds to the rate, N_i / D.
    """

    label: str  # a breakdown key (SMB, Paid search) or a message id such as UNASSIGNED
    prior: float | None
    value: float | None
    contribution: float  # what the part adds to the metric's change, in the metric's unit
    share: float | None  # contribution ÷ the change; None when nothing changed
    rate_effect: float | None = None  # shift-share only
    mix_effect: float | None = None
    prior_weight: float | None = None  # the part's share of the denominator
    weight: float | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "prior": self.prior,
            "value": self.value,
            "contribution": self.contribution,
            "share": self.share,
        }
        if self.rate_effect is not None:
            data |= {
                "rate_effect": self.rate_effect,
                "mix_effect": self.mix_effect,
                "prior_weight": self.prior_weight,
                "weight": self.weight,
            }
        return data


@dataclass(frozen=True)
class Drivers:
    """A metric's change split by one dimension; `main` is the part that explains most of it."""

    dimension: str  # segment, plan, channel, source
    method: Method
    prior: float
    value: float
    parts: tuple[DriverPart, ...]
    unexplained: float = 0.0  # the change minus the parts' contributions

    @property
    def change(self) -> float:
        return self.value - self.prior

    @property
    def main(self) -> DriverPart | None:
        """The part with the largest contribution in the direction of the change; None if nothing changed."""
        if abs(self.change) <= _TINY * max(1.0, abs(self.prior)):
            return None
        sign = 1.0 if self.change > 0 else -1.0
        along = [p for p in self.parts if p.contribution * sign > 0]
        return max(along or self.parts, key=lambda p: p.contribution * sign if along else abs(p.contribution))

    @property
    def description(self) -> str:
        """The method in plain words, for the appendix (a message id)."""
        return METHODS[self.method]

    def as_json(self) -> dict[str, Any]:
        main = self.main
        return {
            "method": self.method,
            "prior": self.prior,
            "value": self.value,
            "change": self.change,
            "main": main.label if main else None,
            "unexplained": self.unexplained,
            "parts": [p.as_json() for p in self.parts],
        }


def _share(contribution: float, change: float) -> float | None:
    return contribution / change if abs(change) > _TINY else None


def sum_drivers(
    dimension: str, prior: dict[str, float], value: dict[str, float], totals: tuple[float, float]
) -> Drivers:
    """An amount's change by part: `prior` and `value` per key, `totals` the metric's (prior, value)."""
    change = totals[1] - totals[0]
    parts = []
    for key in dict.fromkeys([*prior, *value]):
        before, now = prior.get(key, 0.0), value.get(key, 0.0)
        parts.append(DriverPart(key, before, now, now - before, _share(now - before, change)))
    explained = sum(p.contribution for p in parts)
    return Drivers(dimension, "sum", totals[0], totals[1], tuple(parts), change - explained)


Terms = dict[str, tuple[float, float]]  # per key: (numerator, denominator)


def shift_share(
    dimension: str,
    prior: Terms,
    value: Terms,
    totals: tuple[float, float] | None = None,
    base: tuple[float, float] = (0.0, 0.0),
) -> Drivers | None:
    """A rate's change by part, from each part's numerator and denominator in both periods.

    `totals` is the metric's own (prior, value) when the parts may not add up to it (the difference goes
    to `unexplained`); by default the rate of the parts. `base` is a denominator no part has (one target
    for every pipeline source), for parts that are numerators only. None when a period has no denominator.
    """
    den = (base[0] + sum(d for _, d in prior.values()), base[1] + sum(d for _, d in value.values()))
    if den[0] <= 0 or den[1] <= 0:
        return None
    rate = (sum(n for n, _ in prior.values()) / den[0], sum(n for n, _ in value.values()) / den[1])
    mean_rate = (rate[0] + rate[1]) / 2
    parts = []
    for key in dict.fromkeys([*prior, *value]):
        (n0, d0), (n1, d1) = prior.get(key, (0.0, 0.0)), value.get(key, (0.0, 0.0))
        w0, w1 = d0 / den[0], d1 / den[1]
        own = (n0 / d0 if d0 > 0 else None, n1 / d1 if d1 > 0 else None)
        rated = own[0] is not None or n0 == 0, own[1] is not None or n1 == 0  # a rate, or absent
        if all(rated) and (own[0] is not None or own[1] is not None):
            r0 = own[0] if own[0] is not None else own[1] or 0.0
            r1 = own[1] if own[1] is not None else r0
            rate_effect = (w0 + w1) / 2 * (r1 - r0)
            mix_effect = ((r0 + r1) / 2 - mean_rate) * (w1 - w0)
        else:  # a load on the rate rather than a rate of its own: spend without wins, a source without a target
            own = (n0 / den[0], n1 / den[1])
            rate_effect = own[1] - own[0]
            mix_effect = -mean_rate * (w1 - w0)
        parts.append((key, own, rate_effect + 0.0, mix_effect + 0.0, w0, w1))  # + 0.0: no -0.0 in the JSON
    prior_total, total = totals if totals is not None else rate
    change = total - prior_total
    built = tuple(
        DriverPart(key, own[0], own[1], r + m, _share(r + m, change), r, m, w0, w1) for key, own, r, m, w0, w1 in parts
    )
    explained = sum(p.contribution for p in built)
    return Drivers(dimension, "shift_share", prior_total, total, built, change - explained)
