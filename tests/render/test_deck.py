"""The sample deck itself: pages, text, figures formatted for the locale, no stray files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack import formatting
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def pages(sample_deck: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(sample_deck).pages]


def _last_month_mrr() -> float:
    """The sample's MRR at the end of 2026-Q3, summed straight from its CSV."""
    with (SAMPLE / "data/revenue.csv").open() as handle:
        return sum(float(row["mrr"]) for row in csv.DictReader(handle) if row["month"] == "2026-09")


def test_page_count_and_footers(pages: list[str]) -> None:
    assert len(pages) == 12
    for number, text in enumerate(pages, start=1):
        assert "Northwind Analytics" in text
        assert f"{number} / 12" in text


def test_slides_in_order(pages: list[str]) -> None:
    titles = [
        "Northwind Analytics",
        "Executive summary · 2026-Q3",
        "Funnel and conversion",
        "Cost per lead",
        "MRR bridge · 2026-Q3",
        "MRR trend and segments",
        "Retention",
        "Unit economics",
        "Marketing-sourced pipeline",
        "Appendix · definitions and conventions",
    ]
    for page, title in zip(pages, titles, strict=False):
        assert title in page


def test_key_figures_in_the_text(pages: list[str]) -> None:
    mrr = _last_month_mrr()
    assert formatting.money(mrr, "EUR", "en_IE") in pages[4]  # the bridge slide shows the exact MRR
    assert formatting.money_compact(mrr, "EUR", "en_IE") in pages[1]  # the summary tile, compact
    assert "1 july 2026 – 30 september 2026" in pages[0].lower()
    assert "Does marketing source a large share of the pipeline" in pages[8]
    # chart labels are text, not paths: the waterfall's movement labels can be read back
    assert "Expansion" in pages[4] and "Reactivation" in pages[4]


def test_appendix_lists_every_metric_and_benchmark_source(pages: list[str]) -> None:
    from boardpack.metrics import load_catalogue

    appendix = "\n".join(pages[9:])
    for metric in load_catalogue().metrics.values():
        assert metric.id in appendix
    assert "David Skok, SaaS Metrics 2.0, 2013" in appendix
    assert "m = 1 − (1 − q)^(1/n)" in appendix
