"""Nothing dated after the as-of day counts in a period: a trial of Q3 paid in October is not converted
as of 30 September. Hand-computed on a pack whose cohorts convert before and after the period's end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import evaluate, load_pack
from boardpack.cli import app
from boardpack.metrics import load_catalogue
from boardpack.metrics.engine import Evaluation
from boardpack.metrics.observation import cohort_windows
from boardpack.periods import parse_period

Q3 = parse_period("2026-Q3")
TRIALS = """trial_id,started,engaged,paid
T1,2026-07-05,yes,2026-07-20
T2,2026-08-10,yes,2026-09-25
T3,2026-09-20,yes,2026-10-15
T4,2026-09-28,no,
T5,2026-10-02,yes,2026-10-20
"""
DEMOS = """demo_id,requested,demo_type,customer_since
D1,2026-07-01,Live,2026-08-01
D2,2026-08-15,Live,2026-10-10
D3,2026-09-01,Video,2026-11-05
D4,2026-09-29,Video,
D5,2026-10-05,Live,
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "data").mkdir(parents=True)
    (root / "boardpack.yaml").write_text("company: Cohorts Ltd\nchannels: [Web]\nperiod: 2026-Q3\n")
    (root / "data/trials.csv").write_text(TRIALS)
    (root / "data/demos.csv").write_text(DEMOS)
    return root


def test_conversions_after_the_period_end_do_not_count(pack_dir: Path) -> None:
    metrics = evaluate(load_pack(pack_dir), Q3)
    assert metrics.as_of == date(2026, 9, 30)
    assert metrics.value("trial_to_paid") == 2 / 4  # T1, T2; T3 paid on 15 October
    assert metrics.value("trial_days_to_paid") == (15 + 46) / 2
    assert metrics.value("demo_to_paid") == 1 / 4  # D1; D2 won in October, D3 in November
    assert metrics["demo_to_paid"].breakdown("demo_type") == {"Live": 1 / 2, "Video": 0.0}
    assert metrics.value("demo_days_to_customer") == 31.0


def test_as_of_a_later_day_counts_what_happened_by_then(pack_dir: Path) -> None:
    metrics = evaluate(load_pack(pack_dir), Q3, date(2026, 10, 31))
    assert metrics.value("trial_to_paid") == 3 / 4  # T3 now; T5 started in Q4, not in the cohort
    assert metrics.value("trial_days_to_paid") == 25.0  # median of 15, 46 and 25 days
    assert metrics.value("demo_to_paid") == 2 / 4  # D1 and D2; D3 still to come
    assert metrics.as_json()["as_of"] == "2026-10-31"


def test_an_as_of_inside_the_period_leaves_later_entries_out(pack_dir: Path) -> None:
    metrics = evaluate(load_pack(pack_dir), Q3, date(2026, 9, 24))
    assert metrics.value("trial_to_paid") == 1 / 3  # T1, T2, T3 started by then; T1 paid (T2 on 25 September)
    assert metrics.value("demo_to_paid") == 1 / 3  # D1, D2, D3 requested by then; D1 won


def test_the_cohort_window_says_how_long_it_was_observed(pack_dir: Path) -> None:
    windows = cohort_windows(Evaluation(load_pack(pack_dir), Q3, load_catalogue()))
    assert [(w.table, w.count, w.latest, w.shortest_days) for w in windows] == [
        ("trials", 4, date(2026, 9, 28), 2),
        ("demos", 4, date(2026, 9, 29), 1),
    ]


def test_the_prior_period_is_observed_as_long_after_its_end(pack_dir: Path) -> None:
    evaluation = Evaluation(load_pack(pack_dir), Q3, load_catalogue(), date(2026, 10, 31))
    assert evaluation.at(Q3.prior()).as_of == date(2026, 7, 31)


def test_as_of_on_the_command_line(pack_dir: Path) -> None:
    import json

    runner = CliRunner()
    result = runner.invoke(app, ["metrics", str(pack_dir), "--json", "--as-of", "2026-10-31"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["metrics"]["trial_to_paid"]["value"] == 0.75
    for as_of, message in (
        (
            "2026-06-30",
            "error: --as-of 2026-06-30 is before 2026-Q3 starts (2026-07-01); expected a day from the "
            "period's start on",
        ),
        (
            "2026-11-30",
            "error: --as-of 2026-11-30 is after the pack's data, which ends 2026-10-31; expected a day the data covers",
        ),
        ("31/10/2026", "error: --as-of '31/10/2026' is not a date; expected YYYY-MM-DD, e.g. 2026-10-31"),
    ):
        for command in ("metrics", "check", "build"):
            result = runner.invoke(app, [command, str(pack_dir), "--as-of", as_of])
            assert result.exit_code == 2, (command, result.output)
            assert result.output.strip() == message
    assert not (pack_dir / "out").exists()
