"""The appendix: the definitions of the figures shown, with their benchmarks and sources; the conventions; where
next steps draw the line; data notes; what is not shown. It flows on over as few pages as its words need."""

from __future__ import annotations

import re

from boardpack.i18n import N_
from boardpack.notes.thresholds import threshold_lines
from boardpack.slides.base import SlideData, slide
from boardpack.slides.conventions import (
    CONVENTIONS,
    NEEDED_DATA,
    fx_convention,
    observation,
    raw_policies,
)
from boardpack.slides.forecast import appendix_notes
from boardpack.slides.glossary import definitions
from boardpack.slides.result import DeckResult

PROVIDES = ("definitions", "conventions", "unavailable", "missing_data", "notices", "thresholds")


SEGMENTS = {"smb": N_("small-business"), "mid_market": N_("mid-market"), "enterprise": N_("enterprise")}
FILE_NAMED = re.compile(r"^\S+\.(?:csv|xlsx) \((.*)\)$")  # `data/funnel.csv (funnel counts per channel)`
TOOL_NOTE = re.compile(r"\s*\([^()]*(?:\.csv|\.yaml|\.json|--|\b[a-z]+[._][a-z_]+\b)[^()]*\)")


TABLE_FILE = re.compile(r"\b(?:data/)?([a-z_]+)\.(?:csv|xlsx)\b")
RAW_EXPORTS = {  # a table computed from a raw export, as the board knows the export
    "revenue": N_("billing ledger"),
    "funnel": N_("CRM contacts export"),
    "opportunities": N_("CRM deals export"),
}
QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "ro": ("„", "”")}


def plain(text: str, result: DeckResult | None = None) -> str:
    """Deck words without the file, setting or option a note names: those belong in the command line's messages
    and the metrics JSON, which keep them; the board reads what is missing, in words. A table's file becomes
    its description, quoted (`data/customers.csv` reads “usage, tickets, NPS and billing per customer”)."""
    named = FILE_NAMED.match(text)
    if named:
        return named[1]
    text = TOOL_NOTE.sub("", text)
    if result is None:
        return text
    left, right = QUOTES.get(result.config.language, ("“", "”"))

    for table, source in result.pack.sources.items():  # an export a table is computed from, in words too
        if table in RAW_EXPORTS and source in text and not source.endswith((f"{table}.csv", f"{table}.xlsx")):
            text = text.replace(source, left + result.t(RAW_EXPORTS[table]) + right)

    def described(match: re.Match[str]) -> str:
        table = match[1]
        return left + plain(result.t(NEEDED_DATA[table])) + right if table in NEEDED_DATA else match[0]

    return TABLE_FILE.sub(described, text)


def _missing_data(result: DeckResult) -> list[dict[str, object]]:
    """Each table the pack lacks (a file with no rows is not missing), with the metrics it would show."""
    views = result.views.values()
    return [
        {
            "file": plain(result.t(NEEDED_DATA[table])),
            "metrics": [
                v.label
                for v in views
                if not v.available and v.reason == f"the pack has no {table} table (data/{table}.csv)"
            ],
        }
        for table in NEEDED_DATA
        if not result.pack.present(table)
    ]


def conventions(result: DeckResult) -> list[tuple[str, str]]:
    """Every convention the figures follow, in the deck's language, written once for the PDF and the PowerPoint."""
    t, config = result.t, result.config
    found = [(t(title), t(text)) for title, text in CONVENTIONS]
    if watched := observation(result):
        cohorts = t(
            "Trials and demos count the conversions dated up to the as-of day; the prior period is observed "
            "for as long after its own end."
        )
        found.append((t("Cohorts"), " ".join((cohorts, *watched))))
    if forecast := appendix_notes(result):
        found.append((t("Forecast"), " ".join(forecast)))
    if config.benchmark_segment != "all":  # with all companies, each definition's source says all there is
        segment = SEGMENTS.get(config.benchmark_segment)
        text = t("The benchmarks are those for %(segment)s companies where the source gives them, else those for all.")
        found.append((t("Benchmarks"), text % {"segment": t(segment) if segment else config.benchmark_segment}))
    exports = [(title, plain(text, result)) for title, text in raw_policies(result)]  # an export named in words
    return found + exports + list(fx_convention(result))


def _unavailable(result: DeckResult) -> list[dict[str, str]]:
    """Each reason a figure is not shown, once, with the figures it keeps out (a table without this year's
    rows keeps out all of its figures: one line, not one per figure)."""
    by_reason: dict[str, list[str]] = {}
    for view in result.views.values():
        if not view.available and not (view.reason or "").startswith("the pack has no"):
            by_reason.setdefault(plain(view.reason or "", result), []).append(view.label)
    return [{"label": "; ".join(labels), "reason": _sentence(reason)} for reason, labels in by_reason.items()]


def _sentence(reason: str) -> str:
    """The reason closed by one full stop, or by the ellipsis of a list cut short."""
    text = reason.rstrip()
    if text.endswith("..."):
        return text[:-3].rstrip() + "…"
    return text if text.endswith((".", "…")) else text + "."


@slide("appendix", title=N_("Appendix · definitions and conventions"), provides=PROVIDES)
def build(result: DeckResult) -> SlideData:
    values = {
        "definitions": definitions(result),
        "conventions": conventions(result),
        "unavailable": _unavailable(result),
        "missing_data": _missing_data(result),
        # what the data says to the board, in words: a note on how the pack is set up is for its lead alone
        "notices": [plain(notice.said(result.t), result) for notice in result.pack.notices if not notice.setup],
        "thresholds": threshold_lines(result.config, result.t),
    }
    return result.slide("appendix", values=values)
