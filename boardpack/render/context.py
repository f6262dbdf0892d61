"""The deck's context: every variable a template can use, and the charts the slides show.

This is the contract between the engine and the templates (documented in the README): a theme
author reads `metrics.<id>.display`, `charts.<name>`, `tables.<name>`, `next_steps.<section>` and
`slides`, and never needs to know how a number was computed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardpack import formatting
from boardpack.charts import Axis, ChartSpec
from boardpack.i18n import N_, translator
from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.engine import Evaluation
from boardpack.metrics.measures import Unavailable
from boardpack.metrics.observation import cohort_windows
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import Lookup, NextStep
from boardpack.periods import Period
from boardpack.render.views import Fmt, MetricView, metric_view


@dataclass(frozen=True)
class Slide:
    """A slide template and the tables it needs: all of `needs`, and one of `any_of` if given."""

    name: str
    needs: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    section: str | None = None
    derived: str | None = None  # computed from a raw export (cohorts come from the billing ledger)


SLIDES = (
    Slide("cover"),
    Slide("summary"),
    Slide("scorecard"),
    Slide("traffic", any_of=("traffic", "events"), section="traffic"),
    Slide("funnel", ("funnel",), section="funnel"),
    Slide("acquisition_cost", ("spend", "funnel"), section="acquisition_cost"),
    Slide("revenue", ("revenue",), section="revenue"),
    Slide("revenue_trend", ("revenue",), section="revenue"),
    Slide("retention", ("revenue",), section="retention"),
    Slide("churn", ("churn_reasons", "revenue"), section="churn"),
    Slide("cohorts", ("revenue",), section="retention", derived="cohorts"),
    Slide("unit_economics", ("revenue", "spend"), section="unit_economics"),
    Slide("pipeline", ("pipeline",), section="pipeline"),
    Slide("trials_demos", any_of=("trials", "demos"), section="trials_demos"),
    Slide("customer_health", ("customers",), section="customer_health"),
    Slide("at_risk", ("customers",), section="customer_health"),
    Slide("cost_to_serve", ("finance", "revenue"), section="cost_to_serve"),
    Slide("engagement", any_of=("email", "social"), section="engagement"),
    Slide("attribution", ("wins",), section="attribution"),
    Slide("appendix"),
    Slide("restated"),
)
SUMMARY_TILES = (
    "mrr",
    "net_new_mrr",
    "nrr",
    "customer_churn_rate",
    "ltv_cac_ratio",
    "cac_payback_months",
    "marketing_pipeline_share",
    "pipeline_attainment",
)
FUNNEL_STAGES = (
    ("funnel.visitors", N_("Visitors")),
    ("funnel.leads", N_("Leads")),
    ("funnel.mqls", N_("MQLs")),
    ("funnel.sals", N_("SALs")),
    ("funnel.sqls", N_("SQLs")),
    ("funnel.opportunities", N_("Opportunities")),
    ("funnel.quotes", N_("Quotes")),
    ("funnel.customers", N_("Won")),
)
# the conversion shown between two neighbouring bars of the funnel chart, by (stage before, stage)
STAGE_RATES = {
    ("funnel.visitors", "funnel.leads"): "visitor_to_lead",
    ("funnel.leads", "funnel.mqls"): "lead_to_mql",
    ("funnel.mqls", "funnel.sals"): "mql_to_sal",
    ("funnel.mqls", "funnel.sqls"): "mql_to_sql",
    ("funnel.sals", "funnel.sqls"): "sal_to_sql",
    ("funnel.sqls", "funnel.opportunities"): "sql_to_opportunity",
    ("funnel.opportunities", "funnel.quotes"): "opportunity_to_quote",
    ("funnel.opportunities", "funnel.customers"): "opportunity_to_won",
    ("funnel.quotes", "funnel.customers"): "quote_to_won",
}
FUNNEL_RATES = (
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
HISTORY_METRICS = (
    "mrr",
    "nrr",
    "grr",
    "customer_churn_rate",
    "ltv_cac_ratio",
    "cac_payback_months",
    "sessions",
    "cost_to_serve_ratio",
)
HISTORY_MEASURES = ("marketing_pipeline", "sales_pipeline", "other_pipeline", "pipeline_target")
CONVENTIONS = (
    (
        N_("Periods"),
        N_(
            "A quarter or a year is built from its months: flows (leads, spend, new MRR) are summed over the "
            "months, stocks (MRR, customers, followers) are read at the end of the last month. A table with "
            "quarterly rows can report quarters and years, not months.",
        ),
    ),
    (
        N_("Rates over a period"),
        N_(
            "Churn and retention rates are measured over the whole period against its opening figure: a quarterly "
            "customer churn rate is the customers lost during the quarter divided by the customers at its start, "
            "never the sum of three monthly rates. Where a monthly rate is needed (LTV, lifetime, monthly "
            "benchmarks), the period rate is turned into the constant monthly rate that compounds to it: "
            "m = 1 − (1 − q)^(1/n) for a period of n months; annual churn is 1 − (1 − m)^12.",
        ),
    ),
    (
        N_("Stage conversions"),
        N_(
            "Conversions are period-based: entries into a stage during the period divided by entries into the stage "
            "before it during the same period, over the channels that track both stages. Trials and demos are "
            "cohorts instead: of the trials started (demos requested) in the period, how many have converted.",
        ),
    ),
    (
        N_("Figures that cannot be true"),
        N_(
            "A conversion whose later stage exceeds the stage before it by more than checks.stage_margin over the "
            "whole period is shown as n/m (not meaningful): it points at the data, not at a rate above 100%. "
            "The data notes name the cells.",
        ),
    ),
    (
        N_("Customer acquisition cost"),
        N_(
            "CAC is fully loaded: all marketing and sales spend of the period, salaries and tools included, divided "
            "by the new customers billed in the period (new, not reactivated). Marketing CAC counts marketing spend "
            "only; CAC by channel divides the spend marked with a channel by the deals won from it.",
        ),
    ),
    (
        N_("Counts of customers"),
        N_(
            "Each figure takes its customers from one table. CAC, marketing CAC and CAC with spend lag divide by the "
            "new customers billed (revenue.csv), and ARPU by the paying customers billed; stage conversions, leads "
            "per deal and CAC by channel use the deals won in the funnel (funnel.csv); attribution counts the rows "
            "of wins.csv. The data notes name any quarter in which these counts differ by more than "
            "checks.count_tolerance.",
        ),
    ),
    (
        N_("Changes and status"),
        N_(
            "Changes compare with the prior period: amounts in percent, rates in percentage points. Status compares "
            "with the company's target when boardpack.yaml sets one, else with the benchmark; a value within the "
            "watch band of its threshold is shown as Watch.",
        ),
    ),
)
NEEDED_DATA = {
    "funnel": N_("data/funnel.csv (funnel counts per channel)"),
    "spend": N_("data/spend.csv (marketing and sales spend)"),
    "revenue": N_("data/revenue.csv (MRR and its movements per month)"),
    "pipeline": N_("data/pipeline.csv (pipeline created by source, and its target)"),
    "traffic": N_("data/traffic.csv (website sessions, users, pageviews)"),
    "events": N_("data/events.csv (trade-show booth visitors and leads)"),
    "churn_reasons": N_("data/churn_reasons.csv (churned customers with their reason)"),
    "trials": N_("data/trials.csv (free trials and their conversion)"),
    "demos": N_("data/demos.csv (demo requests and their conversion)"),
    "customers": N_("data/customers.csv (usage, tickets, NPS and billing per customer)"),
    "finance": N_("data/finance.csv (revenue and cost to serve)"),
    "email": N_("data/email.csv (email opens, clicks, unsubscribes)"),
    "social": N_("data/social.csv (social reach, engagements, followers)"),
    "wins": N_("data/wins.csv (customers won, with new MRR and original source)"),
    "touches": N_("data/touches.csv (marketing touches before each win)"),
}
CHART_ROWS = 12  # categories a bar chart can label legibly
TABLE_ROWS = 12  # rows a table beside a chart can hold; longer tables get a page of their own

LTV_METHODS = {
    "margin": N_("ARPU × gross margin ÷ monthly customer churn"),
    "arpu_churn": N_("ARPU ÷ monthly customer churn (no margin)"),
    "annual_lifetime": N_("annual revenue per customer × gross margin × expected lifetime in years"),
}


@dataclass(frozen=True)
class ChartRef:
    """Where a slide finds a chart, and the size it was drawn at (inches), so it is never rescaled."""

    src: str
    width: float
    height: float


@dataclass
class DeckContext:
    values: dict[str, Any]
    charts: list[ChartSpec] = field(default_factory=list)


def _month_index(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


def _last(values: list[float | None]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)


class _Builder:
    def __init__(
        self,
        pack: PackInputs,
        metrics: MetricSet,
        catalogue: Catalogue,
        steps: dict[str, list[NextStep]],
        today: date,
        restated: list[Any],
        scale: float,
    ) -> None:
        self.restated = restated
        self.scale = scale
        self.pack = pack
        self.metrics = metrics
        self.catalogue = catalogue
        self.steps = steps
        self.today = today
        self.config = pack.config
        self.t = translator(self.config.language)
        self.fmt = Fmt(self.config.currency, self.config.locale, self.t)
        self.axis = {
            unit: Axis(unit, self.config.currency, self.config.locale)
            for unit in ("currency", "ratio", "multiple", "count")
        }
        self.views: dict[str, MetricView] = {
            metric_id: metric_view(catalogue.metrics[metric_id], result, self.fmt)
            for metric_id, result in metrics.results.items()
        }
        self.evaluation = Evaluation(pack, metrics.period, catalogue, metrics.as_of)
        self.charts: list[ChartSpec] = []
        self.chart_refs: dict[str, ChartRef | None] = {}
        self.tables: dict[str, Any] = {}
        self.captions: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------------------
    def measure(self, name: str, by: str | None = None) -> Any:
        try:
            return self.evaluation.measure(name, by)
        except Unavailable:
            return None

    def available(self, *metric_ids: str) -> list[MetricView]:
        return [self.views[m] for m in metric_ids if self.views[m].available]

    def chart(self, kind: str, name: str, size: tuple[float, float], data: dict[str, Any], unit: str = "count") -> None:
        width, height = (round(side * self.scale, 2) for side in size)
        axis = self.axis.get(unit, self.axis["count"])
        self.charts.append(ChartSpec(kind, name, width, height, data=data, axis=axis))
        self.chart_refs[name] = ChartRef(f"charts/{name}.svg", width, height)

    def hbar(
        self,
        name: str,
        size: tuple[float, float],
        values: dict[str, float | None],
        unit: str,
        reference: dict[str, Any] | None = None,
        ranks: dict[str, str] | None = None,
    ) -> None:
        """A horizontal bar chart of one breakdown, largest first, skipping keys without a value.

        Beyond CHART_ROWS categories the bars would be too thin to label: the largest and smallest
        halves are drawn, and the chart's caption (`captions.<name>`) says how many were left out.
        """
        pairs = [(k, v) for k, v in values.items() if v is not None]
        if not pairs:
            return
        pairs.sort(key=lambda kv: -kv[1])
        if len(pairs) > CHART_ROWS:
            half = CHART_ROWS // 2
            self.captions[name] = self.t(
                "The {half} highest and {half} lowest of {count}; all are in the table."
            ).format(half=half, count=len(pairs))
            pairs = pairs[:half] + pairs[-half:]
        self.chart(
            "hbar",
            name,
            size,
            {
                "categories": [k for k, _ in pairs],
                "values": [v for _, v in pairs],
                "value_labels": [self.fmt.value(v, unit) for _, v in pairs],
                "highlight": ranks or {},
                "reference": reference,
            },
            unit if unit in self.axis else "count",
        )

    def history(self) -> tuple[list[Period], dict[str, list[float | None]]]:
        """The trend window, trimmed of leading periods the pack has no data for."""
        periods = self.metrics.period.history(self.config.history)
        series: dict[str, list[float | None]] = {name: [] for name in (*HISTORY_METRICS, *HISTORY_MEASURES)}
        for step in periods:
            evaluation = self.evaluation.at(step)
            for metric_id in HISTORY_METRICS:
                series[metric_id].append(evaluation.evaluate(metric_id).value)
            for name in HISTORY_MEASURES:
                try:
                    series[name].append(float(evaluation.measure(name)))  # type: ignore[arg-type]
                except Unavailable:
                    series[name].append(None)
        first = next((i for i in range(len(periods)) if any(s[i] is not None for s in series.values())), len(periods))
        return periods[first:], {name: values[first:] for name, values in series.items()}

    # -- slide data ------------------------------------------------------------------------------
    def funnel(self) -> None:
        stages, values, labels, measures = [], [], [], []
        for measure, label in FUNNEL_STAGES:
            value = self.measure(measure)
            if value is None:
                continue
            stages.append(self.t(label))
            values.append(float(value))
            labels.append(self.fmt.number(value))
            measures.append(measure)
        # each conversion is its catalogue metric: over the rows that track both stages, n/m when not meaningful
        rates = [""]
        for before, stage in itertools.pairwise(measures):
            metric_id = STAGE_RATES.get((before, stage))
            rates.append(self.views[metric_id].display if metric_id and self.views[metric_id].shown else "")
        if len(stages) >= 2:
            self.chart(
                "funnel",
                "funnel",
                (5.7, 4.7),
                {"stages": stages, "values": values, "value_labels": labels, "rate_labels": rates},
            )
        self.tables["funnel_rates"] = [self.views[m] for m in FUNNEL_RATES if self.views[m].shown]

    def channels(self) -> None:
        spend = self.measure("marketing_spend", "channel") or {}
        leads = self.measure("leads", "channel") or {}
        won = self.measure("won", "channel") or {}
        cpl = self.metrics["cpl"].breakdown("channel")
        cac = self.metrics["cac_by_channel"].breakdown("channel")
        conversion = self.metrics["lead_to_customer"].breakdown("channel")
        best, worst = self.views["cpl"].best.get("channel"), self.views["cpl"].worst.get("channel")
        rows = []
        for channel in self.config.channels:
            if channel not in leads and channel not in spend:
                continue
            rows.append(
                {
                    "channel": channel,
                    "spend": self.fmt.money(spend.get(channel), 0),
                    "leads": self.fmt.number(leads.get(channel)),
                    "cpl": self.fmt.money(cpl.get(channel)),
                    "won": self.fmt.number(won.get(channel)),
                    "cac": self.fmt.money(cac.get(channel), 0),
                    "lead_to_customer": self.fmt.percent(conversion.get(channel)),
                    "rank": "best" if channel == best else "worst" if channel == worst else None,
                }
            )
            row = rows[-1]
            row["cells"] = [row[k] for k in ("channel", "spend", "leads", "cpl", "won", "cac", "lead_to_customer")]
        self.tables["channels"] = rows
        overall = self.views["cpl"]
        reference = (
            {"value": overall.value, "label": self.t("Overall {value}").format(value=overall.display)}
            if overall.available
            else None
        )
        ranks = {best: "best", worst: "worst"} if best and worst else {}
        self.hbar("cpl_by_channel", (5.6, 4.4), {k: v for k, v in cpl.items()}, "currency", reference, ranks)

    def bridge(self) -> None:
        start = self.measure("mrr_start")
        end = self.views["mrr"].value
        if start is None or end is None:
            return
        steps = [{"label": self.t("Start"), "value": start, "total": True}]
        for metric_id, label, sign in (
            ("new_mrr", N_("New"), 1),
            ("expansion_mrr", N_("Expansion"), 1),
            ("reactivation_mrr", N_("Reactivation"), 1),
            ("contraction_mrr", N_("Contraction"), -1),
            ("churned_mrr", N_("Churn"), -1),
        ):
            steps.append({"label": self.t(label), "value": sign * (self.views[metric_id].value or 0.0), "total": False})
        steps.append({"label": self.t("End"), "value": end, "total": True})
        for step in steps:
            text = self.fmt.money_short(abs(step["value"]))
            step["value_label"] = text if step["total"] else ("+" if step["value"] >= 0 else "−") + text
        self.chart("waterfall", "mrr_bridge", (7.4, 4.4), {"steps": steps}, "currency")

    def segments(self) -> None:
        mrr = self.metrics["mrr"]
        customers = self.measure("customers_end", "segment") or {}
        for dimension in ("segment", "plan"):
            values = mrr.breakdown(dimension)
            total = sum(v for v in values.values() if v) or None
            arpu = self.views["arpu"].breakdown.get(dimension, ())
            churn = self.views["customer_churn_rate"].breakdown.get(dimension, ())
            nrr = self.views["nrr"].breakdown.get(dimension, ())
            self.tables[f"{dimension}s"] = [
                {
                    "name": key,
                    "mrr": self.fmt.money(value, 0),
                    "share": self.fmt.percent(value / total if total and value is not None else None),
                    "customers": self.fmt.number(customers.get(key)) if dimension == "segment" else "",
                    "arpu": dict((k, d) for k, _, d in arpu).get(key, self.t(formatting.NOT_AVAILABLE)),
                    "customer_churn_rate": dict((k, d) for k, _, d in churn).get(key, self.t(formatting.NOT_AVAILABLE)),
                    "nrr": dict((k, d) for k, _, d in nrr).get(key, self.t(formatting.NOT_AVAILABLE)),
                }
                for key, value in values.items()
            ]

    def churn(self) -> None:
        result = self.metrics["churn_reasons"]
        total_mrr = sum(item["mrr"] for item in result.items) or None
        total = sum(item["customers"] for item in result.items) or None
        self.tables["churn_reasons"] = [
            {
                "reason": item["reason"],
                "customers": self.fmt.number(item["customers"]),
                "customer_share": self.fmt.percent(item["customers"] / total if total else None),
                "mrr": self.fmt.money(item["mrr"]),
                "mrr_share": self.fmt.percent(item["mrr"] / total_mrr if total_mrr else None),
            }
            for item in result.items
        ]
        for row in self.tables["churn_reasons"]:
            row["cells"] = [row[k] for k in ("reason", "customers", "customer_share", "mrr", "mrr_share")]
        self.hbar("churn_reasons", (5.6, 4.2), result.breakdown("reason_mrr"), "ratio")

    def cohorts(self) -> None:
        """Customers and MRR kept by each of the last 12 cohorts, month by month (from the ledger)."""
        end = self.metrics.period.end
        cells: dict[str, dict[int, dict[str, float]]] = {}
        for entry in self.pack.derived["cohorts"]:
            cells.setdefault(entry["cohort"], {})[entry["age"]] = entry
        names = [c for c in sorted(cells) if Period(_month_index(c), "month").start <= end][-12:]
        ages = list(range(12))
        for measure, title in (("customers", "customers"), ("mrr", "mrr")):
            values, labels = [], []
            for cohort in names:
                start = cells[cohort].get(0, {}).get(measure) or 0
                row, text = [], []
                for age in ages:
                    visible = _month_index(cohort) + age <= end
                    value = cells[cohort].get(age, {}).get(measure, 0.0) / start if start and visible else None
                    row.append(value)
                    text.append(self.fmt.percent(value, 0) if value is not None else "")
                values.append(row)
                labels.append(text)
            self.chart(
                "heatmap",
                f"cohorts_{title}",
                (6.0, 4.4),
                {"rows": names, "columns": [str(a) for a in ages], "values": values, "labels": labels},
            )

    def trials_demos(self) -> None:
        by_type = self.metrics["demo_to_paid"].breakdown("demo_type")
        ranks = {}
        view = self.views["demo_to_paid"]
        if view.best.get("demo_type") and view.worst.get("demo_type"):
            ranks = {view.best["demo_type"]: "best", view.worst["demo_type"]: "worst"}
        self.hbar("demo_by_type", (5.6, 3.6), by_type, "ratio", None, ranks)
        days = dict((k, d) for k, _, d in self.views["demo_days_to_customer"].breakdown.get("demo_type", ()))
        demos = self.measure("demos_requested", "demo_type") or {}
        self.tables["demo_types"] = [
            {
                "type": key,
                "requests": self.fmt.number(demos.get(key)),
                "conversion": self.fmt.percent(value),
                "days": days.get(key, self.t(formatting.NOT_AVAILABLE)),
            }
            for key, value in by_type.items()
        ]

    def health(self) -> None:
        health = self.metrics["health_score"]
        bands = health.breakdown("band")
        if bands:
            labels = {"healthy": self.t("Healthy"), "watch": self.t("Watch"), "at_risk": self.t("At risk")}
            self.chart(
                "hbar",
                "health_bands",
                (5.2, 2.2),
                {
                    "categories": [labels[b] for b in bands],
                    "values": list(bands.values()),
                    "value_labels": [self.fmt.number(v) for v in bands.values()],
                    "highlight": {labels["healthy"]: "best", labels["at_risk"]: "worst"},
                },
            )
        self.tables["usage_drops"] = [
            {
                "customer": a["customer"],
                "segment": a["segment"],
                "mrr": self.fmt.money(a["mrr"]),
                "usage_prior": self.fmt.number(a["usage_prior"]),
                "usage": self.fmt.number(a["usage"]),
                "change": formatting.change(a["change"], "relative", self.config.locale),
            }
            for a in self.metrics["usage_drop_alerts"].items
        ]
        self.tables["at_risk"] = [
            {
                "customer": a["customer"],
                "segment": a["segment"],
                "mrr": self.fmt.money(a["mrr"]),
                "score": self.fmt.number(a["score"]),
                "tickets": self.fmt.number(a["tickets"]),
                "nps": self.fmt.number(a["nps"]) if a["nps"] is not None else "–",
                "billing_issues": self.fmt.number(a["billing_issues"]),
            }
            for a in health.items
        ]
        self.tables["at_risk_mrr"] = self.fmt.money(sum(a["mrr"] for a in health.items), 0)

    def cost_to_serve(self) -> None:
        components = self.metrics["cost_to_serve"].breakdown("component")
        self.hbar("cost_components", (5.4, 2.6), {self.t(k): v for k, v in components.items()}, "currency")

    def engagement(self) -> None:
        self.hbar("social_reach", (5.4, 2.8), self.metrics["social_reach"].breakdown("network"), "count")

    def attribution(self) -> None:
        models = (
            ("attribution_original_source", N_("Original source")),
            ("attribution_first_touch", N_("First touch")),
            ("attribution_last_touch", N_("Last touch")),
            ("attribution_linear", N_("Linear")),
        )
        shown = [(m, self.t(label)) for m, label in models if self.metrics[m].value is not None]
        channels = [
            c for c in self.config.channels if any(self.metrics[m].breakdown("channel").get(c) for m, _ in shown)
        ]
        rows = []
        for channel in channels:
            values = [self.fmt.money(self.metrics[m].breakdown("channel").get(channel, 0.0), 0) for m, _ in shown]
            rows.append({"channel": channel, "values": values, "cells": [channel, *values]})
        self.tables["attribution"] = {"models": [label for _, label in shown], "rows": rows}
        if len(channels) > CHART_ROWS:
            first = shown[0][0] if shown else ""
            channels = sorted(channels, key=lambda c: -(self.metrics[first].breakdown("channel").get(c) or 0.0))
            channels = [c for c in self.config.channels if c in channels[:CHART_ROWS]]
            self.captions["attribution"] = self.t(
                "The {count} channels with the most new MRR; all are in the table."
            ).format(count=CHART_ROWS)
        if shown and channels:
            self.chart(
                "grouped_hbar",
                "attribution",
                (6.0, 4.6),
                {
                    "categories": channels,
                    "series": [
                        {"name": label, "values": [self.metrics[m].breakdown("channel").get(c, 0.0) for c in channels]}
                        for m, label in shown
                    ],
                },
                "currency",
            )

    def trends(self) -> None:
        periods, series = self.history()
        labels = [p.label for p in periods]
        if not periods:
            return
        if any(v is not None for v in series["mrr"]):
            self.chart(
                "trend_bars",
                "mrr_trend",
                (6.0, 4.6),
                {
                    "periods": labels,
                    "values": series["mrr"],
                    "value_labels": [self.fmt.money_short(v) if v is not None else "" for v in series["mrr"]],
                },
                "currency",
            )
        if any(v is not None for v in series["sessions"]):
            self.chart(
                "trend_bars",
                "sessions_trend",
                (6.2, 3.6),
                {
                    "periods": labels,
                    "values": series["sessions"],
                    "value_labels": [
                        formatting.compact(v, self.config.locale) if v is not None else "" for v in series["sessions"]
                    ],
                },
            )
        retention = [
            {
                "name": self.t(self.catalogue.metrics[m].label),
                "values": series[m],
                "last_label": self.fmt.percent(_last(series[m])),
            }
            for m in ("nrr", "grr")
            if any(v is not None for v in series[m])
        ]
        if retention:
            self.chart(
                "lines",
                "retention_trend",
                (7.3, 4.4),
                {
                    "periods": labels,
                    "series": retention,
                    "reference": {"value": 1.0, "label": self.fmt.percent(1.0, 0)},
                    "free_floor": True,
                },
                "ratio",
            )
        if any(v is not None for v in series["ltv_cac_ratio"]):
            self.chart(
                "lines",
                "ltv_cac_trend",
                (7.3, 4.4),
                {
                    "periods": labels,
                    "series": [
                        {
                            "name": "LTV:CAC",
                            "values": series["ltv_cac_ratio"],
                            "last_label": formatting.multiple(_last(series["ltv_cac_ratio"]), self.config.locale),
                        }
                    ],
                    "reference": {"value": 3.0, "label": self.t("3:1 rule of thumb")},
                },
                "multiple",
            )
        if any(v is not None for v in series["marketing_pipeline"]):
            self.chart(
                "stacked_bars",
                "pipeline_trend",
                (7.5, 4.6),
                {
                    "periods": labels,
                    "series": [
                        {"name": self.t("Marketing-sourced"), "values": series["marketing_pipeline"]},
                        {"name": self.t("Sales-sourced"), "values": series["sales_pipeline"]},
                        {"name": self.t("Other"), "values": series["other_pipeline"]},
                    ],
                    "targets": series["pipeline_target"],
                    "target_label": self.t("Target"),
                },
                "currency",
            )

    def raw_policies(self) -> tuple[tuple[str, str], ...]:
        """The choices made when tables were computed from raw exports, for the appendix."""
        raw, t = self.config.raw, self.t
        found: list[tuple[str, str]] = []
        if raw.billing is not None:
            billing = raw.billing
            churn = t("at the end of the paid period") if billing.churn_at == "paid_through" else t("at cancellation")
            same = t("counted as new and churned") if billing.same_month == "count" else t("left out")
            due = (
                t("churn {days} days after their period ends").format(days=billing.past_due_days)
                if billing.past_due_days is not None
                else t("are kept until cancelled")
            )
            text = t(
                "MRR and its movements are computed from {file}: MRR is read at each month end; churn counts {churn}; "
                "a customer who joins and leaves within a month is {same}; past-due subscriptions {due}; "
                "subscriptions on trial, paused or incomplete and free plans count for nothing, unpaid ones until "
                "their current period ends; permanent discounts are deducted. A customer's segment and plan are those "
                "of its first subscription."
            )
            found.append(
                (
                    t("Revenue from the billing ledger"),
                    text.format(file=self.pack.sources.get("revenue", billing.name), churn=churn, same=same, due=due),
                )
            )
        if raw.crm is not None:
            basis = (
                t("period-based: each stage counts the contacts that entered it in the period")
                if raw.crm.conversion == "period"
                else t("cohort-based: of the contacts that became leads in the period, those that reached each stage")
            )
            text = t("Funnel counts come from {file} and are {basis}.").format(
                file=self.pack.sources.get("funnel", raw.crm.name), basis=basis
            )
            found.append((t("Funnel from the CRM export"), text))
        return tuple(found)

    def observation(self) -> tuple[str, ...]:
        """How long the period's trial and demo cohorts were observed, one sentence each."""
        sentences = []
        for window in cohort_windows(self.evaluation):
            days = window.shortest_days
            if window.table == "trials":
                text = self.t.ngettext(
                    "Trials started in {period} are observed until {as_of}: the latest started {days} day before.",
                    "Trials started in {period} are observed until {as_of}: the latest started {days} days before.",
                    days,
                )
            else:
                text = self.t.ngettext(
                    "Demos requested in {period} are observed until {as_of}: the latest came {days} day before.",
                    "Demos requested in {period} are observed until {as_of}: the latest came {days} days before.",
                    days,
                )
            as_of = formatting.long_date(window.as_of, self.config.locale)
            sentences.append(text.format(period=self.metrics.period, as_of=as_of, days=days))
        return tuple(sentences)

    def scorecard(self) -> dict[str, list[MetricView]]:
        judged = [v for v in self.views.values() if v.available and v.status]
        return {
            "lead": [v for v in judged if v.indicator == "lead"],
            "lag": [v for v in judged if v.indicator == "lag"],
        }

    def build(self) -> DeckContext:
        has = self.pack.has
        slides = [
            s.name
            for s in SLIDES
            if all(has(t) for t in s.needs)
            and (not s.any_of or any(has(t) for t in s.any_of))
            and (s.derived is None or self.pack.derived.get(s.derived))
        ]
        missing = [t for t in NEEDED_DATA if not self.pack.present(t)]  # a file with no rows is not missing
        builders = {
            "funnel": self.funnel,
            "acquisition_cost": self.channels,
            "revenue": self.bridge,
            "revenue_trend": self.segments,
            "churn": self.churn,
            "cohorts": self.cohorts,
            "trials_demos": self.trials_demos,
            "customer_health": self.health,
            "cost_to_serve": self.cost_to_serve,
            "engagement": self.engagement,
            "attribution": self.attribution,
        }
        for name in slides:
            if name in builders:
                builders[name]()
        self.trends()
        if "at_risk" in slides and not self.tables.get("at_risk"):
            slides.remove("at_risk")
        if not self.restated:
            slides.remove("restated")
        period = self.metrics.period
        config = self.config
        charts = {spec.name: self.chart_refs.get(spec.name) for spec in self.charts}
        values = {
            "company": config.company,
            "confidentiality": config.confidentiality,
            "currency": config.currency,
            "locale": config.locale,
            "lang": config.locale.split("_")[0],
            "period": period.label,
            "period_kind": period.kind,
            "prior_period": self.metrics.prior_period.label,
            "period_start": formatting.long_date(period.first_day, config.locale),
            "period_end": formatting.long_date(period.last_day, config.locale),
            "as_of": formatting.long_date(self.evaluation.as_of, config.locale),
            "observation": self.observation(),
            "generated": formatting.long_date(self.today, config.locale),
            "metrics": self.views,
            "sections": {
                key: {
                    "title": self.t(section.title),
                    "question": self.t(section.question) if section.question else None,
                }
                for key, section in self.catalogue.sections.items()
            },
            "catalogue": [
                {"id": m.id, "label": self.t(m.label), "formula": self.t(m.formula)}
                for m in self.catalogue.metrics.values()
            ],
            "summary_tiles": [self.views[m] for m in SUMMARY_TILES if self.views[m].available],
            "scorecard": self.scorecard(),
            "charts": Lookup(charts),
            "captions": Lookup(self.captions),
            "table_rows": TABLE_ROWS,
            "tables": Lookup(self.tables),
            "next_steps": Lookup(self.steps),
            "slides": slides,
            "conventions": tuple((self.t(title), self.t(text)) for title, text in CONVENTIONS) + self.raw_policies(),
            "ltv_method": self.t(LTV_METHODS[config.ltv_method]),
            "cac_lag_months": config.cac_lag_months,
            "benchmarks": [v for v in self.views.values() if v.benchmark_display],
            "benchmark_segment": config.benchmark_segment,
            "unavailable": [
                v for v in self.views.values() if not v.available and not (v.reason or "").startswith("the pack has no")
            ],
            "missing_data": [
                {
                    "file": self.t(NEEDED_DATA[t]),
                    "metrics": [
                        v.label
                        for v in self.views.values()
                        if not v.available and v.reason == f"the pack has no {t} table (data/{t}.csv)"
                    ],
                }
                for t in missing
            ],
            "gross_margin": self.fmt.percent(config.gross_margin, 0) if config.gross_margin is not None else None,
            "restated": [
                {
                    "label": self.catalogue.metrics[r.metric].label,
                    "id": r.metric,
                    "period": r.period,
                    "reported": self.fmt.value(r.reported, self.catalogue.metrics[r.metric].unit),
                    "now": self.fmt.value(r.now, self.catalogue.metrics[r.metric].unit),
                }
                for r in self.restated
            ],
            "year_ago_period": self.metrics.year_ago_period.label if self.metrics.year_ago_period else "",
            "notices": [notice.localized(self.t) for notice in self.pack.notices],
        }
        return DeckContext(values, self.charts)


def build_context(
    pack: PackInputs,
    metrics: MetricSet,
    catalogue: Catalogue,
    today: date,
    steps: dict[str, list[NextStep]] | None = None,
    restated: list[Any] | None = None,
    scale: float = 1.0,
) -> DeckContext:
    """Views, tables and chart specs for one deck; `scale` sizes the charts for the page."""
    return _Builder(pack, metrics, catalogue, steps or {}, today, restated or [], scale).build()
