"""The parts of a metric in two periods, gathered for its drivers (the method is in `drivers.py`).

The catalogue says along which dimensions a metric's change is split (`drivers:`); this reads each
part's amount, or its numerator and denominator, from the evaluations of this period and the prior one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boardpack.metrics.drivers import UNASSIGNED, Drivers, Terms, shift_share, sum_drivers
from boardpack.metrics.measures import Unavailable

if TYPE_CHECKING:
    from boardpack.metrics.catalogue import DriverDef, MetricDef
    from boardpack.metrics.engine import Evaluation

_CENT = 0.005  # what is left over beyond the named parts below this is rounding, not a part


def _amounts(ev: Evaluation, metric: MetricDef, dimension: str, driver: DriverDef) -> dict[str, float]:
    """An amount's parts, with what the total has beyond them as UNASSIGNED."""
    total = float(ev.measure(str(metric.measure)))  # type: ignore[arg-type]
    if driver.parts:
        parts = {label: float(ev.measure(name)) for label, name in driver.parts.items()}  # type: ignore[arg-type]
    else:
        parts = dict(ev.measure(str(metric.measure), dimension))  # type: ignore[arg-type]
    rest = total - sum(parts.values())
    parts = parts if driver.parts else ev.ordered(dimension, parts)
    return parts | ({UNASSIGNED: rest} if abs(rest) > _CENT else {})


def _terms(ev: Evaluation, metric: MetricDef, dimension: str, driver: DriverDef) -> tuple[Terms, float]:
    """A ratio's parts as (numerator, denominator), with what the totals have beyond them as UNASSIGNED,
    and the denominator no part has (parts of the numerator against one target)."""
    if driver.parts:  # parts of the numerator against one denominator
        numerators = {label: float(ev.measure(name)) for label, name in driver.parts.items()}  # type: ignore[arg-type]
        denominators: dict[str, float] = {}
        total_n = float(ev.measure(str(metric.numerator)))  # type: ignore[arg-type]
        total_d = float(ev.measure(str(metric.denominator)))  # type: ignore[arg-type]
    elif driver.numerator or driver.denominator:
        numerator, denominator = driver.numerator or metric.numerator, driver.denominator or metric.denominator
        numerators = dict(ev.measure(str(numerator), dimension))  # type: ignore[arg-type]
        denominators = dict(ev.measure(str(denominator), dimension))  # type: ignore[arg-type]
        total_n = float(ev.measure(str(numerator)))  # type: ignore[arg-type]
        total_d = float(ev.measure(str(denominator)))  # type: ignore[arg-type]
    else:
        numerators, denominators = ev.ratio_terms(metric, dimension)  # type: ignore[assignment]
        total_n, total_d = (float(v) for v in ev.ratio_terms(metric, None))  # type: ignore[arg-type]
    keys = dict.fromkeys([*numerators, *denominators])
    keys = keys if driver.parts else ev.ordered(dimension, keys)  # named parts keep the catalogue's order
    terms = {key: (numerators.get(key, 0.0), denominators.get(key, 0.0)) for key in keys}
    base = total_d if driver.parts else 0.0
    rest = (total_n - sum(numerators.values()), total_d - base - sum(denominators.values()))
    if any(abs(r) > _CENT for r in rest):
        terms[UNASSIGNED] = rest
    return terms, base


def metric_drivers(metric: MetricDef, current: Evaluation, previous: Evaluation) -> tuple[Drivers, ...]:
    """The metric's change split along each dimension of its `drivers:`; none without both values."""
    value, prior = current.evaluate(metric.id).value, previous.evaluate(metric.id).value
    if value is None or prior is None:
        return ()
    found = []
    for dimension, driver in metric.drivers.items():
        try:
            if metric.type == "simple":
                then, now = (_amounts(ev, metric, dimension, driver) for ev in (previous, current))
                drivers: Drivers | None = sum_drivers(dimension, then, now, (prior, value))
            else:
                (then, base0), (now, base1) = (_terms(ev, metric, dimension, driver) for ev in (previous, current))
                drivers = shift_share(dimension, then, now, (prior, value), (base0, base1))
        except Unavailable:
            continue  # this dimension is not in the data for one of the periods
        # one part (a single segment) explains all of any change, and a pack without plans says nothing by plan
        if drivers is not None and len(drivers.parts) > 1 and any(p.label != UNASSIGNED for p in drivers.parts):
            found.append(drivers)
    return tuple(found)
