"""The public API: load a pack, compute its metrics for a period, build its deck.

The CLI is a thin layer over these functions; a script or a notebook can call them the same way.
Long because it is the one module front ends may import: splitting it would scatter the public surface.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from boardpack.i18n import LANGUAGES, N_, Translator, translator
from boardpack.inputs import PackInputs, PackInvalid, Problem, ProblemsFound, ValidationReport, read_pack
from boardpack.inputs.brand import font_problem, logo_problem
from boardpack.inputs.coverage import PeriodUnavailable, resolve_as_of, resolve_period, resolve_periods
from boardpack.inputs.language import in_language
from boardpack.inputs.report import printable, quoted, summary_line
from boardpack.inputs.scaffold import PackExists, init_pack
from boardpack.inputs.suggest import closest
from boardpack.metrics import MetricSet, compute_metrics, load_catalogue
from boardpack.metrics.restated import PreviousPackError
from boardpack.notes import LeadNotes, NextStep, RuleError, load_rules, next_steps, read_notes, unknown_step_keys
from boardpack.notes.thresholds import threshold_settings
from boardpack.notes.weak import SCORECARD
from boardpack.periods import Period
from boardpack.render.access import STANDALONE_META
from boardpack.render.clock import BuildDateInvalid, created_at
from boardpack.render.output import BuildOptions, BuildResult
from boardpack.render.pdf import RenderError
from boardpack.render.problems import ThemeProblem
from boardpack.render.theme_scaffold import ThemeExists, init_theme

Progress = Callable[[str], None]
METRICS_SCHEMA_VERSION = 1  # of the metrics JSON; docs/schemas/metrics.schema.json describes it


_NOT_AN_IMAGE = N_("'{name}' is not an image ({reason}); expected a PNG or SVG logo")
_NOT_A_FONT = N_("'{name}' cannot be used as a font ({reason}); expected a TrueType or OpenType file (.ttf, .otf)")


def check_references(pack: PackInputs) -> ValidationReport:
    """What boardpack.yaml points at beyond the tables: target ids, benchmark and rule files, notes.

    Where those files are was checked when the pack was read (`pack.files`); here their content is.
    """
    from boardpack.benchmarks import BenchmarkError, load_benchmarks
    from boardpack.benchmarks.targets import check_targets
    from boardpack.slides.selection import choose_slides

    catalogue = load_catalogue()
    report = ValidationReport()
    for key in ("targets", "alerts"):
        for metric_id in getattr(pack.config, key):
            if metric_id not in catalogue.metrics:
                guess = closest(metric_id, catalogue.metrics)
                if guess is None:
                    report.add(
                        "boardpack.yaml",
                        None,
                        f"{key}.{metric_id}",
                        "unknown metric id; expected an id from the metric reference (docs/metrics.md)",
                    )
                else:
                    message = N_("unknown metric id; did you mean `{suggestion}`?")
                    report.add("boardpack.yaml", None, f"{key}.{metric_id}", message, suggestion=guess)
    check_targets(pack.config, catalogue, report)
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
        check, message = (logo_problem, _NOT_AN_IMAGE) if key == "brand.logo" else (font_problem, _NOT_A_FONT)
        if reason := check(path):
            report.add("boardpack.yaml", None, key, message, name=name, reason=quoted(reason, 120))
    template = files.brand.get(brand.pptx_template) if brand.pptx_template else None
    if template is not None:  # opened now, so a layout it lacks is named by `validate`, not by a build
        from boardpack.render.pptx.template import template_problems

        for key, message, values in template_problems(template, brand, brand.pptx_template or template.name):
            report.add("boardpack.yaml", None, key, message, **values)
    try:
        load_benchmarks(pack.config.benchmark_segment, files.benchmarks)
    except BenchmarkError as exc:
        report.extend_problems(exc.problems)
    try:
        rules = load_rules(catalogue, files.rules)
    except RuleError as exc:
        report.extend_problems(exc.problems)
        rules = None
    notes = lead_notes(pack)
    report.extend_problems(list(notes.problems))
    if rules is not None and files.notes is not None:
        report.extend_problems(unknown_step_keys(notes, rules, catalogue, files.notes.name))
    choice = choose_slides(pack, files.theme, report, catalogue)
    if files.notes is not None and notes.overrides:
        report.extend_problems(sentence_key_problems(pack, notes, choice.order, choice.theme_slides))
    return report


def sentence_key_problems(
    pack: PackInputs, notes: LeadNotes, order: tuple[str, ...], theme: dict[str, Any]
) -> list[Problem]:
    """Headings of notes.md that name a generated sentence of a slide this deck does not show, or none at all."""
    from boardpack.judge.findings import shipped_findings
    from boardpack.judge.titles import sentence_keys, unknown_keys
    from boardpack.slides import SLIDES

    shown = [s for s in order if (declared := theme.get(s) or SLIDES.get(s)) is not None and declared.fits(pack)]
    assert pack.files.notes is not None
    return unknown_keys(notes, pack.files.notes.name, sentence_keys(shown, shipped_findings()))


def load_pack(root: Path | str) -> PackInputs:
    """Read and validate a pack folder and what its settings refer to; raises `PackInvalid`."""
    pack = read_pack(root)
    report = check_references(pack)
    if not report.ok:
        raise PackInvalid(report)
    return pack


def evaluate(pack: PackInputs, period: Period, as_of: date | None = None) -> MetricSet:
    """Every metric for `period`, with prior period, change, target, benchmark and status.

    Nothing dated after `as_of` (default: the period's last day) counts, as `resolve_as_of` checks it.
    """
    from boardpack.benchmarks import judge, load_benchmarks

    catalogue = load_catalogue()
    config = pack.config
    benchmarks = load_benchmarks(config.benchmark_segment, pack.files.benchmarks)
    return judge(compute_metrics(pack, period, catalogue, as_of=as_of), config, catalogue, benchmarks)


def target_readings(pack: PackInputs, language: str | None = None) -> list[str]:
    """How each target is read (per year, as written, as it is), and what it is for the default period."""
    from boardpack.benchmarks.targets import target_readings as readings

    try:
        period: Period | None = resolve_period(pack, None)
    except PeriodUnavailable:
        period = None
    return readings(pack.config, load_catalogue(), period, translator(language or pack.config.language))


def lead_notes(pack: PackInputs) -> LeadNotes:
    notes = pack.files.notes
    from boardpack.slides import SLIDES

    return read_notes(notes, load_catalogue(), SLIDES) if notes is not None else LeadNotes()


def shown_metrics(pack: PackInputs) -> set[str]:
    """The metrics the pack's deck shows on its slides and summary tiles: those whose weakness needs a next step."""
    from boardpack.slides.selection import choose_slides

    catalogue = load_catalogue()
    choice = choose_slides(pack, pack.files.theme, ValidationReport(), catalogue)
    shown = choice.on_slides()
    if "scorecard" in choice.order:  # the scorecard shows every judged metric: a weak status is on show
        shown |= {f"{SCORECARD}{metric_id}" for metric_id in catalogue.metrics}
    return shown | {metric_id for metric_id, metric in catalogue.metrics.items() if metric.tile}


def steps(pack: PackInputs, metrics: MetricSet) -> dict[str, list[NextStep]]:
    """Next steps per section: the lead's notes, then the rules whose condition holds, then a generic step
    for every weak figure the deck shows that neither speaks of."""
    catalogue = load_catalogue()
    config = pack.config
    rules = load_rules(catalogue, pack.files.rules)
    return next_steps(
        metrics,
        catalogue,
        rules,
        lead_notes(pack),
        config.currency,
        config.locale,
        config.language,
        config=config,
        shown=shown_metrics(pack),
    )


def _step_json(step: NextStep) -> dict[str, Any]:
    return {
        "source": step.source,
        "metric": step.metric,
        "rule": step.rule,
        "key": step.key,
        "answers": list(step.answers),
        "text": step.text,
        "html": step.html,
        "figures": [{"what": what, "value": value} for what, value in step.figures],
        "owner": step.owner,
        "due": step.due,
        "impact": step.impact,
    }


def metrics_json(
    metrics: MetricSet,
    next_steps_by_section: dict[str, list[NextStep]] | None = None,
    restated: list[Any] | None = None,
    notices: tuple[Problem, ...] = (),
    step_settings: dict[str, Any] | None = None,
) -> str:
    data = {"schema_version": METRICS_SCHEMA_VERSION, **metrics.as_json()}
    data["notices"] = [notice.as_json() for notice in notices]
    if step_settings is not None:
        data["step_settings"] = step_settings
    if next_steps_by_section is not None:
        data["next_steps"] = {
            section: [_step_json(s) for s in items] for section, items in next_steps_by_section.items()
        }
    if restated is not None:
        data["restated"] = [r.as_json() for r in restated]
    return json.dumps(data, indent=2, ensure_ascii=False)


def pack_metrics_json(
    pack: PackInputs,
    metrics: MetricSet,
    next_steps_by_section: dict[str, list[NextStep]] | None = None,
    restated: list[Any] | None = None,
) -> str:
    """A pack's metrics JSON as a build and `metrics --format json` write it: its next steps (computed unless
    given), notices and the settings the steps were judged with; one place, so the two cannot drift apart."""
    found = next_steps_by_section if next_steps_by_section is not None else steps(pack, metrics)
    return metrics_json(metrics, found, restated, pack.notices, threshold_settings(pack.config))


def explain(pack: PackInputs, period: Period, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every sentence the deck for `period` generates, in deck order: its key (the notes.md heading that
    replaces it), kind (title, summary, step, silenced), text, source, whether the lead's notes replaced it,
    and the figures behind it. The same list is the metrics JSON's `findings`."""
    from boardpack.render.deck import deck_sentences

    metrics = evaluate(pack, period, as_of)
    return deck_sentences(pack, metrics, steps(pack, metrics), created_at(period).date())


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
    from pypdf import PdfReader

    try:
        if path.suffix.lower() == ".pdf":
            try:
                attachments = PdfReader(path).attachments
                names = [name for name in attachments if name.endswith(".json")]
                content = attachments[names[0]][0] if names else None
            except Exception as exc:  # pypdf raises many types for a damaged or hostile file
                raise PreviousPackError.about(
                    str(path), f"cannot be read as a PDF ({exc}); expected a deck built by boardpack"
                ) from None
            if content is None:
                raise PreviousPackError.about(
                    str(path),
                    "carries no metrics JSON (a deck built with `attach: none`, or not by boardpack); "
                    "expected the earlier build's metrics JSON (board-PERIOD.json from `--format json`) as --previous",
                )
            return json.loads(content)
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # JSON nested thousands deep ends in RecursionError
        raise PreviousPackError.about(str(path), f"cannot be read ({exc})") from None


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
    previous = options.previous
    restated = restatements(pack, load_catalogue(), read_previous(previous), str(previous)) if previous else []
    document = pack_metrics_json(pack, metrics, next_steps_by_section, restated)
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


def message_language(pack_dir: Path, language: str | None = None) -> str:
    """The language of messages: `language` if known, else `language:` read from boardpack.yaml even when
    the pack is invalid (its problems are then told in the language its author chose), else English."""
    from boardpack.inputs.yamlfile import read_setting

    if language in LANGUAGES:
        return language  # type: ignore[return-value]
    chosen = read_setting(pack_dir / "boardpack.yaml", "language")
    return chosen if isinstance(chosen, str) and chosen in LANGUAGES else "en"


def describe(problem: Problem, pack_dir: Path, language: str = "en") -> str:
    """A problem as `file:row:column: message` in `language`, its file named from where the user stands:
    a file of the pack folder with the folder in front, a table or an outside file as it is named."""
    inside = not problem.file.startswith(str(pack_dir)) and (pack_dir / problem.file).exists()
    where = os.path.normpath(f"{pack_dir}/{problem.file}") if inside else problem.file
    return problem.localized(translator(language)).replace(problem.file, where, 1)


def closing_line(error: PackInvalid, pack_dir: Path, language: str = "en", writes: bool = True) -> str:
    """The line after an invalid pack's problems: how many, how many listed, and (for a command that
    `writes`) that nothing was written."""
    return summary_line(error.report, str(pack_dir), translator(language), writes)


def with_language(pack: PackInputs, language: str | None) -> PackInputs:
    """The pack with `language` (one of LANGUAGES) in place of `language:` from boardpack.yaml, and numbers
    and dates in that language's formats unless the pack's `locale:` is of that language (`in_language`)."""
    from dataclasses import replace

    if language is None:
        return pack
    return replace(pack, config=in_language(pack.config, language))


def output_refusal(path: Path, folder: bool) -> str | None:
    """Why outputs cannot go to `path` (a folder for `--out-dir`, a PDF file for `--out`); None if they can."""
    from boardpack.render.files import output_problem

    return output_problem(path, folder)


def theme_refusal(folder: Path) -> str | None:
    """Why `folder` cannot be a theme (`/`, a home folder, not a folder), as for `theme:`; None if it can."""
    from boardpack.inputs.paths import theme_problem

    refused = theme_problem(folder, str(folder))
    return str(refused) if refused is not None else None


def theme_hint(folder: Path) -> str:
    """How to use a new theme folder, with `theme:` written as boardpack.yaml reads it: relative to the pack.

    The pack is the closest folder above `folder` with a boardpack.yaml (`theme init my-pack/theme`), else the
    current folder when it is one; the settings file is named from where the user stands.
    """
    target = folder.resolve()
    here = Path.cwd()
    for pack_dir in (*target.parents, here):
        settings = pack_dir / "boardpack.yaml"
        if settings.is_file():
            relative = Path(os.path.relpath(target, pack_dir)).as_posix()
            return f"set `theme: {relative}` in {os.path.relpath(settings, here)}"
    return (
        f"set `theme:` in your pack's boardpack.yaml to this folder's path from the pack "
        f"(or pass `--theme {folder}` to `boardpack build` and `boardpack preview`)"
    )


@dataclass(frozen=True)
class MetricRow:
    """One metric of a period as a front end prints it: each figure formatted in the pack's locale and language.

    `status` is the machine word (`on_target`, `watch`, `off_target`, or None); `status_label` the word shown
    to people; `threshold` what the status was judged against (the target, else the benchmark)."""

    label: str
    id: str
    value: str
    prior: str
    change: str
    target: str
    benchmark: str
    status: str | None
    status_label: str
    reason: str
    basis_note: str = ""  # the figure on the basis it was judged on, when that is not the period's

    @property
    def threshold(self) -> str:
        if self.target:
            return f"target {self.target}"
        return f"benchmark {self.benchmark}" if self.benchmark else ""


def metric_rows(pack: PackInputs, metrics: MetricSet) -> list[MetricRow]:
    """One row per metric, formatted in the pack's locale and language, as `boardpack metrics` and
    `boardpack check` print them."""
    from boardpack.slides.views import Fmt, metric_view

    fmt = Fmt(pack.config.currency, pack.config.locale, translator(pack.config.language))
    catalogue = load_catalogue()
    rows = []
    for metric_id, result in metrics.results.items():
        view = metric_view(catalogue.metrics[metric_id], result, fmt, metrics.period.kind)
        rows.append(
            MetricRow(
                label=view.label,
                id=view.id,
                value=view.display,
                prior=view.prior_display,
                change=view.change_display,
                target=view.target_display,
                benchmark=view.benchmark_display,
                status=result.status,
                status_label=f"{view.status_label} ({view.basis_note})" if view.basis_note else view.status_label,
                reason=view.reason or "",
                basis_note=view.basis_note or "",
            )
        )
    return rows


def shipped_benchmarks() -> list[Any]:
    """Every benchmark boardpack ships, for every segment, in file order (the metric reference lists them)."""
    from boardpack.benchmarks import _shipped

    return list(_shipped())


def draw_chart(
    pack: PackInputs,
    kind: str,
    data: dict[str, Any],
    unit: str = "count",
    width: float = 8.0,
    height: float = 3.5,
    title: str = "",
) -> str:
    """One chart as SVG text, drawn by the deck's own chart code (`kind`: lines, trend_bars, hbar, ...) in
    the pack's brand colours and fonts, its value axis formatted for `unit` in the pack's locale."""
    from boardpack.charts import Axis, ChartSpec, draw
    from boardpack.render.theme import resolve_look

    axis = Axis(unit, pack.config.currency, pack.config.locale)
    return draw(ChartSpec(kind, "chart", width, height, title, data, axis), resolve_look(pack).chart_theme)


def source_folders(pack_dir: Path, theme: Path | None = None) -> list[Path]:
    """Every folder a build of the pack reads: the pack, the built-in templates, `theme`, and the data
    folder and theme that boardpack.yaml names outside the pack (never `/` or a home folder)."""
    from boardpack.inputs.paths import folder_problem
    from boardpack.inputs.yamlfile import read_settings
    from boardpack.render.environment import builtin_templates

    folders = [pack_dir, builtin_templates()]
    if theme is not None:
        folders.append(theme)
    for setting in read_settings(pack_dir / "boardpack.yaml", "data", "theme").values():  # read once a poll
        if isinstance(setting, str):
            folder = (pack_dir / setting).resolve()
            if folder_problem(folder) is None:
                folders.append(folder)
    return folders


__all__ = [
    "LANGUAGES",
    "METRICS_SCHEMA_VERSION",
    "STANDALONE_META",
    "BuildDateInvalid",
    "BuildOptions",
    "BuildResult",
    "MetricRow",
    "MetricSet",
    "PackExists",
    "PackInputs",
    "PackInvalid",
    "Period",
    "PeriodUnavailable",
    "PreviousPackError",
    "Problem",
    "ProblemsFound",
    "RenderError",
    "RuleError",
    "ThemeExists",
    "ThemeProblem",
    "Translator",
    "build_deck",
    "build_decks",
    "check_references",
    "closest",
    "closing_line",
    "describe",
    "draw_chart",
    "evaluate",
    "explain",
    "init_pack",
    "init_theme",
    "lead_notes",
    "load_catalogue",
    "load_pack",
    "message_language",
    "metric_rows",
    "metrics_json",
    "pack_metrics_json",
    "printable",
    "read_previous",
    "resolve_as_of",
    "resolve_period",
    "resolve_periods",
    "shipped_benchmarks",
    "source_folders",
    "steps",
    "theme_hint",
    "theme_refusal",
    "threshold_settings",
    "translator",
    "with_language",
]
