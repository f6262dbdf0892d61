"""A sentence the deck generates from the figures, with the figures behind it.

Titles, summary sentences and next steps are all written from the figures. Each carries a key so the
lead can replace or silence it in notes.md (`## retention.title`, `## summary.why`, `## step.<rule id>`),
and the figures it rests on, so `boardpack explain` can list every generated sentence for review before the deck
goes to the board.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_OPENING = re.compile(r"^([\s\u00a0«„“\"'(]*)([^\W\d_])")
# a sentence inside a text: after `.`, `!` or `?` that ends a word of four letters or more, a figure or a bracket
# (`12.6%.`, `target).`), never an abbreviation such as `n.d.` or `vs.`, and a lower-case letter after it
_INNER = re.compile(r"((?:[^\W\d_]{4,}|[\d%)»”])[.!?][\s\u00a0]+)([^\W\d_])")


def capitalised(text: str) -> str:
    """A generated sentence starts with a capital in every language: a template may begin with a figure's
    own words (`sept. 2026: MRR ...`, a channel written in lower case), which are right mid-sentence only."""
    text = _OPENING.sub(lambda m: m[1] + m[2].upper(), text, count=1)
    return _INNER.sub(lambda m: m[1] + m[2].upper(), text)


def inline(label: str) -> str:
    """A metric's label as it reads inside a sentence: `customer churn`, `net revenue retention (NRR)`, with
    an acronym kept (`MRR`, `LTV:CAC`); a label starts with a capital only where it stands alone."""
    first = label.split(maxsplit=1)[0] if label.strip() else ""
    letters = [c for c in first if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return label
    return label[:1].lower() + label[1:]


Source = Literal["generated", "note", "topic"]  # written from the figures, the lead's own, the slide's topic


@dataclass(frozen=True)
class Sentence:
    key: str  # `retention.title`, `summary.why`, `step.cac_channel`: the notes.md heading that replaces it
    text: str  # plain text in the deck's language
    figures: tuple[tuple[str, str], ...] = ()  # (what, formatted value) pairs the sentence rests on
    source: Source = "generated"
    html: str | None = None  # a lead's note, rendered from markdown

    def __str__(self) -> str:
        return self.text
