"""The appendix: definitions and conventions, benchmarks with their sources, data notes, what is not shown."""

from __future__ import annotations

import re

from boardpack.i18n import N_
from boardpack.notes.thresholds import threshold_lines
from boardpack.slides.base import SlideData, slide
from boardpack.slides.conventions import (
    CONVENTIONS,
    LTV_METHODS,
    NEEDED_DATA,
    fx_convention,
    observation,
    raw_policies,
)
from boardpack.slides.forecast import appendix_notes
from boardpack.slides.result import DeckResult

PROVIDES = (
    "observation",
    "catalogue",
    "conventions",
    "ltv_method",
    "cac_lag_months",
    "benchmarks",
    "benchmark_segment",
    "unavailable",
    "missing_data",
    "gross_margin",
    "notices",
    "forecast_notes",
    "thresholds",
)


FILE_NAMED = re.compile(r"^\S+\.(?:csv|xlsx) \((.*)\)$")  # `data/funnel.csv (funnel counts per channel)`
TOOL_NOTE = re.compile(r"\s*\([^()]*(?:\.csv|\.yaml|\.json|--|\b[a-z]+[._][a-z_]+\b)[^()]*\)")


TABLE_FILE = re.compile(r"\b(?:data/)?([a-z_]+)\.(?:csv|xlsx)\b")
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


@slide("appendix", title=N_("Appendix · definitions and conventions"), provides=PROVIDES)
def build(result: DeckResult) -> SlideData:
    t, config, views = result.t, result.config, result.views
    values = {
        "observation": observation(result),
        # only the metrics the deck shows a value of: the appendix defines what the board reads
        "catalogue": [
            {"id": m.id, "label": t(m.label), "formula": plain(t(m.formula))}  # no setting names in the deck
            for m in result.catalogue.metrics.values()
            if views[m.id].available
        ],
        "conventions": tuple((t(title), t(text)) for title, text in CONVENTIONS)
        + raw_policies(result)
        + fx_convention(result),
        "ltv_method": t(LTV_METHODS[config.ltv_method]),
        "cac_lag_months": config.cac_lag_months,
        "benchmarks": [v for v in views.values() if v.benchmark_display],
        "benchmark_segment": config.benchmark_segment,
        "unavailable": [
            {"label": v.label, "reason": plain(v.reason or "", result)}
            for v in views.values()
            if not v.available and not (v.reason or "").startswith("the pack has no")
        ],
        "missing_data": _missing_data(result),
        "gross_margin": result.fmt.percent(config.gross_margin, 0) if config.gross_margin is not None else None,
        "notices": [notice.localized(t) for notice in result.pack.notices],
        "forecast_notes": appendix_notes(result),
        "thresholds": threshold_lines(config, t),
    }
    return result.slide("appendix", values=values)
