"""Which next steps a slide shows: the most severe few, the rest on the page of all next steps.

A slide is one page, and a board reads a few actions beside a chart, not a list: each slide shows at most
`STEPS_PER_SLIDE`, the lead's own notes first (what the lead stands behind), then those answering a figure
off target, then on watch, then a figure that moved far the wrong way. None is lost: every step, shown
or not, is listed on the "All next steps" page before the appendix, and the slide says how many more
are there. The metrics JSON keeps every step of every section.
"""

from __future__ import annotations

from collections.abc import Iterable

from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep

STEPS_PER_SLIDE = 3
SEVERITY = {"off_target": 1, "watch": 2}  # then 3: a figure that moved far the wrong way, or none named
NOTE = 0


def severity(step: NextStep, metrics: MetricSet) -> int:
    """0 for the lead's note, 1 when a figure it answers is off target, 2 on watch, 3 otherwise."""
    if step.source == "note":
        return NOTE
    statuses = [metrics.results[m].status for m in step.answers if m in metrics.results]
    return min((SEVERITY.get(status or "", 3) for status in statuses), default=3)


def most_severe_first(steps: Iterable[NextStep], metrics: MetricSet) -> list[NextStep]:
    """The steps, most severe first; steps equally severe keep their order (the rules' order)."""
    return sorted(steps, key=lambda step: severity(step, metrics))


def on_slide(steps: Iterable[NextStep], metrics: MetricSet) -> tuple[list[NextStep], list[NextStep]]:
    """The steps a slide shows, and those only the page of all next steps lists."""
    ordered = most_severe_first(steps, metrics)
    return ordered[:STEPS_PER_SLIDE], ordered[STEPS_PER_SLIDE:]


# The band of next steps under a slide's columns, in inches of the 16:9 page: a line of 11-point text at full
# width holds about CHARS_PER_LINE characters (fewer of the wider ones in a bold impact, hence a margin).
LINE = 0.22  # 11rem at line-height 1.25 on the 16:9 page
CHARS_PER_LINE = 100  # about 105 fit on the 16:9 page and 98 on A4; words wrap whole
BAND_PADDING = 0.2  # the band's margin above it and its padding
SLACK = 0.0  # the room a slide leaves under its charts without next steps, which the band may take first
MIN_CHART_HEIGHT = 1.8


def band_height(steps: list[NextStep], more: bool) -> float:
    """How tall the band of these next steps prints, estimated from their length; 0 without steps."""
    if not steps:
        return 0.0
    lines = 0
    for step in steps:
        text = f"{step.text or step.html or ''} {step.impact or ''}"
        lines += -(-len(text) // CHARS_PER_LINE) + (1 if step.owner or step.due else 0)
    return BAND_PADDING + LINE * (lines + (1 if more else 0)) + 0.05 * len(steps)


def chart_room(size: tuple[float, float], steps: list[NextStep], more: bool) -> tuple[float, float]:
    """A chart's size on a slide with next steps: its height less the band they take, never below a legible one."""
    taken = max(0.0, band_height(steps, more) - SLACK)
    return size[0], round(max(min(size[1], MIN_CHART_HEIGHT), size[1] - taken), 2)
