"""The `boardpack` command: the app, its exit codes, the options several commands share, and the helpers
that turn the API's errors into messages and exit codes.

Exit codes: 0 done, 1 invalid pack data (every problem listed), 2 usage error (bad option or
period), 3 the deck could not be rendered, 4 `check` found a metric beyond its threshold.
Every command goes through the public API (`boardpack.api`), as a script would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from boardpack import __version__, api
from boardpack.cli.console import err, out

EXIT_INVALID, EXIT_USAGE, EXIT_RENDER, EXIT_BREACH = 1, 2, 3, 4


class _Readable:
    """Help that reads as a man page: `PACK` rather than `{pack}`, no `<bool>` after a flag, and each
    option's placeholder (`PERIOD`, `FOLDER`) rather than its Python type (`<list[str]>`, `<path>`)."""

    def get_params(self, ctx: typer.Context) -> list:  # type: ignore[type-arg]
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if param.param_type_name == "argument" and param.metavar is None:
                param.metavar = (param.name or "").upper()
            elif getattr(param, "is_flag", False) or param.name == "help":
                param.metavar = ""
            elif param.metavar is None:
                param.metavar = (param.name or "").upper()
        return params

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []  # type: ignore[attr-defined]
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(str(param.metavar))
        if isinstance(self, TyperGroup):
            pieces.append(self.subcommand_metavar)
        return pieces


class ReadableCommand(_Readable, TyperCommand):
    pass


class ReadableGroup(_Readable, TyperGroup):
    pass


class App(typer.Typer):
    """A Typer app whose commands and sub-apps print readable help (`ReadableCommand`)."""

    def command(self, *args, cls: type[TyperCommand] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        return super().command(*args, cls=cls or ReadableCommand, **kwargs)


app = App(
    cls=ReadableGroup,
    name="boardpack",
    help="Turn a SaaS company's marketing, sales and revenue data into a board deck.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


PackArg = Annotated[
    Path, typer.Argument(help="The pack folder (boardpack.yaml and data/).", show_default=False, metavar="PACK")
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        "-l",
        metavar="LANGUAGE",
        help="Language of the deck and the messages: en, fr or ro; default: `language` in boardpack.yaml. "
        "Numbers and dates follow it (fr_FR, ro_RO, or the language in the pack locale's country), as for "
        "`language`, unless the pack's `locale` is of that language; the currency stays the pack's.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Last day whose events count (YYYY-MM-DD): trials paid or demos won later are not converted yet. "
        "Default: the period's last day.",
    ),
]
_PERIODS = "2026-07, 2026-Q3, 2026, FY2026, latest, latest-quarter, latest-year"
_DEFAULT = "Default: `period` in boardpack.yaml."
PeriodOpt = Annotated[str | None, typer.Option("--period", "-p", metavar="PERIOD", help=f"{_PERIODS}. {_DEFAULT}")]
PeriodsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--period", "-p", metavar="PERIOD", help=f"{_PERIODS}, or a range 2025-10..2026-09; repeatable. {_DEFAULT}"
    ),
]
OutDirOpt = Annotated[
    Path | None, typer.Option("--out-dir", metavar="FOLDER", help="Folder for the outputs; default: PACK/out.")
]
ThemeOpt = Annotated[
    Path | None,
    typer.Option("--theme", metavar="FOLDER", help="A theme folder to use before the default (in place of `theme:`)."),
]


def fail(code: int, message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def load(pack: Path, language: str | None = None, writes: bool = True) -> api.PackInputs:
    """The loaded pack; on problems, each printed, then the closing line, and exit 1.

    `writes`: the command writes files, so the closing line says that nothing was written."""
    try:
        return api.load_pack(pack)
    except api.PackInvalid as exc:
        chosen = api.message_language(pack, language)
        for problem in exc.problems:
            err.print(api.describe(problem, pack, chosen), markup=False, soft_wrap=True)
        err.print(api.closing_line(exc, pack, chosen, writes), markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def print_notices(inputs: api.PackInputs, language: str | None) -> None:
    """Notices do not stop a build but are worth reading: each printed as `note: file:row:column: ...`."""
    chosen = language or inputs.config.language
    for notice in inputs.notices:
        out.print(f"note: {api.describe(notice, inputs.root, chosen)}", markup=False, soft_wrap=True)


def check_language(language: str | None) -> None:
    """`--language` is one of the deck's languages, or a usage error (exit 2)."""
    if language is not None and language not in api.LANGUAGES:
        raise fail(EXIT_USAGE, f"unknown language {language!r}; expected one of {', '.join(api.LANGUAGES)}")


def in_language(pack: api.PackInputs, language: str | None) -> api.PackInputs:
    """The pack with `--language` in place of `language:` from boardpack.yaml."""
    check_language(language)
    return api.with_language(pack, language)


def one_period(pack: api.PackInputs, text: str | None) -> api.Period:
    try:
        return api.resolve_period(pack, text)
    except api.PeriodUnavailable as exc:
        raise fail(EXIT_USAGE, str(exc)) from None


def check_theme(theme: Path | None) -> None:
    """`--theme` passes the same check as `theme:` in boardpack.yaml: a real theme folder, not `/` or a home."""
    if theme is not None and (refused := api.theme_refusal(theme)) is not None:
        raise fail(EXIT_USAGE, f"--theme: {refused}")


def as_of_day(pack: api.PackInputs, periods: list[api.Period], text: str | None) -> date | None:
    try:
        return api.resolve_as_of(pack, periods, text)
    except api.PeriodUnavailable as exc:
        raise fail(EXIT_USAGE, str(exc)) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"boardpack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Turn a SaaS company's marketing, sales and revenue data into a board deck."""


def main() -> None:
    app()
