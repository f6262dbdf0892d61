"""What a PDF carries besides its pages, chosen by `attach:` in boardpack.yaml.

A deck travels to people outside the company (investors, advisers), and its attachments travel with
it unseen: the default leaves out every table whose rows are single customers or prospects (names,
MRR, NPS, trial and demo ids) and the raw exports, and keeps the metrics JSON that `--previous` reads
back and the aggregated tables the figures come from.
"""

from __future__ import annotations

from pathlib import Path

from boardpack.inputs.pack import PackInputs
from boardpack.inputs.tables import TABLES

Attachment = tuple[str, bytes, str, str]  # name, content, relationship, description


def _files(pack: PackInputs, customer_level: bool) -> list[Path]:
    """The input files to attach, each once: a workbook holds several tables, a database table is no file.

    Raw exports (a billing ledger, a CRM export) are customer-level by nature; so is a workbook with a
    customer-level sheet.
    """
    exports = {path.resolve() for path in pack.files.exports.values()}
    workbook = pack.files.workbook
    chosen: dict[Path, bool] = {}  # file -> may be attached
    for name, source in pack.sources.items():
        path: Path | None
        if workbook is not None and source.startswith(f"{pack.config.workbook}["):
            path = workbook
        else:
            path = (pack.root / source).resolve()
        if not path.is_file():
            continue
        allowed = customer_level or (not TABLES[name].customer_level and path not in exports)
        chosen[path] = chosen.get(path, True) and allowed
    return sorted((path for path, allowed in chosen.items() if allowed), key=lambda p: p.name)


def attachments(pack: PackInputs, json_name: str, document: str) -> list[Attachment]:
    """The attachments `attach:` asks for: none, the metrics JSON, plus aggregated tables, or every input."""
    setting = pack.config.attach
    if setting == "none":
        return []
    found: list[Attachment] = [(json_name, document.encode("utf-8"), "Data", "Metrics of this pack")]
    if setting == "metrics":
        return found
    for path in _files(pack, customer_level=setting == "all"):
        found.append((path.name, path.read_bytes(), "Source", f"Input table {path.name}"))
    return found
