"""Commands on a pack as a whole: create it, validate it, build its deck, preview it, make a theme."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from boardpack import api
from boardpack.cli.common import (
    EXIT_INVALID,
    EXIT_RENDER,
    EXIT_USAGE,
    App,
    AsOfOpt,
    LanguageOpt,
    OutDirOpt,
    PackArg,
    PeriodOpt,
    PeriodsOpt,
    ReadableGroup,
    ThemeOpt,
    app,
    as_of_day,
    check_language,
    check_theme,
    fail,
    in_language,
    load,
    print_notices,
)
from boardpack.cli.console import err, explain_lines, out, plain, progress


@app.command()
def init(
    pack: PackArg,
    company: Annotated[
        str, typer.Option(metavar="NAME", help="Company name for the cover and footers.")
    ] = "Example SaaS",
) -> None:
    """Create a pack folder: boardpack.yaml, one CSV per table with example rows, and a README of the columns."""
    try:
        written = api.init_pack(pack, company)
    except api.PackExists as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    for path in written:
        out.print(f"wrote {path}", markup=False)
    out.print(f"Next: paste your figures into {pack}/data/, then run `boardpack validate {pack}`.", markup=False)


@app.command()
def validate(pack: PackArg, language: LanguageOpt = None) -> None:
    """Check a pack and list every problem at once as file:row:column; exit 1 if there is any."""
    inputs = load(pack, language, writes=False)
    covered = inputs.covered_periods()
    quarters = sorted({m.start // 3 for m in covered})
    tables = ", ".join(sorted(inputs.tables))
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    months = f"{len(covered)} month{'s' if len(covered) != 1 else ''}"
    spanned = f"{len(quarters)} quarter{'s' if len(quarters) != 1 else ''}"
    out.print(f"{pack} is valid: tables {tables}; data from {span} ({months} in {spanned}).", markup=False)
    print_notices(inputs, language)
    for reading in api.target_readings(inputs, language):
        out.print(reading, markup=False, soft_wrap=True)


FORMATS = ("pdf", "html", "json", "pptx")
VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")


@app.command()
def build(
    pack: PackArg,
    period: PeriodsOpt = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMATS", help="Outputs, comma-separated: pdf, html, json, pptx.")
    ] = "pdf",
    out_dir: OutDirOpt = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="The PDF's path, for a single period.")
    ] = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option("--pdf-variant", metavar="VARIANT", help="Archive or accessible PDF: pdf/a-3b, pdf/ua-1, ..."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous", metavar="FILE", help="The previous pack (its metrics JSON or PDF) to list restated figures."
        ),
    ] = None,
    theme: ThemeOpt = None,
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Also list every generated sentence with its key and the figures behind it, for review."
        ),
    ] = False,
) -> None:
    """Build the board deck for one or more periods. Writes nothing if the pack is invalid.

    File names carry the period: board-2026-Q3.pdf, .html, .json, .pptx (PowerPoint). The PDF
    carries what `attach:` in boardpack.yaml says: by default the metrics JSON and the input tables
    without customer-level rows.
    """
    chosen_formats = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen_formats if f not in FORMATS]
    if unknown or not chosen_formats:
        raise fail(EXIT_USAGE, f"unknown format {', '.join(unknown) or formats!r}; expected pdf, html, json or pptx")
    if pdf_variant is not None and pdf_variant.lower() not in VARIANTS:
        raise fail(EXIT_USAGE, f"unknown PDF variant {pdf_variant!r}; expected one of {', '.join(VARIANTS)}")
    if previous is not None and not previous.is_file():
        raise fail(EXIT_USAGE, f"{previous} not found; expected the previous pack's metrics JSON or PDF")
    check_theme(theme)
    inputs = in_language(load(pack, language), language)
    print_notices(inputs, language)
    try:
        periods = api.resolve_periods(inputs, period or [])
    except api.PeriodUnavailable as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    if out_file is not None and len(periods) > 1:
        raise fail(EXIT_USAGE, "--out names one PDF; use --out-dir when building several periods")
    observed = as_of_day(inputs, periods, as_of)
    for option, path, folder in (("--out-dir", out_dir or pack / "out", True), ("--out", out_file, False)):
        if path is not None and (refused := api.output_refusal(path, folder)) is not None:
            raise fail(EXIT_USAGE, f"{option} {path}: {refused}; nothing was written")
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
        raise fail(EXIT_RENDER, str(exc)) from None
    except api.BuildDateInvalid as exc:
        raise fail(EXIT_USAGE, f"{exc}; nothing was written") from None
    except api.ThemeProblem as exc:
        for problem in exc.problems:
            err.print(str(problem), markup=False, soft_wrap=True)
        err.print("the theme has problems; nothing was written.", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except api.ProblemsFound as exc:  # rules or benchmarks changed since the pack was read, a previous pack
        raise fail(EXIT_INVALID, f"{exc!s}; nothing was written") from None
    for result in results:
        for warning in result.warnings:
            err.print(f"warning: {warning}", markup=False)
        for path in result.files:
            detail = f" ({result.pages} pages)" if path.suffix == ".pdf" else ""
            out.print(f"wrote {path}{detail}", markup=False)
        if previous is not None:
            out.print(f"{len(result.restated)} restated figure{'s' if len(result.restated) != 1 else ''}", markup=False)
    if explain:  # the same listing as `boardpack explain`, after the files are written
        for chosen in periods:
            for entry in api.explain(inputs, chosen, observed):
                out.print(explain_lines(entry), markup=False)


@app.command()
def preview(
    pack: PackArg,
    period: PeriodOpt = None,
    port: Annotated[int, typer.Option(metavar="PORT", help="Port on 127.0.0.1.")] = 8765,
    theme: ThemeOpt = None,
    language: LanguageOpt = None,
) -> None:
    """Serve the deck as HTML on 127.0.0.1 and rebuild it when a data, notes, settings or template file changes.

    The open page reloads itself after each rebuild. Stop with Ctrl-C.
    """
    import time

    from boardpack.preview import Preview  # the server, only when asked for

    check_theme(theme)
    check_language(language)
    try:
        server = Preview(
            pack,
            period,
            theme,
            port,
            say=lambda message: err.print(f"boardpack: {message}", markup=False),
            language=language,
        )
    except OSError as exc:
        raise fail(EXIT_USAGE, f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from None
    server.start()
    out.print(f"Previewing {pack} at {server.url} (Ctrl-C to stop)", markup=False)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        server.stop()


theme_app = App(cls=ReadableGroup, help="Make a theme: a folder of templates and a stylesheet to restyle the deck.")
app.add_typer(theme_app, name="theme")


@theme_app.command("init")
def theme_init(
    folder: Annotated[Path, typer.Argument(help="The theme folder to create.", show_default=False, metavar="FOLDER")],
) -> None:
    """Copy the default templates and stylesheet into FOLDER, with an empty style.css applied last.

    Set `theme: FOLDER` in boardpack.yaml (or pass --theme): files in the folder are used before the
    default ones, so a slide is overridden by keeping only its file; delete the rest.
    """
    try:
        written = api.init_theme(folder)
    except api.ThemeExists as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    out.print(f"wrote {len(written)} files into {folder}", markup=False)
    out.print(f"Next: {api.theme_hint(folder)}, then edit {folder}/style.css or a slide.", markup=False)
