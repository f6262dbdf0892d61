"""The appendix and the restated figures as PowerPoint pages, with the HTML templates' words."""

from __future__ import annotations

from typing import Any

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Block, Page, Table, Text
from boardpack.slides import SlideData


def appendix_pages(t: Translator, slide: SlideData, v: dict[str, Any]) -> list[Page]:
    """Conventions and definitions, then where next steps draw the line and the data notes: the HTML appendix's
    words, on as many slides as they need."""
    a = slide.values
    conventions = tuple(f"{title}. {text}" for title, text in a["conventions"])
    rows = tuple(
        (m["label"], f"{m['formula']} {m['benchmark']}." if m["benchmark"] else m["formula"])
        for group in a["definitions"]
        for m in group["metrics"]
    )
    catalogue = Table((t("Metric"), t("Definition")), rows, heading=t("Metrics"), numeric_from=2, strong=0)
    first = Page("appendix", "appendix", slide.title, left=(Text(conventions, style="note"), catalogue))
    second: tuple[Block, ...] = ()
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
    if not second:
        return [first]
    return [first, Page("appendix-notes", "appendix", t("Appendix · next steps and data"), left=second)]


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
