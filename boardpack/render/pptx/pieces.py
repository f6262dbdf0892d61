"""The pieces slides are made of in PowerPoint: figures, metric tables, next steps, charts with their notes."""

from __future__ import annotations

from typing import Any

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Block, Chart, Page, Table, Text
from boardpack.slides import SlideData
from boardpack.slides.views import MetricView

Values = dict[str, Any]


def figures(items: tuple[MetricView, ...] | list[MetricView]) -> Table:
    """The figures beside a chart: label, value, change, status (the HTML's `figures` macro)."""
    rows = tuple(
        (m.label, m.display, m.change_display if m.available and m.change is not None else "", m.status_label or "")
        for m in items
    )
    return Table(("", "", "", ""), rows, numeric_from=1, strong=1, header=False, tones=tuple(m.status for m in items))


def metric_table(t: Translator, items: list[MetricView], v: Values) -> Table:
    headers = (t("Metric"), v["period"], v["prior_period"], t("Change"), t("Target / benchmark"), t("Status"))
    rows = tuple(
        (
            m.label,
            m.display,
            m.prior_display,
            m.change_display,
            " ".join(x for x in (m.target_display or m.benchmark_display, m.basis_note) if x),
            m.status_label or "",
        )
        for m in items
    )
    return Table(headers, rows, strong=1, tones=tuple(m.status for m in items))


def steps(t: Translator, slide: SlideData) -> tuple[Block, ...]:
    if not slide.next_steps:
        return ()
    return (Text(tuple(s.text for s in slide.next_steps), heading=t("Next steps"), style="steps"),)


def summary(slide: SlideData) -> tuple[Block, ...]:
    return (Text(slide.summary),) if slide.summary else ()


def chart(slide: SlideData, name: str, heading: str = "", t: Translator | None = None) -> tuple[Block, ...]:
    """The slide's chart called `name` with its caption, and its milestones written out (a native chart
    has no place for them)."""
    spec = next((c for c in slide.charts if c.name == name), None)
    if spec is None:
        return ()
    caption = slide.captions.get(name, "")
    reference = spec.data.get("reference") if spec.kind == "hbar" else None
    if reference:  # a bar chart has no place for a line across its bars: its value is said under it
        caption = " ".join(x for x in (reference["label"] + ".", caption) if x)
    marks = spec.data.get("milestones") or []
    periods = spec.data.get("periods") or []
    if marks and t is not None:
        items = "; ".join(f"{periods[m['index']]} {m['label']}" for m in marks if m["index"] < len(periods))
        caption = " ".join(x for x in (caption, t("Milestones: %(items)s") % {"items": items}) if x)
    return (Chart(spec, heading, caption),)


def rows_of(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(row.get(k, "")) for k in keys) for row in rows)


def section(t: Translator, slide: SlideData, left: tuple[Block, ...], right: tuple[Block, ...], **kw: Any) -> Page:
    return Page(slide.id, "content", slide.title, slide.question or "", left, summary(slide) + right, **kw)


def tile_texts(t: Translator, m: MetricView, prior: str) -> list[str]:
    """A tile's lines: the value first (set large), then label, change, target and status, basis or reason."""
    lines = [m.short, m.label]
    if not m.available:
        return [*lines, m.reason or ""]
    lines.append(f"{m.change_display} {t('vs %(period)s') % {'period': prior}}")
    target = ""
    if m.target is not None:
        target = t("Target %(value)s") % {"value": m.target_display}
    elif m.benchmark_display:
        target = t("Benchmark %(value)s") % {"value": m.benchmark_display}
    status = " · ".join(x for x in (target, m.status_label if m.status else "") if x)
    if status:
        lines.append(status)
    if m.basis_note:
        lines.append(m.basis_note)
    return lines
