"""Evaluate the catalogue for one period into a `MetricSet`, with the prior period beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.coherence import exceeds, excess
from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import Catalogue, MetricDef, load_catalogue
from boardpack.metrics.decompose import metric_drivers
from boardpack.metrics.expression import evaluate as evaluate_expression
from boardpack.metrics.figures import compute_figures
from boardpack.metrics.formulas import Derived, registered
from boardpack.metrics.measures import Facts, NotMeaningful, Unavailable, Value, resolve
from boardpack.metrics.outlook import outlook_of
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
    not_meaningful: bool = False


class Evaluation:
    """Computes metrics of one period on demand, each once, so derived metrics can reuse others.

    `as_of` (the period's last day unless given) is the last day whose events count.
    """

    def __init__(self, pack: PackInputs, period: Period, catalogue: Catalogue, as_of: date | None = None) -> None:
        self.pack = pack
        self.period = period
        self.catalogue = catalogue
        self.as_of = as_of or period.last_day
        self.facts = Facts(pack, period, self.as_of)
        self._done: dict[str, Outcome] = {}
        self._active: set[str] = set()
        # every Evaluation reached through `at()` shares this: the prior period, the year-ago period and
        # the trend periods are each evaluated once per build, whoever asks for them first
        self._family: dict[tuple[Period, date], Evaluation] = {(period, self.as_of): self}

    def at(self, period: Period) -> Evaluation:
        """The same pack evaluated for another period (a prior period, a lagged window).

        The other period is observed as long after (or before) its own end as this one, so a cohort of
        the prior quarter is compared after the same time as this quarter's, not after three more months.
        """
        lag = self.as_of - self.period.last_day
        key = (period, period.last_day + lag)
        if key not in self._family:
            other = Evaluation(self.pack, period, self.catalogue, key[1])
            other._family = self._family
            self._family[key] = other
        return self._family[key]

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
            meaningless = isinstance(exc, NotMeaningful)
            outcome = Outcome(None, exc.reason, template=exc.template, params=exc.params, not_meaningful=meaningless)
        finally:
            self._active.discard(metric_id)
        self._done[metric_id] = outcome
        return outcome

    def _compute(self, metric: MetricDef) -> Outcome:
        if metric.type == "derived":
            result = registered()[metric.id](self)
            if isinstance(result, Derived):
                return Outcome(result.value, result.reason, result.breakdowns, tuple(result.items))
            return Outcome(float(result))
        if metric.type == "expression":
            return Outcome(evaluate_expression(str(metric.expression), self._term, self.period))
        if metric.type == "simple":
            value = float(self.measure(str(metric.measure)))  # type: ignore[arg-type]
        else:
            numerator, denominator = self.ratio_terms(metric, None)
            if denominator == 0:
                raise Unavailable(
                    "{measure} is zero in {period}", measure=_words(metric.denominator), period=self.period
                )
            if metric.stage:
                self._check_stage(metric, float(numerator), float(denominator))  # type: ignore[arg-type]
            value = float(numerator) / float(denominator)  # type: ignore[arg-type]
        breakdowns = {by: values for by in metric.breakdown if (values := self._breakdown(metric, by))}
        return Outcome(value, None, breakdowns)

    def _term(self, name: str) -> float:
        """A name in an expression: a metric's value, else a measure's."""
        if name in self.catalogue.metrics:
            return self.value(name)
        return float(self.measure(name))  # type: ignore[arg-type]

    def _check_stage(self, metric: MetricDef, count: float, base: float) -> None:
        """A later stage far above the one before it over the whole period: a data error, not a rate."""
        if exceeds(count, base, self.pack.config.checks.stage_margin):
            raise NotMeaningful(
                N_("not meaningful: {stage} ({count}) exceed {before} ({base}) by {excess} in {period}"),
                stage=_words(metric.numerator),
                count=f"{count:,.0f}",
                before=_words(metric.denominator),
                base=f"{base:,.0f}",
                excess=excess(count, base),
                period=self.period,
            )

    def ratio_terms(self, metric: MetricDef, by: str | None) -> tuple[Value, Value]:
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
                numerators, denominators = self.ratio_terms(metric, by)
                assert isinstance(numerators, dict) and isinstance(denominators, dict)
                margin = self.pack.config.checks.stage_margin
                values = {key: (numerators.get(key, 0.0) / den if den else None) for key, den in denominators.items()}
                if metric.stage:  # a channel far above its stage before is not meaningful either
                    values = {
                        key: None if value is not None and exceeds(value, 1.0, margin) else value
                        for key, value in values.items()
                    }
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
    pack: PackInputs,
    period: Period,
    catalogue: Catalogue | None = None,
    with_prior: bool = True,
    as_of: date | None = None,
    with_figures: bool = True,
) -> MetricSet:
    """Every catalogue metric for `period`, with the prior period and the same period a year earlier.

    Events after `as_of` (default: the period's last day) do not count; the prior and year-ago periods
    are observed for as long after their own end. `with_figures` adds what the slides show beyond the
    catalogue's values (stage counts, shares, cohort retention, the trend series), from the same
    evaluations.
    """
    catalogue = catalogue or load_catalogue()
    current = Evaluation(pack, period, catalogue, as_of)
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
            basis=metric.basis,
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
            not_meaningful=outcome.not_meaningful,
            drivers=metric_drivers(metric, current, previous) if previous is not None and metric.drivers else (),
        )
    return MetricSet(
        period=period,
        prior_period=period.prior(),
        currency=pack.config.currency,
        year_ago_period=period.same_period_last_year(),
        results=results,
        directions={m.id: m.direction for m in catalogue.metrics.values()},
        as_of=current.as_of,
        figures=compute_figures(current, results, catalogue.trend) if with_figures else None,
        forecast=outlook_of(current) if with_figures else None,
    )
