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
    groups = [
        Text(
            tuple(f"{m['label']}: {m['formula']} {m['benchmark']}".rstrip() for m in group["metrics"]),
            heading=group["title"],
            style="note",
        )
        for group in a["definitions"]
    ]
    blocks: list[Block] = [Text(conventions, heading=t("Conventions"), style="note"), *groups]
    if a.get("thresholds"):
        blocks.append(Text(tuple(a["thresholds"]), heading=t("Where next steps draw the line"), style="steps"))
    if a.get("notices"):
        blocks.append(Text(tuple(str(n) for n in a["notices"]), heading=t("Data notes"), style="steps"))
    missing = []
    for item in a.get("missing_data") or ():
        if item["metrics"]:
            names = ", ".join(item["metrics"])
            missing.append(t("Not shown for lack of %(data)s: %(metrics)s.") % {"data": item["file"], "metrics": names})
        else:
            missing.append(t("Not shown for lack of %(data)s.") % {"data": item["file"]})
    missing += [f"{m['label']}: {m['reason']}" for m in a.get("unavailable") or ()]
    if missing:
        blocks.append(Text(tuple(missing), heading=t("Not shown"), style="steps"))
    return [Page("appendix", "appendix", slide.title, left=tuple(blocks))]  # flows on to continuation slides


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
