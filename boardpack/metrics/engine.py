"""Evaluate the catalogue for one period into a `MetricSet`, with the prior period beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import Catalogue, MetricDef, load_catalogue
from boardpack.metrics.formulas import FORMULAS, Derived
from boardpack.metrics.measures import Facts, Unavailable, Value, resolve
from boardpack.metrics.result import MetricResult, MetricSet
from boardpack.periods import Period

Breakdowns = dict[str, dict[str, float | None]]


@dataclass(frozen=True)
class Outcome:
    value: float | None
    reason: str | None = None
    breakdowns: Breakdowns = field(default_factory=dict)
    items: tuple[dict[str, Any], ...] = ()
    template: str | None = None
    params: dict[str, str] | None = None


class Evaluation:
    """Computes metrics of one period on demand, each once, so derived metrics can reuse others."""

    def __init__(self, pack: PackInputs, period: Period, catalogue: Catalogue) -> None:
        self.pack = pack
        self.period = period
        self.catalogue = catalogue
        self.facts = Facts(pack, period)
        self._done: dict[str, Outcome] = {}
        self._active: set[str] = set()

    def at(self, period: Period) -> Evaluation:
        """The same pack evaluated for another period (a prior period, a lagged window)."""
        return Evaluation(self.pack, period, self.catalogue)

    def measure(self, name: str, by: str | None = None) -> Value:
        return resolve(name)(self.facts, by)

    def value(self, metric_id: str) -> float:
        """The metric's value, or `Unavailable` carrying the reason it has none."""
        outcome = self.evaluate(metric_id)
        if outcome.value is None:
            raise Unavailable(
                outcome.template or "{metric} is not available", **(outcome.params or {"metric": metric_id})
            )
        return outcome.value

    def evaluate(self, metric_id: str) -> Outcome:
        if metric_id in self._done:
            return self._done[metric_id]
        if metric_id in self._active:
            raise RuntimeError(f"metric {metric_id} depends on itself")
        self._active.add(metric_id)
        metric = self.catalogue.metrics[metric_id]
        try:
            outcome = self._compute(metric)
        except Unavailable as exc:
            outcome = Outcome(None, exc.reason, template=exc.template, params=exc.params)
        finally:
            self._active.discard(metric_id)
        self._done[metric_id] = outcome
        return outcome

    def _compute(self, metric: MetricDef) -> Outcome:
        if metric.type == "derived":
            result = FORMULAS[metric.id](self)
            if isinstance(result, Derived):
                return Outcome(result.value, result.reason, result.breakdowns, tuple(result.items))
            return Outcome(float(result))
        if metric.type == "simple":
            value = float(self.measure(str(metric.measure)))  # type: ignore[arg-type]
        else:
            numerator, denominator = self._ratio_terms(metric, None)
            if denominator == 0:
                raise Unavailable(
                    "{measure} is zero in {period}", measure=_words(metric.denominator), period=self.period
                )
            value = float(numerator) / float(denominator)  # type: ignore[arg-type]
        breakdowns = {by: values for by in metric.breakdown if (values := self._breakdown(metric, by))}
        return Outcome(value, None, breakdowns)

    def _ratio_terms(self, metric: MetricDef, by: str | None) -> tuple[Value, Value]:
        if metric.paired:
            table, _, numerator = str(metric.numerator).partition(".")
            denominator = str(metric.denominator).partition(".")[2]
            rows = self.facts.paired(table, denominator, numerator)
            return self.facts.total(table, numerator, by, rows), self.facts.total(table, denominator, by, rows)
        return self.measure(str(metric.numerator), by), self.measure(str(metric.denominator), by)

    def _breakdown(self, metric: MetricDef, by: str) -> dict[str, float | None]:
        """Per channel, segment, ... values, in the order the pack declares them."""
        try:
            if metric.type == "simple":
                values: dict[str, float | None] = dict(self.measure(str(metric.measure), by))  # type: ignore[arg-type]
            else:
                numerators, denominators = self._ratio_terms(metric, by)
                assert isinstance(numerators, dict) and isinstance(denominators, dict)
                values = {key: (numerators.get(key, 0.0) / den if den else None) for key, den in denominators.items()}
        except Unavailable:
            return {}
        return self.ordered(by, values)

    def ordered(self, by: str, values: dict[str, Any]) -> dict[str, Any]:
        names = {"channel": self.pack.config.channels, "segment": self.pack.config.segments or []}.get(by, [])
        order = {name: i for i, name in enumerate(names)}
        return dict(sorted(values.items(), key=lambda kv: (order.get(kv[0], len(order)), str(kv[0]))))


def _words(measure_name: str | None) -> str:
    return str(measure_name).rpartition(".")[2].replace("_", " ")


def _change(metric: MetricDef, value: float | None, prior: float | None) -> float | None:
    if value is None or prior is None:
        return None
    if metric.change_kind != "relative":
        return value - prior
    if prior == 0:
        return None
    return (value - prior) / abs(prior)


def compute_metrics(
    pack: PackInputs, period: Period, catalogue: Catalogue | None = None, with_prior: bool = True
) -> MetricSet:
    """Every catalogue metric for `period`, with the prior period and the same period a year earlier."""
    catalogue = catalogue or load_catalogue()
    current = Evaluation(pack, period, catalogue)
    previous = current.at(period.prior()) if with_prior else None
    year_ago = current.at(period.same_period_last_year()) if with_prior else None
    results: dict[str, MetricResult] = {}
    for metric in catalogue.metrics.values():
        outcome = current.evaluate(metric.id)
        prior = previous.evaluate(metric.id).value if previous is not None else None
        last_year = year_ago.evaluate(metric.id).value if year_ago is not None else None
        results[metric.id] = MetricResult(
            id=metric.id,
            unit=metric.unit,
            value=outcome.value,
            reason=outcome.reason,
            reason_template=outcome.template,
            reason_params=tuple(sorted((outcome.params or {}).items())),
            prior=prior,
            change=_change(metric, outcome.value, prior),
            year_ago=last_year,
            change_year=_change(metric, outcome.value, last_year),
            breakdowns=tuple((by, tuple(values.items())) for by, values in outcome.breakdowns.items()),
            items=outcome.items,
        )
    return MetricSet(
        period=period,
        prior_period=period.prior(),
        currency=pack.config.currency,
        year_ago_period=period.same_period_last_year(),
        results=results,
        directions={m.id: m.direction for m in catalogue.metrics.values()},
    )
