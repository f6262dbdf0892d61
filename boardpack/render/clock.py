"""The clock that libraries read while a deck is written, pinned to the build date.

fontTools writes the current time into the `head` table of every font it saves: each font subset
when HarfBuzz's subsetter is not installed, the static instance WeasyPrint cuts from a variable
font, a WOFF font decoded for layout. Its only switch is the reproducible-builds convention, the
`SOURCE_DATE_EPOCH` environment variable, so the deck's own date is put there for the length of the
layout and the write, and whatever was there before is put back.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

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
