"""What the findings templates read beyond the rule context: the figures as the slides show them.

Titles and the executive summary quote `fig.<id>.short`, `fig.<id>.change` and the like, the very text of
the tiles and tables, so a sentence can never print a figure the slide beside it rounds another way.
`off_target` and `watch` are the tiles' own statuses, and `steps` the deck's next steps, most severe first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.judge.findings import shipped_findings
from boardpack.judge.titles import DeckWriter, listing_entry, plain
from boardpack.judge.writer import Filler, environment
from boardpack.notes.lead_notes import LeadNotes, read_notes
from boardpack.notes.rules import Lookup, rule_context
from boardpack.slides.base import SLIDES
from boardpack.slides.views import TRANSLATED_KEYS, judged_views

if TYPE_CHECKING:
    from boardpack.slides.base import SlideData
    from boardpack.slides.result import DeckResult
    from boardpack.slides.views import MetricView

THIS_PERIOD = {"month": N_("this month"), "quarter": N_("this quarter"), "year": N_("this year")}
SEVERITY = {"off_target": 0, "watch": 1}
STATUSES = ("off_target", "watch", "on_target")


def lead_notes(result: DeckResult) -> LeadNotes:
    path = result.pack.files.notes
    return read_notes(path, result.catalogue, SLIDES) if path is not None else LeadNotes()


def _figure(view: MetricView) -> Lookup:
    change = view.change_display.lstrip("+−-±") if view.change is not None else None
    return Lookup(
        label=view.label,
        display=view.display,
        short=view.short,
        change=change,
        change_display=view.change_display,
        prior=view.prior_display,
        status=view.status,
        status_label=view.status_label,
        target=view.target_display or None,
        basis_note=view.basis_note or None,
    )


def _steps(result: DeckResult) -> list[Lookup]:
    """Every next step of the deck, those on metrics off target first, then on watch, then the rest."""
    found = []
    for section_steps in result.steps.values():
        for step in section_steps:
            status = result.metrics.results[step.metric].status if step.metric in result.metrics.results else None
            text = step.text or plain(step.html or "")
            label = result.views[step.metric].label if step.metric in result.views else None
            found.append(Lookup(metric=step.metric, label=label, status=status, text=text, section=step.section))
    return sorted(found, key=lambda s: SEVERITY.get(s["status"], 2))


def _at_risk(result: DeckResult) -> Lookup:
    """The customers at risk as their slide shows them: the largest one's MRR, and the weak signal most of them
    share (`signal`: usage, tickets, nps or billing) with how many share it."""
    health = result.metrics.results.get("health_score")
    items = health.items if health is not None else ()
    found = result.metrics.figures.at_risk if result.metrics.figures else None
    signal = next(iter(found.signals), None) if found else None
    return Lookup(
        largest_mrr=items[0]["mrr"] if items else None,
        signal=signal,
        signal_count=found.signals[signal] if found and signal else 0,
    )


def context(result: DeckResult, notes: LeadNotes) -> dict[str, Any]:
    """The rule context, and the figures, statuses, steps and ask as the deck shows them."""
    values = rule_context(result.metrics, result.catalogue)
    views = result.views
    tiles = [views[m] for m in result.catalogue.tiles if views[m].available]
    period = result.metrics.period
    found = result.metrics.figures.milestones if result.metrics.figures else None
    trend = result.metrics.figures is not None and len(result.metrics.figures.history.periods) >= 2
    latest = found.period[-1] if found and found.period and trend else None  # said only where a trend marks it
    for metric_id, result_of in result.metrics.results.items():  # breakdown keys that are words of ours
        if result_of.breakdowns and result_of.breakdowns[0][0] in TRANSLATED_KEYS:
            for ranked in (values["best"], values["worst"]):
                if ranked.get(metric_id):
                    ranked[metric_id] = result.t(ranked[metric_id])
            values["by"][metric_id] = {result.t(k): v for k, v in values["by"][metric_id].items()}
    for metric_id, by_dimension in values["drivers"].items():  # parts the catalogue names are words of ours
        for dimension, driver in by_dimension.items():
            declared = result.catalogue.metrics[metric_id].drivers.get(dimension)
            if declared is not None and getattr(declared, "parts", None) and driver["main"]:
                driver["main"] = result.t(driver["main"])
    values.update(
        fig=Lookup({metric_id: _figure(view) for metric_id, view in views.items()}),
        labels=Lookup({metric_id: view.label for metric_id, view in views.items()}),
        period=formatting.period_name(period, result.config.language),
        prior_period=formatting.period_name(result.metrics.prior_period, result.config.language),
        this_period=result.t(THIS_PERIOD[period.kind]),
        tiles=[_figure(view) for view in tiles],
        off_target=[view.label for view in tiles if view.status == "off_target"],
        watch=[view.label for view in tiles if view.status == "watch"],
        judged=Lookup(
            {
                status: [v.label for v in judged_views(views, result.catalogue) if v.status == status]
                for status in STATUSES
            }
        ),
        steps=_steps(result),
        ask=plain(notes.ask) if notes.ask else None,
        milestone=Lookup(label=latest.label, date=latest.day, kind=latest.kind) if latest else None,
        at_risk=_at_risk(result),
    )
    return values


def deck_writer(result: DeckResult) -> DeckWriter:
    notes = lead_notes(result)
    config = result.config
    env = environment(config.currency, config.locale, config.language)
    return DeckWriter(shipped_findings(), Filler(env, context(result, notes), result.t), dict(notes.overrides))


def review(result: DeckResult, slides: list[SlideData]) -> list[dict[str, Any]]:
    """Every generated sentence of these slides in deck order: titles, summaries, next steps, with figures."""
    writer = result.writer
    entries: list[dict[str, Any]] = []
    listed: set[tuple[str, str]] = set()  # slides of one section share its next steps: each is listed once
    replaced = set(writer.overrides)
    for data in slides:
        if data.id not in writer.written:
            continue
        words = writer.written[data.id]
        if words.title.source != "topic" or data.id in writer.findings.slides or words.title.key in replaced:
            entries.append(listing_entry("title", data.id, words.title, words.title.key in replaced))
        for sentence in words.summary:
            entries.append(listing_entry("summary", data.id, sentence, sentence.key in replaced))
        for key in words.silenced:
            entries.append(
                {
                    "key": key,
                    "slide": data.id,
                    "kind": "silenced",
                    "source": "note",
                    "replaced": True,
                    "text": "",
                    "figures": [],
                }
            )
        shown, rest = result.slide_steps.get(  # a paired slide: both halves' steps, its band's and the rest
            data.section or "", (list(data.next_steps), list(data.values.get("pair_steps_left", ())))
        )
        for step in [*shown, *rest]:  # those the slide leaves to the page of all next steps too
            text = step.text or plain(step.html or "")
            if (step.key, text) in listed:
                continue
            listed.add((step.key, text))
            entries.append(
                {
                    "key": step.key or (f"{step.metric or step.section}" if step.source == "note" else ""),
                    "slide": data.id,
                    "kind": "step",
                    "source": step.source,
                    "replaced": step.source == "note",
                    "text": text,
                    "figures": [{"what": what, "value": value} for what, value in step.figures],
                }
            )
    return entries
