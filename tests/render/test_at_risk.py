"""Customers at risk: a finding title like every slide, what weighs on their scores beside the list, one page.

The customers case (tests/cases/customers) has one customer at risk, worked out by hand: C2 (SMB, €300 MRR)
is at risk in 2026-Q1. Its signals alone: usage 50 against the SMB median of 100 scores 50; 15 tickets in a
quarter against a ceiling of 5 a month score 0; one billing issue scores 50; an NPS answer of 2 scores 20. Below
the at-risk line of 40: tickets and NPS.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
from pptx import Presentation

from boardpack.api import evaluate, load_pack, resolve_period
from tests.conftest import ROOT
from tests.render.test_cost_and_engagement import anchored_pages

TITLE = "10 customers worth €10.5K of MRR score at risk; the largest is Enterprise customer 019 (€6,155)"


def _page_text(pdf: Path, anchor: str) -> tuple[str, int, int]:
    anchors = anchored_pages(pdf)
    number = anchors[anchor]
    with pdfplumber.open(pdf) as document:
        text = " ".join((document.pages[number].extract_text() or "").split())
    following = min((page for page in anchors.values() if page > number), default=number + 1)
    return text, number, following


def test_weak_signals_are_those_below_the_at_risk_line() -> None:
    pack = load_pack(ROOT / "tests/cases/customers")
    metrics = evaluate(pack, resolve_period(pack, None))
    assert [(item["customer"], item["weak"]) for item in metrics["health_score"].items] == [("C2", ("tickets", "nps"))]
    assert metrics.figures is not None
    assert metrics.figures.at_risk.signals == {"tickets": 1, "nps": 1}
    assert metrics.figures.at_risk.segments == {"SMB": 300.0}


def test_the_slide_states_its_finding_under_its_topic(sample_deck: Path) -> None:
    text, number, following = _page_text(sample_deck, "at-risk")
    assert "CUSTOMERS AT RISK · Health score below the at-risk line, largest MRR first." in text
    assert TITLE in text and len(TITLE) <= 110
    assert "Together they hold 1.7% of MRR; 9 of them have billing issues." in text
    assert following == number + 1  # one page


def test_what_weighs_on_them_stands_beside_the_list(sample_deck: Path) -> None:
    number = anchored_pages(sample_deck)["at-risk"]
    with pdfplumber.open(sample_deck) as document:
        page = document.pages[number]
        words = page.extract_words()
        text = " ".join((page.extract_text() or "").split())
    assert "What weighs on their scores" in text and "At-risk MRR by segment" in text
    middle = page.width / 2
    heading = next(w for w in words if w["text"] == "weighs")
    listed = next(w for w in words if w["text"] == "019")
    assert listed["x1"] < middle < heading["x0"]  # the list on the left, the signals on the right
    assert "Enterprise customer 019" in text and "SMB customer 016" in text


def test_it_is_one_page_on_a4_with_its_finding_in_french(harbor_deck: Path) -> None:
    text, number, following = _page_text(harbor_deck, "at-risk")
    assert "sont à risque" in text and "Ce qui pèse sur leur score" in text
    assert following == number + 1


def test_the_metrics_json_and_powerpoint_carry_its_finding(sample_pptx: dict[str, Path]) -> None:
    findings = json.loads(sample_pptx["json"].read_text(encoding="utf-8"))["findings"]
    title = next(f for f in findings if f["key"] == "at_risk.title")
    assert title["text"] == TITLE
    deck = Presentation(str(sample_pptx["pptx"]))
    slide = next(s for s in deck.slides if s.name == "at_risk")
    assert slide.shapes.title.text == TITLE
    assert sum(shape.has_chart for shape in slide.shapes) == 2
