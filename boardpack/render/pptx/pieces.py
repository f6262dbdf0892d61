"""The pieces slides are made of in PowerPoint: figures, metric tables, next steps, charts with their notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from boardpack import formatting
from boardpack.i18n import Translator
from boardpack.judge.titles import plain
from boardpack.notes.rules import NextStep
from boardpack.render.pptx.blocks import Block, Chart, Page, Table, Text
from boardpack.slides import SlideData
from boardpack.slides.views import MetricView

Values = dict[str, Any]
SIGNS = {"on_target": "✓", "watch": "▲", "off_target": "✕"}  # the PDF's status pills: a sign, then the word
RANKS = {"best": "▲", "worst": "▼"}  # the best and worst row of a table, as the PDF marks them


def status_text(m: MetricView) -> str:
    """A figure's status as the PDF prints it: `✓ On target`, `▲ Watch`, `✕ Off target`."""
    return f"{SIGNS[m.status]}\u00a0{m.status_label}" if m.status in SIGNS else m.status_label or ""


def ranked(name: str, rank: str | None) -> str:
    return f"{RANKS[rank]}\u00a0{name}" if rank in RANKS else name


def figures(items: tuple[MetricView, ...] | list[MetricView]) -> Table:
    """The figures beside a chart: label, value, change, status (the HTML's `figures` macro)."""
    rows = tuple(
        (m.label, m.display, m.change_display if m.available and m.change is not None else "", status_text(m))
        for m in items
    )
    return Table(("", "", "", ""), rows, numeric_from=1, strong=1, header=False, tones=tuple(m.status for m in items))


def metric_table(t: Translator, items: list[MetricView], v: Values, year_ago: bool = False, heading: str = "") -> Table:
    """Metric rows as the PDF's tables have them: the change, or (`year_ago`, the scorecard) the year-ago value."""
    third = v["year_ago_period"] if year_ago else t("Change")
    headers = (t("Metric"), v["period"], v["prior_period"], third, t("Target / benchmark"), t("Status"))
    rows = tuple(
        (
            m.label,
            m.display,
            m.prior_display,
            m.year_ago_display if year_ago else m.change_display,
            " ".join(x for x in (m.target_display or m.benchmark_display, m.basis_note) if x),
            status_text(m),
        )
        for m in items
    )
    return Table(headers, rows, heading=heading, strong=1, tones=tuple(m.status for m in items))


def step_text(t: Translator, step: NextStep, locale: str) -> str:
    """A next step as the PDF's list item says it: the step, its impact, then who owns it and by when."""
    assigned = " · ".join(
        x
        for x in (
            t("Owner: %(name)s") % {"name": step.owner} if step.owner else "",
            t("by %(date)s") % {"date": formatting.long_date(date.fromisoformat(step.due), locale)} if step.due else "",
        )
        if x
    )
    said = plain(step.html) if step.html else step.text  # a lead's note is markdown, rendered as html
    return " ".join(x for x in (said, step.impact, assigned) if x)


def steps(t: Translator, slide: SlideData, v: Values) -> tuple[Block, ...]:
    if not slide.next_steps:
        return ()
    items = tuple(step_text(t, s, v["words_locale"]) for s in slide.next_steps)  # dates in the deck's language
    return (Text(items, heading=t("Next steps"), style="steps"),)


def head(slide: SlideData, topic: str = "") -> tuple[str, str, tuple[str, ...]]:
    """The slide's title, kicker and summary, as the HTML's `head` macro sets them: the finding as the title
    under its topic and the board's question, its sentences below; a slide without a finding (a theme's own)
    has its topic as the title and the question under it."""
    topic = topic or slide.kicker
    finding = slide.title if slide.title and slide.title != slide.kicker else ""
    if not finding:
        return topic or slide.title, slide.question or "", ()
    kicker = " · ".join(x for x in (topic, slide.question) if x)
    return finding, kicker, (slide.summary if slide.id != "summary" else ())


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


def section(
    t: Translator, slide: SlideData, left: tuple[Block, ...], right: tuple[Block, ...], topic: str = "", **kw: Any
) -> Page:
    title, kicker, summary = head(slide, topic)
    return Page(slide.id, "content", title, kicker, left, right, summary=summary, **kw)


def tile_texts(t: Translator, m: MetricView, prior: str) -> list[str]:
    """A tile's lines: the value first (set large), then label, change, target and status, basis or reason."""
    lines = [m.short, m.label]
    if not m.available:
        return [*lines, m.reason or ""]
    lines.append(f"{m.change_display} {t('vs %(period)s') % {'period': prior}}")
    target = ""
    if m.target is not None:
        target = t("Target %(value)s") % {"value": m.target_short}
    elif m.benchmark_display:
        target = t("Benchmark %(value)s") % {"value": m.benchmark_display}
    status = " · ".join(x for x in (target, status_text(m) if m.status else "") if x)
    if status:
        lines.append(status)
    if m.basis_note:
        lines.append(m.basis_note)
    return lines
