"""The `boardpack` command.

Exit codes: 0 done, 1 invalid pack data (every problem listed), 2 usage error (bad option or
period), 3 the deck could not be rendered. Progress is animated on a terminal and printed as plain
lines otherwise (CI logs), and nothing is coloured when the output is not a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from boardpack import __version__

EXIT_INVALID, EXIT_USAGE, EXIT_RENDER = 1, 2, 3

app = typer.Typer(
    name="boardpack",
    help="Turn a SaaS company's marketing, sales and revenue data into a board deck.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

PackArg = Annotated[Path, typer.Argument(help="The pack folder (boardpack.yaml and data/).", show_default=False)]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", "-p", help="2026-07, 2026-Q3, 2026 or FY2026; default: `period` in boardpack.yaml."),
]


def _fail(code: int, message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _load(pack: Path):  # type: ignore[no-untyped-def]
    from boardpack.api import load_pack
    from boardpack.inputs import PackInvalid

    try:
        return load_pack(pack)
    except PackInvalid as exc:
        for problem in exc.report.problems:
            where = problem.file if problem.file.startswith(str(pack)) else f"{pack}/{problem.file}"
            err.print(str(problem).replace(problem.file, where, 1), markup=False, soft_wrap=True)
        count = len(exc.report.problems)
        err.print(f"{count} problem{'s' if count != 1 else ''} in {pack}; nothing was written.", markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def _period(pack, text: str | None):  # type: ignore[no-untyped-def]
    from boardpack.api import PeriodUnavailable, resolve_period

    try:
        return resolve_period(pack, text)
    except PeriodUnavailable as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None


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


@app.command()
def init(
    pack: PackArg,
    company: Annotated[str, typer.Option(help="Company name for the cover and footers.")] = "Example SaaS",
) -> None:
    """Create a pack folder: boardpack.yaml, one CSV per table with two example rows, and a README of the columns."""
    from boardpack.inputs.scaffold import PackExists, init_pack

    try:
        written = init_pack(pack, company)
    except PackExists as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    for path in written:
        out.print(f"wrote {path}", markup=False)
    out.print(f"Next: paste your figures into {pack}/data/, then run `boardpack validate {pack}`.", markup=False)


@app.command()
def validate(pack: PackArg) -> None:
    """Check a pack and list every problem at once as file:row:column; exit 1 if there is any."""
    inputs = _load(pack)
    covered = inputs.covered_periods()
    quarters = sorted({m.start // 3 for m in covered})
    tables = ", ".join(sorted(inputs.tables))
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    months = f"{len(covered)} month{'s' if len(covered) != 1 else ''}"
    spanned = f"{len(quarters)} quarter{'s' if len(quarters) != 1 else ''}"
    out.print(f"{pack} is valid: tables {tables}; data from {span} ({months} in {spanned}).", markup=False)


@app.command()
def build(
    pack: PackArg,
    period: PeriodOpt = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="PDF to write; default: PACK/out/board-PERIOD.pdf.")
    ] = None,
) -> None:
    """Build the board deck PDF for a period. Writes nothing if the pack is invalid."""
    from boardpack.api import build_deck
    from boardpack.notes import RuleError
    from boardpack.render.pdf import RenderError

    inputs = _load(pack)
    chosen = _period(inputs, period)
    target = out_file or pack / "out" / f"board-{chosen.label}.pdf"
    try:
        with _progress() as step:
            result = build_deck(inputs, chosen, target, progress=step)
    except RenderError as exc:
        raise _fail(EXIT_RENDER, str(exc)) from None
    except RuleError as exc:
        raise _fail(EXIT_INVALID, f"{exc}; nothing was written") from None
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    out.print(f"wrote {result.pdf} ({result.pages} pages)", markup=False)


@app.command()
def metrics(
    pack: PackArg,
    period: PeriodOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every metric as JSON (ids as in the README).")] = False,
) -> None:
    """Print the metrics of a period: a table, or JSON with value, prior, change, target and status."""
    from boardpack.api import evaluate, metrics_json, steps
    from boardpack.notes import RuleError

    inputs = _load(pack)
    result = evaluate(inputs, _period(inputs, period))
    if as_json:
        try:
            next_steps = steps(inputs, result)
        except RuleError as exc:
            raise _fail(EXIT_INVALID, str(exc)) from None
        sys.stdout.write(metrics_json(result, next_steps) + "\n")
        return
    from rich.table import Table

    from boardpack.metrics import load_catalogue
    from boardpack.render.views import Fmt, metric_view

    fmt = Fmt(inputs.config.currency, inputs.config.locale)
    catalogue = load_catalogue()
    table = Table(title=f"{inputs.config.company} · {result.period}", title_justify="left")
    for column in ("metric", "id", str(result.period), str(result.prior_period), "change", "target", "status"):
        table.add_column(column, justify="right" if column not in ("metric", "id", "status") else "left")
    for metric_id, res in result.results.items():
        view = metric_view(catalogue.metrics[metric_id], res, fmt)
        table.add_row(
            view.label,
            view.id,
            view.display,
            view.prior_display,
            view.change_display,
            view.target_display,
            view.status_label or (view.reason or ""),
        )
    out.print(table)


class _progress:
    """Rich progress on a terminal; one plain line per step otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._progress = None
        if err.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            # no auto-refresh thread: the build forks a chart worker, and forking beside a thread is unsafe
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                auto_refresh=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("Reading pack", total=None)

        def step(name: str) -> None:
            if self._progress is not None:
                self._progress.update(self._task, description=name)
                self._progress.refresh()
            else:
                err.print(f"boardpack: {name}", markup=False)

        return step

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
