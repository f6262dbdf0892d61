"""The funnel: entries into each stage and the catalogue's conversion between neighbouring stages.

The rate on an arrow and the same rate in the table are one metric view: they cannot disagree.
"""

from __future__ import annotations

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

RATES = (
    "visitor_to_lead",
    "lead_to_mql",
    "mql_to_sal",
    "sal_to_sql",
    "mql_to_sql",
    "sql_to_opportunity",
    "sql_to_quote",
    "quote_to_won",
    "opportunity_to_won",
    "lead_to_customer",
    "visitor_to_mql",
    "lead_to_close",
)


@slide("funnel", needs=("funnel",), section="funnel", metrics=RATES)
def build(result: DeckResult) -> SlideData:
    stages = result.figures.funnel
    views = result.views
    charts = ()
    if len(stages) >= 2:
        data = {
            "stages": [result.t(s.label) for s in stages],
            "values": [s.value for s in stages],
            "value_labels": [result.fmt.number(s.value) for s in stages],
            "rate_labels": [views[s.rate].display if s.rate and views[s.rate].shown else "" for s in stages],
        }
        charts = (result.chart("funnel", "funnel", result.room("funnel", (3.6, 4.0)), data),)
    rates = [views[m] for m in RATES if views[m].shown]
    note = result.t(
        N_(
            "Entries into each stage in %(period)s, all channels; each conversion is over the channels that track "
            "both stages. Bar widths are to scale."
        )
    ) % {"period": formatting.period_name(result.metrics.period, result.config.language)}
    return result.slide(
        "funnel", figures=tuple(rates), charts=charts, tables={"funnel_rates": rates}, values={"funnel_note": note}
    )
