"""Problems in a theme, reported as `file:line: message` instead of a Jinja or CSS traceback."""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from boardpack.inputs.report import printable

_AT = re.compile(r" at (\d+):(\d+)")


class ThemeProblem(Exception):
    """A template or stylesheet of the theme is broken; every line is `file:line: message`."""


def template_problem(exc: Exception) -> ThemeProblem:
    """Where a template failed: the file and line, from the error or its traceback.

    Any exception counts, not only Jinja's: `{{ 1 / 0 }}` in a theme's slide raises ZeroDivisionError
    while rendering, and the user needs its file and line, not a traceback.
    """
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ThemeProblem(f"{exc.filename}:{exc.lineno}: {exc.message}")
    if isinstance(exc, TemplateNotFound):  # its own message is the bare name, `/etc/passwd`
        message = printable(
            f"no template '{exc.name}' in the theme or the default templates; expected the name of a template "
            "inside them, such as slides/cover.html.j2"
        )
    else:
        text = exc.message if isinstance(exc, TemplateError) else None
        message = printable(text or str(exc) or type(exc).__name__)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return ThemeProblem(f"{frame.filename}:{frame.lineno}: {message}")
    return ThemeProblem(f"template error: {message}")


def read_stylesheet(path: Path) -> str:
    """A theme's stylesheet as text, decoded as every text file of a pack is; a ThemeProblem if binary."""
    from boardpack.inputs.textfile import NotText, decode

    try:
        return decode(path.read_bytes())
    except NotText:
        raise ThemeProblem(f"{path}: not a text file (it has bytes that no text has); expected CSS text") from None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_stylesheet(path: Path) -> list[str]:
    """Every rule WeasyPrint would ignore in a theme stylesheet, as `file:line: message`."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    class NoFetch(URLFetcher):
        """Checking a stylesheet reads nothing it points at (the build's own fetcher decides that)."""

        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            raise ValueError(f"not fetched while checking: {url}")

    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        weasyprint.CSS(string=read_stylesheet(path), url_fetcher=NoFetch())
    finally:
        logger.removeHandler(handler)
    handler.messages = [m for m in handler.messages if "not fetched while checking" not in m]
    problems = []
    for message in handler.messages:
        match = _AT.search(message)
        line = match[1] if match else "1"
        problems.append(f"{path}:{line}: {_AT.sub('', message)}")
    return problems
