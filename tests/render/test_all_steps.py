"""A slide shows its three most severe next steps and says how many more there are; the page of all next steps
before the appendix lists every one, so none is lost. The revenue slide gets two of the lead's notes on top of
its three generated steps."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE, build_clean_pdf

NOTES = """## arpu
Owner: Dana Pop
Due: 2026-10-31

Raise list prices for new Starter customers from November.

## arr
Present the renewal calendar for the largest accounts at the next meeting.
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    pack = tmp_path_factory.mktemp("pack") / "northwind"
    shutil.copytree(SAMPLE, pack)
    (pack / "notes.md").write_text(NOTES, encoding="utf-8")
    out = build_clean_pdf(pack, pack / "out" / "board.pdf")  # no slide spills onto a second page
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages]


def _page(pages: list[str], words: str) -> int:
    return next(i for i, text in enumerate(pages) if words in text)


def test_a_slide_shows_three_steps_the_leads_first_and_counts_the_rest(pages: list[str]) -> None:
    revenue = pages[_page(pages, "MRR BRIDGE")]
    assert "Raise list prices for new Starter customers from November." in revenue
    assert "Present the renewal calendar for the largest accounts" in revenue
    assert "Owner: Dana Pop · by 31 October 2026" in revenue
    # of the three generated steps, the one on a figure off target (the quick ratio) comes first
    assert "The quick ratio is 2.2×" in revenue
    assert "MRR is €608,108, €31,892 short" not in revenue and "Sales growth fell" not in revenue
    assert "2 more next steps at the end" in revenue


def test_every_step_is_on_the_page_of_all_next_steps_before_the_appendix(pages: list[str]) -> None:
    listed = _page(pages, "All next steps")
    assert listed < _page(pages, "Appendix · definitions and conventions")
    everything = " ".join(pages[listed : _page(pages, "Appendix · definitions and conventions")])
    for words in (
        "Raise list prices for new Starter customers from November.",
        "Dana Pop · 31 October 2026",
        "The quick ratio is 2.2×",
        "MRR is €608,108, €31,892 short of the €640,000 target",
        "Sales growth fell from 13.3% to 8.0%.",
        "Net revenue retention is 96.6% this quarter",  # and those of every other slide
        "On the forecast, 2026 ends with ARR €136,930 short of its target",
    ):
        assert words in everything, words
