"""A theme's files as users save them: another encoding, bytes that are not text, a slide that fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.charts import ChartSpec, ChartTheme, draw
from boardpack.cli import app

runner = CliRunner()


def _build(pack: Path, theme: Path, out: Path) -> list[str]:
    result = runner.invoke(app, ["build", str(pack), "--theme", str(theme), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert not out.exists()
    return [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]


def test_slide_that_fails_while_rendering(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides/summary.html.j2").write_text("<section>\n<p>{{ 1 / 0 }}</p>\n</section>\n")
    assert _build(tiny_copy(), theme, tmp_path / "x.pdf") == [
        f"{theme}/slides/summary.html.j2:2: division by zero",
        "the theme has problems; nothing was written.",
    ]


def test_binary_stylesheet(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_bytes(b"\x00\x01\x02\x1b[2J" * 50)
    assert _build(tiny_copy(), theme, tmp_path / "x.pdf") == [
        f"{theme}/style.css: not a text file (it has bytes that no text has); expected CSS text",
        "the theme has problems; nothing was written.",
    ]


def test_windows_1252_stylesheet_and_slide_are_read(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "style.css").write_bytes("/* Thème de la société */\nh1 { color: #123456; }\n".encode("cp1252"))
    (theme / "slides/summary.html.j2").write_bytes("<section><h1>Synthèse</h1></section>\n".encode("cp1252"))
    result = runner.invoke(
        app, ["build", str(tiny_copy()), "--theme", str(theme), "--format", "html", "--out-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "board-2026-Q1.html"
    html = out.read_text(encoding="utf-8")
    assert "<h1>Synthèse</h1>" in html and "Thème de la société" in html


def test_chart_labels_are_plain_text() -> None:
    """`$...$` in a channel or plan name is a name, not matplotlib mathtext."""
    spec = ChartSpec(
        "hbar",
        "cac",
        6,
        3,
        data={"categories": ["Ads $x$ Q3", "Plan $\\frac{1}{2}$"], "values": [1.0, 2.0], "value_labels": ["$1", "$2"]},
    )
    svg = draw(spec, ChartTheme())
    for text in ("Ads $x$ Q3", "Plan $\\frac{1}{2}$", "$1"):
        assert f">{text}</text>" in svg  # one text element as written (mathtext leaves only a comment)


@pytest.mark.parametrize(
    ("slide", "message"),
    [
        (
            "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
            "access to attribute '__init__' of 'type' object is unsafe.",
        ),
        (
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "access to attribute '__class__' of 'str' object is unsafe.",
        ),
        (
            "{{ 'x' * 10 ** 10 }}",
            "repeating 1 items 10000000000 times is too large; expected at most 1,000,000 items",
        ),
        (
            "{% for i in range(10 ** 9) %}x{% endfor %}",
            "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).",
        ),
        (
            "{% include '/etc/passwd' %}",
            "no template '/etc/passwd' in the theme or the default templates; expected the name of a template "
            "inside them, such as slides/cover.html.j2",
        ),
    ],
    ids=["run-a-command", "python-classes", "ten-gigabytes", "billion-loop", "include-outside"],
)
def test_hostile_slide_is_refused(tiny_copy: Callable[[], Path], tmp_path: Path, slide: str, message: str) -> None:
    """A theme is code that came with the pack: it runs sandboxed, bounded, and reads only templates."""
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides/summary.html.j2").write_text(f"<section>\n<p>{slide}</p>\n</section>\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "board-2026-Q1.html").write_text("earlier deck")
    result = runner.invoke(
        app, ["build", str(tiny_copy()), "--theme", str(theme), "-f", "html,json", "--out-dir", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if not line.startswith("boardpack: ")] == [
        f"{theme}/slides/summary.html.j2:2: {message}",
        "the theme has problems; nothing was written.",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["board-2026-Q1.html"]
    assert (out / "board-2026-Q1.html").read_text() == "earlier deck"
