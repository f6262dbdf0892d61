"""Periods on a page read as the deck's language writes them (`Q4 2026`, `T4 2026`, `sept. 2026`), never as the
canonical labels (`2026-Q4`, `2026-09`) the metrics JSON and the command line keep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pypdf import PdfReader

from boardpack.formatting import NBSP

CANONICAL = re.compile(r"\b\d{4}-(Q[1-4]|\d{2})\b")


def _pdf_pages(deck: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(deck).pages]


def _canonical(pages: list[str]) -> list[tuple[int, str]]:
    """Each canonical label on the pages, with its page number and the words around it."""
    return [
        (number, page[max(0, found.start() - 40) : found.end() + 10])
        for number, page in enumerate(pages, start=1)
        for found in CANONICAL.finditer(page)
    ]


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _pptx_pages(deck: Path) -> list[str]:
    """Every slide's text: its text boxes, table cells, chart categories and series, and its speaker notes."""
    pages = []
    for slide in Presentation(str(deck)).slides:
        texts = []
        for shape in _shapes(slide.shapes):
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False):
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            if getattr(shape, "has_chart", False):
                plots = shape.chart.plots
                texts += [str(category) for plot in plots for category in plot.categories]
                texts += [series.name for plot in plots for series in plot.series]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        pages.append("\n".join(texts))
    return pages


@pytest.mark.parametrize("deck", ["sample_deck", "harbor_deck", "month_deck"])
def test_no_canonical_period_label_on_any_pdf_page(deck: str, request: pytest.FixtureRequest) -> None:
    """The quarter deck in English (16:9), in French (A4) and the month deck in Romanian."""
    assert _canonical(_pdf_pages(request.getfixturevalue(deck))) == []


def test_no_canonical_period_label_in_the_powerpoint(sample_pptx: dict[str, Path]) -> None:
    assert _canonical(_pptx_pages(sample_pptx["pptx"])) == []


def test_the_forecast_names_its_quarters_in_the_decks_language(sample_deck: Path, harbor_deck: Path) -> None:
    english = " ".join(" ".join(_pdf_pages(sample_deck)).split())
    assert "Open pipeline closing in Q4 2026 €97.2K" in english.replace(NBSP, " ")
    assert "New MRR in Q4 2026 is the open pipeline weighted by win rates instead." in english.replace(NBSP, " ")
    french = " ".join(" ".join(_pdf_pages(harbor_deck)).split()).replace(NBSP, " ")
    assert "Pipeline ouvert à conclure en T4 2026" in french
    assert "Attendu avant T4 2026, non compté" in french
    assert "pas d'objectif de nouvelles affaires pour T4 2026" in french


def test_cohort_observation_names_the_period_and_dates_in_the_decks_language(month_deck: Path) -> None:
    """The appendix's note on trial cohorts: the month and the date in Romanian."""
    romanian = " ".join(" ".join(_pdf_pages(month_deck)).split()).replace(NBSP, " ")
    assert "începute în sept. 2026 sunt urmărite până la 30 septembrie 2026" in romanian
