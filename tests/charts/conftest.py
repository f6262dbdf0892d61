"""The sample decks' charts, drawn once per test run and shared by the chart tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from boardpack.charts import ChartSpec, ChartTheme
from tests.conftest import ROOT, SAMPLE

HARBOR = ROOT / "sample_data" / "harbor"
# both page sizes, three languages (longer words), a quarter and a month
DECKS = [
    (SAMPLE, "2026-Q3", "en"),
    (SAMPLE, "2026-Q3", "fr"),
    (SAMPLE, "2026-Q3", "ro"),
    (HARBOR, "2026-Q3", "en"),
    (HARBOR, "2026-Q3", "fr"),
    (SAMPLE, "2026-09", "ro"),
]


def deck_slides(pack_dir: Path, period: str, language: str) -> tuple[list, ChartTheme, Any]:
    """The deck's slide data, its chart theme and its look (the charts' scale and room), without a PDF."""
    from boardpack.api import evaluate, load_pack, steps, with_language
    from boardpack.periods import parse_period
    from boardpack.render.deck import chosen_slides
    from boardpack.render.theme import resolve_look
    from boardpack.slides import build_slides, deck_result

    pack = with_language(load_pack(pack_dir), language)
    metrics = evaluate(pack, parse_period(period, pack.config.fiscal_year_start))
    look = resolve_look(pack)
    choice = chosen_slides(pack, look)
    result = deck_result(pack, metrics, metrics.period.last_day, steps(pack, metrics), [], choice.theme_slides)
    return build_slides(result, choice.order), look.chart_theme, look


def charts_of(pack_dir: Path, period: str, language: str) -> tuple[list[ChartSpec], ChartTheme]:
    """The deck's chart specs at its page's size, and its chart theme."""
    from boardpack.render.context import sized

    slides, theme, look = deck_slides(pack_dir, period, language)
    return [sized(spec, look.chart_scale, look.page_room) for data in slides for spec in data.charts], theme


@pytest.fixture(scope="session")
def drawn() -> list[tuple[str, ChartSpec, ChartTheme, object]]:
    """Every chart of the sample decks as a matplotlib figure (drawing, not the PDF, is what is tested)."""
    from boardpack.charts import figure_of

    figures = []
    for pack_dir, period, language in DECKS:
        specs, theme = charts_of(pack_dir, period, language)
        figures += [(f"{pack_dir.name} {period} {language}", s, theme, figure_of(s, theme)) for s in specs]
    return figures
