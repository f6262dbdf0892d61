"""Next steps: rules fire on the figures, the lead's notes win, and nothing can inject markup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack, steps
from boardpack.inputs import PackInvalid
from boardpack.metrics import load_catalogue
from boardpack.notes import RuleError, load_rules
from boardpack.periods import parse_period
from tests.conftest import TINY, edit

Q1 = parse_period("2026-Q1")


def _steps(pack: Path) -> dict:
    loaded = load_pack(pack)
    return steps(loaded, evaluate(loaded, Q1))


def test_rules_fire_with_the_figures() -> None:
    result = _steps(TINY)
    economics = [s for s in result["unit_economics"] if s.rule == "ltv_cac_below_benchmark"]
    assert len(economics) == 1
    # LTV:CAC 1.6x in the tiny case against the 3.0x benchmark; its channels have too few wins (under 20) to
    # name the cheapest per customer, so the sentence moves no budget between them
    assert economics[0].text == (
        "LTV:CAC is 1.6×, below the 3.0× a durable business needs. Lower CAC (€1,154), or raise ARPU (€103) "
        "through pricing and expansion."
    )
    assert [s.rule for s in result["retention"]] == ["nrr_leak", "churn_over_target"]
    churn = result["retention"][1].text
    # 11.7% this quarter compounds to 39.2% a year, against the tiny case's 10% a year target
    assert churn.startswith(
        "Customer churn is 11.7% this quarter (39.2% a year), above the 10.0% a year it is held to."
    )


def test_rule_that_does_not_hold_is_silent() -> None:
    result = _steps(TINY)
    # CAC payback 14.9 months in the tiny case: the rule on the 12-month benchmark fires
    assert any(s.rule == "payback_over_benchmark" for s in result["unit_economics"])
    # no channel has the 20 wins a comparison needs: no budget move is proposed
    assert not any(s.rule == "channel_budget_move" for s in result.get("acquisition_cost", []))
    # the tiny case has no customers table: no usage or health next steps
    assert "customer_health" not in result


def test_lead_notes_replace_rules_and_are_escaped(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "notes.md").write_text(
        "# Notes for the board\n\n## retention\nTwo renewals slipped to **April**.\n\n"
        "## ltv_cac_ratio\n<script>alert(1)</script> Pricing review in May.\n",
        encoding="utf-8",
    )
    result = _steps(pack)
    assert [(s.source, s.html) for s in result["retention"]] == [
        ("note", "<p>Two renewals slipped to <strong>April</strong>.</p>")
    ]
    economics = result["unit_economics"]
    # the note on ltv_cac_ratio replaces that metric's rule only: LTV and payback keep theirs
    assert [(s.source, s.metric, s.rule) for s in economics][:3] == [
        ("note", "ltv_cac_ratio", None),
        ("rule", "ltv", "ltv_falling"),
        ("rule", "cac_payback_months", "payback_over_benchmark"),
    ]
    assert not any(s.rule == "ltv_cac_below_benchmark" for s in economics)
    assert economics[0].html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; Pricing review in May.</p>"


def test_unknown_note_heading_is_a_validation_error(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "notes.md").write_text("## retention\nfine\n\n## retension\ntypo\n", encoding="utf-8")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "notes.md:4: heading 'retension' names no metric, section or generated sentence; expected a metric or "
        "section id such as nrr or retention, a sentence key such as retention.title or step.<rule>, or ask"
    ]


def test_user_rules_add_and_replace(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "my-rules.yaml").write_text(
        "rules:\n"
        "  - id: ltv_cac_below_benchmark\n    metric: ltv_cac_ratio\n    when: ltv_cac_ratio < 3\n"
        "    text: 'Our own words: {{ ltv_cac_ratio | multiple }}.'\n"
        "  - id: cheap_leads\n    metric: cpl\n    when: cpl < 50\n    text: 'Leads cost {{ cpl | money }}.'\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nrules: my-rules.yaml")
    result = _steps(pack)
    assert [s.text for s in result["unit_economics"] if s.rule == "ltv_cac_below_benchmark"] == ["Our own words: 1.6×."]
    assert [s.text for s in result["acquisition_cost"] if s.rule == "cheap_leads"] == ["Leads cost €20."]


def test_bad_rules_are_reported_together(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: a\n    metric: nope\n    when: x <\n    text: hi\n"
        "  - id: b\n    metric: cpl\n    text: '{{ cpl'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as error:
        load_rules(load_catalogue(), rules)
    assert str(error.value).splitlines() == [
        "rules.yaml: rule a: unknown metric 'nope'",
        "rules.yaml: rule a: unexpected 'end of template'",
        "rules.yaml: rule b: when: Field required",
    ]


def test_user_benchmarks_and_segment(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "bench.yaml").write_text(
        "benchmarks:\n"
        "  - metric: opportunity_to_won\n    low: 0.38\n    source: Our board\n    year: 2026\n"
        "  - metric: nope\n    low: 1\n    source: x\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbenchmarks: bench.yaml")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == ["bench.yaml: benchmark 2: unknown metric 'nope'"]
    edit(pack / "bench.yaml", "  - metric: nope\n    low: 1\n    source: x\n", "")
    metrics = evaluate(load_pack(pack), Q1)
    # 35% against the board's own 38% floor: within the 10% watch band (34.2%)
    assert (metrics["opportunity_to_won"].status, metrics["opportunity_to_won"].benchmark.source) == (
        "watch",
        "Our board",
    )
    edit(pack / "boardpack.yaml", "benchmarks: bench.yaml", "benchmark_segment: enterprise")
    metrics = evaluate(load_pack(pack), Q1)
    assert metrics["cac_payback_months"].benchmark.segment == "enterprise"
    assert metrics["cac_payback_months"].status == "on_target"  # 14.9 months against 36 for enterprise
    # monthly benchmark for churn: the quarter's 11.7% is a monthly 4.07%, above enterprise's 2% ceiling
    assert metrics["customer_churn_rate"].benchmark.basis == "month"


def test_unknown_target_id(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: 1200\n  ltv_to_cac: 3")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "boardpack.yaml:targets.ltv_to_cac: unknown metric id; did you mean `ltv_cac_ratio`?"
    ]


def test_notes_name_generated_sentences_owners_and_the_ask(tiny_copy: Callable[[], Path]) -> None:
    from boardpack.api import lead_notes

    pack = tiny_copy()
    (pack / "notes.md").write_text(
        "## retention.title\nNRR held while **two** renewals slipped\n\n"
        "## step.nrr_leak\n-\n\n"
        "## summary.why\n\n"  # an empty body is no override: the generated sentence stays
        "## nrr\nOwner: Ana Pop\nDue: 2026-10-31\n\nCall the two renewals.\n\n"
        "## Ask\nApprove the Q4 budget shift.\n",
        encoding="utf-8",
    )
    notes = lead_notes(load_pack(pack))
    assert notes.overrides == {
        "retention.title": "NRR held while <strong>two</strong> renewals slipped",
        "step.nrr_leak": None,
    }
    assert notes.override("step.nrr_leak") == (True, None)
    assert notes.override("summary.why") == (False, None)
    assert notes.ask == "<p>Approve the Q4 budget shift.</p>"
    assert notes.by_metric["nrr"] == "<p>Call the two renewals.</p>"  # the Owner and Due lines are not text
    assert notes.assignments["nrr"].owner == "Ana Pop"
    assert notes.assignments["nrr"].due.isoformat() == "2026-10-31"


def test_a_due_date_that_is_not_a_date_is_named(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "notes.md").write_text("## nrr\nDue: end of October\nCall them.\n", encoding="utf-8")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "notes.md:1: under 'nrr': due date 'end of October'; expected a date written 2026-10-31"
    ]
