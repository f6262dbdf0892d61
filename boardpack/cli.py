"""The `boardpack` command.

Exit codes: 0 done, 1 invalid pack data (every problem listed), 2 usage error (bad option or
period), 3 the deck could not be rendered, 4 `check` found a metric beyond its threshold.
Progress is animated on a terminal and printed as plain lines otherwise (CI logs), and nothing is
coloured when the output is not a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from boardpack import __version__

EXIT_INVALID, EXIT_USAGE, EXIT_RENDER, EXIT_BREACH = 1, 2, 3, 4

app = typer.Typer(
    name="boardpack",
    help="Turn a SaaS company's marketing, sales and revenue data into a board deck.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _PlainConsole(Console):
    """A console that prints values from the pack as they are: no `[markup]`, no `:emoji:` codes, no
    highlighting, and no control characters (a cell's ANSI escape must not recolour the terminal)."""

    def __init__(self, **options: object) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, soft_wrap=True, **options)  # type: ignore[arg-type]

    def print(self, *objects: object, **options: object) -> None:  # type: ignore[override]
        from boardpack.inputs.report import printable

        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **options)  # type: ignore[arg-type]


err = _PlainConsole(stderr=True)
out = _PlainConsole()
if not out.is_terminal:  # a log or a pipe: tables at a width that fits their labels
    out = _PlainConsole(width=160)

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


def _message_language(pack: Path, language: str | None) -> str:
    """The language of messages: `--language`, else `language:` read from boardpack.yaml even when invalid."""
    from boardpack.i18n import LANGUAGES

    if language in LANGUAGES:
        return language
    from boardpack.inputs.yamlfile import read_setting

    chosen = read_setting(pack / "boardpack.yaml", "language")
    return chosen if isinstance(chosen, str) and chosen in LANGUAGES else "en"


def _load(pack: Path, language: str | None = None):  # type: ignore[no-untyped-def]
    from boardpack.api import load_pack
    from boardpack.i18n import translator
    from boardpack.inputs import PackInvalid
    from boardpack.inputs.report import summary_line

    try:
        return load_pack(pack)
    except PackInvalid as exc:
        words = translator(_message_language(pack, language))
        for problem in exc.report.problems:
            err.print(_located(pack, problem, words), markup=False, soft_wrap=True)
        err.print(summary_line(exc.report, str(pack), words), markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def _located(pack: Path, problem, words) -> str:  # type: ignore[no-untyped-def]
    """A problem in the user's language, its file named from where the user stands."""
    inside = not problem.file.startswith(str(pack)) and (pack / problem.file).exists()
    where = os.path.normpath(f"{pack}/{problem.file}") if inside else problem.file  # a table keeps its own name
    return problem.localized(words).replace(problem.file, where, 1)


def _print_notices(inputs, language: str | None) -> None:  # type: ignore[no-untyped-def]
    """Notices do not stop a build but are worth reading: each printed as `note: file:row:column: ...`."""
    from boardpack.i18n import translator

    words = translator(language or inputs.config.language)
    for notice in inputs.notices:
        out.print(f"note: {_located(inputs.root, notice, words)}", markup=False, soft_wrap=True)


def _language(pack, language: str | None):  # type: ignore[no-untyped-def]
    """The pack with `--language` in place of `language:` from boardpack.yaml."""
    from dataclasses import replace

    from boardpack.i18n import LANGUAGES

    if language is None:
        return pack
    if language not in LANGUAGES:
        raise _fail(EXIT_USAGE, f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return replace(pack, config=pack.config.model_copy(update={"language": language}))


def _period(pack, text: str | None):  # type: ignore[no-untyped-def]
    from boardpack.api import PeriodUnavailable, resolve_period

    try:
        return resolve_period(pack, text)
    except PeriodUnavailable as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None


def _check_theme(theme: Path | None) -> None:
    """`--theme` passes the same check as `theme:` in boardpack.yaml: a real theme folder, not `/` or a home."""
    from boardpack.inputs.paths import theme_problem

    if theme is not None and (refused := theme_problem(theme, str(theme))) is not None:
        raise _fail(EXIT_USAGE, f"--theme: {refused}")


def _check_outputs(out_dir: Path, out_file: Path | None) -> None:
    """The output folder and PDF path can be written before anything is built."""
    from boardpack.render.files import output_problem

    for option, path, folder in (("--out-dir", out_dir, True), ("--out", out_file, False)):
        if path is not None and (refused := output_problem(path, folder)) is not None:
            raise _fail(EXIT_USAGE, f"{option} {path}: {refused}; nothing was written")


def _as_of(pack, periods, text: str | None):  # type: ignore[no-untyped-def]
    from boardpack.api import PeriodUnavailable, resolve_as_of

    try:
        return resolve_as_of(pack, periods, text)
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
    from boardpack.api import (
        BuildDateInvalid,
        BuildOptions,
        PeriodUnavailable,
        build_deck,
        build_decks,
        resolve_periods,
    )
    from boardpack.metrics.restated import PreviousPackError
    from boardpack.notes import RuleError
    from boardpack.render.pdf import RenderError
    from boardpack.render.problems import ThemeProblem

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
        periods = resolve_periods(inputs, period or [])
    except PeriodUnavailable as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    if out_file is not None and len(periods) > 1:
        raise _fail(EXIT_USAGE, "--out names one PDF; use --out-dir when building several periods")
    observed = _as_of(inputs, periods, as_of)
    _check_outputs(out_dir or pack / "out", out_file)
    options = BuildOptions(
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
            with _progress() as step:
                results = [build_deck(inputs, periods[0], options, progress=step)]
        else:
            results = build_decks(inputs, periods, options, progress=_plain)
    except RenderError as exc:
        raise _fail(EXIT_RENDER, str(exc)) from None
    except BuildDateInvalid as exc:
        raise _fail(EXIT_USAGE, f"{exc}; nothing was written") from None
    except (RuleError, PreviousPackError) as exc:
        raise _fail(EXIT_INVALID, f"{exc}; nothing was written") from None
    except ThemeProblem as exc:
        for line in str(exc).splitlines():
            err.print(line, markup=False, soft_wrap=True)
        err.print("the theme has problems; nothing was written.", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
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

    from boardpack.preview import Preview

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
    from boardpack.render.theme_scaffold import ThemeExists, init_theme

    try:
        written = init_theme(folder)
    except ThemeExists as exc:
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
    from boardpack.api import evaluate
    from boardpack.metrics import load_catalogue

    if fail_on not in ("off_target", "watch"):
        raise _fail(EXIT_USAGE, f"--fail-on {fail_on!r}; expected off_target or watch")
    inputs = _load(pack)
    chosen = _period(inputs, period)
    result = evaluate(inputs, chosen, _as_of(inputs, [chosen], as_of))
    catalogue = load_catalogue()
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
    from boardpack.api import evaluate, metrics_json, steps
    from boardpack.notes import RuleError

    inputs = _language(_load(pack, language), language)
    chosen = _period(inputs, period)
    result = evaluate(inputs, chosen, _as_of(inputs, [chosen], as_of))
    if as_json:
        try:
            next_steps = steps(inputs, result)
        except RuleError as exc:
            raise _fail(EXIT_INVALID, str(exc)) from None
        sys.stdout.write(metrics_json(result, next_steps, notices=inputs.notices) + "\n")
        return
    from rich.table import Table

    from boardpack.i18n import translator
    from boardpack.inputs.report import printable
    from boardpack.metrics import load_catalogue
    from boardpack.render.views import Fmt, metric_view

    fmt = Fmt(inputs.config.currency, inputs.config.locale, translator(inputs.config.language))
    catalogue = load_catalogue()
    table = Table(title=printable(f"{inputs.config.company} · {result.period}"), title_justify="left")
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


def _plain(step: str) -> None:
    """Progress of builds running side by side: one line per step, never an animation."""
    err.print(f"boardpack: {step}", markup=False)


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
