"""How tall a slide's chart may be: the page's height less the slide's head and its band of next steps.

A slide is reckoned on the 16:9 page; the renderer scales a chart drawn for it to its own page (an A4 page gets
taller charts, not a blank band). The head's height follows its text, known before the slide is laid out: the kicker
(topic and question), the finding as title and its first summary sentence, each wrapped at the line lengths below;
the band's follows its next steps (`steps.band_height`). A chart thus takes the height its page has left whatever
the language, rather than a fixed share that leaves the bottom third blank under a short title. Estimates err on the
tall side (the build warns when a slide spills onto a second page), and a chart never drops below a legible height.
"""

from __future__ import annotations

from typing import NamedTuple

from boardpack.slides.steps import MIN_CHART_HEIGHT

CONTENT_HEIGHT = 7.5 - 1.05  # the 16:9 page less its top and bottom margins (deck.css @page)
# (characters a line holds, line height in inches) on the 16:9 page, beside the logo: the kicker at 9.5rem, the
# title at 16rem bold, the summary sentence at 10.5rem
KICKER = (120, 0.19)
TITLE = (70, 0.31)
SUMMARY = (108, 0.22)
HEAD_SPACING = 0.3  # the head's padding, rule and margins, and the gap to the columns under it
SLACK = 0.12  # what layout rounding may add: a chart filling its room to the point would push the band over


def _lines(text: str, per_line: int) -> int:
    """Lines a text wraps to: words are kept whole, so a line holds a little less than its characters."""
    return -(-len(text) // per_line) if text else 0


def head_height(kicker: str, title: str, summary: str | None) -> float:
    """The slide head's height in inches of the 16:9 page (macros.html.j2 `head`)."""
    height = HEAD_SPACING + KICKER[1] * _lines(kicker, KICKER[0]) + TITLE[1] * _lines(title, TITLE[0])
    return height + (SUMMARY[1] * _lines(summary, SUMMARY[0]) if summary else 0.0)


class Room(NamedTuple):
    """A chart's size on the 16:9 page; `fills` when its height is all the page leaves (neither capped nor at the
    legible minimum), so that the renderer gives it all another page leaves too (render/theme.py `page_room`)."""

    width: float
    height: float
    fills: bool = False


def chart_height(head: float, band: float, reserve: float = 0.0, most: float | None = None) -> tuple[float, bool]:
    """The chart's height: what the page leaves under the head, above the band, less `reserve` (a heading above
    the chart, a note under it, in the same column), at most `most`, never below a legible height; and whether
    it fills the page's room."""
    room = CONTENT_HEIGHT - head - band - reserve - SLACK
    height = min(room, most) if most is not None else room
    return round(max(MIN_CHART_HEIGHT, height), 2), MIN_CHART_HEIGHT < room <= (most or room)


CHARS_PER_INCH = 14.0  # characters of 9rem text an inch of the 16:9 page holds (DejaVu Sans and the brand fonts)
LINE_HEIGHT = 1.35 * 1.14 / 72  # inches a line of 1rem text takes on the 16:9 page (deck.css line-height 1.35)


def text_height(text: str, width: float, size: float) -> float:
    """The height of a paragraph of `size` rem across `width` inches of the 16:9 page: a note under a chart."""
    per_line = max(1, int(width * CHARS_PER_INCH * 9 / size * 0.92))
    return _lines(text, per_line) * size * LINE_HEIGHT


HEADING = 0.32  # a heading above a chart in its column (deck.css h2: 12rem and its margin)
ROW = 0.23  # a row of a compact table (10rem and its padding)
BAR = 0.75  # inches of a horizontal bar chart's height per bar: thicker bars would fill paper, not inform
BAR_AXIS = 0.6  # the value axis under horizontal bars


def table_height(rows: int) -> float:
    """A compact table of `rows` rows under its header row."""
    return (rows + 1) * ROW + 0.1


def bars_height(count: int) -> float:
    """The most a horizontal bar chart of `count` bars needs."""
    return BAR_AXIS + BAR * count
