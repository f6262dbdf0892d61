"""The PowerPoint pages of the customers at risk: the largest beside what weighs on them, then the whole list."""

from __future__ import annotations

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Block, Page, Table, Text
from boardpack.render.pptx.pieces import Values, chart, rows_of, section
from boardpack.slides import SlideData


def at_risk_pages(t: Translator, slide: SlideData, v: Values) -> list[Page]:
    """The largest customers at risk on the left, what weighs on their scores and their MRR by segment beside
    them; a list longer than the slide holds follows on a page of its own, as on the PDF."""
    rows, shown = slide.tables["at_risk"], slide.tables["at_risk_shown"]
    keys = ("customer", "segment", "mrr", "score", "tickets", "nps", "billing_issues")
    headers = (
        t("Customer"),
        t("Segment"),
        t("MRR"),
        t("Health score"),
        t("Tickets"),
        t("NPS answer"),
        t("Billing issues"),
    )
    left: tuple[Block, ...] = (Table(headers, rows_of(shown, keys), numeric_from=2, strong=3),)
    long = len(rows) > len(shown)
    if long:
        more = t("The %(shown)s largest of %(count)s customers at risk; all are in the table on the next pages.")
        left += (Text((more % {"shown": len(shown), "count": len(rows)},), style="note"),)
    line = t("A signal weighs on a customer when it alone scores below the at-risk line (%(line)s out of 100).")
    right = (
        *chart(slide, "at_risk_signals", t("What weighs on their scores"), t),
        *chart(slide, "at_risk_segments", t("At-risk MRR by segment"), t),
        Text((line % {"line": slide.values["at_risk_line"]},), style="note"),
    )
    pages = [section(t, slide, left, right, split=0.6)]
    if long:
        title = t.ngettext(
            "Customers at risk · all %(num)s customer, %(mrr)s MRR",
            "Customers at risk · all %(num)s customers, %(mrr)s MRR",
            len(rows),
        ) % {"num": len(rows), "mrr": slide.tables["at_risk_mrr"]}
        pages.append(
            Page(slide.id, "table", title, left=(Table(headers, rows_of(rows, keys), numeric_from=2, strong=3),))
        )
    return pages
