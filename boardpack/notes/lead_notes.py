"""The lead's own notes: a markdown file with one heading per metric id or section id.

    ## nrr
    Two enterprise renewals moved to Q4; NRR recovers when they sign.

Markdown is rendered with raw HTML switched off, so a note can never inject markup into the deck.
Headings that name neither a metric nor a section are reported, so a typo does not drop a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from boardpack.i18n import N_
from boardpack.inputs.report import Problem, ValidationReport, quoted
from boardpack.inputs.textfile import read_text
from boardpack.metrics.catalogue import Catalogue

_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class LeadNotes:
    by_metric: dict[str, str] = field(default_factory=dict)
    by_section: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _web_link(url: str) -> bool:
    """Links in notes may point at web pages or mail addresses, never at files."""
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
    md.validateLink = _web_link
    return md.render(text).strip()


def read_notes(path: Path, catalogue: Catalogue) -> LeadNotes:
    """Parse the notes file; a missing file means no notes."""
    if not path.is_file():
        return LeadNotes()
    report = ValidationReport()
    content = read_text(path, path.name, report, N_("markdown text saved as UTF-8 or Windows-1252"))
    if content is None:
        return LeadNotes(problems=tuple(report.problems))
    by_metric: dict[str, str] = {}
    by_section: dict[str, str] = {}
    current: tuple[str, int] | None = None
    buffer: list[str] = []

    def flush() -> None:
        if current is None:
            return
        key, line = current
        body = "\n".join(buffer).strip()
        if not body:
            return
        if key in catalogue.metrics:
            by_metric[key] = _markdown(body)
        elif key in catalogue.sections:
            by_section[key] = _markdown(body)
        else:
            report.add(
                path.name,
                line,
                None,
                N_("heading '{key}' is neither a metric id nor a section id; expected one such as nrr or retention"),
                key=quoted(key),
            )

    for number, line in enumerate(content.splitlines(), start=1):
        if match := _HEADING.match(line):
            flush()
            current, buffer = (match[1].strip().lower(), number), []
        elif current is not None:
            buffer.append(line)
    flush()
    return LeadNotes(by_metric, by_section, tuple(report.problems))
