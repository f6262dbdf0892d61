"""What a deck embeds and carries: the brand's and the theme's files only, no remote fetch from the standalone
HTML, and the attachments `attach:` asks for."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period
from boardpack.cli import app
from boardpack.render.access import STANDALONE_POLICY
from boardpack.render.attachments import attachments
from tests.conftest import ROOT, edit

runner = CliRunner()
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
AGGREGATED = [
    "email.csv",
    "events.csv",
    "finance.csv",
    "funnel.csv",
    "milestones.csv",
    "pipeline.csv",
    "revenue.csv",
    "social.csv",
]
AGGREGATED += ["spend.csv", "traffic.csv"]
CUSTOMER_LEVEL = ["churn_reasons.csv", "customers.csv", "demos.csv", "opportunities.csv", "touches.csv", "trials.csv"]
CUSTOMER_LEVEL += ["wins.csv"]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A pack with every table (as `boardpack init` makes it), its deck built once per `attach:` setting."""
    from boardpack.inputs.scaffold import init_pack

    root = tmp_path_factory.mktemp("attach")
    pack = root / "pack"
    init_pack(pack, "Acme SaaS")
    built = {}
    for setting in ("none", "metrics", "default", "all"):
        config = (pack / "boardpack.yaml").read_text()
        line = "" if setting == "default" else f"attach: {setting}\n"
        (pack / "boardpack.yaml").write_text(config.split("attach:")[0].rstrip("\n") + "\n" + line)
        loaded = load_pack(pack)
        out = root / f"{setting}.pdf"
        build_deck(loaded, resolve_period(loaded, None), BuildOptions(root, pdf_out=out))
        built[setting] = out
    built["pack"] = pack
    return built


def test_attach_none_carries_nothing(decks: dict[str, Path]) -> None:
    assert PdfReader(decks["none"]).attachments == {}


def test_attach_metrics_carries_the_json_only(decks: dict[str, Path]) -> None:
    attached = PdfReader(decks["metrics"]).attachments
    assert sorted(attached) == ["board-2026-08.json"]
    assert "mrr" in json.loads(attached["board-2026-08.json"][0])["metrics"]


def test_default_leaves_out_customer_level_tables(decks: dict[str, Path]) -> None:
    attached = PdfReader(decks["default"]).attachments
    assert sorted(attached) == ["board-2026-08.json", *AGGREGATED]
    assert attached["revenue.csv"][0] == (decks["pack"] / "data/revenue.csv").read_bytes()


def test_attach_all_carries_every_table(decks: dict[str, Path]) -> None:
    attached = PdfReader(decks["all"]).attachments
    assert sorted(attached) == sorted(["board-2026-08.json", *AGGREGATED, *CUSTOMER_LEVEL])
    assert attached["customers.csv"][0] == (decks["pack"] / "data/customers.csv").read_bytes()


def test_raw_exports_are_customer_level() -> None:
    pack = load_pack(ROOT / "sample_data/northwind-raw")
    names = [name for name, *_ in attachments(pack, "board.json", "{}")]
    assert "subscriptions.csv" not in names and "contacts.csv.gz" not in names and "customers.csv" not in names
    assert "spend.csv" in names and "board.json" in names
    everything = pack.config.model_copy(update={"attach": "all"})
    names = [name for name, *_ in attachments(type(pack)(**{**pack.__dict__, "config": everything}), "b.json", "{}")]
    assert {"subscriptions.csv", "contacts.csv.gz", "customers.csv"} <= set(names)


def test_previous_deck_without_metrics_asks_for_the_json(decks: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(decks["pack"]), "--out-dir", str(out), "--previous", str(decks["none"])])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"error: {decks['none']}: carries no metrics JSON (a deck built with `attach: none`, or not by boardpack); "
        "expected the earlier build's metrics JSON (board-PERIOD.json from `--format json`) as --previous; "
        "nothing was written"
    )
    assert not out.exists()


def test_attach_is_validated(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nattach: everything")
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{pack}/boardpack.yaml:9:attach: Input should be 'none', 'metrics', 'tables' or 'all'"
    )


@pytest.fixture(scope="module")
def hostile_theme_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str], Path]:
    """The tiny pack built to PDF and HTML with a theme whose stylesheet points everywhere."""
    import shutil

    root = tmp_path_factory.mktemp("hostile-theme")
    pack = root / "pack"
    shutil.copytree(ROOT / "tests/cases/tiny", pack)
    (pack / "notes.md").write_text("## retention\n<img src='file:///etc/hostname'> url(file:///etc/hostname)\n")
    theme = root / "theme"
    theme.mkdir()
    (theme / "bg.png").write_bytes(PNG)
    (theme / "leak.png").symlink_to("/etc/passwd")  # an image of the theme that is really a link out
    (theme / "style.css").write_text(
        '@import "https://example.invalid/remote.css";\n'
        f'.cover {{ background: url("{(theme / "bg.png").as_uri()}"); }}\n'
        f'h1 {{ background-image: url("{(pack / "data/revenue.csv").as_uri()}"); }}\n'
        f'h2 {{ background-image: url("{(theme / "leak.png").as_uri()}"); }}\n'
        'h3 { background-image: url("file:///etc/passwd"); }\n'
        "td { background-image: url(http://example.invalid/pixel.png); }\n"
    )
    loaded = load_pack(pack)
    out = root / "out"
    options = BuildOptions(out, formats=("pdf", "html"), theme=theme)
    result = build_deck(loaded, resolve_period(loaded, None), options)
    return out / "board-2026-Q1.html", pack, result.warnings, theme


def test_standalone_html_refuses_what_the_pdf_refuses(hostile_theme_deck: tuple[Path, Path, list[str], Path]) -> None:
    html_file, pack, warnings, theme = hostile_theme_deck
    refused = [w for w in warnings if w.startswith("refused to fetch")]
    assert sorted(refused) == sorted(
        [
            "refused to fetch https://example.invalid/remote.css",
            f"refused to fetch {(pack / 'data/revenue.csv').as_uri()}",
            f"refused to fetch {(theme / 'leak.png').as_uri()}",
            "refused to fetch file:///etc/passwd",
            "refused to fetch http://example.invalid/pixel.png",
        ]
    )
    html = html_file.read_text()
    assert "example.invalid" not in html and 'url("file:' not in html and 'src="file:' not in html
    assert base64.b64encode((pack / "data/revenue.csv").read_bytes()).decode()[:40] not in html
    assert base64.b64encode(Path("/etc/passwd").read_bytes()).decode()[:40] not in html


def test_standalone_html_embeds_the_theme_image_and_allows_no_fetch(
    hostile_theme_deck: tuple[Path, Path, list[str], Path],
) -> None:
    html = hostile_theme_deck[0].read_text()
    assert f'url("data:image/png;base64,{base64.b64encode(PNG).decode()}")' in html
    assert f'<meta http-equiv="Content-Security-Policy" content="{STANDALONE_POLICY}">' in html
    assert STANDALONE_POLICY.startswith("default-src 'none'; img-src data:; font-src data:;")
    # text that merely reads like a tag or a url() is text: shown as written, fetched by nobody
    assert "&lt;img src='file:///etc/hostname'&gt; url(file:///etc/hostname)" in html
