"""The clock that libraries read while a deck is written, pinned to the build date.

fontTools writes the current time into the `head` table of every font it saves: each font subset
when HarfBuzz's subsetter is not installed, the static instance WeasyPrint cuts from a variable
font, a WOFF font decoded for layout. Its only switch is the reproducible-builds convention, the
`SOURCE_DATE_EPOCH` environment variable, so the deck's own date is put there for the length of the
layout and the write, and whatever was there before is put back.

The deck's own date comes from the same variable when the caller sets it, else from the period's end.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from boardpack.periods import Period

_VARIABLE = "SOURCE_DATE_EPOCH"
# The environment belongs to the whole process: decks written side by side in threads take turns.
_LOCK = threading.Lock()


@contextmanager
def pinned_clock(moment: datetime) -> Iterator[None]:
    """Within the block, fontTools (and anything else that honours SOURCE_DATE_EPOCH) reads `moment`."""
    with _LOCK:
        before = os.environ.get(_VARIABLE)
        os.environ[_VARIABLE] = str(int(moment.timestamp()))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(_VARIABLE, None)
            else:
                os.environ[_VARIABLE] = before


class BuildDateInvalid(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a date: a build must not quietly fall back to another date."""


def created_at(period: Period) -> datetime:
    """When the deck says it was made: SOURCE_DATE_EPOCH if set (reproducible builds), else the period end.

    Using the period end, not the clock, keeps two builds of the same inputs byte-identical. A value
    that is not whole seconds since 1970 stops the build, as the reproducible-builds convention asks,
    rather than dating the deck differently from what the caller pinned.
    """
    epoch = os.environ.get(_VARIABLE, "").strip()
    if epoch:
        try:
            if not epoch.isascii() or not epoch.isdigit():
                raise ValueError(epoch)
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise BuildDateInvalid(
                f"SOURCE_DATE_EPOCH is {epoch!r}; expected whole seconds since 1970-01-01 UTC, "
                "such as 1790000000 (`date +%s`), or no value"
            ) from None
    end = period.last_day
    return datetime(end.year, end.month, end.day, tzinfo=UTC)
