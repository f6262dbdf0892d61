"""What rules read beyond the figures themselves: thresholds, channel comparisons, every breakdown, counts.

A rule that names a segment, a plan or a channel must know how many customers, wins or demos stand
behind that name, so it can keep quiet (or say so) when they are too few, and it must draw its lines
where the company's settings or a sourced benchmark draw them, never at a number written in its text.
"""

from __future__ import annotations

from typing import Any

from boardpack.i18n import N_, translator
from boardpack.inputs.config import PackConfig
from boardpack.inputs.findings import FindingsSettings
from boardpack.inputs.health_settings import HealthSettings
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.result import MetricSet
from boardpack.notes.channels import channel_comparison
from boardpack.notes.thresholds import threshold_context

PER_PERIOD = {"month": N_("a month"), "quarter": N_("a quarter"), "year": N_("a year")}
THIS_PERIOD = {"month": N_("this month"), "quarter": N_("this quarter"), "year": N_("this year")}

# dimension -> the measure counting what stands behind each of its groups
OBSERVED = {"channel": "won", "demo_type": "demos_requested", "segment": "customers_end", "plan": "customers_end"}


def _split(metrics: MetricSet, catalogue: Catalogue) -> dict[str, Any]:
    """Every breakdown of every metric: `split.nrr.plan.by.Starter`, `split.nrr.plan.worst`."""
    from boardpack.notes.rules import Lookup

    found = Lookup()
    for metric_id, result in metrics.results.items():
        by_dimension = Lookup()
        for dimension, _values in result.breakdowns:
            ranked = result.ranking(dimension, catalogue.metrics[metric_id].direction)
            by_dimension[dimension] = Lookup(
                by=Lookup(result.breakdown(dimension)),
                best=ranked[0] if ranked else None,
                worst=ranked[1] if ranked else None,
            )
        if by_dimension:
            found[metric_id] = by_dimension
    return found


def _observations(metrics: MetricSet) -> dict[str, Any]:
    """How many wins, demos or customers stand behind each group: `observations.demo_type.Webinar`."""
    from boardpack.notes.rules import Lookup

    figures = metrics.figures
    found = Lookup()
    for dimension, measure in OBSERVED.items():
        counts = figures.measure(measure, dimension) if figures else None
        found[dimension] = Lookup({k: v for k, v in (counts or {}).items() if k})
    return found


def finding_context(
    metrics: MetricSet, catalogue: Catalogue, config: PackConfig | None, language: str = "en"
) -> dict[str, Any]:
    """`threshold`, `channels`, `split`, `observations`, `per_period` ("a quarter") and `this_period`."""
    findings = config.findings if config else FindingsSettings()
    health = config.health if config else HealthSettings()
    words = translator(language)
    kind = metrics.period.kind
    return {
        "threshold": threshold_context(findings, health),
        "channels": channel_comparison(metrics, findings),
        "split": _split(metrics, catalogue),
        "observations": _observations(metrics),
        "per_period": words(PER_PERIOD[kind]),
        "this_period": words(THIS_PERIOD[kind]),
        "per": {basis: words(phrase) for basis, phrase in PER_PERIOD.items()},
        "period_months": metrics.period.months_count,
        "period_kind": kind,
    }
