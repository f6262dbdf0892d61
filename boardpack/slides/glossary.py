"""The appendix's glossary: the definition of every figure the deck shows, with its benchmark and source.

Grouped under the sections the slides follow, so a board member finds a figure where its slide is; the stage
conversions, which share one definition, are one entry naming each stage and its benchmark.
"""

from __future__ import annotations

from typing import Any

from boardpack.metrics.figures import BRIDGE
from boardpack.slides.base import declared_metrics
from boardpack.slides.conventions import LTV_METHODS
from boardpack.slides.result import DeckResult
from boardpack.slides.revenue import FX_ONLY
from boardpack.slides.views import MetricView


def shown_metrics(result: DeckResult) -> set[str] | None:
    """The metrics the deck's slides show: those its slides declare, the tiles and, with the scorecard, every
    judged metric. None when slides are built one by one, without a deck: then every metric with a value."""
    if not result.order:
        return None
    shown = declared_metrics(result.order, result.theme_slides)
    shown |= {metric_id for metric_id, metric in result.catalogue.metrics.items() if metric.tile}
    if "scorecard" in result.order:
        shown |= {v.id for v in result.views.values() if v.status}
    if "revenue" in result.order:  # the MRR bridge draws each movement
        shown |= {metric_id for metric_id, _, _ in BRIDGE}
    if result.figures.fx is None:  # figures with and without exchange rates are one and the same, and not shown
        shown -= set(FX_ONLY)
    return shown


def _benchmark(result: DeckResult, view: MetricView) -> str:
    if not view.benchmark_display:
        return ""
    text = result.t("Benchmark {value}: {source}").format(value=view.benchmark_display, source=view.benchmark_source)
    return f"{text}; {view.benchmark_note}" if view.benchmark_note else text


def _stages(result: DeckResult, views: list[MetricView]) -> dict[str, str]:
    """One entry for the stage conversions: their names, their shared definition, each benchmark by its stage."""
    t = result.t
    sources: dict[str, list[str]] = {}
    for view in views:
        if view.benchmark_display:
            note = f" ({view.benchmark_note})" if view.benchmark_note else ""
            sources.setdefault(view.benchmark_source, []).append(f"{view.label} {view.benchmark_display}{note}")
    benchmarks = " ".join(
        t("Benchmarks from {source}: {values}.").format(source=source, values="; ".join(values))
        for source, values in sources.items()
    )
    formula = t(
        "{stages}: the entries into the later stage during the period divided by the entries into the earlier one "
        "during the same period, over the channels that track both."
    ).format(stages=", ".join(view.label for view in views))
    return {"id": "stage_conversions", "label": t("Stage conversions"), "formula": formula, "benchmark": benchmarks}


def pack_choices(result: DeckResult) -> dict[str, str]:
    """Definitions that depend on the pack's settings, stated as the pack set them: the LTV method with its gross
    margin, the spend lag of CAC with spend lag."""
    t, config = result.t, result.config
    ltv = [t("Computed as %(method)s.") % {"method": t(LTV_METHODS[config.ltv_method])}]
    if config.gross_margin is not None:
        ltv.append(t("Gross margin: %(margin)s.") % {"margin": result.fmt.percent(config.gross_margin, 0)})
    ltv.append(t("Monthly churn is the period's churn rate turned into its monthly equivalent."))
    lag = t.ngettext(
        "Marketing and sales spend of a window as long, %(num)s month earlier, divided by the new customers of the "
        "period.",
        "Marketing and sales spend of a window as long, %(num)s months earlier, divided by the new customers of the "
        "period.",
        config.cac_lag_months,
    ) % {"num": config.cac_lag_months}
    return {"ltv": " ".join(ltv), "cac_lagged": lag}


def definitions(result: DeckResult) -> list[dict[str, Any]]:
    """The definitions of the metrics the deck shows, section by section, in the catalogue's order."""
    from boardpack.slides.appendix import plain  # the appendix imports this module

    t, views, shown = result.t, result.views, shown_metrics(result)
    choices = pack_choices(result)
    defined = [
        m for m in result.catalogue.metrics.values() if views[m.id].available and (shown is None or m.id in shown)
    ]
    stages = [views[m.id] for m in defined if m.stage]  # one entry, where the first of them stands
    groups: dict[str, list[dict[str, str]]] = {}
    for metric in defined:
        view, entries = views[metric.id], groups.setdefault(metric.section, [])
        if metric.stage:
            if view is stages[0]:
                entries.append(_stages(result, stages))
            continue
        formula = choices.get(metric.id) or plain(t(metric.formula))
        entries.append(
            {"id": metric.id, "label": view.label, "formula": formula, "benchmark": _benchmark(result, view)}
        )
    sections = list(result.catalogue.sections)
    ordered = sorted(groups.items(), key=lambda item: sections.index(item[0]) if item[0] in sections else len(sections))
    return [
        {"title": t(result.catalogue.sections[section].title) if section in sections else section, "metrics": entries}
        for section, entries in ordered
    ]
