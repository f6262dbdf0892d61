"""The appendix and the restated figures as PowerPoint pages, with the HTML templates' words."""

from __future__ import annotations

from typing import Any

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Block, Page, Table, Text
from boardpack.slides import SlideData


def appendix_pages(t: Translator, slide: SlideData, v: dict[str, Any]) -> list[Page]:
    """Definitions and conventions, then benchmarks and data notes: the two parts of the HTML appendix."""
    a = slide.values
    conventions = [f"{title}. {text}" for title, text in a["conventions"]]
    lag = t.ngettext(
        "CAC with spend lag uses the spend of %(num)s month earlier.",
        "CAC with spend lag uses the spend of %(num)s months earlier.",
        int(a["cac_lag_months"]),
    ) % {"num": a["cac_lag_months"]}
    ltv = t("Computed as %(method)s.") % {"method": a["ltv_method"]}
    margin = t("Gross margin: %(margin)s.") % {"margin": a["gross_margin"]} if a.get("gross_margin") else ""
    conventions.append(f"{t('LTV')}. " + " ".join(x for x in (ltv, margin, lag) if x))
    if a.get("observation"):
        text = t(
            "Trials and demos count the conversions dated by the as-of day, the period's last day unless the build "
            "names another; the prior period is observed for as long after its own end."
        )
        conventions.append(f"{t('Cohorts')}. {text} " + " ".join(a["observation"]))
    if a.get("forecast_notes"):
        conventions.append(f"{t('Forecast')}. " + " ".join(a["forecast_notes"]))
    benchmarks = t(
        "The %(segment)s benchmarks apply, else those for all companies; where a source defines a figure "
        "differently (annual, cohort-based), the benchmark table says so."
    ) % {"segment": a["benchmark_segment"]}
    conventions.append(f"{t('Benchmarks')}. {benchmarks}")
    catalogue = Table(
        (t("Metric"), t("Definition")),
        tuple((m["label"], m["formula"]) for m in a["catalogue"]),
        heading=t("Metrics"),
        numeric_from=2,
        strong=0,
    )
    first = Page("appendix", "appendix", slide.title, left=(Text(tuple(conventions), style="note"), catalogue))
    second: tuple[Block, ...] = ()
    if a["benchmarks"]:
        rows = tuple((m.label, m.benchmark_display, m.benchmark_source, m.benchmark_note) for m in a["benchmarks"])
        headers = (t("Metric"), t("Benchmark"), t("Source"), t("How the source differs"))
        second += (Table(headers, rows, heading=t("Benchmarks"), numeric_from=1, strong=0, numeric_to=2),)
    if a.get("thresholds"):
        second += (Text(tuple(a["thresholds"]), heading=t("Where next steps draw the line"), style="steps"),)
    if a.get("notices"):
        second += (Text(tuple(str(n) for n in a["notices"]), heading=t("Data notes"), style="steps"),)
    missing = []
    for item in a.get("missing_data") or ():
        if item["metrics"]:
            names = ", ".join(item["metrics"])
            missing.append(t("Not shown for lack of %(data)s: %(metrics)s.") % {"data": item["file"], "metrics": names})
        else:
            missing.append(t("Not shown for lack of %(data)s.") % {"data": item["file"]})
    missing += [f"{m['label']}: {m['reason']}." for m in a.get("unavailable") or ()]
    if missing:
        second += (Text(tuple(missing), heading=t("Not shown"), style="steps"),)
    return [first, Page("appendix-benchmarks", "appendix", t("Appendix · benchmarks and data"), left=second)]


def restated_page(t: Translator, slide: SlideData, v: dict[str, Any]) -> Page:
    rows = tuple((r["label"], r["period"], r["reported"], r["now"]) for r in slide.tables["restated"])
    headers = (t("Metric"), t("Period"), t("Reported"), t("Now"))
    return Page(
        "restated",
        "appendix",
        t("Appendix · restated figures"),
        left=(Table(headers, rows, numeric_from=2, strong=3),),
        summary=(
            t(
                "Figures reported in the previous pack that today's data gives differently (late invoices, "
                "corrected exports)."
            ),
        ),
    )
