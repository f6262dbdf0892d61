"""The README is the newcomer's first page: short, and every command it names exists."""

from __future__ import annotations

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_is_short_and_user_first() -> None:
    assert len(README.splitlines()) < 80
    assert README.index("## Quick start") < README.index("## Install") < README.index("## The four commands")
    assert "docs/images/executive-summary.png" in README and (ROOT / "docs/images/executive-summary.png").is_file()
    for command in ("init", "validate", "build", "metrics"):
        assert f"boardpack {command} my-pack" in README


def test_links_to_the_docs_exist() -> None:
    import re

    for target in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / target).exists(), target


def test_quick_start_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci/run").read_text()
    demo = makefile[makefile.index("\ndemo:") :].split("\n\n")[0]
    assert "$(RUNTIME)" in demo and "[test]" not in demo  # the demo installs the runtime only


def test_public_api_from_the_package() -> None:
    from pathlib import Path

    import boardpack
    from tests.conftest import TINY

    pack = boardpack.load_pack(TINY)
    metrics = boardpack.evaluate(pack, boardpack.resolve_period(pack, "2026-Q1"))
    assert metrics.value("mrr") == 13000.0
    assert callable(boardpack.build_deck) and boardpack.BuildOptions(Path("out")).formats == ("pdf",)
    assert set(boardpack.__all__) <= set(dir(boardpack.api)) | {"PackInvalid", *boardpack._NOTEBOOK}
    assert boardpack.PeriodUnavailable is boardpack.api.PeriodUnavailable
