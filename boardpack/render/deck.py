"""Render a deck: build the context, draw the charts beside the template rendering, write the outputs."""

from __future__ import annotations

import base64
import hashlib
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from boardpack.charts import start_drawing
from boardpack.inputs.pack import PackInputs
from boardpack.inputs.report import Problem, ValidationReport
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep
from boardpack.render.access import Access, standalone
from boardpack.render.attachments import attachments
from boardpack.render.context import template_values
from boardpack.render.environment import make_environment
from boardpack.render.files import write_atomic
from boardpack.render.output import BuildOptions, BuildResult
from boardpack.render.problems import ThemeProblem, check_stylesheet, read_stylesheet, template_problem
from boardpack.render.theme import Look, resolve_look
from boardpack.slides import build_slides, deck_result
from boardpack.slides.base import provided_by
from boardpack.slides.selection import SlideChoice, choose_slides
from boardpack.slides.wording import review

_MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


def _data_uri(path: Path) -> str:
    media = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{media};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_assets(html: str, access: Access) -> tuple[str, list[str]]:
    """The HTML with charts, logo and fonts embedded as data URIs: one file that stands alone and fetches
    nothing; returns it with the addresses refused."""
    return standalone(html, access, _data_uri)


def render_html(pack: PackInputs, look: Look, values: dict[str, Any], created: datetime) -> str:
    """The deck as HTML from the theme's templates; a broken template or stylesheet is a ThemeProblem."""
    env = make_environment(list(look.search_path), pack.config.currency, pack.config.locale, pack.config.language)
    problems: list[Problem] = []
    for folder in look.search_path:
        for name in ("deck.css", "style.css"):
            if (folder / name).is_file():
                problems += check_stylesheet(folder / name)
    if problems:
        raise ThemeProblem(problems)
    stylesheet = Markup("")
    if look.user_stylesheet is not None:
        # CSS, not HTML: kept as written, but it can never close the <style> element it sits in
        stylesheet = Markup(read_stylesheet(look.user_stylesheet).replace("</", "<\\/"))
    try:
        return env.get_template("deck.html.j2").render(
            **values, look=look, user_stylesheet=stylesheet, created=created.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    except ThemeProblem:
        raise
    except Exception as exc:  # a theme's template may fail in any way; never a traceback
        raise template_problem(exc, provided_by()) from None


def chosen_slides(pack: PackInputs, look: Look) -> SlideChoice:
    """The deck's slides for the theme in use; a `--theme` whose slides.yaml is wrong is a ThemeProblem."""
    report = ValidationReport()
    choice = choose_slides(pack, look.search_path[0] if look.search_path else None, report)
    if not report.ok:
        raise ThemeProblem(report.problems)
    return choice


def with_findings(document: str, entries: list[dict[str, Any]]) -> str:
    """The metrics JSON with the deck's generated sentences under `findings`, as `explain` lists them."""
    import json

    data = json.loads(document)
    data["findings"] = entries
    return json.dumps(data, indent=2, ensure_ascii=False)


def deck_sentences(pack: PackInputs, metrics: MetricSet, steps: dict[str, list[NextStep]], today: Any) -> list[Any]:
    """Every generated sentence of the deck (titles, summaries, next steps), built as the deck is, laid out never."""
    look = resolve_look(pack, None)
    choice = chosen_slides(pack, look)
    result = deck_result(pack, metrics, today, steps, [], choice.theme_slides, choice.order)
    return review(result, build_slides(result, choice.order))


def _write(path: Path, content: str | bytes) -> None:
    """An output written whole, or a RenderError naming it (a full disk, a folder taken away mid-build)."""
    from boardpack.render.pdf import RenderError

    try:
        write_atomic(path, content)
    except OSError as exc:
        raise RenderError(f"could not write {path}: {exc.strerror or exc}") from None


def render_deck(
    pack: PackInputs,
    metrics: MetricSet,
    steps: dict[str, list[NextStep]],
    restated: list[Any],
    document: str,
    options: BuildOptions,
    created: datetime,
    say: Callable[[str], None],
) -> BuildResult:
    look = resolve_look(pack, options.theme)
    choice = chosen_slides(pack, look)
    result = deck_result(pack, metrics, created.date(), steps, restated, choice.theme_slides, choice.order)
    slides = build_slides(result, choice.order)
    values, charts = template_values(result, slides, look.chart_scale, look.page_room)
    document = with_findings(document, review(result, slides))
    period = metrics.period
    written: list[Path] = []
    pages, warnings = 0, []
    pptx = None
    if "pptx" in options.formats:  # made before any file is written: a template lacking a layout writes nothing
        say("Writing the PowerPoint slides")
        from boardpack.render.pptx import pptx_bytes

        pptx = pptx_bytes(result, slides, values, look, created)
    if "pdf" in options.formats or "html" in options.formats:
        pages, warnings = _write_laid_out(pack, look, values, charts, document, options, created, say, written, period)
    if pptx is not None:
        path = options.path(period, "pptx")
        _write(path, pptx)
        written.append(path)
    if "json" in options.formats:
        path = options.path(period, "json")
        _write(path, document + "\n")
        written.append(path)
    return BuildResult(files=written, pages=pages, warnings=warnings, restated=restated)


def _write_laid_out(
    pack: PackInputs,
    look: Look,
    values: dict[str, Any],
    charts: list[Any],
    document: str,
    options: BuildOptions,
    created: datetime,
    say: Callable[[str], None],
    written: list[Path],
    period: Any,
) -> tuple[int, list[str]]:
    """The PDF and the standalone HTML: the charts drawn as SVG beside the templates' rendering.

    Returns the PDF's page count and the warnings; appends the files written to `written`.
    """
    pages, warnings = 0, []
    with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
        folder = Path(work)
        access = Access.of(folder, look.brand_files, look.roots)
        say("Drawing charts")
        job = start_drawing(charts, look.chart_theme, folder / "charts", parallel=options.parallel)
        say("Rendering slides")
        html = render_html(pack, look, values, created)
        job.wait()
        if "pdf" in options.formats:
            say("Laying out the PDF")
            from boardpack.render.pdf import write_pdf

            identifier = hashlib.sha256(html.encode("utf-8") + document.encode("utf-8")).hexdigest()[:32]
            pdf = options.path(period, "pdf")
            pages, warnings = write_pdf(
                html,
                folder,
                pdf,
                access,
                created,
                options.pdf_variant,
                attachments(pack, f"board-{period.label}.json", document),
                identifier.encode("ascii"),
            )
            written.append(pdf)
        if "html" in options.formats:
            path = options.path(period, "html")
            standalone_html, refused = inline_assets(html, access)
            _write(path, standalone_html)
            warnings += [warning for warning in refused if warning not in warnings]
            written.append(path)
    return pages, warnings
