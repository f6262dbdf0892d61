"""What every table model shares: the row base, the checks of channel and segment names, and the
description of a table (`TableSpec`) that the loader, the README and the scaffold read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo

from boardpack.inputs.cells import check_choice
from boardpack.periods import Period, month_index


class Row(BaseModel):
    """Base of every row model: frozen, strict about column names, and aware of the pack's names."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    line: int = Field(0, exclude=True, description="spreadsheet row the values came from")


def check_channel(value: str, info: ValidationInfo) -> str:
    return check_choice(value, (info.context or {}).get("channels"), "channel", "boardpack.yaml")


def check_segment(value: str, info: ValidationInfo) -> str:
    return check_choice(value, (info.context or {}).get("segments"), "segment", "boardpack.yaml")


@dataclass(frozen=True)
class TableSpec:
    """How a table is found, read, checked for duplicates and broken down.

    `key` (with the period) identifies a row; `None` means rows may repeat (one row per event).
    A `dated` table has a date where others have a period: its rows are events, each in the month of
    its date. A `sparse` table (dated ones too) lists occurrences, so a month without rows means none
    happened: it covers every month between its first and last row, not only the months it has rows for.
    A `customer_level` table has rows about single customers, prospects or people (names, MRR, NPS, ids):
    the PDF leaves it out unless `attach: all`.
    """

    name: str
    model: type[Row]
    key: tuple[str, ...] | None
    period_column: str
    title: str
    examples: tuple[dict[str, str], ...]
    dated: bool = False
    breakdowns: dict[str, str] = field(default_factory=dict)
    sparse: bool = False
    customer_level: bool = False

    @property
    def columns(self) -> list[str]:
        return [name for name in self.model.model_fields if name != "line"]

    def key_of(self, row: Row) -> tuple[object, ...]:
        return tuple(getattr(row, k) for k in self.key or ())

    def period_of(self, row: Row) -> Period:
        value = getattr(row, self.period_column)
        if isinstance(value, date):
            return Period(month_index(value.year, value.month), "month")
        return value


def spec(
    name: str,
    model: type[Row],
    key: tuple[str, ...] | None,
    period: str,
    title: str,
    examples: tuple[dict[str, str], ...],
    dated: bool = False,
    sparse: bool = False,
    customer_level: bool = False,
    **breakdowns: str,
) -> TableSpec:
    return TableSpec(name, model, key, period, title, examples, dated, breakdowns, sparse or dated, customer_level)
