"""An export's columns read as text, dates or numbers, whatever type the source gave them.

A CSV file arrives as text in every cell; a database table has dates and numbers already typed,
or text where the loader kept the export as it was. Each field is read by its type, and text is
parsed with the same rules on every engine: ISO dates (a time or `UTC` after them is ignored),
day-first dates such as 14/07/2026, month-first ones only with a time and a day above 12
(12/25/2026 10:00), numbers with a thousands comma. A cell that cannot be read becomes NULL, so the
caller can report its row; impossible dates such as 2026-02-30 are NULL too. The parsing guards
every cast with a pattern first, since PostgreSQL and Spark (ANSI mode) fail a whole query on one
bad cast where DuckDB could have used TRY_CAST.
"""

from __future__ import annotations

from typing import Any

PADDED_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$"
ISO_DATE = r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T].*)?$"
SLASHED_DATE = r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})( .*)?$"
NUMBER = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"


class WrongType(ValueError):
    """Columns whose type in the source cannot hold the field (a date column for an amount, say)."""


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


def parse_date(text: Any, try_cast: bool = False) -> Any:
    """A text column as DATE (NULL where it is not a date), the same on every engine.

    Each branch is a CASE inside the CASE that matched its pattern, so its casts only ever see
    digits; the common padded ISO form is read by position. Where the engine has a cast that gives
    NULL instead of failing (DuckDB, Spark), ISO dates take it, about three times faster than the
    patterns; only text shaped like `dddd-d-d` reaches it, since Spark would read "2026" as a date.
    """
    import ibis

    text = text.strip()
    padded = _checked(text.substr(0, 4).cast("int32"), text.substr(5, 2).cast("int32"), text.substr(8, 2).cast("int32"))
    loose = _checked(*(_part(text, ISO_DATE, group) for group in (1, 2, 3)))
    first, second, year = (_part(text, SLASHED_DATE, group) for group in (1, 2, 3))
    timed = text.re_extract(SLASHED_DATE, 4).nullif("").notnull()
    slashed = ibis.cases(
        (_valid(year, second, first), ibis.date(year, second, first)),
        (timed & _valid(year, first, second), ibis.date(year, first, second)),
        else_=ibis.null("date"),
    )
    iso = [(text.re_search(PADDED_ISO_DATE), padded), (text.re_search(ISO_DATE), loose)]
    if try_cast:
        quick = ibis.cases((text.like("____-%-%"), text.substr(0, 10).try_cast("date")), else_=ibis.null("date"))
        iso = [(quick.notnull(), quick), (text.re_search(ISO_DATE), loose)]
    return ibis.cases(*iso, (text.re_search(SLASHED_DATE), slashed), else_=ibis.null("date"))


def parse_number(text: Any) -> Any:
    """A text column as float64 (NULL where it is not a number); a thousands comma is ignored."""
    import ibis

    bare = text.replace(",", "").strip()
    return ibis.cases((bare.re_search(NUMBER), bare.cast("float64")), else_=ibis.null("float64"))


class Columns:
    """The fields of one export, looked up through its column names, read by their source type."""

    def __init__(self, table: Any, names: dict[str, str], source: str, try_cast: bool = False) -> None:
        self.table, self.names, self.source, self.try_cast = table, names, source, try_cast
        self.schema = table.schema()
        self.wrong: list[str] = []

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
        return column.cast("string").strip() if not column.type().is_string() else column.strip()

    def date(self, field: str) -> Any:
        import ibis

        column = self._column(field, ("string", "date", "timestamp"), "a date, a timestamp or text")
        if column is None:
            return ibis.null("date")
        if column.type().is_string():
            return parse_date(column.replace(" UTC", ""), self.try_cast)
        return column.date() if column.type().is_timestamp() else column

    def number(self, field: str) -> Any:
        import ibis

        column = self._column(field, ("string", "integer", "decimal", "floating"), "a number or text")
        if column is None:
            return ibis.null("float64")
        return parse_number(column) if column.type().is_string() else column.cast("float64")

    def check(self) -> None:
        """Raise WrongType listing every column whose type cannot hold its field."""
        if self.wrong:
            raise WrongType(f"{self.source}: " + "; ".join(self.wrong))
