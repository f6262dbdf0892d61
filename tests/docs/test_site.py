"""The documentation site builds strictly (no broken link, no missing page), and its generated reference
follows the code: every metric id, setting and table is on the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytest.importorskip("mkdocs", reason="the docs extra (in the test extra) installs MkDocs")
pytest.importorskip("material", reason="the docs extra (in the test extra) installs the Material theme")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_every_page_is_built(site: Path) -> None:
    for page in (ROOT / "docs").glob("*.md"):
        built = site / "index.html" if page.stem == "index" else site / page.stem / "index.html"
        assert built.is_file(), page.name
    assert (site / "notebook.ipynb").is_file() and (site / "schemas/metrics.schema.json").is_file()
    assert (site / "images/executive-summary.png").is_file()


def test_metric_reference_is_generated_from_the_catalogue(site: Path) -> None:
    from boardpack import api

    html = (site / "metrics/index.html").read_text(encoding="utf-8")
    assert "<!-- reference" not in html
    for metric in api.load_catalogue().metrics.values():
        assert f"<code>{metric.id}</code>" in html, metric.id
    assert "David Skok, SaaS Metrics 2.0, 2013" in html  # a benchmark and its source


def test_every_setting_and_table_is_documented(site: Path) -> None:
    from boardpack.inputs.config import PackConfig
    from boardpack.inputs.tables import TABLES

    html = (site / "filling-a-pack/index.html").read_text(encoding="utf-8")
    for key in PackConfig.model_fields:
        assert f"<code>{key}" in html, key
    for name in TABLES:
        assert f"<code>{name}.csv</code>" in html, name
