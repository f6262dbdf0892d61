"""Website traffic: sessions over the trend periods, trade-show conversion, the traffic figures."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.trends import trend_bars

FIGURES = (
    "sessions",
    "users",
    "pageviews",
    "pages_per_session",
    "avg_session_duration",
    "bounce_rate",
    "visitor_growth",
    "event_visitor_to_lead",
)


@slide("traffic", any_of=("traffic", "events"), section="traffic", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    charts = trend_bars(result, "sessions_trend", "sessions", result.room("traffic", (6.2, 3.6)))
    return result.slide("traffic", figures=result.available(*FIGURES), charts=charts)
