"""Every problem found in a pack, collected before anything is reported.

A user fixing a spreadsheet wants the whole list at once, each problem pinned to
`file:row:column`, rather than one error per run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from boardpack.i18n import N_

LISTED = 200  # problems kept to be listed; beyond that they are only counted
QUOTE_LIMIT = 60  # characters of a cell quoted in a message

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# characters that show nothing, or reorder what follows: zero-width spaces, soft hyphens, word joiners,
# a BOM, and the marks and overrides of bidirectional text (joiners U+200C and U+200D are left to the
# scripts and emoji that need them)
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def shown(match: re.Match[str]) -> str:
    return f"<U+{ord(match[0]):04X}>"


def printable(text: str) -> str:
    """Text with its control characters (ANSI escapes among them) taken out, so a value from a file
    never moves the cursor, recolours or clears the user's terminal when a message quotes it.

    Invisible characters are written out as `<U+200B>`: `unknown channel 'Paid search'` beside a
    declared `Paid search` cannot be fixed by someone who cannot see the zero-width space, and a
    right-to-left override would print the rest of the line backwards."""
    return INVISIBLE.sub(shown, _CONTROL.sub("", text))


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A cell as a message quotes it: printable and cut to a readable length."""
    text = printable(str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


NOT_USED = N_("not used: the {name} table is computed from {export}")  # a typed-in table an export replaces
SETUP_NOTES = {NOT_USED}  # notes on how a pack is set up, not on its data: `Problem.setup`


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the pack. `row` is the spreadsheet row (the header is row 1).

    `template` and `params` keep the message translatable: `message` is the English text, and
    `localized` prints it in the language of the user's choice.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    template: str | None = field(default=None, compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def where(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def localized(self, translate: Callable[[str], str]) -> str:
        return f"{self.where}: {self.said(translate)}"

    def said(self, translate: Callable[[str], str]) -> str:
        """The message alone, in the reader's language, without where it was found."""
        if self.template is None:
            return self.message
        values = {key: translate(value) for key, value in self.params}
        return translate(self.template).format(**values)

    @property
    def setup(self) -> bool:
        """A note on how the pack is set up (a table an export replaces), not on what its data says."""
        return self.template in SETUP_NOTES

    def as_json(self) -> dict[str, Any]:
        """The problem as the metrics JSON lists it (its `notices`): where, and the English message."""
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


def make_problem(file: str, row: int | None, column: str | None, message: str, **params: object) -> Problem:
    """A problem; with `params`, `message` is a template of named values (translatable).

    Values never carry control characters into a terminal; `value`, the cell a message quotes, is also
    cut to a readable length.
    """
    if params:
        values = tuple(
            (key, quoted(value) if key == "value" else printable(str(value))) for key, value in params.items()
        )
        return Problem(file, row, column, message.format(**dict(values)), message, values)
    return Problem(file, row, column, printable(message))


def entry_problems(file: str, where: str, errors: Iterable[Any]) -> list[Problem]:
    """Pydantic's errors for one entry of a YAML list (a rule, a findings candidate), each as
    `where: field: message`; an error on the entry as a whole names it `entry`."""
    return [
        make_problem(file, None, None, f"{where}: {'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}")
        for e in errors
    ]


@dataclass
class ValidationReport:
    """Problems make the pack invalid; notices are worth reading but let it build (a figure that looks
    wrong but may be true, rows of an export left out, a table with a header and no rows).

    Every problem is counted, but only the first `LISTED` are kept: a table of junk can hold millions,
    and nobody reads past the first screens, while holding them all would take gigabytes.
    """

    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, file: str, row: int | None, column: str | None, message: str, **params: object) -> None:
        """Record a problem; with `params`, `message` is a template of named values (translatable)."""
        self.total += 1
        if len(self.problems) < LISTED:
            self.problems.append(make_problem(file, row, column, message, **params))

    def note(self, file: str, row: int | None, column: str | None, message: str, **params: object) -> None:
        """Record a notice, in the same shape as a problem."""
        self.notices.append(make_problem(file, row, column, message, **params))

    @property
    def full(self) -> bool:
        """As many problems are kept as will be listed: further ones need only be counted."""
        return len(self.problems) >= LISTED

    def count(self, problems: int) -> None:
        """Count problems past the listed ones without building their messages."""
        self.total += problems

    def extend_problems(self, problems: Sequence[Problem]) -> None:
        """Problems found elsewhere (a rules or benchmarks file), counted and listed as if added here."""
        self.total += len(problems)
        self.problems.extend(problems[: max(0, LISTED - len(self.problems))])

    def extend(self, other: ValidationReport) -> None:
        self.problems.extend(other.problems[: max(0, LISTED - len(self.problems))])
        self.total += other.total
        self.notices.extend(other.notices)

    @property
    def ok(self) -> bool:
        return self.total == 0

    @property
    def unlisted(self) -> int:
        """Problems counted but not kept."""
        return self.total - len(self.problems)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def summary_line(report: ValidationReport, pack: str, words: Any, writes: bool = True) -> str:
    """The closing line: how many problems, and how many of them were listed when not all were.

    A command that writes files (`writes`) says that nothing was written; one that only reads (`validate`,
    `metrics`) would tell the user nothing by saying so.
    """
    from babel.numbers import format_decimal

    count = format_decimal(report.total, locale=words.language)
    if report.unlisted and writes:
        summary = words.ngettext(
            "{count} problem in {pack}, the first {listed} listed; nothing was written.",
            "{count} problems in {pack}, the first {listed} listed; nothing was written.",
            report.total,
        )
    elif report.unlisted:
        summary = words.ngettext(
            "{count} problem in {pack}, the first {listed} listed.",
            "{count} problems in {pack}, the first {listed} listed.",
            report.total,
        )
    elif writes:
        summary = words.ngettext(
            "{count} problem in {pack}; nothing was written.",
            "{count} problems in {pack}; nothing was written.",
            report.total,
        )
    else:
        summary = words.ngettext("{count} problem in {pack}.", "{count} problems in {pack}.", report.total)
    return summary.format(count=count, pack=pack, listed=len(report.problems))


class ProblemsFound(Exception):
    """An error that stops a build, carrying what is wrong as `Problem`s; its text is one problem a line.

    Every such error (an invalid pack, rules, benchmarks, theme, previous pack) is caught and shown the
    same way: each problem pinned to its file, row and column or key, in the user's language.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its problems, not its text, when a build in another process raises it."""
        return type(self), (self.problems,)

    @classmethod
    def about(cls, file: str, message: str, key: str | None = None) -> Self:
        """The error for one problem with a file (and a key in it), in English only."""
        return cls([make_problem(file, None, key, message)])


class PackInvalid(ProblemsFound):
    """Raised once loading is over, carrying every problem found (and how many were not listed)."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.report,)
