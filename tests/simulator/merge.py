# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Patches into records: scalars replace, groups merge child by child, collections follow the QList verbs
(``set`` replaces, ``remove`` drops by key, ``add`` appends or replaces on a key collision, ``update``
merges into an existing item), references are resolved against the store."""

from __future__ import annotations

from functools import singledispatch
from typing import Any, Dict, List

from .change import Change
from .errors import invalid_request, not_found
from .schema import Group, Leaf, QList, Ref, Repeated


@singledispatch
def merge(spec: Any, current: Any, patch: Any, change: Change) -> Any:
    raise TypeError(f"no merge for {type(spec).__name__}")


@merge.register
def _leaf(spec: Leaf, current: Any, patch: Any, change: Change) -> Any:
    return patch


@merge.register
def _repeated(spec: Repeated, current: Any, patch: list, change: Change) -> list:
    return list(patch)


@merge.register
def _group(spec: Group, current: Any, patch: Dict[str, Any], change: Change) -> Dict[str, Any]:
    # A choice keeps its current child only when the patch sends that child again (then merged into it):
    # sending weeklyOccurrence without occurrenceCount keeps the count, sending dailyOccurrence switches.
    if current is None:
        merged = {}
    elif spec.choice:
        merged = {name: value for name, value in current.items() if name in patch}
    else:
        merged = dict(current)
    for name, value in patch.items():
        merged[name] = merge(spec.child(name), merged.get(name), value, change)
    return merged


@merge.register
def _ref(spec: Ref, current: Any, patch: Dict[str, Any], change: Change) -> Dict[str, Any]:
    if spec.instead_of_id and spec.instead_of_id.name in patch:
        return dict(patch)
    if "id" in patch:
        if change.store.get(spec.kind, patch["id"]) is None:
            raise not_found(spec.kind, patch["id"])
        return {"id": patch["id"]}
    named = [record for record in change.store.all(spec.kind) if record.get("name") == patch["name"]]
    if len(named) != 1:
        raise invalid_request(
            f"{spec.kind} with name '{patch['name']}' does not exist or is not unique.",
            f"Specify the {spec.kind} by id.",
        )
    return {"id": named[0]["id"]}


def _new_item(spec: QList, patch: Any, change: Change) -> Any:
    item = merge(spec.item, None, patch, change)
    if isinstance(item, dict):
        if spec.new_item_id:
            item["id"] = change.store.new_id()
        if spec.stamp:
            item.update(spec.stamp(change))
    return item


def _removal_key(spec: QList, patch: Any, change: Change) -> Any:
    # Removing something the collection does not hold is not an error, so ids are not looked up.
    if isinstance(patch, dict) and "id" in patch:
        return patch["id"]
    return spec.key(merge(spec.item, None, patch, change))


def _position(spec: QList, items: List[Any], key: Any) -> int:
    for index, item in enumerate(items):
        if spec.key(item) == key:
            return index
    return -1


@merge.register
def _qlist(spec: QList, current: Any, patch: Dict[str, list], change: Change) -> List[Any]:
    items = list(current or [])
    if "set" in patch:
        items = [_new_item(spec, item, change) for item in patch["set"]]
    if "remove" in patch:
        removed = {_removal_key(spec, item, change) for item in patch["remove"]}
        items = [item for item in items if spec.key(item) not in removed]
    for item_patch in patch.get("add", ()):
        item = _new_item(spec, item_patch, change)
        key = spec.key(item)
        # An item with a key already held replaces it; unkeyed items (comments) and freshly numbered ones add.
        index = _position(spec, items, key) if key is not None and not spec.new_item_id else -1
        if index < 0:
            items.append(item)
        else:
            items[index] = item
    for item_patch in patch.get("update", ()):
        index = _position(spec, items, item_patch.get("id"))
        if index < 0:
            raise invalid_request(
                f"{spec.item.name} with id {item_patch.get('id')} is not in '{spec.name}'.",
                f"Specify the id of an existing {spec.item.name}.",
            )
        items[index] = {**merge(spec.item, items[index], item_patch, change), "id": items[index]["id"]}
    return items
