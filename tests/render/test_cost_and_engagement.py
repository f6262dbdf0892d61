"""Cost to serve and email/social engagement as the two halves of one slide, `cost_and_engagement`.

The sample's figures are worked out by hand from sample_data/northwind/data (Q3 2026 = July to September):
cost to serve 53,960 + 45,100.67 + 6,826.40 + 54,720 + 43,789.74 + 4,980.52 + 55,480 + 44,514.15 + 4,575.12
= €313,946.60 against revenue 583,239.30 + 591,311.21 + 628,753.62 = €1,803,304.13, so 17.4% of revenue; emails
opened (13,189 + 10,660 + 11,962) / delivered (43,997 + 42,797 + 47,340) = 35,811 / 134,134 = 26.7%.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import evaluate, explain, load_pack, resolve_period, with_language
from boardpack.cli import app
from boardpack.notes.rules import NextStep
from boardpack.slides import build_slides, deck_result
from tests.conftest import ROOT, SAMPLE, build_clean_pdf

runner = CliRunner()
TITLE = "Cost to serve fell to 17.4% of revenue; 26.7% of emails were opened"


def anchored_pages(pdf: Path) -> dict[str, int]:
    """Each slide's first page (0-based) by its anchor, the slide's HTML id."""
    reader = PdfReader(pdf)
    return {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}


def html_slides(pack: Path, out: Path) -> dict[str, str]:
    """The pack's deck built as HTML (no layout): each slide's markup by its id, in deck order."""
    result = runner.invoke(app, ["build", str(pack), "-f", "html", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    parts = re.split(r'(?=<section class="slide)', html)
    found = {}
    for part in parts:
        if match := re.match(r'<section class="slide[^"]*" id="([^"]+)"', part):
            found[match.group(1)] = part
    return found


def test_the_default_deck_shows_both_on_one_page_under_its_own_id(sample_deck: Path) -> None:
    anchors = anchored_pages(sample_deck)
    assert "cost-and-engagement" in anchors
    assert "cost-to-serve" not in anchors and "engagement" not in anchors
    page = anchors["cost-and-engagement"]
    assert sorted(anchors.values()).count(page) == 1
    assert page + 1 in anchors.values()  # the next slide starts on the next page: one page


def test_both_halves_figures_stand_side_by_side(sample_deck: Path) -> None:
    page_number = anchored_pages(sample_deck)["cost-and-engagement"]
    with pdfplumber.open(sample_deck) as pdf:
        page = pdf.pages[page_number]
        text = " ".join((page.extract_text() or "").split())
        words = page.extract_words()
    assert "COST TO SERVE AND ENGAGEMENT" in text
    assert TITLE in text and len(TITLE) <= 110
    for figure in ("€313,947", "17.4%", "€1,803,304", "26.7%", "522,892"):
        assert figure in text, figure

    def left_of(word: str) -> float:
        return next(w["x0"] for w in words if w["text"] == word)

    middle = page.width / 2
    assert left_of("Revenue") < middle < left_of("Follower")  # the cost figures left, the engagement ones right
    assert left_of("Customer") < middle < left_of("LinkedIn")  # each half its chart


def test_the_metrics_json_lists_its_sentences_under_its_id(sample_pptx: dict[str, Path]) -> None:
    findings = json.loads(sample_pptx["json"].read_text(encoding="utf-8"))["findings"]
    mine = {f["kind"]: f for f in findings if f["slide"] == "cost_and_engagement"}
    assert mine["title"]["text"] == TITLE
    assert [f["value"] for f in mine["title"]["figures"]] == ["17.4%", "26.7%"]
    assert mine["summary"]["text"] == "Each customer cost €289 to serve; YouTube engages its audience best (4.6%)."
    assert not any(f["slide"] in ("cost_to_serve", "engagement") for f in findings)


def test_the_powerpoint_has_it_with_both_charts_native(sample_pptx: dict[str, Path]) -> None:
    deck = Presentation(str(sample_pptx["pptx"]))
    slide = next(s for s in deck.slides if s.name == "cost_and_engagement")
    assert slide.shapes.title.text == TITLE
    charts = {shape.chart.plots[0].series[0].name: shape.chart for shape in slide.shapes if shape.has_chart}
    cost = charts["cost_and_engagement-cost_components"]
    assert set(cost.plots[0].categories) == {"Customer success", "Infrastructure", "Retention programmes"}
    assert sum(cost.plots[0].series[0].values) == pytest.approx(313_946.60)
    reach = charts["cost_and_engagement-social_reach"]
    assert sum(reach.plots[0].series[0].values) == pytest.approx(522_892)
    assert not any(s.name in ("cost_to_serve", "engagement") for s in deck.slides)


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return html_slides(SAMPLE, tmp_path_factory.mktemp("html"))


def test_both_charts_carry_alternative_text(sample_html: dict[str, str]) -> None:
    found = re.findall(r'<img src="[^"]+" alt="([^"]+)"', sample_html["cost-and-engagement"])
    alts = [" ".join(alt.split()) for alt in found]  # a period's no-break space as a space
    assert len(alts) == 2
    assert alts[0].startswith("Cost to serve by component, Q3 2026: Customer success €164.2K, Infrastructure €133.4K")
    assert alts[1].startswith("Social reach by network: LinkedIn 309.9K, X 144.4K")  # as the bars are labelled


def test_a_pack_without_finance_shows_engagement_alone(tmp_path: Path) -> None:
    slides = html_slides(ROOT / "tests/cases/engagement", tmp_path / "out")
    page = slides["cost-and-engagement"]
    assert 'class="slide pair alone"' in page
    assert "Social reach by network" in page and "Email open rate" in page
    assert "Cost to serve" not in page
    assert "EMAIL AND SOCIAL ENGAGEMENT" in page.upper()


def test_a_pack_without_email_or_social_shows_cost_to_serve_alone(tmp_path: Path) -> None:
    slides = html_slides(ROOT / "tests/cases/finance", tmp_path / "out")
    page = slides["cost-and-engagement"]
    assert 'class="slide pair alone"' in page
    assert "Cost to serve by component" in page and "Email open rate" not in page


def test_a_pack_with_neither_has_no_such_slide(tmp_path: Path) -> None:
    assert "cost-and-engagement" not in html_slides(ROOT / "tests/cases/tiny", tmp_path / "out")


def test_a_pack_listing_both_slides_gets_two(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack, ignore=shutil.ignore_patterns("out"))
    with (pack / "boardpack.yaml").open("a", encoding="utf-8") as settings:
        settings.write("slides: [cover, cost_to_serve, engagement]\n")
    slides = html_slides(pack, tmp_path / "out")
    assert list(slides) == ["cover", "cost-to-serve", "engagement"]


def test_its_finding_carries_the_same_figures_in_french_and_romanian() -> None:
    from tests.judge.test_findings import _numbers

    pack = load_pack(SAMPLE)
    period = resolve_period(pack, None)
    said = {}
    for language in ("en", "fr", "ro"):
        entries = explain(with_language(pack, language), period)
        said[language] = {e["kind"]: e for e in entries if e["slide"] == "cost_and_engagement"}
    for kind in ("title", "summary"):
        english = _numbers(" ".join(f["value"] for f in said["en"][kind]["figures"]), "en_IE")
        for language, locale in (("fr", "fr_FR"), ("ro", "ro_RO")):
            entry = said[language][kind]  # the same figures, each written as its readers write numbers
            assert _numbers(" ".join(f["value"] for f in entry["figures"]), locale) == english, (language, kind)
            assert entry["text"] != said["en"][kind]["text"]
            assert all(f["value"] in entry["text"] for f in entry["figures"])
    assert all(len(said[language]["title"]["text"]) <= 110 for language in said)


def test_the_leads_note_replaces_its_title(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(ROOT / "tests/cases/engagement", pack_dir)
    (pack_dir / "notes.md").write_text("## cost_and_engagement.title\n\nNewsletters held up\n", encoding="utf-8")
    pack = load_pack(pack_dir)
    entries = explain(pack, resolve_period(pack, None))
    title = next(e for e in entries if e["key"] == "cost_and_engagement.title")
    assert (title["text"], title["source"], title["replaced"]) == ("Newsletters held up", "note", True)


def _step(section: str, text: str) -> NextStep:
    return NextStep(section, None, text, "rule")


def test_next_steps_of_both_sections_share_its_band() -> None:
    pack = load_pack(SAMPLE)
    metrics = evaluate(pack, resolve_period(pack, None))
    steps: dict[str, Any] = {
        "cost_to_serve": [_step("cost_to_serve", "Review hosting"), _step("cost_to_serve", "Renegotiate support")],
        "engagement": [_step("engagement", "Clean the mailing list"), _step("engagement", "Post on LinkedIn")],
    }
    result = deck_result(pack, metrics, date(2026, 10, 5), steps)
    paired, all_steps = build_slides(result, ("cost_and_engagement", "next_steps"))
    assert [s.text for s in paired.next_steps] == ["Review hosting", "Renegotiate support", "Clean the mailing list"]
    assert paired.values["pair_more_steps"] == 1
    assert [row["step"].text for row in all_steps.values["all_steps"]][-1] == "Post on LinkedIn"


NOTES = """## cost_to_serve_ratio
Owner: Ana Pop
Due: 2026-11-30
Move the smallest accounts to pooled support before the renewal season.

## cost_to_serve_per_customer
Renegotiate the hosting contract in Q4.

## email_open_rate
Clean the mailing list of addresses silent for a year.

## social_reach
Shift one post a week from X to LinkedIn.
"""


def test_with_next_steps_of_both_it_holds_one_page_in_romanian(tmp_path: Path) -> None:
    """The longest words and a full band: both halves, three of the four steps and the note of the fourth."""
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack, ignore=shutil.ignore_patterns("out"))
    (pack / "notes.md").write_text(NOTES, encoding="utf-8")
    pdf = build_clean_pdf(pack, tmp_path / "deck.pdf", "ro")  # no warning: nothing spills
    anchors = anchored_pages(pdf)
    page = anchors["cost-and-engagement"]
    assert page + 1 in anchors.values()
    text = " ".join((PdfReader(pdf).pages[page].extract_text() or "").split())
    assert "Move the smallest accounts" in text and "Clean the mailing list" in text
    assert "Shift one post" not in text and "încă 1 pas următor la final" in text
    assert "Rata de deschidere a e-mailurilor" in text and "Costul de deservire pe client" in text
