"""Locale-aware formatters: pure `(value, options) -> str` functions on top of Babel.

They sit below both the charts and the templates, which must print the same number the same way.
Nothing else in boardpack formats a number for a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
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
    get_currency_symbol,
)

from boardpack.periods import name_periods, period_name  # noqa: F401  (said with the numbers of a deck)

MINUS = "\u2212"  # the true minus sign: Babel's locale data writes the ASCII hyphen for negatives
NBSP = "\u00a0"
NOT_AVAILABLE = "n/a"  # a message of the catalogue: callers translate it
NOT_MEANINGFUL = "n/m"  # computed, but cannot be true (a funnel stage far above the one before it)


def _same(text: str) -> str:
    return text


def _minus(text: str) -> str:
    """A negative figure with a true minus sign, like the signed changes beside it (never `-7.5%`)."""
    return text.replace("-", MINUS)


def _whole(value: float) -> bool:
    return round(value, 2) == round(value)


CENTS_BELOW = 100  # amounts from here up are read in whole units: cents on €244.56 are noise to a board


def money_digits(values: Iterable[float | None]) -> int:
    """Decimals for amounts shown together (a column, a chart, a sentence): cents only when every amount is below
    CENTS_BELOW and one of them has cents; otherwise whole units for all, so €95.46 never sits beside €122."""
    shown = [v for v in values if v is not None]
    return 2 if shown and all(abs(v) < CENTS_BELOW for v in shown) and not all(_whole(v) for v in shown) else 0


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
    """An amount in the pack currency: cents below CENTS_BELOW when it has any (€67.87, €400), whole units
    above, unless `digits` is set."""
    if value is None:
        return NOT_AVAILABLE
    if digits is None:
        digits = money_digits([value])
    pattern = _pattern_with_fraction(_locale(locale).currency_formats["standard"].pattern, digits)
    return _minus(
        _symbol(
            format_currency(value, currency, format=pattern, locale=locale, currency_digits=False), currency, locale
        )
    )


def money_column(values: Sequence[float | None], currency: str, locale: str) -> list[str]:
    """Amounts shown together, all with or all without cents (`money_digits`)."""
    digits = money_digits(values)
    return [money(v, currency, locale, digits) for v in values]


def _significant(value: float) -> int:
    """Decimals that give a compact figure three significant digits: €7.05M, €18.2K, €608K."""
    scaled = abs(value)
    for divisor in (1e12, 1e9, 1e6, 1e3):
        if scaled >= divisor:
            scaled /= divisor
            break
    return 0 if scaled >= 100 else 1 if scaled >= 10 else 2


def money_compact(value: float | None, currency: str, locale: str) -> str:
    """Short form for tiles: three significant digits, €7.05M rather than a falsely precise €7,051,836."""
    if value is None:
        return NOT_AVAILABLE
    if abs(value) < 10000:
        return money(value, currency, locale, digits=0)
    text = format_compact_currency(value, currency, locale=locale, fraction_digits=_significant(value))
    return _minus(_symbol(text, currency, locale))


def percent(value: float | None, locale: str, digits: int = 1) -> str:
    if value is None:
        return NOT_AVAILABLE
    pattern = _pattern_with_fraction(_locale(locale).percent_formats[None].pattern, digits)
    return _minus(format_percent(value, format=pattern, locale=locale))


def number(value: float | None, locale: str, digits: int = 0) -> str:
    if value is None:
        return NOT_AVAILABLE
    pattern = _pattern_with_fraction(_locale(locale).decimal_formats[None].pattern, digits)
    return _minus(format_decimal(value, format=pattern, locale=locale))


def compact(value: float | None, locale: str) -> str:
    if value is None:
        return NOT_AVAILABLE
    if abs(value) < 10000:
        return number(value, locale)
    return _minus(format_compact_decimal(value, locale=locale, fraction_digits=_significant(value)))


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


def language_locale(locale: str | None, language: str) -> str:
    """The locale whose number and date formats a deck in `language` prints: `locale` when it is of that
    language; else the language in `locale`'s country when Babel knows that pair (a French deck of an en_BE
    pack: fr_BE); else the language's own default (fr_FR, ro_RO, en_US). A board reads `8,8 %` in French,
    whatever locale the pack's exports were written in; the currency is the pack's in every case."""
    from babel import localedata
    from babel.core import LOCALE_ALIASES

    if locale is not None:
        if locale.split("_")[0] == language:
            return locale
        territory = _locale(locale).territory
        if territory and localedata.exists(f"{language}_{territory}"):
            return f"{language}_{territory}"
    return LOCALE_ALIASES.get(language, language)


def words_locale(locale: str, language: str) -> str:
    """The locale for words such as month names: the pack's locale when it speaks the deck's language, else the
    language itself (a French deck of an en_IE pack says `30 septembre 2026`, its numbers stay en_IE)."""
    return locale if locale.split("_")[0] == language else language


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


def _abbreviation(magnitude: str, currency: str | None, locale: str) -> tuple[str, str] | None:
    """The locale's short form for thousands or millions as (prefix, suffix), `¤` already the currency sign;
    None where the locale has none (German writes thousands in full)."""
    formats = _locale(locale).compact_currency_formats if currency else _locale(locale).compact_decimal_formats
    pattern = formats["short"]["other"].get(magnitude)
    if pattern is None or not (pattern.prefix[0] + pattern.suffix[0]).strip("¤\u00a0 "):
        return None
    sign = (_local_symbol(currency, locale) or get_currency_symbol(currency, locale=locale)) if currency else ""
    prefix, suffix = (part.replace("'", "").replace("¤", sign) for part in (pattern.prefix[0], pattern.suffix[0]))
    return prefix, suffix  # CLDR quotes literal dots: mil'.' is mil.


def _exact(value: float) -> int:
    """The fewest decimals (up to two) that print a round tick exactly: `€2.5K` beside `€5K`, `99.5%` beside
    `100%`; a tick carries a decimal only where it would otherwise read like its neighbour."""
    return next((d for d in range(3) if abs(round(value, d) - value) < 1e-9), 2)


def _decimals(scaled: Sequence[float]) -> int:
    """Labels get one decimal unless the smallest has three digits before it: €608.1K beside +€1.9K; two when one
    decimal would show a real movement as nothing (−€0.05K of downgrades beside €10.4K, never €0)."""
    smallest = min((abs(v) for v in scaled if v), default=0.0)
    return 0 if smallest >= 100 else 1 if smallest >= 0.1 or not smallest else 2


def _scaled_texts(
    shown: Sequence[float], unit: str, currency: str, locale: str, exact: bool, like: Sequence[float]
) -> dict[float, str]:
    """Amounts and counts without their sign: K or M chosen from `like` (the chart's own figures), so an
    axis whose top tick passes a million still reads in K beside its `€608K` bars."""
    money_unit = currency if unit == "currency" else None
    largest = max((abs(v) for v in like), default=0.0)
    magnitude = "1000000" if largest >= 1e6 else "1000" if largest >= 1e4 else None
    short = _abbreviation(magnitude, money_unit, locale) if magnitude else None
    scale = float(magnitude) if short else 1.0
    scaled = [abs(v) / scale for v in shown]
    if short:
        common = _decimals(scaled)
    elif money_unit:
        common = money_digits(shown)
    else:
        common = max((_exact(v) for v in scaled), default=0)
    texts = {}
    for v, size in zip(shown, scaled, strict=True):
        digits = (2 if money_unit and not short and _exact(size) else _exact(size)) if exact else common
        if short:
            prefix, suffix = short
            text = prefix + number(size, locale, digits) + suffix
        elif money_unit:
            text = money(abs(v), money_unit, locale, digits)
        else:
            text = number(abs(v), locale, digits)
        if not any(c in "123456789" for c in text):  # a value that rounds to nothing reads as a plain zero: never €0.0K
            text = money(0, money_unit, locale, 0) if money_unit else number(0, locale)
        texts[v] = text
    return texts


def series(
    values: Sequence[float | None],
    unit: str,
    currency: str,
    locale: str,
    exact: bool = False,
    signed: bool = False,
    like: Sequence[float | None] | None = None,
) -> list[str]:
    """Figures shown together (an axis's ticks, a chart's value labels) in one style: one abbreviation (K or M
    for all, never `€6,000` beside `€12K`), one number of decimals, a true minus sign, `+` when `signed`.

    `exact` is for axis ticks, which are round numbers: each is printed exactly with the fewest decimals it
    needs, so ticks never repeat and never show a false `.0`. `like` are the figures that choose the
    abbreviation (a chart's values, for its ticks), so the axis and the labels of one chart share it. A
    value that rounds to zero is shown as zero, without a sign.
    """
    shown = [v for v in values if v is not None]
    if unit == "ratio":
        texts = {v: percent(abs(v), locale, _exact(v * 100) if exact else 1) for v in shown}
    elif unit == "multiple":
        texts = {v: number(abs(v), locale, _exact(v) if exact else 1) + "×" for v in shown}
    else:
        reference = [v for v in like if v is not None] if like is not None else shown
        texts = _scaled_texts(shown, unit, currency, locale, exact, reference or shown)
    out = []
    for v in values:
        if v is None:
            out.append("")
            continue
        nothing = not any(c in "123456789" for c in texts[v])  # shown as zero: no sign
        sign = "" if nothing else MINUS if v < 0 else "+" if signed and v > 0 else ""
        out.append(sign + texts[v])
    return out
