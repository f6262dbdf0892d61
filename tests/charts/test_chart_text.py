"""Chart text that is whole, legible and in one number style, on the sample decks' charts (the `drawn` fixture)
and on figures built to break one rule each, so the check itself is seen to fail."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from boardpack import formatting
from boardpack.charts import Axis, ChartSpec, ChartTheme, figure_of
from boardpack.charts.colours import TEXT_CONTRAST, contrast, text_colour
from boardpack.charts.text import text_overlaps
from tests.charts.conftest import charts_of, deck_slides
from tests.conftest import SAMPLE

PERIODS = ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026"]


def _shown(fig: Figure) -> list[str]:
    """The texts a drawn chart shows: tick labels in view, value labels, legends, annotations."""
    from boardpack.charts.text import _drawn_texts, renderer

    renderer(fig)
    fig.canvas.draw()
    return [t.get_text() for t in _drawn_texts(fig)]


def test_the_check_finds_a_text_past_the_edge_a_crossing_line_and_a_hidden_label() -> None:
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.text(9.5, 5, "€0.75M past the right edge")
    ax.text(2, 2, "€95.46")
    ax.axvline(2.5, linestyle="--")
    ax.annotate("a point outside the view", (20, 5))
    found = text_overlaps(fig)
    assert ("€0.75M past the right edge", "the figure's edge") in found
    assert ("€95.46", "a line") in found
    assert ("a point outside the view", "clipped") in found


def test_every_chart_text_is_whole_inside_its_figure_and_clear_of_lines(drawn: list) -> None:
    problems = [(deck, spec.name, problem) for deck, spec, _, fig in drawn for problem in text_overlaps(fig)]
    assert problems == []


def test_legends_show_every_entry_whole(drawn: list) -> None:
    """`Original source / First touch / Last touch / Linear` in every language, none cut to `Las` or `Lin`."""
    checked = 0
    for deck, spec, _, fig in drawn:
        legend = fig.axes[0].get_legend()
        if legend is None:
            continue
        names = [t.get_text() for t in legend.get_texts()]
        expected = [item["name"] for item in spec.data.get("series", [])]
        assert set(expected) <= set(names), (deck, spec.name, names)
        checked += 1
    assert checked >= 3 * 6  # attribution, retention, pipeline (and more) in each of the six decks


def test_the_mrr_axis_keeps_its_currency_sign_and_its_bars_abbreviation(drawn: list) -> None:
    for deck, spec, _, fig in drawn:
        if spec.name == "mrr_trend":
            ticks = [t.get_text() for t in fig.axes[0].yaxis.get_ticklabels() if t.get_text()]
            assert all("€" in tick for tick in ticks), (deck, ticks)
            assert not [tick for tick in ticks if re.search(r"[Mm]\b|mil", tick)], (deck, ticks)  # €608K bars


def _magnitudes(texts: list[str], locale: str, currency: bool) -> set[str]:
    """Which of K (thousands) and M (millions) the texts use, in the locale's own short forms."""
    found = set()
    for magnitude, name in (("1000", "K"), ("1000000", "M")):
        short = formatting._abbreviation(magnitude, "EUR" if currency else None, locale)
        if short and any(short[1] and t.endswith(short[1]) for t in texts):
            found.add(name)
    return found


def test_one_abbreviation_per_chart(drawn: list) -> None:
    for deck, spec, _, fig in drawn:
        if spec.axis.unit not in ("currency", "count") or spec.kind in ("funnel", "heatmap"):
            continue
        texts = [t for t in _shown(fig) if any(c.isdigit() for c in t)]
        assert len(_magnitudes(texts, spec.axis.locale, spec.axis.unit == "currency")) <= 1, (deck, spec.name, texts)


def test_no_tick_carries_a_false_decimal(drawn: list) -> None:
    """`€2.5K €5K €7.5K`, never `€5.0K`: a tick has a decimal only where it needs one."""
    for deck, spec, _, fig in drawn:
        axis = fig.axes[0].xaxis if spec.kind in ("hbar", "grouped_hbar") else fig.axes[0].yaxis
        ticks = [t.get_text() for t in axis.get_ticklabels()]
        assert not [t for t in ticks if re.search(r"\d[.,]0(?!\d)", t)], (deck, spec.name, ticks)


def test_value_labels_in_a_series_colour_reach_text_contrast(drawn: list) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.text import Annotation

    labelled = 0
    for deck, spec, theme, fig in drawn:
        for text in fig.axes[0].texts:
            if isinstance(text, Annotation) and text.get_text():
                ratio = contrast(to_hex(text.get_color()), theme.background)
                assert ratio >= TEXT_CONTRAST, (deck, spec.name, text.get_text(), to_hex(text.get_color()), ratio)
                labelled += 1
    assert labelled > 0


def test_a_light_series_colour_is_darkened_for_its_label_keeping_its_hue() -> None:
    import colorsys

    from boardpack.charts.colours import _rgb

    darker = text_colour("#14b8a6", "#ffffff")  # Harbor Lane's teal: 2.49:1 on white
    assert TEXT_CONTRAST <= contrast(darker, "#ffffff") < TEXT_CONTRAST + 0.3  # just dark enough
    hue = colorsys.rgb_to_hls(*_rgb("#14b8a6"))[0]
    assert colorsys.rgb_to_hls(*_rgb(darker))[0] == pytest.approx(hue, abs=0.01)
    assert text_colour("#1f3a5f", "#ffffff") == "#1f3a5f"  # a colour that reads as text is kept


def test_a_reference_line_keeps_clear_of_the_first_point_and_is_named() -> None:
    data = {
        "periods": PERIODS,
        "series": [{"name": "NRR", "values": [1.0, 0.98, 0.99, 0.966], "last_label": "96.6%"}],
        "reference": {"value": 1.0, "label": "Break-even 100%"},
        "free_floor": True,
    }
    fig = figure_of(ChartSpec("lines", "t", 5.0, 3.0, data=data, axis=Axis("ratio")), ChartTheme())
    assert text_overlaps(fig) == []
    assert "Break-even 100%" in _shown(fig)


def test_a_value_label_the_reference_line_would_cross_moves_past_it() -> None:
    """The cost per lead chart: `€95` ended just short of the dashed overall line and was crossed by it."""
    data = {
        "categories": ["Events", "Paid social", "Partners", "Email"],
        "values": [245.0, 116.0, 95.0, 25.0],
        "value_labels": ["€245", "€116", "€95", "€25"],
        "reference": {"value": 124.0, "label": "Overall €124"},
    }
    fig = figure_of(ChartSpec("hbar", "t", 4.3, 2.4, data=data, axis=Axis("currency", "EUR", "en_IE")), ChartTheme())
    assert text_overlaps(fig) == []
    label = next(t for t in fig.axes[0].texts if t.get_text() == "€116")
    assert label.get_position()[0] > 124.0


def test_a_trend_of_one_period_draws_no_chart_and_says_nothing_of_marks() -> None:
    """The year deck of 2025 has one period: no one-bar trend, no milestone markers; its figures stay."""
    slides, _, _ = deck_slides(SAMPLE, "2025", "en")
    by_id = {s.id: s for s in slides}
    trends = {"sessions_trend", "mrr_trend", "retention_trend", "ltv_cac_trend", "pipeline_trend"}
    assert not trends & {c.name for s in slides for c in s.charts}
    over_periods = [c for s in slides for c in s.charts if c.kind in ("trend_bars", "lines", "stacked_bars")]
    assert all(len(c.data["periods"]) >= 2 for c in over_periods)  # the forecast's months are still drawn
    assert by_id["retention"].figures and by_id["revenue_trend"].tables["segments"]
    assert not [s.id for s in slides if any("marked on the trend" in line for line in s.summary)]
    quarter, _ = charts_of(SAMPLE, "2026-Q3", "en")
    assert {"mrr_trend", "retention_trend"} <= {c.name for c in quarter}  # eight quarters: the trends are drawn


def test_money_on_the_cost_per_lead_slide_has_one_precision() -> None:
    """Chart labels, the table's column and the overall line read alike: `€245` beside `€95`, not `€95.46`."""
    slides, _, _ = deck_slides(SAMPLE, "2026-Q3", "en")
    cpl = next(s for s in slides if s.id == "acquisition_cost")
    chart = cpl.charts[0].data
    column = {row["channel"]: row["cpl"] for row in cpl.tables["channels"]}
    for channel, label in zip(chart["categories"], chart["value_labels"], strict=True):
        assert column[channel] == label
    texts = [*chart["value_labels"], chart["reference"]["label"], *column.values()]
    assert not [t for t in texts if re.search(r"\.\d\d", t)], texts  # €244.56 is €245, and so is every amount


def test_a_milestone_wider_than_either_side_of_its_line_stays_whole_inside_the_plot() -> None:
    label = "Free plan withdrawn for new accounts in every market"
    data = {"periods": PERIODS[:3], "values": [1.0, 2.0, 3.0], "value_labels": ["€1", "€2", "€3"]}
    data["milestones"] = [{"index": 1, "label": label}]
    fig = figure_of(ChartSpec("trend_bars", "t", 4.0, 3.0, data=data, axis=Axis("currency")), ChartTheme())
    assert label in [text.replace("\n", " ") for text in _shown(fig)]  # whole, on two lines
    assert text_overlaps(fig) == []
