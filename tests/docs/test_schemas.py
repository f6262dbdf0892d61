"""The published schemas: the metrics JSON the sample builds validates against docs/schemas/metrics.schema.json,
and docs/schemas/boardpack.schema.json is the one generated from the settings model, accepting every sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, TINY, load_script

jsonschema = pytest.importorskip("jsonschema")
SCHEMAS = ROOT / "docs/schemas"


def test_sample_metrics_json_validates(tmp_path: Path) -> None:
    from boardpack import api

    pack = api.load_pack(ROOT / "sample_data/northwind")
    metrics = api.evaluate(pack, api.resolve_period(pack, "2026-Q3"))
    document = json.loads(api.metrics_json(metrics, api.steps(pack, metrics), [], pack.notices))
    assert document["schema_version"] == api.METRICS_SCHEMA_VERSION == 1
    schema = json.loads((SCHEMAS / "metrics.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    document["metrics"]["mrr"]["status"] = "great"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_config_schema_is_current_and_accepts_the_samples() -> None:
    """Run `python scripts/reference.py schema` after changing a setting."""
    published = (SCHEMAS / "boardpack.schema.json").read_text(encoding="utf-8")
    assert load_script("reference").config_schema() == published
    schema = json.loads(published)
    jsonschema.Draft202012Validator.check_schema(schema)
    for pack in (*(ROOT / "sample_data" / name for name in ("northwind", "harbor", "northwind-raw")), TINY):
        settings = yaml.safe_load((pack / "boardpack.yaml").read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(json.dumps(settings, default=str)), schema)  # YAML dates as JSON text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"company": "X", "channels": ["A"], "gross_margn": 0.8}, schema)


def test_a_newer_settings_version_is_refused(tiny_copy) -> None:  # type: ignore[no-untyped-def]
    from boardpack.inputs import PackInvalid, read_pack
    from tests.conftest import edit

    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nschema_version: 2")
    with pytest.raises(PackInvalid) as error:
        read_pack(pack)
    assert error.value.report.lines() == [
        "boardpack.yaml:9:schema_version: version 2 is newer than this boardpack reads; expected 1 or lower "
        "(or a newer boardpack)"
    ]
