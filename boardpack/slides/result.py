"""What a slide is built from: the period's judged result, worded in the pack's language and locale.

Slides read figures here and format them; they never compute one. Chart specs are made at the size
they have on the 16:9 page; the renderer scales them to its page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from boardpack import formatting
from boardpack.charts import Axis, ChartSpec
from boardpack.i18n import Translator, translator
from boardpack.inputs.config import PackConfig
from boardpack.inputs.pack import PackInputs
from boardpack.judge.titles import DeckWriter
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.figures import Figures
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep
from boardpack.periods import Period
from boardpack.slides.base import SLIDES, Slide, SlideData
from boardpack.slides.room import Room, chart_height, head_height
from boardpack.slides.steps import band_height, chart_room, on_slide
from boardpack.slides.views import Fmt, MetricView, metric_view

CHART_ROWS = 12  # categories a bar chart can label legibly
TABLE_ROWS = 12  # rows a table beside a chart can hold; longer tables get a page of their own
AXIS_UNITS = ("currency", "ratio", "multiple", "count")
OVER_PERIODS = ("trend_bars", "lines", "stacked_bars")  # chart kinds that draw a trend across `periods`


def is_trend(spec: ChartSpec) -> bool:
    """Whether a chart shows a trend: one over two periods or more. One bar or one point is not a trend, and
    its milestones would mark nothing; the slide shows its figures without it."""
    return spec.kind not in OVER_PERIODS or len(spec.data.get("periods", ())) >= 2


@dataclass(frozen=True)
class DeckResult:
    """The period's metrics (judged, with their figures), next steps and restatements, for the slides."""

    pack: PackInputs
    metrics: MetricSet
    catalogue: Catalogue
    today: date
    steps: dict[str, list[NextStep]] = field(default_factory=dict)
    restated: tuple[Any, ...] = ()
    theme_slides: dict[str, Slide] = field(default_factory=dict)  # slides the theme adds, by id
    order: tuple[str, ...] = ()  # the deck's slide ids; empty when a caller builds slides one by one

    def declaration(self, slide_id: str) -> Slide:
        """What the slide declares: one of boardpack's, or one the theme adds."""
        return self.theme_slides.get(slide_id) or SLIDES[slide_id]

    @property
    def config(self) -> PackConfig:
        return self.pack.config

    @cached_property
    def slide_steps(self) -> dict[str, tuple[list[NextStep], list[NextStep]]]:
        """Each section's next steps as its slide shows them (the most severe few) and those it leaves to
        the page of all next steps."""
        return {section: on_slide(steps, self.metrics) for section, steps in self.steps.items()}

    def room(self, section: str, size: tuple[float, float]) -> tuple[float, float]:
        """A chart's size on the section's slide, less the height of the band of next steps under it."""
        shown, rest = self.slide_steps.get(section, ([], []))
        return chart_room(size, shown, bool(rest))

    def fill(
        self,
        slide_id: str,
        width: float,
        reserve: float = 0.0,
        most: float | None = None,
        words: tuple[str, str | None] | None = None,
    ) -> Room:
        """A chart's size on the slide: `width`, and the height the page leaves under the slide's head and above
        its next steps, less `reserve` (other blocks in the chart's column), at most `most` (slides/room.py).
        `words` are the title and first summary sentence when the slide writes its own."""
        declared = self.declaration(slide_id)
        section = declared.section
        topic = self.t(declared.title) if declared.title else self.t(self.catalogue.sections[section].title)
        question = declared.question or (self.catalogue.sections[section].question if section else None)
        if words is None:
            written = self.writer.slide(slide_id, topic)
            words = (written.title.text, written.summary[0].text if written.summary else None)
        head = head_height(f"{topic} · {self.t(question) if question else ''}", *words)
        shown, rest = self.slide_steps.get(section or "", ([], []))
        return Room(width, *chart_height(head, band_height(shown, bool(rest)), reserve, most))

    @cached_property
    def t(self) -> Translator:
        return translator(self.config.language)

    @cached_property
    def fmt(self) -> Fmt:
        return Fmt(self.config.currency, self.config.locale, self.t)

    @cached_property
    def views(self) -> dict[str, MetricView]:
        """Every metric's view, by id: one object per metric, whichever slides show it."""
        return {
            metric_id: metric_view(self.catalogue.metrics[metric_id], result, self.fmt, self.metrics.period.kind)
            for metric_id, result in self.metrics.results.items()
        }

    @cached_property
    def writer(self) -> DeckWriter:
        """The slides' titles and summaries, written once each from the findings and the lead's notes."""
        from boardpack.slides.wording import deck_writer

        return deck_writer(self)

    @property
    def figures(self) -> Figures:
        assert self.metrics.figures is not None, "the metrics were computed without their figures"
        return self.metrics.figures

    def period_names(self, periods: Iterable[Period]) -> list[str]:
        """Periods as the deck's reader says them (`Q3 2026`, `sept. 2026`), for chart axes and headings."""
        return [formatting.period_name(p, self.config.language) for p in periods]

    def available(self, *metric_ids: str) -> tuple[MetricView, ...]:
        """The views of the metrics that have a value, in the order given."""
        return tuple(self.views[m] for m in metric_ids if self.views[m].available)

    def chart(
        self, kind: str, name: str, size: tuple[float, float], data: dict[str, Any], unit: str = "count"
    ) -> ChartSpec:
        from boardpack.slides.alt import alt_text

        axis = Axis(unit if unit in AXIS_UNITS else "count", self.config.currency, self.config.locale)
        alt = alt_text(kind, data, lambda v: self.fmt.value(v, unit, short=True))
        fills = isinstance(size, Room) and size.fills
        return ChartSpec(kind, name, size[0], size[1], data=data, axis=axis, alt=alt, fills=fills)

    def hbar(
        self,
        name: str,
        size: tuple[float, float],
        values: dict[str, float | None],
        unit: str,
        reference: dict[str, Any] | None = None,
        ranks: dict[str, str] | None = None,
    ) -> tuple[tuple[ChartSpec, ...], dict[str, str]]:
        """A horizontal bar chart of one breakdown, largest first, skipping keys without a value.

        Beyond CHART_ROWS categories the bars would be too thin to label: the largest and smallest
        halves are drawn, and the chart's caption says how many were left out. Returns the chart (none
        when there is nothing to draw) and the captions by chart name.
        """
        pairs = [(k, v) for k, v in values.items() if v is not None]
        if not pairs:
            return (), {}
        pairs.sort(key=lambda kv: -kv[1])
        captions = {}
        if len(pairs) > CHART_ROWS:
            half = CHART_ROWS // 2
            captions[name] = self.t("The {half} highest and {half} lowest of {count}; all are in the table.").format(
                half=half, count=len(pairs)
            )
            pairs = pairs[:half] + pairs[-half:]
        data = {
            "categories": [k for k, _ in pairs],
            "values": [v for _, v in pairs],
            # one style with the axis: K or M for all (never `€164,160` beside a `€50K` tick), cents as in a column
            "value_labels": formatting.series([v for _, v in pairs], unit, self.config.currency, self.config.locale)
            if unit in ("currency", "count")
            else [self.fmt.value(v, unit) for _, v in pairs],
            "highlight": ranks or {},
            "reference": reference,
        }
        return (self.chart("hbar", name, size, data, unit),), captions

    def slide(self, slide_id: str, **content: Any) -> SlideData:
        """The slide's data with what every slide carries: its finding as title, its topic as kicker, its
        summary sentences, question and next steps."""
        declared = self.declaration(slide_id)
        section = declared.section
        sections = self.catalogue.sections
        topic = self.t(declared.title) if declared.title else self.t(sections[section].title) if section else ""
        question = declared.question or (sections[section].question if section else None)
        steps = tuple(self.slide_steps.get(section, ([], []))[0]) if section else ()
        words = self.writer.slide(slide_id, topic)
        data = SlideData(
            slide_id,
            section,
            words.title.text,
            topic,
            self.t(question) if question else None,
            summary=tuple(s.text for s in words.summary),
            next_steps=steps,
        )
        if "charts" in content:
            content["charts"] = tuple(spec for spec in content["charts"] if is_trend(spec))
        return replace(data, **content)
