"""Commands that print a period's figures: `metrics` (a table or JSON), `check` (alerts, exit 4) and `explain`
(every sentence the deck generates, with the figures behind it)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from boardpack import api
from boardpack.cli.common import (
    EXIT_BREACH,
    EXIT_INVALID,
    EXIT_USAGE,
    AsOfOpt,
    LanguageOpt,
    PackArg,
    PeriodOpt,
    app,
    as_of_day,
    fail,
    in_language,
    load,
    one_period,
)
from boardpack.cli.console import explain_lines, out


@app.command()
def check(
    pack: PackArg,
    period: PeriodOpt = None,
    fail_on: Annotated[
        str,
        typer.Option("--fail-on", metavar="STATUS", help="off_target, or watch (fails on watch and off_target)."),
    ] = "off_target",
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Check the metrics listed under `alerts:` in boardpack.yaml; exit 4 when one breaches its threshold.

    Without `alerts:`, every metric with a target or benchmark is checked. For monitoring jobs.
    """
    if fail_on not in ("off_target", "watch"):
        raise fail(EXIT_USAGE, f"--fail-on {fail_on!r}; expected off_target or watch")
    inputs = in_language(load(pack, language, writes=False), language)
    chosen = one_period(inputs, period)
    result = api.evaluate(inputs, chosen, as_of_day(inputs, [chosen], as_of))
    rows = {row.id: row for row in api.metric_rows(inputs, result)}
    watched = inputs.config.alerts or [m for m, r in result.results.items() if r.status]
    failing = {"off_target"} if fail_on == "off_target" else {"off_target", "watch"}
    breaches = 0
    for metric_id in watched:
        row = rows[metric_id]
        breach = row.status in failing
        breaches += breach
        out.print(f"{'BREACH' if breach else 'ok':6} {check_line(row, result.period)}", markup=False)
    plural = "s" if len(watched) != 1 else ""
    out.print(f"{breaches} of {len(watched)} checked metric{plural} breach {fail_on} in {result.period}.", markup=False)
    if breaches:
        raise typer.Exit(EXIT_BREACH)


def check_line(row: api.MetricRow, period: object) -> str:
    """`nrr (Net revenue retention) in 2026-Q1: 91.9% against target 100.0%: watch`: what was checked, when,
    the figure as the deck shows it, what it was judged against, and the status."""
    if not row.value or row.value == "n/a":
        return f"{row.id} ({row.label}) in {period}: no value ({row.reason or 'not computed'})"
    against = f" against {row.threshold}" if row.threshold else ", no target or benchmark"
    figure = row.basis_note or row.value  # judged on another basis: "10.1% this quarter, 34.6% a year"
    return f"{row.id} ({row.label}) in {period}: {figure}{against}: {row.status or 'no status'}"


@app.command()
def metrics(
    pack: PackArg,
    period: PeriodOpt = None,
    output: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, or json: every metric as in the metrics JSON."),
    ] = "table",
    as_json: Annotated[bool, typer.Option("--json", hidden=True, help="Deprecated: --format json.")] = False,
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Print the metrics of a period: a table, or JSON with value, prior, change, target and status."""
    if output not in ("table", "json"):
        raise fail(EXIT_USAGE, f"unknown format {output!r}; expected table or json")
    inputs = in_language(load(pack, language, writes=False), language)
    chosen = one_period(inputs, period)
    result = api.evaluate(inputs, chosen, as_of_day(inputs, [chosen], as_of))
    if as_json or output == "json":
        try:
            document = api.pack_metrics_json(inputs, result)
        except api.RuleError as exc:
            raise fail(EXIT_INVALID, str(exc)) from None
        sys.stdout.write(document + "\n")
        return
    out.print(metrics_table(inputs, result))


def metrics_table(inputs: api.PackInputs, result: api.MetricSet) -> Table:
    """The metrics as a table that wraps names and reasons on a narrow terminal and never cuts a figure."""
    table = Table(title=api.printable(f"{inputs.config.company} · {result.period}"), title_justify="left")
    for column in ("metric", "id"):
        table.add_column(column, overflow="fold", ratio=1)
    for column in (str(result.period), str(result.prior_period), "change", "target"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("status", overflow="fold", ratio=1)
    for row in api.metric_rows(inputs, result):
        status = row.status_label or row.reason
        table.add_row(row.label, row.id, row.value, row.prior, row.change, row.target, status)
    return table


@app.command()
def explain(
    pack: PackArg,
    period: PeriodOpt = None,
    output: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, or json: the list the metrics JSON holds."),
    ] = "text",
    language: LanguageOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List every sentence the deck generates (titles, summaries, next steps) with the figures behind it.

    Each line starts with the sentence's key: a `## <key>` heading in notes.md replaces it, and a body of
    `-` silences it. Sentences the notes replaced are marked `note`. Nothing is written.
    """
    if output not in ("text", "json"):
        raise fail(EXIT_USAGE, f"unknown format {output!r}; expected text or json")
    inputs = in_language(load(pack, language, writes=False), language)
    chosen = one_period(inputs, period)
    try:
        entries = api.explain(inputs, chosen, as_of_day(inputs, [chosen], as_of))
    except api.ProblemsFound as exc:
        raise fail(EXIT_INVALID, str(exc)) from None
    if output == "json":
        sys.stdout.write(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
        return
    for entry in entries:
        out.print(explain_lines(entry), markup=False)
