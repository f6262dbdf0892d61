"""The sample deck as PowerPoint, read back with python-pptx and compared with the PDF of the same build."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pypdf import PdfReader

from tests.render.pptx_fit import overflows, too_small


@pytest.fixture(scope="module")
def deck(sample_pptx: dict[str, Path]) -> Any:
    return Presentation(str(sample_pptx["pptx"]))


@pytest.fixture(scope="module")
def figures(sample_pptx: dict[str, Path]) -> dict[str, Any]:
    return json.loads(sample_pptx["json"].read_text(encoding="utf-8"))["metrics"]


def _charts(deck: Any) -> dict[str, Any]:
    """Every chart of the deck by the name of its first series (the chart spec's name)."""
    found = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                chart = shape.chart
                found[chart.plots[0].series[0].name if chart.plots[0].series else ""] = chart
    return found


def _series(chart: Any) -> dict[str, list[float | None]]:
    return {s.name: list(s.values) for plot in chart.plots for s in plot.series}


def _plain(text: str) -> str:
    return " ".join(text.split())


def _kicker(slide: Any) -> str:
    return next((_plain(s.text_frame.text) for s in slide.shapes if s.name == "Kicker"), "")


def test_same_slides_in_the_same_order_as_the_pdf(deck: Any, sample_pptx: dict[str, Path]) -> None:
    """Each PDF slide (a bookmark: its topic) is a PowerPoint slide with the same topic above the same finding
    title as the PDF's; a long table or list flows on to a slide titled "(continued)"."""
    reader = PdfReader(sample_pptx["pdf"])
    bookmarks = [(_plain(item.title), reader.get_destination_page_number(item)) for item in reader.outline]
    anchors = sorted((reader.get_destination_page_number(d), name) for name, d in reader.named_destinations.items())
    slides = list(deck.slides)
    firsts = [s for s in slides if "(continued)" not in s.shapes.title.text]
    assert len(firsts) == len(bookmarks)
    assert [s.name.replace("_", "-") for s in firsts] == [name for _page, name in anchors]
    with pdfplumber.open(sample_pptx["pdf"]) as pdf:
        texts = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    for slide, (topic, page) in zip(firsts, bookmarks, strict=True):
        title = slide.shapes.title.text
        if kicker := _kicker(slide):  # a finding: its topic above it, the finding on the PDF's page
            assert kicker.startswith(topic) or topic == _plain(title), (slide.name, kicker, topic)
            assert "".join(title.split()) in "".join(texts[page : page + 2]), (slide.name, title)
        else:
            assert _plain(title) == topic
    for before, after in itertools.pairwise(slides):
        if "(continued)" in after.shapes.title.text:
            assert after.name == before.name
            assert after.shapes.title.text.startswith(before.shapes.title.text.removesuffix(" (continued)"))
    assert "appendix" in {s.name for s in slides if "(continued)" in s.shapes.title.text}
    # the flowing pages' count differs: the PDF's appendix runs in three columns, the PowerPoint's across the slide
    assert len(slides) in range(len(reader.pages) - 4, len(reader.pages) + 5)


def test_summaries_and_steps_are_the_pdfs(deck: Any, sample_pptx: dict[str, Path]) -> None:
    """Each finding's summary sentences stand under its title, and each section's next steps, with their
    impact, are listed on its slide as the PDF prints them (its three most severe, from the metrics JSON's)."""
    with pdfplumber.open(sample_pptx["pdf"]) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    words = {w.casefold() for page in pages for w in page.split()}
    squeezed = "".join("".join(pages).split()).casefold()  # a step's lines, wherever the PDF broke them
    sections = json.loads(sample_pptx["json"].read_text(encoding="utf-8"))["next_steps"]
    said: dict[str, list[str]] = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                items = [p.text for p in shape.text_frame.paragraphs if p.text.startswith("• ")]
                said.setdefault(slide.name, []).extend(x.removeprefix("• ") for x in items)
    impacts = 0
    for section, steps in sections.items():
        shown = next(s for name, s in said.items() if name in _SECTION_SLIDE.get(section, (section,)))
        written = {" ".join(x for x in (step["text"], step["impact"]) if x): step for step in steps}
        # a slide shows its three most severe steps (the JSON lists all, in the rules' order)
        assert len(shown) == min(3, len(steps)), section
        for text in shown:
            assert text in written, text
            impacts += bool(written[text]["impact"])
            assert "".join(text.split()).casefold() in squeezed, text
    assert impacts > 0
    revenue = next(s for s in deck.slides if s.name == "revenue")  # its finding's sentences, under the title
    under = [s.text_frame.text for s in revenue.shapes if s.has_text_frame and s.name not in ("Kicker", "Tile")]
    assert any(all(w.casefold() in words for w in text.split()) and len(text) > 40 for text in under)
    everything = " ".join(t for texts in said.values() for t in texts) + " ".join(under)
    assert "logarithmic" not in everything and "usage_drop_alerts" not in everything


_SECTION_SLIDE = {"executive": ("summary",)}


def test_charts_are_native_with_the_figures_of_the_metrics_json(deck: Any, figures: dict[str, Any]) -> None:
    charts = _charts(deck)
    assert charts["mrr_trend"].chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    trend = _series(charts["mrr_trend"])["mrr_trend"]
    assert trend[-2:] == [figures["mrr"]["prior"], figures["mrr"]["value"]]
    assert _series(charts["sessions_trend"])["sessions_trend"][-1] == figures["sessions"]["value"]
    retention = charts["Net revenue retention"]
    assert retention.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    lines = _series(retention)
    assert lines["Net revenue retention"][-1] == pytest.approx(figures["nrr"]["value"])
    assert lines["Break-even 100%"] == [1.0] * len(lines["Break-even 100%"])  # the reference line is a series
    bridge = charts["base"]
    assert bridge.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    steps = _series(bridge)
    assert steps["total"][0] == figures["mrr"]["prior"] and steps["total"][-1] == figures["mrr"]["value"]
    assert steps["increase"][1] == figures["new_mrr"]["value"]
    cpl = charts["cpl_by_channel"]
    assert cpl.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    by_channel = dict(zip(cpl.plots[0].categories, _series(cpl)["cpl_by_channel"], strict=True))
    assert by_channel == pytest.approx(figures["cpl"]["breakdown"]["channel"])
    pipeline = charts["Marketing-sourced"]
    assert [type(plot).__name__ for plot in pipeline.plots] == ["BarPlot", "LinePlot"]  # the target over the bars
    assert [s.name for s in pipeline.plots[1].series] == ["Target"]
    for chart in charts.values():  # data embedded: PowerPoint's "Edit data" opens it
        assert chart.part.chart_workbook.xlsx_part is not None


def test_charts_follow_the_design(deck: Any) -> None:
    """The funnel to scale, earlier periods grey and the reported one primary, references dashed in the text
    colour, one abbreviation per chart with a true minus sign, and the forecast's range as two series."""
    charts = _charts(deck)
    assert all("logBase" not in chart.part.blob.decode("utf-8") for chart in charts.values())
    trend = charts["mrr_trend"].part.blob.decode("utf-8")
    assert '<a:schemeClr val="tx1"><a:lumMod' in trend and '<a:schemeClr val="accent1"/>' in trend
    assert charts["mrr_trend"].value_axis.tick_labels.number_format == '"€"0,"K";"−€"0,"K";"€0"'
    assert list(charts["base"].plots[0].series)[3].data_labels.number_format == '"−€"0.0,"K";"−€"0.0,"K"'
    retention = charts["Net revenue retention"].part.blob.decode("utf-8")
    assert '<a:schemeClr val="tx1"/></a:solidFill><a:prstDash val="dash"/>' in retention  # the 100% line
    assert "accent3" not in "".join(chart.part.blob.decode("utf-8") for chart in charts.values())  # accent: steps
    forecast = charts["MRR"]
    assert [s.name for s in forecast.plots[0].series] == ["MRR", "Forecast", "Low", "High"]
    low, high = (list(s.values) for s in list(forecast.plots[0].series)[2:])
    assert all(lo <= hi for lo, hi in zip(low, high, strict=True) if lo is not None)


def test_tiles_say_what_the_pdf_says(deck: Any, sample_pptx: dict[str, Path]) -> None:
    """Every word of every tile stands on the PDF's summary page (a tile's label wraps there, so words, not lines)."""
    with pdfplumber.open(sample_pptx["pdf"]) as pdf:
        # its spacing is not always extracted; the tiles run on to the next page
        page = "".join("".join(p.extract_text().split()) for p in pdf.pages[1:3]).casefold()
    summary = next(s for s in deck.slides if s.name == "summary")
    tiles = [s.text_frame for s in summary.shapes if s.name == "Tile"]
    assert len(tiles) == 10
    for frame in tiles:
        label, value, change, *rest = [p.text for p in frame.paragraphs]
        for line in (value, label, change, *rest):
            for word in line.replace("-", " ").split():  # a tile label wraps at its hyphen
                assert word.casefold() in page, (word, line)


def test_nothing_overflows_its_box(deck: Any) -> None:
    assert overflows(deck) == []


def test_text_reads_once_printed(deck: Any) -> None:
    """The 16:9 slide printed on A4 landscape: nothing under 9 pt, tables 10 pt, next steps 11 pt, as the PDF."""
    assert too_small(deck) == []


def test_speaker_notes_carry_definitions_and_sources(deck: Any) -> None:
    revenue = next(s for s in deck.slides if s.name == "revenue")
    notes = revenue.notes_slide.notes_text_frame.text
    assert "Definitions:" in notes
    assert "MRR: Sum of the monthly recurring revenue of all paying customers at the end of the period." in notes
    assert notes.splitlines()[-1] == "Data sources: data/revenue.csv"


def test_another_application_reads_it(sample_pptx: dict[str, Path], tmp_path: Path, deck: Any) -> None:
    """LibreOffice Impress opens the deck and prints every slide."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("BOARDPACK_REQUIRE_ENGINES"):
            pytest.fail("soffice (LibreOffice Impress) is not installed and BOARDPACK_REQUIRE_ENGINES is set")
        pytest.skip("LibreOffice Impress (soffice) is not installed")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(sample_pptx["pptx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = PdfReader(tmp_path / sample_pptx["pptx"].with_suffix(".pdf").name)
    assert len(converted.pages) == len(deck.slides)
    assert "Executive summary · Q3 2026" in _plain(converted.pages[1].extract_text())


def test_a_heatmap_becomes_a_shaded_table() -> None:
    """No PowerPoint chart type shows cohort retention: it is a table, each cell shaded by its place in the range."""
    from boardpack.charts import ChartSpec
    from boardpack.render.pptx.content import heatmap_table
    from boardpack.render.pptx.shapes import shade

    spec = ChartSpec(
        "heatmap",
        "cohorts_customers",
        5.0,
        3.0,
        data={
            "rows": ["2026-01", "2026-02"],
            "columns": ["0", "1"],
            "values": [[1.0, 0.8], [1.0, None]],
            "labels": [["100%", "80%"], ["100%", ""]],
        },
    )
    table = heatmap_table(spec, "Customers still paying")
    assert table.headers == ("", "0", "1")
    assert table.rows == (("2026-01", "100%", "80%"), ("2026-02", "100%", ""))
    assert [shade(table, 0, c) for c in range(3)] == [None, 0.1, 0.85]  # darkest at the top of the range
    assert shade(table, 1, 2) is None  # a month not reached yet stays blank
