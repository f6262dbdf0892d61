"""A chart's height is what its page leaves: the head and the band of next steps reckoned from their text."""

from __future__ import annotations

import pytest

from boardpack.api import load_pack
from boardpack.render.theme import resolve_look
from boardpack.slides.room import CONTENT_HEIGHT, SLACK, bars_height, chart_height, head_height, table_height
from boardpack.slides.steps import MIN_CHART_HEIGHT
from tests.conftest import ROOT, SAMPLE


def test_the_head_grows_with_its_lines() -> None:
    short = head_height("Retention · Are we keeping our customers?", "NRR fell to 96.6%", None)
    assert short == pytest.approx(0.3 + 0.19 + 0.31)
    # a title of 71 characters wraps to a second line, a summary sentence adds its own
    long = head_height("Retention · Are we keeping our customers?", "x" * 71, "A sentence under it.")
    assert long == pytest.approx(0.3 + 0.19 + 2 * 0.31 + 0.22)


def test_a_chart_takes_what_the_head_and_band_leave_capped_and_never_illegible() -> None:
    assert chart_height(1.0, 1.0) == (round(CONTENT_HEIGHT - 2.0 - SLACK, 2), True)  # 4.33 in: it fills
    assert chart_height(1.0, 1.0, reserve=0.5) == (round(CONTENT_HEIGHT - 2.5 - SLACK, 2), True)
    assert chart_height(1.0, 1.0, most=3.0) == (3.0, False)  # capped: another page does not stretch it
    assert chart_height(1.0, 4.0) == (MIN_CHART_HEIGHT, False)  # a long band: the legible minimum
    assert bars_height(3) == pytest.approx(0.6 + 3 * 0.75)
    assert table_height(3) == pytest.approx(4 * 0.23 + 0.1)


def test_a_filling_chart_takes_the_room_its_page_leaves() -> None:
    """On 16:9 the height is the one reckoned; on A4 the slide's text is 1/1.14 of its 16:9 height (set in print
    points), and the chart takes the rest of the page's 7.22 in, not 1.12 times its 16:9 height."""
    wide = resolve_look(load_pack(SAMPLE))
    assert wide.page_room(4.0) == pytest.approx(4.0, abs=0.01)
    a4 = resolve_look(load_pack(ROOT / "sample_data" / "harbor"))
    assert a4.page_height == pytest.approx(8.268)
    text = 11.693 / 13.333  # a 16:9 page printed on A4 landscape
    assert a4.page_room(4.0) == pytest.approx((8.268 - 1.05) - text * (CONTENT_HEIGHT - 4.0), abs=0.01)  # 5.07 in
    assert a4.page_room(4.0) > 4.0 * a4.chart_scale[1]  # more than scaling the 16:9 chart (4.48 in)
