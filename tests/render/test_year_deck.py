"""The 2025 deck: the sample's first year, with no 2024 to compare with and no trials, demos or churn reasons.

A slide or a line with nothing to say is left out, and the appendix says once why each figure is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def pages(year_deck: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(year_deck).pages]


def test_tiles_without_a_prior_year_say_no_change(pages: list[str]) -> None:
    summary = next(text for text in pages if "EXECUTIVE SUMMARY" in text.upper() and "Target" in text)
    assert "n/a vs 2024" not in summary
    assert "The data holds no figures for 2024 to compare with." in summary
    assert "Change compares" not in summary


def test_no_churn_slide_without_churn_reasons(year_deck: Path, pages: list[str]) -> None:
    topics = [" ".join(item.title.split()) for item in PdfReader(year_deck).outline]
    assert "Why customers leave" not in topics
    assert "Share of lost MRR by reason" not in " ".join(pages)


def test_the_appendix_says_once_why_figures_are_missing(pages: list[str]) -> None:
    text = " ".join(pages)
    trials = "Trial → paid; Engaged trials; Days from trial to paid: “free trials and their conversion” has no rows"
    assert trials in text
    assert text.count("“free trials and their conversion” has no rows") == 1
    assert "...." not in text and "…." not in text
