"""The What to expect slide and the forecast's appendix note in the sample deck (built once for the session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def pages(sample_deck: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(sample_deck).pages]


def test_the_slide_states_where_mrr_lands_and_the_gap(pages: list[str], sample_pptx: dict[str, Path]) -> None:
    slide = next(text for text in pages if "on course for" in text)
    assert "MRR on course for €790K by Q3 2027; €137K short of the year's target" in slide
    # the quarters across, as on the chart's axis; the next quarter's range is the first column
    assert "Quarter Q4 2026 Q1 2027 Q2 2027 Q3 2027 MRR €655K €701K €746K €790K Low €633K €665K" in slide
    assert "the averages of the last 12 months. New MRR in Q4 2026 is the open pipeline" in slide
    # the outlook's sentences repeat the next steps' figures: the PowerPoint's summary keeps them, the page the steps
    powerpoint = " ".join(
        shape.text_frame.text
        for deck_slide in Presentation(str(sample_pptx["pptx"])).slides
        if deck_slide.name == "forecast"
        for shape in deck_slide.shapes
        if shape.has_text_frame
    )
    assert "In Q4 2026 MRR is expected between €633K and €677K (80% range)." in " ".join(powerpoint.split())
    assert "Reaching the 2026 target of €8M ARR takes €19,520 of net new MRR a month, against €15,716" in powerpoint
    assert "If churn returned to its target (1.15% of MRR a month), year-end ARR would be €74.5K higher." in powerpoint
    assert "Open pipeline closing in Q4 2026 €97.2K" in slide
    # the next steps cite the gap and the coverage
    assert "On the forecast, 2026 ends with ARR €136,930 short of its target" in slide
    assert "Open pipeline covers next quarter's new-business target 1.9×" in slide


def test_the_appendix_gives_the_method_and_the_track_record(pages: list[str]) -> None:
    appendix = next(text for text in pages if "Track record" in text)
    assert "off by 2.5% on average (MAPE), and the outcome fell inside the range 88% of the time" in appendix
    assert "Qualification 31%, Discovery 38%" in appendix and "from closed opportunities" in appendix


def test_the_year_end_tile_is_on_the_summary(pages: list[str]) -> None:
    summary = next(text for text in pages if "NET NEW MRR" in text)
    assert "YEAR-END ARR (FORECAST) €7.86M +0.7% vs Q2 2026 Target €8M ▲ Watch" in summary


def test_the_metrics_json_carries_the_forecast_and_its_inputs() -> None:
    forecast = evaluate(load_pack(SAMPLE), parse_period("2026-Q3")).as_json()["forecast"]
    assert (forecast["available"], forecast["origin"], forecast["window_months"]) == (True, "2026-09", 12)
    assert forecast["new_mrr_next_quarter_from"] == "pipeline"
    assert [q["quarter"] for q in forecast["quarters"]] == ["2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"]
    assert forecast["pipeline"]["coverage"] == pytest.approx(97190 / 50000)
    assert forecast["year_end"]["gap_arr"] == pytest.approx(136930, abs=1)
    assert forecast["backtest"]["origins"] == 16
