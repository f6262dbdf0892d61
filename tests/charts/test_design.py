"""Every chart of the sample decks, drawn as the deck draws it (the `drawn` fixture of conftest.py): no text
overlaps another, leaves the figure or is crossed by a line, bars start at zero or show their break, series
colours stay apart under colour-vision deficiency, at most eight series."""

from __future__ import annotations

import pytest

from boardpack.charts.colours import MAX_SERIES, MIN_DISTANCE, closest_pair, distance, palette


def test_the_sample_decks_have_charts_of_every_kind(drawn: list) -> None:
    kinds = {spec.kind for _, spec, _, _ in drawn}
    assert {"waterfall", "funnel", "trend_bars", "hbar", "lines", "stacked_bars", "grouped_hbar"} <= kinds


def test_no_chart_text_overlaps_another(drawn: list) -> None:
    from boardpack.charts.text import text_overlaps

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
