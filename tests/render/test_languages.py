"""Decks in French and Romanian: every message translated, numbers and dates in the locale, no English left."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack import formatting
from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period
from boardpack.i18n import Translator, french_typography
from tests.conftest import ROOT, SAMPLE, load_script


def test_every_message_translated_with_the_same_placeholders() -> None:
    """Fails when code or a template uses a message a catalogue lacks, or placeholders differ."""
    assert load_script("i18n").check() == []


def _deck(tmp_path: Path, locale: str, language: str) -> str:
    pack_dir = tmp_path / language
    pack_dir.mkdir()
    config = (SAMPLE / "boardpack.yaml").read_text(encoding="utf-8")
    config = config.replace("locale: en_IE", f"locale: {locale}").replace("brand:\n  logo: logo.svg\n", "")
    (pack_dir / "boardpack.yaml").write_text(config + f"data: {SAMPLE / 'data'}\nlanguage: {language}\n")
    pack = load_pack(pack_dir)
    out = tmp_path / f"{language}.pdf"
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(tmp_path, pdf_out=out))
    assert result.warnings == []  # no text out of its tile, column or page in the longer language
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def _mrr() -> float:
    with (SAMPLE / "data/revenue.csv").open() as handle:
        return sum(float(row["mrr"]) for row in csv.DictReader(handle) if row["month"] == "2026-09")


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("languages")
    return {"fr": _deck(folder, "fr_FR", "fr"), "ro": _deck(folder, "ro_RO", "ro")}


def test_french_deck(decks: dict[str, str]) -> None:
    text = decks["fr"]
    for words in (
        "SYNTHÈSE",  # the executive summary's kicker, in capitals
        "Taux d'attrition client",
        "Seuils des prochaines étapes",  # the appendix's heading over where next steps draw the line
        "Prochaines étapes",
        "Annexe · définitions et conventions",
        "30 septembre 2026",
        "Dans l'objectif",
    ):
        assert words in text, words
    assert formatting.money(_mrr(), "EUR", "fr_FR") in text  # 608 108 € with narrow no-break spaces
    assert "Gardons-nous nos clients et leur chiffre d'affaires\u00a0?" in text  # French typography


def test_romanian_deck(decks: dict[str, str]) -> None:
    text = decks["ro"]
    for words in (
        "REZUMAT",  # the executive summary's kicker, in capitals
        "Rata de pierdere a clienților",
        "Pașii următori",
        "30 septembrie 2026",
        "Anexă · definiții și convenții",
    ):
        assert words in text, words
    assert formatting.money(_mrr(), "EUR", "ro_RO") == "608.108\u00a0€"
    assert "608.108\u00a0€" in text
    assert "ş" not in text and "ţ" not in text  # comma-below ș and ț, never the cedilla forms


@pytest.mark.parametrize("language", ["fr", "ro"])
def test_no_english_message_left(decks: dict[str, str], language: str) -> None:
    """No English sentence of the catalogue appears in the translated deck."""
    from babel.messages.pofile import read_po

    with (ROOT / f"boardpack/locale/{language}/LC_MESSAGES/boardpack.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    flat = " ".join(decks[language].split())
    left = [
        m.id
        for m in catalog
        if isinstance(m.id, str)
        and len(m.id) >= 15
        and m.string != m.id
        and "{" not in m.id
        and "%" not in m.id
        and " ".join(m.id.split()) in flat
    ]
    assert left == []


def test_french_typography() -> None:
    assert french_typography(
        "Pourquoi ? Voilà : « oui » ; non !"
    ) == "Pourquoi\u00a0? Voilà\u00a0: «\u00a0oui\u00a0» ; non\u00a0!".replace(" ;", "\u00a0;")
    assert Translator("fr").gettext("Next steps") == "Prochaines étapes"
    assert Translator("en").gettext("Next steps") == "Next steps"
    with pytest.raises(ValueError):
        Translator("de")
