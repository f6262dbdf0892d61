"""Email and social engagement: reach by network, and the email and social figures."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

FIGURES = (
    "email_open_rate",
    "email_click_rate",
    "email_unsubscribe_rate",
    "social_reach",
    "social_engagement_rate",
    "follower_growth",
)


@slide("engagement", any_of=("email", "social"), section="engagement", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    reach = result.metrics["social_reach"].breakdown("network")
    charts, captions = result.hbar("social_reach", (5.4, 2.8), reach, "count")
    return result.slide("engagement", figures=result.available(*FIGURES), charts=charts, captions=captions)
