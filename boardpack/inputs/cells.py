"""Cell parsers shared by the table models: numbers in any common spreadsheet form, and periods.

Each parser raises `PydanticCustomError` with a message written for the person who typed the cell:
what was found and what was expected. The models attach these through `BeforeValidator`, so the
validation itself stays in pydantic while the words stay ours.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from boardpack.i18n import N_
from boardpack.periods import Period, PeriodError, month_index, parse_period

PERIOD_KINDS = (N_("quarter"), N_("year"))

_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"^[€$£¥]|[€$£¥]$|\b(EUR|USD|GBP|RON|CHF)\b", re.IGNORECASE)


def validation_error(error_type: str, message: str, **ctx: Any) -> PydanticCustomError:
    """A validation error whose context keeps its message template, so the CLI can translate it."""
    return PydanticCustomError(error_type, message, {**ctx, "template": message})


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def parse_number(value: Any, decimal_comma: bool, expected: str) -> float:
    """Read 1234.5, `1 234,5`, `1.234,5`, `€1,234.50` or `12%` (as 0.12)."""
    if type(value) is not str and isinstance(value, bool):
        raise validation_error(
            "number", "'{value}' is not a number; expected {expected}", value=value, expected=expected
        )
    if type(value) is not str and isinstance(value, int | float):
        number = float(value)
    elif not _DIGIT.search(str(value)):  # no digit, no number: junk is refused before any rewriting
        raise validation_error(
            "number", "'{value}' is not a number; expected {expected}", value=str(value).strip(), expected=expected
        )
    else:
        text = _CURRENCY.sub("", _SPACES.sub("", str(value)))
        percent = text.endswith("%")
        text = text.rstrip("%")
        if "," in text and "." in text:
            # whichever separator comes last is the decimal one
            text = (
                text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
            )
        elif "," in text:
            if decimal_comma or not re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
                text = text.replace(",", ".")
            else:
                text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise validation_error(
                "number", "'{value}' is not a number; expected {expected}", value=str(value).strip(), expected=expected
            ) from None
        if percent:
            number /= 100
    if not math.isfinite(number):
        raise validation_error(
            "number", "'{value}' is not a number; expected {expected}", value=value, expected=expected
        )
    return number


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_number(value: Any, info: ValidationInfo, expected: str) -> float:
    """A non-empty cell read as a number, with the pack's decimal separator."""
    if _blank(value):
        raise validation_error("empty", "the cell is empty; expected {expected}", expected=expected)
    return parse_number(value, _context(info).get("decimal_comma", False), expected)


def _optional(read: Any) -> Any:
    """The same reader, with a blank cell meaning 'not tracked' (None) instead of an error."""

    def read_optional(value: Any, info: ValidationInfo) -> Any:
        return None if _blank(value) else read(value, info)

    return read_optional


def _count(value: Any, info: ValidationInfo) -> int:
    expected = N_("a whole number ≥ 0")
    number = _read_number(value, info, expected)
    if number != int(number):
        raise validation_error(
            "whole", "{value} is not a whole number; expected {expected}", value=value, expected=expected
        )
    if number < 0:
        raise validation_error("negative", "{value} is negative; expected {expected}", value=value, expected=expected)
    return int(number)


def _amount(value: Any, info: ValidationInfo) -> float:
    expected = N_("an amount ≥ 0")
    number = _read_number(value, info, expected)
    if number < 0:
        raise validation_error(
            "negative",
            "{value} is negative; expected {expected} (decreases are given as positive amounts)",
            value=value,
            expected=expected,
        )
    return number


def _period(value: Any, info: ValidationInfo) -> Period:
    fiscal_start = _context(info).get("fiscal_start", 1)
    if _blank(value):
        raise validation_error("empty", "the cell is empty; expected a period such as 2026-07 or 2026-Q3")
    if isinstance(value, datetime | date):
        return Period(month_index(value.year, value.month), "month", fiscal_start)
    try:
        return parse_period(str(value), fiscal_start)
    except PeriodError as exc:
        raise validation_error("period", str(exc)) from None


def _month(value: Any, info: ValidationInfo) -> Period:
    period = _period(value, info)
    if period.kind != "month":
        raise validation_error(
            "month", "{value} is a {kind}; expected a month such as 2026-07", value=str(value).strip(), kind=period.kind
        )
    return period


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _date(value: Any, info: ValidationInfo) -> date:
    """ISO dates (2026-07-14, with or without a time), day-first dates (14/07/2026), or Excel dates."""
    expected = N_("a date such as 2026-07-14")
    if _blank(value):
        raise validation_error("empty", "the cell is empty; expected {expected}", expected=expected)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _DAY_FIRST.match(text):
        text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    try:
        return datetime.fromisoformat(text.replace(" UTC", "").replace("Z", "+00:00")).date()
    except ValueError:
        raise validation_error(
            "date", "'{value}' is not a date; expected {expected}", value=text, expected=expected
        ) from None


def _rate(value: Any, info: ValidationInfo) -> float:
    """A share between 0 and 1; `45%` and `45` (read as percent when above 1) are accepted."""
    expected = N_("a rate between 0 and 1 (or 0% to 100%)")
    number = _read_number(value, info, expected)
    if 1 < number <= 100 and not str(value).strip().endswith("%"):
        number /= 100
    if not 0 <= number <= 1:
        raise validation_error("range", "{value} is out of range; expected {expected}", value=value, expected=expected)
    return number


def _number(value: Any, info: ValidationInfo) -> float:
    expected = N_("a number ≥ 0")
    number = _read_number(value, info, expected)
    if number < 0:
        raise validation_error("negative", "{value} is negative; expected {expected}", value=value, expected=expected)
    return number


_YES = {"yes", "y", "true", "1", "oui", "da", "x"}
_NO = {"no", "n", "false", "0", "non", "nu"}


def _flag(value: Any, info: ValidationInfo) -> bool | None:
    if _blank(value):
        return None
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise validation_error(
        "flag", "'{value}' is not yes or no; expected yes, no or a blank cell", value=str(value).strip()
    )


def _score(value: Any, info: ValidationInfo) -> int | None:
    """An NPS answer: a whole number from 0 to 10, or blank for no answer."""
    if _blank(value):
        return None
    expected = N_("a whole number from 0 to 10, or a blank cell")
    number = parse_number(value, _context(info).get("decimal_comma", False), expected)
    if number != int(number) or not 0 <= number <= 10:
        raise validation_error(
            "score", "{value} is not an NPS answer; expected {expected}", value=value, expected=expected
        )
    return int(number)


def _text(value: Any, info: ValidationInfo) -> str:
    if _blank(value):
        raise validation_error("empty", "the cell is empty; expected a name")
    return str(value).strip()


def _optional_text(value: Any, info: ValidationInfo) -> str | None:
    return None if _blank(value) else str(value).strip()


Count = Annotated[int, BeforeValidator(_count), Field(ge=0)]
OptionalCount = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_optional(_count))]
Amount = Annotated[float, BeforeValidator(_amount), Field(ge=0)]
OptionalAmount = Annotated[Annotated[float, Field(ge=0)] | None, BeforeValidator(_optional(_amount))]
PeriodCell = Annotated[Period, BeforeValidator(_period)]
MonthCell = Annotated[Period, BeforeValidator(_month)]
Text = Annotated[str, BeforeValidator(_text)]
DateCell = Annotated[date, BeforeValidator(_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_optional(_date))]
Rate = Annotated[float, BeforeValidator(_rate), Field(ge=0, le=1)]
Number = Annotated[float, BeforeValidator(_number), Field(ge=0)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]
NpsAnswer = Annotated[Annotated[int, Field(ge=0, le=10)] | None, BeforeValidator(_score)]
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]


def check_choice(value: str, choices: list[str] | None, what: str, where: str) -> str:
    """Match `value` to a declared name case-insensitively and return the declared spelling."""
    if choices is None:
        return value
    for choice in choices:
        if choice.casefold() == value.casefold():
            return choice
    raise validation_error(
        "choice",
        "unknown {what} '{value}'; expected one of the {what}s in {where}: {choices}",
        what=what,
        value=value,
        where=where,
        choices=", ".join(choices),
    )
