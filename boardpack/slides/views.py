"""Metric views: the raw numbers of a result beside their text in the pack's locale.

Templates get both, so a theme can print `m.display` as is or format `m.value` its own way with the
filters; nothing in a view is computed here that the metrics engine did not already decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boardpack import formatting
from boardpack.i18n import N_, Translator, translator
from boardpack.metrics.basis import PER_PHRASES, THIS_PHRASES, TIMED
from boardpack.metrics.catalogue import Catalogue, MetricDef
from boardpack.metrics.result import Benchmark, MetricResult

STATUS_LABELS = {"on_target": N_("On target"), "watch": N_("Watch"), "off_target": N_("Off target")}
# words used as breakdown keys (health bands, NPS answers, cost components, stage steps)
# words that stand as values inside reasons ("{source} has no {kind} spend for {period}")
REASON_WORDS = (
    N_("visitors"),
    N_("revenue"),
    N_("followers"),
    N_("quarterly"),
    N_("monthly"),
    N_("yearly"),
    N_("marketing"),
    N_("sales"),
    N_("quotes"),
    N_("sals"),
    N_("contacts"),
    N_("customers"),
    N_("trial started in the period became paid"),
    N_("demo requested in the period became a customer"),
    N_("new customers"),
    N_("mrr start"),
    N_("customers start"),
    N_("won"),
    N_("leads"),
    N_("mqls"),
    N_("sqls"),
    N_("opportunities"),
    N_("lost mrr"),
    N_("pipeline created"),
    N_("pipeline target"),
    N_("trials started"),
    N_("demos requested"),
    N_("delivered"),
    N_("reach"),
    N_("booth visitors"),
    N_("sessions"),
    N_("channel"),
    N_("segment"),
)
KEY_WORDS = (
    N_("n/a"),
    N_("n/m"),
    N_("healthy"),
    N_("watch"),
    N_("at_risk"),
    N_("promoters"),
    N_("passives"),
    N_("detractors"),
    N_("new_mrr"),
)
# breakdown keys that are words of ours, not names from the pack's data
TRANSLATED_KEYS = {"band", "answers", "component", "stage", "unattributed"}
# breakdowns whose values are not in the metric's own unit
DIMENSION_UNITS = {
    "reason": "ratio",
    "reason_mrr": "ratio",
    "channel_customers": "number",
    "band": "count",
    "answers": "ratio",
    "segment_mrr_at_risk": "currency",
    "unattributed": "currency",
}


@dataclass(frozen=True)
class Fmt:
    """The pack's formatting options, bound once."""

    currency: str
    locale: str
    t: Translator = field(default_factory=lambda: translator("en"))

    def value(self, value: float | None, unit: str, short: bool = False) -> str:
        return formatting.metric_value(value, unit, self.currency, self.locale, short, self.t)

    def periods(self, text: str) -> str:
        """A reason or note written with canonical period labels, as the deck's reader says its periods."""
        return formatting.name_periods(text, self.t.language)

    def column(self, values: list[float | None], unit: str) -> list[str]:
        """Values shown together (a breakdown's column): amounts all with cents or all without, so `€72.48` never
        sits under `€799`."""
        digits = formatting.money_digits(values) if unit == "currency" else None
        return [self.money(v, digits) if unit == "currency" and v is not None else self.value(v, unit) for v in values]

    def money(self, value: float | None, digits: int | None = None) -> str:
        return formatting.money(value, self.currency, self.locale, digits)

    def money_short(self, value: float | None) -> str:
        return formatting.money_compact(value, self.currency, self.locale)

    def percent(self, value: float | None, digits: int = 1) -> str:
        return formatting.percent(value, self.locale, digits) if value is not None else self.t(formatting.NOT_AVAILABLE)

    def number(self, value: float | None, digits: int = 0) -> str:
        return formatting.number(value, self.locale, digits) if value is not None else self.t(formatting.NOT_AVAILABLE)

    def change(self, value: float | None, kind: str | None) -> str:
        return formatting.change(value, kind, self.locale, self.t)

    def benchmark(self, benchmark: Benchmark, unit: str, direction: str) -> str:
        """`≥ 3.0×`, `≤ 12.0 mo`, `2.0%–5.0%`, or `90.0%–93.0% a year` for a benchmark stated per period."""
        low = self.value(benchmark.low, unit) if benchmark.low is not None else None
        high = self.value(benchmark.high, unit) if benchmark.high is not None else None
        text = f"{low}–{high}" if low and high else f"≥ {low}" if low else f"≤ {high}" if high else ""
        return self.per(text, benchmark.basis) if text else ""

    def per(self, text: str, basis: str | None) -> str:
        """`5.0% a year` for a figure stated per month, quarter or year; anything else as it is."""
        return self.t(PER_PHRASES[basis]).format(value=text) if basis in PER_PHRASES else text

    def this(self, text: str, kind: str) -> str:
        """`9.0% this quarter`: a figure of the reported period."""
        return self.t(THIS_PHRASES[kind]).format(value=text)


@dataclass(frozen=True)
class MetricView:
    id: str
    label: str
    unit: str
    direction: str
    formula: str
    value: float | None
    display: str
    short: str
    prior: float | None
    prior_display: str
    change: float | None
    change_display: str
    year_ago: float | None
    year_ago_display: str
    change_good: bool | None
    target: float | None
    target_display: str
    target_short: str  # in the tile's style: as short as the tile's value
    status: str | None
    status_label: str
    status_basis: str | None
    basis_note: str  # the value on its own basis and on the one it was judged on: "9.0% this quarter, 31.4% a year"
    basis_value: str  # the value on the judged basis alone, beside a table's own value: "31.4% a year"
    benchmark_display: str
    benchmark_source: str
    benchmark_note: str
    reason: str | None
    breakdown: dict[str, tuple[tuple[str, float | None, str], ...]]
    best: dict[str, str]
    worst: dict[str, str]
    items: tuple[dict, ...]
    question: str | None
    indicator: str
    not_meaningful: bool = False

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def shown(self) -> bool:
        """Worth a row on its slide: a value, or a value that is not meaningful (shown as n/m)."""
        return self.available or self.not_meaningful


def _target_display(metric: MetricDef, result: MetricResult, fmt: Fmt, kind: str | None, short: bool = False) -> str:
    """The target as it was compared: a rate's with its basis, a flow's prorated to the period; `short` in a
    tile's style (€8.00M beside €7.86M, not €8,000,000)."""
    if result.target is None:
        return ""
    if metric.basis == "flow" and kind and result.compared_threshold is not None and result.target_per != kind:
        return fmt.this(fmt.value(result.compared_threshold, metric.unit, short), kind)
    return fmt.per(fmt.value(result.target, metric.unit, short), result.target_per)


def _basis_note(metric: MetricDef, result: MetricResult, fmt: Fmt, kind: str | None) -> tuple[str, str]:
    """Both figures when a rate was judged on another basis than its own, the tile must not hide the conversion:
    the value on its own basis and on the one it was judged on ("9.0% this quarter", "31.4% a year")."""
    own = metric.per or kind
    compared = result.compared_basis
    if metric.basis not in TIMED or own is None or compared is None or compared == own or result.value is None:
        return "", ""
    mine = fmt.value(result.value, metric.unit)
    mine = fmt.per(mine, metric.per) if metric.per else fmt.this(mine, own)
    return mine, fmt.per(fmt.value(result.compared_value, metric.unit), compared)


def _reason(result: MetricResult, fmt: Fmt) -> str | None:
    """Why a value is missing, in the deck's language and with its periods as the reader says them (the JSON
    keeps the English reason and the canonical labels)."""
    t = fmt.t
    if result.reason_template:
        return fmt.periods(t(result.reason_template).format(**{k: t(v) for k, v in result.reason_params}))
    return fmt.periods(result.reason) if result.reason else result.reason


def metric_view(metric: MetricDef, result: MetricResult, fmt: Fmt, period_kind: str | None = None) -> MetricView:
    """`period_kind` (month, quarter, year) lets targets, benchmarks and the basis note say what period they cover."""
    basis = _basis_note(metric, result, fmt, period_kind)
    t = fmt.t
    good: bool | None = None
    change_text = fmt.change(result.change, result.change_kind)
    if result.change is not None and not change_text.startswith("±") and metric.direction != "neutral":
        good = (result.change > 0) == (metric.direction == "higher")
    benchmark = result.benchmark
    display = t(formatting.NOT_MEANINGFUL) if result.not_meaningful else fmt.value(result.value, metric.unit)
    source = ""
    if benchmark is not None:
        source = t(benchmark.source) + (f", {benchmark.year}" if benchmark.year else "")  # descriptive ones translate
    return MetricView(
        id=metric.id,
        label=t(metric.label),
        unit=metric.unit,
        direction=metric.direction,
        formula=t(metric.formula),
        value=result.value,
        display=display,
        short=display if result.not_meaningful else fmt.value(result.value, metric.unit, short=True),
        prior=result.prior,
        prior_display=fmt.value(result.prior, metric.unit),
        change=result.change,
        change_display=change_text,
        change_good=good,
        year_ago=result.year_ago,
        year_ago_display=fmt.value(result.year_ago, metric.unit),
        target=result.target,
        target_display=_target_display(metric, result, fmt, period_kind),
        target_short=_target_display(metric, result, fmt, period_kind, short=True),
        status=result.status,
        status_label=t(STATUS_LABELS[result.status]) if result.status else "",
        status_basis=result.status_basis,
        basis_note=", ".join(x for x in basis if x),
        basis_value=basis[1],
        benchmark_display=fmt.benchmark(benchmark, metric.unit, metric.direction) if benchmark else "",
        benchmark_source=source,
        benchmark_note=t(benchmark.note) if benchmark else "",
        reason=_reason(result, fmt),
        breakdown={
            dimension: tuple(
                (t(key) if dimension in TRANSLATED_KEYS else key, value, text)
                for (key, value), text in zip(
                    values, fmt.column([v for _, v in values], DIMENSION_UNITS.get(dimension, metric.unit)), strict=True
                )
            )
            for dimension, values in result.breakdowns
        },
        best={d: r[0] for d, _ in result.breakdowns if (r := result.ranking(d, metric.direction))},
        worst={d: r[1] for d, _ in result.breakdowns if (r := result.ranking(d, metric.direction))},
        items=result.items,
        question=t(metric.question) if metric.question else None,
        indicator=metric.indicator,
        not_meaningful=result.not_meaningful,
    )


def judged_views(views: dict[str, MetricView], catalogue: Catalogue) -> list[MetricView]:
    """The figures with a status, once each: a rate restated on another basis (annual churn beside the period's
    churn) is the same figure, already judged on its line through its basis note, and is not counted twice."""
    judged = {metric_id: v for metric_id, v in views.items() if v.available and v.status}
    return [
        v
        for metric_id, v in judged.items()
        if (same := catalogue.metrics[metric_id].equivalent) is None or same not in judged
    ]
