# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Records to response elements, in spec order, with references expanded and secrets masked for the caller."""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch
from typing import Any, Dict, FrozenSet, Iterable, List

from .schema import Group, Leaf, QList, Ref, Repeated, Spec
from .settings import Settings
from .store import Store
from .xmlout import Node


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the store to expand references from, the caller's permissions and the settings that
    shape some values."""

    store: Store
    permissions: FrozenSet[str]
    settings: Settings


@singledispatch
def render(spec: Any, value: Any, parent: Dict[str, Any], viewer: Viewer) -> Node:
    raise TypeError(f"no renderer for {type(spec).__name__}")


@render.register
def _leaf(spec: Leaf, value: Any, parent: Dict[str, Any], viewer: Viewer) -> Node:
    if spec.mask and spec.mask.permission not in viewer.permissions:
        value = spec.mask.hide(value, parent)
    return Node(spec.name, spec.type.show(value, viewer.settings), cdata=spec.cdata)


def _shown(child: Spec, record: Dict[str, Any]) -> bool:
    if child.name not in record or getattr(child, "hidden", False):
        return False
    return not isinstance(child, Leaf) or child.shown_if is None or bool(child.shown_if(record))


def _children(children: Iterable[Spec], record: Dict[str, Any], viewer: Viewer) -> List[Node]:
    return [render(child, record[child.name], record, viewer) for child in children if _shown(child, record)]


@render.register
def _group(spec: Group, value: Dict[str, Any], parent: Dict[str, Any], viewer: Viewer) -> Node:
    # A group of ``#text`` and ``@attribute`` children is a text element with attributes (``UrlEntry``).
    text = spec.child("#text")
    if text is None:
        return Node(spec.name, children=_children(spec.children, value, viewer))
    attributes = {
        child.name[1:]: child.type.format(value[child.name])
        for child in spec.children
        if child.name.startswith("@") and child.name in value
    }
    return Node(spec.name, text.type.format(value.get(text.name, "")), cdata=text.cdata, attributes=attributes)


@render.register
def _ref(spec: Ref, value: Dict[str, Any], parent: Dict[str, Any], viewer: Viewer) -> Node:
    if "id" not in value:
        return Node(spec.name, children=_children((spec.instead_of_id,), value, viewer))
    # A reference shows the target's current values; a target deleted since keeps only its id.
    target = viewer.store.get(spec.kind, value["id"]) or value
    return Node(spec.name, children=_children(spec.show, target, viewer))


@render.register
def _repeated(spec: Repeated, value: list, parent: Dict[str, Any], viewer: Viewer) -> Node:
    return Node(spec.name, children=[render(spec.item, item, parent, viewer) for item in value])


@render.register
def _qlist(spec: QList, value: list, parent: Dict[str, Any], viewer: Viewer) -> Node:
    children = [Node("count", str(len(value)))] if spec.counted else []
    if value and not spec.count_only:
        children.append(Node("list", children=[render(spec.item, item, parent, viewer) for item in value]))
    return Node(spec.name, children=children)
