"""Render formats, it never computes: no arithmetic in any template, no engine import under render."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

from tests.conftest import ROOT

ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Neg)
TEMPLATES = sorted([*ROOT.glob("templates/**/*.j2"), *ROOT.glob("sample_data/*/theme/**/*.j2")], key=lambda p: str(p))


def arithmetic_in(path: Path) -> list[str]:
    """`file:line: expression` for every arithmetic operation in a Jinja template."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {type(node).__name__}"
        for node in tree.find_all(ARITHMETIC)
        if not (isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const))  # a negative literal
    ]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_does_no_arithmetic(template: Path) -> None:
    assert arithmetic_in(template) == []


def test_the_check_finds_a_division(tmp_path: Path) -> None:
    path = ROOT / "templates" / "slides" / "probe-not-kept.html.j2"
    try:
        path.write_text("{{ metrics.mrr.value / metrics.arr.value }}\n{{ rows | length - 6 }}\n", encoding="utf-8")
        assert arithmetic_in(path) == [
            "templates/slides/probe-not-kept.html.j2:1: Div",
            "templates/slides/probe-not-kept.html.j2:2: Sub",
        ]
    finally:
        path.unlink()


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", sorted((ROOT / "boardpack" / "render").glob("*.py")), ids=lambda p: p.name)
def test_render_imports_no_computation(module: Path) -> None:
    """Render may read result types, never the engine, measures, formulas, figures or the judge step."""
    computing = sorted(
        name
        for name in imports_of(module)
        if (name.startswith("boardpack.metrics") and name != "boardpack.metrics.result")
        or name.startswith(("boardpack.benchmarks", "boardpack.notes.lead_notes"))
    )
    assert computing == []


@pytest.mark.parametrize("module", sorted((ROOT / "boardpack" / "slides").glob("*.py")), ids=lambda p: p.name)
def test_slides_read_results_and_never_evaluate(module: Path) -> None:
    """A slide formats the period's result; evaluating a metric again would make a second figure."""
    engine = {"boardpack.metrics.engine", "boardpack.metrics.measures", "boardpack.metrics.formulas"}
    assert imports_of(module) & engine == set()
