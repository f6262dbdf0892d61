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
    ("CUSTOMERS AT RISK", "Health score"),
    ("COST TO SERVE AND ENGAGEMENT", "Email open rate"),  # both on one page
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
    """Each metric the deck shows is defined by its label, in words, the stage conversions in one entry; a figure
    the deck does not show (FX movement, with no other currency) is not; the pack's choices are stated."""
    from boardpack.api import evaluate, load_pack, resolve_period
    from boardpack.slides.appendix import plain  # a formula's setting names stay out of the deck

    appendix = " ".join("\n".join(pages[_page_of(pages, "Appendix · definitions and conventions") :]).split())
    pack = load_pack(SAMPLE)
    results = evaluate(pack, resolve_period(pack, None)).results
    pack_worded = {"ltv", "cac_lagged", "fx_mrr", "mrr_growth_constant_currency", "nrr_with_fx"}
    for metric in load_catalogue().metrics.values():
        if results[metric.id].value is not None and not metric.stage and metric.id not in pack_worded:
            assert " ".join(plain(metric.formula).split())[:40] in appendix, metric.id
    assert "Stage conversions Visitor → lead, Lead → MQL, MQL → SQL" in appendix
    assert (
        "Benchmarks from First Page Sage, B2B funnel benchmarks (vendor-published): Visitor → lead 2.0%–5.0%"
        in appendix
    )
    assert "FX movement MRR change" not in appendix  # no amount was converted: with and without FX are one figure
    assert "Benchmark ≥ 3.0×: David Skok, SaaS Metrics 2.0, 2013" in appendix
    assert "10% a quarter is 3.5% a month, not 3.3%" in appendix
    assert "LTV Computed as ARPU × gross margin ÷ monthly customer churn. Gross margin: 80%." in appendix
    assert "spend of a window as long, 3 months earlier" in appendix


def test_every_appendix_page_has_a_title(pages: list[str]) -> None:
    """The appendix flows over pages; each page it flows onto repeats its title, marked as continued."""
    first = _page_of(pages, "Appendix · definitions and conventions")
    assert len(pages) - first <= 3  # three pages in English, not six
    for page in pages[first + 1 :]:
        assert "Appendix · definitions and conventions (continued)" in page, page[:80]


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
    # one line per reason, with every figure it keeps out, a file in words and the period as the deck names it
    flow = "SQL → quote; Opportunity → quote; Quote → won: “funnel counts per channel” gives no quotes for Q1 2026."
    assert flow in flat


def test_health_bands_say_how_many_customers_they_cover(pages: list[str]) -> None:
    """The customers table scores 155 + 15 + 10 = 180 customers; the company has 59 + 302 + 727 = 1,088 paying
    customers at the end of Q3: the board reads the bands as a part, not the whole."""
    health = next(text for text in pages if "Customers by health band" in text)
    assert "180 of the 1,088 paying customers are scored." in " ".join(health.split())
