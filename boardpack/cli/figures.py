"""Commands that print a period's figures: `metrics` (a table or JSON) and `check` (alerts, exit 4)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

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
from boardpack.cli.console import out


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
        raise fail(EXIT_USAGE, f"--fail-on {fail_on!r}; expected off_target or watch")
    inputs = load(pack)
    chosen = one_period(inputs, period)
    result = api.evaluate(inputs, chosen, as_of_day(inputs, [chosen], as_of))
    catalogue = api.load_catalogue()
    watched = inputs.config.alerts or [m for m, r in result.results.items() if r.status]
    failing = {"off_target"} if fail_on == "off_target" else {"off_target", "watch"}
    breaches = 0
    for metric_id in watched:
        res = result[metric_id]
        breach = res.status in failing
        breaches += breach
        label = catalogue.metrics[metric_id].label
        # judged on another basis than the period's (a quarter's churn compounded to a year): say on which
        restated = res.compared_value is not None and res.compared_basis not in (None, chosen.kind)
        out.print(
            f"{'BREACH' if breach else 'ok':6} {metric_id} ({label}): {res.status or 'no status'}"
            + (f", value {res.value:.4g}" if res.value is not None else f", {res.reason}")
            + (f" ({res.compared_value:.4g} per {res.compared_basis})" if restated else ""),
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
    inputs = in_language(load(pack, language), language)
    chosen = one_period(inputs, period)
    result = api.evaluate(inputs, chosen, as_of_day(inputs, [chosen], as_of))
    if as_json:
        try:
            next_steps = api.steps(inputs, result)
        except api.RuleError as exc:
            raise fail(EXIT_INVALID, str(exc)) from None
        sys.stdout.write(api.metrics_json(result, next_steps, notices=inputs.notices) + "\n")
        return
    from rich.table import Table

    table = Table(title=api.printable(f"{inputs.config.company} · {result.period}"), title_justify="left")
    for column in ("metric", "id", str(result.period), str(result.prior_period), "change", "target", "status"):
        table.add_column(column, justify="right" if column not in ("metric", "id", "status") else "left")
    for row in api.metric_rows(inputs, result):
        table.add_row(*row)
    out.print(table)
