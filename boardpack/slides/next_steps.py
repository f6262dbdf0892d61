"""All next steps: every step of the deck on one list before the appendix, when a slide could not show them all.

A slide shows its most severe few (`slides/steps.py`); this page keeps the rest from being lost and gives
the board the whole list in one place, slide by slide, each with its figure, owner and due date.
"""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.pair import steps_left
from boardpack.slides.result import DeckResult
from boardpack.slides.steps import most_severe_first


@slide(
    "next_steps",
    title=N_("All next steps"),
    question=N_("Every next step of this deck, slide by slide, most severe first; each slide shows its first few."),
    provides=("all_steps",),
)
def build(result: DeckResult) -> SlideData | None:
    if not any(rest for _, rest in result.slide_steps.values()) and not steps_left(result):
        return None
    sections, metrics = result.catalogue.sections, result.catalogue.metrics
    rows = []
    for section in (key for key in sections if key in result.steps):
        topic = result.t(sections[section].title)
        for step in most_severe_first(result.steps[section], result.metrics):
            figure = result.views[step.metric].label if step.metric in metrics else topic
            rows.append({"topic": topic, "figure": figure, "step": step})
    return result.slide("next_steps", values={"all_steps": rows})
