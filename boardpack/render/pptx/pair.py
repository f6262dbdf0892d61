"""The PowerPoint page of a paired slide: two slides' charts and figures as the halves of one page."""

from __future__ import annotations

from dataclasses import replace

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Page
from boardpack.render.pptx.pieces import Values, chart, figures, section, steps
from boardpack.slides import SlideData


def pair_page(t: Translator, slide: SlideData, v: Values) -> Page:
    """Two slides as the halves of one page (slides/pair.py): each half its figures under its topic, then its
    chart; the next steps of both under the second. One half alone is laid out as its own slide."""
    halves = slide.values["pair_halves"]
    if len(halves) == 1:
        half = halves[0]
        left = chart(slide, half.chart.name, half.heading, t) if half.chart else ()
        return section(t, slide, left, ((figures(half.figures),) if half.figures else ()) + steps(t, slide, v))
    # the figures above the chart: the chart takes the height they leave, so the column ends at the footer
    columns = [
        (
            *((replace(figures(half.figures), heading=half.topic),) if half.figures else ()),
            *(chart(slide, half.chart.name, half.heading, t) if half.chart else ()),
        )
        for half in halves
    ]
    return section(t, slide, columns[0], (*columns[1], *steps(t, slide, v)), split=0.5)
