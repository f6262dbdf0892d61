"""Every chart carries alternative text: the figures it plots, as the slide formats them."""

from __future__ import annotations

from boardpack.slides.alt import MOST, alt_text


def test_bars_and_lines_list_each_period_with_its_figure() -> None:
    bars = {"periods": ["Q2 2026", "Q3 2026"], "values": [559064.0, 608108.0], "value_labels": ["€559K", "€608K"]}
    assert alt_text("trend_bars", bars, str) == "Q2 2026 €559K, Q3 2026 €608K"
    lines = {"periods": ["Q2", "Q3"], "series": [{"name": "NRR", "values": [0.99, 0.966]}]}
    assert alt_text("lines", lines, lambda v: f"{v:.1%}") == "NRR: Q2 99.0%, Q3 96.6%"


def test_a_waterfall_names_each_step_with_its_signed_label() -> None:
    steps = [
        {"label": "Start", "value": 559064.0, "total": True, "value_label": "€559.1K"},
        {"label": "New", "value": 67700.0, "total": False, "value_label": "+€67.7K"},
        {"label": "Churn", "value": -35169.0, "total": False, "value_label": "−€35.2K"},
    ]
    assert alt_text("waterfall", {"steps": steps}, str) == "Start €559.1K, New +€67.7K, Churn −€35.2K"


def test_a_long_series_gives_its_first_and_last_figures() -> None:
    periods = [f"M{i}" for i in range(30)]
    text = alt_text("lines", {"periods": periods, "series": [{"name": "MRR", "values": list(range(30))}]}, str)
    shown = text.removeprefix("MRR: ").split(", ")
    assert len(shown) == MOST + 1 and shown[MOST // 2] == "…"
    assert shown[0] == "M0 0" and shown[-1] == "M29 29"


def test_missing_values_are_left_out() -> None:
    lines = {"periods": ["a", "b", "c"], "series": [{"name": "Forecast", "values": [None, 1, 2]}]}
    assert alt_text("lines", lines, str) == "Forecast: b 1, c 2"
