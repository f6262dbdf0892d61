"""Tables about the company itself: dated milestones (a campaign launch, a price change, a new market).

A milestone explains a trend: the trend charts mark it at the period it falls in, and a finding can
cite it ("since the price change in July"). It is named apart from `events.csv`, the trade shows.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from boardpack.inputs.cells import DateCell, OptionalText, Text, validation_error
from boardpack.inputs.tables.spec import Row, TableSpec, spec

LABEL_LIMIT = 40  # characters: a label marks a chart beside its neighbours, so it stays short
KINDS = ("campaign", "launch", "pricing", "market", "other")


class MilestoneRow(Row):
    """A dated company milestone that explains a trend: a campaign launch, a price change, a new market."""

    date: DateCell = Field(description="the day it happened (2026-07-01)")
    label: Text = Field(description=f"a short label for the charts, one line of at most {LABEL_LIMIT} characters")
    kind: OptionalText = Field(None, description=f"what it was: {', '.join(KINDS)} (may be blank)")

    @field_validator("label")
    @classmethod
    def _short_plain(cls, value: str) -> str:
        if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in value):
            raise validation_error(
                "text", "a label with a line break or control character; expected one line of plain text"
            )
        if len(value) > LABEL_LIMIT:
            raise validation_error(
                "text",
                "a label of {size} characters; expected at most {limit}, short enough to mark a chart",
                size=len(value),
                limit=LABEL_LIMIT,
            )
        return value

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if value.strip().lower() not in KINDS:
            raise validation_error(
                "choice",
                "'{value}' is not a milestone kind; expected one of {kinds}",
                value=value,
                kinds=", ".join(KINDS),
            )
        return value.strip().lower()


SPECS: tuple[TableSpec, ...] = (
    spec(
        "milestones",
        MilestoneRow,
        ("label", "date"),
        "date",
        "Company milestones",
        (
            {"date": "2026-07-01", "label": "Price change", "kind": "pricing"},
            {"date": "2026-08-18", "label": "Partner programme launch", "kind": "launch"},
        ),
        dated=True,
    ),
)
