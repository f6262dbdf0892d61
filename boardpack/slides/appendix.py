"""The appendix: definitions and conventions, benchmarks with their sources, data notes, what is not shown."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.conventions import (
    CONVENTIONS,
    LTV_METHODS,
    NEEDED_DATA,
    fx_convention,
    observation,
    raw_policies,
)
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
)


def _missing_data(result: DeckResult) -> list[dict[str, object]]:
    """Each table the pack lacks (a file with no rows is not missing), with the metrics it would show."""
    views = result.views.values()
    return [
        {
            "file": result.t(NEEDED_DATA[table]),
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
        "catalogue": [
            {"id": m.id, "label": t(m.label), "formula": t(m.formula)} for m in result.catalogue.metrics.values()
        ],
        "conventions": tuple((t(title), t(text)) for title, text in CONVENTIONS)
        + raw_policies(result)
        + fx_convention(result),
        "ltv_method": t(LTV_METHODS[config.ltv_method]),
        "cac_lag_months": config.cac_lag_months,
        "benchmarks": [v for v in views.values() if v.benchmark_display],
        "benchmark_segment": config.benchmark_segment,
        "unavailable": [
            v for v in views.values() if not v.available and not (v.reason or "").startswith("the pack has no")
        ],
        "missing_data": _missing_data(result),
        "gross_margin": result.fmt.percent(config.gross_margin, 0) if config.gross_margin is not None else None,
        "notices": [notice.localized(t) for notice in result.pack.notices],
    }
    return result.slide("appendix", values=values)
