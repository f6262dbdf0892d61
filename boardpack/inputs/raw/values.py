"""An export's columns read as text, dates or numbers, whatever type the source gave them.

A CSV file arrives as text in every cell; a database table has dates and numbers already typed,
or text where the loader kept the export as it was. Each field is read by its type, and text is
read to the same values on every engine: ISO dates (a time, `T`, `Z`, an offset or `UTC` after them
is ignored), day-first dates such as 14/07/2026, month-first ones only with a time and a day above
12 (12/25/2026 10:00), numbers in every form the tables accept but percentages (`numbers.py`),
their decimal separator decided per column (`decimals.py`). A cell that cannot be read becomes NULL, so
the caller can report its row; impossible dates such as 2026-02-30 are NULL too. The engines get
there differently (see `parse_date`); tests/engines reads the same cells on each. Dates before 1900
or after 2199 are not read either: a year 0001 or 9999 is a placeholder or a typo, never a month to report.
"""

from __future__ import annotations

import functools
import operator
from datetime import date
from typing import Any

from boardpack.inputs.numbers import (
    FORMS,
    GROUP,
    LEADING_CURRENCY,
    LONGEST,
    MINUS,
    TRAILING_CURRENCY,
    Convention,
)

# dates a subscription or a contact can have: 0001-01-01 or 9999-12-31 (a placeholder for "no end" in some
# systems) would stretch the months reported to thousands of years, and the deck's build to minutes
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
PADDED_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$"
ISO_DATE = r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T].*)?$"
SLASHED_DATE = r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})( .*)?$"
BLANKS = (" ", "\t", "\n", "\r")
# day-first first: 03/04/2026 is 3 April; month-first only with a time and a day above 12
DUCKDB_FORMATS = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M")


class WrongType(ValueError):
    """Columns whose type in the source cannot hold the field (a date column for an amount, say)."""


def trimmed(text: Any) -> Any:
    """The text without blanks at either end, trimming only the cells that have them.

    Most cells have none, and a LIKE test costs less than a trim with its list of blank characters
    (on DuckDB, 1.25 M contacts x 6 dates: 0.67 s against 1.04 s).
    """
    import ibis

    edges = functools.reduce(operator.or_, [text.like(f"{c}%") | text.like(f"%{c}") for c in BLANKS])
    return ibis.cases((edges, text.strip()), else_=text)


def _part(text: Any, pattern: str, group: int) -> Any:
    return text.re_extract(pattern, group).nullif("").cast("int32")


def _days_in_month(year: Any, month: Any) -> Any:
    import ibis

    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    return ibis.cases(
        (month == 2, ibis.cases((leap, 29), else_=28)),
        (month.isin([4, 6, 9, 11]), 30),
        else_=31,
    )


def _valid(year: Any, month: Any, day: Any) -> Any:
    return year.between(1, 9999) & month.between(1, 12) & day.between(1, _days_in_month(year, month))


def _checked(year: Any, month: Any, day: Any) -> Any:
    import ibis

    return ibis.cases((_valid(year, month, day), ibis.date(year, month, day)), else_=ibis.null("date"))


def parse_date(text: Any, engine: str = "") -> Any:
    """A text column as DATE (NULL where it is not a date), the same on every engine.

    The patterns work everywhere: each branch is a CASE inside the CASE that matched its pattern,
    so its casts only ever see digits (PostgreSQL, and Spark in ANSI mode, fail a whole query on one
    bad cast). Two engines have casts that give NULL instead, and use them for speed: DuckDB reads
    the text with TRY_CAST and try_strptime in the formats above (on 1.25 M contacts x 6 dates, 1.2 s
    against 1.9 s by patterns, whose repeated parts DuckDB computes for every row); Spark takes
    try_cast for ISO dates first. Only text shaped like `dddd-d-d` reaches Spark's cast, since it
    would read "2026" as a date.
    """
    import ibis

    if engine == "DuckDB":
        text = trimmed(text.replace(" UTC", "")).nullif("")
        formats = ibis.literal(list(DUCKDB_FORMATS), type="array<string>")
        return ibis.coalesce(text.try_cast("timestamp"), _duckdb_try_strptime()(text, formats)).cast("date")
    patterns = _by_pattern(trimmed(text.replace(" UTC", "")))
    if engine != "Spark":
        return patterns
    quick = ibis.cases((text.like("____-%-%"), text.substr(0, 10).try_cast("date")), else_=ibis.null("date"))
    blank = text.isnull() | (text == "")  # most stage dates are blank: they need no patterns either
    return ibis.cases((quick.notnull(), quick), (blank, ibis.null("date")), else_=patterns)


@functools.cache
def _duckdb_try_strptime() -> Any:
    """DuckDB's try_strptime(text, [formats]) as an Ibis function (a builtin: nothing is registered)."""
    import ibis

    @ibis.udf.scalar.builtin(name="try_strptime", signature=(("string", "array<string>"), "timestamp"))
    def try_strptime(text: Any, formats: Any) -> Any:
        """The first format that reads the text, else NULL."""

    return try_strptime


def _by_pattern(text: Any) -> Any:
    import ibis

    padded = _checked(text.substr(0, 4).cast("int32"), text.substr(5, 2).cast("int32"), text.substr(8, 2).cast("int32"))
    loose = _checked(*(_part(text, ISO_DATE, group) for group in (1, 2, 3)))
    first, second, year = (_part(text, SLASHED_DATE, group) for group in (1, 2, 3))
    timed = text.re_extract(SLASHED_DATE, 4).nullif("").notnull()
    slashed = ibis.cases(
        (_valid(year, second, first), ibis.date(year, second, first)),
        (timed & _valid(year, first, second), ibis.date(year, first, second)),
        else_=ibis.null("date"),
    )
    return ibis.cases(
        (text.re_search(PADDED_ISO_DATE), padded),
        (text.re_search(ISO_DATE), loose),
        (text.re_search(SLASHED_DATE), slashed),
        else_=ibis.null("date"),
    )


def number_text(text: Any) -> Any:
    """A text cell as `numbers.clean` leaves it: trimmed, upper-cased, no currency sign or code, minus as `-`."""
    upper = trimmed(text).upper()
    return upper.re_replace(LEADING_CURRENCY, "").re_replace(TRAILING_CURRENCY, "").replace(MINUS, "-")


PLAIN = "^[0-9]{1,15}$"  # most cells of an export: neutral, read by a plain cast without the patterns below


def number_form(text: Any) -> Any:
    """The form of each cell (neutral, point, comma, ambiguous; NULL when not a number), as `numbers.form_of`."""
    import ibis

    return ibis.cases((text.re_search(PLAIN), ibis.literal("neutral")), else_=_form(number_text(text)))


def _form(core: Any) -> Any:
    import ibis

    branches = [(core.length() > LONGEST, ibis.null("string"))]
    branches += [(core.re_search(pattern), ibis.literal(form)) for form, pattern in FORMS]
    return ibis.cases(*branches, else_=ibis.null("string"))


def parse_number(text: Any, decimal: Convention | None = None) -> Any:
    """A text column as float64, read as `numbers.to_float` reads a table's cell: `decimal` is the column's
    decimal separator, which reads the ambiguous cells (NULL without it, and NULL where it is not a number)."""
    import ibis

    core = number_text(text)
    digits = core.re_replace(GROUP, "")
    point = digits.replace(",", "").cast("float64")
    comma = digits.replace(".", "").replace(",", ".").cast("float64")
    form = _form(core)
    branches = [(form.isin(["point", "neutral"]), point), (form == "comma", comma)]
    if decimal is not None:
        branches.append((form == "ambiguous", comma if decimal == "comma" else point))
    return ibis.cases(
        (text.re_search(PLAIN), text.cast("float64")), else_=ibis.cases(*branches, else_=ibis.null("float64"))
    )


class Columns:
    """The fields of one export, looked up through its column names, read by their source type."""

    def __init__(self, table: Any, names: dict[str, str], source: str, engine: str = "") -> None:
        self.table, self.names, self.source, self.engine = table, names, source, engine
        self.schema = table.schema()
        self.wrong: list[str] = []
        self.decimals: dict[str, Convention | None] = {}  # a text number column's separator (raw/decimals.py)

    def has(self, field: str) -> bool:
        return self.names.get(field) in self.schema

    def _column(self, field: str, kinds: tuple[str, ...], expected: str) -> Any | None:
        if not self.has(field):
            return None
        column = self.table[self.names[field]]
        dtype = self.schema[self.names[field]]
        if not any(getattr(dtype, f"is_{kind}")() for kind in kinds):
            self.wrong.append(f"column '{self.names[field]}' is {dtype}; expected {expected}")
        return column

    def text(self, field: str) -> Any:
        """The field as trimmed text (NULL when the column is absent), whatever its type."""
        import ibis

        column = self._column(field, ("string", "integer", "decimal", "floating", "date", "timestamp"), "text")
        if column is None:
            return ibis.null("string")
        return trimmed(column.cast("string") if not column.type().is_string() else column)

    def date(self, field: str) -> Any:
        import ibis

        column = self._column(field, ("string", "date", "timestamp"), "a date, a timestamp or text")
        if column is None:
            return ibis.null("date")
        if column.type().is_string():
            day = parse_date(column, self.engine)
        else:
            day = column.date() if column.type().is_timestamp() else column
        return ibis.cases((day.between(EARLIEST, LATEST), day), else_=ibis.null("date"))

    def number(self, field: str) -> Any:
        import ibis

        column = self._column(field, ("string", "integer", "decimal", "floating"), "a number or text")
        if column is None:
            return ibis.null("float64")
        if column.type().is_string():
            return parse_number(column, self.decimals.get(field))
        return column.cast("float64")

    def check(self) -> None:
        """Raise WrongType listing every column whose type cannot hold its field."""
        if self.wrong:
            raise WrongType(f"{self.source}: " + "; ".join(self.wrong))
