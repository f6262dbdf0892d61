"""Trials and demos: conversion by demo type, requests and median days, and the cohort figures."""

from __future__ import annotations

from boardpack import formatting
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import CHART_ROWS, DeckResult
from boardpack.slides.room import HEADING, bars_height, table_height

FIGURES = ("trial_to_paid", "trial_engagement_rate", "trial_days_to_paid", "demo_to_paid", "demo_days_to_customer")


@slide("trials_demos", any_of=("trials", "demos"), section="trials_demos", metrics=FIGURES)
def build(result: DeckResult) -> SlideData | None:
    fmt = result.fmt
    if not result.available(*FIGURES):
        return None  # no trial or demo in the period: the appendix lists each figure with its reason
    by_type = result.metrics["demo_to_paid"].breakdown("demo_type")
    view = result.views["demo_to_paid"]
    ranks = {}
    if view.best.get("demo_type") and view.worst.get("demo_type"):
        ranks = {view.best["demo_type"]: "best", view.worst["demo_type"]: "worst"}
    # the chart, then the table of demo types under it in its column
    reserve = HEADING + table_height(len(by_type))
    size = result.fill("trials_demos", 5.6, reserve=reserve, most=bars_height(min(len(by_type), CHART_ROWS)))
    charts, captions = result.hbar("demo_by_type", size, by_type, "ratio", None, ranks)
    days = dict((k, d) for k, _, d in result.views["demo_days_to_customer"].breakdown.get("demo_type", ()))
    demos = result.figures.measure("demos_requested", "demo_type") or {}
    rows = [
        {
            "type": key,
            "requests": fmt.number(demos.get(key)),
            "conversion": fmt.percent(value),
            "days": days.get(key, result.t(formatting.NOT_AVAILABLE)),
        }
        for key, value in by_type.items()
    ]
    return result.slide(
        "trials_demos",
        figures=result.available(*FIGURES),
        tables={"demo_types": rows},
        charts=charts,
        captions=captions,
    )
