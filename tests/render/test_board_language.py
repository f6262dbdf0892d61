"""The deck speaks the board's language: no file names, snake_case ids, setting keys or formulas in its text.

Those belong in the command line's messages and the metrics JSON, which keep them: the appendix's data notes
are said without their `file:row:column`, an export a table is computed from is named in words, and a note on
how the pack is set up is not printed. Plain MRR or CAC are words; `mrr` or `net_new_mrr` are ids.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SAMPLE, build_clean_pdf

TOOL_SPEAK = {
    "file name": re.compile(r"\b[\w./-]+\.(?:csv|xlsx|yaml|yml|json|gz|md)\b"),
    "snake_case id": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "setting key": re.compile(r"\b(?:checks|health|raw|brand|targets|attach|slides)\.[a-z_]+"),
    "lower-case metric id": re.compile(r"(?<![\w-])(?:mrr|arr|cac|arpu|nrr|grr|ltv|nps)(?![\w-])"),
    "formula": re.compile(r"\^\(|\(1 − [a-z]\)"),
    "option": re.compile(r"(?<!\w)--[a-z]"),
}


def _deck_words(deck: Path) -> str:
    """The deck's text on one line."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(deck).pages).split())


@pytest.fixture(scope="module")
def raw_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample company's deck computed from its raw exports (billing ledger, CRM), in French."""
    return build_clean_pdf(ROOT / "sample_data" / "northwind-raw", tmp_path_factory.mktemp("raw") / "b.pdf", "fr")


@pytest.mark.parametrize(
    ("deck", "pack_dir", "language"),
    [
        ("sample_deck", SAMPLE, "en"),
        ("harbor_deck", ROOT / "sample_data" / "harbor", "fr"),
        ("month_deck", SAMPLE, "ro"),
        ("raw_deck", ROOT / "sample_data" / "northwind-raw", "fr"),
    ],
)
def test_no_tool_speak_in_the_deck(deck: str, pack_dir: Path, language: str, request: pytest.FixtureRequest) -> None:
    text = _deck_words(request.getfixturevalue(deck))
    found = {kind: sorted(set(pattern.findall(text))) for kind, pattern in TOOL_SPEAK.items()}
    assert {kind: tokens for kind, tokens in found.items() if tokens} == {}


def test_the_scan_finds_tool_speak() -> None:
    """The patterns catch what they are for, and leave board words alone."""
    words = "Add data/wins.csv, see checks.stage_margin and net_new_mrr: m = 1 − (1 − q)^(1/n), run --as-of"
    assert {k for k, p in TOOL_SPEAK.items() if p.search(words)} == {
        "file name",
        "snake_case id",
        "setting key",
        "formula",
        "option",
    }
    assert not any(p.search("MRR €608.1K, CAC €4,251, LTV:CAC 3.0×, NRR 96.6%") for p in TOOL_SPEAK.values())
