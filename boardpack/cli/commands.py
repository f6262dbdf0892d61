"""The `boardpack` command.

Exit codes: 0 done, 1 invalid pack data (every problem listed), 2 usage error (bad option or
period), 3 the deck could not be rendered, 4 `check` found a metric beyond its threshold.
Every command goes through the public API (`boardpack.api`), as a script would.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from boardpack import __version__, api
from boardpack.cli.console import err, out, plain, progress

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


def _fail(code: int, message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _load(pack: Path, language: str | None = None) -> api.PackInputs:
    try:
        return api.load_pack(pack)
    except api.PackInvalid as exc:
        chosen = api.message_language(pack, language)
        for problem in exc.problems:
            err.print(api.describe(problem, pack, chosen), markup=False, soft_wrap=True)
        err.print(api.closing_line(exc, pack, chosen), markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def _print_notices(inputs: api.PackInputs, language: str | None) -> None:
    """Notices do not stop a build but are worth reading: each printed as `note: file:row:column: ...`."""
    chosen = language or inputs.config.language
    for notice in inputs.notices:
        out.print(f"note: {api.describe(notice, inputs.root, chosen)}", markup=False, soft_wrap=True)


def _language(pack: api.PackInputs, language: str | None) -> api.PackInputs:
    """The pack with `--language` in place of `language:` from boardpack.yaml."""
    if language is not None and language not in api.LANGUAGES:
        raise _fail(EXIT_USAGE, f"unknown language {language!r}; expected one of {', '.join(api.LANGUAGES)}")
    return api.with_language(pack, language)


def _period(pack: api.PackInputs, text: str | None) -> api.Period:
    try:
        return api.resolve_period(pack, text)
    except api.PeriodUnavailable as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None


def _check_theme(theme: Path | None) -> None:
    """`--theme` passes the same check as `theme:` in boardpack.yaml: a real theme folder, not `/` or a home."""
    if theme is not None and (refused := api.theme_refusal(theme)) is not None:
        raise _fail(EXIT_USAGE, f"--theme: {refused}")


def _as_of(pack: api.PackInputs, periods: list[api.Period], text: str | None) -> date | None:
    try:
        return api.resolve_as_of(pack, periods, text)
    except api.PeriodUnavailable as exc:
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
    try:
        written = api.init_pack(pack, company)
    except api.PackExists as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    for path in written:
        out.print(f"wrote {path}", markup=False)
    out.print(f"Next: paste your figures into {pack}/data/, then run `boardpack validate {pack}`.", markup=False)


@app.command()
def validate(pack: PackArg, language: LanguageOpt = None) -> None:
    """Check a pack and list every problem at once as file:row:column; exit 1 if there is any."""
    inputs = _load(pack, language)
    covered = inputs.covered_periods()
    quarters = sorted({m.start // 3 for m in covered})
    tables = ", ".join(sorted(inputs.tables))
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    months = f"{len(covered)} month{'s' if len(covered) != 1 else ''}"
    spanned = f"{len(quarters)} quarter{'s' if len(quarters) != 1 else ''}"
    out.print(f"{pack} is valid: tables {tables}; data from {span} ({months} in {spanned}).", markup=False)
    _print_notices(inputs, language)


FORMATS = ("pdf", "html", "json")
VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")


@app.command()
def build(
    pack: PackArg,
    period: Annotated[
        list[str] | None,
        typer.Option(
            "--period",
            "-p",
            help="2026-07, 2026-Q3, 2026, FY2026, latest, latest-quarter, or a range 2025-10..2026-09; repeatable.",
        ),
    ] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help="Outputs, comma-separated: pdf, html, json.")] = "pdf",
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Folder for the outputs; default: PACK/out.")
    ] = None,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="The PDF's path, for a single period.")] = None,
    pdf_variant: Annotated[
        str | None, typer.Option("--pdf-variant", help="Archive or accessible PDF: pdf/a-3b, pdf/ua-1, ...")
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="The previous pack (its metrics JSON or PDF) to list restated figures."),
    ] = None,
    theme: Annotated[
        Path | None, typer.Option("--theme", help="A theme folder to use before the default (overrides `theme:`).")
    ] = None,
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Build the board deck for one or more periods. Writes nothing if the pack is invalid.

    File names carry the period: board-2026-Q3.pdf, board-2026-Q3.html, board-2026-Q3.json. The PDF
    carries what `attach:` in boardpack.yaml says: by default the metrics JSON and the input tables
    without customer-level rows.
    """
    chosen_formats = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen_formats if f not in FORMATS]
    if unknown or not chosen_formats:
        raise _fail(EXIT_USAGE, f"unknown format {', '.join(unknown) or formats!r}; expected pdf, html or json")
    if pdf_variant is not None and pdf_variant.lower() not in VARIANTS:
        raise _fail(EXIT_USAGE, f"unknown PDF variant {pdf_variant!r}; expected one of {', '.join(VARIANTS)}")
    if previous is not None and not previous.is_file():
        raise _fail(EXIT_USAGE, f"{previous} not found; expected the previous pack's metrics JSON or PDF")
    _check_theme(theme)
    inputs = _language(_load(pack, language), language)
    _print_notices(inputs, language)
    try:
        periods = api.resolve_periods(inputs, period or [])
    except api.PeriodUnavailable as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    if out_file is not None and len(periods) > 1:
        raise _fail(EXIT_USAGE, "--out names one PDF; use --out-dir when building several periods")
    observed = _as_of(inputs, periods, as_of)
    options = api.BuildOptions(
        out_dir=out_dir or pack / "out",
        formats=chosen_formats,
        pdf_out=out_file,
        pdf_variant=pdf_variant.lower() if pdf_variant else None,
        previous=previous,
        theme=theme,
        as_of=observed,
    )
    try:
        if len(periods) == 1:
            with progress() as step:
                results = [api.build_deck(inputs, periods[0], options, progress=step)]
        else:
            results = api.build_decks(inputs, periods, options, progress=plain)
    except api.RenderError as exc:
        raise _fail(EXIT_RENDER, str(exc)) from None
    except api.BuildDateInvalid as exc:
        raise _fail(EXIT_USAGE, f"{exc}; nothing was written") from None
    except api.ThemeProblem as exc:
        for problem in exc.problems:
            err.print(str(problem), markup=False, soft_wrap=True)
        err.print("the theme has problems; nothing was written.", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except api.ProblemsFound as exc:  # rules or benchmarks changed since the pack was read, a previous pack
        raise _fail(EXIT_INVALID, f"{exc!s}; nothing was written") from None
    for result in results:
        for warning in result.warnings:
            err.print(f"warning: {warning}", markup=False)
        for path in result.files:
            detail = f" ({result.pages} pages)" if path.suffix == ".pdf" else ""
            out.print(f"wrote {path}{detail}", markup=False)
        if previous is not None:
            out.print(f"{len(result.restated)} restated figure{'s' if len(result.restated) != 1 else ''}", markup=False)


@app.command()
def preview(
    pack: PackArg,
    period: PeriodOpt = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
    theme: Annotated[Path | None, typer.Option("--theme", help="A theme folder to use before the default.")] = None,
) -> None:
    """Serve the deck as HTML on 127.0.0.1 and rebuild it when a data, notes, settings or template file changes.

    The open page reloads itself after each rebuild. Stop with Ctrl-C.
    """
    import time

    from boardpack.preview import Preview  # the server, only when asked for

    _check_theme(theme)
    try:
        server = Preview(
            pack, period, theme, port, say=lambda message: err.print(f"boardpack: {message}", markup=False)
        )
    except OSError as exc:
        raise _fail(EXIT_USAGE, f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from None
    server.start()
    out.print(f"Previewing {pack} at {server.url} (Ctrl-C to stop)", markup=False)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        server.stop()


theme_app = typer.Typer(help="Make a theme: a folder of templates and a stylesheet to restyle the deck.")
app.add_typer(theme_app, name="theme")


@theme_app.command("init")
def theme_init(
    folder: Annotated[Path, typer.Argument(help="The theme folder to create.", show_default=False)],
) -> None:
    """Copy the default templates and stylesheet into FOLDER, with an empty style.css applied last.

    Set `theme: FOLDER` in boardpack.yaml (or pass --theme): files in the folder are used before the
    default ones, so a slide is overridden by keeping only its file; delete the rest.
    """
    try:
        written = api.init_theme(folder)
    except api.ThemeExists as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    out.print(f"wrote {len(written)} files into {folder}", markup=False)
    out.print(f"Next: set `theme: {folder}` in boardpack.yaml, then edit {folder}/style.css or a slide.", markup=False)


@app.command()
def check(
    pack: PackArg,
    period: PeriodOpt = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="off_target, or watch (fails on watch and off_target).")
    ] = "off_target",
    as_of: AsOfOpt = None,
) -> None:
    """Check the metrics listed under `alerts:` in boardpack.yaml; exit 4 when one breaches its threshold.

    Without `alerts:`, every metric with a target or benchmark is checked. For monitoring jobs.
    """
    if fail_on not in ("off_target", "watch"):
        raise _fail(EXIT_USAGE, f"--fail-on {fail_on!r}; expected off_target or watch")
    inputs = _load(pack)
    chosen = _period(inputs, period)
    result = api.evaluate(inputs, chosen, _as_of(inputs, [chosen], as_of))
    catalogue = api.load_catalogue()
    watched = inputs.config.alerts or [m for m, r in result.results.items() if r.status]
    failing = {"off_target"} if fail_on == "off_target" else {"off_target", "watch"}
    breaches = 0
    for metric_id in watched:
        res = result[metric_id]
        breach = res.status in failing
        breaches += breach
        label = catalogue.metrics[metric_id].label
        out.print(
            f"{'BREACH' if breach else 'ok':6} {metric_id} ({label}): {res.status or 'no status'}"
            + (f", value {res.value:.4g}" if res.value is not None else f", {res.reason}"),
            markup=False,
        )
    out.print(
        f"{breaches} of {len(watched)} checked metric{'s' if len(watched) != 1 else ''} breach {fail_on}.", markup=False
    )
    if breaches:
        raise typer.Exit(EXIT_BREACH)


@app.command()
def metrics(
    pack: PackArg,
    period: PeriodOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every metric as JSON (ids as in the README).")] = False,
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Print the metrics of a period: a table, or JSON with value, prior, change, target and status."""
    inputs = _language(_load(pack, language), language)
    chosen = _period(inputs, period)
    result = api.evaluate(inputs, chosen, _as_of(inputs, [chosen], as_of))
    if as_json:
        try:
            next_steps = api.steps(inputs, result)
        except api.RuleError as exc:
            raise _fail(EXIT_INVALID, str(exc)) from None
        sys.stdout.write(api.metrics_json(result, next_steps, notices=inputs.notices) + "\n")
        return
    from rich.table import Table

    table = Table(title=api.printable(f"{inputs.config.company} · {result.period}"), title_justify="left")
    for column in ("metric", "id", str(result.period), str(result.prior_period), "change", "target", "status"):
        table.add_column(column, justify="right" if column not in ("metric", "id", "status") else "left")
    for row in api.metric_rows(inputs, result):
        table.add_row(*row)
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
