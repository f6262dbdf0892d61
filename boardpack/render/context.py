"""What a slide template receives: the theme's interface (documented in the README).

Every template reads the deck's common values (`company`, `period`, `metrics.<id>`, `sections`,
`next_steps`, ...), `slide` (the SlideData it shows) and, as before slides had their own data,
`charts.<name>`, `captions.<name>`, `tables.<name>` and the names each slide adds (`summary_tiles`,
`scorecard`, `conventions`, ...) gathered from every slide of the deck.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from boardpack.charts import ChartSpec
from boardpack.notes.rules import Lookup
from boardpack.slides import DeckResult, SlideData
from boardpack.slides.common import common_values


@dataclass(frozen=True)
class ChartRef:
    """Where a slide finds a chart, and the size it was drawn at (inches), so it is never rescaled."""

    src: str
    width: float
    height: float
    name: str = ""  # the chart's name: its caption is `captions[name]`
    alt: str = ""  # the figures it plots, in words (`ChartSpec.alt`)


def sized(
    spec: ChartSpec, scale: float | tuple[float, float], room: Callable[[float], float] | None = None
) -> ChartSpec:
    """The chart at the page's size: specs are made for the 16:9 page; `scale` is one factor or (width, height);
    a chart that fills its slide takes `room` of its height, what the page leaves (`Look.page_room`)."""
    across, down = scale if isinstance(scale, tuple) else (scale, scale)
    height = room(spec.height) if spec.fills and room is not None else round(spec.height * down, 2)
    return replace(spec, width=round(spec.width * across, 2), height=height)


def template_values(
    result: DeckResult,
    slides: list[SlideData],
    scale: float | tuple[float, float],
    room: Callable[[float], float] | None = None,
) -> tuple[dict[str, Any], list[ChartSpec]]:
    """The templates' values for these slides, and the charts to draw for them at the page's size."""
    charts = [sized(spec, scale, room) for data in slides for spec in data.charts]
    values = common_values(result)
    for data in slides:
        values.update(data.values)
    values.update(
        slides=slides,
        charts=Lookup(
            {
                spec.name: ChartRef(f"charts/{spec.name}.svg", spec.width, spec.height, spec.name, spec.alt)
                for spec in charts
            }
        ),
        captions=Lookup({k: v for data in slides for k, v in data.captions.items()}),
        tables=Lookup({k: v for data in slides for k, v in data.tables.items()}),
    )
    return values, charts
