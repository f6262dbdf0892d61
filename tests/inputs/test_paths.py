"""Hostile packs: every path a pack names stays inside it (tables also in the data folder, brand files also in
the theme), a link out is refused, and no refusal ever shows what lies where the path leads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import load_pack
from boardpack.cli import app
from tests.conftest import edit

runner = CliRunner()
SECRET = "TOP-SECRET-7f3a"  # in every file outside the pack: it must never reach an output
EARLIER = b"the deck built last month"


@pytest.fixture
def hostile(tiny_copy: Callable[[], Path], tmp_path: Path) -> tuple[Path, Path]:
    """The tiny pack with last month's deck in out/, and a folder beside it full of secrets."""
    pack = tiny_copy()
    (pack / "out").mkdir()
    (pack / "out/board-2026-Q1.pdf").write_bytes(EARLIER)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text(f"## nrr\n{SECRET}\n")
    (outside / "table.csv").write_text(f"period,channel,{SECRET}\n2026-01,Channel A,1\n")
    (outside / "logo.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{SECRET}</text></svg>')
    (outside / "rules.yaml").write_text(f"rules:\n  - id: x\n    text: {SECRET}\n")
    return pack, outside


def refused(pack: Path, *options: str, code: int = 1) -> list[str]:
    """Build the pack: it must fail with `code`, quote no secret, write nothing and keep last month's deck."""
    result = runner.invoke(app, ["build", str(pack), "--format", "pdf,html,json", *options])
    assert result.exit_code == code, result.output
    assert SECRET not in result.output and "root:x:" not in result.output
    assert sorted(p.name for p in (pack / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (pack / "out/board-2026-Q1.pdf").read_bytes() == EARLIER
    return [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]


def _setting(pack: Path, text: str) -> None:
    edit(pack / "boardpack.yaml", "segments: [All]", f"segments: [All]\n{text}")


def test_notes_outside_the_pack(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    _setting(pack, "notes: ../../outside/notes.md")
    assert refused(pack) == [
        f"{pack}/boardpack.yaml:notes: '../../outside/notes.md' is outside the pack folder; expected a file inside it",
        f"1 problem in {pack}; nothing was written.",
    ]


def test_rules_by_absolute_path(hostile: tuple[Path, Path]) -> None:
    pack, outside = hostile
    _setting(pack, f"rules: {outside}/rules.yaml")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:rules: '{outside}/rules.yaml' is outside the pack folder; expected a file inside it"
    )


def test_benchmarks_at_etc_passwd_is_refused_unread(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    _setting(pack, "benchmarks: /etc/passwd")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:benchmarks: '/etc/passwd' is outside the pack folder; expected a file inside it"
    )


def test_default_notes_file_that_links_out(hostile: tuple[Path, Path]) -> None:
    pack, outside = hostile
    (pack / "notes.md").symlink_to(outside / "notes.md")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:notes: 'notes.md' is a link that leaves the pack folder; expected a file inside it"
    )


def test_folder_in_the_pack_that_links_out(hostile: tuple[Path, Path]) -> None:
    pack, outside = hostile
    (pack / "docs").symlink_to(outside)
    _setting(pack, "notes: docs/notes.md")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:notes: 'docs/notes.md' is a link that leaves the pack folder; expected a file inside it"
    )


@pytest.mark.parametrize("target", ["secret", "/etc/passwd"])
def test_table_that_links_out_quotes_nothing_of_its_target(hostile: tuple[Path, Path], target: str) -> None:
    pack, outside = hostile
    (pack / "data/customers.csv").symlink_to(outside / "table.csv" if target == "secret" else Path(target))
    assert refused(pack) == [
        f"{pack}/data/customers.csv: 'data/customers.csv' is a link that leaves the pack and data folders; "
        "expected a file inside one of them",
        f"1 problem in {pack}; nothing was written.",
    ]


def test_workbook_outside_the_pack_and_data_folders(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    _setting(pack, "workbook: ../outside/book.xlsx")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:workbook: '../outside/book.xlsx' is outside the pack and data folders; "
        "expected a file inside one of them"
    )


def test_raw_export_outside_the_pack_and_data_folders(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    _setting(pack, "raw:\n  billing:\n    file: ../../outside/table.csv")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:raw.billing.file: '../../outside/table.csv' is outside the pack and data folders; "
        "expected a file inside one of them"
    )


def test_raw_export_in_a_shared_data_folder_is_read(tmp_path: Path) -> None:
    """Exports are data: in a data folder outside the pack they are read like its tables."""
    shared = tmp_path / "shared"
    (shared / "exports").mkdir(parents=True)
    (shared / "exports/ledger.csv").write_text(
        "subscription,customer,plan,start,end,amount,interval,quantity\ns1,c1,Pro,2026-01-15,,120,month,1\n"
    )
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "boardpack.yaml").write_text(
        "company: Raw Ltd\nchannels: [Organic search]\ndata: ../shared\n"
        "raw:\n  billing:\n    file: ../shared/exports/ledger.csv\n    as_of: 2026-02-28\n"
    )
    loaded = load_pack(pack)
    assert loaded.sources["revenue"] == "../shared/exports/ledger.csv"
    assert [row.mrr for row in loaded.rows("revenue")] == [120.0, 120.0]


def test_logo_that_links_to_etc_passwd(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    (pack / "logo.svg").symlink_to("/etc/passwd")
    _setting(pack, "brand:\n  logo: logo.svg")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:brand.logo: 'logo.svg' is a link that leaves the pack folder; expected a file inside it"
    )


def test_font_outside_the_pack_and_theme(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    pack, _ = hostile
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_text("h1 { color: #123456; }\n")
    _setting(pack, f"theme: {theme}\nbrand:\n  fonts:\n    body: {{family: X, regular: ../outside/x.ttf}}")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:brand.fonts.body.regular: '../outside/x.ttf' is outside the pack and theme folders; "
        "expected a file inside one of them"
    )


@pytest.mark.parametrize("folder", ["/", "/etc", "~"])
def test_theme_at_the_root_a_system_or_the_home_folder(hostile: tuple[Path, Path], folder: str) -> None:
    pack, _ = hostile
    value = str(Path.home()) if folder == "~" else folder
    _setting(pack, f"theme: {value}")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:theme: '{value}' is the root, a home or a system folder; expected a theme folder"
    )


@pytest.mark.parametrize("folder", ["/", "/proc/self"])
def test_data_folder_at_the_root_or_a_system_folder(hostile: tuple[Path, Path], folder: str) -> None:
    pack, _ = hostile
    _setting(pack, f"data: {folder}")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:data: '{folder}' is the root, a home or a system folder; "
        "expected a folder of data tables"
    )


def test_theme_folder_without_templates(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    pack, _ = hostile
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos/cat.png").write_bytes(b"\x89PNG")
    _setting(pack, f"theme: {tmp_path}/photos")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:theme: '{tmp_path}/photos' holds no templates (*.j2) and no style.css; "
        "expected a theme folder (`boardpack theme init`)"
    )


def test_theme_stylesheet_that_links_out(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    pack, outside = hostile
    (pack / "theme").mkdir()
    (pack / "theme/style.css").symlink_to(outside / "notes.md")
    _setting(pack, "theme: theme")
    assert refused(pack)[0] == (
        f"{pack}/boardpack.yaml:theme: 'theme/style.css' is a link that leaves the theme folder; "
        "expected a file inside it"
    )


def test_theme_template_that_links_out_given_on_the_command_line(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    pack, _ = hostile
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides/cover.html.j2").symlink_to("/etc/passwd")
    assert refused(pack, "--theme", str(theme), code=2) == [
        f"error: --theme: '{theme}/slides/cover.html.j2' is a link that leaves the theme folder; "
        "expected a file inside it"
    ]


def test_theme_on_the_command_line_at_the_root(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    assert refused(pack, "--theme", "/", code=2) == [
        "error: --theme: '/' is the root, a home or a system folder; expected a theme folder"
    ]


def test_every_refusal_at_once_in_french(hostile: tuple[Path, Path]) -> None:
    pack, _ = hostile
    _setting(pack, "language: fr\nnotes: ../outside/notes.md\nbenchmarks: /etc/passwd")
    assert refused(pack) == [
        f"{pack}/boardpack.yaml:benchmarks: «\u00a0/etc/passwd\u00a0» est en dehors du dossier du pack\u00a0; "
        "attendu\u00a0: un fichier à l'intérieur",
        f"{pack}/boardpack.yaml:notes: «\u00a0../outside/notes.md\u00a0» est en dehors du dossier du pack\u00a0; "
        "attendu\u00a0: un fichier à l'intérieur",
        f"2 problèmes dans {pack}\u00a0; rien n'a été écrit.",
    ]


@pytest.mark.parametrize("make", ["folder", "pipe"])
def test_table_that_is_a_folder_or_a_pipe(hostile: tuple[Path, Path], make: str) -> None:
    """A pipe named `.csv` would keep the reader waiting for ever; a folder would end in a traceback."""
    import os

    pack, _ = hostile
    target = pack / "data/traffic.csv"
    target.mkdir() if make == "folder" else os.mkfifo(target)
    assert refused(pack) == [
        f"{pack}/data/traffic.csv: not a regular file (a folder, a pipe or a device); expected a CSV table",
        f"1 problem in {pack}; nothing was written.",
    ]


@pytest.mark.parametrize(("setting", "name"), [(None, "notes.md"), ("rules: r.yaml", "r.yaml")])
def test_named_file_that_is_a_folder_or_a_pipe(hostile: tuple[Path, Path], setting: str | None, name: str) -> None:
    """Even the optional notes.md: something stands where the file would, and the user meant it to be read."""
    import os

    pack, _ = hostile
    if setting:
        _setting(pack, setting)
        os.mkfifo(pack / name)
    else:
        (pack / name).mkdir()
    key = name.split(".")[0] if not setting else "rules"
    assert refused(pack) == [
        f"{pack}/boardpack.yaml:{key}: '{name}' is not a regular file (a folder, a pipe or a device); expected a file",
        f"1 problem in {pack}; nothing was written.",
    ]
