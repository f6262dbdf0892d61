"""Findings: templates as data, plural forms in every language, the lead's overrides and their keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.api import evaluate, explain, load_pack, resolve_period
from boardpack.i18n import translator
from boardpack.inputs import PackInvalid
from boardpack.judge.findings import FindingsError, parse_findings, shipped_findings
from boardpack.judge.writer import compile_template, environment
from tests.conftest import SAMPLE

USAGE = '{{ ngettext("%(num)s customer cut their usage sharply", "%(num)s customers cut their usage sharply", n) }}'


def _fill(template: str, language: str, **values: object) -> tuple[str, list[tuple[str, str]]]:
    env = environment("EUR", "en", language)
    text = compile_template(env, translator(language)(template)).render(**values)
    return text, env.recorder.figures


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 customer cut their usage sharply", "2 customers cut", "20 customers cut"]),
        ("fr", ["1 client a fortement réduit son usage", "2 clients ont fortement", "20 clients ont fortement"]),
        ("ro", ["1 client și-a redus puternic utilizarea", "2 clienți și-au redus", "20 de clienți și-au redus"]),
    ],
)
def test_counts_take_the_plural_form_of_the_language(language: str, expected: list[str]) -> None:
    for count, start in zip((1, 2, 20), expected, strict=True):
        text, figures = _fill(USAGE, language, n=count)
        assert text.startswith(start), text
        assert figures == [("n", str(count))]  # the count is a figure behind the sentence


def test_every_figure_printed_is_recorded_with_its_expression() -> None:
    template = "NRR fell {{ fig.nrr.change }} to {{ nrr | percent }}; {{ worst.nrr }} kept the least"
    text, figures = _fill(template, "en", fig={"nrr": {"change": "2.3 pts"}}, nrr=0.9663, worst={"nrr": "SMB"})
    assert text == "NRR fell 2.3 pts to 96.6%; SMB kept the least"
    assert figures == [("fig.nrr.change", "2.3 pts"), ("nrr", "96.6%"), ("worst.nrr", "SMB")]


def test_a_bad_template_names_the_file_and_the_candidate() -> None:
    text = "slides:\n  retention:\n    - when: nrr <\n      title: NRR {{ nrr | percent }}\nsummary:\n  how: []\n"
    with pytest.raises(FindingsError) as error:
        parse_findings(text, "findings.yaml")
    assert [str(p) for p in error.value.problems] == [
        "findings.yaml: slides.retention, candidate 1: unexpected 'end of template'",
        "findings.yaml:summary: unknown part 'how'; expected one of what, why, doing, ask",
    ]


def test_shipped_findings_end_each_slide_with_a_fallback_that_states_a_figure() -> None:
    for slide_id, candidates in shipped_findings().slides.items():
        assert candidates[-1].title and "{{" in candidates[-1].title, slide_id


def _titles(pack: Path, period: str | None = None, language: str | None = None) -> dict[str, dict]:
    from boardpack.api import with_language

    loaded = load_pack(pack)
    loaded = with_language(loaded, language) if language else loaded
    return {e["key"]: e for e in explain(loaded, resolve_period(loaded, period)) if e["kind"] == "title"}


# Hand-checked against sample_data/northwind for 2026-Q3: MRR 608,108 against 559,064 (+8.8%), Enterprise
# +24,600 of the +49,044; NRR 96.6% against 99.0% (−2.3 pts), Enterprise's part of the fall the largest
# (−1.2 of −2.3 pts), SMB's NRR the lowest (93.1%); CAC by channel among those with 20 wins or more (Organic
# search, Paid search, Partners): Paid search 65,325 / 37 = 1,766, Organic search 16,575 / 31 = 535 (Events,
# 62,608 / 17 = 3,683, has too few wins to rank); 20 usage drop alerts, 10 customers at risk with 10,458 of MRR.
Q3_TITLES = {
    "summary.title": "Q3 2026: MRR up 8.8% to €608K; 2 headline figures off target",
    "revenue.title": "MRR rose 8.8% to €608K; Enterprise added the most (€24.6K)",
    "retention.title": (
        "NRR fell 2.3 pts to 96.6%, most in Enterprise; SMB kept the smallest share of its revenue (93.1%)"
    ),
    "acquisition_cost.title": "Paid search costs the most per customer won (€1,766), Organic search the least (€535)",
    "customer_health.title": "20 customers cut their usage sharply; 10 score at risk (€10.5K of MRR)",
}


def test_sample_titles_state_the_hand_checked_findings() -> None:
    titles = _titles(SAMPLE, "2026-Q3")
    assert {key: titles[key]["text"].replace("\xa0", " ") for key in Q3_TITLES} == Q3_TITLES  # "2.3 pts" keeps together


@pytest.mark.parametrize(
    ("pack", "period"),
    [(SAMPLE, "2026-Q3"), (SAMPLE, "2026-09"), (SAMPLE, "2025"), (SAMPLE.parent / "harbor", None)],
)
def test_every_slide_of_the_samples_states_a_finding_in_one_short_sentence(pack: Path, period: str | None) -> None:
    for key, entry in _titles(pack, period).items():
        assert entry["source"] == "generated", key
        assert len(entry["text"]) <= 110, entry["text"]


DIRECTION = re.compile(r"\b(rose|up|fell|down)\b (\S+)")


@pytest.mark.parametrize("period", ["2026-Q3", "2026-09"])  # sessions rise in the quarter and fall in September
def test_direction_words_follow_the_sign_of_the_change(period: str) -> None:
    pack = load_pack(SAMPLE)
    changes = {k: r.change for k, r in evaluate(pack, resolve_period(pack, period)).results.items()}
    checked = 0
    for entry in explain(pack, resolve_period(pack, period)):
        shown = {value: what for what, value in ((f["what"], f["value"]) for f in entry["figures"])}
        for word, value in DIRECTION.findall(entry["text"]):
            what = shown.get(value.rstrip(";,."))
            if what and (match := re.fullmatch(r"fig\.(\w+)\.change", what)):
                change = changes[match[1]]
                assert (change > 0) == (word in ("rose", "up")), (entry["text"], change)
                checked += 1
    assert checked >= 5


def _numbers(text: str, locale: str) -> list[str]:
    """The figures of a text as plain decimals (`20039`, `8.8`), read with the locale's separators."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    group, point = re.escape(get_group_symbol(locale)), re.escape(get_decimal_symbol(locale))
    found = re.findall(rf"\d(?:[\d{group}]*\d)?(?:{point}\d+)?", text)
    return sorted(re.sub(group, "", n).replace(get_decimal_symbol(locale), ".") for n in found)


def test_french_and_romanian_titles_carry_the_same_figures() -> None:
    """The same figures in every language, each written as its readers write numbers (8.8 in English, 8,8 in
    French and Romanian)."""
    english = _titles(SAMPLE, "2026-Q3")
    for language, locale in (("fr", "fr_FR"), ("ro", "ro_RO")):
        translated = _titles(SAMPLE, "2026-Q3", language)
        assert translated.keys() == english.keys()
        for key, entry in english.items():
            assert _numbers(translated[key]["text"], locale) == _numbers(entry["text"], "en_IE"), key
            assert translated[key]["text"] != entry["text"] or not re.search("[a-z]{4}", entry["text"]), key


NOTES = """# Notes

## retention.title
NRR held where it matters: **Enterprise** renewed

## funnel.summary
-

## unit_economics.title
-

## summary.why
Two enterprise renewals slipped to October.

## ask
Approve a €40K shift from paid social to events for Q4.
"""


def test_the_leads_notes_replace_and_silence_generated_sentences(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "notes.md").write_text(NOTES, encoding="utf-8")
    loaded = load_pack(pack)
    entries = {e["key"]: e for e in explain(loaded, resolve_period(loaded, None)) if e["kind"] != "step"}
    assert entries["retention.title"]["text"] == "NRR held where it matters: Enterprise renewed"
    assert (entries["retention.title"]["source"], entries["retention.title"]["replaced"]) == ("note", True)
    assert entries["unit_economics.title"]["text"] == "Unit economics"  # silenced: the topic
    assert entries["unit_economics.title"]["source"] == "topic"
    assert entries["funnel.summary"]["kind"] == "silenced"
    assert entries["summary.why"]["text"] == "Two enterprise renewals slipped to October."
    assert (
        entries["summary.ask"]["text"] == "The board is asked: Approve a €40K shift from paid social to events for Q4."
    )
    assert entries["summary.what"]["source"] == "generated"


def test_a_heading_naming_no_sentence_of_the_deck_is_reported(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "notes.md").write_text("## retention.titel\nx\n\n## cohorts.title\nx\n", encoding="utf-8")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    slides = "summary, scorecard, funnel, acquisition_cost, revenue, revenue_trend, retention, unit_economics, pipeline"
    assert error.value.report.lines() == [
        "notes.md:1: heading 'retention.titel' names no sentence this deck generates; "
        "expected one of retention.title, retention.summary",
        "notes.md:4: heading 'cohorts.title' names a slide this deck does not show; "
        f"expected a slide of the deck: {slides}",
    ]
