"""Drivers: each headline change split by part, on a hand-made case worked out by hand and on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.metrics import MetricSet
from boardpack.metrics.catalogue import CatalogueError, validate_catalogue
from boardpack.metrics.drivers import UNASSIGNED, Drivers, shift_share, sum_drivers
from boardpack.metrics.measures import is_measure
from boardpack.periods import parse_period
from tests.conftest import SAMPLE

CONFIG = """\
company: Hand Case
currency: EUR
locale: en_IE
period: 2026-Q2
gross_margin: 0.8
channels: [Web]
segments: [SMB, Enterprise]
"""
# SMB: 100 customers (€10,000) at the start of Q1, 5 leave; 55 join in March; 15 of 150 leave in Q2.
# Enterprise: 100 customers (€50,000) at the start of both quarters, 2 leave in each.
REVENUE = """\
month,segment,mrr,customers,new_mrr,expansion_mrr,contraction_mrr,churned_mrr,reactivation_mrr,new_customers,churned_customers,reactivated_customers
2026-01,SMB,9500,95,0,0,0,500,0,0,5,0
2026-02,SMB,9500,95,0,0,0,0,0,0,0,0
2026-03,SMB,15000,150,5500,0,0,0,0,55,0,0
2026-04,SMB,13500,135,0,0,0,1500,0,0,15,0
2026-05,SMB,13500,135,0,0,0,0,0,0,0,0
2026-06,SMB,13500,135,0,0,0,0,0,0,0,0
2026-01,Enterprise,49000,98,0,0,0,1000,0,0,2,0
2026-02,Enterprise,49000,98,0,0,0,0,0,0,0,0
2026-03,Enterprise,50000,100,1000,0,0,0,0,2,0,0
2026-04,Enterprise,49000,98,0,0,0,1000,0,0,2,0
2026-05,Enterprise,49000,98,0,0,0,0,0,0,0,0
2026-06,Enterprise,49000,98,0,0,0,0,0,0,0,0
"""


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> MetricSet:
    root = tmp_path_factory.mktemp("hand")
    (root / "data").mkdir()
    (root / "boardpack.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "data" / "revenue.csv").write_text(REVENUE, encoding="utf-8")
    return evaluate(load_pack(root), parse_period("2026-Q2"))


def _parts(drivers: Drivers | None) -> dict[str, tuple[float, float | None]]:
    assert drivers is not None
    return {p.label: (p.contribution, p.share) for p in drivers.parts}


def test_churn_doubling_in_one_segment_is_its_rate_and_the_other_segments_mix(hand: MetricSet) -> None:
    # churn 7/200 = 3.5 % then 17/250 = 6.8 %: +3.3 points. Weights SMB 0.5 -> 0.6, Enterprise 0.5 -> 0.4,
    # average churn 5.15 %. SMB: rate 0.55 x 5 pts = 2.75 pts, mix (7.5 % - 5.15 %) x 0.1 = 0.235 pts.
    # Enterprise kept its 2 % but shrank as a share while below average: mix (2 % - 5.15 %) x -0.1 = 0.315 pts.
    drivers = hand["customer_churn_rate"].drivers_by("segment")
    assert drivers is not None and drivers.method == "shift_share"
    assert drivers.change == pytest.approx(0.033)
    smb, enterprise = drivers.parts
    assert (smb.label, smb.prior, smb.value) == ("SMB", 0.05, 0.10)
    assert smb.rate_effect == pytest.approx(0.0275)
    assert smb.mix_effect == pytest.approx(0.00235)
    assert smb.share == pytest.approx(0.02985 / 0.033)
    assert enterprise.rate_effect == pytest.approx(0.0)
    assert enterprise.mix_effect == pytest.approx(0.00315)
    assert (smb.prior_weight, smb.weight) == (pytest.approx(0.5), pytest.approx(0.6))
    assert drivers.main is smb
    assert drivers.unexplained == pytest.approx(0.0)


def test_nrr_falls_by_the_segment_that_lost_more(hand: MetricSet) -> None:
    # NRR 58,500/60,000 = 97.5 % then 62,500/65,000 = 96.15 %. SMB 95 % -> 90 %, weight 1/6 -> 3/13;
    # Enterprise 98 % both quarters, weight 5/6 -> 10/13.
    drivers = hand["nrr"].drivers_by("segment")
    assert drivers is not None and drivers.main is not None and drivers.main.label == "SMB"
    smb, enterprise = drivers.parts
    average = (0.975 + 62500 / 65000) / 2
    assert smb.rate_effect == pytest.approx((1 / 6 + 3 / 13) / 2 * (0.90 - 0.95))
    assert smb.mix_effect == pytest.approx((0.925 - average) * (3 / 13 - 1 / 6))
    assert enterprise.contribution == pytest.approx((0.98 - average) * (10 / 13 - 5 / 6))
    assert smb.contribution + enterprise.contribution == pytest.approx(62500 / 65000 - 0.975)


def test_mrr_change_is_each_segments_own_change(hand: MetricSet) -> None:
    drivers = hand["mrr"].drivers_by("segment")
    assert drivers is not None and drivers.method == "sum"
    assert _parts(drivers) == {"SMB": (-1500.0, 0.6), "Enterprise": (-1000.0, 0.4)}
    assert drivers.main is not None and drivers.main.label == "SMB"


def test_a_pack_without_plans_has_no_plan_drivers(hand: MetricSet) -> None:
    assert hand["mrr"].drivers_by("plan") is None
    assert [d.dimension for d in hand["nrr"].drivers] == ["segment"]


def test_drivers_are_in_the_metrics_json(hand: MetricSet) -> None:
    data = hand.as_json()["metrics"]["customer_churn_rate"]["drivers"]["segment"]
    assert data["method"] == "shift_share"
    assert data["main"] == "SMB"
    assert data["change"] == pytest.approx(0.033)
    assert [p["label"] for p in data["parts"]] == ["SMB", "Enterprise"]
    assert data["parts"][1]["mix_effect"] == pytest.approx(0.00315)
    assert "drivers" not in hand.as_json()["metrics"]["arpu"]


def test_cac_by_channel_with_spend_no_channel_carries() -> None:
    # A: €1,000 for 10 wins both quarters; B: €1,000 for 5 wins, then for 2; sales spend €1,500 on no channel.
    # CAC €3,500/15 = €233.33 then €3,500/12 = €291.67 (+€58.33), average €262.50.
    # A: own CAC unchanged, weight 2/3 -> 5/6 at €100 below average: mix -162.5 x 1/6 = -€27.08.
    # B: rate 0.25 x €300 = €75, mix (€350 - €262.50) x -1/6 = -€14.58. Sales spend: €100 -> €125 a win.
    prior = {"A": (1000.0, 10.0), "B": (1000.0, 5.0), UNASSIGNED: (1500.0, 0.0)}
    now = {"A": (1000.0, 10.0), "B": (1000.0, 2.0), UNASSIGNED: (1500.0, 0.0)}
    drivers = shift_share("channel", prior, now)
    assert drivers is not None
    a, b, rest = drivers.parts
    assert a.contribution == pytest.approx(-162.5 / 6)
    assert (b.rate_effect, b.mix_effect) == (pytest.approx(75.0), pytest.approx(-87.5 / 6))
    assert (rest.prior, rest.value, rest.contribution) == (
        pytest.approx(100.0),
        pytest.approx(125.0),
        pytest.approx(25),
    )
    assert drivers.change == pytest.approx(3500 / 12 - 3500 / 15)
    assert drivers.main is b


def test_parts_against_one_target_add_their_own_change() -> None:
    # pipeline by source against a target of 100 then 200: 80 % -> 85 %; marketing 30 % -> 40 % of the
    # target (+10 points, twice the change), sales 50 % -> 45 % (-5 points)
    drivers = shift_share(
        "source", {"M": (30.0, 0.0), "S": (50.0, 0.0)}, {"M": (80.0, 0.0), "S": (90.0, 0.0)}, base=(100, 200)
    )
    assert drivers is not None
    assert _parts(drivers) == {
        "M": (pytest.approx(0.1), pytest.approx(2.0)),
        "S": (pytest.approx(-0.05), pytest.approx(-1.0)),
    }
    assert drivers.main is not None and drivers.main.label == "M"


def test_nothing_changed_names_no_main_driver() -> None:
    drivers = sum_drivers("segment", {"A": 10.0, "B": 5.0}, {"A": 12.0, "B": 3.0}, (15.0, 15.0))
    assert drivers.main is None
    assert [p.share for p in drivers.parts] == [None, None]


def test_parts_that_do_not_add_up_leave_the_rest_unexplained() -> None:
    drivers = sum_drivers("segment", {"A": 10.0}, {"A": 12.0}, (15.0, 20.0))
    assert drivers.unexplained == pytest.approx(3.0)


def test_drivers_along_an_unknown_breakdown_are_a_catalogue_error() -> None:
    entry = {"label": "X", "unit": "count", "direction": "higher", "section": "s", "indicator": "lag"}
    entry |= {
        "inputs": ["revenue"],
        "formula": "x",
        "basis": "point",
        "type": "simple",
        "measure": "mrr_end",
        "drivers": ["channel"],
    }
    with pytest.raises(CatalogueError) as error:
        validate_catalogue({"sections": {"s": {"title": "S"}}, "metrics": {"x": entry}}, is_measure, set())
    assert str(error.value) == "metrics.x.drivers.channel: not among the metric's breakdowns; name its measures"


@pytest.fixture(scope="module")
def sample() -> MetricSet:
    return evaluate(load_pack(Path(SAMPLE)), parse_period("2026-Q3"))


def test_sample_quarter_drivers(sample: MetricSet) -> None:
    """2026-Q3: NRR fell 2.3 points from 99.0 %, most of it in Enterprise (the largest segment, 98.9 % -> 96.1 %);
    churn rose in SMB; CAC fell through Paid search; marketing-sourced pipeline lifted attainment."""
    mains = {
        (metric, dimension): drivers.main.label
        if (drivers := sample[metric].drivers_by(dimension)) and drivers.main
        else None
        for metric, dimension in (
            ("nrr", "segment"),
            ("nrr", "plan"),
            ("customer_churn_rate", "segment"),
            ("customer_churn_rate", "plan"),
            ("mrr", "segment"),
            ("cac", "channel"),
            ("pipeline_attainment", "source"),
        )
    }
    assert mains == {
        ("nrr", "segment"): "Enterprise",
        ("nrr", "plan"): "Enterprise",
        ("customer_churn_rate", "segment"): "SMB",
        ("customer_churn_rate", "plan"): "Starter",
        ("mrr", "segment"): "Enterprise",
        ("cac", "channel"): "Paid search",
        ("pipeline_attainment", "source"): "Marketing-sourced",
    }
    nrr = sample["nrr"].drivers_by("segment")
    assert nrr is not None and nrr.unexplained == pytest.approx(0.0, abs=1e-12)
    assert sum(p.contribution for p in nrr.parts) == pytest.approx(sample["nrr"].value - sample["nrr"].prior)


def test_every_stage_conversion_and_headline_has_drivers(sample: MetricSet) -> None:
    with_drivers = {m for m, r in sample.results.items() if r.drivers}
    assert {"mrr", "nrr", "grr", "customer_churn_rate", "cac", "pipeline_attainment"} <= with_drivers
    assert {"lead_to_mql", "mql_to_sql", "sal_to_sql", "opportunity_to_won", "lead_to_customer"} <= with_drivers
