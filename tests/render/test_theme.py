"""Themes and brands: the second sample brand, theme folders, broken themes, and nothing fetched unasked."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period
from boardpack.cli import app
from boardpack.inputs import PackInvalid
from tests.conftest import ROOT, build_clean_pdf, edit

runner = CliRunner()
HARBOR = ROOT / "sample_data" / "harbor"


@pytest.fixture(scope="module")
def harbor_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_clean_pdf(HARBOR, tmp_path_factory.mktemp("harbor") / "harbor.pdf")


def test_second_brand_restyles_fonts_page_and_cover(harbor_deck: Path) -> None:
    reader = PdfReader(harbor_deck)
    width, height = (float(v) / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width, 2), round(height, 2)) == (11.69, 8.27)  # A4 landscape
    fonts = set()
    for page in reader.pages[:6]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"Roboto", "Source-Serif-Pro"} <= fonts
    cover = reader.pages[0].extract_text()
    assert "Board meeting" in cover and "Harbor Lane Software" in cover  # the theme's own cover
    page = reader.pages[3].extract_text()
    assert "Board of directors only · do not forward" in page  # the brand's confidentiality line, on every footer
    assert page.count("Harbor Lane Software") == 1  # the company once, at the footer's left


def test_bookmarks_and_metadata(sample_deck: Path) -> None:
    reader = PdfReader(sample_deck)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for title in (
        "Executive summary · Q3\u00a02026",  # the deck names the period as its reader does
        "Funnel and conversion",
        "Cost per lead",
        "Retention",
        "Appendix · definitions and conventions",
    ):
        assert title in titles
    assert reader.metadata["/Author"] == "Northwind Analytics"
    assert reader.metadata["/Subject"] == "2026-Q3"


def test_theme_init_and_one_overridden_slide(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "my-theme"
    result = runner.invoke(app, ["theme", "init", str(theme)])
    assert result.exit_code == 0, result.output
    assert (theme / "slides/funnel.html.j2").is_file() and (theme / "style.css").is_file()
    # keep one slide, change it, and add a rule to the user stylesheet
    for path in (theme / "slides").iterdir():
        if path.name != "funnel.html.j2":
            path.unlink()
    edit(theme / "slides/funnel.html.j2", '{{ head("funnel") }}', '{{ head("funnel", "Our funnel, our way") }}')
    (theme / "style.css").write_text("h1 { color: #ff0000; }\n")
    pack = tiny_copy()
    out = tmp_path / "deck.pdf"
    result = runner.invoke(app, ["build", str(pack), "--theme", str(theme), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    # the kicker prints the topic in capitals; the rest comes from the default theme
    assert "OUR FUNNEL, OUR WAY" in text and "EXECUTIVE SUMMARY" in text


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if not line.startswith("boardpack: ")]


def test_broken_template_gives_file_and_line(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides/summary.html.j2").write_text("<section>\n<h1>Summary</h1>\n{% if %}\n</section>\n")
    pack = tiny_copy()
    result = runner.invoke(app, ["build", str(pack), "--theme", str(theme), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert _errors(result.output) == [
        f"{theme}/slides/summary.html.j2:3: Expected an expression, got 'end of statement block'",
        "the theme has problems; nothing was written.",
    ]
    (theme / "slides/summary.html.j2").write_text("<section>\n{{ metrics.no_such_metric.display }}\n</section>\n")
    result = runner.invoke(app, ["build", str(pack), "--theme", str(theme), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert (
        _errors(result.output)[0]
        == f"{theme}/slides/summary.html.j2:2: 'dict object' has no attribute 'no_such_metric'"
    )
    assert not (tmp_path / "x.pdf").exists()


def test_broken_stylesheet_gives_file_and_line(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_text("h1 { color: red; }\n\nh2 { colour: blue; }\n.x { margin: sideways; }\n")
    result = runner.invoke(app, ["build", str(tiny_copy()), "--theme", str(theme), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    lines = _errors(result.output)
    assert lines[0].startswith(f"{theme}/style.css:3: Ignored `colour: blue`")
    assert lines[1].startswith(f"{theme}/style.css:4: Ignored `margin: sideways`")
    assert not (tmp_path / "x.pdf").exists()


def test_brand_validation(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(
        pack / "boardpack.yaml",
        "segments: [All]",
        "segments: [All]\nbrand:\n  colour: {primary: '#123456'}\n  colours: {primary: blue}\n  logo: logo.gif",
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "boardpack.yaml:10:brand.colour: unknown key; did you mean `colours`?",
        "boardpack.yaml:11:brand.colours.primary: 'blue' is not a colour; expected #rrggbb such as #1f3a5f",
        "boardpack.yaml:12:brand.logo: 'logo.gif' is not a logo file; expected .svg or .png",
    ]
    edit(
        pack / "boardpack.yaml",
        "  colour: {primary: '#123456'}\n  colours: {primary: blue}\n  logo: logo.gif",
        "  logo: missing.svg\ntheme: nowhere",
    )
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "boardpack.yaml:brand.logo: 'missing.svg' not found; expected a file in the pack folder",
        "boardpack.yaml:theme: 'nowhere' is not a folder; expected a theme folder",
    ]


def test_no_markup_injection_and_no_fetch_outside_the_pack(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "company: Tiny Test Ltd", "company: '<img src=\"file:///etc/passwd\"> Evil & Co'")
    (pack / "notes.md").write_text(
        "## retention\n<img src='file:///etc/hostname'> ![x](file:///etc/passwd) [see](file:///etc/passwd)\n"
    )
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_text(
        'body { background: url("file:///etc/passwd"); }\n'
        'h1 { background-image: url("http://example.invalid/x.png"); }\n'
    )
    loaded = load_pack(pack)
    out = tmp_path / "deck.pdf"
    result = build_deck(loaded, resolve_period(loaded, None), BuildOptions(tmp_path, pdf_out=out, theme=theme))
    assert "refused to fetch file:///etc/passwd" in result.warnings
    assert "refused to fetch http://example.invalid/x.png" in result.warnings
    text = PdfReader(out).pages[0].extract_text()
    assert '<img src="file:///etc/passwd"> Evil & Co' in text
    notes = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "<img src='file:///etc/hostname'>" in notes
    assert b"/URI (file:" not in out.read_bytes()  # the note's file link is not a link


def test_harbor_pack_only_differs_in_its_settings_and_theme() -> None:
    files = sorted(str(p.relative_to(HARBOR)) for p in HARBOR.rglob("*") if p.is_file() and "out" not in p.parts)
    assert not any(name.startswith("data/") for name in files)
    assert "theme/slides/cover.html.j2" in files and "theme/style.css" in files
    shutil.rmtree(HARBOR / "out", ignore_errors=True)
