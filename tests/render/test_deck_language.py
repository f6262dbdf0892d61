"""French and Romanian decks read as written in those languages: their numbers, their confidentiality line on
every page, no doubled word, titles that start with a capital, labels in lower case mid-sentence, and titles
that say which attribution model or which kind of figure they quote."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack.api import explain, load_pack, resolve_period, with_language
from boardpack.i18n import translator
from boardpack.judge.sentence import capitalised, inline
from tests.conftest import ROOT, SAMPLE

HARBOR = ROOT / "sample_data" / "harbor"
DOUBLED = re.compile(r"\b([^\W\d_]+)[ \u00a0\u202f]+(\1)\b", re.IGNORECASE)
ENGLISH_NUMBER = re.compile(r"€\d|\d\.\d+\s?%|\d,\d{3}\b|\d(?:\.\d+)?[KM]\b")  # €608K, 8.8%, 113,142


@cache
def _pages(pdf: Path) -> tuple[str, ...]:
    """Each page's text on one line, every run of spaces (no-break ones too) as one space."""
    return tuple(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def test_french_deck_writes_french_numbers_in_euro(harbor_deck: Path) -> None:
    """harbor is an en_GB pack built with `--language fr`: numbers as fr_FR writes them, the pack's euro."""
    text = " ".join(_pages(harbor_deck))
    assert "MRR en hausse de 8,8 % à 608 k €" in text
    assert "12 091 €" in text and "13 986 €" in text  # the attribution table: space as thousands separator
    assert [m[0] for m in ENGLISH_NUMBER.finditer(text)] == []


def test_romanian_deck_writes_romanian_numbers(month_deck: Path) -> None:
    text = " ".join(_pages(month_deck))
    assert "MRR a crescut cu 3,1 % la 608 K €" in text
    assert "8.682 €" in text  # point as thousands separator
    assert [m[0] for m in ENGLISH_NUMBER.finditer(text)] == []


def test_confidentiality_line_in_the_deck_language_on_every_page(harbor_deck: Path, month_deck: Path) -> None:
    harbor = _pages(harbor_deck)
    assert "Conseil d'administration" in harbor[0] and "Chiffres au " in harbor[0]  # the theme's cover, translated
    assert all("Réservé au conseil d'administration · ne pas diffuser" in page for page in harbor)
    assert [page.count("Harbor Lane Software") for page in harbor[1:]] == [1] * (len(harbor) - 1)  # once a footer
    month = _pages(month_deck)
    assert all("Confidențial · pregătit pentru consiliul de administrație" in page for page in month)
    assert not any("CONFIDENTIAL" in page.upper().replace("CONFIDENȚIAL", "") for page in month)


def test_no_doubled_word_in_french_and_romanian_decks(harbor_deck: Path, month_deck: Path) -> None:
    """`în în acest trimestru` was a translation that put `în` before a phrase that has it already. A sentence
    goes on in lower case; a word then the same word capitalised or in capitals is two cells of a table
    (`Sessions`, then its definition `Sessions (visits) ...`; `CAC` then `CAC ÷ ...`), not a sentence."""
    doubled = [
        (pdf.name, page[max(0, m.start() - 40) : m.end() + 10])
        for pdf in (harbor_deck, month_deck)
        for page in _pages(pdf)
        for m in DOUBLED.finditer(page)
        if m[2][0].islower()
    ]
    assert doubled == []


@pytest.mark.parametrize("language", ["fr", "ro"])
def test_no_translation_doubles_a_word_around_this_period(language: str) -> None:
    """Every message that says `{{ this_period }}` read with each of its phrases: `în acest trimestru` after
    `în`, `ce mois-ci` after `de ce`. Catches the messages the sample decks do not show."""
    from babel.messages.pofile import read_po

    words = translator(language)
    phrases = [words(p) for p in ("this month", "this quarter", "this year")]
    with (ROOT / f"boardpack/locale/{language}/LC_MESSAGES/boardpack.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    found = []
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            for phrase in phrases if text and "{{ this_period }}" in text else ():
                filled = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "·", text.replace("{{ this_period }}", phrase))
                found += [m[0] for m in DOUBLED.finditer(filled)]
    assert found == []


@pytest.mark.parametrize(("language", "period"), [("fr", "2026-Q3"), ("ro", "2026-09"), ("en", "2026-09")])
def test_every_title_and_summary_starts_with_a_capital(language: str, period: str) -> None:
    pack = with_language(load_pack(SAMPLE), language)
    texts = [e["text"] for e in explain(pack, resolve_period(pack, period)) if e["kind"] in ("title", "summary")]
    assert texts
    lower = [t for t in texts if t[:1].isalpha() and not t[:1].isupper()]
    assert lower == []
    if language == "ro":  # the month's own abbreviation opens the summary's title
        assert any(t.startswith("Sept.\u00a02026: ") for t in texts), texts[:3]


def test_capitalised_keeps_abbreviations_and_figures() -> None:
    assert capitalised("sept.\u00a02026: MRR în creștere") == "Sept.\u00a02026: MRR în creștere"
    assert capitalised("« sept. 2026 »") == "« Sept. 2026 »"
    assert capitalised("2 indicateurs clés hors objectif") == "2 indicateurs clés hors objectif"
    assert capitalised("MRR rose 8.8%. the rest held") == "MRR rose 8.8%. The rest held"
    assert capitalised("n.d. vs sept. 2026") == "N.d. vs sept. 2026"  # an abbreviation ends no sentence


def test_labels_read_in_lower_case_mid_sentence() -> None:
    assert inline("Rétention nette du revenu (NRR)") == "rétention nette du revenu (NRR)"
    assert inline("Taux d'attrition client") == "taux d'attrition client"
    assert inline("MRR") == "MRR" and inline("LTV:CAC") == "LTV:CAC" and inline("MQL → SQL") == "MQL → SQL"


def test_french_written_summary_agrees_and_names_metrics_mid_sentence(harbor_deck: Path) -> None:
    summary = next(page for page in _pages(harbor_deck) if "prochaines étapes suivent" in page)
    assert "hors objectif : rétention nette du revenu (NRR) et taux d'attrition client." in summary
    assert "prochaines étapes suivent ; les plus urgentes : rétention nette du revenu (NRR) et taux " in summary
    assert "la plus urgente sur" not in summary


def test_romanian_written_summary_agrees(month_deck: Path) -> None:
    summary = next(page for page in _pages(month_deck) if "pași următori" in page)
    assert "sub țintă: rata de pierdere a clienților și pipeline față de țintă." in summary
    assert ", cei mai urgenți privind rata de pierdere a clienților și " in summary


def test_attribution_title_names_its_model(sample_deck: Path, harbor_deck: Path, month_deck: Path) -> None:
    """Q3: Paid search leads by original source (€13,986) while Organic search leads first touch (€15,594),
    last touch (€12,627 against €12,524) and linear (€12,995); September: Organic search leads all four."""
    english = " ".join(_pages(sample_deck))
    assert "Paid search leads by original source (€13,986); Organic search under the three touch models" in english
    assert "Paid search brought the most new MRR" not in english
    french = " ".join(_pages(harbor_deck))
    assert (
        "Paid search en tête par source d'origine (13 986 €) ; Organic search selon les trois modèles par point "
        "de contact" in french
    )
    romanian = " ".join(_pages(month_deck))
    assert (
        "Organic search a adus cel mai mult MRR nou în toate modelele de atribuire (8.682 € după sursa inițială)"
        in romanian
    )


def test_revenue_trend_title_quotes_a_churn_rate_as_a_rate(sample_deck: Path, month_deck: Path) -> None:
    english = " ".join(_pages(sample_deck))
    assert "Enterprise MRR grew fastest (10.2%); SMB churned fastest (12.6%)" in english
    assert "lost the most customers" not in english
    romanian = " ".join(_pages(month_deck))
    assert "SMB are cea mai mare rată de pierdere a clienților (4,4 %)" in romanian
