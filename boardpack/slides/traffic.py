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


EVENT_ROW = 0.21  # inches: one row of the events table under the chart


@slide("traffic", any_of=("traffic", "events"), section="traffic", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    events = result.metrics["event_visitor_to_lead"] if "event_visitor_to_lead" in result.metrics.results else None
    rows = len(events.breakdowns[0][1]) if events and events.available and events.breakdowns else 0
    height = 3.6 - EVENT_ROW * max(rows - 1, 0)  # the events table under the chart grows with the year's events
    charts = trend_bars(result, "sessions_trend", "sessions", result.room("traffic", (6.2, max(height, 2.0))))
    return result.slide("traffic", figures=result.available(*FIGURES), charts=charts)
