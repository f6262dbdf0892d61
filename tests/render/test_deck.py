"""The sample deck itself: pages, text, figures formatted for the locale, every section present."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack import formatting
from boardpack.metrics import load_catalogue
from tests.conftest import SAMPLE

# (title, a piece of text that must stand on the same page): a slide with a finding prints its topic as a kicker,
# in capitals, above the finding
SLIDES = [
    ("Northwind Analytics", "Marketing, sales and revenue report · Q3\u00a02026"),
    ("EXECUTIVE SUMMARY · Q3\u00a02026", "MRR"),
    ("BALANCED SCORECARD · Q3\u00a02026", "Lead indicators"),
    ("WEBSITE TRAFFIC", "Is the website drawing more of the right visitors"),
    ("FUNNEL AND CONVERSION", "Opportunity → won"),
    ("COST PER LEAD", "Lead → customer"),
    ("MRR BRIDGE · Q3\u00a02026", "Reactivation"),
    ("MRR TREND AND SEGMENTS", "MRR by plan"),
    ("WHAT TO EXPECT", "does the pipeline cover the next one"),
    ("RETENTION · ", "Net revenue retention"),
    ("WHY CUSTOMERS LEAVE", "Months to recover lost MRR"),
    ("UNIT ECONOMICS", "LTV:CAC"),
    ("MARKETING-SOURCED PIPELINE", "Does marketing source a large share of the pipeline"),
    ("TRIALS AND DEMOS", "Demo → customer by demo type"),
    ("CUSTOMER HEALTH", "Usage drop alerts"),
    ("Customers at risk", "Health score"),
    ("COST TO SERVE", "Cost to serve per customer"),
    ("EMAIL AND SOCIAL ENGAGEMENT", "Email open rate"),
    ("REVENUE ATTRIBUTION", "Linear"),
    ("Appendix · definitions and conventions", "Rates over a period"),
]


@pytest.fixture(scope="module")
def pages(sample_deck: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(sample_deck).pages]


def _page_of(pages: list[str], title: str) -> int:
    """The page whose slide has this title (a metric label elsewhere may repeat the words)."""
    detail = dict(SLIDES).get(title, "")
    return next(i for i, text in enumerate(pages) if title in text and detail in text)


def _last_month_mrr() -> float:
    """The sample's MRR at the end of 2026-Q3, summed straight from its CSV."""
    with (SAMPLE / "data/revenue.csv").open() as handle:
        return sum(float(row["mrr"]) for row in csv.DictReader(handle) if row["month"] == "2026-09")


def test_footers_on_every_page(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert "Northwind Analytics" in text
        assert f"{number} / {len(pages)}" in text


def test_every_section_on_one_page_in_order(pages: list[str]) -> None:
    found = [_page_of(pages, title) for title, _ in SLIDES]
    assert found == sorted(found)
    # every section slide fits on its page: the next title starts the next page
    for here, there in itertools.pairwise(found[2:-1]):
        assert there == here + 1


def test_key_figures_in_the_text(pages: list[str]) -> None:
    mrr = _last_month_mrr()
    bridge = pages[_page_of(pages, "MRR BRIDGE · Q3\u00a02026")]
    assert formatting.money(mrr, "EUR", "en_IE") in bridge
    assert formatting.money_compact(mrr, "EUR", "en_IE") in pages[1]
    assert "1 july 2026 – 30 september 2026" in pages[0].lower()
    assert "Does marketing source a large share of the pipeline" in pages[_page_of(pages, "MARKETING-SOURCED PIPELINE")]


def test_next_steps_on_section_slides(pages: list[str]) -> None:
    cost = pages[_page_of(pages, "COST PER LEAD")]
    assert "Next steps" in cost
    flat = " ".join(cost.split())
    # Events has the dearest leads but too few wins (17 of the 20 a comparison needs) to judge by its CAC
    assert "Events leads cost €245, over 2.0× the median (€74), but 6.6% become customers" in flat
    assert "on 17 wins, fewer than the 20 a comparison needs" in flat
    # the budget move shows its effect in money and customers
    assert "Moving €6,500 from Paid search to Organic search at today's CAC would win about 8 more customers" in flat


def test_appendix_defines_the_metrics_the_deck_shows_and_benchmark_sources(pages: list[str]) -> None:
    """Each metric with a value is defined by its label, in words; one the deck cannot show is not defined."""
    from boardpack.api import evaluate, load_pack, resolve_period
    from boardpack.slides.appendix import plain  # a formula's setting names stay out of the deck

    appendix = " ".join("\n".join(pages[_page_of(pages, "Appendix · definitions and conventions") :]).split())
    pack = load_pack(SAMPLE)
    results = evaluate(pack, resolve_period(pack, None)).results
    for metric in load_catalogue().metrics.values():
        if results[metric.id].value is not None:
            assert " ".join(plain(metric.formula).split())[:40] in appendix, metric.id
    assert "David Skok, SaaS Metrics 2.0, 2013" in appendix
    assert "a quarterly churn of 10% is a monthly churn of 3.5%, not 3.3%" in appendix
    assert "ARPU × gross margin ÷ monthly customer churn" in appendix


def test_missing_tables_drop_their_slides_and_say_so(tmp_path: Path) -> None:
    from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period
    from tests.conftest import TINY

    pack = load_pack(TINY)
    out = tmp_path / "tiny.pdf"
    build_deck(pack, resolve_period(pack, None), BuildOptions(tmp_path, pdf_out=out))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Do trials and demos turn prospects into paying customers" not in text
    flat = " ".join(text.split())
    assert (
        "Not shown for lack of free trials and their conversion: Trial → paid, Engaged trials, "
        "Days from trial to paid." in flat
    )
    # a metric without its input shows its reason, never a zero
    assert "SQL → quote: “funnel counts per channel” gives no quotes for Q1 2026." in flat  # a file in words
