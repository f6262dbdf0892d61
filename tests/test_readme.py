"""The README documents every metric id and every boardpack.yaml key, so it cannot fall behind."""

from __future__ import annotations

from boardpack.inputs.config import PackConfig
from boardpack.metrics import load_catalogue
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_metric_id_is_documented() -> None:
    for metric in load_catalogue().metrics.values():
        assert f"| `{metric.id}` | {metric.label} | {metric.unit} | {metric.direction} | {metric.formula} |" in README


def test_every_config_key_is_documented() -> None:
    for key in PackConfig.model_fields:
        assert f"| `{key}" in README, key


def test_quick_start_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci/run").read_text()
