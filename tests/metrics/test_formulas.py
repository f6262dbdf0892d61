import pytest

from boardpack.metrics.catalogue import CatalogueError, validate_catalogue
from boardpack.metrics.formulas import monthly_rate


def test_monthly_rate_compounds() -> None:
    assert monthly_rate(1 - 0.9**3, 3) == pytest.approx(0.1)
    assert monthly_rate(0.05, 1) == pytest.approx(0.05)
    assert monthly_rate(1.0, 3) == 1.0


def test_catalogue_problems_are_reported_together() -> None:
    data = {
        "sections": {"revenue": {"title": "Revenue"}},
        "metrics": {
            "a": {
                "label": "A",
                "unit": "currency",
                "direction": "higher",
                "basis": "point",
                "type": "ratio",
                "section": "nowhere",
                "indicator": "lag",
                "inputs": [],
                "formula": "x",
                "numerator": "mrr_end",
            },
            "b": {
                "label": "B",
                "unit": "dollars",
                "direction": "higher",
                "basis": "point",
                "type": "simple",
                "section": "revenue",
                "indicator": "lag",
                "inputs": [],
                "formula": "x",
                "measure": "mrr_end",
            },
            "c": {
                "label": "C",
                "unit": "count",
                "direction": "higher",
                "basis": "flow",
                "type": "derived",
                "section": "revenue",
                "indicator": "lag",
                "inputs": [],
                "formula": "x",
            },
        },
    }
    with pytest.raises(CatalogueError) as error:
        validate_catalogue(data, lambda name: name == "mrr_end", {"orphan"})
    assert str(error.value).splitlines() == [
        "metrics.a.section: unknown section 'nowhere'",
        "metrics.a.denominator: required for a ratio metric",
        "metrics.b.unit: Input should be 'currency', 'count', 'number', 'ratio', 'months', 'days', 'seconds', "
        "'multiple' or 'score'",
        "metrics.c: derived metric has no formula registered in boardpack/metrics/policies/",
        "policies: formula 'orphan' has no catalogue entry",
    ]


def _metric(**fields: object) -> dict[str, object]:
    base = {"label": "X", "unit": "count", "direction": "higher", "basis": "flow", "section": "revenue"}
    base["indicator"] = "lag"
    return {**base, "formula": "x", **fields}


def test_expressions_and_inputs_are_checked_with_the_catalogue() -> None:
    data = {
        "sections": {"revenue": {"title": "Revenue"}},
        "metrics": {
            "good": _metric(type="expression", expression="mrr_end * 12 / (a - 1)", inputs=["revenue"]),
            "a": _metric(type="expression", expression="mrr_endd * 12", inputs=["revenu", "config.gross_margin"]),
            "b": _metric(type="expression", expression="__import__('os')", inputs=["config.margin"]),
            "c": _metric(type="expression", inputs=["raw.crm", "config.health.usage_drop", "raw.ledger"]),
        },
    }
    with pytest.raises(CatalogueError) as error:
        validate_catalogue(data, lambda name: name == "mrr_end", set())
    assert str(error.value).splitlines() == [
        "metrics.a.expression: unknown metric or measure 'mrr_endd'",
        "metrics.a.inputs: unknown table 'revenu'",
        "metrics.b.expression: '__import__('os')' may hold only numbers, metric ids, measures and + - * /",
        "metrics.b.inputs: 'config.margin' is no table, config.<setting> or raw.<export>",
        "metrics.c.expression: required for an expression metric",
        "metrics.c.inputs: 'raw.ledger' is no table, config.<setting> or raw.<export>",
    ]


def test_policy_formulas_are_found_without_naming_their_modules() -> None:
    from boardpack.metrics.formulas import registered

    found = registered()
    assert {"ltv", "health_score", "attribution_linear"} <= found.keys()
    assert {f.__module__ for f in found.values()} == {
        "boardpack.metrics.policies.core",
        "boardpack.metrics.policies.customers",
        "boardpack.metrics.policies.forecast",
        "boardpack.metrics.policies.attribution",
    }
    assert "arr" not in found  # an expression in the catalogue: mrr * 12
