# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Searchable fields and ``filters/Criteria`` evaluation.

Each object declares a table of searchable fields; a field knows its value type, how to read its values
from a record (a list, since paths such as ``tags.id`` have several) and so which operators apply.
Values that do not parse are refused with the service's wording (samples error-search-jupiterone-2/4).

Operators per value type follow qualysdk ``qualysdk/was/base/filter_mappings.py`` ``FILTER_MAPPING`` (reference
sections 2 and 11): text takes no ``IN`` (no public request sends one), booleans take ``NOT EQUALS`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, List

from .errors import invalid_request
from .store import Record, Store
from .values import Boolean, DateTime, Keyword, Long, ValueType
from .xmlin import Criterion


class Presence(ValueType):
    """Fields searched only for having no value at all, with NONE: a schedule's ``lastScan`` and
    ``webApp.tags`` (search_schedule.htm)."""


ORDERED = frozenset(("EQUALS", "NOT EQUALS", "GREATER", "LESSER"))
OPERATORS: Dict[type, FrozenSet[str]] = {
    Presence: frozenset(),
    Long: ORDERED | {"IN"},
    DateTime: ORDERED,
    Keyword: frozenset(("EQUALS", "NOT EQUALS", "IN")),
    Boolean: frozenset(("EQUALS", "NOT EQUALS")),
}
TEXT_OPERATORS = frozenset(("EQUALS", "NOT EQUALS", "CONTAINS"))

Reader = Callable[[Record, Store], List[Any]]


@dataclass(frozen=True)
class Searchable:
    type: ValueType
    read: Reader
    multi: bool = False  # several values per record; such fields also take NONE ("has no value")

    @property
    def operators(self) -> FrozenSet[str]:
        base = next((ops for kind, ops in OPERATORS.items() if isinstance(self.type, kind)), TEXT_OPERATORS)
        return base | {"NONE"} if self.multi else base


def values_at(value: Any, path: str) -> List[Any]:
    """All values at a dotted path, descending through lists: ``tags.id`` of ``{"tags": [{"id": 1}]}`` is [1]."""
    values = [value]
    for name in path.split(".") if path else ():
        found = []
        for item in values:
            for element in item if isinstance(item, list) else [item]:
                if isinstance(element, dict) and name in element:
                    found.append(element[name])
        values = found
    flat: List[Any] = []
    for item in values:
        flat.extend(item if isinstance(item, list) else [item])
    return flat


def at(path: str, value_type: ValueType, multi: bool = False) -> Searchable:
    names = path.split(".")

    def read(record: Record, _store: Store) -> List[Any]:
        # values_at's answer, the short way while no list lies on the path: searches read every record.
        value: Any = record
        for name in names:
            if not isinstance(value, dict):
                return values_at(record, path)
            if name not in value:
                return []
            value = value[name]
        return list(value) if isinstance(value, list) else [value]

    return Searchable(value_type, read, multi)


def present(read: Reader) -> Searchable:
    return Searchable(Presence(), read, multi=True)


def joined(ids: Callable[[Record], List[int]], kind: str, target_path: str, value_type: ValueType) -> Searchable:
    """Values of the objects a record references, e.g. the names of a schedule's web apps."""

    def read(record: Record, store: Store) -> List[Any]:
        targets = [store.get(kind, target_id) for target_id in ids(record)]
        return [value for target in targets if target for value in values_at(target, target_path)]

    return Searchable(value_type, read, multi=True)


def _parse_operand(criterion: Criterion, field: Searchable, keep_name_whitespace: bool) -> Any:
    # Under name_whitespace "keep" names are stored as sent, so a name criterion compares as sent too.
    value = criterion.raw if keep_name_whitespace and criterion.field == "name" else criterion.value
    texts = [part.strip() for part in value.split(",")] if criterion.operator == "IN" else [value]
    try:
        parsed = [field.type.parse(text) for text in texts]
    except ValueError:
        raise invalid_request(
            f"Criteria: Invalid value format for criteria '{criterion.field}' ({criterion.value}).",
            field.type.hint("criteria value(s)"),
        ) from None
    return parsed if criterion.operator == "IN" else parsed[0]


# Each operator as a test of a record's values against the criterion's operand; a record with several values
# (tags.id) matches when any of them does, and NOT EQUALS when none equals.
TESTS: Dict[str, Callable[[Any, List[Any]], bool]] = {
    "EQUALS": lambda operand, values: operand in values,
    "NOT EQUALS": lambda operand, values: operand not in values,
    "CONTAINS": lambda operand, values: any(operand.lower() in value.lower() for value in values),
    "IN": lambda operand, values: any(value in operand for value in values),
    "GREATER": lambda operand, values: any(value > operand for value in values),
    "LESSER": lambda operand, values: any(value < operand for value in values),
    "NONE": lambda _operand, values: not values,
}


def compile_filters(
    criteria: List[Criterion], fields: Dict[str, Searchable], keep_name_whitespace: bool
) -> Callable[[Record, Store], bool]:
    """Checks every criterion up front (so a bad one fails the call even when nothing would match) and
    returns a predicate that ANDs them."""
    tests = []
    for criterion in criteria:
        field = fields.get(criterion.field)
        if field is None:
            raise invalid_request(
                f"Criteria: Unsupported criteria field '{criterion.field}'.",
                "Fields supported: " + ", ".join(sorted(fields)) + ".",
            )
        if criterion.operator not in field.operators:
            raise invalid_request(
                f"Criteria: Operator '{criterion.operator}' is not supported for criteria '{criterion.field}'.",
                "Operators supported: " + ", ".join(sorted(field.operators)) + ".",
            )
        operand = None if criterion.operator == "NONE" else _parse_operand(criterion, field, keep_name_whitespace)
        tests.append((criterion.operator, operand, field))
    return lambda record, store: all(TESTS[op](operand, field.read(record, store)) for op, operand, field in tests)
