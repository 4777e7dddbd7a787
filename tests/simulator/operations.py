# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The QPS operations, written once for every object type; the object's table supplies the differences.

Callers hold the store lock for the whole operation.
"""

from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional

from .auth import Caller
from .change import Change
from .criteria import compile_filters, values_at
from .decode import decode
from .errors import invalid_request, not_found
from .merge import merge
from .render import Viewer, render
from .schema import Group
from .responses import Outcome
from .search import paginate
from .settings import Settings
from .store import Record, Store
from .values import LONG
from .xmlin import Criterion, ServiceRequest, data_object

if TYPE_CHECKING:  # objects import the operations their handlers build on
    from .objects.base import ObjectType
from .xmlout import Node


@dataclass(frozen=True)
class Call:
    """One operation on one object type by one caller."""

    object_type: ObjectType
    request: ServiceRequest
    object_id: Optional[int]
    caller: Caller
    store: Store
    now: datetime
    settings: Settings

    @property
    def kind(self) -> str:
        return self.object_type.kind

    def render(self, record: Record, spec=None) -> Node:
        viewer = Viewer(self.store, self.caller.permissions, self.settings)
        return render(spec or self.object_type.full(self.settings), record, {}, viewer)

    def existing(self) -> Record:
        record = self.store.get(self.kind, self.object_id)
        if record is None:
            raise not_found(self.kind, self.object_id)
        return record

    def found(self) -> Iterator[Record]:
        """The records the filters match, in ascending id order, read as far as the caller reads."""
        keep = self.settings.name_whitespace == "keep"
        matches = compile_filters(self.request.filters, self.object_type.searchable, keep)
        ids = self.store.ids(self.kind)
        records = (
            self.store.get(self.kind, object_id) for object_id in ids[_first_possible(self.request.filters, ids) :]
        )
        return (record for record in records if matches(record, self.store))

    def matching(self) -> List[Record]:
        return list(self.found())

    def targets(self) -> List[Record]:
        """The objects a delete or (de)activation addresses: the id in the URL, else the filters."""
        if self.object_id is not None:
            return [self.existing()]
        if not self.request.filters:
            raise invalid_request("Specify an object id in the URL or filters in the request.")
        return self.matching()


def _first_possible(criteria: List[Criterion], ids: List[int]) -> int:
    """Where in ``ids`` the first record an ``id GREATER n`` or ``id EQUALS n`` criterion lets through can be (an
    id has one value, so none before it matches): the ``id GREATER lastId`` pages then cost what a page costs.
    The criteria were checked already."""
    start = 0
    for criterion in criteria:
        if criterion.field == "id" and criterion.operator in ("GREATER", "EQUALS"):
            bound = LONG.parse(criterion.value)
            start = max(start, (bisect_right if criterion.operator == "GREATER" else bisect_left)(ids, bound))
    return start


def _ids(kind: str, records: List[Record]) -> List[Node]:
    return [Node(kind, children=[Node("id", str(record["id"]))]) for record in records]


def _stamp(call: Call, record: Record, *elements: str) -> None:
    """Fills the server-side audit elements the object has: owner, createdBy/Date, updatedBy/Date."""
    values: Dict[str, Any] = {"owner": {"id": call.caller.id}, "createdDate": call.now, "updatedDate": call.now}
    values["createdBy"] = values["updatedBy"] = values["owner"]
    for element in elements:
        if call.object_type.spec.child(element) is not None:
            record[element] = values[element]


def starting_defaults(call: Call) -> Record:
    alternate = call.object_type.alternate_defaults if call.settings.profile_defaults == "alternate" else {}
    return copy.deepcopy({**call.object_type.defaults, **alternate})


def _name_whitespace(call: Call, patch: Dict[str, Any]) -> None:
    # The name leaf decodes as sent; whether the service strips it is the name_whitespace setting.
    if "name" in patch and call.settings.name_whitespace == "trim":
        patch["name"] = patch["name"].strip()


def _check_required(call: Call, record: Record) -> None:
    for path in call.object_type.required:
        if not values_at(record, path.replace("/", ".")):
            raise invalid_request(f"Required element '{call.kind}/{path}' is missing.", f"Add {path}.")


def write_record(call: Call, operation: str, start: Record) -> Record:
    """Builds the new state of an object from ``start`` (defaults, or a copy of the stored record) and stores it."""
    patch = decode(call.object_type.spec, data_object(call.request, call.kind), call.kind)
    _name_whitespace(call, patch)
    change = Change(
        operation, patch, start, call.store, call.caller.id, call.now, call.settings, call.caller.scope_tags
    )
    for prepare in call.object_type.preparations:
        prepare(change)
    change.record = merge(call.object_type.spec, change.record, patch, change)
    # Updates merge into a complete record, so this fails on one only where a preparation dropped a part.
    _check_required(call, change.record)
    for rule in call.object_type.rules:
        rule(change)
    if change.creating:
        change.record["id"] = call.store.new_id()
        _stamp(call, change.record, "owner", "createdBy", "createdDate", "updatedBy", "updatedDate")
    else:
        _stamp(call, change.record, "updatedBy", "updatedDate")
    for derive in call.object_type.derivations:
        derive(change)
    call.store.put(call.kind, change.record)
    return change.record


def _search_shape(call: Call) -> Group:
    object_type = call.object_type
    verbose = call.request.preferences.get("verbose", False)
    full = verbose and (call.settings.search_shape == "full" or not object_type.verbose_unsettled)
    return object_type.full(call.settings) if full or object_type.summary is None else object_type.summary


def search(call: Call) -> Outcome:
    page = paginate(call.found(), call.request.preferences)
    data = [call.render(record, _search_shape(call)) for record in page.records]
    return Outcome(len(data), data, paged=True, has_more=page.has_more, last_id=page.last_id)


def count(call: Call) -> Outcome:
    return Outcome(len(call.matching()))


def get(call: Call) -> Outcome:
    return Outcome(1, [call.render(call.existing())])


def create(call: Call) -> Outcome:
    record = write_record(call, "create", starting_defaults(call))
    return Outcome(1, [call.render(record)])


def update(call: Call) -> Outcome:
    before = call.existing()
    write_record(call, "update", copy.deepcopy(before))
    return Outcome(1, _ids(call.kind, [before]))


def delete(call: Call) -> Outcome:
    targets = call.targets()
    for record in targets:
        call.store.delete(call.kind, record["id"])
    return Outcome(len(targets), _ids(call.kind, targets))


def toggle(call: Call, operation: str) -> Outcome:
    element, value = call.object_type.toggles[operation]
    targets = call.targets()
    for record in targets:
        changed = {**record, element: value}
        _stamp(call, changed, "updatedBy", "updatedDate")
        call.store.put(call.kind, changed)
    return Outcome(len(targets), _ids(call.kind, targets))


HANDLERS = {"search": search, "count": count, "get": get, "create": create, "update": update, "delete": delete}


def perform(call: Call, operation: str) -> Outcome:
    if operation in call.object_type.handlers:
        return call.object_type.handlers[operation](call)
    if operation in call.object_type.toggles:
        return toggle(call, operation)
    return HANDLERS[operation](call)
