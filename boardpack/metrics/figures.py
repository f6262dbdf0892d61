"""What the slides show beyond each metric's own value, computed with the metrics of the period.

Stage counts and the conversion between neighbouring stages, the MRR bridge, shares of a total,
cohort retention, the trend series and the milestones they mark are figures too: computing them here,
once, means a chart, a table and a sentence that show the same figure read the same number.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardpack.i18n import N_
from boardpack.metrics.cohort_retention import CohortGrid, cohort_grid
from boardpack.metrics.fx import FxFigures, fx_figures, shows_fx
from boardpack.metrics.history import History, compute_history
from boardpack.metrics.measures import Unavailable
from boardpack.metrics.milestones import Milestones, select_milestones
from boardpack.metrics.observation import CohortWindow, cohort_windows
from boardpack.metrics.result import MetricResult

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation

FUNNEL_STAGES = (
    ("funnel.visitors", N_("Visitors")),
    ("funnel.leads", N_("Leads")),
    ("funnel.mqls", N_("MQLs")),
    ("funnel.sals", N_("SALs")),
    ("funnel.sqls", N_("SQLs")),
    ("funnel.opportunities", N_("Opportunities")),
    ("funnel.quotes", N_("Quotes")),
    ("funnel.customers", N_("Won")),
)
# the catalogue's conversion between two neighbouring stages of the funnel, by (stage before, stage)
STAGE_RATES = {
    ("funnel.visitors", "funnel.leads"): "visitor_to_lead",
    ("funnel.leads", "funnel.mqls"): "lead_to_mql",
    ("funnel.mqls", "funnel.sals"): "mql_to_sal",
    ("funnel.mqls", "funnel.sqls"): "mql_to_sql",
    ("funnel.sals", "funnel.sqls"): "sal_to_sql",
    ("funnel.sqls", "funnel.opportunities"): "sql_to_opportunity",
    ("funnel.opportunities", "funnel.quotes"): "opportunity_to_quote",
    ("funnel.opportunities", "funnel.customers"): "opportunity_to_won",
    ("funnel.quotes", "funnel.customers"): "quote_to_won",
}
BRIDGE = (
    ("new_mrr", N_("New"), 1),
    ("expansion_mrr", N_("Expansion"), 1),
    ("reactivation_mrr", N_("Reactivation"), 1),
    ("contraction_mrr", N_("Contraction"), -1),
    ("churned_mrr", N_("Churn"), -1),
)
# measures shown beside the metrics, as (name, breakdown)
MEASURES = (
    ("marketing_spend", "channel"),
    ("leads", "channel"),
    ("won", "channel"),
    ("customers_end", "segment"),
    ("customers_end", "plan"),
    ("demos_requested", "demo_type"),
)


@dataclass(frozen=True)
class FunnelStage:
    """A stage's entries in the period and the catalogue metric converting the stage before into it."""

    measure: str
    label: str  # a message id
    value: float
    rate: str | None = None


@dataclass(frozen=True)
class BridgeStep:
    label: str  # a message id
    value: float  # signed: what the step adds to MRR
    total: bool = False


SIGNALS = ("usage", "tickets", "nps", "billing")  # the health score's signals, in the order the slides list them


@dataclass(frozen=True)
class AtRisk:
    """What the customers at risk have in common: how many have each weak signal (most frequent first) and
    their MRR by segment (largest first)."""

    signals: dict[str, int] = field(default_factory=dict)
    segments: dict[str, float] = field(default_factory=dict)


def at_risk(items: list[dict[str, Any]]) -> AtRisk:
    counts = {signal: sum(signal in item.get("weak", ()) for item in items) for signal in SIGNALS}
    segments: dict[str, float] = {}
    for item in items:
        segments[item["segment"]] = segments.get(item["segment"], 0.0) + item["mrr"]
    return AtRisk(
        dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: -kv[1])),
        dict(sorted(segments.items(), key=lambda kv: -kv[1])),
    )


@dataclass(frozen=True)
class Figures:
    """Everything a slide shows that is not one metric's value, for one period."""

    measures: dict[str, Any] = field(default_factory=dict)
    funnel: tuple[FunnelStage, ...] = ()
    bridge: tuple[BridgeStep, ...] = ()
    shares: dict[str, dict[str, float | None]] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)
    at_risk: AtRisk = field(default_factory=AtRisk)
    cohorts: CohortGrid | None = None
    observation: tuple[CohortWindow, ...] = ()
    history: History = field(default_factory=History)
    milestones: Milestones = field(default_factory=Milestones)
    fx: FxFigures | None = None

    def measure(self, name: str, by: str | None = None) -> Any:
        """A measure's value (a dict per key when `by` is given), or None when it is unavailable."""
        return self.measures.get(f"{name}/{by}" if by else name)


def _measure(ev: Evaluation, name: str, by: str | None = None) -> Any:
    try:
        return ev.measure(name, by)
    except Unavailable:
        return None


def _shares(values: dict[str, float | None]) -> dict[str, float | None]:
    """Each value's share of the total of the values (None where there is no total or no value)."""
    total = sum(v for v in values.values() if v) or None
    return {key: (value / total if total and value is not None else None) for key, value in values.items()}


def _funnel(ev: Evaluation) -> tuple[FunnelStage, ...]:
    present = [(m, label, value) for m, label in FUNNEL_STAGES if (value := _measure(ev, m)) is not None]
    stages = [FunnelStage(m, label, float(value)) for m, label, value in present[:1]]
    for (before, _, _), (stage, label, value) in itertools.pairwise(present):
        stages.append(FunnelStage(stage, label, float(value), STAGE_RATES.get((before, stage))))
    return tuple(stages)


def _bridge(ev: Evaluation, results: dict[str, MetricResult]) -> tuple[BridgeStep, ...]:
    start, end = _measure(ev, "mrr_start"), results["mrr"].value
    if start is None or end is None:
        return ()
    steps = [BridgeStep(N_("Start"), start, True)]
    steps += [BridgeStep(label, sign * (results[m].value or 0.0)) for m, label, sign in BRIDGE]
    fx = results["fx_mrr"].value if "fx_mrr" in results else None
    if shows_fx(fx, start, ev.pack.config.fx.show_above):  # kept apart: rates moved it, not customers
        steps.append(BridgeStep(N_("FX"), fx))  # type: ignore[arg-type]
    return (*steps, BridgeStep(N_("End"), end, True))


def compute_figures(ev: Evaluation, results: dict[str, MetricResult], trend: tuple[str, ...]) -> Figures:
    """The period's figures beyond the catalogue, from its evaluation and the metrics already computed."""
    measures = {f"{name}/{by}": _measure(ev, name, by) for name, by in MEASURES}
    shares = {f"mrr/{by}": _shares(results["mrr"].breakdown(by)) for by in ("segment", "plan")}
    grid = cohort_grid(ev.pack.derived["cohorts"], ev.period) if ev.pack.derived.get("cohorts") else None
    history = compute_history(ev, trend, ev.pack.config.history)
    return Figures(
        measures=measures,
        funnel=_funnel(ev),
        bridge=_bridge(ev, results),
        shares=shares,
        totals={"at_risk_mrr": sum(item["mrr"] for item in results["health_score"].items)},
        at_risk=at_risk(list(results["health_score"].items)),
        cohorts=grid,
        observation=tuple(cohort_windows(ev)),
        history=history,
        milestones=select_milestones(ev.pack, ev.period, history.periods, ev.as_of),
        fx=fx_figures(ev.pack, ev.period),
    )
