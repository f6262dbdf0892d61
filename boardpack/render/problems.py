"""Problems in a theme, reported as `file:line: message` instead of a Jinja or CSS traceback."""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from boardpack.inputs.report import Problem, ProblemsFound, make_problem, printable
from boardpack.render.logs import weasyprint_warnings

_AT = re.compile(r" at (\d+):(\d+)")
_NOT_FETCHED = "not fetched while checking"


class ThemeProblem(ProblemsFound):
    """A template or stylesheet of the theme is broken; each problem names the file and line."""


_UNDEFINED = re.compile(r"^'(\w+)' is undefined$")


def template_problem(
    exc: Exception, provided_by: dict[str, str] | None = None, template: str = "deck.html.j2"
) -> ThemeProblem:
    """Where a template failed: the file and line, from the error or its traceback.

    Any exception counts, not only Jinja's: `{{ 1 / 0 }}` in a theme's slide raises ZeroDivisionError
    while rendering, and the user needs its file and line, not a traceback. When no frame of a template
    is found, the problem names `template`, the one being rendered. A name that only one slide
    gives (`provided_by`: name -> slide id), read while that slide is not in the deck, is named as such:
    a theme written when every name was always given learns what changed and how to update.
    """
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ThemeProblem([make_problem(exc.filename, exc.lineno, None, exc.message or "")])
    if isinstance(exc, TemplateNotFound):  # its own message is the bare name, `/etc/passwd`
        message = printable(
            f"no template '{exc.name}' in the theme or the default templates; expected the name of a template "
            "inside them, such as slides/cover.html.j2"
        )
    else:
        text = exc.message if isinstance(exc, TemplateError) else None
        message = printable(text or str(exc) or type(exc).__name__)
    if isinstance(exc, UndefinedError) and (match := _UNDEFINED.match(message)) and match[1] in (provided_by or {}):
        name, slide = match[1], (provided_by or {})[match[1]]
        message = (
            f"'{name}' is given by the {slide} slide, which this deck does not show; expected the template to "
            f"read it only there, to test `{name} is defined`, or `{slide}` in the pack's slides: list"
        )
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return ThemeProblem([make_problem(frame.filename, frame.lineno, None, message)])
    return ThemeProblem([make_problem(template, None, None, message)])


def read_stylesheet(path: Path) -> str:
    """A theme's stylesheet as text, decoded as every text file of a pack is; a ThemeProblem if binary."""
    from boardpack.inputs.textfile import NotText, decode

    try:
        return decode(path.read_bytes())
    except NotText:
        raise ThemeProblem.about(
            str(path), "not a text file (it has bytes that no text has); expected CSS text"
        ) from None


def check_stylesheet(path: Path) -> list[Problem]:
    """Every rule WeasyPrint would ignore in a theme stylesheet, each with its file and line."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    class NoFetch(URLFetcher):
        """Checking a stylesheet reads nothing it points at (the build's own fetcher decides that)."""

        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            raise ValueError(f"{_NOT_FETCHED}: {url}")

    with weasyprint_warnings(_NOT_FETCHED) as messages:
        weasyprint.CSS(string=read_stylesheet(path), url_fetcher=NoFetch())
    problems = []
    for message in messages:
        match = _AT.search(message)
        problems.append(make_problem(str(path), int(match[1]) if match else 1, None, _AT.sub("", message)))
    return problems
