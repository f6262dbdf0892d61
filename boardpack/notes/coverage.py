"""Next steps per section: every weak figure answered, the lead's word first, then a rule, then a generic step.

The order is the board's: what the lead wrote (a note on the metric or its section, or a `step.<key>`
heading that rewrites or silences one generated step) is what the lead stands behind; a specific rule
knows the business better than a generic sentence; and a figure off target, on watch or moved far the
wrong way that neither speaks of still gets a sentence naming its gap, so no weak figure reaches the
board without a next step.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from boardpack.i18n import N_, translator
from boardpack.inputs.config import PackConfig
from boardpack.inputs.findings import FindingsSettings
from boardpack.inputs.report import Problem, make_problem, quoted
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.result import MetricSet
from boardpack.notes.lead_notes import LeadNotes
from boardpack.notes.rules import NextStep, Rule, evaluate_rules
from boardpack.notes.weak import OWNER_SENTENCE, generic_step, weak_figures


def _assigned(step: NextStep, notes: LeadNotes, *keys: str) -> NextStep:
    """The step with the owner and due date of the first of `keys` the lead's notes assign."""
    for key in keys:
        if assignment := notes.assignments.get(key):
            due = assignment.due.isoformat() if assignment.due else None
            return replace(step, owner=assignment.owner, due=due)
    return step


def _override(step: NextStep, notes: LeadNotes) -> NextStep | None:
    """The step as the lead's `step.<key>` heading leaves it: rewritten, silenced (None), or as it was."""
    written, html = notes.override(step.key)
    if not written:
        return step
    return None if html is None else replace(step, source="note", html=html)


def next_steps(
    metrics: MetricSet,
    catalogue: Catalogue,
    rules: list[Rule],
    notes: Any,
    currency: str,
    locale: str,
    language: str = "en",
    config: PackConfig | None = None,
    shown: Collection[str] | None = None,
) -> dict[str, list[NextStep]]:
    """Next steps per section. A section note replaces the section's generated steps; a metric note
    replaces those of its metric; `shown` (the metrics on the deck's slides; all when None) limits which
    weak figures need one."""
    findings = config.findings if config else FindingsSettings()
    words = translator(language)
    noted_sections = set(notes.by_section)
    noted_metrics = set(notes.by_metric)
    generated: list[NextStep] = []
    answered: set[str] = set(noted_metrics)
    for step in evaluate_rules(rules, metrics, catalogue, currency, locale, language, config):
        if step.section in noted_sections or step.metric in noted_metrics:
            continue
        answered.update(step.answers)  # a silenced step still answers its figures: the lead chose silence
        if (kept := _override(step, notes)) is not None:
            generated.append(_assigned(kept, notes, step.key, step.metric or ""))
    for weakness in weak_figures(metrics, catalogue, findings.adverse_change, shown):
        metric = catalogue.metrics[weakness.metric]
        if weakness.metric in answered or metric.section in noted_sections:
            continue
        step = generic_step(weakness, metrics[weakness.metric], metric, currency, locale, words)
        if (kept := _override(step, notes)) is not None:
            generated.append(_assigned(kept, notes, step.key, weakness.metric))
    by_section: dict[str, list[NextStep]] = {}
    for section, html in notes.by_section.items():
        note = NextStep(section, None, "", "note", html=html, key=section)
        by_section.setdefault(section, []).append(_assigned(note, notes, section))
    for metric_id, html in notes.by_metric.items():
        section = catalogue.metrics[metric_id].section
        note = NextStep(section, metric_id, "", "note", html=html, key=metric_id)
        by_section.setdefault(section, []).append(_assigned(note, notes, metric_id))
    for step in _grouped(generated, words(OWNER_SENTENCE)):
        by_section.setdefault(step.section, []).append(step)
    return by_section


def _grouped(steps: list[NextStep], closing: str) -> list[NextStep]:
    """Generic steps of one section that name no driver, as one step: three figures of the traffic slide
    that fell read "Pageviews fell ... Pages per session fell ... Name an owner ...", not three steps each
    asking for an owner. Each figure's own `step.<metric>` key was applied before."""
    loose: dict[str, list[NextStep]] = {}
    for step in steps:
        if step.source == "generic" and step.text.endswith(closing):
            loose.setdefault(step.section, []).append(step)
    kept: list[NextStep] = []
    merged: set[str] = set()
    for step in steps:
        group = loose.get(step.section, [])
        if len(group) < 2 or step not in group:
            kept.append(step)
        elif step.section not in merged:
            merged.add(step.section)
            said = " ".join(s.text.removesuffix(closing).strip() for s in group)
            kept.append(
                replace(
                    group[0],
                    text=f"{said} {closing}",
                    figures=tuple(f for s in group for f in s.figures),
                    covers=tuple(m for s in group for m in s.answers),
                )
            )
    return kept


def step_keys(rules: list[Rule], catalogue: Catalogue) -> set[str]:
    """Every `step.<key>` a generated next step may carry: a rule id, or a metric id for a generic step."""
    return {f"step.{rule.id}" for rule in rules} | {f"step.{metric_id}" for metric_id in catalogue.metrics}


def unknown_step_keys(notes: LeadNotes, rules: list[Rule], catalogue: Catalogue, source: str) -> list[Problem]:
    """A `## step.<key>` heading that names no rule and no metric would silently change nothing."""
    known = step_keys(rules, catalogue)
    rule_keys = sorted(f"step.{rule.id}" for rule in rules)
    problems = []
    for key in notes.overrides:
        if not key.startswith("step.") or key in known:
            continue
        close = difflib.get_close_matches(key, rule_keys, n=3, cutoff=0.5) or rule_keys[:3]
        problems.append(
            make_problem(
                source,
                notes.lines.get(key),
                None,
                N_("heading '{key}' names no next-step rule; expected one such as {suggestions}"),
                key=quoted(key),
                suggestions=", ".join(close),
            )
        )
    return problems
