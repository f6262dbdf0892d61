"""The PowerPoint deck on the company's template, in another language and page, reproducible, and refused whole."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from boardpack.cli import app
from boardpack.i18n import translator
from boardpack.render.pptx.template import brand_theme, theme_of
from tests.conftest import EARLIER, edit
from tests.render.pptx_fit import overflows, too_small

runner = CliRunner()
COLOURS = {
    "text": "#101010",
    "background": "#fefefe",
    "primary": "#7a1f5c",
    "surface": "#f4eef2",
    "secondary": "#2f6f5e",
    "accent": "#d4a017",
    "positive": "#0b6e4f",
    "negative": "#a4161a",
    "watch": "#b5651d",
}
RENAMED = {"Title Slide": "Acme cover", "Title Only": "Acme headline"}


def company_template(path: Path, renamed: dict[str, str] = RENAMED) -> Path:
    """A company template: python-pptx's blank deck with renamed layouts, its own colours and fonts, and a
    slide of its own (which the deck must not keep)."""
    deck = Presentation()
    for layout in deck.slide_layouts:
        layout.name = renamed.get(layout.name, layout.name)
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme._blob = brand_theme(theme.blob, COLOURS, ("Georgia", "Verdana"))
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Acme's example slide"
    deck.save(str(path))
    return path


def build(pack: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["build", str(pack), "--format", "pptx", *args])
    return result.exit_code, result.output


def test_same_inputs_same_bytes(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    pack = tiny_copy()
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(pack, "--out-dir", str(first))[0] == 0
    assert build(pack, "--out-dir", str(second))[0] == 0
    data = (first / "board-2026-Q1.pptx").read_bytes()
    assert data == (second / "board-2026-Q1.pptx").read_bytes()
    with zipfile.ZipFile(first / "board-2026-Q1.pptx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 31, 0, 0, 0)}
    assert Presentation(str(first / "board-2026-Q1.pptx")).core_properties.modified.isoformat() == "2026-03-31T00:00:00"


def test_the_company_template_is_honoured(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    pack = tiny_copy()
    company_template(pack / "acme.pptx")
    edit(
        pack / "boardpack.yaml",
        "segments: [All]",
        "segments: [All]\nbrand:\n  pptx_template: acme.pptx\n  pptx_layouts:\n    cover: Acme cover\n"
        "    content: Acme headline\n    table: Acme headline\n    appendix: Acme headline",
    )
    code, output = build(pack, "--out-dir", str(tmp_path))
    assert code == 0, output
    deck = Presentation(str(tmp_path / "board-2026-Q1.pptx"))
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts[0] == "Acme cover" and set(layouts[1:]) == {"Acme headline"}
    assert "Acme's example slide" not in [s.shapes.title.text for s in deck.slides]
    colours, fonts = theme_of(deck)
    assert fonts == ("Georgia", "Verdana")
    assert colours["accent1"] == COLOURS["primary"] and colours["dk2"] == COLOURS["primary"]
    chart = next(shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart)
    assert "accent" in chart.part.blob.decode("utf-8")  # series take the template's theme colours
    assert chart.font.name == "Verdana"
    assert overflows(deck, title_size=(44.0, False)) == []


def test_a_layout_the_template_lacks_is_named(pack: Path) -> None:
    company_template(pack / "acme.pptx")
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbrand:\n  pptx_template: acme.pptx")
    code, output = build(pack)
    assert code == 1
    names = (
        "'Acme cover', 'Title and Content', 'Section Header', 'Two Content', 'Comparison', 'Acme headline', "
        "'Blank', 'Content with Caption', 'Picture with Caption', 'Title and Vertical Text', 'Vertical Title and Text'"
    )
    lines = [line for line in output.splitlines() if not line.startswith("boardpack: ")]
    wanted = {"cover": "Title Slide", "content": "Title Only", "table": "Title Only", "appendix": "Title Only"}
    assert lines == [
        f"{pack / 'boardpack.yaml'}:brand.pptx_layouts.{kind}: no layout named '{layout}' in acme.pptx; "
        f"expected one of: {names}"
        for kind, layout in wanted.items()
    ] + [f"4 problems in {pack}; nothing was written."]
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER


def test_a_file_that_is_not_a_template_is_refused(pack: Path) -> None:
    (pack / "acme.pptx").write_text("not a deck", encoding="utf-8")
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbrand:\n  pptx_template: acme.pptx")
    code, output = build(pack)
    assert code == 1
    assert output.splitlines()[-2] == (
        f"{pack / 'boardpack.yaml'}:brand.pptx_template: 'acme.pptx' cannot be read as a PowerPoint template "
        "(File is not a zip file); expected a .pptx or .potx file"
    )
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER


def test_a_template_outside_the_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    company_template(tmp_path / "elsewhere.pptx")
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbrand:\n  pptx_template: ../elsewhere.pptx")
    code, output = build(pack)
    assert code == 1
    assert output.splitlines()[-2] == (
        f"{pack / 'boardpack.yaml'}:brand.pptx_template: '../elsewhere.pptx' is outside the pack folder; "
        "expected a file inside it"
    )
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]


def test_bad_input_writes_no_pptx(pack: Path) -> None:
    edit(pack / "data/revenue.csv", "2026-01", "2026-13")
    code, _output = build(pack, "--format", "pdf,pptx")
    assert code == 1
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER


def test_restated_figures_and_another_language_and_page(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    """With --previous the restated slide is there; in French on A4 the titles are translated and fit, at
    print size; a next step the lead's notes assign carries its owner and due date, as the PDF's does."""
    pack = tiny_copy()
    (pack / "notes.md").write_text(
        "## nrr\nOwner: Ana Pop\nDue: 2026-10-31\nCall the two renewals.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["build", str(pack), "--format", "json", "--out-dir", str(tmp_path)]).exit_code == 0
    edit(pack / "data/pipeline.csv", "2026-03,60000,40000", "2026-03,70000,40000")  # a late opportunity
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbrand:\n  page_size: a4-landscape")
    previous = tmp_path / "board-2026-Q1.json"
    code, output = build(pack, "--out-dir", str(tmp_path / "fr"), "--language", "fr", "--previous", str(previous))
    assert code == 0, output
    deck = Presentation(str(tmp_path / "fr/board-2026-Q1.pptx"))
    assert (deck.slide_width, deck.slide_height) == (int(11.693 * 914400), int(8.268 * 914400))
    t = translator("fr")
    titles = [slide.shapes.title.text for slide in deck.slides]
    kickers = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.name == "Kicker"]
    assert f"{t('Executive summary')} · T1\u00a02026" in kickers
    assert titles[-1] == t("Appendix · restated figures")
    steps = [p.text for slide in deck.slides for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    owner, due = t("Owner: %(name)s") % {"name": "Ana Pop"}, t("by %(date)s") % {"date": "31 octobre 2026"}
    assert (
        f"• Call the two renewals. {owner} · {due}" in steps
    )  # the date in the deck's language, though the pack's locale is en_IE
    assert overflows(deck) == []
    assert too_small(deck) == []


@pytest.mark.parametrize("name", ["acme.potx"])
def test_a_potx_template_serves_too(tiny_copy: Callable[[], Path], tmp_path: Path, name: str) -> None:
    pack = tiny_copy()
    company_template(pack / "acme.pptx", renamed={})
    with zipfile.ZipFile(pack / "acme.pptx") as source, zipfile.ZipFile(pack / name, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(info, content)
    edit(pack / "boardpack.yaml", "segments: [All]", f"segments: [All]\nbrand:\n  pptx_template: {name}")
    code, output = build(pack, "--out-dir", str(tmp_path))
    assert code == 0, output
    assert theme_of(Presentation(str(tmp_path / "board-2026-Q1.pptx")))[1] == ("Georgia", "Verdana")


def test_a_brand_with_its_own_fonts_and_page(tmp_path: Path) -> None:
    """The second sample brand (A4, its own font files): the theme names its fonts and nothing overflows,
    measured with the wider of its body font and the fallback a viewer without it would draw."""
    from tests.conftest import ROOT

    code, output = build(ROOT / "sample_data/harbor", "--out-dir", str(tmp_path))
    assert code == 0, output
    deck = Presentation(str(tmp_path / "board-2026-Q3.pptx"))
    assert (deck.slide_width, deck.slide_height) == (int(11.693 * 914400), int(8.268 * 914400))
    assert theme_of(deck)[1] == ("Source Serif Pro", "Roboto")
    assert overflows(deck) == []
