"""The preview in a real browser: headless Chromium opens it, reads the slides, and sees an edit arrive.

Chromium comes from Debian (`chromium`); `.ci/run` installs it. Without it the test is skipped on a
developer's machine and fails in CI, where it must run. The page runs under the server's
Content-Security-Policy (no eval), so waits are written as functions, never as strings to evaluate.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from boardpack.preview import Preview

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SLIDES = [
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
    "all-steps",
    "appendix",
]

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tiny_copy: Callable[[], Path]) -> Iterator[tuple[Preview, Path]]:
    pack = tiny_copy()
    server = Preview(pack, port=_free_port(), interval=0.2)
    server.start()
    yield server, pack
    server.stop()


@pytest.fixture
def console() -> list[str]:
    """What the page printed to its console: a Content-Security-Policy violation shows up here."""
    return []


@pytest.fixture
def page(console: list[str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        opened = browser.new_page(viewport={"width": 1400, "height": 900})
        opened.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        opened.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        yield opened
        browser.close()


def test_every_slide_with_its_figures_then_an_edit_arrives(  # type: ignore[no-untyped-def]
    preview: tuple[Preview, Path], page, console: list[str]
) -> None:
    server, pack = preview
    response = page.goto(server.url)
    assert "script-src 'nonce-" in response.headers["content-security-policy"]
    ids = page.eval_on_selector_all("section.slide", "nodes => nodes.map(n => n.id)")
    assert ids == SLIDES
    summary = page.inner_text("#summary")
    assert "€13K" in summary and "91.9%" in summary  # MRR and NRR of the tiny case
    assert "€13,000" in page.inner_text("#revenue")
    assert page.eval_on_selector_all("img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).length") == 0

    # a late deal: March gains 500 of new MRR; the page reloads by itself and shows the new MRR
    revenue = pack / "data/revenue.csv"
    revenue.write_text(revenue.read_text().replace("2026-03,All,13000,126,900,", "2026-03,All,13500,126,1400,"))
    page.wait_for_function(
        "() => document.querySelector('#revenue') && document.querySelector('#revenue').innerText.includes('€13,500')",
        timeout=30000,
    )
    assert server.state.version >= 2

    # a broken edit shows the problem in the page, and fixing it brings the deck back
    revenue.write_text(revenue.read_text().replace("2026-03,All,13500,", "2026-03,All,lots,"))
    page.wait_for_function("() => document.body.innerText.includes('is not a number')", timeout=30000)
    assert "data/revenue.csv:7:mrr: 'lots' is not a number; expected an amount ≥ 0" in page.inner_text("body")
    revenue.write_text(revenue.read_text().replace("2026-03,All,lots,", "2026-03,All,13500,"))
    page.wait_for_selector("#revenue", timeout=30000)
    # the reload script ran under the page's policy (each reload above proves it), and nothing was refused
    assert [line for line in console if "Content Security Policy" in line or "pageerror" in line] == []


def test_a_rebound_host_gets_nothing(preview: tuple[Preview, Path], page) -> None:  # type: ignore[no-untyped-def]
    """A page at evil.com that rebinds its name to 127.0.0.1 sends `Host: evil.com`: it gets a 403."""
    server, _ = preview
    response = page.request.get(server.url, headers={"Host": "evil.com"})
    assert response.status == 403
    assert "Tiny Test Ltd" not in response.text()
    assert page.request.get(server.url).status == 200


def test_standalone_html_shows_its_images_and_fetches_nothing(  # type: ignore[no-untyped-def]
    tmp_path: Path, page, console: list[str]
) -> None:
    from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period
    from tests.conftest import ROOT

    pack = load_pack(ROOT / "sample_data/harbor")
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(tmp_path, formats=("html",)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(result.files[0].as_uri())
    assert page.eval_on_selector_all("img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).length") == 0
    assert page.evaluate("document.fonts.check('12px Roboto')")
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert [line for line in console if "Content Security Policy" in line or "pageerror" in line] == []


def test_notes_and_templates_trigger_a_rebuild(preview: tuple[Preview, Path], page) -> None:  # type: ignore[no-untyped-def]
    server, pack = preview
    page.goto(server.url)
    (pack / "notes.md").write_text("## retention\nRenewals moved to **April**.\n")
    page.wait_for_function(
        "() => document.querySelector('#retention').innerText.includes('Renewals moved to April')", timeout=30000
    )
    assert page.inner_html("#retention .next-steps li.note strong") == "April"
