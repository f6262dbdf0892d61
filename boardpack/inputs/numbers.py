"""How a number is written in a cell, and which decimal separator a column uses.

`12.500` is twelve thousand five hundred in Romanian, German or French Excel and twelve and a half
in English; no single cell can tell. So a column's convention is decided from all its cells: a cell
whose form admits one reading (`14.535,57`, `3906.30`, `1.234.567`, `0,500`, `12,5`) settles it, and
the ambiguous cells (one separator followed by exactly three digits: `12.500`, `1,250`) are read by
it. A column that nothing settles takes the convention of the file's other number columns, then the
`locale:` written in boardpack.yaml; with neither, an ambiguous cell is an error. Cells settling a
column both ways are an error too.

The forms are regular expressions in the syntax DuckDB, PostgreSQL and Spark share, so the raw
exports (`raw/decimals.py`) classify and read cells on their engine exactly as the tables do here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport

Convention = Literal["point", "comma"]
Form = Literal["neutral", "point", "comma", "ambiguous"]

AMOUNT_LIMIT = 1e15  # larger than any company's figure in any currency: beyond it, a cell was misread
COUNT_LIMIT = 1e12
LONGEST = 64  # characters; a longer cell is not a number anyone typed (and would overflow a cast)

GROUP = "[ '\u00a0\u202f\u2019]"  # spaces (plain, no-break, narrow) and apostrophes between thousands
_SIGN = "^[+-]?"
_EXP = "([eE][+-]?[0-9]{1,3})?$"
_INT = f"([0-9]+|[0-9]{{1,3}}({GROUP}[0-9]{{3}})+)"
# checked in order: the first form that matches is the cell's
FORMS: tuple[tuple[Form, str], ...] = (
    ("ambiguous", f"{_SIGN}[1-9][0-9]?[0-9]?[.,][0-9]{{3}}$"),
    ("neutral", f"{_SIGN}{_INT}{_EXP}"),
    ("point", f"{_SIGN}({_INT}[.][0-9]*|[.][0-9]+){_EXP}"),
    ("point", f"{_SIGN}[1-9][0-9]?[0-9]?(,[0-9]{{3}})+([.][0-9]*)?$"),
    ("comma", f"{_SIGN}({_INT},[0-9]*|,[0-9]+){_EXP}"),
    ("comma", f"{_SIGN}[1-9][0-9]?[0-9]?([.][0-9]{{3}})+(,[0-9]*)?$"),
)
_COMPILED = tuple((form, re.compile(pattern)) for form, pattern in FORMS)
# every form above uses only these characters: one match turns junk away before the six forms are tried
_NUMBER_CHARACTERS = re.compile(f"[+-]?[0-9.,]([0-9.,eE+-]|{GROUP})*$")
CURRENCY_CODES = ("EUR", "USD", "GBP", "RON", "CHF", "LEI")
_CODE = "([€$£¥]|" + "|".join(CURRENCY_CODES) + ")"
# a currency sign or code before or after the number (after upper-casing)
LEADING_CURRENCY = f"^{_CODE}[ \u00a0\u202f]*"
TRAILING_CURRENCY = f"[ \u00a0\u202f]*{_CODE}$"
_LEADING = re.compile(LEADING_CURRENCY)
_TRAILING = re.compile(TRAILING_CURRENCY)
MINUS = "\u2212"  # the typographic minus some locales format negatives with

SEPARATOR_NAMES = {".": N_("dot"), ",": N_("comma")}
HAS = {"point": N_("a decimal point"), "comma": N_("a decimal comma")}
AMBIGUOUS = N_(
    "'{value}' reads as {thousands} ({name} as thousands separator) or {decimal} ({name} as decimal "
    "separator), and nothing in the column or the file settles which; expected one of these two forms, "
    "which read one way only, or the pack's locale: in boardpack.yaml (such as en_US or de_DE)"
)
CONTRADICTS = N_(
    "'{value}' has {this}, but '{other}' at row {first} has {that}; expected one decimal separator "
    "throughout the column"
)
CONTRADICTS_KEYED = N_(
    "'{value}' has {this}, but '{other}' of {key_name} '{key}' has {that}; expected one decimal separator "
    "throughout the column"
)
PERCENT = N_("'{value}' is a percentage; expected {expected}")
TOO_LARGE = N_("'{value}' is too large; expected {expected}, at most {limit}")


def clean(text: str) -> tuple[str, bool]:
    """The cell without blanks at its ends, a currency sign or code, or a trailing `%`; and whether it had `%`."""
    core = _TRAILING.sub("", _LEADING.sub("", text.strip().upper())).replace(MINUS, "-")
    percent = core.endswith("%")
    if percent:
        core = core[:-1].rstrip(" \u00a0\u202f")
    return core, percent


def form_of(core: str) -> Form | None:
    """The form of a cleaned cell, or None when it is not a number."""
    if len(core) > LONGEST or not _NUMBER_CHARACTERS.match(core):
        return None
    for form, pattern in _COMPILED:
        if pattern.match(core):
            return form
    return None


def to_float(core: str, decimal: Convention) -> float:
    """A cleaned cell of a known form as a number, its decimal separator being `decimal`."""
    digits = re.sub(GROUP, "", core)
    digits = digits.replace(".", "").replace(",", ".") if decimal == "comma" else digits.replace(",", "")
    return float(digits)


def convention_of(form: Form) -> Convention | None:
    """The convention a cell of this form settles, if any."""
    return form if form in ("point", "comma") else None  # type: ignore[return-value]


def readings(core: str) -> dict[str, str]:
    """An ambiguous cell's two readings, each written in a form that has only that reading."""
    separator = "." if "." in core else ","
    whole, _, decimals = core.partition(separator)
    decimals = decimals.rstrip("0") or "0"
    if len(decimals) == 3:
        decimals += "0"
    return {
        "thousands": whole + core.partition(separator)[2],
        "decimal": f"{whole}{separator}{decimals}",
        "name": SEPARATOR_NAMES[separator],
    }


def locale_convention(locale: str) -> Convention:
    """The decimal separator a locale writes numbers with (fr_FR, de_DE, ro_RO: comma; en_*: point)."""
    from babel.numbers import get_decimal_symbol

    return "comma" if get_decimal_symbol(locale) == "," else "point"


@dataclass
class Tally:
    """What one column's cells say about its decimal separator: counts, and where each convention is first seen."""

    counts: dict[Form, int] = field(default_factory=lambda: {"point": 0, "comma": 0, "ambiguous": 0})
    first: dict[Convention, tuple[object, str]] = field(default_factory=dict)  # convention -> (where, cell)

    def add(self, form: Form, where: object, cell: str) -> None:
        if form == "neutral":
            return
        self.counts[form] += 1
        if (convention := convention_of(form)) is not None:
            self.first.setdefault(convention, (where, cell))

    @property
    def own(self) -> Convention | None:
        """The convention the column's cells settle: the more frequent one, or the first seen on a tie."""
        point, comma = self.counts["point"], self.counts["comma"]
        if not point and not comma:
            return None
        if point != comma:
            return "point" if point > comma else "comma"
        return next(iter(self.first))

    @property
    def contradicts(self) -> bool:
        return bool(self.counts["point"] and self.counts["comma"])


def decide(tallies: dict[str, Tally], hint: Convention | None) -> dict[str, Convention | None]:
    """Each column's convention: its own cells', else the file's (its settled columns agreeing), else `hint`."""
    settled = {t.own for t in tallies.values() if t.own is not None and not t.contradicts}
    from_file = next(iter(settled)) if len(settled) == 1 else None
    return {name: tally.own or from_file or hint for name, tally in tallies.items()}


def odd_one_out(tally: Tally) -> Convention:
    """In a column settled both ways, the convention of the cells to report (the less frequent one)."""
    own = tally.own
    return "comma" if own == "point" else "point"


def settle_columns(
    source: str,
    rows: Iterable[tuple[int, dict[str, Any]]],
    columns: dict[str, str],
    hint: Convention | None,
    report: ValidationReport,
) -> dict[str, Convention | None]:
    """The decimal separator of each number column of a table (`columns`: field -> header), from all its
    text cells (a workbook's typed numbers say nothing); a column settled both ways is reported at each
    cell of the less frequent convention."""
    tallies = {name: Tally() for name in columns}
    for line, cells in rows:
        for name, header in columns.items():
            cell = cells.get(header)
            if isinstance(cell, str) and (form := form_of(clean(cell)[0])) is not None:
                tallies[name].add(form, line, cell.strip())
    for name, tally in tallies.items():
        if tally.contradicts:
            odd = odd_one_out(tally)
            other_line, other = tally.first[tally.own]  # type: ignore[index]
            for line, cells in rows:
                cell = cells.get(columns[name])
                if isinstance(cell, str) and (form := form_of(clean(cell)[0])) == odd:
                    report.add(
                        source,
                        line,
                        name,
                        CONTRADICTS,
                        value=cell.strip(),
                        this=HAS[odd],
                        other=other,
                        first=other_line,
                        that=HAS[tally.own],  # type: ignore[index]
                    )
    return decide(tallies, hint)
