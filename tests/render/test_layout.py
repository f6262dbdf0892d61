"""Layout under load: 40 channels and 200 customers at risk, no text out of place, headers repeated."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period

CHANNELS = [f"Channel {i:02d} {'long partner programme name' if i % 7 == 0 else 'ads'}" for i in range(1, 41)]
MONTHS = ["2025-12", "2026-01", "2026-02", "2026-03"]


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def make_big_pack(folder: Path) -> Path:
    data = folder / "data"
    data.mkdir(parents=True)
    channels = ", ".join(f'"{c}"' for c in CHANNELS)
    (folder / "boardpack.yaml").write_text(
        f"company: Bigco Holdings\nperiod: 2026-Q1\ngross_margin: 0.7\nchannels: [{channels}]\n"
        "health:\n  weights: {usage: 0.1, tickets: 0.4, nps: 0.3, billing: 0.2}\n",
        encoding="utf-8",
    )
    funnel, spend, wins, touches = [], [], [], []
    for m, month in enumerate(MONTHS):
        for i, channel in enumerate(CHANNELS, start=1):
            leads = 20 + 7 * i + m
            funnel.append(
                {
                    "period": month,
                    "channel": channel,
                    "visitors": leads * 40,
                    "contacts": leads * 2,
                    "leads": leads,
                    "mqls": leads // 3,
                    "sals": leads // 4,
                    "sqls": leads // 5,
                    "opportunities": leads // 8,
                    "quotes": leads // 10,
                    "customers": max(1, leads // 20),
                }
            )
            spend.append(
                {"period": month, "channel": channel, "type": "marketing", "category": "Media", "amount": 300 + 45 * i}
            )
            wins.append({"customer": f"W{m}-{i}", "won": f"{month}-10", "new_mrr": 100 + i, "original_source": channel})
            touches.append({"customer": f"W{m}-{i}", "touched": f"{month}-02", "channel": CHANNELS[(i * 3) % 40]})
            touches.append({"customer": f"W{m}-{i}", "touched": f"{month}-05", "channel": channel})
    revenue, mrr, customers = [], 50000.0, 500
    for month in MONTHS:
        mrr += 1000 - 400
        customers += 10 - 4
        revenue.append(
            {
                "month": month,
                "segment": "All",
                "mrr": mrr,
                "customers": customers,
                "new_mrr": 1000,
                "expansion_mrr": 0,
                "contraction_mrr": 0,
                "churned_mrr": 400,
                "reactivation_mrr": 0,
                "new_customers": 10,
                "churned_customers": 4,
                "reactivated_customers": 0,
            }
        )
    accounts = []
    for quarter in ("2025-Q4", "2026-Q1"):
        for i in range(230):
            risky = i < 200
            accounts.append(
                {
                    "period": quarter,
                    "customer": f"Account {i:03d} Industries",
                    "segment": "All",
                    "mrr": 100 + i,
                    "usage": (20 if risky and quarter == "2026-Q1" else 400) + i,
                    "tickets": 14 if risky else 0,
                    "nps": 1 if risky else 9,
                    "billing_issues": 2 if risky else 0,
                }
            )
    reasons = [
        {
            "month": MONTHS[1 + i % 3],
            "customer": f"Lost {i}",
            "segment": "All",
            "reason": f"Reason number {i % 25:02d}",
            "mrr": 10 + i,
        }
        for i in range(60)
    ]
    for name, rows in (
        ("funnel", funnel),
        ("spend", spend),
        ("revenue", revenue),
        ("customers", accounts),
        ("churn_reasons", reasons),
        ("wins", wins),
        ("touches", touches),
    ):
        _write(data / f"{name}.csv", rows)
    return folder


@pytest.fixture(scope="module")
def big_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    folder = make_big_pack(tmp_path_factory.mktemp("big") / "pack")
    pack = load_pack(folder)
    out = folder / "deck.pdf"
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(folder, pdf_out=out))
    return [page.extract_text() for page in PdfReader(out).pages], result.warnings


def test_no_overflow_and_nothing_refused(big_deck: tuple[list[str], list[str]]) -> None:
    assert big_deck[1] == []


def test_channel_table_continues_with_its_header(big_deck: tuple[list[str], list[str]]) -> None:
    pages, _ = big_deck
    table_pages = [i for i, text in enumerate(pages) if "Channel Spend Leads CPL Won CAC Lead → customer" in text]
    assert len(table_pages) >= 2, "40 channels should not fit one page"
    assert table_pages == list(range(table_pages[0], table_pages[0] + len(table_pages)))
    assert "All 40 channels are in the table on the next page." in pages[table_pages[0] - 1]
    text = "\n".join(pages[i] for i in table_pages)
    assert all(channel in text for channel in CHANNELS)


def test_two_hundred_at_risk_customers_over_several_pages(big_deck: tuple[list[str], list[str]]) -> None:
    pages, _ = big_deck
    at_risk = [i for i, text in enumerate(pages) if "Customer Segment MRR Health score" in text]
    assert len(at_risk) >= 4
    assert at_risk == list(range(at_risk[0], at_risk[0] + len(at_risk)))
    text = "\n".join(pages[i] for i in at_risk)
    assert sum(f"Account {i:03d} Industries" in text for i in range(200)) == 200
    # the slide shows the largest twelve beside what weighs on them; the whole list follows on the next pages
    assert "Customers at risk · all 200 customers" in pages[at_risk[0]]
    slide = pages[at_risk[0] - 1]
    assert "200 customers worth" in slide and "Account 199 Industries" in slide
    assert "The 12 largest of 200 customers at risk; all are in the table on the next pages." in slide
    assert "What weighs on their scores" in slide and "At-risk MRR by segment" not in slide  # one segment: no chart


def test_bar_charts_keep_to_a_legible_number_of_bars(big_deck: tuple[list[str], list[str]]) -> None:
    pages, _ = big_deck
    assert any("The 6 highest and 6 lowest of 40; all are in the table." in text for text in pages)


def test_overflow_detector_finds_spilled_text() -> None:
    import weasyprint

    from boardpack.render.overflow import find_overflows

    html = (
        '<div class="col-left" style="width: 80px; float: left"><p style="white-space: nowrap">'
        "a figure far too wide for its column</p></div>"
        '<div class="tile" style="width: 200px; height: 12px">two<br>lines</div>'
    )
    problems = find_overflows(weasyprint.HTML(string=html).render())
    assert [p.split(" overflows")[0] for p in problems] == [
        "page 1: 'a figure far too wide for its column'",
        "page 1: 'two'",
        "page 1: 'lines'",
    ]
    assert problems[0].endswith("overflows its column by 203px") or "its column by" in problems[0]


def test_overflow_detector_finds_a_slide_that_spills_onto_the_next_page() -> None:
    """A slide is one page: its text, or a floated column of it, on a second page is reported by slide id;
    the pages meant to flow on (the appendix, a long table's own page) are not."""
    import weasyprint

    from boardpack.render.overflow import find_overflows

    tall = '<div style="height: 2.8in; break-inside: avoid">tall chart</div>'
    html = (
        "<style>@page { size: 11in 4in; margin: 0.5in } .slide { break-after: page } p, h1 { margin: 0 }</style>"
        f'<section class="slide" id="revenue"><h1>Revenue</h1>{tall}<p>Next steps</p></section>'
        '<section class="slide" id="churn"><div style="float: right; width: 2in">'
        f'{tall}<p style="padding-top: 0.4in">The last step</p></div>'
        "<h1>Churn</h1></section>"
        f'<section class="slide flow" id="long-table">{tall}<p>rows on</p></section>'
        f'<section class="slide appendix" id="appendix">{tall}<p>definitions on</p></section>'
    )
    problems = find_overflows(weasyprint.HTML(string=html).render())
    assert problems == [
        "page 2: slide 'revenue' does not fit its page (page 1): 'tall chart' spills onto page 2",
        "page 4: slide 'churn' does not fit its page (page 3): 'The last step' spills onto page 4",
    ]
