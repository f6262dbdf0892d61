"""milestones.csv: each bad cell refused with `file:row:column: message`, the milestones of the period and
of the trend window selected, and their marks drawn on a trend chart without covering any other text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from typer.testing import CliRunner

import boardpack.charts.bars
import boardpack.charts.lines  # noqa: F401  (with bars: registers the chart kinds)
from boardpack.api import evaluate, load_pack
from boardpack.charts import figure_of
from boardpack.charts.spec import Axis, ChartSpec, ChartTheme
from boardpack.cli import app
from boardpack.periods import parse_period
from tests.conftest import EARLIER, SAMPLE

runner = CliRunner()
HEADER = "date,label,kind\n"


def one_problem(pack: Path, rows: str) -> str:
    """The one problem `build` prints for milestones.csv holding `rows`, after checking nothing was written."""
    (pack / "data/milestones.csv").write_text(HEADER + rows, encoding="utf-8")
    result = runner.invoke(app, ["build", str(pack)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER
    lines = [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]
    assert lines[-1] == f"1 problem in {pack}; nothing was written.", lines
    return lines[0]


def test_label_longer_than_a_chart_can_show(pack: Path) -> None:
    label = "Launch of the new self-serve onboarding flow"
    assert one_problem(pack, f"2026-02-10,{label},launch\n") == (
        f"{pack}/data/milestones.csv:2:label: a label of 44 characters; expected at most 40, "
        "short enough to mark a chart"
    )


def test_label_on_two_lines(pack: Path) -> None:
    assert one_problem(pack, '2026-02-10,"Price\nchange",pricing\n') == (
        f"{pack}/data/milestones.csv:2:label: a label with a line break or control character; "
        "expected one line of plain text"
    )


def test_empty_label(pack: Path) -> None:
    assert one_problem(pack, "2026-02-10,,pricing\n") == (
        f"{pack}/data/milestones.csv:2:label: the cell is empty; expected a name"
    )


def test_unknown_kind(pack: Path) -> None:
    assert one_problem(pack, "2026-02-10,Rebrand,rebranding\n") == (
        f"{pack}/data/milestones.csv:2:kind: 'rebranding' is not a milestone kind; "
        "expected one of campaign, launch, pricing, market, other"
    )


def test_date_that_does_not_exist(pack: Path) -> None:
    assert one_problem(pack, "2026-02-30,Price change,pricing\n") == (
        f"{pack}/data/milestones.csv:2:date: '2026-02-30' is not a date; expected a date such as 2026-07-14"
    )


def test_same_milestone_twice(pack: Path) -> None:
    assert one_problem(pack, "2026-02-10,Price change,pricing\n2026-02-10,Price change,\n") == (
        f"{pack}/data/milestones.csv:3:label: duplicate label 'Price change' and date '2026-02-10' "
        "(first at row 2); expected each id once"
    )


def test_milestones_of_the_period_and_of_the_trend_window(pack: Path) -> None:
    (pack / "data/milestones.csv").write_text(
        HEADER
        + "2025-06-01,Before the data,other\n"  # before the trend window (the tiny pack starts in 2025-Q4)
        + "2025-11-05,Germany launch,market\n"
        + "2026-02-10,Price change,Pricing\n"
        + "2026-03-20,Partner programme,\n"  # after the as-of date below
        + "2026-05-01,Summer campaign,campaign\n",  # planned: after the period, and no reason to report 2026-Q2
        encoding="utf-8",
    )
    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"), as_of=date(2026, 3, 15))
    assert metrics.as_json()["milestones"] == {
        "period": [{"date": "2026-02-10", "label": "Price change", "kind": "pricing", "period": "2026-Q1"}],
        "trend": [
            {"date": "2025-11-05", "label": "Germany launch", "kind": "market", "period": "2025-Q4"},
            {"date": "2026-02-10", "label": "Price change", "kind": "pricing", "period": "2026-Q1"},
        ],
    }
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert "2026-Q2" not in result.output


def test_a_pack_without_milestones_says_nothing_of_them(pack: Path) -> None:
    assert "milestones" not in evaluate(load_pack(pack), parse_period("2026-Q1")).as_json()


def test_sample_quarter_marks_its_trend_charts() -> None:
    figures = evaluate(load_pack(SAMPLE), parse_period("2026-Q3")).figures
    assert figures is not None
    assert [(m.label, m.period.label) for m in figures.milestones.period] == [
        ("Price change", "2026-Q3"),
        ("Partner programme", "2026-Q3"),
    ]
    assert [m.period.label for m in figures.milestones.trend] == ["2025-Q3", "2026-Q1", "2026-Q3", "2026-Q3"]


def _texts(kind: str, data: dict, unit: str) -> list[tuple[str, object]]:
    """Every visible text of a drawn chart with its box on the canvas."""
    fig = figure_of(ChartSpec(kind, "t", 6.0, 4.0, data=data, axis=Axis(unit)), ChartTheme())
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    found = [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent"))]
    shown = [t for t in found if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in shown]


CROWDED = [
    {"index": 2, "label": "Germany launch"},
    {"index": 3, "label": "Paid social push"},
    {"index": 4, "label": "New pricing page"},
    {"index": 6, "label": "Price change"},
    {"index": 6, "label": "Partner programme"},
    {"index": 7, "label": "Free plan withdrawn for new accounts"},
]
PERIODS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


@pytest.mark.parametrize(
    ("kind", "data", "unit"),
    [
        (
            "trend_bars",
            {
                "periods": PERIODS,
                "values": [326.4, 348.5, 383.5, 417.2, 447.7, 507.3, 559.1, 608.1],
                "value_labels": [
                    "€326.4K",
                    "€348.5K",
                    "€383.5K",
                    "€417.2K",
                    "€447.7K",
                    "€507.3K",
                    "€559.1K",
                    "€608.1K",
                ],
            },
            "currency",
        ),
        (
            "lines",
            {
                "periods": PERIODS,
                "series": [
                    {"name": "NRR", "values": [1.0, 0.98, 0.97, 0.95, 0.99, 0.99, 0.99, 0.966], "last_label": "96.6%"}
                ],
                "reference": {"value": 1.0, "label": "100%"},
                "free_floor": True,
            },
            "ratio",
        ),
    ],
)
def test_milestone_labels_cover_no_other_text(kind: str, data: dict, unit: str) -> None:
    texts = _texts(kind, data | {"milestones": CROWDED}, unit)
    marks = [(text, box) for text, box in texts if text in ("Germany launch", "Paid social push", "New pricing page")]
    marks += [(text, box) for text, box in texts if text.startswith(("Price change · ", "Free plan"))]
    assert len(marks) == 5, [t for t, _ in texts]
    assert "Price change · Partner programme" in [text for text, _ in marks]  # one period's milestones share a label
    assert not any(text.endswith("…") for text, _ in marks)  # whole: measured as drawn, never cut short
    for text, box in marks:
        for other, other_box in texts:
            if other != text:
                assert not box.overlaps(other_box), f"{text!r} covers {other!r}"
        assert box.x0 >= 0 and box.x1 <= 6.0 * 100 and box.y1 <= 4.0 * 100, f"{text!r} leaves the chart"


@pytest.mark.parametrize("kind", ["trend_bars", "lines"])
def test_milestone_lines_cross_no_label(kind: str) -> None:
    """Crowded milestones (two sharing the last period but one) stay whole, and no marker line runs through a label."""
    from boardpack.charts.text import text_overlaps

    data = {"periods": PERIODS, "milestones": CROWDED}
    if kind == "trend_bars":
        data |= {"values": [1.0] * 8, "value_labels": ["1"] * 8}
    else:
        data |= {"series": [{"name": "NRR", "values": [1.0, 0.98, 0.97, 0.95, 0.99, 0.99, 0.99, 0.966]}]}
    fig = figure_of(ChartSpec(kind, "t", 6.0, 4.0, data=data, axis=Axis("ratio")), ChartTheme())
    assert text_overlaps(fig) == []
