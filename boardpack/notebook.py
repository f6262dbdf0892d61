"""A pack in a notebook: its figures as pandas DataFrames, its charts drawn as the deck draws them, its deck.

    pack = boardpack.open_pack("sample_data/northwind")
    pack.metrics("2026-Q3")                      # one row per metric: value, prior, change, target, status, unit
    pack.series(["mrr", "nrr"])                  # one row per period, one column per metric
    pack.breakdown("cpl", by="channel")          # one row per channel
    pack.plot(["nrr", "grr"])                    # an SVG chart in the deck's brand, shown inline
    pack.build("2026-Q3", "out")                 # the deck, from the same loaded pack

pandas is an optional dependency (the `notebook` extra): it is imported by the methods that return a
table, never by a build. Periods appear as their labels (`2026-Q3`) in every table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardpack import api

if TYPE_CHECKING:
    import pandas


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - the test environment has pandas
        raise ImportError(
            "boardpack's tables need pandas: install it (`pip install pandas`, or the `notebook` extra)"
        ) from None
    return pandas


@dataclass(frozen=True)
class Chart:
    """A chart drawn by the deck's own chart code: shown inline by Jupyter, or saved as an SVG file."""

    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: Path | str) -> Path:
        """Write the SVG to `path` and return it."""
        target = Path(path)
        target.write_text(self.svg, encoding="utf-8")
        return target


@dataclass
class Pack:
    """A loaded, validated pack with the metrics of each period evaluated once and kept.

    Open one with `open_pack(folder)`. Every method takes a period as a label (`"2026-Q3"`, `"latest"`),
    a `Period`, or None for the pack's default period (`period:` in boardpack.yaml).
    """

    inputs: api.PackInputs
    _evaluated: dict[str, api.MetricSet] = field(default_factory=dict, repr=False)

    @property
    def company(self) -> str:
        return self.inputs.config.company

    @property
    def months(self) -> list[str]:
        """Every month some table has data for, oldest first."""
        return [month.label for month in self.inputs.covered_periods()]

    def period(self, period: str | api.Period | None = None) -> api.Period:
        """A period checked against the data; raises `PeriodUnavailable` when the data does not cover it."""
        if isinstance(period, api.Period):
            return period
        return api.resolve_period(self.inputs, period)

    def periods(self, periods: str | Sequence[str | api.Period] | None = None) -> list[api.Period]:
        """Several periods: a list, a range `2025-10..2026-09`, or by default the deck's trend history
        (`history:` periods of the default period's kind, ending with it, those the data covers)."""
        if periods is None:
            last = self.period()
            wanted = last.history(self.inputs.config.history)
            covered = {month.start for month in self.inputs.covered_periods()}
            return [p for p in wanted if set(p.month_indexes()) <= covered]
        if isinstance(periods, str):
            return api.resolve_periods(self.inputs, [periods])
        return [self.period(p) for p in periods]

    def evaluate(self, period: str | api.Period | None = None) -> api.MetricSet:
        """Every metric of `period`, judged against targets and benchmarks (computed once per period)."""
        chosen = self.period(period)
        if chosen.label not in self._evaluated:
            self._evaluated[chosen.label] = api.evaluate(self.inputs, chosen)
        return self._evaluated[chosen.label]

    def metrics(self, period: str | api.Period | None = None) -> pandas.DataFrame:
        """One row per metric id: label, section, unit, value, prior, change (relative, or points for rates),
        target, benchmark range, status and, when there is no value, the reason."""
        pandas = _pandas()
        result = self.evaluate(period)
        catalogue = api.load_catalogue()
        words = api.translator(self.inputs.config.language)
        rows = []
        for metric_id, metric in result.results.items():
            definition = catalogue.metrics[metric_id]
            benchmark = metric.benchmark
            rows.append(
                {
                    "id": metric_id,
                    "label": words.gettext(definition.label),
                    "section": definition.section,
                    "unit": metric.unit,
                    "value": metric.value,
                    "prior": metric.prior,
                    "change": metric.change,
                    "change_kind": metric.change_kind,
                    "target": metric.target,
                    "benchmark_low": benchmark.low if benchmark else None,
                    "benchmark_high": benchmark.high if benchmark else None,
                    "status": metric.status,
                    "reason": metric.reason,
                }
            )
        table = pandas.DataFrame(rows).set_index("id")
        table.attrs["period"] = result.period.label
        return table

    def series(
        self, metric_ids: str | Iterable[str], periods: str | Sequence[str | api.Period] | None = None
    ) -> pandas.DataFrame:
        """A time series: one row per period (its label as index, oldest first), one column per metric id."""
        pandas = _pandas()
        ids = [metric_ids] if isinstance(metric_ids, str) else list(metric_ids)
        self._known(ids)
        chosen = self.periods(periods)
        rows = {p.label: {i: self.evaluate(p).value(i) for i in ids} for p in chosen}
        table = pandas.DataFrame.from_dict(rows, orient="index", columns=ids)
        table.index.name = "period"
        return table

    def breakdown(
        self, metric_ids: str | Iterable[str], by: str = "channel", period: str | api.Period | None = None
    ) -> pandas.DataFrame:
        """Metrics split by `by` (channel, segment, plan, reason, ...): one row per key, one column per metric."""
        pandas = _pandas()
        ids = [metric_ids] if isinstance(metric_ids, str) else list(metric_ids)
        self._known(ids)
        result = self.evaluate(period)
        columns = {i: result[i].breakdown(by) for i in ids}
        if not any(columns.values()):
            found = sorted({d for i in ids for d, _ in result[i].breakdowns})
            raise ValueError(f"no breakdown by {by!r} for {', '.join(ids)}; they have: {', '.join(found) or 'none'}")
        table = pandas.DataFrame(columns)
        table.index.name = by
        return table

    def plot(
        self,
        metric_ids: str | Iterable[str],
        periods: str | Sequence[str | api.Period] | None = None,
        width: float = 8.0,
        height: float = 3.5,
    ) -> Chart:
        """Lines of the metrics over periods, drawn by the deck's chart code in the pack's brand and locale."""
        ids = [metric_ids] if isinstance(metric_ids, str) else list(metric_ids)
        table = self.series(ids, periods)
        labels = self.metrics(self.periods(periods)[-1])["label"]
        config = self.inputs.config
        unit = api.load_catalogue().metrics[ids[0]].unit
        series = [
            {"name": labels[i], "values": [None if v != v else v for v in table[i].tolist()], "last_label": ""}
            for i in ids
        ]
        svg = api.draw_chart(
            self.inputs,
            "lines",
            {"periods": list(table.index), "series": series},
            unit,
            width=width,
            height=height,
            title=config.company,
        )
        return Chart(svg)

    def build(
        self,
        period: str | api.Period | None = None,
        out_dir: Path | str = "out",
        formats: Sequence[str] = ("pdf",),
        language: str | None = None,
    ) -> api.BuildResult:
        """The deck of `period` from this loaded pack, written into `out_dir` in each of `formats`."""
        inputs = api.with_language(self.inputs, language)
        options = api.BuildOptions(Path(out_dir), formats=tuple(formats))
        return api.build_deck(inputs, self.period(period), options)

    def _known(self, ids: list[str]) -> None:
        catalogue = api.load_catalogue().metrics
        unknown = [i for i in ids if i not in catalogue]
        if unknown:
            hints = [
                f"{i!r}" + (f" (did you mean {g!r}?)" if (g := api.closest(i, catalogue)) else "") for i in unknown
            ]
            raise KeyError(f"unknown metric id {', '.join(hints)}; the ids are listed in the metric reference")


def open_pack(folder: Path | str) -> Pack:
    """Load and validate the pack in `folder`; raises `PackInvalid` listing every problem."""
    return Pack(api.load_pack(Path(folder)))


__all__ = ["Chart", "Pack", "open_pack"]
