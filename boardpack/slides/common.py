"""The values every slide's template can read, whichever slides the deck has: the deck's own facts."""

from __future__ import annotations

from typing import Any

from boardpack import formatting
from boardpack.notes.rules import Lookup
from boardpack.slides.result import TABLE_ROWS, DeckResult


def common_values(result: DeckResult) -> dict[str, Any]:
    """Company, period and its dates, every metric's view, section titles and the next steps by section."""
    config, metrics, t = result.config, result.metrics, result.t
    period = metrics.period
    return {
        "company": config.company,
        "confidentiality": config.confidentiality,
        "currency": config.currency,
        "locale": config.locale,
        "lang": config.locale.split("_")[0],
        "period": period.label,
        "period_kind": period.kind,
        "prior_period": metrics.prior_period.label,
        "year_ago_period": metrics.year_ago_period.label if metrics.year_ago_period else "",
        "period_start": formatting.long_date(period.first_day, config.locale),
        "period_end": formatting.long_date(period.last_day, config.locale),
        "as_of": formatting.long_date(metrics.as_of or period.last_day, config.locale),
        "generated": formatting.long_date(result.today, config.locale),
        "metrics": result.views,
        "sections": {
            key: {"title": t(section.title), "question": t(section.question) if section.question else None}
            for key, section in result.catalogue.sections.items()
        },
        "table_rows": TABLE_ROWS,
        "next_steps": Lookup(result.steps),
    }
