"""Two thin slides as the two halves of one page, under a slide id of their own.

A slide whose one chart and few figures fill half a page (cost to serve, email and social engagement)
reads better beside another than alone on a page that is half blank. `pair` registers a slide built from
two existing slides' builders: each half keeps its topic as a subheading, its chart (redrawn to fill its
half) and its figures; the next steps of both sections share the band under them, the most severe few as on
any slide. When the pack has the data for one half only, that half fills the page alone, as its own slide
would; with neither, the slide is not shown. The two slides stay valid ids for a pack that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain

from boardpack.charts import ChartSpec
from boardpack.notes.rules import NextStep
from boardpack.slides.base import SLIDES, SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.steps import band_height, on_slide
from boardpack.slides.views import MetricView

# a chart's size on the 16:9 page, in inches, when the slide's words take the room they take in English
HALF_CHART = (5.9, 2.8)  # in one half of the page, its figures under it
ALONE_CHART = (6.0, 4.0)  # the one half shown: the chart on the left, its figures beside it
LEAST_HEIGHT = 1.3  # a half's chart of a few bars stays legible this high when the page is full
BAND_MARGIN = 1.25  # the band prints taller than `band_height` estimates (owner lines, spacing): room to spare
LINE = 0.3  # inches a line of the title, of the summary, of a half's heading or of a figure's label takes
TITLE_CHARS = 70  # characters of a finding title on one line beside the logo
SUMMARY_CHARS = 130  # of its summary sentence
HEADING_CHARS = 52  # of a half's topic and its chart heading side by side
LABEL_CHARS = 34  # of a figure's label in a half's table
LABEL_LINE = 0.17  # inches a second line of a figure's label takes

PAIRS: dict[str, tuple[str, str]] = {}  # a paired slide's id: the two slides it shows


@dataclass(frozen=True)
class Half:
    """One half of a paired slide: the slide it comes from, its topic, its chart with a heading, its figures."""

    id: str
    topic: str
    question: str | None
    heading: str
    chart: ChartSpec | None
    figures: tuple[MetricView, ...]


def _half(result: DeckResult, slide_id: str) -> SlideData | None:
    declared = SLIDES[slide_id]
    return declared.build(result) if declared.fits(result.pack) else None


def _steps(result: DeckResult, built: list[SlideData]) -> tuple[list[NextStep], list[NextStep]]:
    """The halves' next steps on one list, most severe first: those the band shows, and the rest."""
    sections = dict.fromkeys(data.section for data in built if data.section)
    return on_slide(chain.from_iterable(result.steps.get(s, []) for s in sections), result.metrics)


def steps_left(result: DeckResult) -> bool:
    """Whether a paired slide the pack can show leaves next steps to the page of all next steps."""
    for halves in PAIRS.values():
        sections = dict.fromkeys(SLIDES[h].section for h in halves if SLIDES[h].fits(result.pack))
        steps = chain.from_iterable(result.steps.get(s, []) for s in sections if s)
        if on_slide(steps, result.metrics)[1]:
            return True
    return False


def _taken(made: SlideData, halves: list[Half], shown: list[NextStep], more: bool) -> float:
    """Inches the charts give up to what prints longer than on the sample's English page: a finding title or
    summary on a second line, a half's topic and chart heading or a figure's label wrapped (French and Romanian
    words are longer), and the band of next steps. Estimated from the text's length, as `band_height` is."""
    lines = -(-len(made.title) // TITLE_CHARS) - 1
    lines += sum(-(-len(text) // SUMMARY_CHARS) - 1 for text in made.summary[:1])
    if len(halves) == 2:
        lines += any(len(h.topic) + len(h.heading) > HEADING_CHARS for h in halves)
        labels = max(sum(-(-len(m.label) // LABEL_CHARS) - 1 for m in h.figures) for h in halves)
        return LINE * lines + LABEL_LINE * labels + BAND_MARGIN * band_height(shown, more)
    return LINE * lines + BAND_MARGIN * band_height(shown, more)


def _build(result: DeckResult, pair_id: str, headings: dict[str, str]) -> SlideData | None:
    built = [data for data in (_half(result, h) for h in PAIRS[pair_id]) if data is not None]
    if not built:
        return None
    shown, rest = _steps(result, built)
    period = result.period_names([result.metrics.period])[0]
    halves = []
    for data in built:
        spec, heading = (data.charts[0] if data.charts else None), ""
        if spec is not None:
            heading = result.t(headings[spec.name]) % {"period": period}
            spec = replace(spec, name=f"{pair_id}-{spec.name}")
        halves.append(Half(data.id, data.kicker, data.question, heading, spec, data.figures))
    made = result.slide(pair_id, next_steps=tuple(shown))
    if len(halves) == 1:  # the half alone: its own topic and question above the slide's finding
        title = made.title if made.title != made.kicker else built[0].title
        made = replace(made, kicker=halves[0].topic, question=halves[0].question, title=title)
    width, height = HALF_CHART if len(halves) == 2 else ALONE_CHART
    height -= _taken(made, halves, shown, bool(rest))
    full = len(halves) == 2 and height < LEAST_HEIGHT  # a full page: the headings beside the topics make room
    if full:
        height += LINE * any(len(h.topic) + len(h.heading) > HEADING_CHARS for h in halves)
    height = round(max(LEAST_HEIGHT, height), 2)
    halves = [replace(h, chart=replace(h.chart, width=width, height=height)) if h.chart else h for h in halves]
    return replace(
        made,
        figures=tuple(chain.from_iterable(h.figures for h in halves)),
        charts=tuple(h.chart for h in halves if h.chart is not None),
        captions={f"{pair_id}-{name}": text for data in built for name, text in data.captions.items()},
        values={
            "pair_halves": tuple(halves),
            "pair_more_steps": len(rest),
            "pair_steps_left": tuple(rest),
            "pair_full": full,  # the charts' headings left to their alternative text
        },
    )


def pair(pair_id: str, halves: tuple[str, str], *, title: str, question: str, headings: dict[str, str]) -> None:
    """Register `pair_id` as the two slides `halves` side by side; `headings` names each chart (a message id,
    `%(period)s` for the deck's period). The slide is shown while either half fits the pack; `any_of` lists
    every table of both, the data sources its speaker notes name."""
    first, second = (SLIDES[h] for h in halves)
    PAIRS[pair_id] = halves
    slide(
        pair_id,
        any_of=tuple(dict.fromkeys((*first.needs, *first.any_of, *second.needs, *second.any_of))),
        either=halves,
        metrics=tuple(dict.fromkeys((*first.metrics, *second.metrics))),
        title=title,
        question=question,
    )(lambda result: _build(result, pair_id, headings))
