"""Cost to serve: its components, and what it costs to keep a customer against revenue."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

FIGURES = ("cost_to_serve", "cost_to_serve_per_customer", "cost_to_serve_ratio", "revenue")


@slide("cost_to_serve", needs=("finance", "revenue"), section="cost_to_serve", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    components = result.metrics["cost_to_serve"].breakdown("component")
    values = {result.t(k): v for k, v in components.items()}
    charts, captions = result.hbar("cost_components", (5.4, 2.6), values, "currency")
    return result.slide("cost_to_serve", figures=result.available(*FIGURES), charts=charts, captions=captions)
