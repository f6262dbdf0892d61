"""Slides step: one module per slide, each `build(result) -> SlideData`, registered by id.

The pack's `slides:` list and its theme choose and order them (see `selection`); the renderers
turn the chosen slides' data into pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import load_catalogue
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep
from boardpack.slides import (  # noqa: F401  (each module registers its slide)
    acquisition_cost,
    appendix,
    at_risk,
    attribution,
    churn,
    cohorts,
    cost_and_engagement,
    cost_to_serve,
    cover,
    customer_health,
    engagement,
    forecast,
    funnel,
    next_steps,
    pipeline,
    restated,
    retention,
    revenue,
    revenue_trend,
    scorecard,
    summary,
    traffic,
    trials_demos,
    unit_economics,
)
from boardpack.slides.base import SLIDES, Slide, SlideData, slide
from boardpack.slides.result import DeckResult

# the deck when the pack names no slides: a slide whose tables the pack lacks is left out
DEFAULT_SLIDES = (
    "cover",
    "summary",
    "scorecard",
    "traffic",
    "funnel",
    "acquisition_cost",
    "revenue",
    "revenue_trend",
    "forecast",
    "retention",
    "churn",
    "cohorts",
    "unit_economics",
    "pipeline",
    "trials_demos",
    "customer_health",
    "at_risk",
    "cost_and_engagement",
    "attribution",
    "next_steps",
    "appendix",
    "restated",
)
# slides a pack may list (`slides:`) that the default deck shows paired on one page (slides/pair.py)
PAIRED_SLIDES = ("cost_to_serve", "engagement")


def deck_result(
    pack: PackInputs,
    metrics: MetricSet,
    today: date,
    steps: dict[str, list[NextStep]] | None = None,
    restatements: list[Any] | None = None,
    theme_slides: dict[str, Slide] | None = None,
    order: tuple[str, ...] = (),
) -> DeckResult:
    """What the slides are built from, for a period's judged metrics."""
    catalogue = load_catalogue()
    earlier = tuple(restatements or ())
    return DeckResult(pack, metrics, catalogue, today, steps or {}, earlier, theme_slides or {}, order)


def build_slides(result: DeckResult, order: tuple[str, ...] = DEFAULT_SLIDES) -> list[SlideData]:
    """The data of each slide in `order` that the pack can show, in that order."""
    built = []
    for slide_id in order:
        declared = result.declaration(slide_id)
        if declared.fits(result.pack) and (data := declared.build(result)) is not None:
            built.append(data)
    return built


__all__ = [
    "DEFAULT_SLIDES",
    "PAIRED_SLIDES",
    "SLIDES",
    "DeckResult",
    "Slide",
    "SlideData",
    "build_slides",
    "deck_result",
    "slide",
]
