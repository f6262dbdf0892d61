"""Count the problems of a row cell by cell, remembering each distinct cell's verdict.

Once a report holds every problem it will list, the rest are only counted. A table of junk repeats
the same few bad values over a million rows; validating each row's model anew costs some 50 µs,
while a remembered cell costs a dictionary look-up, so a 50 MB file is counted in seconds.

The count is exact: each cell is checked by its own field's validator, taken from the model's schema
(field validators included), and pydantic runs the model's cross-field checks only once every field
is valid, so a row's problems are the sum of its cells' until then.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator, ValidationError

MEMO = 100_000  # distinct cells remembered; a table of junk has few, one of distinct junk stops here


def _field_schemas(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The `model-fields` schema inside a model's core schema (under its validator wrappers)."""
    while schema.get("type") != "model-fields":
        if "schema" not in schema:
            return None
        schema = schema["schema"]
    return schema["fields"]


class CellCheck:
    """Problems per cell of one table's model, each distinct (column, value) validated once."""

    def __init__(self, model: type[BaseModel]) -> None:
        fields = _field_schemas(model.__pydantic_core_schema__)  # type: ignore[arg-type]
        self._validators = {name: SchemaValidator(field["schema"]) for name, field in (fields or {}).items()}
        self._known: dict[tuple[str, Any], int] = {}

    def problems(self, values: dict[str, Any], context: dict[str, Any]) -> int:
        """Problems the row's cells give one by one (0 when the row must be validated whole)."""
        if not self._validators:
            return 0
        found = 0
        for name, value in values.items():
            key = (name, value)
            try:
                count = self._known.get(key)
            except TypeError:  # a cell that cannot be remembered (no table cell is): validate the row whole
                return 0
            if count is None:
                try:
                    self._validators[name].validate_python(value, context=context)
                    count = 0
                except ValidationError as exc:
                    count = exc.error_count()
                if len(self._known) < MEMO:
                    self._known[key] = count
            found += count
        return found
