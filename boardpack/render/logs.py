"""WeasyPrint's warnings, collected while it works, so that they reach the user as messages, not log lines.

Checking a theme's stylesheet and laying out the PDF both need them; both refuse some fetches on purpose
and report those themselves, so the refusals' own log lines are left out here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings(refusal: str) -> Iterator[list[str]]:
    """The warnings WeasyPrint logs within the block, filled in as the block ends.

    Messages that contain `refusal` (the text of the fetcher's own refusal) are left out: they are
    reported once, from the fetcher, rather than twice.
    """
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    found: list[str] = []
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        found.extend(message for message in handler.messages if refusal not in message)
