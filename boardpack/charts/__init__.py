"""Draw step: chart specs -> SVG files. The only package that imports matplotlib."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from boardpack.charts.spec import Axis, ChartSpec, ChartTheme

__all__ = ["Axis", "ChartJob", "ChartSpec", "ChartTheme", "draw", "figure_of", "start_drawing"]

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def figure_of(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """One chart as a matplotlib figure, laid out as the deck prints it: every text moved inside the figure."""
    from boardpack.charts import bars, funnel, heatmap, lines, waterfall  # noqa: F401  (registers the kinds)
    from boardpack.charts.base import KINDS, setup
    from boardpack.charts.text import fit

    setup(theme)
    figure = KINDS[spec.kind](spec, theme)
    if not getattr(figure, "fitted", False):
        fit(figure)
    return figure


def draw(spec: ChartSpec, theme: ChartTheme) -> str:
    """One chart as SVG text."""
    from boardpack.charts.base import to_svg

    return to_svg(figure_of(spec, theme))


def _draw_batch(specs: Sequence[ChartSpec], theme: ChartTheme, folder: str) -> list[str]:
    paths = []
    for spec in specs:
        path = Path(folder) / f"{spec.name}.svg"
        path.write_text(draw(spec, theme), encoding="utf-8")
        paths.append(str(path))
    return paths


class ChartJob:
    """Charts being drawn, in a worker process when that pays, while the caller lays out the HTML."""

    def __init__(
        self, futures: list[Future[list[str]]] | None, paths: list[str] | None, pool: ProcessPoolExecutor | None
    ):
        self._futures = futures
        self._paths = paths
        self._pool = pool

    def wait(self) -> list[Path]:
        if self._paths is None:
            assert self._futures is not None and self._pool is not None
            try:
                self._paths = [p for f in self._futures for p in f.result()]
            finally:
                self._pool.shutdown()
        return [Path(p) for p in self._paths]


def start_drawing(specs: Sequence[ChartSpec], theme: ChartTheme, folder: Path, parallel: bool = True) -> ChartJob:
    """Start drawing `specs` into `folder` as `<name>.svg`; `wait()` on the job returns the files.

    With `parallel`, one forked worker draws all the charts: it pays matplotlib's import and the
    drawing while the calling process imports WeasyPrint and renders the templates, which on two
    cores takes about as long. Without fork (Windows, macOS spawn) or for one chart, it draws inline.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if (
        not parallel
        or len(specs) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or os.environ.get("BOARDPACK_SERIAL")
    ):
        return ChartJob(None, _draw_batch(specs, theme, str(folder)), None)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return ChartJob([pool.submit(_draw_batch, list(specs), theme, str(folder))], None, pool)
