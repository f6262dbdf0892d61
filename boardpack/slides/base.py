"""A slide: its declaration (what it needs, where it sits) and the data it gives a renderer.

`SlideData` is renderer-independent: formatted text, numbers, metric views, chart specs that the
charts package draws, tables as rows of formatted cells. HTML is one renderer of it; nothing here
may assume HTML, so a PowerPoint writer can read the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardpack.charts import ChartSpec
from boardpack.inputs.pack import PackInputs
from boardpack.notes.rules import NextStep
from boardpack.slides.views import MetricView

if TYPE_CHECKING:
    from boardpack.slides.result import DeckResult


@dataclass(frozen=True)
class SlideData:
    """What one slide shows. `values` holds the names a slide's template reads beyond the common ones.

    `title`, `kicker` (the topic above a finding title), `summary` (sentences) and `next_steps` are
    filled for every slide, so a renderer can lay out any slide without knowing its template.
    """

    id: str
    section: str | None = None
    title: str = ""
    kicker: str = ""
    question: str | None = None
    summary: tuple[str, ...] = ()
    tiles: tuple[MetricView, ...] = ()
    figures: tuple[MetricView, ...] = ()
    tables: dict[str, Any] = field(default_factory=dict)
    charts: tuple[ChartSpec, ...] = ()
    captions: dict[str, str] = field(default_factory=dict)
    next_steps: tuple[NextStep, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"slides/{self.id}.html.j2"

    def __str__(self) -> str:
        """The id, so a theme's `{% include "slides/" ~ slide ~ ".html.j2" %}` keeps working."""
        return self.id


Builder = Callable[["DeckResult"], "SlideData | None"]


@dataclass(frozen=True)
class Slide:
    """A slide's declaration: tables it needs (all of `needs`, one of `any_of`), the metrics it shows.

    A slide whose tables the pack lacks is left out here, by declaration; `build` may still return
    None when the period gives it nothing to show (no customer at risk, nothing restated).
    """

    id: str
    build: Builder
    needs: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    derived: str | None = None  # computed from a raw export (cohorts come from the billing ledger)
    section: str | None = None
    metrics: tuple[str, ...] = ()
    title: str | None = None  # a message id; the section's title when None
    question: str | None = None  # a message id; the section's question when None
    provides: tuple[str, ...] = ()  # names its data adds to every template's values (`summary_tiles`, ...)
    either: tuple[str, ...] = ()  # a paired slide (slides/pair.py): shown while one of these slides fits

    def fits(self, pack: PackInputs) -> bool:
        """Whether the pack has the tables the slide needs."""
        if self.either:
            return any(SLIDES[slide_id].fits(pack) for slide_id in self.either)
        return (
            all(pack.has(t) for t in self.needs)
            and (not self.any_of or any(pack.has(t) for t in self.any_of))
            and (self.derived is None or bool(pack.derived.get(self.derived)))
        )


SLIDES: dict[str, Slide] = {}


def slide(
    slide_id: str,
    *,
    needs: tuple[str, ...] = (),
    any_of: tuple[str, ...] = (),
    derived: str | None = None,
    section: str | None = None,
    metrics: tuple[str, ...] = (),
    title: str | None = None,
    question: str | None = None,
    provides: tuple[str, ...] = (),
    either: tuple[str, ...] = (),
) -> Callable[[Builder], Builder]:
    """Register a slide's `build` function under its id, with its declaration."""

    def register(build: Builder) -> Builder:
        SLIDES[slide_id] = Slide(
            slide_id, build, needs, any_of, derived, section, metrics, title, question, provides=provides, either=either
        )
        return build

    return register


def provided_by() -> dict[str, str]:
    """Which slide gives each name a template may read beyond the common values, by name."""
    return {name: slide_id for slide_id, declared in SLIDES.items() for name in declared.provides}


def declared_metrics(order: tuple[str, ...], theme_slides: dict[str, Slide]) -> set[str]:
    """The metrics the slides of `order` declare they show (boardpack's, or those a theme adds); the scorecard's
    judged metrics and the summary's tiles are the callers' to add, as each counts them its own way."""
    declared = {**SLIDES, **theme_slides}
    return {m for slide_id in order if slide_id in declared for m in declared[slide_id].metrics}
