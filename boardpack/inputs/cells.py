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
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from boardpack.i18n import N_
from boardpack.inputs.numbers import (
    AMBIGUOUS,
    AMOUNT_LIMIT,
    COUNT_LIMIT,
    PERCENT,
    TOO_LARGE,
    Convention,
    clean,
    convention_of,
    form_of,
    readings,
    to_float,
)
from boardpack.periods import Period, PeriodError, month_index, parse_period

PERIOD_KINDS = (N_("quarter"), N_("year"))

_DIGIT = re.compile(r"\d")


def validation_error(error_type: str, message: str, **ctx: Any) -> PydanticCustomError:
    """A validation error whose context keeps its message template, so the CLI can translate it."""
    return PydanticCustomError(error_type, message, {**ctx, "template": message})


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


class NumberCell:
    """Marks a column read as a number, so the loader settles the column's decimal separator first."""


NUMBER = NumberCell()


def is_number(field: FieldInfo) -> bool:
    """Whether a row model's field is read as a number (its type carries the NUMBER mark)."""
    return any(mark is NUMBER for mark in field.metadata)


def _not_a_number(value: Any, expected: str) -> PydanticCustomError:
    return validation_error(
        "number", "'{value}' is not a number; expected {expected}", value=str(value).strip(), expected=expected
    )


def parse_number(
    value: Any, decimal: Convention | None, expected: str, limit: float = AMOUNT_LIMIT, percent_ok: bool = True
) -> float:
    """Read 1234.5, `1 234,5`, `1.234,5`, `€1,234.50`, `1'234.50` or `12%` (as 0.12).

    `decimal` is the column's decimal separator (see `numbers.py`); it reads the cells with one
    separator and three digits after it, and without it such a cell is an error naming both readings.
    A percentage where a rate is not expected (`15%` as an amount) is an error, not 0.15.
    """
    if isinstance(value, bool):
        raise _not_a_number(value, expected)
    if isinstance(value, int | float):
        number = float(value)
    elif not _DIGIT.search(str(value)):  # no digit, no number: junk is refused before any rewriting
        raise _not_a_number(value, expected)
    else:
        core, percent = clean(str(value))
        form = form_of(core)
        if form is None:
            raise _not_a_number(value, expected)
        if form == "ambiguous" and decimal is None:
            raise validation_error("ambiguous", AMBIGUOUS, value=str(value).strip(), **readings(core))
        number = to_float(core, convention_of(form) or decimal or "point")
        if percent and not percent_ok:
            raise validation_error("percent", PERCENT, value=str(value).strip(), expected=expected)
        if percent:
            number /= 100
    if not math.isfinite(number):
        raise _not_a_number(value, expected)
    if abs(number) > limit:
        raise validation_error(
            "large", TOO_LARGE, value=str(value).strip(), expected=expected, limit=format(limit, ".0e")
        )
    return number


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_number(
    value: Any, info: ValidationInfo, expected: str, limit: float = AMOUNT_LIMIT, percent_ok: bool = False
) -> float:
    """A non-empty cell read as a number, with its column's decimal separator."""
    if _blank(value):
        raise validation_error("empty", "the cell is empty; expected {expected}", expected=expected)
    return parse_number(value, _decimal(info), expected, limit, percent_ok)


def _decimal(info: ValidationInfo) -> Convention | None:
    """The decimal separator the loader settled for this cell's column (see `numbers.decide`)."""
    return _context(info).get("decimals", {}).get(info.field_name)


def _optional(read: Any) -> Any:
    """The same reader, with a blank cell meaning 'not tracked' (None) instead of an error."""

    def read_optional(value: Any, info: ValidationInfo) -> Any:
        return None if _blank(value) else read(value, info)

    return read_optional


def _count(value: Any, info: ValidationInfo) -> int:
    expected = N_("a whole number ≥ 0")
    number = _read_number(value, info, expected, COUNT_LIMIT)
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
    number = _read_number(value, info, expected, percent_ok=True)
    if 1 < number <= 100 and not str(value).strip().endswith("%"):
        number /= 100
    if not 0 <= number <= 1:
        raise validation_error("range", "{value} is out of range; expected {expected}", value=value, expected=expected)
    return number


def _signed(value: Any, info: ValidationInfo) -> float:
    """An amount that may fall as well as rise (the FX movement); a blank cell is none."""
    return 0.0 if _blank(value) else _read_number(value, info, N_("an amount, negative for a loss"))


def _exchange_rate(value: Any, info: ValidationInfo) -> float:
    expected = N_("an exchange rate above 0")
    number = _read_number(value, info, expected)
    if number <= 0:
        raise validation_error("range", "{value} is out of range; expected {expected}", value=value, expected=expected)
    return number


def _day_or_month(value: Any, info: ValidationInfo) -> date | Period:
    """A day (2026-07-31), or a month (2026-07) for a value that holds for the whole month."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):
        return _month(value, info)
    return _date(value, info)


def _currency_code(value: Any, info: ValidationInfo) -> str:
    code = _text(value, info).upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise validation_error(
            "currency", "'{value}' is not a currency code; expected one such as EUR or USD", value=str(value).strip()
        )
    return code


def _optional_currency(value: Any, info: ValidationInfo) -> str | None:
    return None if _blank(value) else _currency_code(value, info)


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
    number = parse_number(value, _decimal(info), expected, percent_ok=False)
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


Count = Annotated[int, BeforeValidator(_count), Field(ge=0), NUMBER]
OptionalCount = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_optional(_count)), NUMBER]
Amount = Annotated[float, BeforeValidator(_amount), Field(ge=0), NUMBER]
OptionalAmount = Annotated[Annotated[float, Field(ge=0)] | None, BeforeValidator(_optional(_amount)), NUMBER]
PeriodCell = Annotated[Period, BeforeValidator(_period)]
MonthCell = Annotated[Period, BeforeValidator(_month)]
Text = Annotated[str, BeforeValidator(_text)]
DateCell = Annotated[date, BeforeValidator(_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_optional(_date))]
Rate = Annotated[float, BeforeValidator(_rate), Field(ge=0, le=1), NUMBER]
Number = Annotated[float, BeforeValidator(_number), Field(ge=0), NUMBER]
Flag = Annotated[bool | None, BeforeValidator(_flag)]
NpsAnswer = Annotated[Annotated[int, Field(ge=0, le=10)] | None, BeforeValidator(_score), NUMBER]
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]
SignedAmount = Annotated[float, BeforeValidator(_signed), NUMBER]
ExchangeRate = Annotated[float, BeforeValidator(_exchange_rate), Field(gt=0), NUMBER]
DayOrMonth = Annotated[date | Period, BeforeValidator(_day_or_month)]
CurrencyCode = Annotated[str, BeforeValidator(_currency_code)]
OptionalCurrency = Annotated[str | None, BeforeValidator(_optional_currency)]


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
