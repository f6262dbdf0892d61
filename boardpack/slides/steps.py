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
