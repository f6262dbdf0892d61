"""Every YAML file a pack names (boardpack.yaml, rules, benchmarks) is read here, one way.

PyYAML alone lets a second `gross_margin:` silently replace the first, expands aliases without
bound once the data is walked (a few lines can stand for a billion values), lets an anchor contain
itself, and reports syntax errors as exceptions. Here the document is composed first, checked as a
graph of nodes (keys once each, a bounded size once aliases are expanded, no cycles), and only then
built into Python values; each problem is `file:line:column: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from boardpack.i18n import N_
from boardpack.inputs.report import Problem, ValidationReport, make_problem, quoted
from boardpack.inputs.textfile import read_text

MAX_VALUES = 100_000  # values once aliases are expanded; the largest real file (rules) has a few thousand
YAML_EXPECTED = N_("YAML text saved as UTF-8 or Windows-1252")
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file's values and its composed nodes (which know the line of every key)."""

    data: Any
    node: yaml.Node | None


class _Cycle(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def expanded_size(root: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded, counted without expanding:
    each node's size is computed once, whatever the number of aliases pointing at it."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            visiting.discard(key)
            continue
        if key in sizes:
            continue
        if key in visiting:
            raise _Cycle(node)
        visiting.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in visiting:
                raise _Cycle(child)
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _mappings(root: yaml.Node) -> list[yaml.MappingNode]:
    """Every mapping of the document, each once however many aliases point at it."""
    seen: set[int] = set()
    found: list[yaml.MappingNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            found.append(node)
        stack.extend(_children(node))
    return found


def _duplicate_keys(root: yaml.Node, source: str, report: ValidationReport) -> None:
    for mapping in _mappings(root):
        first: dict[str, int] = {}
        for key_node, _value in mapping.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            line = key_node.start_mark.line + 1
            if key_node.value in first:
                report.add(
                    source,
                    line,
                    str(key_node.start_mark.column + 1),
                    N_("key '{key}' appears twice (first at line {first}); expected each key once"),
                    key=quoted(key_node.value),
                    first=first[key_node.value],
                )
            else:
                first[key_node.value] = line


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (dict, N_("a mapping")),
    (list, N_("a list")),
    (bool, N_("a yes/no value")),
    ((int, float), N_("a number")),
    (str, N_("a line of text")),
)


def kind_of(value: Any) -> str:
    """What a YAML value is, in the words of a message: a mapping, a list, a line of text..."""
    for types, name in _KINDS:
        if isinstance(value, types):
            return name
    return N_("a single value")


def parse_yaml(
    text: str, source: str, report: ValidationReport, expected: str, empty_ok: bool = False
) -> YamlDocument | None:
    """A YAML document whose top level is a mapping, or None with its problems in `report`.

    `expected` says what the file should hold (`a mapping with rules:`); an empty file is an empty
    mapping when `empty_ok`, else a problem.
    """
    before = report.total
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            if expanded_size(node) > MAX_VALUES:
                report.add(
                    source,
                    None,
                    None,
                    N_("its aliases expand to more than {limit} values; expected aliases that repeat a few values"),
                    limit=f"{MAX_VALUES:,}",
                )
                return None
            _duplicate_keys(node, source, report)
            if report.total > before:
                return None
        data = loader.construct_document(node) if node is not None else None
    except _Cycle as exc:
        mark = exc.node.start_mark
        report.add(
            source,
            mark.line + 1,
            str(mark.column + 1),
            N_("an alias contains itself; expected aliases that point at values defined before them"),
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.add(
            source,
            mark.line + 1 if mark else None,
            str(mark.column + 1) if mark else None,
            N_("not valid YAML ({problem}); expected {expected}"),
            problem=exc.problem or exc.context or "",
            expected=expected,
        )
        return None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # a date such as 2026-02-30, nesting without end
        report.add(
            source, None, None, N_("not valid YAML ({problem}); expected {expected}"), problem=exc, expected=expected
        )
        return None
    finally:
        loader.dispose()
    if data is None:
        if empty_ok:
            return YamlDocument({}, None)
        report.add(source, None, None, N_("the file is empty; expected {expected}"), expected=expected)
        return None
    if not isinstance(data, dict):
        report.add(
            source, None, None, N_("the file is {kind}; expected {expected}"), kind=kind_of(data), expected=expected
        )
        return None
    return YamlDocument(data, node)


def read_yaml(
    path: Path, source: str, report: ValidationReport, expected: str, empty_ok: bool = False
) -> YamlDocument | None:
    """`parse_yaml` of a file, decoded as every text file of a pack is."""
    text = read_text(path, source, report, YAML_EXPECTED)
    if text is None:
        return None
    return parse_yaml(text, source, report, expected, empty_ok)


def parse_list(text: str, source: str, key: str, mapping: str, listing: str) -> tuple[list[Any], list[Problem]]:
    """The list under `key` of a file that holds that one key (`benchmarks:`, `rules:`), and the problems
    on the way to it: not a mapping (`mapping` says what was expected), another key, or a value that is
    not a list (`listing` is the template of that message). The entries are the caller's to check."""
    report = ValidationReport()
    document = parse_yaml(text, source, report, mapping, empty_ok=True)
    if document is None:
        return [], list(report.problems)
    problems = [
        make_problem(source, None, str(name), N_("unknown key; expected {expected}"), expected=f"{key}:")
        for name in document.data
        if name != key
    ]
    entries = document.data.get(key) or []
    if not isinstance(entries, list):
        problems.append(make_problem(source, None, key, listing, kind=kind_of(entries)))
        entries = []
    return entries, problems


def read_settings(path: Path, *keys: str) -> dict[str, Any]:
    """Some top-level values of a YAML file that may be invalid (the language to report its problems in,
    the folders the preview watches), read in one pass: a key is None when it cannot be read. Lenient on
    purpose: a duplicate key or an alias bomb elsewhere in the file must not change the language its
    problems are told in, and looking up a key expands no alias."""
    from boardpack.inputs.textfile import decode

    try:
        data = yaml.safe_load(decode(path.read_bytes()))
    except Exception:  # unreadable in any way: the caller's default applies
        data = None
    return {key: data.get(key) if isinstance(data, dict) else None for key in keys}


def read_setting(path: Path, key: str) -> Any:
    """One top-level value of a YAML file that may be invalid (see `read_settings`)."""
    return read_settings(path, key)[key]
