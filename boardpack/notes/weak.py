"""Weak figures, and the sentence a weak figure gets when no rule and no note speaks of it.

A figure is weak when its status is off target or on watch, or when it moved against its better
direction by more than `findings.adverse_change` (relative for amounts and counts, points for rates,
points of the score for scores). Every weak figure the deck shows gets a next step; the generic one
names the gap (in money for an amount, in months for a time, in points for a rate) and, when the
figure's change has drivers, the part that explains most of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.inputs.findings import AdverseChange
from boardpack.metrics.basis import PER_PHRASES
from boardpack.metrics.catalogue import Catalogue, MetricDef
from boardpack.metrics.result import MetricResult, MetricSet
from boardpack.notes.rules import NextStep

WEAK_STATUSES = ("off_target", "watch")
SCORECARD = "scorecard:"  # `scorecard:<id>` in a set of shown metrics: its status is on show, not its change


@dataclass(frozen=True)
class Weakness:
    """A figure that needs a next step, and why: its status, a large adverse change, or both."""

    metric: str
    status: str | None
    adverse: bool


def adverse_change(result: MetricResult, direction: str, limits: AdverseChange) -> bool:
    """Whether the change from the prior period goes against the better direction beyond the setting."""
    change = result.change
    if change is None or direction not in ("higher", "lower") or result.not_meaningful:
        return False
    worse = -change if direction == "higher" else change
    kind = "points" if result.unit == "ratio" else ("score" if result.unit == "score" else "relative")
    limit = {"points": limits.points, "score": limits.score, "relative": limits.relative}[kind]
    return worse >= limit


def weak_figures(
    metrics: MetricSet, catalogue: Catalogue, limits: AdverseChange, shown: Collection[str] | None = None
) -> list[Weakness]:
    """The figures shown that are off target, on watch or moved far the wrong way, in catalogue order."""
    found = []
    for metric_id, result in metrics.results.items():
        on_slide = shown is None or metric_id in shown
        if not result.available or not (on_slide or f"{SCORECARD}{metric_id}" in shown):
            continue
        direction = catalogue.metrics[metric_id].direction
        status = result.status if result.status in WEAK_STATUSES else None
        adverse = on_slide and adverse_change(result, direction, limits)
        if status or adverse:
            found.append(Weakness(metric_id, status, adverse))
    return found


class _Words:
    """Formatting of one metric's values in the deck's language."""

    def __init__(self, metric: MetricDef, currency: str, locale: str, t: Callable[[str], str]) -> None:
        self.metric, self.currency, self.locale, self.t = metric, currency, locale, t

    def value(self, value: float | None, basis: str | None = None) -> str:
        text = formatting.metric_value(value, self.metric.unit, self.currency, self.locale, t=self.t)
        return self.t(PER_PHRASES[basis]).format(value=text) if basis in PER_PHRASES else text

    def gap(self, value: float) -> str:
        """A distance between two values of the metric, without sign: €251, 2.5 months, 4.3 pts."""
        gap = abs(value)
        if self.metric.unit == "ratio":
            return formatting.number(gap * 100, self.locale, 1) + "\u00a0" + self.t("pts")
        if self.metric.unit == "currency":
            return formatting.money(gap, self.currency, self.locale, 0)
        return formatting.metric_value(gap, self.metric.unit, self.currency, self.locale, t=self.t)


def _driver(result: MetricResult, direction: str) -> tuple[str, float, str] | None:
    """(part, contribution, dimension) of the part explaining most of an adverse change, across dimensions;
    None when the figure improved (what explains an improvement does not explain a gap)."""
    best: tuple[str, float, str] | None = None
    change = result.change or 0.0
    if direction not in ("higher", "lower") or (change > 0) == (direction == "higher"):
        return None
    for drivers in result.drivers:
        main = drivers.main
        if main is None or (main.share is not None and main.share < 0.5):
            continue
        if best is None or abs(main.contribution) > abs(best[1]):
            best = (main.label, main.contribution, drivers.dimension)
    return best


OWNER_SENTENCE = N_("Name an owner to find the cause and set a date to close the gap.")


def generic_step(
    weakness: Weakness, result: MetricResult, metric: MetricDef, currency: str, locale: str, t: Callable[[str], str]
) -> NextStep:
    """The next step for a weak figure no rule speaks of: its gap, its driver, and a plan to close it."""
    words = _Words(metric, currency, locale, t)
    label = t(metric.label)
    figures: list[tuple[str, str]] = [(label, words.value(result.value))]
    sentences: list[str] = []
    value, threshold = result.compared_value, result.compared_threshold
    if weakness.status and value is not None and threshold is not None:
        basis = result.compared_basis
        gap = value - threshold
        against = result.status_basis or "target"
        if against == "target":
            template = N_("{label} is {value} against a target of {threshold}, {gap} short.")
            if gap > 0:
                template = N_("{label} is {value} against a target of {threshold}, {gap} over.")
        else:
            template = N_("{label} is {value} against the benchmark of {threshold}, {gap} short.")
            if gap > 0:
                template = N_("{label} is {value} against the benchmark of {threshold}, {gap} over.")
        sentences.append(
            t(template).format(
                label=label,
                value=words.value(value, basis),
                threshold=words.value(threshold, basis),
                gap=words.gap(gap),
            )
        )
        figures.append((t(N_("target")) if against == "target" else t(N_("benchmark")), words.value(threshold, basis)))
    if weakness.adverse and result.prior is not None:
        worse = metric.direction == "higher"
        template = N_("{label} fell from {prior} to {value}.") if worse else N_("{label} rose from {prior} to {value}.")
        if sentences:
            template = N_("It fell from {prior} to {value}.") if worse else N_("It rose from {prior} to {value}.")
        sentences.append(
            t(template).format(label=label, prior=words.value(result.prior), value=words.value(result.value))
        )
        figures.append((t(N_("prior period")), words.value(result.prior)))
    if weakness.status and not weakness.adverse and result.prior is not None:
        sentences.append(t(N_("It was {prior} the period before.")).format(prior=words.value(result.prior)))
    driver = _driver(result, metric.direction)
    if driver is not None:
        part, contribution, _dimension = driver
        part = t(part)
        sentences.append(
            t(
                N_("{part} explains most of the change ({contribution}): start there, and set a date to close the gap.")
            ).format(part=part, contribution=words.gap(contribution))
        )
        figures.append((t(N_("main driver")), part))
    else:
        sentences.append(t(OWNER_SENTENCE))
    return NextStep(
        metric.section,
        metric.id,
        " ".join(sentences),
        "generic",
        key=f"step.{metric.id}",
        figures=tuple(figures),
    )
