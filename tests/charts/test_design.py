"""Every chart of the sample decks, drawn as the deck draws it: no two texts overlap, bars start at zero or
show their break, series colours stay apart under colour-vision deficiency, at most eight series."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardpack.charts import ChartSpec, ChartTheme
from boardpack.charts.colours import MAX_SERIES, MIN_DISTANCE, closest_pair, distance, palette
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


def _charts(pack_dir: Path, period: str, language: str) -> tuple[list[ChartSpec], ChartTheme]:
    """The deck's chart specs at its page's size, and its chart theme, without laying out a PDF."""
    from boardpack.api import evaluate, load_pack, steps, with_language
    from boardpack.periods import parse_period
    from boardpack.render.context import sized
    from boardpack.render.deck import chosen_slides
    from boardpack.render.theme import resolve_look
    from boardpack.slides import build_slides, deck_result

    pack = with_language(load_pack(pack_dir), language)
    metrics = evaluate(pack, parse_period(period, pack.config.fiscal_year_start))
    look = resolve_look(pack)
    choice = chosen_slides(pack, look)
    result = deck_result(pack, metrics, metrics.period.last_day, steps(pack, metrics), [], choice.theme_slides)
    specs = [sized(spec, look.chart_scale) for data in build_slides(result, choice.order) for spec in data.charts]
    return specs, look.chart_theme


@pytest.fixture(scope="module")
def drawn() -> list[tuple[str, ChartSpec, ChartTheme, object]]:
    """Every chart of the three sample decks as a matplotlib figure (drawing, not the PDF, is what is tested)."""
    from boardpack.charts import figure_of

    figures = []
    for pack_dir, period, language in DECKS:
        specs, theme = _charts(pack_dir, period, language)
        figures += [(f"{pack_dir.name} {period} {language}", s, theme, figure_of(s, theme)) for s in specs]
    return figures


def test_the_sample_decks_have_charts_of_every_kind(drawn: list) -> None:
    kinds = {spec.kind for _, spec, _, _ in drawn}
    assert {"waterfall", "funnel", "trend_bars", "hbar", "lines", "stacked_bars", "grouped_hbar"} <= kinds


def test_no_chart_text_overlaps_another(drawn: list) -> None:
    from boardpack.charts.base import text_overlaps

    overlapping = [(deck, spec.name, pair) for deck, spec, _, fig in drawn for pair in text_overlaps(fig)]
    assert overlapping == []


def test_bars_start_at_zero_or_show_a_break(drawn: list) -> None:
    for deck, spec, _, fig in drawn:
        if spec.kind not in ("trend_bars", "stacked_bars", "waterfall"):
            continue
        ax = fig.axes[0]
        low = ax.get_ylim()[0]
        if spec.kind == "waterfall" and low > 0:
            assert len(ax.patches) > len(spec.data["steps"]), f"{deck} {spec.name}: no visible axis break"
        else:
            assert low == 0, f"{deck} {spec.name} starts at {low}"


def test_funnel_widths_are_linear(drawn: list) -> None:
    for _, spec, _, fig in drawn:
        if spec.kind == "funnel":
            widths = [bar.get_width() for bar in fig.axes[0].patches]
            values = spec.data["values"]
            assert widths[-1] / widths[0] == pytest.approx(max(values[-1] / values[0], 0.004), rel=1e-6)


def test_charts_have_at_most_eight_series(drawn: list) -> None:
    for deck, spec, _, _ in drawn:
        assert len(spec.data.get("series", [])) <= MAX_SERIES, f"{deck} {spec.name}"


def test_current_period_is_never_the_accent(drawn: list) -> None:
    """One meaning per colour: the accent marks next steps on the slides, not a bar of a chart."""
    from matplotlib.colors import to_hex

    for deck, spec, theme, fig in drawn:
        colours = {to_hex(p.get_facecolor()) for ax in fig.axes for p in ax.patches}
        assert theme.accent not in colours, f"{deck} {spec.name}"


@pytest.mark.parametrize(
    "brand",
    [("#1f3a5f", "#4a76a6"), ("#134e4a", "#14b8a6")],  # the default brand, Harbor Lane's
    ids=["default", "harbor"],
)
def test_series_colours_stay_apart_under_colour_vision_deficiency(brand: tuple[str, str]) -> None:
    colours = palette(brand)
    assert len(colours) >= 5  # enough for every chart of the sample decks
    assert colours[:2] == brand  # the brand's own colours come first
    first, second, gap = closest_pair(colours)
    assert gap >= MIN_DISTANCE, (first, second, gap)


def test_simulation_tells_red_from_green_apart_only_in_normal_vision() -> None:
    """The check is a simulation, not an eye: a red and a green of one lightness merge for deuteranopes."""
    from boardpack.charts.colours import seen

    red, green = "#d62728", "#2ca02c"
    normal = sum((a - b) ** 2 for a, b in zip(seen(red, "normal"), seen(green, "normal"), strict=True)) ** 0.5
    assert normal > 60
    assert distance(red, green) < MIN_DISTANCE * 2
