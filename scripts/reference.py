"""The reference parts of the documentation, generated from the code so they follow it as it changes:
the metric reference (catalogue, formulas, benchmarks and their sources), the boardpack.yaml settings,
the data tables, and the JSON Schema of boardpack.yaml.

The docs build calls these through its hook (`scripts/mkdocs_hooks.py`), which replaces each
`<!-- reference: NAME -->` line of a page by the generated text; the tests call them too.

    .venv/bin/python scripts/reference.py schema     # rewrite docs/schemas/boardpack.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from boardpack import api
from boardpack.inputs.config import SCHEMA_VERSION, PackConfig
from boardpack.inputs.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]
CONFIG_SCHEMA = ROOT / "docs/schemas/boardpack.schema.json"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _benchmark(entry: object) -> str:
    low, high = getattr(entry, "low", None), getattr(entry, "high", None)
    span = (
        f"{low:g}–{high:g}"
        if low is not None and high is not None
        else f"≥ {low:g}"
        if low is not None
        else f"≤ {high:g}"
    )
    year = f", {entry.year}" if getattr(entry, "year", None) else ""  # type: ignore[attr-defined]
    segment = "" if entry.segment == "all" else f" ({entry.segment})"  # type: ignore[attr-defined]
    return f"{span}{segment}: {entry.source}{year}"  # type: ignore[attr-defined]


def _basis(metric: object) -> str:
    """`rate (loss, per year)`, `flow`: the metric's basis and its details, when the catalogue gives them."""
    details = [d for d in (getattr(metric, "compounds", None), getattr(metric, "per", None)) if d]
    if getattr(metric, "per", None):
        details[-1] = f"per {metric.per}"  # type: ignore[attr-defined]
    base = getattr(metric, "basis", "")
    return f"{base} ({', '.join(details)})" if details else str(base)


def metric_reference() -> str:
    """One section per catalogue section: its question, then each metric's id, unit, better direction,
    definition and the shipped benchmarks with their sources."""
    catalogue = api.load_catalogue()
    benchmarks: dict[str, list[str]] = {}
    for entry in api.shipped_benchmarks():
        benchmarks.setdefault(entry.metric, []).append(_benchmark(entry))
    lines: list[str] = []
    for section_id, section in catalogue.sections.items():
        metrics = catalogue.in_section(section_id)
        if not metrics:
            continue
        lines += [f"## {section.title}", ""]
        if section.question:
            lines += [f"*{section.question}*", ""]
        basis = any(getattr(m, "basis", None) for m in metrics)  # how a figure meets a target of another period
        lines += ["| id | label | unit | better |" + (" basis |" if basis else "") + " definition | benchmark |"]
        lines += ["|---|---|---|---|" + ("---|" if basis else "") + "---|---|"]
        for m in metrics:
            marks = "<br>".join(_cell(b) for b in benchmarks.get(m.id, [])) or "—"
            shown = f" {_basis(m)} |" if basis else ""
            lines.append(
                f"| `{m.id}` | {_cell(m.label)} | {m.unit} | {m.direction} |{shown} {_cell(m.formula)} | {marks} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _settings(model: type[BaseModel], prefix: str = "") -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rows += _settings(annotation, f"{prefix}{name}.")
            continue
        default = field.get_default(call_default_factory=True)
        shown = "required" if field.is_required() else f"`{default}`" if default not in (None, {}, "") else "none"
        rows.append(f"| `{prefix}{name}` | {shown} | {_cell(field.description or '')} |")
    return rows


def settings_table() -> str:
    return "\n".join(["| key | default | meaning |", "|---|---|---|", *_settings(PackConfig)]) + "\n"


def data_tables() -> str:
    lines = ["| file | a row is | columns (*in italics: may be blank*) |", "|---|---|---|"]
    for spec in TABLES.values():
        columns = ", ".join(f"*{c}*" if not spec.model.model_fields[c].is_required() else c for c in spec.columns)
        lines.append(f"| `{spec.name}.csv` | {(spec.model.__doc__ or '').strip().splitlines()[0]} | {columns} |")
    return "\n".join(lines) + "\n"


def config_schema() -> str:
    """The JSON Schema of boardpack.yaml, from the settings model, with its version."""
    schema = PackConfig.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:boardpack:schema:boardpack.yaml:v{SCHEMA_VERSION}",
        "title": "boardpack.yaml",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


REFERENCES = {"metrics": metric_reference, "settings": settings_table, "tables": data_tables}


def expand(markdown: str) -> str:
    """A page's markdown with each `<!-- reference: NAME -->` line replaced by its generated text."""
    for name, build in REFERENCES.items():
        marker = f"<!-- reference: {name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, build())
    return markdown


if __name__ == "__main__":
    if sys.argv[1:] == ["schema"]:
        CONFIG_SCHEMA.write_text(config_schema(), encoding="utf-8")
    else:
        sys.exit(__doc__)
