"""How each target of boardpack.yaml is read: over which period, and what that is for the deck's period.

A bare number means one thing whatever period a deck covers, or a monthly and a quarterly deck of the
same company would judge it differently: a rate or a flow is read per year (as published rates and
budgets are), a point in time or a ratio has no period. `validate` prints each reading, so a lead sees
"5.0% a year; for 2026-Q3 that is 1.3% a quarter" before the board does.
"""

from __future__ import annotations

from collections.abc import Callable

from boardpack.formatting import metric_value
from boardpack.i18n import N_, Translator
from boardpack.inputs.config import PackConfig
from boardpack.inputs.report import ValidationReport
from boardpack.metrics.basis import MONTHS, PER_PHRASES, TIMED, convert
from boardpack.metrics.catalogue import Catalogue
from boardpack.periods import Period

_UNTIMED = {
    "point": N_(
        "'per: {per}' does not fit {metric}, a point in time (its value at the period's end); "
        "expected the target as a plain number"
    ),
    "ratio": N_(
        "'per: {per}' does not fit {metric}, a ratio with no time basis; expected the target as a plain number"
    ),
}
_TWICE = N_("{metric} is {other} on another basis, and one target judges both; expected a target for one of them")
_READ = {
    "written": N_("{label}: target {target}, as written"),
    "rate": N_("{label}: target {target} (a rate written without a basis is read per year, as published rates are)"),
    "flow": N_("{label}: target {target} (a flow written without a basis is read per year, prorated to the period)"),
    "point": N_("{label}: target {target} at the period's end, compared as it is"),
    "ratio": N_("{label}: target {target}, a ratio with no time basis, compared as it is"),
}
_FOR_PERIOD = N_("{reading}; for {period} that is {equivalent}")


def check_targets(config: PackConfig, catalogue: Catalogue, report: ValidationReport) -> None:
    """A target that states a period for a metric that has none (`cac: {value: 4000, per: quarter}`) is a problem,
    and so are targets for two metrics that are one rate on two bases (customer churn and annual churn)."""
    for metric_id, target in config.targets.items():
        metric = catalogue.metrics.get(metric_id)
        if metric is None:
            continue
        if metric.equivalent in config.targets:
            report.add(
                "boardpack.yaml", None, f"targets.{metric_id}", _TWICE, metric=metric_id, other=metric.equivalent
            )
        if target.per is None or metric.basis in TIMED:
            continue
        report.add(
            "boardpack.yaml", None, f"targets.{metric_id}.per", _UNTIMED[metric.basis], per=target.per, metric=metric_id
        )


def _shown(config: PackConfig, t: Translator) -> Callable[[float, str, str | None], str]:
    """Formats a target's value in the pack's locale, with the period it covers."""

    def shown(value: float, unit: str, per: str | None) -> str:
        text = metric_value(value, unit, config.currency, config.locale, t=t)
        return t(PER_PHRASES[per]).format(value=text) if per else text

    return shown


def target_readings(config: PackConfig, catalogue: Catalogue, period: Period | None, t: Translator) -> list[str]:
    """One sentence per target: the period it is read over and, for a rate or a flow, its value for `period`."""
    lines: list[str] = []
    shown = _shown(config, t)
    for metric_id, target in config.targets.items():
        metric = catalogue.metrics.get(metric_id)
        if metric is None:
            continue
        timed = metric.basis in TIMED
        per = (target.per or "year") if timed else None
        kind = "written" if target.per else metric.basis
        reading = t(_READ[kind]).format(label=t(metric.label), target=shown(target.value, metric.unit, per))
        if timed and period is not None and per != period.kind and metric.per is None:
            value = convert(target.value, metric.basis, metric.compounds, MONTHS[per or "year"], period.months_count)
            reading = t(_FOR_PERIOD).format(
                reading=reading, period=period.label, equivalent=shown(value, metric.unit, period.kind)
            )
        lines.append(reading)
    return lines
