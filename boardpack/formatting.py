"""Locale-aware formatters: pure `(value, options) -> str` functions on top of Babel.

They sit below both the charts and the templates, which must print the same number the same way.
Nothing else in boardpack formats a number for a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

NOT_AVAILABLE = "n/a"  # a message of the catalogue: callers translate it
NOT_MEANINGFUL = "n/m"  # computed, but cannot be true (a funnel stage far above the one before it)


def _same(text: str) -> str:
    return text


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def _pattern_with_fraction(pattern: str, digits: int) -> str:
    """`#,##0 %` -> `#,##0.0 %`: the locale's own pattern, with a fixed number of decimals."""
    integer = pattern.split(";")[0]
    fraction = "." + "0" * digits if digits else ""
    integer = re.sub(r"\.[0#]+", "", integer)
    return re.sub(r"0(?![0-9])", "0" + fraction, integer, count=1)


@cache
def _local_symbol(currency: str, locale: str) -> str | None:
    """The sign a reader expects where the locale's data only has the ISO code (EUR in Romanian: €)."""
    from babel.numbers import get_currency_symbol

    if get_currency_symbol(currency, locale=locale) != currency:
        return None
    sign = get_currency_symbol(currency, locale="en")
    return sign if len(sign) == 1 else None


def _symbol(text: str, currency: str, locale: str) -> str:
    sign = _local_symbol(currency, locale)
    return text.replace(currency, sign) if sign else text


def money(value: float | None, currency: str, locale: str, digits: int | None = None) -> str:
    """An amount in the pack currency: cents below 1,000, whole units above, unless `digits` is set."""
    if value is None:
        return NOT_AVAILABLE
    if digits is None:
        digits = 2 if abs(value) < 1000 else 0
    pattern = _pattern_with_fraction(_locale(locale).currency_formats["standard"].pattern, digits)
    return _symbol(
        format_currency(value, currency, format=pattern, locale=locale, currency_digits=False), currency, locale
    )


def money_compact(value: float | None, currency: str, locale: str) -> str:
    """Short form for tiles and chart labels: €1.2M, 1,2 M€."""
    if value is None:
        return NOT_AVAILABLE
    if abs(value) < 10000:
        return money(value, currency, locale, digits=0)
    return _symbol(format_compact_currency(value, currency, locale=locale, fraction_digits=1), currency, locale)


def percent(value: float | None, locale: str, digits: int = 1) -> str:
    if value is None:
        return NOT_AVAILABLE
    pattern = _pattern_with_fraction(_locale(locale).percent_formats[None].pattern, digits)
    return format_percent(value, format=pattern, locale=locale)


def number(value: float | None, locale: str, digits: int = 0) -> str:
    if value is None:
        return NOT_AVAILABLE
    pattern = _pattern_with_fraction(_locale(locale).decimal_formats[None].pattern, digits)
    return format_decimal(value, format=pattern, locale=locale)


def compact(value: float | None, locale: str) -> str:
    if value is None:
        return NOT_AVAILABLE
    if abs(value) < 10000:
        return number(value, locale)
    return format_compact_decimal(value, locale=locale, fraction_digits=1)


def multiple(value: float | None, locale: str) -> str:
    """A ratio of two amounts, such as LTV:CAC: `4.4×`."""
    if value is None:
        return NOT_AVAILABLE
    return number(value, locale, 1) + "×"


def months(value: float | None, locale: str, t: Callable[[str], str] = _same) -> str:
    if value is None:
        return t(NOT_AVAILABLE)
    return number(value, locale, 1) + "\u00a0" + t("mo")


def duration(seconds: float | None, locale: str, t: Callable[[str], str] = _same) -> str:
    """Seconds as minutes and seconds: `2 min 34 s`."""
    if seconds is None:
        return t(NOT_AVAILABLE)
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}\u00a0min {rest:02d}\u00a0s" if minutes else f"{rest}\u00a0s"


def days(value: float | None, locale: str, t: Callable[[str], str] = _same) -> str:
    if value is None:
        return t(NOT_AVAILABLE)
    return number(value, locale, 0 if value == int(value) else 1) + "\u00a0" + t("d")


def long_date(value: date, locale: str) -> str:
    return _babel_date(value, format="long", locale=locale)


def metric_value(
    value: float | None, unit: str, currency: str, locale: str, short: bool = False, t: Callable[[str], str] = _same
) -> str:
    """Format a metric value by its catalogue unit; `t` translates the few words (n/a, units)."""
    if value is None:
        return t(NOT_AVAILABLE)
    if unit == "currency":
        return money_compact(value, currency, locale) if short else money(value, currency, locale)
    if unit == "ratio":
        return percent(value, locale)
    if unit == "multiple":
        return multiple(value, locale)
    if unit == "months":
        return months(value, locale, t)
    if unit == "days":
        return days(value, locale, t)
    if unit == "seconds":
        return duration(value, locale, t)
    if unit == "number":
        return number(value, locale, 1)
    if unit == "score":
        return number(value, locale, 0)
    return compact(value, locale) if short else number(value, locale)


def change(value: float | None, kind: str | None, locale: str, t: Callable[[str], str] = _same) -> str:
    """A change with its sign: `+11.9%` for amounts, `+1.7 pts` for rates, `+2.0` for scores."""
    if value is None or kind is None:
        return t(NOT_AVAILABLE)
    shown = round(abs(value) * (100 if kind in ("points", "relative") else 1), 1)
    sign = "±" if shown == 0 else ("+" if value > 0 else "−")
    if kind == "points":
        return sign + number(abs(value) * 100, locale, 1) + "\u00a0" + t("pts")
    if kind == "difference":
        return sign + number(abs(value), locale, 1)
    return sign + percent(abs(value), locale)
