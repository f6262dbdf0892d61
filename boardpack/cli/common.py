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

from boardpack import __version__, api
from boardpack.cli.console import err, out

EXIT_INVALID, EXIT_USAGE, EXIT_RENDER, EXIT_BREACH = 1, 2, 3, 4

app = typer.Typer(
    name="boardpack",
    help="Turn a SaaS company's marketing, sales and revenue data into a board deck.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


PackArg = Annotated[Path, typer.Argument(help="The pack folder (boardpack.yaml and data/).", show_default=False)]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", "-l", help="Language of the deck: en, fr or ro (default: `language:`).")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Last day whose events count (YYYY-MM-DD): trials paid or demos won later are not converted yet. "
        "Default: the period's last day.",
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", "-p", help="2026-07, 2026-Q3, 2026 or FY2026; default: `period` in boardpack.yaml."),
]


def fail(code: int, message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def load(pack: Path, language: str | None = None) -> api.PackInputs:
    try:
        return api.load_pack(pack)
    except api.PackInvalid as exc:
        chosen = api.message_language(pack, language)
        for problem in exc.problems:
            err.print(api.describe(problem, pack, chosen), markup=False, soft_wrap=True)
        err.print(api.closing_line(exc, pack, chosen), markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def print_notices(inputs: api.PackInputs, language: str | None) -> None:
    """Notices do not stop a build but are worth reading: each printed as `note: file:row:column: ...`."""
    chosen = language or inputs.config.language
    for notice in inputs.notices:
        out.print(f"note: {api.describe(notice, inputs.root, chosen)}", markup=False, soft_wrap=True)


def in_language(pack: api.PackInputs, language: str | None) -> api.PackInputs:
    """The pack with `--language` in place of `language:` from boardpack.yaml."""
    if language is not None and language not in api.LANGUAGES:
        raise fail(EXIT_USAGE, f"unknown language {language!r}; expected one of {', '.join(api.LANGUAGES)}")
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
