# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A tenant's objects as playbook input (``gathered``), and a playbook's objects as the XML a create sends
(``rendered``)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import Endpoint, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import build_request
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Group, Items, Kind, text_of
from ansible_collections.qualys.was.plugins.module_utils.references import Ref, with_placeholders
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource


class Names:
    """The names of the objects a set of states refers to, read with one listing per kind of object."""

    def __init__(self, client: QualysClient, endpoints: Set[Endpoint]) -> None:
        self.by_id: Dict[Endpoint, Dict[int, Optional[str]]] = {}
        self.counts: Dict[Endpoint, Counter] = {}
        for endpoint in endpoints:
            listed = {int(text_of(record["id"])): text_of(record.get("name")) for record in client.search(endpoint)}
            self.by_id[endpoint] = listed
            self.counts[endpoint] = Counter(listed.values())

    def reference(self, endpoint: Endpoint, value: Mapping[str, Any]) -> Any:
        """A name where no other object of the kind has it, else the id: either way the same object again."""
        name = self.by_id[endpoint].get(value["id"]) or value.get("name")
        return name if name and self.counts[endpoint][name] == 1 else value["id"]


def _endpoints(kind: Kind, found: Set[Endpoint]) -> Set[Endpoint]:
    if isinstance(kind, Ref):
        found.add(kind.endpoint)
    elif isinstance(kind, Items):
        _endpoints(kind.kind, found)
    elif isinstance(kind, Group):
        for field in kind.fields:
            _endpoints(field.kind, found)
    return found


def _as_input(kind: Kind, value: Any, names: Names) -> Any:
    """A value as a task gives it; None where a task would leave it out (unset, empty, computed by the server)."""
    if value is None:
        return None
    if isinstance(kind, Ref):
        return names.reference(kind.endpoint, value)
    if isinstance(kind, Items):
        values = [item for item in (_as_input(kind.kind, entry, names) for entry in value) if item is not None]
        return values or None
    if isinstance(kind, Group):
        return _options(kind.fields, value, names) or None
    return value


def _options(fields: Sequence[Field], state: Mapping[str, Any], names: Names) -> Dict[str, Any]:
    options = {}
    for field in fields:
        if field.read_only or not field.compared:
            continue
        value = _as_input(field.kind, state.get(field.option), names)
        if value is not None:
            options[field.option] = value
    return options


def gather(
    client: QualysClient, resource: Resource, states: Sequence[Mapping[str, Any]]
) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """``states`` as config items valid for the resource and the one-object modules, and their read-only facts.

    Items are sorted, so that two gathers of an unchanged tenant are identical. An item carries its id only where
    its name is shared, since ids differ from one tenant to another and names are what people review.
    """
    names = Names(client, _endpoints(Group(*resource.fields), set()))
    shared = Counter(state.get("name") for state in states)
    gathered, facts = [], []
    for state in sorted(states, key=lambda state: (state.get("name") or "", state["id"])):
        item = _options(resource.fields, state, names)
        if shared[state.get("name")] > 1:
            item["id"] = state["id"]
        gathered.append(item)
        facts.append({field.option: state.get(field.option) for field in resource.fields if field.read_only})
    return gathered, facts


def render(resource: Resource, items: Sequence[Mapping[str, Any]]) -> List[str]:
    """The ServiceRequest each item would send to create its object; references by name become placeholders."""
    rendered = []
    for item in items:
        desired = with_placeholders(resource.fields, item)
        missing = resource.missing_for_create(desired)
        if missing:
            raise ValidationError(
                "%s %r cannot be created without %s." % (resource.label, desired.get("name"), " and ".join(missing))
            )
        body = build_request(data=(resource.endpoint.element, resource.payload(desired)))
        rendered.append(body.decode("utf-8"))
    return rendered
