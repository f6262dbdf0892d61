"""A next step for every weak figure: the right rule on the figures, the generic step, the lead's word first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from boardpack.api import check_references, evaluate, load_pack, read_pack, shown_metrics, steps
from boardpack.inputs.findings import AdverseChange
from boardpack.metrics import load_catalogue
from boardpack.notes.weak import weak_figures
from boardpack.periods import parse_period
from tests.conftest import ROOT, SAMPLE, edit

Q3 = parse_period("2026-Q3")


def _all(pack_dir: Path, period: str = "2026-Q3") -> list:
    pack = load_pack(pack_dir)
    return [s for items in steps(pack, evaluate(pack, parse_period(period))).values() for s in items]


@pytest.fixture(scope="module")
def sample_steps() -> list:
    return _all(SAMPLE)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "pack", ignore=shutil.ignore_patterns("out")))


def _rule(found: list, rule: str):  # type: ignore[no-untyped-def]
    matches = [s for s in found if s.rule == rule]
    return matches[0] if matches else None


def test_budget_moves_on_cac_among_channels_with_enough_wins(sample_steps: list) -> None:
    # 2026-Q3 marketing spend per win: Paid search 65,324.52 / 37 = 1,765.53; Organic search 16,574.71 / 31 = 534.67;
    # Events 62,608.30 / 17 = 3,682.84 on 17 wins, under the 20 a comparison needs.
    move = _rule(sample_steps, "channel_budget_move")
    assert move.text.startswith("Paid search wins customers at €1,766 each (37 wins), 3.3× the €535 of Organic search")
    assert move.text.endswith("Paid social, Email, Events, Outbound: too few wins to compare yet.")
    # 10% of Paid search's spend, two figures: 6,500; 6,500 / 534.67 - 6,500 / 1,765.53 = 8.5
    assert move.impact == (
        "Moving €6,500 from Paid search to Organic search at today's CAC would win about 8 more customers a quarter."
    )
    cpl = _rule(sample_steps, "channel_cpl_high")
    assert cpl.text.startswith("Events leads cost €245")
    assert (
        "(€3,683, on 17 wins, fewer than the 20 a comparison needs). Keep its budget until it has enough wins"
        in cpl.text
    )
    assert "Move budget from Events" not in cpl.text


def test_nrr_step_targets_the_leaking_segment_and_plan(sample_steps: list) -> None:
    nrr = _rule(sample_steps, "nrr_leak")
    assert "The leak is SMB (NRR 93.1%, customer churn 12.6%) and the Starter plan (NRR 89.2%)" in nrr.text
    assert nrr.text.endswith("(NRR 89.2%): call these customers before renewal.")
    assert "largest accounts" not in nrr.text
    assert set(nrr.answers) >= {"nrr", "grr"}


def test_churn_step_names_segment_plan_and_reason(sample_steps: list) -> None:
    churn = _rule(sample_steps, "churn_over_target")
    assert churn.text.startswith(
        "Customer churn is 10.1% this quarter (34.6% a year), above the 28.0% a year it is held to."
    )
    assert "SMB loses 12.6% of its customers and the Starter plan 15.2%" in churn.text
    assert "The largest share of lost MRR (26.7%) gives “Missing features” as its reason" in churn.text


def test_usage_step_states_the_setting(sample_copy: Path) -> None:
    edit(sample_copy / "boardpack.yaml", "history: 8\n", "history: 8\nhealth:\n  usage_drop: 0.4\n")
    usage = _rule(_all(sample_copy), "usage_drop_alerts")
    assert "cut their usage by more than 40% this quarter" in usage.text


def test_claims_on_too_few_observations_are_not_made(sample_copy: Path, sample_steps: list) -> None:
    assert _rule(sample_steps, "demo_type_gap").text.startswith("Live demos convert at 25.0% (84 demos)")
    edit(sample_copy / "boardpack.yaml", "history: 8\n", "history: 8\nfindings:\n  min_observations: 30\n")
    found = _all(sample_copy)
    assert _rule(found, "demo_type_gap") is None  # Webinar has 26 demos
    cac = _rule(found, "cac_over_target")
    assert "Among channels with at least 30 wins, Paid search" in cac.text  # Organic search 31, Paid search 37


def test_generic_step_names_the_gap_and_the_driver(sample_copy: Path, sample_steps: list) -> None:
    growth = [s for s in sample_steps if s.source == "generic" and s.metric == "sales_growth"]
    assert growth[0].text.startswith("Sales growth fell from 13.3% to 8.0%.")
    edit(sample_copy / "boardpack.yaml", "  cac: 4000\n", "  cac: 4000\n  arpu: 700\n")
    arpu = [s for s in _all(sample_copy) if s.metric == "arpu"]
    assert arpu[0].source == "generic" and arpu[0].key == "step.arpu"
    assert arpu[0].text.startswith("ARPU is €559 against a target of €700, €141 short.")


@pytest.mark.parametrize("period", ["2026-09", "2026-Q3", "2025"])
def test_every_weak_figure_shown_has_a_next_step(period: str) -> None:
    pack = load_pack(SAMPLE)
    metrics = evaluate(pack, parse_period(period))
    found = [s for items in steps(pack, metrics).values() for s in items]
    answered = {m for s in found for m in s.answers}
    weak = weak_figures(metrics, load_catalogue(), pack.config.findings.adverse_change, shown_metrics(pack))
    assert weak and not [w.metric for w in weak if w.metric not in answered]
    assert all(w.metric for w in weak_figures(metrics, load_catalogue(), AdverseChange(), None))


def test_notes_name_a_step_its_owner_and_due_date(sample_copy: Path) -> None:
    (sample_copy / "notes.md").write_text(
        "## step.cac_over_target\nOwner: Ana Pop\nDue: 2026-10-31\n-\n\n"
        "## step.channel_budget_move\nOwner: Ana Pop\nDue: 2026-10-31\nMove €10K from Paid search to Partners.\n",
        encoding="utf-8",
    )
    found = _all(sample_copy)
    assert _rule(found, "cac_over_target") is None  # silenced, and CAC gets no generic step instead
    assert not [s for s in found if s.metric == "cac"]
    move = _rule(found, "channel_budget_move")
    assert (move.source, move.owner, move.due) == ("note", "Ana Pop", "2026-10-31")
    assert move.html == "Move €10K from Paid search to Partners."


def test_a_step_heading_naming_no_rule_is_a_problem(sample_copy: Path) -> None:
    (sample_copy / "notes.md").write_text("# Notes\n\n## step.channel_budget_mov\nLater.\n", encoding="utf-8")
    report = check_references(read_pack(sample_copy))
    messages = [str(p) for p in report.problems]
    assert messages == [
        "notes.md:3: heading 'step.channel_budget_mov' names no next-step rule; expected one such as "
        "step.channel_budget_move, step.channel_cpl_high, step.nps_negative"
    ]


def test_the_json_carries_each_step_and_the_settings(sample_copy: Path, tmp_path: Path) -> None:
    (sample_copy / "notes.md").write_text(
        "## nrr\nOwner: Ana Pop\nDue: 2026-10-31\nRenewals slipped.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "boardpack", "build", str(sample_copy), "-f", "json,html", "--out-dir", str(out)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    document = json.loads((out / "board-2026-Q3.json").read_text(encoding="utf-8"))
    retention = document["next_steps"]["retention"]
    note = retention[0]
    assert (note["source"], note["key"], note["owner"], note["due"]) == ("note", "nrr", "Ana Pop", "2026-10-31")
    move = next(s for s in document["next_steps"]["acquisition_cost"] if s["rule"] == "channel_budget_move")
    assert move["key"] == "step.channel_budget_move" and move["impact"].startswith("Moving €6,500")
    assert {"what": "CAC by channel", "value": "€1,583"} in move["figures"]
    assert document["step_settings"]["min_observations"] == 20
    assert document["step_settings"]["health"] == {"usage_drop": 0.5}
    # the deck shows the owner and due date under the lead's step, and the move's effect after its sentence
    page = " ".join((out / "board-2026-Q3.html").read_text(encoding="utf-8").split())
    assert '<span class="step-assigned">Owner: Ana Pop · by 31 October 2026</span>' in page
    assert '<span class="step-impact">Moving €6,500 from Paid search to Organic search at today&#39;s CAC' in page


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", ["0 customers", "1 customer", "2 customers", "20 customers", "1.5 customers"]),
        ("fr", ["0 client", "1 client", "2 clients", "20 clients", "1.5 clients"]),
        ("ro", ["0 clienți", "1 client", "2 clienți", "20 de clienți", "1.5 clienți"]),
    ],
)
def test_a_count_takes_the_plural_form_of_its_language(language: str, counts: list[str]) -> None:
    from boardpack.i18n import translator

    words = translator(language)
    found = [words.counted(n, "customer", "customers", str(n)) for n in (0, 1, 2, 20, 1.5)]
    assert [text.replace("\u00a0", " ") for text in found] == counts
    # Romanian says "de" from 20 on, and not from 101 to 119 (as 1 to 19)
    assert translator("ro").counted(101, "demo", "demos", "101").replace("\u00a0", " ") == "101 demo-uri"
    # a rule's count is rounded as shown before its form is chosen: a gain of 1.4 reads "1 more customer"
    from boardpack.notes.rules import _environment

    template = _environment("EUR", "en_IE", language).from_string('{{ n | plural("customer", "customers") }}')
    assert [template.render(n=n).replace("\u00a0", " ") for n in (1.4, 19.6)] == [counts[1], f"20{counts[3][2:]}"]


def test_rule_sentences_count_in_the_deck_language() -> None:
    from boardpack.api import with_language

    pack = load_pack(SAMPLE)
    metrics = evaluate(pack, Q3)
    found = {
        language: {
            s.rule: " ".join(s.text.split())
            for items in steps(with_language(pack, language), metrics).values()
            for s in items
        }
        for language in ("fr", "ro")
    }
    # 84 Live demos and 26 Webinar demos; 20 customers with a usage drop; Events on 17 wins
    assert "(84 démos) contre 3,8 % pour Webinar (26 démos)" in found["fr"]["demo_type_gap"]  # French numbers
    assert "(84 de demo-uri), față de 3,8 % pentru Webinar (26 de demo-uri)" in found["ro"]["demo_type_gap"]
    assert "chez 20 clients, soit 20 039 € de MRR" in found["fr"]["usage_drop_alerts"]
    assert "la 20 de clienți, adică 20.039 € din MRR" in found["ro"]["usage_drop_alerts"]
    assert "sur 17 clients gagnés, moins que les 20 qu'exige une comparaison" in found["fr"]["channel_cpl_high"]
    assert "pe baza a 17 clienți câștigați" in found["ro"]["channel_cpl_high"]


def test_generic_steps_of_one_slide_without_a_driver_read_as_one() -> None:
    """September: pageviews 109,482 -> 89,593, pages per session 2.8 -> 2.5 and visitor growth 4.9% -> -5.7%
    all moved the wrong way on the traffic slide: one step names the three and asks for an owner once."""
    traffic = [s for s in _all(SAMPLE, "2026-09") if s.section == "traffic"]
    assert len(traffic) == 1
    assert traffic[0].answers == ("pageviews", "pages_per_session", "visitor_growth")
    assert traffic[0].text == (
        "Pageviews fell from 109,482 to 89,593. Pages per session fell from 2.8 to 2.5. "
        "Visitor growth fell from 4.9% to \u22125.7%. Name an owner to find the cause and set a date to close the gap."
    )


def test_fast_recovery_is_not_called_slow() -> None:
    """September: churned MRR rose from €7,557 to €9,773 (+29 %) but new business wins it back in 0.5
    months, under the 1-month line: the step is about the rise, not "fund retention first".
    Q3: 1.8 months to win back €41,132, over the line: that is the step."""
    september = {s.rule for s in _all(SAMPLE, "2026-09") if s.rule}
    assert "churned_mrr_rising" in september and "recovery_slow" not in september
    rising = next(s for s in _all(SAMPLE, "2026-09") if s.rule == "churned_mrr_rising")
    expected = 'Churned MRR rose 29% to €9,773 this month (mostly "Switched to a competitor"): review the lost accounts'
    assert rising.text == expected + " with customer success."
    assert {"churned_mrr", "mrr_recovery_months"} <= set(rising.answers)
    quarter = {s.rule for s in _all(SAMPLE, "2026-Q3") if s.rule}
    assert "recovery_slow" in quarter and "churned_mrr_rising" not in quarter
