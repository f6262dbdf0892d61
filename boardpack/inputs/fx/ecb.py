"""The European Central Bank's euro reference rates, read as downloaded, crossed to any reporting currency.

The ECB publishes, for each working day, the units of each currency one euro buys: `eurofxref-hist.zip`
holds `eurofxref-hist.csv` (a `Date` column then one column per currency, `N/A` where a currency had no
rate that day, and a trailing comma that makes an empty last column); `eurofxref.csv` is the latest day
alone, with spaces after the commas and dates written as `05 January 2026`. Both are read, zipped or not.
A rate against another reporting currency is the cross through the euro: USD in GBP = (GBP per EUR) ÷
(USD per EUR), on the days both are published.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from boardpack.i18n import N_
from boardpack.inputs.fx.rates import Series

NOT_ECB = N_(
    "not the ECB's reference rates ({found}); expected eurofxref-hist.zip or the CSV inside it, as downloaded, "
    "with a Date column and one column per currency"
)
NO_REPORTING = N_("the file has no {currency} column; expected the reporting currency among the ECB's currencies")


class EcbProblem(ValueError):
    """The file cannot be read as the ECB's rates; `template` and `params` keep the message translatable."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def _text(path: Path) -> str:
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not names:
                raise EcbProblem(NOT_ECB, found="a zip without a CSV file")
            data = archive.read(names[0])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EcbProblem(NOT_ECB, found="not UTF-8 text") from None


def _day(text: str) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.strptime(text, "%d %B %Y").date()


def read_ecb(path: Path) -> dict[str, dict[date, float]]:
    """Units of each currency per euro, by day; the euro itself is 1 on every day the file has."""
    rows = list(csv.reader(io.StringIO(_text(path))))
    header = [cell.strip().upper() for cell in rows[0]] if rows else []
    if not header or header[0] != "DATE":
        raise EcbProblem(NOT_ECB, found=f"first column '{rows[0][0].strip()[:20]}'" if rows and rows[0] else "empty")
    per_euro: dict[str, dict[date, float]] = {code: {} for code in header[1:] if code}
    per_euro["EUR"] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        try:
            day = _day(row[0])
        except ValueError:
            raise EcbProblem(NOT_ECB, found=f"line {line}: '{row[0].strip()[:20]}' is not a date") from None
        per_euro["EUR"][day] = 1.0
        for code, cell in zip(header[1:], row[1:], strict=False):
            cell = cell.strip()
            if not code or not cell or cell.upper() == "N/A":
                continue
            try:
                per_euro[code][day] = float(cell)
            except ValueError:
                raise EcbProblem(NOT_ECB, found=f"line {line}: '{cell[:20]}' is not a rate") from None
    return per_euro


def crossed(per_euro: dict[str, dict[date, float]], reporting: str) -> dict[str, Series]:
    """Each currency's series in reporting units per unit, on the days both it and the reporting currency have."""
    if reporting not in per_euro:
        raise EcbProblem(NO_REPORTING, currency=reporting)
    base = per_euro[reporting]
    series = {}
    for code, rates in per_euro.items():
        if code == reporting:
            continue
        days = sorted(day for day in rates if day in base and rates[day] > 0)
        if days:
            series[code] = Series(tuple(days), tuple(base[day] / rates[day] for day in days))
    return series
