"""The deck's context: every variable a template can use, and the charts the slides show.

This is the contract between the engine and the templates (documented in the README): a theme
author reads `metrics.<id>.display`, `charts.<name>`, `tables.<name>` and `slides`, and never needs
to know how a number was computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardpack import formatting
from boardpack.charts import Axis, ChartSpec
from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.engine import Evaluation
from boardpack.metrics.measures import Unavailable
from boardpack.metrics.result import MetricSet
from boardpack.periods import Period
from boardpack.render.views import Fmt, metric_view

# slide name -> tables it needs; a slide whose tables are missing is left out, and the appendix says so
SLIDES: dict[str, tuple[str, ...]] = {
    "cover": (),
    "summary": (),
    "funnel": ("funnel",),
    "acquisition_cost": ("spend", "funnel"),
    "revenue": ("revenue",),
    "revenue_trend": ("revenue",),
    "retention": ("revenue",),
    "unit_economics": ("revenue", "spend"),
    "pipeline": ("pipeline",),
    "appendix": (),
}
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
    ("visitors", "Visitors", "visitor_to_lead"),
    ("leads", "Leads", "lead_to_mql"),
    ("mqls", "MQLs", "mql_to_sql"),
    ("sqls", "SQLs", "sql_to_opportunity"),
    ("opportunities", "Opportunities", "opportunity_to_won"),
    ("won", "Won", None),
)
HISTORY_METRICS = (
    "mrr",
    "nrr",
    "grr",
    "customer_churn_rate",
    "revenue_churn_rate",
    "ltv_cac_ratio",
    "cac_payback_months",
)
HISTORY_MEASURES = ("marketing_pipeline", "sales_pipeline", "other_pipeline", "pipeline_target")
CONVENTIONS = (
    (
        "Periods",
        "A quarter or a year is built from its months: flows (leads, spend, new MRR) are summed over the "
        "months, stocks (MRR, customers) are read at the end of the last month. A table with quarterly rows "
        "can report quarters and years, not months.",
    ),
    (
        "Rates over a period",
        "Churn and retention rates are measured over the whole period against its opening figure: a quarterly "
        "customer churn rate is the customers lost during the quarter divided by the customers at its start, "
        "never the sum of three monthly rates. Where a monthly rate is needed (LTV), the period rate is turned "
        "into the constant monthly rate that compounds to it: m = 1 − (1 − q)^(1/n) for a period of n months.",
    ),
    (
        "Stage conversions",
        "Conversions are period-based: entries into a stage during the period divided by entries into the stage "
        "before it during the same period. Visitor → lead counts only the channels that track visitors.",
    ),
    (
        "Customer acquisition cost",
        "CAC is fully loaded: all marketing and sales spend of the period, salaries and tools included, divided "
        "by the new customers billed in the period (new, not reactivated).",
    ),
    (
        "Changes and status",
        "Changes compare with the prior period: amounts in percent, rates in percentage points. Status compares "
        "with the company's target when boardpack.yaml sets one, else with the benchmark; a value within the "
        "watch band of its threshold is shown as Watch.",
    ),
)
NEEDED_DATA = {
    "funnel": "data/funnel.csv (funnel counts per channel)",
    "spend": "data/spend.csv (marketing and sales spend)",
    "revenue": "data/revenue.csv (MRR and its movements per month)",
    "pipeline": "data/pipeline.csv (pipeline created by source, and its target)",
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


class _Builder:
    def __init__(self, pack: PackInputs, metrics: MetricSet, catalogue: Catalogue, today: date) -> None:
        self.pack = pack
        self.metrics = metrics
        self.catalogue = catalogue
        self.today = today
        self.config = pack.config
        self.fmt = Fmt(self.config.currency, self.config.locale)
        self.axis = {
            unit: Axis(unit, self.config.currency, self.config.locale)
            for unit in ("currency", "ratio", "multiple", "count")
        }
        self.views = {
            metric_id: metric_view(catalogue.metrics[metric_id], result, self.fmt)
            for metric_id, result in metrics.results.items()
        }
        self.evaluation = Evaluation(pack, metrics.period, catalogue)
        self.charts: list[ChartSpec] = []

    # -- helpers -------------------------------------------------------------------------------
    def measure(self, name: str, by: str | None = None) -> Any:
        try:
            return self.evaluation.measure(name, by)
        except Unavailable:
            return None

    def history(self) -> tuple[list[Period], dict[str, list[float | None]]]:
        """The trend window, trimmed of leading periods the pack has no data for."""
        periods = self.metrics.period.history(self.config.history)
        series: dict[str, list[float | None]] = {name: [] for name in (*HISTORY_METRICS, *HISTORY_MEASURES)}
        for step in periods:
            evaluation = Evaluation(self.pack, step, self.catalogue)
            for metric_id in HISTORY_METRICS:
                series[metric_id].append(evaluation.evaluate(metric_id)[0])
            for name in HISTORY_MEASURES:
                try:
                    series[name].append(float(evaluation.measure(name)))  # type: ignore[arg-type]
                except Unavailable:
                    series[name].append(None)
        first = next((i for i in range(len(periods)) if any(s[i] is not None for s in series.values())), len(periods))
        return periods[first:], {name: values[first:] for name, values in series.items()}

    def chart(
        self, kind: str, name: str, width: float, height: float, data: dict[str, Any], unit: str = "count"
    ) -> ChartRef:
        self.charts.append(
            ChartSpec(kind, name, width, height, data=data, axis=self.axis.get(unit, self.axis["count"]))
        )
        return ChartRef(f"charts/{name}.svg", width, height)

    # -- slides --------------------------------------------------------------------------------
    def funnel_chart(self) -> ChartRef | None:
        stages, values, labels, rates = [], [], [], []
        previous_rate = ""
        for measure, label, rate_metric in FUNNEL_STAGES:
            value = self.measure(measure)
            if value is None:
                previous_rate = ""
                continue
            stages.append(label)
            values.append(float(value))
            labels.append(self.fmt.number(value))
            rates.append(previous_rate)
            view = self.views.get(rate_metric) if rate_metric else None
            previous_rate = view.display if view and view.available else ""
        if len(stages) < 2:
            return None
        return self.chart(
            "funnel",
            "funnel",
            5.7,
            4.9,
            {"stages": stages, "values": values, "value_labels": labels, "rate_labels": rates},
        )

    def channel_table(self) -> list[dict[str, Any]]:
        spend = self.measure("marketing_spend", "channel") or {}
        leads = self.measure("leads", "channel") or {}
        won = self.measure("won", "channel") or {}
        cpl = dict((k, v) for k, v, _ in self.views["cpl"].breakdown)
        conversion = dict((k, v) for k, v, _ in self.views["lead_to_customer"].breakdown)
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
                    "cpl_value": cpl.get(channel),
                    "won": self.fmt.number(won.get(channel)),
                    "lead_to_customer": self.fmt.percent(conversion.get(channel)),
                    "rank": None,
                }
            )
        ranked = sorted((r for r in rows if r["cpl_value"] is not None), key=lambda r: r["cpl_value"])
        if len(ranked) >= 2:
            ranked[0]["rank"] = "best"
            ranked[-1]["rank"] = "worst"
        return rows

    def cpl_chart(self, rows: list[dict[str, Any]]) -> ChartRef | None:
        ranked = sorted((r for r in rows if r["cpl_value"] is not None), key=lambda r: r["cpl_value"])
        if not ranked:
            return None
        overall = self.views["cpl"]
        data = {
            "categories": [r["channel"] for r in ranked],
            "values": [r["cpl_value"] for r in ranked],
            "value_labels": [r["cpl"] for r in ranked],
            "highlight": {r["channel"]: r["rank"] for r in ranked if r["rank"]},
            "reference": {"value": overall.value, "label": f"Overall {overall.display}"} if overall.available else None,
        }
        return self.chart("hbar", "cpl_by_channel", 5.6, 4.6, data, "currency")

    def bridge_chart(self) -> ChartRef | None:
        start = self.measure("mrr_start")
        end = self.views["mrr"].value
        if start is None or end is None:
            return None
        steps = [{"label": "Start", "value": start, "total": True}]
        for metric_id, label, sign in (
            ("new_mrr", "New", 1),
            ("expansion_mrr", "Expansion", 1),
            ("reactivation_mrr", "Reactivation", 1),
            ("contraction_mrr", "Contraction", -1),
            ("churned_mrr", "Churn", -1),
        ):
            steps.append({"label": label, "value": sign * (self.views[metric_id].value or 0.0), "total": False})
        steps.append({"label": "End", "value": end, "total": True})
        for step in steps:
            text = self.fmt.money_short(abs(step["value"]))
            step["value_label"] = text if step["total"] else ("+" if step["value"] >= 0 else "−") + text
        return self.chart("waterfall", "mrr_bridge", 7.6, 5.0, {"steps": steps}, "currency")

    def segment_table(self) -> list[dict[str, Any]]:
        mrr = dict((k, v) for k, v, _ in self.views["mrr"].breakdown)
        arpu = dict(((k, d) for k, _, d in self.views["arpu"].breakdown))
        nrr = dict(((k, d) for k, _, d in self.views["nrr"].breakdown))
        churn = dict(((k, d) for k, _, d in self.views["customer_churn_rate"].breakdown))
        customers = self.measure("customers_end", "segment") or {}
        total = sum(v for v in mrr.values() if v) or None
        return [
            {
                "segment": segment,
                "mrr": self.fmt.money(value, 0),
                "share": self.fmt.percent(value / total if total and value is not None else None),
                "customers": self.fmt.number(customers.get(segment)),
                "arpu": arpu.get(segment, formatting.NOT_AVAILABLE),
                "customer_churn_rate": churn.get(segment, formatting.NOT_AVAILABLE),
                "nrr": nrr.get(segment, formatting.NOT_AVAILABLE),
            }
            for segment, value in mrr.items()
        ]

    def trend_charts(self) -> dict[str, ChartRef | None]:
        periods, series = self.history()
        labels = [p.label for p in periods]
        charts: dict[str, ChartRef | None] = {
            "mrr_trend": None,
            "retention_trend": None,
            "ltv_cac_trend": None,
            "pipeline_trend": None,
        }
        if not periods:
            return charts
        if any(v is not None for v in series["mrr"]):
            charts["mrr_trend"] = self.chart(
                "trend_bars",
                "mrr_trend",
                6.0,
                4.9,
                {
                    "periods": labels,
                    "values": series["mrr"],
                    "value_labels": [self.fmt.money_short(v) if v is not None else "" for v in series["mrr"]],
                },
                "currency",
            )
        retention = [
            {
                "name": self.catalogue.metrics[m].label,
                "values": series[m],
                "last_label": self.fmt.percent(_last(series[m])),
            }
            for m in ("nrr", "grr")
            if any(v is not None for v in series[m])
        ]
        if retention:
            charts["retention_trend"] = self.chart(
                "lines",
                "retention_trend",
                7.3,
                4.9,
                {
                    "periods": labels,
                    "series": retention,
                    "reference": {"value": 1.0, "label": "100%"},
                    "free_floor": True,
                },
                "ratio",
            )
        if any(v is not None for v in series["ltv_cac_ratio"]):
            charts["ltv_cac_trend"] = self.chart(
                "lines",
                "ltv_cac_trend",
                7.3,
                4.9,
                {
                    "periods": labels,
                    "series": [
                        {
                            "name": "LTV:CAC",
                            "values": series["ltv_cac_ratio"],
                            "last_label": formatting.multiple(_last(series["ltv_cac_ratio"]), self.config.locale),
                        }
                    ],
                    "reference": {"value": 3.0, "label": "3:1 rule of thumb"},
                },
                "multiple",
            )
        if any(v is not None for v in series["marketing_pipeline"]):
            charts["pipeline_trend"] = self.chart(
                "stacked_bars",
                "pipeline_trend",
                7.5,
                4.9,
                {
                    "periods": labels,
                    "series": [
                        {"name": "Marketing-sourced", "values": series["marketing_pipeline"]},
                        {"name": "Sales-sourced", "values": series["sales_pipeline"]},
                        {"name": "Other", "values": series["other_pipeline"]},
                    ],
                    "targets": series["pipeline_target"],
                    "target_label": "Target",
                },
                "currency",
            )
        return charts

    def build(self) -> DeckContext:
        slides = [name for name, needs in SLIDES.items() if all(self.pack.has(t) for t in needs)]
        missing = sorted({t for needs in SLIDES.values() for t in needs if not self.pack.has(t)})
        channel_rows = self.channel_table() if "acquisition_cost" in slides else []
        charts = {
            "funnel": self.funnel_chart() if "funnel" in slides else None,
            "cpl_by_channel": self.cpl_chart(channel_rows) if channel_rows else None,
            "mrr_bridge": self.bridge_chart() if "revenue" in slides else None,
            **self.trend_charts(),
        }
        period = self.metrics.period
        values = {
            "company": self.config.company,
            "confidentiality": self.config.confidentiality,
            "currency": self.config.currency,
            "locale": self.config.locale,
            "lang": self.config.locale.split("_")[0],
            "period": period.label,
            "period_kind": period.kind,
            "prior_period": self.metrics.prior_period.label,
            "period_start": formatting.long_date(period.first_day, self.config.locale),
            "period_end": formatting.long_date(period.last_day, self.config.locale),
            "generated": formatting.long_date(self.today, self.config.locale),
            "metrics": self.views,
            "sections": self.catalogue.sections,
            "catalogue": list(self.catalogue.metrics.values()),
            "summary_tiles": [self.views[m] for m in SUMMARY_TILES],
            "funnel_rates": [self.views[m] for _, _, m in FUNNEL_STAGES if m],
            "charts": charts,
            "tables": {"channels": channel_rows, "segments": self.segment_table() if "revenue" in slides else []},
            "slides": slides,
            "conventions": CONVENTIONS,
            "benchmarks": [v for v in self.views.values() if v.benchmark_display],
            "unavailable": [v for v in self.views.values() if not v.available],
            "missing_data": [NEEDED_DATA[t] for t in missing],
            "gross_margin": self.fmt.percent(self.config.gross_margin, 0)
            if self.config.gross_margin is not None
            else None,
        }
        return DeckContext(values, self.charts)


def _last(values: list[float | None]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)


def build_context(pack: PackInputs, metrics: MetricSet, catalogue: Catalogue, today: date) -> DeckContext:
    """Views, tables and chart specs for one deck."""
    return _Builder(pack, metrics, catalogue, today).build()
