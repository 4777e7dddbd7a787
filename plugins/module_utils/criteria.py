# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Search criteria from a task's options: the selectors of the ``_info`` modules and the raw ``filters`` option.

Apart from the info runner, so that a module that only selects records (a scan's findings, a resource module's
scope) does not ship the runner with them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import DateTime, Items, Kind, camel
from ansible_collections.qualys.was.plugins.module_utils.references import Ref

# Search operators as the API spells them, in lower case (the module sends them in upper case).
OPERATORS = ("equals", "not equals", "contains", "in", "greater", "lesser", "none")


def filters_spec() -> Dict[str, Any]:
    """The ``filters`` option every ``_info`` module has: criteria passed to the search as they are."""
    return {
        "type": "list",
        "elements": "dict",
        "options": {
            "field": {"type": "str", "required": True},
            "operator": {"type": "str", "choices": list(OPERATORS), "default": "equals"},
            "value": {"type": "raw"},
        },
    }


class Selector:
    """An option that keeps the records whose searchable ``field`` (default: the camelCase option) matches it.

    A ``many`` option is a list that matches records having any of its values (``IN``). References are sent
    by id, once names are resolved. ``exact`` keeps only the records whose own option equals the value,
    since the server may match text more loosely than the task meant.
    """

    def __init__(
        self, option: str, kind: Kind, field: Optional[str] = None, many: bool = False, exact: bool = False
    ) -> None:
        self.option = option
        # Items gives a list option its argument spec and per-item checks; its XML item name plays no part.
        self.kind = Items(kind, item=option) if many else kind
        self.field = field or camel(option)
        self.many = many
        self.operator = "IN" if many else "EQUALS"
        self.exact = exact

    def criterion(self, value: Any) -> Criterion:
        return Criterion(self.field, self.operator, _criterion_value(self.kind, value))


class DateSelector(Selector):
    """A selector of the records whose date ``field`` is after (``GREATER``) or before (``LESSER``) the value."""

    def __init__(self, option: str, field: str, operator: str) -> None:
        super().__init__(option, DateTime(), field=field)
        self.operator = operator


def _criterion_value(kind: Kind, value: Any) -> Any:
    """A task's value as a criterion takes it: a reference by its id, a choice as the API spells it."""
    if isinstance(kind, Items):
        return [_criterion_value(kind.kind, item) for item in value]
    if isinstance(kind, Ref):
        return value["id"]
    return kind.to_wire(value)


def generic_criteria(filters: Optional[Sequence[Mapping[str, Any]]]) -> List[Criterion]:
    criteria = []
    for index, entry in enumerate(filters or ()):
        value, operator = entry.get("value"), entry["operator"]
        where = "filters[%d]" % index
        if isinstance(value, Mapping) or (
            isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value)
        ):
            raise ValidationError("%s.value must be a value or a list of values, got %r" % (where, value))
        if value is None and operator != "none":
            raise ValidationError("%s.value is required with operator %r" % (where, operator))
        criteria.append(Criterion(entry["field"], operator.upper(), "" if value is None else value))
    return criteria
