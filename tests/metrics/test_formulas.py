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
        "metrics.c: derived metric has no formula registered in formulas.py",
        "formulas.py: formula 'orphan' has no catalogue entry",
    ]
