"""A deck's language brings its number and date formats, keeps the pack's currency, and prints its own
confidentiality line; a footer that repeats the company is a notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack import formatting
from boardpack.api import load_pack, with_language
from boardpack.cli import app
from boardpack.inputs.config import PackConfig, locale_hint
from boardpack.inputs.language import confidentiality_line, in_language
from tests.conftest import ROOT, SAMPLE, edit

BASE = {"company": "Acme", "channels": ["Web"]}


@pytest.mark.parametrize(
    ("locale", "language", "expected"),
    [
        ("en_IE", "fr", "fr_FR"),  # Babel has no fr_IE: the language's own
        ("en_GB", "ro", "ro_RO"),
        ("en_BE", "fr", "fr_BE"),  # the pack's country, in the deck's language
        ("de_CH", "fr", "fr_CH"),
        ("fr_CA", "fr", "fr_CA"),  # a locale of the deck's language is kept
        ("ro_MD", "ro", "ro_MD"),
        ("fr_FR", "en", "en_FR"),
        (None, "fr", "fr_FR"),
        (None, "ro", "ro_RO"),
        (None, "en", "en_US"),
    ],
)
def test_the_locale_of_a_language(locale: str | None, language: str, expected: str) -> None:
    assert formatting.language_locale(locale, language) == expected


def test_language_without_locale_gives_the_languages_numbers() -> None:
    config = PackConfig.model_validate({**BASE, "language": "fr"})
    assert config.locale == "fr_FR"
    assert locale_hint(config) is None  # not written, so no hint for reading cells such as 12.500
    assert formatting.percent(0.088, config.locale) == "8,8\u00a0%"
    written = PackConfig.model_validate({**BASE, "language": "fr", "locale": "en_IE"})  # as `init` writes it
    assert (written.locale, written.written_locale) == ("fr_FR", "en_IE")
    assert locale_hint(written) == "point"  # cells still read as en_IE writes them: 12.500 is twelve and a half
    swiss = PackConfig.model_validate({**BASE, "language": "fr", "locale": "de_CH"})
    assert swiss.locale == "fr_CH"
    kept = PackConfig.model_validate({**BASE, "language": "fr", "locale": "fr_CA"})
    assert kept.locale == "fr_CA"


def test_command_line_language_changes_numbers_not_currency() -> None:
    config = PackConfig.model_validate({**BASE, "locale": "en_IE", "currency": "USD"})
    french = in_language(config, "fr")
    assert (french.language, french.locale, french.currency) == ("fr", "fr_FR", "USD")
    assert formatting.money(608108, french.currency, french.locale) == "608\u202f108\u00a0$US"
    assert locale_hint(french) == locale_hint(config) == "point"  # reading cells follows the written locale
    assert in_language(config, "en") is config
    belgian = in_language(PackConfig.model_validate({**BASE, "locale": "fr_BE"}), "fr")
    assert belgian.locale == "fr_BE"  # a locale of the language, kept
    unwritten = in_language(PackConfig.model_validate(BASE), "ro")
    assert unwritten.locale == "ro_RO" and locale_hint(unwritten) is None
    assert in_language(unwritten, "en").locale == "en_US"  # not en_RO: the pack never named a country


def test_sample_packs_in_french_keep_euro() -> None:
    pack = with_language(load_pack(SAMPLE), "fr")
    assert (pack.config.locale, pack.config.currency) == ("fr_FR", "EUR")
    assert formatting.money_compact(608108, "EUR", pack.config.locale) == "608\u00a0k\u00a0€"


@pytest.mark.parametrize(
    ("confidentiality", "language", "expected"),
    [
        (None, "fr", "Confidentiel"),  # the default, translated
        (
            "Confidential · prepared for the board of directors",
            "fr",
            "Confidentiel · préparé pour le conseil d'administration",
        ),
        (
            "Confidential · prepared for the board of directors",
            "ro",
            "Confidențial · pregătit pentru consiliul de administrație",
        ),
        ("Board only", "fr", "Board only"),  # the pack's own words, as written
        ({"en": "Board only", "fr": "Réservé au conseil"}, "fr", "Réservé au conseil"),
        ({"en": "Board only", "fr": "Réservé au conseil"}, "en", "Board only"),
        ({"en": "Board only"}, "ro", "Confidențial"),  # a language the mapping lacks: the default
    ],
)
def test_confidentiality_line_in_the_deck_language(
    confidentiality: str | dict[str, str] | None, language: str, expected: str
) -> None:
    settings = {**BASE, "language": language}
    if confidentiality is not None:
        settings["confidentiality"] = confidentiality
    assert confidentiality_line(PackConfig.model_validate(settings)) == expected


def test_confidentiality_mapping_takes_only_languages() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="de"):
        PackConfig.model_validate({**BASE, "confidentiality": {"de": "Vertraulich"}})


def test_footer_starting_with_the_company_is_a_notice(pack: Path) -> None:
    edit(
        pack / "boardpack.yaml",
        "company: Tiny Test Ltd\n",
        "company: Tiny Test Ltd\nbrand:\n  footer: Tiny Test Ltd · board pack\n",
    )
    notices = [str(n) for n in load_pack(pack).notices if "footer" in str(n)]
    assert notices == [
        "boardpack.yaml:brand.footer: starts with the company name Tiny Test Ltd, which every footer prints at its "
        "left already; expected the footer's own words, such as a confidentiality line"
    ]
    assert not [n for n in load_pack(ROOT / "sample_data" / "harbor").notices if "footer" in str(n)]


def test_a_confidentiality_line_in_an_unknown_language_is_one_named_problem(pack: Path) -> None:
    """One problem on the key, naming the language and those there are; nothing written, exit 1."""
    edit(
        pack / "boardpack.yaml",
        "company: Tiny Test Ltd\n",
        "company: Tiny Test Ltd\nconfidentiality: {en: Board, xx: No}\n",
    )
    earlier = {path: path.stat().st_mtime_ns for path in pack.glob("out/*")}
    result = CliRunner().invoke(app, ["build", str(pack)])
    assert result.exit_code == 1
    assert "boardpack.yaml:3:confidentiality: 'xx' is not a deck language; expected en, fr or ro" in result.output
    assert "1 problem in" in result.output and "nothing was written." in result.output
    assert {path: path.stat().st_mtime_ns for path in pack.glob("out/*")} == earlier  # earlier output intact
