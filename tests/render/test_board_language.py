"""The deck speaks the board's language: no file names, snake_case ids, setting keys or formulas in its text.

Those belong in the command line's messages and the metrics JSON. The data notes the appendix lists are the
exception the project keeps on purpose (each names its `file:row:column`), so they are left out of the scan.
Plain MRR or CAC are words; `mrr` or `net_new_mrr` are ids.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack.api import load_pack, with_language
from boardpack.i18n import translator
from tests.conftest import ROOT, SAMPLE

TOOL_SPEAK = {
    "file name": re.compile(r"\b[\w./-]+\.(?:csv|xlsx|yaml|yml|json|gz|md)\b"),
    "snake_case id": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "setting key": re.compile(r"\b(?:checks|health|raw|brand|targets|attach|slides)\.[a-z_]+"),
    "lower-case metric id": re.compile(r"(?<![\w-])(?:mrr|arr|cac|arpu|nrr|grr|ltv|nps)(?![\w-])"),
    "formula": re.compile(r"\^\(|\(1 − [a-z]\)"),
    "option": re.compile(r"(?<!\w)--[a-z]"),
}


def _deck_words(deck: Path, pack_dir: Path, language: str) -> str:
    """The deck's text on one line, less the data notes (translated as the appendix prints them)."""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(deck).pages).split())
    t = translator(language)
    for notice in with_language(load_pack(pack_dir), language).notices:
        text = text.replace(" ".join(notice.localized(t).split()), "")
    return text


@pytest.mark.parametrize(
    ("deck", "pack_dir", "language"),
    [
        ("sample_deck", SAMPLE, "en"),
        ("harbor_deck", ROOT / "sample_data" / "harbor", "fr"),
        ("month_deck", SAMPLE, "ro"),
    ],
)
def test_no_tool_speak_in_the_deck(deck: str, pack_dir: Path, language: str, request: pytest.FixtureRequest) -> None:
    text = _deck_words(request.getfixturevalue(deck), pack_dir, language)
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
