"""Hostile and careless packs beyond the common mistakes: each is refused with a message that names
what was found and what was expected, nothing is written, and an earlier deck comes through intact."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from boardpack.cli import app
from tests.cli.test_bad_input import add_setting, refused
from tests.conftest import EARLIER, edit

runner = CliRunner()


def _earlier_intact(folder: Path) -> None:
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (folder / "out/board-2026-Q1.pdf").read_bytes() == EARLIER


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if not line.startswith("boardpack: ")]


# where the outputs go


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--out-dir", "{pack}/notes.txt"],
            "--out-dir {pack}/notes.txt: a file, not a folder; expected a folder for the outputs",
        ),
        (
            ["--out-dir", "{pack}/notes.txt/decks"],
            "--out-dir {pack}/notes.txt/decks: {pack}/notes.txt is a file, not a folder; expected a folder to write in",
        ),
        (["--out", "{pack}/out"], "--out {pack}/out: a folder; expected the PDF's file name"),
    ],
    ids=["out-dir-is-a-file", "out-dir-under-a-file", "out-is-a-folder"],
)
def test_output_path_that_cannot_be_written(pack: Path, options: list[str], message: str) -> None:
    (pack / "notes.txt").write_text("not a folder")
    args = [option.format(pack=pack) for option in options]
    result = runner.invoke(app, ["build", str(pack), "-f", "pdf,json", *args])
    assert result.exit_code == 2, result.output
    assert _lines(result.output) == [f"error: {message.format(pack=pack)}; nothing was written"]
    assert (pack / "notes.txt").read_text() == "not a folder"
    _earlier_intact(pack)


# --previous: the metrics JSON (or PDF) of an earlier deck


def _previous(**changes: object) -> str:
    """A metrics JSON of the tiny pack's 2026-Q1 deck as the build writes it (its MRR figures), changed."""
    import json

    document = {
        "period": "2026-Q1",
        "prior_period": "2025-Q4",
        "currency": "EUR",
        "metrics": {"mrr": {"value": 13000.0, "prior": 11100.0}},
    }
    return json.dumps({**document, **changes})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "board.pdf",
            "%PDF-1.7\nnot really a PDF",
            "{file}: cannot be read as a PDF (Stream has ended unexpectedly); expected a deck built by boardpack",
        ),
        (
            "board.json",
            "[" * 100_000,
            "{file}: cannot be read (maximum recursion depth exceeded while decoding a JSON array from a "
            "unicode string)",
        ),
        (
            "board.json",
            _previous(metrics={"mrr": {"value": "13,000", "prior": 11100.0}}),
            "{file}:metrics.mrr.value: '13,000'; expected a number or null",
        ),
        (
            "board.json",
            _previous(currency="USD"),
            "{file}:currency: USD; expected EUR, the pack currency (a metrics JSON of another pack?)",
        ),
        (
            "board.json",
            _previous(period="2030-Q1", prior_period="2029-Q4"),
            "{file}:period: 2030-Q1 is outside the pack's data, which covers 2025-10 to 2026-03; expected the "
            "metrics JSON of an earlier deck of this pack",
        ),
        (
            "board.json",
            _previous(prior_period=None).replace('"prior_period": null, ', ""),
            "{file}:prior_period: missing; expected a boardpack metrics JSON",
        ),
    ],
    ids=["pdf-that-is-not-one", "json-nested-deep", "figure-as-text", "another-currency", "another-time", "no-prior"],
)
def test_previous_that_cannot_be_compared(pack: Path, tmp_path: Path, name: str, content: str, message: str) -> None:
    previous = tmp_path / name
    previous.write_text(content)
    result = runner.invoke(app, ["build", str(pack), "-f", "pdf,json", "--previous", str(previous)])
    assert result.exit_code == 1, result.output
    assert _lines(result.output) == [f"error: {message.format(file=previous)}; nothing was written"]
    _earlier_intact(pack)


def test_previous_of_this_pack_is_compared(pack: Path, tmp_path: Path) -> None:
    previous = tmp_path / "board.json"
    previous.write_text(_previous())
    result = runner.invoke(app, ["build", str(pack), "-f", "json", "--previous", str(previous)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output)[-1] == "0 restated figures"


# boardpack.yaml


def test_setting_that_is_not_a_finite_number(pack: Path) -> None:
    """`.inf` as a target judged every CAC on target and wrote `Infinity`, which is not JSON."""
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: .inf")
    add_setting(pack, "health:\n  weights:\n    usage: .nan")
    assert refused(pack)[:-1] == [
        f"{pack}/boardpack.yaml:11:health.weights.usage: Input should be a finite number",
        f"{pack}/boardpack.yaml:16:targets.cac.value: Input should be a finite number",
    ]


def test_setting_that_is_yes_where_a_number_is_expected(pack: Path) -> None:
    """YAML reads `yes` as true, which was taken as 1: a fiscal year starting in January without a word."""
    add_setting(pack, "fiscal_year_start: yes")
    assert refused(pack) == [
        f"{pack}/boardpack.yaml:9:fiscal_year_start: Input should be a valid integer",
        f"1 problem in {pack}; nothing was written.",
    ]


# workbooks


def _workbook_pack(folder: Path, change: Callable[[Any], None]) -> None:
    """The pack's CSV tables moved into data/pack.xlsx, numbers typed as numbers, then `change`d."""
    import csv

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for path in sorted((folder / "data").glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        with path.open(encoding="utf-8") as handle:
            for i, row in enumerate(csv.reader(handle)):
                sheet.append([float(c) if i and j > 1 and c.isdigit() else c for j, c in enumerate(row)])
        path.unlink()
    change(workbook)
    workbook.save(folder / "data/pack.xlsx")
    add_setting(folder, "workbook: data/pack.xlsx")


def test_workbook_cell_far_away_is_not_a_million_rows(pack: Path) -> None:
    """One stray cell at XFD1048576 made every row 16,384 cells wide and a million long: no end in sight."""

    def stray(workbook: Any) -> None:
        workbook["spend"]["XFD1048576"] = "x"
        workbook["spend"]["C5"] = None  # a type left out, so the pack is refused after the whole sheet is read

    _workbook_pack(pack, stray)
    started = time.monotonic()
    assert refused(pack)[0] == "data/pack.xlsx[spend]:5:type: '' is not a spend type; expected marketing or sales"
    assert time.monotonic() - started < 20


def test_workbook_formula_without_a_saved_value(pack: Path) -> None:
    """A workbook written by a script keeps formulas without values: read as blanks they were figures `not tracked`."""

    def formulas(workbook: Any) -> None:
        workbook["funnel"]["C2"] = "=24000+1000"  # visitors, a column where a blank means not tracked

    _workbook_pack(pack, formulas)
    assert refused(pack) == [
        "data/pack.xlsx[funnel]:2:visitors: the formula '=24000+1000' has no value saved with it; expected its value "
        "(open the workbook in a spreadsheet program and save it, or type the value)",
        f"1 problem in {pack}; nothing was written.",
    ]


# raw exports


def test_ledger_rows_that_would_count_wrong(tmp_path: Path) -> None:
    """Rows that gave a wrong MRR without a word: the same subscription twice, a negative quantity (negative MRR),
    a zero interval count (MRR divided by zero) and a discount above 100% (negative MRR)."""
    folder = tmp_path / "folder"
    (folder / "exports").mkdir(parents=True)
    (folder / "out").mkdir()
    (folder / "out/board-2026-Q1.pdf").write_bytes(EARLIER)
    header = "subscription,customer,plan,start,end,amount,interval,interval_count,quantity,discount_percent\n"
    good = "".join(f"s{i},c{i},Pro,2026-01-0{1 + i % 9},,10,month,1,1,\n" for i in range(20))
    periods = "p1,c99,Pro,2026-01-01,2026-02-01,10,month,1,1,\np1,c99,Pro,2026-02-01,,12,month,1,1,\n"  # one per period
    bad = (
        "s3,c3,Pro,2026-01-04,,10,month,1,1,\n"  # line 5 again
        "n1,c51,Pro,2026-01-02,,10,month,1,-3,\n"
        "z1,c52,Pro,2026-01-02,,10,month,0,1,\n"
        "d1,c53,Pro,2026-01-02,,10,month,1,1,150\n"
    )
    (folder / "exports/ledger.csv").write_text(header + good + periods + bad)
    (folder / "boardpack.yaml").write_text(
        "company: Raw Ltd\nchannels: [Organic search]\nraw:\n  billing:\n    file: exports/ledger.csv\n"
        "    as_of: 2026-03-31\n    max_bad_rows: 0\n"
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert _lines(result.output) == [
        f"{folder}/exports/ledger.csv: 4 of 26 rows cannot be read (15.4%); expected at most 0.0% (max_bad_rows in "
        "boardpack.yaml)",
        f"{folder}/exports/ledger.csv:24:subscription: starts before line 5 of the same subscription ends; expected "
        "one row per subscription at a time (an export pasted twice counts it twice)",
        f"{folder}/exports/ledger.csv:25:quantity: -3 is negative; expected a whole number ≥ 0 or a blank cell",
        f"{folder}/exports/ledger.csv:26:interval_count: 0 is not above 0; expected a number > 0 or a blank cell",
        f"{folder}/exports/ledger.csv:27:discount_percent: 150 is not a percentage; expected 0 to 100 or a blank cell",
        f"5 problems in {folder}.",
    ]
    _earlier_intact(folder)


def test_ledger_dates_of_year_1_or_9999(tmp_path: Path) -> None:
    """A start in year 1 made the data run from 0001-01 (24,309 months); 9999-12-31, a placeholder for no end,
    is read as no end."""
    folder = tmp_path / "folder"
    (folder / "exports").mkdir(parents=True)
    (folder / "exports/ledger.csv").write_text(
        "subscription,customer,plan,start,end,amount,interval\n"
        "s1,c1,Pro,2026-01-05,9999-12-31,10,month\n"
        "s2,c2,Pro,0001-01-01,,10,month\n"
    )
    (folder / "boardpack.yaml").write_text(
        "company: Raw Ltd\nchannels: [Organic search]\nraw:\n  billing:\n    file: exports/ledger.csv\n"
        "    as_of: 2026-03-31\n    max_bad_rows: 0.5\n"
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output) == [
        f"{folder} is valid: tables revenue; data from 2026-01 to 2026-03 (3 months in 1 quarter).",
        f"note: {folder}/exports/ledger.csv: 1 of 2 rows left out as unreadable, first: exports/ledger.csv:3:start: "
        "'0001-01-01' is not a date; expected a date such as 2026-07-14",
    ]


# names that look alike


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "boardpack.yaml",
            "company: Tiny Test Ltd",
            "company: Tiny Test\u202e Ltd",
            "boardpack.yaml:2:company: 'Tiny Test<U+202E> Ltd' holds an invisible character (<U+202E>); expected "
            "visible characters only",
        ),
        (
            "data/spend.csv",
            "2025-10,Channel A,",
            "2025-10,Channel A\u200b,",
            "data/spend.csv:2:channel: unknown channel 'Channel A<U+200B>'; expected one of the channels in "
            "boardpack.yaml: Channel A, Channel B",
        ),
    ],
    ids=["right-to-left-override-in-company", "zero-width-space-in-a-cell"],
)
def test_invisible_characters_are_shown(pack: Path, file: str, old: str, new: str, message: str) -> None:
    """A zero-width space made 'Channel A' unknown beside a declared 'Channel A'; an override reversed the cover."""
    edit(pack / file, old, new)
    assert refused(pack) == [f"{pack}/{message}", f"1 problem in {pack}; nothing was written."]


def test_crm_contact_exported_twice(tmp_path: Path) -> None:
    """A contact on two lines (two exports joined) counted a lead, a customer and a conversion twice."""
    folder = tmp_path / "folder"
    (folder / "exports").mkdir(parents=True)
    won = "1,2026-01-03,customer,Organic search,google,2026-01-03,2026-01-10,2026-02-01,2026-02-05,2026-03-01\n"
    (folder / "exports/contacts.csv").write_text(
        "Record ID,Create Date,Lifecycle Stage,Original Source,Original Source Drill-Down 1,Became a Lead Date,"
        "Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Became an Opportunity Date,"
        "Became a Customer Date\n"
        + won
        + "2,2026-01-20,marketingqualifiedlead,Paid search,ads,2026-01-20,2026-02-04,,,\n"
        + won
    )
    (folder / "boardpack.yaml").write_text(
        "company: Raw Ltd\nchannels: [Organic search, Paid search]\nraw:\n  crm:\n    file: exports/contacts.csv\n"
        "    max_bad_rows: 0\n"
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert _lines(result.output) == [
        f"{folder}/exports/contacts.csv: 1 of 3 rows cannot be read (33.3%); expected at most 0.0% (max_bad_rows in "
        "boardpack.yaml)",
        f"{folder}/exports/contacts.csv:4:Record ID: '1' again (first at line 2); expected each contact once (an "
        "export pasted twice)",
        f"2 problems in {folder}.",
    ]
