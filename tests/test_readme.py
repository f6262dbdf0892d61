"""The README's reference tables are generated from the code and must be current."""

from __future__ import annotations

from tests.conftest import ROOT, load_script

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_reference_tables_are_current() -> None:
    """Run `python scripts/update_readme.py` after changing the catalogue, settings or tables."""
    assert load_script("update_readme").render(README) == README


def test_every_metric_id_and_setting_is_documented() -> None:
    from boardpack.inputs.config import PackConfig
    from boardpack.metrics import load_catalogue

    for metric in load_catalogue().metrics.values():
        assert f"| `{metric.id}` |" in README
    for key in PackConfig.model_fields:
        assert f"| `{key}" in README, key


def test_quick_start_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_public_api_from_the_package() -> None:
    from pathlib import Path

    import boardpack
    from tests.conftest import TINY

    pack = boardpack.load_pack(TINY)
    metrics = boardpack.evaluate(pack, boardpack.resolve_period(pack, "2026-Q1"))
    assert metrics.value("mrr") == 13000.0
    assert callable(boardpack.build_deck) and boardpack.BuildOptions(Path("out")).formats == ("pdf",)
    assert set(boardpack.__all__) <= set(dir(boardpack.api)) | {"PackInvalid", *boardpack._NOTEBOOK}
