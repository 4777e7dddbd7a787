# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""References to other Qualys objects (web apps, tags, profiles, auth records) given by id or by name."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set

from ansible_collections.qualys.was.plugins.module_utils.client import PAGE_SIZE, Endpoint, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Group, Items, Kind, trimmed, text_of


class Ref(Kind):
    """Another object, given as an id (``12017424``), a name (``Production``) or ``{id: …}``/``{name: …}``.

    Digits alone are an id; the dictionary forms are what the modules return, so an ``_info`` result can
    be fed back. Names are turned into ids by ``ReferenceResolver`` before anything is compared or sent.
    ``named=False`` says the server shows the reference by id alone (schedules show their tags so), which
    predictions then do too.
    """

    ansible_type = "raw"

    def __init__(self, endpoint: Endpoint, named: bool = True) -> None:
        self.endpoint = endpoint
        self.named = named

    def check(self, value: Any, where: str) -> None:
        if reference_key(value) is None:
            raise ValidationError(
                "%s must be a %s id, a %s name, or a dictionary with id or name; got %r"
                % (where, self.endpoint.label, self.endpoint.label, value)
            )

    def to_wire(self, value: Mapping[str, Any]) -> Dict[str, Any]:
        return {"id": value["id"]}

    def from_wire(self, raw: Any) -> Optional[Dict[str, Any]]:
        # What xmltodict gives: a dict (a typing.Mapping check costs ten times as much, once per reference read).
        if not isinstance(raw, dict) or text_of(raw.get("id")) in (None, ""):
            return None
        return {"id": int(text_of(raw["id"])), "name": text_of(raw.get("name"))}

    def canonical(self, value: Any) -> Any:
        return value["id"] if isinstance(value, Mapping) else value

    def merged(self, current: Any, desired: Any) -> Any:
        # The same object as the server holds: its view carries the name a task that gave an id lacks.
        if current is not None and self.canonical(current) == self.canonical(desired):
            return current
        return desired if self.named else {"id": desired["id"], "name": None}


def reference_key(value: Any) -> Optional[tuple]:
    """``("id", 12)`` or ``("name", "Production")`` for a reference as a task may give it."""
    if isinstance(value, Mapping):
        if value.get("id") not in (None, ""):
            return ("id", int(value["id"])) if str(value["id"]).strip().isdigit() else None
        name = trimmed(value.get("name"))
        return ("name", name) if name else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ("id", value)
    name = trimmed(value)
    if name:
        return ("id", int(name)) if name.isdigit() else ("name", name)
    return None


class ReferenceResolver:
    """Turns every reference of a task into ``{id, name}``: ids cost nothing, each distinct name one search.

    ``may_list`` lets many names of a kind be read by listing it when a count shows that costs less: worth its
    count call for the many items of a resource module, not for the few names of one object.
    """

    def __init__(self, client: QualysClient, may_list: bool = False) -> None:
        self.client = client
        self.may_list = may_list

    def resolve(self, fields: Iterable[Field], values: Mapping[str, Any]) -> Dict[str, Any]:
        return self.resolve_many(fields, [values])[0]

    def resolve_many(self, fields: Iterable[Field], items: Sequence[Mapping[str, Any]]) -> List[Dict[str, Any]]:
        """The references of several tasks' values at once: a name several of them give is searched once."""
        fields = list(fields)
        wanted: Dict[Endpoint, Set[str]] = defaultdict(set)
        for values in items:
            _collect(fields, values, wanted)
        found = {endpoint: self._lookup(endpoint, names) for endpoint, names in wanted.items()}
        return [_substitute(fields, values, found) for values in items]

    def _lookup(self, endpoint: Endpoint, names: Set[str]) -> Dict[str, Dict[str, Any]]:
        matches: Dict[str, List[int]] = defaultdict(list)
        for record in records_named(self.client, endpoint, names, may_list=self.may_list):
            name = text_of(record.get("name"))
            if name in names:  # the server may match more loosely (case) than meant, and a listing holds all
                matches[name].append(int(text_of(record["id"])))
        missing = sorted(names - set(matches))
        if missing:
            raise ValidationError(
                "No %s named %s exists (names are case-sensitive)."
                % (endpoint.label, ", ".join(repr(name) for name in missing))
            )
        ambiguous = {name: ids for name, ids in matches.items() if len(ids) > 1}
        if ambiguous:
            raise ValidationError(
                "Several %ss share a name, give the id instead: %s"
                % (
                    endpoint.label,
                    "; ".join(
                        "%r has ids %s" % (name, ", ".join(map(str, sorted(ids)))) for name, ids in ambiguous.items()
                    ),
                )
            )
        return {name: {"id": ids[0], "name": name} for name, ids in matches.items()}


def _walk(kind: Kind, value: Any, visit) -> Any:
    """Apply ``visit(ref_kind, value)`` to every reference below ``value``; returns the rebuilt value."""
    if value is None:
        return None
    if isinstance(kind, Ref):
        return visit(kind, value)
    if isinstance(kind, Items):
        return [_walk(kind.kind, item, visit) for item in value]
    if isinstance(kind, Group):
        rebuilt = dict(value)
        for field in kind.fields:
            rebuilt[field.option] = _walk(field.kind, value.get(field.option), visit)
        return rebuilt
    return value


def _collect(fields: List[Field], values: Mapping[str, Any], wanted: Dict[Endpoint, Set[str]]) -> None:
    def note(kind: Ref, value: Any) -> Any:
        key = reference_key(value)
        if key and key[0] == "name":
            wanted[kind.endpoint].add(key[1])
        return value

    _walk(Group(*fields), values, note)


def _substitute(
    fields: List[Field], values: Mapping[str, Any], found: Mapping[Endpoint, Mapping[str, Dict[str, Any]]]
) -> Dict[str, Any]:
    def resolved(kind: Ref, value: Any) -> Dict[str, Any]:
        how, key = reference_key(value)
        if how == "name":
            return dict(found[kind.endpoint][key])
        known_name = value.get("name") if isinstance(value, Mapping) else None
        return {"id": key, "name": known_name}

    return _walk(Group(*fields), values, resolved)


def with_placeholders(fields: Iterable[Field], values: Mapping[str, Any]) -> Dict[str, Any]:
    """``values`` with every reference given by name replaced by a marked placeholder id, without any call.

    What a create would send is shown this way before the names are looked up (a resource module's ``rendered``).
    """
    fields = list(fields)
    wanted: Dict[Endpoint, Set[str]] = defaultdict(set)
    _collect(fields, values, wanted)
    found = {
        endpoint: {name: {"id": "[%s named %r]" % (endpoint.label, name), "name": name} for name in names}
        for endpoint, names in wanted.items()
    }
    return _substitute(fields, values, found)


def records_named(
    client: QualysClient,
    endpoint: Endpoint,
    names: Iterable[str],
    ids: Iterable[int] = (),
    verbose: bool = False,
    may_list: bool = True,
) -> List[Dict[str, Any]]:
    """Search records with these names or ids: one exact search per distinct name (text fields take EQUALS,
    NOT EQUALS and CONTAINS only) and one ``id IN`` search, or, with ``may_list`` and where one count call shows
    it costs less, a listing of every record in pages of 1,000. Each record once; the caller keeps those it meant."""
    names, ids = sorted(set(names)), sorted(set(ids))
    searches = len(names) + (1 if ids else 0)
    if may_list and searches > 2 and endpoint.countable:
        pages = max(1, math.ceil(client.count(endpoint) / PAGE_SIZE))
        if pages < searches:
            return client.search(endpoint, verbose=verbose)
    records = client.search(endpoint, [Criterion("id", "IN", ids)], verbose=verbose) if ids else []
    for name in names:
        records += client.search(endpoint, [Criterion("name", "EQUALS", name)], verbose=verbose)
    # A loose match (case) can answer two of the searches with one record: each is kept once.
    return list({text_of(record["id"]): record for record in records}.values())
