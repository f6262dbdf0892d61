"""Marketing-sourced pipeline: pipeline created by source against its target, over the trend periods."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.trends import milestone_marks

FIGURES = ("marketing_pipeline_share", "pipeline_attainment")


@slide("pipeline", needs=("pipeline",), section="pipeline", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    history, t = result.figures.history, result.t
    charts = ()
    if history.periods and history.shown("marketing_pipeline"):
        data = {
            "periods": result.period_names(history.periods),
            "series": [
                {"name": t("Marketing-sourced"), "values": list(history["marketing_pipeline"])},
                {"name": t("Sales-sourced"), "values": list(history["sales_pipeline"])},
                {"name": t("Other"), "values": list(history["other_pipeline"])},
            ],
            "targets": list(history["pipeline_target"]),
            "target_label": t("Target"),
            "milestones": milestone_marks(result),
        }
        charts = (result.chart("stacked_bars", "pipeline_trend", result.fill("pipeline", 7.5), data, "currency"),)
    return result.slide("pipeline", figures=result.available(*FIGURES), charts=charts)
