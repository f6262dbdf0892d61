"""Problems in a theme, reported as `file:line: message` instead of a Jinja or CSS traceback."""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

_AT = re.compile(r" at (\d+):(\d+)")


class ThemeProblem(Exception):
    """A template or stylesheet of the theme is broken; every line is `file:line: message`."""


def template_problem(exc: TemplateError) -> ThemeProblem:
    """Where a Jinja error happened: the template file and line, from the error or its traceback."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ThemeProblem(f"{exc.filename}:{exc.lineno}: {exc.message}")
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return ThemeProblem(f"{frame.filename}:{frame.lineno}: {exc.message or exc}")
    return ThemeProblem(f"template error: {exc}")


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
        weasyprint.CSS(string=path.read_text(encoding="utf-8"), url_fetcher=NoFetch())
    finally:
        logger.removeHandler(handler)
    handler.messages = [m for m in handler.messages if "not fetched while checking" not in m]
    problems = []
    for message in handler.messages:
        match = _AT.search(message)
        line = match[1] if match else "1"
        problems.append(f"{path}:{line}: {_AT.sub('', message)}")
    return problems
