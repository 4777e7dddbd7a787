# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The declarative object model: each QPS object is a tree of these specs.

One tree per object drives everything the simulator does with it: which request elements are accepted
(``decode``), how an update is merged into the stored record (``merge``), and the element order, CDATA and
masking of responses (``render``). Records are plain dicts keyed by element name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple, Union

from .values import LONG, TEXT, ValueType


@dataclass(frozen=True)
class Bounds:
    """An inclusive numeric range, refused with INVALID_REQUEST (not INVALID_XML) like the documented ranges."""

    low: int
    high: int
    unit: str = ""


@dataclass(frozen=True)
class Mask:
    """Hides a secret from users who lack ``permission``; ``hide`` gets the value and its parent record."""

    permission: str
    hide: Callable[[Any, Dict[str, Any]], Any]


@dataclass(frozen=True)
class Leaf:
    name: str
    type: ValueType = TEXT
    cdata: bool = False
    writable: bool = True  # False: filled by the server; the element is ignored in requests
    hidden: bool = False  # stored and searchable, never rendered
    bounds: Optional[Bounds] = None
    mask: Optional[Mask] = None
    shown_if: Optional[Callable[[Dict[str, Any]], bool]] = None  # condition on the parent record
    raw: bool = False  # decoded with its surrounding whitespace, for a setting to decide on


@dataclass(frozen=True)
class Ref:
    """A reference to another stored object, stored as ``{"id": n}`` and rendered with the target's ``show`` leaves."""

    name: str
    kind: str
    show: Tuple[Leaf, ...] = (Leaf("id", LONG),)
    by_name: bool = False  # the request may name the target instead of giving its id
    writable: bool = True
    # A leaf a request may send instead of the id, never with it (webAppAuthRecord/isDefault); stored and
    # returned as sent.
    instead_of_id: Optional[Leaf] = None


@dataclass(frozen=True)
class Repeated:
    """A plain sequence of leaves or references, replaced as a whole (``onDays/WeekDay``)."""

    name: str
    item: Union[Leaf, Ref]  # references too: a report's ``webapps/WebApp``, sent without a set wrapper
    writable: bool = True


@dataclass(frozen=True)
class QList:
    """A QPS collection: written with ``set``/``add``/``remove``/``update``, returned as ``count`` + ``list``."""

    name: str
    item: Union["Group", Ref, Leaf]
    ops: Tuple[str, ...] = ("set", "add", "remove")
    new_item_id: bool = False  # the server numbers new items
    stamp: Optional[Callable[[Any], Dict[str, Any]]] = None  # server-filled values of a new item, given the context
    counted: bool = True  # False: rendered as ``list`` alone, as seed 000 shows a schedule's web apps and tags
    count_only: bool = False  # rendered as ``count`` alone (non-verbose shapes)
    writable: bool = True

    def key(self, item: Any) -> Any:
        """What identifies an item for ``remove``/``update`` and collisions on ``add``."""
        return item.get("id") if isinstance(item, dict) else item


class Group:
    """A complex element whose children are rendered in declaration order."""

    def __init__(
        self,
        name: str,
        children: Tuple["Spec", ...],
        writable: bool = True,
        choice: bool = False,
        required: Tuple[str, ...] = (),
        hidden: bool = False,
    ) -> None:
        self.name = name
        self.children = children
        self.writable = writable
        self.hidden = hidden  # stored and searchable, never rendered
        self.choice = choice  # at most one child; sending one replaces the others
        self.required = required  # children that must be present whenever the group is sent
        self._by_name = {child.name: child for child in children}

    def child(self, name: str) -> Optional["Spec"]:
        return self._by_name.get(name)

    def only(self, *names: str, **replacements: "Spec") -> "Group":
        """A narrower view of this group (non-verbose shapes), optionally with some children replaced."""
        children = tuple(replacements.get(name, self._by_name[name]) for name in names)
        return Group(self.name, children, self.writable, self.choice)


Spec = Union[Leaf, Ref, Repeated, QList, Group]
