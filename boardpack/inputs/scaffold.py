"""`boardpack init`: a new pack folder with settings, one CSV per table, and a README of the columns.

The example rows are valid data (the two revenue months reconcile), so a fresh pack validates and
builds before the user has typed anything; the README is generated from the row models, so it
cannot disagree with the validator.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from boardpack.inputs.config import CONFIG_FILE
from boardpack.inputs.pack import DATA_DIR
from boardpack.inputs.tables import TABLES

CONFIG_TEMPLATE = """\
# boardpack settings: see the documentation (docs/filling-a-pack.md) for every key.
schema_version: 1
company: {company}
currency: EUR            # ISO 4217 code of every amount in the pack
locale: en_IE            # number, currency and date formats (fr_FR, en_GB, ro_RO, ...)
period: 2026-08          # reported when --period is not given: 2026-07, 2026-Q3, 2026 or FY2026
fiscal_year_start: 1     # first month of the fiscal year (1 = January)
gross_margin: 0.8        # used by LTV and CAC payback
confidentiality: Confidential · prepared for the board of directors
channels: [Organic search, Paid search, Events]
segments: [SMB]
targets:                 # per metric id (docs/metrics.md); a rate or flow per year, or {{value: 0.05, per: month}}
  nrr: 1.0
  ltv_cac_ratio: 3
  cac_payback_months: 12
"""


def pack_readme() -> str:
    """The column reference written into a new pack, from the row models' descriptions."""
    lines = [
        "# Data tables",
        "",
        "One CSV file per table (UTF-8 or Windows-1252; `,`, `;` or tab as delimiter), or one XLSX",
        "workbook named in `boardpack.yaml` under `workbook:` with one sheet per table. Numbers may use",
        "a decimal point or a decimal comma (`1,234.56`, `1 234,56`); a cell such as `12.500`, which",
        "reads two ways, is read as the other cells of its column are written, or by `locale:` in",
        "`boardpack.yaml`. Periods are months (`2026-07`) or quarters (`2026-Q3`).",
        'A blank cell means "not tracked" where the column allows it, never zero.',
        "",
    ]
    for spec in TABLES.values():
        lines += [f"## {spec.name}.csv: {spec.title}", "", (spec.model.__doc__ or "").strip(), ""]
        lines += ["| column | required | meaning |", "|---|---|---|"]
        for name in spec.columns:
            field = spec.model.model_fields[name]
            required = "yes" if field.is_required() and "blank" not in (field.description or "") else "may be blank"
            lines.append(f"| `{name}` | {required} | {field.description} |")
        lines.append("")
    return "\n".join(lines)


class PackExists(FileExistsError):
    pass


def init_pack(folder: Path, company: str) -> list[Path]:
    """Create the pack; refuses to write into a folder that already has a boardpack.yaml."""
    if (folder / CONFIG_FILE).exists():
        raise PackExists(f"{folder / CONFIG_FILE} already exists; choose another folder")
    data = folder / DATA_DIR
    data.mkdir(parents=True, exist_ok=True)
    written = [folder / CONFIG_FILE, data / "README.md"]
    (folder / CONFIG_FILE).write_text(
        CONFIG_TEMPLATE.format(company=json.dumps(company, ensure_ascii=False)), encoding="utf-8"
    )
    (data / "README.md").write_text(pack_readme(), encoding="utf-8")
    for spec in TABLES.values():
        path = data / f"{spec.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=spec.columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(spec.examples)
        written.append(path)
    return written
