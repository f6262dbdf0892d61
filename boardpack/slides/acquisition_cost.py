"""Cost per lead by channel: spend, leads, CPL, deals won, CAC and lead-to-customer per channel."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import CHART_ROWS, DeckResult
from boardpack.slides.room import HEADING, bars_height

CAPTION = 0.2  # the reference line's label above the bars
COLUMNS = ("channel", "spend", "leads", "cpl", "won", "cac", "lead_to_customer")


@slide("acquisition_cost", needs=("spend", "funnel"), section="acquisition_cost", metrics=("cpl", "cac_by_channel"))
def build(result: DeckResult) -> SlideData:
    fmt, figures, metrics = result.fmt, result.figures, result.metrics
    spend = figures.measure("marketing_spend", "channel") or {}
    leads = figures.measure("leads", "channel") or {}
    won = figures.measure("won", "channel") or {}
    cpl = metrics["cpl"].breakdown("channel")
    cac = metrics["cac_by_channel"].breakdown("channel")
    conversion = metrics["lead_to_customer"].breakdown("channel")
    overall = result.views["cpl"]
    best, worst = overall.best.get("channel"), overall.worst.get("channel")
    shown = [c for c in result.config.channels if c in leads or c in spend]
    cpl_column = dict(zip(shown, fmt.column([cpl.get(c) for c in shown], "currency"), strict=True))  # one precision
    rows = []
    for channel in shown:
        row = {
            "channel": channel,
            "spend": fmt.money(spend.get(channel), 0),
            "leads": fmt.number(leads.get(channel)),
            "cpl": cpl_column[channel],
            "won": fmt.number(won.get(channel)),
            "cac": fmt.money(cac.get(channel), 0),
            "lead_to_customer": fmt.percent(conversion.get(channel)),
            "rank": "best" if channel == best else "worst" if channel == worst else None,
        }
        row["cells"] = [row[k] for k in COLUMNS]
        rows.append(row)
    reference = (
        {"value": overall.value, "label": result.t("Overall {value}").format(value=overall.display)}
        if overall.available
        else None
    )
    ranks = {best: "best", worst: "worst"} if best and worst else {}
    drawn = min(len([v for v in cpl.values() if v is not None]), CHART_ROWS)
    size = result.fill("acquisition_cost", 4.3, reserve=HEADING + CAPTION, most=bars_height(drawn))
    charts, captions = result.hbar("cpl_by_channel", size, dict(cpl), "currency", reference, ranks)
    return result.slide(
        "acquisition_cost", figures=(overall,), tables={"channels": rows}, charts=charts, captions=captions
    )
