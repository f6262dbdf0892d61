"""Each slide's data as PowerPoint blocks: the same headings, tables and notes as its HTML template.

The words are the templates' own messages, so they are translated already; the figures are the slide
data's formatted text. A slide a theme adds (no template known here) gets the common shape: its charts
on the left, its figures and next steps on the right.
"""

from __future__ import annotations

from collections.abc import Callable

from boardpack.charts import ChartSpec
from boardpack.i18n import Translator
from boardpack.render.pptx.appendix import appendix_pages, restated_page
from boardpack.render.pptx.at_risk import at_risk_pages
from boardpack.render.pptx.blocks import Block, Cover, Page, Table, Text, Tiles
from boardpack.render.pptx.pair import pair_page
from boardpack.render.pptx.pieces import (
    Values,
    chart,
    figures,
    head,
    metric_table,
    ranked,
    rows_of,
    section,
    steps,
    tile_texts,
)
from boardpack.slides import DeckResult, SlideData


def _generic(t: Translator, slide: SlideData, v: Values) -> Page:
    charts = tuple(b for spec in slide.charts for b in chart(slide, spec.name, spec.title, t))
    right = ((figures(slide.figures),) if slide.figures else ()) + steps(t, slide, v)
    return section(t, slide, charts, right, split=0.58)


def _cover(t: Translator, slide: SlideData, v: Values) -> Page:
    cover = Cover(
        f"{t('Board meeting')} · {v['period_start']} – {v['period_end']}",
        v["company"],
        f"{t('Marketing, sales and revenue report')} · {v['period']}",
        t("Figures as of %(date)s") % {"date": v["generated"]},
        v["confidentiality"],
    )
    return Page(slide.id, "cover", v["company"], cover=cover)


def _summary(t: Translator, slide: SlideData, v: Values) -> Page:
    note = t(
        "Change compares %(period)s with %(prior)s. Status compares with the company's target where one is set, "
        "otherwise with the industry benchmark named in the appendix."
    ) % {"period": v["period"], "prior": v["prior_period"]}
    per_row = int(slide.values.get("tiles_per_row", 4))
    title, kicker, _ = head(slide, f"{t('Executive summary')} · {v['period']}")
    left = (
        *((Text(slide.summary),) if slide.summary else ()),
        Tiles(slide.tiles, per_row, tuple(tile_texts(t, m, v["prior_period"]) for m in slide.tiles)),
        Text((note,), style="note"),
    )
    return Page(slide.id, "content", title, kicker, left=left)


def _scorecard(t: Translator, slide: SlideData, v: Values) -> Page:
    card = slide.values["scorecard"]
    tables = [
        metric_table(t, list(card[kind]), v, year_ago=True, heading=f"{title} ({note})")
        for kind, title, note in (
            ("lead", t("Lead indicators"), t("predict revenue to come")),
            ("lag", t("Lag indicators"), t("report results achieved")),
        )
    ]
    # stacked, each table the slide's width, as the PDF has them: six columns side by side wrap every label
    title, kicker, said = head(slide, f"{t('Balanced scorecard')} · {v['period']}")
    return Page(slide.id, "content", title, kicker, left=tuple(tables), summary=said)


def _titled(title: str) -> Callable[[Translator, SlideData, Values], Page]:
    """A slide with a chart on the left (wide) and its figures and next steps on the right."""

    def build(t: Translator, slide: SlideData, v: Values) -> Page:
        charts = tuple(b for spec in slide.charts for b in chart(slide, spec.name, spec.title, t))
        right = ((figures(slide.figures),) if slide.figures else ()) + steps(t, slide, v)
        return section(t, slide, charts, right, topic=f"{t(title)} · {v['period']}", split=0.6)

    return build


def _headed(name: str, heading: str) -> Callable[[Translator, SlideData, Values], Page]:
    """A chart with a heading above it on the left, the figures and next steps on the right."""

    def build(t: Translator, slide: SlideData, v: Values) -> Page:
        left = chart(slide, name, t(heading) % {"period": v["period"]} if "%(" in heading else t(heading), t)
        right = ((figures(slide.figures),) if slide.figures else ()) + steps(t, slide, v)
        return section(t, slide, left, right)

    return build


def _traffic(t: Translator, slide: SlideData, v: Values) -> Page:
    left = chart(slide, "sessions_trend", t("Sessions by period"), t)
    events = v["metrics"]["event_visitor_to_lead"]
    if events.available:
        rows = tuple((key, display) for key, _value, display in events.breakdown.get("event", ()))
        left += (Table((t("Event"), t("Booth visitor → lead")), rows, heading=t("Trade shows and events")),)
    return section(t, slide, left, (figures(slide.figures), *steps(t, slide, v)), split=0.6)


def _funnel(t: Translator, slide: SlideData, v: Values) -> Page:
    left = (*chart(slide, "funnel", "", t), Text((slide.values["funnel_note"],), style="note"))
    right = (metric_table(t, list(slide.tables["funnel_rates"]), v), *steps(t, slide, v))
    return section(t, slide, left, right, split=0.4)  # the funnel narrow, its table wide, as on the PDF


def _acquisition(t: Translator, slide: SlideData, v: Values) -> list[Page]:
    rows = slide.tables["channels"]
    cpl = v["metrics"]["cpl"]
    head = t("Overall %(value)s per lead, %(change)s vs %(period)s.") % {
        "value": cpl.display,
        "change": cpl.change_display,
        "period": v["prior_period"],
    }
    keys = ("channel", "spend", "leads", "cpl", "won", "cac", "lead_to_customer")
    headers = (t("Channel"), t("Spend"), t("Leads"), t("CPL"), t("Won"), t("CAC"), t("Lead → customer"))
    cells = tuple((ranked(r[0], row.get("rank")), *r[1:]) for r, row in zip(rows_of(rows, keys), rows, strict=True))
    table = Table(headers, cells, strong=3, tones=tuple(r.get("rank") for r in rows))
    long = len(rows) > v["table_rows"]
    note = t(
        "Channel spend is the marketing spend marked with the channel; the overall CPL also counts spend not "
        "tied to a channel (team, tools)."
    )
    right = (
        Text((head,)),
        Text((t("All %(count)s channels are in the table on the next page.") % {"count": len(rows)},), style="note")
        if long
        else table,
        Text((note,), style="note"),
        *steps(t, slide, v),
    )
    left = chart(slide, "cpl_by_channel", t("Cost per lead by channel"), t)
    pages = [section(t, slide, left, right, split=0.4)]  # the chart narrow, the table wide, as on the PDF
    if long:
        title = t("Cost per lead by channel · all %(count)s channels") % {"count": len(rows)}
        pages.append(Page(slide.id, "table", title, left=(table,)))
    return pages


def _revenue_trend(t: Translator, slide: SlideData, v: Values) -> Page:
    right: tuple[Block, ...] = ()
    for dimension, title, heading in (
        ("segments", t("Segment"), t("MRR by segment at %(date)s") % {"date": v["period_end"]}),
        ("plans", t("Plan"), t("MRR by plan at %(date)s") % {"date": v["period_end"]}),
    ):
        rows = slide.tables.get(dimension)
        if not rows:
            continue
        seg = dimension == "segments"
        keys = ("name", "mrr", "share", *(("customers",) if seg else ()), "arpu", "customer_churn_rate", "nrr")
        headers = (title, t("MRR"), t("Share"), *((t("Customers"),) if seg else ()), t("ARPU"), t("Churn"), t("NRR"))
        right += (Table(headers, rows_of(rows, keys), heading=heading, strong=1),)
    return section(t, slide, chart(slide, "mrr_trend", "", t), right, topic=t("MRR trend and segments"))


def _long_table(
    t: Translator, slide: SlideData, v: Values, table: Table, count: int, message: str, title: str
) -> tuple[Block, list[Page]]:
    """The table where it fits beside the chart, else a note here and the table on a page of its own."""
    if len(table.rows) <= v["table_rows"]:
        return table, []
    note = Text((t(message) % {"count": count},), style="note")
    return note, [Page(slide.id, "table", title, left=(table,))]


def _churn(t: Translator, slide: SlideData, v: Values) -> list[Page]:
    rows = slide.tables["churn_reasons"]
    keys = ("reason", "customers", "customer_share", "mrr", "mrr_share")
    headers = (t("Reason"), t("Customers"), t("Share"), t("MRR lost"), t("Share"))
    block, more = _long_table(
        t,
        slide,
        v,
        Table(headers, rows_of(rows, keys)),
        len(rows),
        "All %(count)s reasons are in the table on the next page.",
        f"{t('Churn reasons')} · {v['period']}",
    )
    left = chart(slide, "churn_reasons", t("Share of lost MRR by reason"), t)
    right = (block, *((figures(slide.figures),) if slide.figures else ()), *steps(t, slide, v))
    return [section(t, slide, left, right), *more]


def _trials(t: Translator, slide: SlideData, v: Values) -> Page:
    left = chart(slide, "demo_by_type", t("Demo → customer by demo type"), t)
    if left:
        headers = (t("Demo type"), t("Requests"), t("→ customer"), t("Median days"))
        keys = ("type", "requests", "conversion", "days")
        left += (Table(headers, rows_of(slide.tables.get("demo_types", []), keys)),)
    note = t(
        "Trials and demos are counted by the period they started in; conversions are those recorded by %(as_of)s."
    ) % {"as_of": v["as_of"]}
    return section(t, slide, left, (figures(slide.figures), Text((note,), style="note"), *steps(t, slide, v)))


def _health(t: Translator, slide: SlideData, v: Values) -> Page:
    left = chart(slide, "health_bands", t("Customers by health band"), t)
    if slide.tables.get("usage_drops"):
        keys = ("customer", "segment", "mrr", "usage_prior", "usage", "change")
        headers = (t("Customer"), t("Segment"), t("MRR"), t("Usage before"), t("Now"), t("Change"))
        left += (
            Table(
                headers,
                rows_of(slide.tables["usage_drops_shown"], keys),
                heading=t("Usage drop alerts, largest MRR first"),
                numeric_from=2,
            ),
        )
        if more := slide.values.get("usage_drops_more_note"):
            left += (Text((more,), style="note"),)
    # the alerts table takes the wider column: its customer names and five figures stay on one line each
    return section(t, slide, left, (figures(slide.figures), *steps(t, slide, v)), split=0.62)


def _attribution(t: Translator, slide: SlideData, v: Values) -> list[Page]:
    data = slide.tables["attribution"]
    heading = t("New MRR won in %(period)s by channel") % {"period": v["period"]}
    table = Table(tuple(data["headers"]), tuple(tuple(r["cells"]) for r in data["rows"]), heading=heading)
    block, more = _long_table(
        t, slide, v, table, len(data["rows"]), "All %(count)s channels are in the table on the next page.", heading
    )
    note = t(
        "Original source: the channel that first brought the customer. First and last touch credit one touch; "
        "linear shares the MRR equally among all touches before the win."
    )
    right = (block, Text((note,), style="note"), *steps(t, slide, v))
    return [section(t, slide, chart(slide, "attribution", "", t), right), *more]


def heatmap_table(spec: ChartSpec, heading: str) -> Table:
    """A heatmap (cohort retention) as a table: PowerPoint has no chart type for it."""
    rows = tuple((row, *cells) for row, cells in zip(spec.data["rows"], spec.data["labels"], strict=True))
    known = [v for values in spec.data["values"] for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    span = (high - low) or 1.0  # shaded over the table's own range, as the PDF's heatmap colours it
    shades = tuple(
        (None, *((None if v is None else (v - low) / span) for v in values)) for values in spec.data["values"]
    )
    return Table(("", *spec.data["columns"]), rows, heading=heading, shades=shades)


def _cohorts(t: Translator, slide: SlideData, v: Values) -> Page:
    by_name = {c.name: c for c in slide.charts}
    left = tuple(
        heatmap_table(by_name[n], h)
        for n, h in (
            ("cohorts_customers", t("Customers still paying, by first-paid month")),
            ("cohorts_mrr", t("MRR kept, by first-paid month")),
        )
        if n in by_name
    )
    note = t(
        "Each row is the customers whose first payment fell in that month; each column a month of age (0 = the "
        "first month). MRR kept includes expansion, so it can exceed 100%%. From the billing ledger."
    )
    right = (*left[1:], Text((note.replace("%%", "%"),), style="note"))
    return section(t, slide, left[:1], right, topic=t("Cohort retention"))


def _forecast(t: Translator, slide: SlideData, v: Values) -> Page:
    """The forecast's chart, its quarters and the pipeline's coverage on the left; its figures on the right."""
    if reason := v.get("forecast_reason"):
        left: tuple[Block, ...] = (Text((t("No forecast: %(reason)s.") % {"reason": reason},), style="note"),)
        return section(t, slide, left, (figures(slide.figures), *steps(t, slide, v)) if slide.figures else ())
    left = chart(slide, "forecast_mrr", "", t)
    quarters = slide.tables.get("forecast_quarters") or []
    headers = (t("Quarter"), t("MRR"), t("Low"), t("High"))
    rows = rows_of(quarters, ("quarter", "mrr", "low", "high"))
    left += (Table(headers, rows, strong=1),) if rows else ()
    right: tuple[Block, ...] = (figures(slide.figures),) if slide.figures else ()
    if pipeline := slide.tables.get("forecast_pipeline"):
        right += (Table(("", ""), tuple((str(a), str(b)) for a, b in pipeline), header=False),)
    if more := v.get("forecast_pipeline_reason"):
        right += (Text((t("Coverage not shown: %(reason)s.") % {"reason": more},), style="note"),)
    return section(t, slide, left, (*right, *steps(t, slide, v)), split=0.6)


BUILDERS: dict[str, Callable[[Translator, SlideData, Values], Page | list[Page]]] = {
    "cover": _cover,
    "summary": _summary,
    "scorecard": _scorecard,
    "traffic": _traffic,
    "funnel": _funnel,
    "acquisition_cost": _acquisition,
    "revenue": _titled("MRR bridge"),
    "revenue_trend": _revenue_trend,
    "churn": _churn,
    "trials_demos": _trials,
    "customer_health": _health,
    "at_risk": at_risk_pages,
    "attribution": _attribution,
    "cohorts": _cohorts,
    "forecast": _forecast,
    "cost_to_serve": _headed("cost_components", "Cost to serve by component, %(period)s"),
    "engagement": _headed("social_reach", "Social reach by network"),
    "cost_and_engagement": pair_page,
    "appendix": appendix_pages,
    "restated": restated_page,
}


def slide_pages(result: DeckResult, slide: SlideData, values: Values) -> list[Page]:
    """The PowerPoint pages of one slide: one, or more where the HTML gives a long table a page of its own."""
    build = BUILDERS.get(slide.id, _generic)
    made = build(result.t, slide, {**values, "locale": result.config.locale})
    return made if isinstance(made, list) else [made]
