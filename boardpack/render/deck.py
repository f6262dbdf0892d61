"""Render a deck: build the context, draw the charts beside the template rendering, write the outputs."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardpack.charts import ChartTheme, start_drawing
from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import load_catalogue
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep
from boardpack.render.context import build_context
from boardpack.render.environment import builtin_templates, make_environment
from boardpack.render.files import write_atomic

if TYPE_CHECKING:
    from boardpack.api import BuildOptions, BuildResult

_CHART_SRC = re.compile(r'src="(charts/[\w.-]+\.svg)"')


def inline_charts(html: str, folder: Path) -> str:
    """The HTML with each chart embedded as a data URI, so the file stands alone (a CI artifact)."""

    def embed(match: re.Match[str]) -> str:
        data = base64.b64encode((folder / match[1]).read_bytes()).decode("ascii")
        return f'src="data:image/svg+xml;base64,{data}"'

    return _CHART_SRC.sub(embed, html)


def input_files(pack: PackInputs) -> list[Path]:
    """The pack's input files, each once (a workbook holds several tables)."""
    files: dict[str, Path] = {}
    for source in pack.sources.values():
        relative = source.split("[", 1)[0]
        files.setdefault(relative, pack.root / relative)
    return [files[key] for key in sorted(files)]


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
    from boardpack.api import BuildResult

    theme = ChartTheme()
    context = build_context(pack, metrics, load_catalogue(), created.date(), steps, restated)
    period = metrics.period
    written: list[Path] = []
    pages, warnings = 0, []
    with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
        folder = Path(work)
        say("Drawing charts")
        job = start_drawing(context.charts, theme, folder / "charts", parallel=options.parallel)
        say("Rendering slides")
        env = make_environment([], pack.config.currency, pack.config.locale)
        html = env.get_template("deck.html.j2").render(
            **context.values, brand=theme, created=created.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        job.wait()
        if "pdf" in options.formats:
            say("Laying out the PDF")
            from boardpack.render.pdf import write_pdf

            attachments = [(f"board-{period.label}.json", document.encode("utf-8"), "Data", "Metrics of this pack")]
            attachments += [
                (path.name, path.read_bytes(), "Source", f"Input table {path.name}") for path in input_files(pack)
            ]
            identifier = hashlib.sha256(html.encode("utf-8") + document.encode("utf-8")).hexdigest()[:32]
            pdf = options.path(period, "pdf")
            pages, warnings = write_pdf(
                html,
                folder,
                pdf,
                [builtin_templates(), pack.root],
                created,
                options.pdf_variant,
                attachments,
                identifier.encode("ascii"),
            )
            written.append(pdf)
        if "html" in options.formats:
            path = options.path(period, "html")
            write_atomic(path, inline_charts(html, folder))
            written.append(path)
    if "json" in options.formats:
        path = options.path(period, "json")
        write_atomic(path, document + "\n")
        written.append(path)
    return BuildResult(files=written, pages=pages, warnings=warnings, restated=restated)
