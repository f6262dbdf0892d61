"""Evaluate the catalogue for one period into a `MetricSet`, with the prior period beside it."""

from __future__ import annotations

from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import Catalogue, MetricDef, load_catalogue
from boardpack.metrics.formulas import FORMULAS
from boardpack.metrics.measures import MEASURES, Facts, Unavailable, Value
from boardpack.metrics.result import MetricResult, MetricSet
from boardpack.periods import Period


class Evaluation:
    """Computes metrics of one period on demand, each once, so derived metrics can reuse others."""

    def __init__(self, pack: PackInputs, period: Period, catalogue: Catalogue) -> None:
        self.pack = pack
        self.period = period
        self.catalogue = catalogue
        self.facts = Facts(pack, period)
        self._done: dict[str, tuple[float | None, str | None]] = {}
        self._active: set[str] = set()

    def measure(self, name: str, by: str | None = None) -> Value:
        return MEASURES[name](self.facts, by)

    def value(self, metric_id: str) -> float:
        """The metric's value, or `Unavailable` carrying the reason it has none."""
        value, reason = self.evaluate(metric_id)
        if value is None:
            raise Unavailable(reason or f"{metric_id} is not available")
        return value

    def evaluate(self, metric_id: str) -> tuple[float | None, str | None]:
        if metric_id in self._done:
            return self._done[metric_id]
        if metric_id in self._active:
            raise RuntimeError(f"metric {metric_id} depends on itself")
        self._active.add(metric_id)
        try:
            outcome: tuple[float | None, str | None] = (self._compute(self.catalogue.metrics[metric_id]), None)
        except Unavailable as exc:
            outcome = (None, exc.reason)
        finally:
            self._active.discard(metric_id)
        self._done[metric_id] = outcome
        return outcome

    def _compute(self, metric: MetricDef) -> float:
        if metric.type == "derived":
            return FORMULAS[metric.id](self)
        if metric.type == "simple":
            return float(self.measure(metric.measure))  # type: ignore[arg-type]
        numerator, denominator = self._ratio_terms(metric, None)
        if denominator == 0:
            raise Unavailable(f"{metric.denominator.replace('_', ' ')} is zero in {self.period}")  # type: ignore[union-attr]
        return numerator / denominator  # type: ignore[operator]

    def _ratio_terms(self, metric: MetricDef, by: str | None) -> tuple[Value, Value]:
        if metric.paired:
            table = "funnel"
            rows = self.facts.paired(table, _column(metric.denominator), _column(metric.denominator))
            return (
                self.facts.total(table, _column(metric.numerator), by, rows),
                self.facts.total(table, _column(metric.denominator), by, rows),
            )
        return self.measure(metric.numerator, by), self.measure(metric.denominator, by)  # type: ignore[arg-type]

    def breakdown(self, metric: MetricDef) -> tuple[tuple[str, float | None], ...]:
        """Per channel or segment values, in the order the pack declares them."""
        if metric.breakdown is None:
            return ()
        try:
            if metric.type == "simple":
                values: dict[str, float | None] = dict(self.measure(metric.measure, metric.breakdown))  # type: ignore[arg-type]
            else:
                numerators, denominators = self._ratio_terms(metric, metric.breakdown)
                assert isinstance(numerators, dict) and isinstance(denominators, dict)
                values = {key: (numerators.get(key, 0.0) / den if den else None) for key, den in denominators.items()}
        except Unavailable:
            return ()
        order = self._order(metric.breakdown)
        return tuple(sorted(values.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))

    def _order(self, by: str) -> dict[str, int]:
        names = self.pack.config.channels if by == "channel" else (self.pack.config.segments or [])
        return {name: i for i, name in enumerate(names)}


def _column(measure_name: str | None) -> str:
    """Funnel measures are named after their column, but for `won` (the `customers` column)."""
    return "customers" if measure_name == "won" else str(measure_name)


def _change(metric: MetricDef, value: float | None, prior: float | None) -> float | None:
    if value is None or prior is None:
        return None
    if metric.is_rate:
        return value - prior
    if prior == 0:
        return None
    return (value - prior) / abs(prior)


def compute_metrics(
    pack: PackInputs, period: Period, catalogue: Catalogue | None = None, with_prior: bool = True
) -> MetricSet:
    """Every catalogue metric for `period`, with its prior-period value and the change between them."""
    catalogue = catalogue or load_catalogue()
    current = Evaluation(pack, period, catalogue)
    previous = Evaluation(pack, period.prior(), catalogue) if with_prior else None
    results: dict[str, MetricResult] = {}
    for metric in catalogue.metrics.values():
        value, reason = current.evaluate(metric.id)
        prior = previous.evaluate(metric.id)[0] if previous is not None else None
        results[metric.id] = MetricResult(
            id=metric.id,
            unit=metric.unit,
            value=value,
            reason=reason,
            prior=prior,
            change=_change(metric, value, prior),
            breakdown_by=metric.breakdown,
            breakdown=current.breakdown(metric),
        )
    return MetricSet(period=period, prior_period=period.prior(), currency=pack.config.currency, results=results)


def compute_history(
    pack: PackInputs, period: Period, count: int, metric_ids: list[str]
) -> dict[str, list[float | None]]:
    """Values of a few metrics over the `count` periods ending with `period`, for trend charts."""
    catalogue = load_catalogue()
    series: dict[str, list[float | None]] = {m: [] for m in metric_ids}
    for step in period.history(count):
        evaluation = Evaluation(pack, step, catalogue)
        for metric_id in metric_ids:
            series[metric_id].append(evaluation.evaluate(metric_id)[0])
    return series
