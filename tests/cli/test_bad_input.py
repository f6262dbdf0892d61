"""Input no one meant to give: each ends in `file:row:column: message`, exit 1, and nothing written.

Every test breaks a real pack on disk in one place and runs the command a user would run; an earlier
deck in `out/` must come through untouched.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.cli import app
from tests.conftest import EARLIER, ROOT, edit

runner = CliRunner()
FUNNEL = "period,channel,visitors,contacts,leads,mqls,sals,sqls,opportunities,customers\n"


def refused(pack: Path, command: str = "build") -> list[str]:
    """The lines a refused command prints, after checking it exited 1 and wrote nothing."""
    result = runner.invoke(app, [command, str(pack)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER
    assert not any(ord(c) < 32 and c not in "\n\t" for c in result.output), "control characters printed"
    return [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]


def one_problem(pack: Path, command: str = "build") -> str:
    lines = refused(pack, command)
    assert lines[-1] in (
        f"1 problem in {pack}; nothing was written.",
        f"1 problème dans {pack}\u00a0; rien n'a été écrit.",
    )
    assert len(lines) == 2, lines
    return lines[0]


def add_setting(pack: Path, line: str) -> None:
    edit(pack / "boardpack.yaml", "segments: [All]", f"segments: [All]\n{line}")


# encodings and files that are not text


def test_windows_1252_settings_rules_and_notes_are_read(pack: Path) -> None:
    config = (pack / "boardpack.yaml").read_text(encoding="utf-8").replace("Tiny Test Ltd", "Société Générale")
    (pack / "boardpack.yaml").write_bytes((config + "rules: rules.yaml\n").encode("cp1252"))
    rules = "rules:\n  - id: cheap\n    metric: cpl\n    when: cpl < 50\n    text: 'Coût par lead {{ cpl | money }}.'\n"
    (pack / "rules.yaml").write_bytes(rules.encode("cp1252"))
    (pack / "notes.md").write_bytes("## retention\nDeux clients sont partis à cause du prix.\n".encode("cp1252"))
    result = runner.invoke(app, ["metrics", str(pack), "--json"])
    assert result.exit_code == 0, result.output
    assert '"text": "Coût par lead €20."' in result.output
    assert "<p>Deux clients sont partis à cause du prix.</p>" in result.output


def test_binary_file_renamed_csv(pack: Path) -> None:
    (pack / "data/funnel.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b[2J" + bytes(range(256)) * 4)
    assert one_problem(pack) == (
        f"{pack}/data/funnel.csv: not a text file (it has bytes that no text has); "
        "expected a CSV table saved as UTF-8 or Windows-1252 text"
    )


def test_notes_with_a_nul_byte(pack: Path) -> None:
    (pack / "notes.md").write_bytes(b"## retention\nfine\x00\n")
    assert one_problem(pack) == (
        f"{pack}/notes.md: not a text file (it has bytes that no text has); "
        "expected markdown text saved as UTF-8 or Windows-1252"
    )


def test_utf16_csv_from_excel_unicode_text_is_read(pack: Path) -> None:
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated."""
    path = pack / "data/funnel.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace(",", "\t").encode("utf-16"))
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert "is valid: tables funnel, pipeline, revenue, spend" in result.output


# tables


def test_cell_of_200000_characters(pack: Path) -> None:
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,", f"2025-Q4,{'B' * 200_000},")
    assert (
        one_problem(pack) == f"{pack}/data/funnel.csv:3:channel: a cell of 200,000 characters; expected at most 10,000"
    )


def test_quote_never_closed(pack: Path) -> None:
    path = pack / "data/funnel.csv"
    rows = '2025-Q4,"Channel A,25000,1200,500,100,70,50,25,5\n' + "2025-Q4,Channel B,,,250,100,60,40,20,5\n" * 2000
    path.write_text(FUNNEL + rows, encoding="utf-8")
    assert one_problem(pack) == (
        f"{pack}/data/funnel.csv:2:channel: a cell of 78,040 characters; expected at most 10,000 "
        "(a quote that is never closed joins the rest of the file into one cell)"
    )


def test_thousands_of_columns(pack: Path) -> None:
    (pack / "data/funnel.csv").write_text(",".join(f"c{i}" for i in range(5000)) + "\n", encoding="utf-8")
    assert one_problem(pack) == f"{pack}/data/funnel.csv:1: the header has 5,000 columns; expected at most 200"


def test_file_of_blank_rows(pack: Path) -> None:
    (pack / "data/funnel.csv").write_text(",,,\n\n,,,\n", encoding="utf-8")
    assert one_problem(pack) == f"{pack}/data/funnel.csv: the file is empty; expected a header row and data rows"


def test_workbook_that_is_a_zip_of_junk(pack: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "junk")
        archive.writestr("xl/workbook.xml", "<not-a-workbook/>")
    (pack / "pack.xlsx").write_bytes(buffer.getvalue())
    add_setting(pack, "workbook: pack.xlsx")
    problem = one_problem(pack)
    assert problem.startswith(f"{pack}/pack.xlsx: cannot open the workbook (")
    assert problem.endswith("); expected an .xlsx file")


def test_header_only_table_is_a_notice_and_counts_as_present(pack: Path) -> None:
    (pack / "data/events.csv").write_text("period,event,booth_visitors,leads\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        f"note: {pack}/data/events.csv: the table has a header but no rows; "
        "read as none in every month of the pack's data"
    )
    from boardpack.api import evaluate, load_pack
    from boardpack.periods import parse_period
    from boardpack.slides import SLIDES, deck_result

    inputs = load_pack(pack)
    assert inputs.has("events") and inputs.present("events")
    metrics = evaluate(inputs, parse_period("2026-Q1"))
    assert metrics["event_visitor_to_lead"].reason == "data/events.csv gives no leads for 2026-Q1"
    appendix = SLIDES["appendix"].build(deck_result(inputs, metrics, parse_period("2026-Q1").last_day))
    assert appendix is not None
    assert not any("events.csv" in entry["file"] for entry in appendix.values["missing_data"])


def test_header_only_periodic_table_is_a_notice(pack: Path) -> None:
    (pack / "data/traffic.csv").write_text(
        "period,sessions,users,pageviews,avg_session_duration,bounce_rate\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert (
        f"note: {pack}/data/traffic.csv: the table has a header but no rows; its metrics are shown as unavailable"
        in (result.output.splitlines())
    )
    from boardpack.api import evaluate, load_pack
    from boardpack.periods import parse_period

    metrics = evaluate(load_pack(pack), parse_period("2026-Q1"))
    assert metrics["sessions"].reason == "data/traffic.csv has a header but no rows"


def test_junk_table_is_counted_in_full_and_200_listed(pack: Path) -> None:
    """About 3 MB of junk: every cell wrong, half of the rows alike and half all different."""
    rows = [",".join(["junk"] * 10) if i % 2 else ",".join(f"j{i}x{c}" for c in range(10)) for i in range(40_000)]
    (pack / "data/funnel.csv").write_text(FUNNEL + "\n".join(rows) + "\n", encoding="utf-8")
    assert (pack / "data/funnel.csv").stat().st_size > 2_500_000
    lines = refused(pack)
    assert len(lines) == 201
    assert lines[0] == (
        f"{pack}/data/funnel.csv:2:period: 'j0x0' is not a period; "
        "expected a month (2026-07), a quarter (2026-Q3) or a year (2026, FY2026)"
    )
    assert lines[-1] == f"400,000 problems in {pack}, the first 200 listed; nothing was written."


# quoted values are printed as they are


def test_emoji_markup_and_control_characters_printed_as_written(pack: Path) -> None:
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,", "2025-Q4,Ads :x: [bold]Q3[/bold] \x1b[31mred\x07,")
    assert one_problem(pack) == (
        f"{pack}/data/funnel.csv:3:channel: unknown channel 'Ads :x: [bold]Q3[/bold] [31mred'; "
        "expected one of the channels in boardpack.yaml: Channel A, Channel B"
    )


# YAML


def test_duplicate_key_in_settings(pack: Path) -> None:
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\ngross_margin: 0.6")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:9:1: key 'gross_margin' appears twice (first at line 6); expected each key once"
    )


def test_alias_bomb_of_mappings(pack: Path) -> None:
    bomb = "a: &a {k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1}\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} {{" + ", ".join(f"k{i}: *{previous}" for i in range(9)) + "}\n"
    (pack / "boardpack.yaml").write_text(
        (pack / "boardpack.yaml").read_text(encoding="utf-8")
        + f"targets:\n  nrr: 1\nbomb:\n  {bomb.replace(chr(10), chr(10) + '  ')}"
    )
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml: its aliases expand to more than 100,000 values; "
        "expected aliases that repeat a few values"
    )


def test_alias_that_contains_itself(pack: Path) -> None:
    add_setting(pack, "channels: &loop [Channel A, *loop]")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:9:11: an alias contains itself; expected aliases that point at values defined "
        "before them"
    )


@pytest.mark.parametrize("content", ["", "  \n\n# nothing yet\n"])
def test_empty_settings(pack: Path, content: str) -> None:
    (pack / "boardpack.yaml").write_text(content, encoding="utf-8")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml: the file is empty; expected a mapping of settings such as `company: ...`"
    )


def test_settings_that_are_a_sentence(pack: Path) -> None:
    (pack / "boardpack.yaml").write_text("Tiny Test Ltd, in euros\n", encoding="utf-8")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml: the file is a line of text; expected a mapping of settings such as `company: ...`"
    )


def test_yaml_syntax_error_names_line_and_column(pack: Path) -> None:
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: [1200")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:15:1: not valid YAML (expected ',' or ']', but got '?'); "
        "expected a mapping of settings such as `company: ...`"
    )


def test_rules_file_that_is_a_list(pack: Path) -> None:
    (pack / "rules.yaml").write_text("- id: a\n  metric: cpl\n  when: cpl > 1\n  text: hi\n", encoding="utf-8")
    add_setting(pack, "rules: rules.yaml")
    assert one_problem(pack) == f"{pack}/rules.yaml: the file is a list; expected a mapping with rules:"


def test_benchmarks_file_that_is_a_sentence(pack: Path) -> None:
    (pack / "bench.yaml").write_text("Our benchmarks are the board's own.\n", encoding="utf-8")
    add_setting(pack, "benchmarks: bench.yaml")
    assert one_problem(pack) == (f"{pack}/bench.yaml: the file is a line of text; expected a mapping with benchmarks:")


# rules that fail on the figures


def _rule(pack: Path, when: str, text: str = "hi") -> None:
    (pack / "rules.yaml").write_text(
        f'rules:\n  - id: x\n    metric: cpl\n    when: "{when}"\n    text: "{text}"\n', encoding="utf-8"
    )
    add_setting(pack, "rules: rules.yaml")


def test_rule_dividing_by_zero(pack: Path) -> None:
    _rule(pack, "cpl / 0 > 1")
    assert refused(pack, "build") == [
        "error: rules.yaml: rule 'x': float division by zero in its condition; expected a rule that can be "
        "evaluated on every period's figures; nothing was written"
    ]


def test_rule_that_loops_without_end(pack: Path) -> None:
    _rule(pack, "cpl > 0", "{% for i in range(99999) %}{% for j in range(99999) %}.{% endfor %}{% endfor %}")
    assert refused(pack, "build") == [
        "error: rules.yaml: rule 'x': loops of more than 100,000 steps in its text; expected a rule that can be "
        "evaluated on every period's figures; nothing was written"
    ]


def test_rule_raising_a_huge_power(pack: Path) -> None:
    _rule(pack, "2 ** 100000 > cpl")
    assert refused(pack, "build") == [
        "error: rules.yaml: rule 'x': a power above 1,000 in its condition; expected a rule that can be "
        "evaluated on every period's figures; nothing was written"
    ]


# brand files


def test_font_that_is_not_a_font(pack: Path) -> None:
    (pack / "fonts").mkdir()
    (pack / "fonts/Brand.ttf").write_text("<html>404 Not Found</html>", encoding="utf-8")
    add_setting(pack, "brand:\n  fonts:\n    body:\n      family: Brand\n      regular: fonts/Brand.ttf")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:brand.fonts.body.regular: 'fonts/Brand.ttf' cannot be used as a font "
        "(Not a TrueType or OpenType font (bad sfntVersion)); expected a TrueType or OpenType file (.ttf, .otf)"
    )


def test_web_font_the_charts_cannot_draw_with(pack: Path) -> None:
    """WeasyPrint embeds a WOFF, but matplotlib cannot open one: the charts failed with a traceback."""
    from fontTools.ttLib import TTFont

    (pack / "fonts").mkdir()
    font = TTFont(ROOT / "sample_data/harbor/assets/fonts/Roboto-Regular.ttf")
    font.flavor = "woff"
    font.save(pack / "fonts/Brand.woff")
    add_setting(pack, "brand:\n  fonts:\n    body:\n      family: Brand\n      regular: fonts/Brand.woff")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:brand.fonts.body.regular: 'fonts/Brand.woff' cannot be used as a font "
        "(a WOFF web font, which the charts cannot draw with); expected a TrueType or OpenType file (.ttf, .otf)"
    )


def test_logo_that_is_not_an_image(pack: Path) -> None:
    (pack / "logo.png").write_text("not a picture", encoding="utf-8")
    add_setting(pack, "brand:\n  logo: logo.png")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:brand.logo: 'logo.png' is not an image "
        f"(cannot identify image file '{pack}/logo.png'); expected a PNG or SVG logo"
    )


def test_messages_in_the_pack_language(pack: Path) -> None:
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nlanguage: fr\ngross_margin: 0.6")
    assert one_problem(pack) == (
        f"{pack}/boardpack.yaml:10:1: la clé «\u00a0gross_margin\u00a0» apparaît deux fois (d'abord à la ligne 6)"
        "\u00a0; attendu\u00a0: chaque clé une seule fois"
    )
