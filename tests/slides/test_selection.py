"""The pack and its theme choose the slides: `slides:` orders and drops them, a theme adds and hides.

Each deck here is the tiny pack's, built as HTML (no layout), and read back for its slides' ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.cli import app
from boardpack.slides import DEFAULT_SLIDES, PAIRED_SLIDES
from boardpack.slides.selection import ThemeSlides, slide_order
from tests.cli.test_bad_input import add_setting, one_problem, refused
from tests.conftest import edit

runner = CliRunner()
KNOWN = ", ".join((*DEFAULT_SLIDES, *PAIRED_SLIDES))  # the paired slides' halves may be listed too
THEME_SLIDE = """<section class="slide" id="arr-focus">
  <h1>{{ slide.title }}</h1>
  {% for m in slide.figures %}<p class="figure">{{ m.label }}: {{ m.display }}</p>{% endfor %}
</section>
"""


@pytest.fixture
def pack(tiny_copy: Callable[[], Path]) -> Path:
    folder = tiny_copy()
    (folder / "out").mkdir()
    (folder / "out/board-2026-Q1.pdf").write_bytes(b"%PDF-1.7 an earlier deck")
    return folder


def add_theme(pack: Path, slides_yaml: str, template: str | None = THEME_SLIDE) -> None:
    (pack / "theme/slides").mkdir(parents=True)
    (pack / "theme/slides.yaml").write_text(slides_yaml, encoding="utf-8")
    if template is not None:
        (pack / "theme/slides/arr_focus.html.j2").write_text(template, encoding="utf-8")
    add_setting(pack, "theme: theme")


def slide_ids(pack: Path) -> list[str]:
    out = pack / "html"
    result = runner.invoke(app, ["build", str(pack), "-f", "html", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "board-2026-Q1.html").read_text(encoding="utf-8")
    return re.findall(r'<section class="slide[^"]*" id="([^"]+)"', html)


def test_default_deck_is_every_slide_the_tables_allow(pack: Path) -> None:
    assert slide_ids(pack) == [
        "cover",
        "summary",
        "scorecard",
        "funnel",
        "acquisition-cost",
        "revenue",
        "revenue-trend",
        "forecast",
        "retention",
        "unit-economics",
        "pipeline",
        "all-steps",  # a slide of the tiny pack has more next steps than it shows
        "appendix",
    ]


def test_slides_setting_orders_and_drops(pack: Path) -> None:
    add_setting(pack, "slides: [cover, funnel, summary, appendix]")
    assert slide_ids(pack) == ["cover", "funnel", "summary", "appendix"]


def test_a_listed_slide_without_its_table_is_left_out(pack: Path) -> None:
    add_setting(pack, "slides: [cover, churn, summary]")  # the tiny pack has no churn_reasons table
    assert slide_ids(pack) == ["cover", "summary"]


def test_theme_adds_a_slide_and_hides_one(pack: Path) -> None:
    add_theme(
        pack,
        "add:\n  arr_focus:\n    metrics: [arr, quick_ratio]\n    title: ARR focus\n    after: revenue\n"
        "hide: [scorecard]\n",
    )
    ids = slide_ids(pack)
    assert ids[:7] == ["cover", "summary", "funnel", "acquisition-cost", "revenue", "arr-focus", "revenue-trend"]
    html = (pack / "html/board-2026-Q1.html").read_text(encoding="utf-8")
    assert "<h1>ARR focus</h1>" in html
    assert '<p class="figure">ARR: €' in html and '<p class="figure">Quick ratio: ' in html


def test_pack_lists_the_theme_slide(pack: Path) -> None:
    add_theme(pack, "add:\n  arr_focus:\n    metrics: [arr]\nhide: [scorecard]\n")
    add_setting(pack, "slides: [arr_focus, scorecard, cover]")  # the pack's list wins over the theme's hide
    assert slide_ids(pack) == ["arr-focus", "scorecard", "cover"]


def test_unknown_slide_id(pack: Path) -> None:
    add_setting(pack, "slides: [cover, sumary]")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:slides[1]: unknown slide 'sumary'; did you mean `summary`? The slides are {KNOWN}"
    )


def test_unknown_slide_id_stops_the_build(pack: Path) -> None:
    add_setting(pack, "slides: [cover, sumary]")
    lines = refused(pack, "build")
    assert (
        f"{pack}/boardpack.yaml:slides[1]: unknown slide 'sumary'; did you mean `summary`? The slides are {KNOWN}"
        in lines
    )


def test_slide_listed_twice(pack: Path) -> None:
    add_setting(pack, "slides: [cover, funnel, cover]")
    assert one_problem(pack) == f"{pack}/boardpack.yaml:slides[2]: 'cover' is listed twice; expected each slide once"


def test_theme_slide_with_unknown_metric(pack: Path) -> None:
    add_theme(pack, "add:\n  arr_focus:\n    metrics: [arr, ar]\n")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:add.arr_focus.metrics[1]: unknown metric id 'ar'; expected an id from the README"
    )


def test_theme_slide_without_template(pack: Path) -> None:
    add_theme(pack, "add:\n  arr_focus:\n    metrics: [arr]\n", template=None)
    (pack / "theme/style.css").write_text("h1 { color: navy; }\n", encoding="utf-8")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:add.arr_focus: the theme has no template slides/arr_focus.html.j2; "
        "expected one for each slide it adds"
    )


def test_theme_hides_unknown_slide(pack: Path) -> None:
    add_theme(pack, "hide: [scorecards]\n")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:hide[0]: unknown slide 'scorecards'; did you mean `scorecard`? "
        f"The slides are {KNOWN}"
    )


def test_theme_adds_a_slide_under_a_boardpack_id(pack: Path) -> None:
    add_theme(pack, "add:\n  funnel:\n    metrics: [arr]\n")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:add.funnel: 'funnel' is a slide of boardpack; expected a new id "
        "(a template slides/funnel.html.j2 in the theme replaces the default one)"
    )


def test_theme_slides_file_of_the_wrong_shape(pack: Path) -> None:
    add_theme(pack, "add: [arr_focus]\n")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:add: Input should be a valid dictionary; "
        "expected a mapping with add: (new slides) and hide: (slide ids)"
    )


def test_theme_given_on_the_command_line_is_checked_too(pack: Path, tmp_path: Path) -> None:
    theme = tmp_path / "other-theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides.yaml").write_text("hide: [nothing_such]\n", encoding="utf-8")
    (theme / "style.css").write_text("h1 { color: navy; }\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(pack), "--theme", str(theme)])
    assert result.exit_code == 1, result.output
    assert f"{theme}/slides.yaml:hide[0]: unknown slide 'nothing_such'; expected one of {KNOWN}" in result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    edit(theme / "slides.yaml", "nothing_such", "scorecard")


def test_theme_reading_a_name_of_a_slide_not_shown(pack: Path) -> None:
    """A cover written when every name was always given: told which slide gives the name now."""
    (pack / "theme/slides").mkdir(parents=True)
    (pack / "theme/slides/cover.html.j2").write_text(
        '<section class="slide" id="cover">\n<p>{{ summary_tiles | length }} tiles</p>\n</section>\n',
        encoding="utf-8",
    )
    add_setting(pack, "theme: theme\nslides: [cover, funnel]")
    result = runner.invoke(app, ["build", str(pack)])
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if not line.startswith("boardpack: ")] == [
        f"{pack}/theme/slides/cover.html.j2:2: 'summary_tiles' is given by the summary slide, which this deck does "
        "not show; expected the template to read it only there, to test `summary_tiles is defined`, or `summary` "
        "in the pack's slides: list",
        "the theme has problems; nothing was written.",
    ]
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    edit(pack / "boardpack.yaml", "slides: [cover, funnel]", "slides: [cover, summary, funnel]")
    assert slide_ids(pack) == ["cover", "summary", "funnel"]


def test_theme_slide_without_any_of_its_tables_is_left_out(pack: Path) -> None:
    add_theme(pack, "add:\n  arr_focus:\n    metrics: [health_score, nps]\n")  # the tiny pack has no customers.csv
    assert "arr-focus" not in slide_ids(pack)


def test_theme_slide_placed_after_an_unknown_slide(pack: Path) -> None:
    add_theme(pack, "add:\n  arr_focus:\n    metrics: [arr]\n    after: revenu\n")
    assert one_problem(pack) == (
        f"{pack}/theme/slides.yaml:add.arr_focus.after: unknown slide 'revenu'; did you mean `revenue`? "
        f"The slides are {KNOWN}, arr_focus"
    )


def test_a_theme_hiding_one_half_of_a_paired_slide_keeps_the_other_in_its_place(pack: Path) -> None:
    from boardpack.api import load_pack
    from boardpack.inputs.report import ValidationReport

    order = slide_order(load_pack(pack), ThemeSlides(hidden=("engagement",)), ValidationReport())
    assert "cost_and_engagement" not in order and "engagement" not in order
    assert order[order.index("at_risk") + 1] == "cost_to_serve"
    both = slide_order(load_pack(pack), ThemeSlides(hidden=("cost_and_engagement",)), ValidationReport())
    assert not {"cost_and_engagement", "cost_to_serve", "engagement"} & set(both)
