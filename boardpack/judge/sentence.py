"""A sentence the deck generates from the figures, with the figures behind it.

Titles, summary sentences and next steps are all written from the figures. Each carries a key so the
lead can replace or silence it in notes.md (`## retention.title`, `## summary.why`, `## step.<rule id>`),
and the figures it rests on, so `boardpack explain` can list every generated sentence for review before the deck
goes to the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
