"""Regenerate the reference tables in README.md from the code: metric ids, settings, data tables.

Run after changing the catalogue, the settings model or a table model:
    .venv/bin/python scripts/update_readme.py
tests/test_readme.py fails when the README is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pydantic import BaseModel

from boardpack.inputs.config import PackConfig
from boardpack.inputs.tables import TABLES
from boardpack.metrics import load_catalogue
from boardpack.metrics.catalogue import MetricDef

README = Path(__file__).resolve().parents[1] / "README.md"


def _basis(metric: MetricDef) -> str:
    """`rate (loss)`, `rate (loss, per year)`, `flow`: how the metric meets a target of another period."""
    details = [d for d in (metric.compounds, f"per {metric.per}" if metric.per else None) if d]
    return f"{metric.basis} ({', '.join(details)})" if details else metric.basis


def metric_table() -> str:
    catalogue = load_catalogue()
    lines = []
    for section_id, section in catalogue.sections.items():
        metrics = catalogue.in_section(section_id)
        if not metrics:
            continue
        header = "| id | label | unit | better | basis | definition |"
        lines += [f"**{section.title}**", "", header, "|---|---|---|---|---|---|"]
        lines += [f"| `{m.id}` | {m.label} | {m.unit} | {m.direction} | {_basis(m)} | {m.formula} |" for m in metrics]
        lines.append("")
    return "\n".join(lines).rstrip()


def _settings(model: type[BaseModel], prefix: str = "") -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rows += _settings(annotation, f"{prefix}{name}.")
            continue
        default = field.get_default(call_default_factory=True)
        shown = "required" if field.is_required() else f"`{default}`" if default not in (None, {}, "") else "none"
        rows.append(f"| `{prefix}{name}` | {shown} | {field.description or ''} |")
    return rows


def settings_table() -> str:
    return "\n".join(["| key | default | meaning |", "|---|---|---|", *_settings(PackConfig)])


def data_table() -> str:
    lines = ["| file | a row is | columns (*in italics: may be blank*) |", "|---|---|---|"]
    for spec in TABLES.values():
        columns = ", ".join(f"*{c}*" if not spec.model.model_fields[c].is_required() else c for c in spec.columns)
        lines.append(f"| `{spec.name}.csv` | {(spec.model.__doc__ or '').strip().splitlines()[0]} | {columns} |")
    return "\n".join(lines)


SECTIONS = {"metric-ids": metric_table, "settings": settings_table, "data-tables": data_table}


def render(text: str) -> str:
    for name, build in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name} -->\n)(?:.*?\n)?(<!-- /{name} -->)", re.DOTALL)
        text, count = pattern.subn(lambda m, b=build: m[1] + b() + "\n" + m[2], text)
        if count != 1:
            raise SystemExit(f"README.md has no <!-- {name} --> section")
    return text


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    updated = render(current)
    if "--check" in sys.argv:
        sys.exit(0 if updated == current else 1)
    README.write_text(updated, encoding="utf-8")
