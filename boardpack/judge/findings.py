"""Finding templates as data: per slide, candidate titles and summary sentences written from the figures.

`findings.yaml` holds, for each slide id, an ordered list of candidates (`when`: a Jinja expression,
`title`: a template, `summary`: one or two templates); the first whose condition holds writes the slide's
title and summary, and a last candidate without `when` is the fallback. `summary:` holds the written
executive summary the same way, one list per part (`what`, `why`, `doing`, `ask`). Every text is a
message id, translated before it is filled, so French and Romanian decks say the same with the same
figures. A bad file is a `FindingsError` naming the file and the entry, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import TemplateError
from pydantic import BaseModel, ConfigDict, ValidationError

from boardpack.i18n import N_
from boardpack.inputs.report import Problem, ProblemsFound, ValidationReport, entry_problems, make_problem
from boardpack.inputs.yamlfile import parse_yaml

SHIPPED = "findings.yaml"
SUMMARY_PARTS = ("what", "why", "doing", "ask")  # the written executive summary, in reading order


class Candidate(BaseModel):
    """One way to word a slide's finding (`title`, `summary`) or a part of the executive summary (`text`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: str | None = None  # none: the fallback, which holds whatever the figures
    title: str | None = None
    summary: tuple[str, ...] = ()
    text: str | None = None

    def templates(self) -> tuple[str, ...]:
        return tuple(t for t in (self.title, *self.summary, self.text) if t)


@dataclass(frozen=True)
class Findings:
    """Candidates by slide id and by part of the executive summary, and the file they came from."""

    slides: dict[str, tuple[Candidate, ...]]
    summary: dict[str, tuple[Candidate, ...]]
    source: str = SHIPPED


class FindingsError(ProblemsFound):
    """A findings file is invalid, or a template cannot be evaluated on this period's figures."""


def _check(where: str, candidate: Candidate, kind: str, source: str) -> list[Problem]:
    from boardpack.judge.writer import compile_template, environment

    env = environment("EUR", "en")
    problems = []
    if kind == "slide" and (candidate.title is None or candidate.text is not None):
        problems.append(make_problem(source, None, None, N_("{where}: expected a title (and summary)"), where=where))
    if kind == "part" and (candidate.text is None or candidate.title is not None or candidate.summary):
        problems.append(make_problem(source, None, None, N_("{where}: expected a text"), where=where))
    try:
        if candidate.when is not None:
            env.compile_expression(candidate.when)
        for template in candidate.templates():
            compile_template(env, template)
    except TemplateError as exc:
        problems.append(make_problem(source, None, None, f"{where}: {exc}"))
    return problems


def _candidates(value: object, where: str, kind: str, source: str) -> tuple[tuple[Candidate, ...], list[Problem]]:
    if not isinstance(value, list):
        return (), [make_problem(source, None, None, N_("{where}: expected a list of candidates"), where=where)]
    found: list[Candidate] = []
    problems: list[Problem] = []
    for index, entry in enumerate(value, start=1):
        here = f"{where}, candidate {index}"
        try:
            candidate = Candidate.model_validate(entry)
        except ValidationError as exc:
            problems += entry_problems(source, here, exc.errors())
            continue
        problems += _check(here, candidate, kind, source)
        found.append(candidate)
    return tuple(found), problems


def parse_findings(text: str, source: str) -> Findings:
    """Read and check a findings file: its two keys, each candidate's fields, and valid Jinja in each."""
    report = ValidationReport()
    document = parse_yaml(text, source, report, N_("a mapping with slides: and summary:"), empty_ok=True)
    if document is None:
        raise FindingsError(report.problems)
    problems = list(report.problems)
    data = document.data
    problems += [
        make_problem(source, None, str(key), N_("unknown key; expected {expected}"), expected="slides:, summary:")
        for key in data
        if key not in ("slides", "summary")
    ]
    slides: dict[str, tuple[Candidate, ...]] = {}
    summary: dict[str, tuple[Candidate, ...]] = {}
    for group, kind, target in (("slides", "slide", slides), ("summary", "part", summary)):
        entries = data.get(group) or {}
        if not isinstance(entries, dict):
            problems.append(make_problem(source, None, group, N_("expected a mapping of ids to candidates")))
            continue
        for name, value in entries.items():
            if group == "summary" and name not in SUMMARY_PARTS:
                expected = ", ".join(SUMMARY_PARTS)
                message = N_("unknown part '{name}'; expected one of {expected}")
                problems.append(make_problem(source, None, group, message, name=name, expected=expected))
                continue
            target[str(name)], found = _candidates(value, f"{group}.{name}", kind, source)
            problems += found
    if problems:
        raise FindingsError(problems)
    return Findings(slides, summary, source)


@cache
def shipped_findings() -> Findings:
    text = resources.files("boardpack.judge").joinpath(SHIPPED).read_text(encoding="utf-8")
    return parse_findings(text, SHIPPED)
