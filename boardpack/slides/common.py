"""The values every slide's template can read, whichever slides the deck has: the deck's own facts."""

from __future__ import annotations

from typing import Any

from boardpack import formatting
from boardpack.inputs.language import confidentiality_line
from boardpack.notes.rules import Lookup
from boardpack.slides.result import TABLE_ROWS, DeckResult


def common_values(result: DeckResult) -> dict[str, Any]:
    """Company, period and its dates, every metric's view, section titles and the next steps by section (those
    the section's slide shows; `more_steps` counts the rest, listed on the page of all next steps)."""
    config, metrics, t = result.config, result.metrics, result.t
    period = metrics.period
    words = formatting.words_locale(config.locale, config.language)
    return {
        "company": config.company,
        "confidentiality": confidentiality_line(config),
        "currency": config.currency,
        "locale": config.locale,
        "lang": config.language,  # the words' language (hyphenation, screen readers); numbers follow `locale`
        "words_locale": words,  # month names and dates in the deck's language
        "period": formatting.period_name(period, config.language),
        "period_label": period.label,
        "period_kind": period.kind,
        "prior_period": formatting.period_name(metrics.prior_period, config.language),
        "year_ago_period": formatting.period_name(metrics.year_ago_period, config.language)
        if metrics.year_ago_period
        else "",
        "period_start": formatting.long_date(period.first_day, words),
        "period_end": formatting.long_date(period.last_day, words),
        "as_of": formatting.long_date(metrics.as_of or period.last_day, words),
        "generated": formatting.long_date(result.today, words),
        "metrics": result.views,
        "sections": {
            key: {"title": t(section.title), "question": t(section.question) if section.question else None}
            for key, section in result.catalogue.sections.items()
        },
        "table_rows": TABLE_ROWS,
        "next_steps": Lookup({section: shown for section, (shown, _) in result.slide_steps.items()}),
        "more_steps": Lookup({section: len(rest) for section, (_, rest) in result.slide_steps.items() if rest}),
    }
