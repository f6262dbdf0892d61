"""Render a deck: build the context, draw the charts beside the template rendering, write the PDF."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from boardpack.charts import ChartTheme, start_drawing
from boardpack.inputs.pack import PackInputs
from boardpack.metrics.catalogue import load_catalogue
from boardpack.metrics.result import MetricSet
from boardpack.notes.rules import NextStep
from boardpack.render.context import build_context
from boardpack.render.environment import builtin_templates, make_environment


def render_deck(
    pack: PackInputs,
    metrics: MetricSet,
    steps: dict[str, list[NextStep]],
    out: Path,
    today: date,
    say: Callable[[str], None],
    parallel: bool = True,
):  # type: ignore[no-untyped-def]
    from boardpack.api import BuildResult

    theme = ChartTheme()
    context = build_context(pack, metrics, load_catalogue(), today, steps)
    with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
        folder = Path(work)
        say("Drawing charts")
        job = start_drawing(context.charts, theme, folder / "charts", parallel=parallel)
        say("Rendering slides")
        env = make_environment([], pack.config.currency, pack.config.locale)
        html = env.get_template("deck.html.j2").render(**context.values, brand=theme)
        job.wait()
        say("Laying out the PDF")
        from boardpack.render.pdf import write_pdf

        pages, warnings = write_pdf(html, folder, out, [builtin_templates(), pack.root])
    return BuildResult(pdf=out, pages=pages, warnings=warnings)
