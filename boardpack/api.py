"""The public API: load a pack, compute its metrics for a period, build its deck.

The CLI is a thin layer over these functions; a script or a notebook can call them the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs import PackInputs, PackInvalid, Problem, ValidationReport
from boardpack.inputs import load_pack as load_inputs
from boardpack.inputs.brand import font_problem, logo_problem
from boardpack.inputs.report import quoted
from boardpack.metrics import MetricSet, compute_metrics, load_catalogue
from boardpack.notes import LeadNotes, NextStep, RuleError, load_rules, next_steps, read_notes
from boardpack.periods import Period, PeriodError, parse_period

Progress = Callable[[str], None]


class PeriodUnavailable(ValueError):
    """The period asked for cannot be read, or lies outside the pack's data."""


def check_references(pack: PackInputs) -> ValidationReport:
    """What boardpack.yaml points at beyond the tables: target ids, benchmark and rule files, notes.

    Where those files are was checked when the pack was read (`pack.files`); here their content is.
    """
    from boardpack.benchmarks import BenchmarkError, load_benchmarks

    catalogue = load_catalogue()
    report = ValidationReport()
    for key in ("targets", "alerts"):
        for metric_id in getattr(pack.config, key):
            if metric_id not in catalogue.metrics:
                report.add(
                    "boardpack.yaml", None, f"{key}.{metric_id}", "unknown metric id; expected an id from the README"
                )
    files = pack.files
    brand = pack.config.brand
    named = [("brand.logo", brand.logo)] + [
        (f"brand.fonts.{role}.{weight}", getattr(getattr(brand.fonts, role), weight))
        for role in ("heading", "body")
        for weight in ("regular", "bold")
    ]
    for key, name in named:
        path = files.brand.get(name) if name is not None else None
        if path is None:  # absent, or refused where the pack was read
            continue
        if key == "brand.logo" and (reason := logo_problem(path)):
            report.add(
                "boardpack.yaml",
                None,
                key,
                N_("'{name}' is not an image ({reason}); expected a PNG or SVG logo"),
                name=name,
                reason=quoted(reason, 120),
            )
        elif key != "brand.logo" and (reason := font_problem(path)):
            report.add(
                "boardpack.yaml",
                None,
                key,
                N_("'{name}' is not a font ({reason}); expected a TrueType, OpenType or WOFF file"),
                name=name,
                reason=quoted(reason, 120),
            )
    try:
        load_benchmarks(pack.config.benchmark_segment, files.benchmarks)
    except BenchmarkError as exc:
        report.extend_problems(exc.problems)
    try:
        load_rules(catalogue, files.rules)
    except RuleError as exc:
        report.extend_problems(exc.problems)
    report.extend_problems(list(lead_notes(pack).problems))
    return report


def load_pack(root: Path | str) -> PackInputs:
    """Read and validate a pack folder and what its settings refer to; raises `PackInvalid`."""
    pack = load_inputs(root)
    report = check_references(pack)
    if not report.ok:
        raise PackInvalid(report)
    return pack


def _latest(pack: PackInputs, kind: str) -> Period:
    """The last month, quarter or (fiscal) year that every periodic table of the pack covers."""
    from boardpack.inputs.tables import TABLES

    periodic = [name for name in pack.tables if not TABLES[name].sparse and pack.rows(name)]
    if not periodic:
        raise PeriodUnavailable("the pack has no periodic table to find the latest period in")
    last = min(max(pack.covered_months(name)) for name in periodic)
    fiscal_start = pack.config.fiscal_year_start
    covered = {m.start for m in pack.covered_periods()}
    candidate = Period(last, "month", fiscal_start)
    if kind != "month":
        year, month = divmod(last, 12)
        anchor = parse_period(f"{year}-{month + 1:02d}", fiscal_start)
        span = 3 if kind == "quarter" else 12
        offset = (month - (fiscal_start - 1)) % span  # months since the quarter or fiscal year began
        start = anchor.start - offset
        candidate = Period(start, kind, fiscal_start)  # type: ignore[arg-type]
        if candidate.end > last:
            candidate = candidate.prior()
    if not all(m in covered for m in candidate.month_indexes()):
        raise PeriodUnavailable(f"the pack's data covers no complete {kind}")
    return candidate


def resolve_period(pack: PackInputs, text: str | None) -> Period:
    """`--period` if given, else `period:` in boardpack.yaml; the data must cover it completely.

    `latest`, `latest-quarter` and `latest-year` pick the last complete period in the data.
    """
    fiscal_start = pack.config.fiscal_year_start
    chosen = (text or pack.config.period or "").strip()
    if not chosen:
        raise PeriodUnavailable("no period given; pass --period (e.g. 2026-Q3) or set `period:` in boardpack.yaml")
    if chosen.lower() in ("latest", "latest-month", "latest-quarter", "latest-year"):
        kind = {"latest": "month"}.get(chosen.lower(), chosen.lower().removeprefix("latest-"))
        return _latest(pack, kind)
    try:
        period = parse_period(chosen, fiscal_start)
    except PeriodError as exc:
        raise PeriodUnavailable(str(exc)) from None
    covered = pack.covered_periods()
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    if not covered or not any(period.contains(m) for m in covered):
        raise PeriodUnavailable(f"{period} is outside the pack's data, which covers {span}")
    months = {m.start for m in covered}
    missing = [m for m in period.months() if m.start not in months]
    if missing:
        raise PeriodUnavailable(
            f"{period} is not complete in the pack's data, which covers {span}: no table has rows for "
            f"{missing[0]}" + (f" to {missing[-1]}" if len(missing) > 1 else "")
        )
    return period


def resolve_periods(pack: PackInputs, texts: list[str]) -> list[Period]:
    """Several periods: each text is a period, `latest...`, or a range `2025-10..2026-09` of one kind."""
    periods: list[Period] = []
    for text in texts or [""]:
        first, dots, last = text.partition("..")
        if not dots:
            periods.append(resolve_period(pack, text or None))
            continue
        start, end = resolve_period(pack, first), resolve_period(pack, last)
        if start.kind != end.kind or end < start:
            raise PeriodUnavailable(f"'{text}' is not a range; expected two periods of one kind, earliest first")
        step = start
        while step.start <= end.start:
            periods.append(resolve_period(pack, step.label))
            step = step.shift(1)
    return periods


def resolve_as_of(pack: PackInputs, periods: list[Period], text: str | None) -> date | None:
    """`--as-of`: the last day whose events count (None: each period's own last day).

    It may not come before a reported period starts (nothing of it would count), nor after the last
    month the pack's data covers (what happened then is not in the data, so it would read as nothing).
    """
    if text is None or not text.strip():
        return None
    try:
        as_of = date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodUnavailable(f"--as-of '{text}' is not a date; expected YYYY-MM-DD, e.g. 2026-10-31") from None
    for period in periods:
        if as_of < period.first_day:
            raise PeriodUnavailable(
                f"--as-of {as_of.isoformat()} is before {period} starts ({period.first_day.isoformat()}); "
                "expected a day from the period's start on"
            )
    covered = pack.covered_periods()
    if covered and as_of > covered[-1].last_day:
        raise PeriodUnavailable(
            f"--as-of {as_of.isoformat()} is after the pack's data, which ends {covered[-1].last_day.isoformat()}; "
            "expected a day the data covers"
        )
    return as_of


class BuildDateInvalid(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a date: a build must not quietly fall back to another date."""


def created_at(period: Period) -> datetime:
    """When the deck says it was made: SOURCE_DATE_EPOCH if set (reproducible builds), else the period end.

    Using the period end, not the clock, keeps two builds of the same inputs byte-identical. A value
    that is not whole seconds since 1970 stops the build, as the reproducible-builds convention asks,
    rather than dating the deck differently from what the caller pinned.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            if not epoch.isascii() or not epoch.isdigit():
                raise ValueError(epoch)
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise BuildDateInvalid(
                f"SOURCE_DATE_EPOCH is {epoch!r}; expected whole seconds since 1970-01-01 UTC, "
                "such as 1790000000 (`date +%s`), or no value"
            ) from None
    end = period.last_day
    return datetime(end.year, end.month, end.day, tzinfo=UTC)


def evaluate(pack: PackInputs, period: Period, as_of: date | None = None) -> MetricSet:
    """Every metric for `period`, with prior period, change, target, benchmark and status.

    Nothing dated after `as_of` (default: the period's last day) counts, as `resolve_as_of` checks it.
    """
    from boardpack.benchmarks import judge, load_benchmarks

    catalogue = load_catalogue()
    config = pack.config
    benchmarks = load_benchmarks(config.benchmark_segment, pack.files.benchmarks)
    return judge(compute_metrics(pack, period, catalogue, as_of=as_of), config, catalogue, benchmarks)


def lead_notes(pack: PackInputs) -> LeadNotes:
    notes = pack.files.notes
    return read_notes(notes, load_catalogue()) if notes is not None else LeadNotes()


def steps(pack: PackInputs, metrics: MetricSet) -> dict[str, list[NextStep]]:
    """Next steps per section: the lead's notes, then the rules whose condition holds."""
    catalogue = load_catalogue()
    config = pack.config
    rules = load_rules(catalogue, pack.files.rules)
    return next_steps(metrics, catalogue, rules, lead_notes(pack), config.currency, config.locale, config.language)


def metrics_json(
    metrics: MetricSet,
    next_steps_by_section: dict[str, list[NextStep]] | None = None,
    restated: list[Any] | None = None,
    notices: tuple[Problem, ...] = (),
) -> str:
    data = metrics.as_json()
    data["notices"] = [{"file": n.file, "row": n.row, "column": n.column, "message": n.message} for n in notices]
    if next_steps_by_section is not None:
        data["next_steps"] = {
            section: [
                {"source": s.source, "metric": s.metric, "rule": s.rule, "text": s.text, "html": s.html} for s in items
            ]
            for section, items in next_steps_by_section.items()
        }
    if restated is not None:
        data["restated"] = [r.as_json() for r in restated]
    return json.dumps(data, indent=2, ensure_ascii=False)


def _pdf_json(path: Path) -> bytes:
    """The metrics JSON attached to a deck; any failure of pypdf on a damaged or hostile file is named."""
    from pypdf import PdfReader

    from boardpack.metrics.restated import PreviousPackError

    try:
        attachments = PdfReader(path).attachments
        names = [name for name in attachments if name.endswith(".json")]
        content = attachments[names[0]][0] if names else None
    except Exception as exc:  # pypdf raises many types for a damaged or hostile file
        raise PreviousPackError(f"cannot read {path} as a PDF ({exc}); expected a deck built by boardpack") from None
    if content is None:
        raise PreviousPackError(
            f"{path} carries no metrics JSON (a deck built with `attach: none`, or not by boardpack); "
            "expected the earlier build's metrics JSON (board-PERIOD.json from `--format json`) as --previous"
        )
    return content


def read_previous(path: Path) -> Any:
    """The metrics JSON of an earlier pack: a `.json` file, or the attachment inside its PDF."""
    from boardpack.metrics.restated import PreviousPackError

    try:
        if path.suffix.lower() == ".pdf":
            return json.loads(_pdf_json(path))
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # JSON nested thousands deep ends in RecursionError
        if isinstance(exc, PreviousPackError):
            raise
        raise PreviousPackError(f"cannot read {path}: {exc}") from None


@dataclass(frozen=True)
class BuildResult:
    files: list[Path]
    pages: int
    warnings: list[str]
    restated: list[Any] = field(default_factory=list)

    @property
    def pdf(self) -> Path | None:
        return next((f for f in self.files if f.suffix == ".pdf"), None)


@dataclass(frozen=True)
class BuildOptions:
    """What to write: formats, where, the PDF variant, and an earlier pack to compare with."""

    out_dir: Path
    formats: tuple[str, ...] = ("pdf",)
    pdf_out: Path | None = None
    pdf_variant: str | None = None
    previous: Path | None = None
    parallel: bool = True
    theme: Path | None = None
    as_of: date | None = None  # last day whose events count; None: the period's last day

    def path(self, period: Period, suffix: str) -> Path:
        if suffix == "pdf" and self.pdf_out is not None:
            return self.pdf_out
        return self.out_dir / f"board-{period.label}.{suffix}"


def build_deck(
    pack: PackInputs,
    period: Period,
    options: BuildOptions,
    progress: Progress | None = None,
) -> BuildResult:
    """Compute the metrics for `period`, then write the deck in every format asked for."""
    from boardpack.metrics.restated import restatements
    from boardpack.render.deck import render_deck

    say = progress or (lambda _step: None)
    say(f"Computing metrics for {period}")
    metrics = evaluate(pack, period, options.as_of)
    next_steps_by_section = steps(pack, metrics)
    restated = (
        restatements(pack, load_catalogue(), read_previous(options.previous), str(options.previous))
        if options.previous
        else []
    )
    document = metrics_json(metrics, next_steps_by_section, restated, pack.notices)
    return render_deck(pack, metrics, next_steps_by_section, restated, document, options, created_at(period), say)


def build_decks(
    pack: PackInputs,
    periods: list[Period],
    options: BuildOptions,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[BuildResult]:
    """Several decks from one loaded pack; with fork, two at a time, one per core.

    Layout is single-threaded, so decks laid out side by side use both cores; each worker then draws
    its own charts in-process instead of forking a chart worker of its own.
    """
    import multiprocessing

    workers = workers if workers is not None else min(len(periods), os.cpu_count() or 1, 2)
    if workers < 2 or len(periods) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [build_deck(pack, period, options, progress) for period in periods]
    from concurrent.futures import ProcessPoolExecutor
    from dataclasses import replace

    serial = replace(options, parallel=False)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(build_deck, pack, period, serial, progress) for period in periods]
        return [future.result() for future in futures]


__all__ = [
    "BuildDateInvalid",
    "BuildOptions",
    "BuildResult",
    "PeriodUnavailable",
    "build_deck",
    "build_decks",
    "check_references",
    "evaluate",
    "lead_notes",
    "load_pack",
    "metrics_json",
    "read_previous",
    "resolve_as_of",
    "resolve_period",
    "resolve_periods",
    "steps",
]
