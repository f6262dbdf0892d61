"""The known name closest to a misspelt one, so a message can say "did you mean `gross_margin`?".

`difflib` ranks by shared subsequences, which catches a dropped letter (`gross_margn`), a swapped pair
(`taregts`) and a changed word ending (`alert`) alike; a name close to nothing gets no guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like `name` (case aside), or None when none is close enough to be a guess."""
    choices = {choice.casefold(): choice for choice in known}
    found = difflib.get_close_matches(name.casefold(), list(choices), n=1, cutoff=0.6)
    return choices[found[0]] if found else None
