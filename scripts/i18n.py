"""Message catalogues: extract every message of the code, templates and YAML texts; check translations.

    .venv/bin/python scripts/i18n.py extract   # boardpack/locale/boardpack.pot, and each .po updated from it
    .venv/bin/python scripts/i18n.py check     # every message translated, with the same placeholders

A new language: `mkdir -p boardpack/locale/xx/LC_MESSAGES`, copy boardpack.pot there as boardpack.po
(or `pybabel init -D boardpack -i boardpack/locale/boardpack.pot -d boardpack/locale -l xx`), translate,
add "xx" to LANGUAGES in boardpack/i18n.py, and run `check`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "boardpack" / "locale"
KEYWORDS = {
    "_": None,
    "t": None,
    "N_": None,
    "words": None,
    "gettext": None,
    "ngettext": (1, 2),
    "Unavailable": None,
    "validation_error": (2,),
}
PLURAL = re.compile(r'plural\("([^"]+)", "([^"]+)"\)')
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}|\{\{.*?\}\}|\{%.*?%\}")


def _yaml_messages() -> list[tuple[str, str]]:
    found = []
    catalogue = yaml.safe_load((ROOT / "boardpack/metrics/catalogue.yaml").read_text(encoding="utf-8"))
    for section in catalogue["sections"].values():
        found += [(section[k], "catalogue.yaml") for k in ("title", "question") if section.get(k)]
    for metric in catalogue["metrics"].values():
        found += [(metric[k], "catalogue.yaml") for k in ("label", "formula", "question") if metric.get(k)]
        drivers = metric.get("drivers")
        for driver in drivers.values() if isinstance(drivers, dict) else ():
            found += [(label, "catalogue.yaml") for label in (driver or {}).get("parts", {})]
    rules = yaml.safe_load((ROOT / "boardpack/notes/rules.yaml").read_text(encoding="utf-8"))
    found += [(rule[k], "rules.yaml") for rule in rules["rules"] for k in ("text", "impact") if rule.get(k)]
    marks = yaml.safe_load((ROOT / "boardpack/benchmarks/benchmarks.yaml").read_text(encoding="utf-8"))
    found += [(entry["note"], "benchmarks.yaml") for entry in marks["benchmarks"] if entry.get("note")]
    found += [(entry["source"], "benchmarks.yaml") for entry in marks["benchmarks"] if entry.get("source")]
    return found


def _findings_messages() -> list[str | tuple[str, str]]:
    """Every text of findings.yaml, and the counted phrases inside them (`ngettext(...)`, plural forms)."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"])
    findings = yaml.safe_load((ROOT / "boardpack/judge/findings.yaml").read_text(encoding="utf-8"))
    candidates = [c for group in ("slides", "summary") for cs in (findings.get(group) or {}).values() for c in cs]
    texts = [t for c in candidates for t in (c.get("title"), *(c.get("summary") or ()), c.get("text")) if t]
    found: list[str | tuple[str, str]] = []
    for text in texts:
        found.append(text)
        for _line, function, message in env.extract_translations(text, gettext_functions=("ngettext",)):
            if function == "ngettext" and isinstance(message, tuple) and message[0] and message[1]:
                found.append((message[0], message[1]))
    return found


def messages() -> Catalog:
    """Every message the deck and the CLI print, with where it comes from."""
    catalog = Catalog(project="boardpack", domain="boardpack")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=[("boardpack/**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(filename, lineno)])
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "templates"),
        method_map=[("**.j2", "jinja2")],
        keywords=KEYWORDS,
        options_map={"**.j2": {"extensions": "jinja2.ext.i18n"}},
    ):
        catalog.add(message, locations=[(f"templates/{filename}", lineno)])
    for message, source in _yaml_messages():
        catalog.add(message, locations=[(f"boardpack/{source}", 0)])
        for nouns in PLURAL.findall(message):  # `plural("customer", "customers")`: the noun's forms
            catalog.add(nouns, locations=[(f"boardpack/{source}", 0)])
    for found in _findings_messages():
        catalog.add(found, locations=[("boardpack/judge/findings.yaml", 0)])
    return catalog


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "boardpack.po").is_file())


def extract() -> None:
    template = messages()
    with (LOCALE / "boardpack.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True, width=0)
    for language in languages():
        path = LOCALE / language / "LC_MESSAGES" / "boardpack.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=0, ignore_obsolete=True)


def _ids(message: object) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)  # type: ignore[return-value]


def check() -> list[str]:
    """Problems: a message missing or untranslated in a language, or with other placeholders."""
    problems = []
    template = messages()
    for language in languages():
        with (LOCALE / language / "LC_MESSAGES" / "boardpack.po").open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id)
            strings = [s for s in _ids(translated.string)] if translated else []
            if not translated or not all(strings):
                problems.append(f"{language}: no translation of {_ids(message.id)[0]!r}")
                continue
            expected = set(PLACEHOLDER.findall(_ids(message.id)[-1]))
            for string in strings:
                if set(PLACEHOLDER.findall(string)) != expected:
                    problems.append(f"{language}: placeholders differ in {string!r} for {_ids(message.id)[0]!r}")
    return problems


if __name__ == "__main__":
    if sys.argv[1:] == ["extract"]:
        extract()
    elif sys.argv[1:] == ["check"]:
        found = check()
        print("\n".join(found) or "every message is translated")
        sys.exit(1 if found else 0)
    else:
        sys.exit(__doc__)
