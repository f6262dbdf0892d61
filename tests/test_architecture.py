"""The house rules of ARCHITECTURE.md, checked on the code: imports follow the pipeline, modules stay short.

The import graph is read with `ast` from every module under boardpack/, imports inside functions and
under `TYPE_CHECKING` included: a deferred import is still a dependency, and a cycle hidden in a
function is still a cycle.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "boardpack"

# Each step of the pipeline, the modules and packages it is made of (names under boardpack/), and the
# steps it may import besides itself. ARCHITECTURE.md shows the same table; a test keeps them equal.
STEPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "shared": (("periods", "formatting", "i18n"), ()),
    "load": (("inputs",), ("shared",)),
    "compute": (("metrics",), ("load", "shared")),
    "judge": (("judge", "benchmarks", "notes"), ("compute", "load", "shared")),
    "draw": (("charts",), ("shared",)),
    "slides": (("slides",), ("judge", "compute", "load", "draw", "shared")),
    "render": (("render",), ("slides", "draw", "judge", "compute", "load", "shared")),
    "api": (("api", "notebook", "__init__"), ("render", "slides", "draw", "judge", "compute", "load", "shared")),
    "front": (("cli", "preview", "__main__"), ("api",)),
}
LIMIT = 350  # lines a module may have without saying why
REASON = "Long because"  # a line of the module docstring starting so says why it is longer


# Modules longer than LIMIT that are being taken apart; an entry that is short or gone is ignored.
def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """The boardpack modules `name` imports, with the line of each import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:  # `from boardpack import formatting` imports boardpack.formatting
                target = f"{base}.{alias.name}"
                found.append((target if target in known else base, node.lineno))
    return [(target, line) for target, line in found if target == "boardpack" or target.startswith("boardpack.")]


def step_of(module: str) -> str:
    """The step a module belongs to: by its first name under boardpack (`boardpack` itself is the API)."""
    first = module.split(".")[1] if "." in module else "__init__"
    for step, (members, _allowed) in STEPS.items():
        if first in members:
            return step
    raise AssertionError(f"{module} belongs to no step; add `{first}` to a step of STEPS and to ARCHITECTURE.md")


def package_of(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


@pytest.fixture(scope="module")
def graph() -> list[tuple[str, str, int]]:
    """Every import between boardpack modules: (importing module, imported module, line)."""
    modules = _modules()
    known = set(modules)
    return [(name, target, line) for name, path in modules.items() for target, line in _imports(name, path, known)]


def test_every_module_belongs_to_a_step() -> None:
    for name in _modules():
        step_of(name)


def test_imports_follow_the_pipeline(graph: list[tuple[str, str, int]]) -> None:
    wrong = []
    for source, target, line in graph:
        step, other = step_of(source), step_of(target)
        if step != other and other not in STEPS[step][1]:
            allowed = ", ".join(STEPS[step][1]) or "no other step"
            wrong.append(f"{source} (line {line}) imports {target}: {step} may import {allowed}, not {other}")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(wrong)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle in a directed graph, as the nodes along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_cycle_between_packages(graph: list[tuple[str, str, int]]) -> None:
    edges: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for source, target, line in graph:
        a, b = package_of(source), package_of(target)
        if a != b:
            edges.setdefault(a, set()).add(b)
            where.setdefault((a, b), f"{source} (line {line}) imports {target}")
    cycle = _cycle(edges)
    assert cycle is None, "a cycle between packages: " + "; ".join(where[(a, b)] for a, b in itertools.pairwise(cycle))


def test_cycle_finder_names_the_loop() -> None:
    assert _cycle({"render": {"api"}, "api": {"render", "inputs"}, "inputs": set()}) == ["api", "render", "api"]
    assert _cycle({"api": {"render"}, "render": {"inputs"}}) is None


def test_slides_has_its_place() -> None:
    """The slides package is judged like the others even before it holds a module."""
    assert step_of("boardpack.slides.funnel") == "slides"
    assert "judge" in STEPS["slides"][1] and "slides" in STEPS["render"][1]


def test_long_modules_say_why() -> None:
    unexplained = []
    for path in _modules().values():
        relative = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines <= LIMIT:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if not any(line.strip().startswith(REASON) for line in docstring.splitlines()):
            unexplained.append(
                f"{relative}: {lines} lines; split it by concept or say why in a docstring line starting '{REASON}'"
            )
    assert not unexplained, "\n".join(unexplained)


def _documented_steps() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The table of steps in ARCHITECTURE.md: step | modules | may import."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("| step | modules | may import |", 1)[1].split("\n\n", 1)[0]
    steps = {}
    for row in table.strip().splitlines()[1:]:
        step, members, allowed = (cell.strip() for cell in row.strip().strip("|").split("|"))
        names = tuple(re.sub(r"(\.py|/)$", "", m) for m in re.findall(r"`([^`]+)`", members))
        steps[step] = (names, tuple(a.strip() for a in allowed.split(",") if a.strip() not in ("", "—")))
    return steps


def test_architecture_md_shows_these_rules() -> None:
    assert _documented_steps() == STEPS
