"""The lead's own notes: a markdown file with one heading per metric, section or generated sentence.

    ## nrr
    Owner: Ana Pop
    Due: 2026-10-31
    Two enterprise renewals moved to Q4; NRR recovers when they sign.

    ## retention.title
    NRR held at 98 % while two renewals slipped

    ## step.channel_budget_move
    -

    ## ask
    Approve a €40K shift from paid social to events for Q4.

A metric or section heading gives the lead's next step on that section's slide. A heading with a dot
names one generated sentence (its key, as `boardpack explain` lists them: `<slide>.title`,
`<slide>.summary`, `summary.<part>`, `step.<rule id>`) and replaces it; a body of a single `-`
silences it. `## ask` is what the board is asked to decide, shown in the executive summary.
`Owner:` and `Due:` lines at the top of a note travel with its next step.

Markdown is rendered with raw HTML switched off, so a note can never inject markup into the deck.
Headings that name nothing known are reported, so a typo does not drop a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from boardpack.i18n import N_
from boardpack.inputs.report import Problem, ValidationReport, quoted
from boardpack.inputs.textfile import read_text
from boardpack.metrics.catalogue import Catalogue

_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")
_ASSIGNMENT = re.compile(r"^\s*(owner|due)\s*:\s*(.*?)\s*$", re.IGNORECASE)
SILENCED = "-"  # a note body that silences the generated sentence it names
ASK = "ask"
SENTENCE_GROUPS = ("summary", "step")  # first parts of a sentence key that are not slide ids


@dataclass(frozen=True)
class Assignment:
    """Who carries a next step, and by when (from `Owner:` and `Due:` lines)."""

    owner: str | None = None
    due: date | None = None


@dataclass(frozen=True)
class LeadNotes:
    by_metric: dict[str, str] = field(default_factory=dict)
    by_section: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    overrides: dict[str, str | None] = field(default_factory=dict)  # sentence key -> html, None when silenced
    ask: str | None = None  # html: what the board is asked to decide
    assignments: dict[str, Assignment] = field(default_factory=dict)  # heading key -> owner and due date
    lines: dict[str, int] = field(default_factory=dict)  # heading key -> its line, for messages

    def override(self, key: str) -> tuple[bool, str | None]:
        """(whether the lead wrote this sentence's heading, its html or None when silenced)."""
        return (key in self.overrides, self.overrides.get(key))


def _web_link(url: str) -> bool:
    """Links in notes may point at web pages or mail addresses, never at files."""
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
    md.validateLink = _web_link
    return md.render(text).strip()


def _inline(text: str) -> str:
    """A one-paragraph note (a title) as inline html: the paragraph tags are the deck's to place."""
    html = _markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _assignment(
    lines: list[str], key: str, line: int, name: str, report: ValidationReport
) -> tuple[list[str], Assignment | None]:
    """Leading `Owner:` and `Due:` lines taken off a note's body."""
    owner: str | None = None
    due: date | None = None
    rest = list(lines)
    while rest and (not rest[0].strip() or (match := _ASSIGNMENT.match(rest[0]))):
        if not rest[0].strip():
            rest.pop(0)
            continue
        word, value = match[1].lower(), match[2]
        if word == "owner":
            owner = value or None
        else:
            try:
                due = date.fromisoformat(value)
            except ValueError:
                report.add(
                    name,
                    line,
                    None,
                    N_("under '{key}': due date '{value}'; expected a date written 2026-10-31"),
                    key=quoted(key),
                    value=quoted(value),
                )
        rest.pop(0)
    return rest, (Assignment(owner, due) if owner or due else None)


def read_notes(path: Path, catalogue: Catalogue, slide_ids: Iterable[str] = ()) -> LeadNotes:
    """Parse the notes file; a missing file means no notes. `slide_ids` are the slides a sentence key may name."""
    if not path.is_file():
        return LeadNotes()
    report = ValidationReport()
    content = read_text(path, path.name, report, N_("markdown text saved as UTF-8 or Windows-1252"))
    if content is None:
        return LeadNotes(problems=tuple(report.problems))
    slides = set(slide_ids)
    by_metric: dict[str, str] = {}
    by_section: dict[str, str] = {}
    overrides: dict[str, str | None] = {}
    assignments: dict[str, Assignment] = {}
    lines: dict[str, int] = {}
    ask: str | None = None
    current: tuple[str, int] | None = None
    buffer: list[str] = []

    def flush() -> None:
        nonlocal ask
        if current is None:
            return
        key, line = current
        body_lines, assignment = _assignment(buffer, key, line, path.name, report)
        body = "\n".join(body_lines).strip()
        lines[key] = line
        if assignment is not None:
            assignments[key] = assignment
        if not body:
            return
        if "." in key and key.split(".", 1)[0] in slides | set(SENTENCE_GROUPS):
            overrides[key] = None if body == SILENCED else _inline(body)
            return
        if key == ASK:
            ask = _markdown(body)
        elif key in catalogue.metrics:
            by_metric[key] = _markdown(body)
        elif key in catalogue.sections:
            by_section[key] = _markdown(body)
        else:
            report.add(
                path.name,
                line,
                None,
                N_(
                    "heading '{key}' names no metric, section or generated sentence; expected a metric or "
                    "section id such as nrr or retention, a sentence key such as retention.title or step.<rule>, "
                    "or ask"
                ),
                key=quoted(key),
            )

    for number, line in enumerate(content.splitlines(), start=1):
        if match := _HEADING.match(line):
            flush()
            current, buffer = (match[1].strip().lower(), number), []
        elif current is not None:
            buffer.append(line)
    flush()
    return LeadNotes(by_metric, by_section, tuple(report.problems), overrides, ask, assignments, lines)
