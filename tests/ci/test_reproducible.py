"""Identical inputs give identical bytes across processes, clocks and time zones, on both font subsetters.

Each build runs in its own process, the second started well over a second after the first and in a
time zone a day away, so anything that reads the clock or the local date shows up as a difference.
WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset0 is installed and with fontTools
otherwise; the fontTools path is forced in the child process only, by hiding the HarfBuzz subsetter
from WeasyPrint before the build starts. The sample brand gets a variable heading font, which
WeasyPrint turns into a static instance with fontTools on either path.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.misc.timeTools import timestampSinceEpoch
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.TupleVariation import TupleVariation
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.cli import app
from tests.conftest import ROOT, edit

# A child process: optionally without the HarfBuzz subsetter, then the CLI commands given as JSON.
_CHILD = """
import json, sys
if sys.argv[1] == "fonttools":
    import weasyprint.pdf.fonts
    weasyprint.pdf.fonts.harfbuzz_subset = None  # as on a machine without libharfbuzz-subset0
from boardpack.cli import app
for command in json.loads(sys.argv[2]):
    code = app(command, prog_name="boardpack", standalone_mode=False)
    if code:
        sys.exit(code)
"""
DECK_DATE = datetime(2026, 9, 30, tzinfo=UTC)  # the sample packs' period, 2026-Q3, ends on 30 September
FONTTOOLS_WARNING = "Using fontTools instead of HarfBuzz-Subset"


def variable_font(path: Path) -> None:
    """A small variable TrueType font (a `wght` axis, a box for every printable ASCII character)."""

    def box() -> object:
        pen = TTGlyphPen(None)
        pen.moveTo((50, 0))
        pen.lineTo((50, 700))
        pen.lineTo((450, 700))
        pen.lineTo((450, 0))
        pen.closePath()
        return pen.glyph()

    codes = range(0x21, 0x7F)
    names = [".notdef", "space", *(f"uni{code:04X}" for code in codes)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x20: "space", **{code: f"uni{code:04X}" for code in codes}})
    glyphs = {name: box() for name in names}
    glyphs["space"] = TTGlyphPen(None).glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (500, 0 if name == "space" else 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Boxes Variable", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
    bolder = [(-30, 0), (-30, 0), (30, 0), (30, 0), None, None, None, None]  # 4 points, 4 phantom points
    builder.setupGvar({name: [TupleVariation({"wght": (0, 1, 1)}, bolder)] for name in names if name != "space"})
    builder.save(str(path))


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sample packs side by side (harbor reads ../northwind/data), harbor's headings in a variable font."""
    folder = tmp_path_factory.mktemp("packs")
    for name in ("northwind", "harbor"):
        shutil.copytree(ROOT / "sample_data" / name, folder / name, ignore=shutil.ignore_patterns("out"))
    harbor = folder / "harbor"
    variable_font(harbor / "assets/fonts/Boxes-Variable.ttf")
    settings = harbor / "boardpack.yaml"
    edit(settings, "family: Source Serif Pro", "family: Boxes Variable")
    edit(settings, "regular: assets/fonts/SourceSerifPro-Regular.ttf", "regular: assets/fonts/Boxes-Variable.ttf")
    edit(settings, "bold: assets/fonts/SourceSerifPro-Semibold.ttf", "bold: assets/fonts/Boxes-Variable.ttf")
    return folder


def _commands(packs: Path, names: tuple[str, ...], archive: bool, out: Path) -> list[list[str]]:
    """pdf, html and json of each pack; with `archive`, a pdf/a-3b deck of the last one (the variable font)."""
    commands = [
        ["build", str(packs / name), "--format", "pdf,html,json", "--out-dir", str(out / name)] for name in names
    ]
    if archive:
        commands.append(["build", str(packs / names[-1]), "--pdf-variant", "pdf/a-3b", "--out-dir", str(out / "pdfa")])
    return commands


def _run(subsetter: str, commands: list[list[str]], zone: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONPATH=str(ROOT), TZ=zone)
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, subsetter, json.dumps(commands)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result


def _embedded_fonts(pdf: Path) -> dict[str, TTFont]:
    """Every font program embedded in the PDF, by its PostScript name."""
    fonts: dict[str, TTFont] = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                if stream is not None:
                    fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(stream.get_object().get_data()))
    return fonts


@pytest.mark.parametrize(
    ("subsetter", "names", "archive"),
    [("fonttools", ("northwind", "harbor"), True), ("harfbuzz", ("harbor",), False)],
)
def test_two_processes_give_identical_bytes(
    packs: Path, tmp_path: Path, subsetter: str, names: tuple[str, ...], archive: bool
) -> None:
    if subsetter == "harfbuzz":
        from weasyprint.text.ffi import harfbuzz_subset

        if harfbuzz_subset is None:
            pytest.skip("libharfbuzz-subset0 is not installed")
    first, second = tmp_path / "first", tmp_path / "second"
    started = time.monotonic()
    run = _run(subsetter, _commands(packs, names, archive, first), "Etc/GMT+12")  # UTC-12: still the day before
    time.sleep(max(0.0, 1.1 - (time.monotonic() - started)))
    _run(subsetter, _commands(packs, names, archive, second), "Etc/GMT-14")  # UTC+14: already the next day
    assert (FONTTOOLS_WARNING in run.stderr) == (subsetter == "fonttools"), run.stderr

    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert len(files) == 3 * len(names) + archive
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name

    # every font the build wrote with fontTools carries the deck's date, not the clock
    fonts = _embedded_fonts(first / "harbor/board-2026-Q3.pdf")
    variable = [name for name in fonts if "Boxes" in name]
    assert variable, sorted(fonts)
    stamped = fonts if subsetter == "fonttools" else {name: fonts[name] for name in variable}
    assert {name: font["head"].modified for name, font in stamped.items()} == {
        name: timestampSinceEpoch(DECK_DATE.timestamp()) for name in stamped
    }


def test_pinned_clock_puts_back_what_was_there(monkeypatch: pytest.MonkeyPatch) -> None:
    from boardpack.render.clock import pinned_clock

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    with pinned_clock(DECK_DATE):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(int(DECK_DATE.timestamp()))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1790000000"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with pytest.raises(RuntimeError), pinned_clock(DECK_DATE):
        raise RuntimeError("layout failed")
    assert "SOURCE_DATE_EPOCH" not in os.environ


@pytest.mark.parametrize("value", ["2026-09-30", "1790000000.5", "-1", "99999999999999"])
def test_malformed_source_date_epoch_stops_the_build(
    tiny_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    pack = tiny_copy()
    earlier = pack / "out/board-2026-Q1.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"an earlier deck")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(app, ["build", str(pack), "--format", "pdf,json"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"error: SOURCE_DATE_EPOCH is {value!r}; expected whole seconds since 1970-01-01 UTC, such as 1790000000 "
        "(`date +%s`), or no value; nothing was written"
    )
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["board-2026-Q1.pdf"]
    assert earlier.read_bytes() == b"an earlier deck"
