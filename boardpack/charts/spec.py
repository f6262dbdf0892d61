"""What a chart shows, as plain data: the render step builds these, the chart kinds draw them.

Specs hold numbers and already-formatted labels, never matplotlib objects, so they can cross into a
worker process and be drawn in parallel with the rest of the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Axis:
    """How a value axis prints its ticks, in the pack's locale."""

    unit: str = "count"  # a catalogue unit: currency, ratio, count, multiple, months
    currency: str = "EUR"
    locale: str = "en_US"


@dataclass(frozen=True)
class ChartSpec:
    """One chart. A chart over periods (`trend_bars`, `lines`, `stacked_bars`) may carry `milestones` in
    `data`: [{"index": position among `periods`, "label": short text}], marked by `charts/marks.py`."""

    kind: str
    name: str
    width: float  # inches
    height: float  # inches
    title: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    axis: Axis = field(default_factory=Axis)
    alt: str = ""  # the figures it plots, in words, for readers who cannot see it
    fills: bool = False  # its height is what its slide's page leaves (slides/room.py): another page gives its own


@dataclass(frozen=True)
class ChartTheme:
    """Colours and font the charts share with the slides (the brand tokens).

    Each colour has one meaning on every chart: `current` (the reported period, a total), `comparison`
    (earlier periods), `reference` (a target or benchmark line, always dashed and labelled), `positive` and
    `negative` (good and bad, always with a sign or a word beside them), and `series` for categories that
    have no order, checked to stay apart under colour-vision deficiency (`charts/colours.py`). The accent
    is left to the slides (next steps), so orange on a chart never means two things.

    `font_files` are registered with matplotlib, so a brand font loaded from the pack sets the charts'
    text metrics too; the SVG names the family and the slide's @font-face supplies the glyphs.
    """

    primary: str = "#1f3a5f"
    secondary: str = "#4a76a6"
    accent: str = "#e07a2f"
    text: str = "#1d2433"
    muted: str = "#6b7280"
    grid: str = "#e5e7eb"
    positive: str = "#1b7f4c"
    negative: str = "#c0392b"
    neutral: str = "#9aa5b1"
    watch: str = "#b8860b"
    background: str = "#ffffff"  # the slide under the chart (the SVG is transparent): text contrast is against it
    font_family: str = "DejaVu Sans"
    font_size: float = 12.0  # points on the page; the render step sets it so print stays readable
    font_files: tuple[str, ...] = ()

    @property
    def small(self) -> float:
        """The smallest text of a chart (milestones, heatmap cells): 9 pt when a 16:9 page prints on A4."""
        return round(self.font_size * 0.86, 1)

    @property
    def current(self) -> str:
        return self.primary

    @property
    def comparison(self) -> str:
        return self.neutral

    @property
    def reference(self) -> str:
        return self.text

    @property
    def series(self) -> list[str]:
        from boardpack.charts.colours import palette

        return list(palette((self.primary, self.secondary)))
