# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Request elements to patches, checked against the object's spec.

A patch mirrors a record but holds only what the request sent: leaves as typed values, groups as dicts,
collections as ``{"set": [...], "add": [...], ...}`` and references as ``{"id": n}`` or ``{"name": s}``.
Structure and type errors are INVALID_XML, as the service's XML binding reports them; documented ranges
are INVALID_REQUEST.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import singledispatch
from typing import Any, Dict

from .errors import invalid_request, invalid_xml
from .schema import Group, Leaf, QList, Ref, Repeated
from .values import LONG
from .xmlin import RESOLUTION, text_of

REFERENCED_ID = Leaf("id", LONG)


def _unexpected(tag: str, path: str):
    return invalid_xml(f"Unexpected element '{tag}' in '{path}'.", RESOLUTION)


@singledispatch
def decode(spec: Any, element: ET.Element, path: str) -> Any:
    raise TypeError(f"no decoder for {type(spec).__name__}")


@decode.register
def _leaf(spec: Leaf, element: ET.Element, path: str) -> Any:
    text = text_of(element, strip=not spec.raw)
    try:
        value = spec.type.parse(text)
    except ValueError:
        raise invalid_xml(f"Invalid value '{text}' for element '{path}'.", spec.type.hint("the value")) from None
    if spec.bounds and not spec.bounds.low <= value <= spec.bounds.high:
        unit = f" {spec.bounds.unit}" if spec.bounds.unit else ""
        raise invalid_request(
            f"{spec.name} must be between {spec.bounds.low} and {spec.bounds.high}{unit}; got {value}.",
            f"Specify {spec.name} in the range {spec.bounds.low}-{spec.bounds.high}.",
        )
    return value


@decode.register
def _group(spec: Group, element: ET.Element, path: str) -> Dict[str, Any]:
    patch: Dict[str, Any] = _text_and_attributes(spec, element, path)
    for child in element:
        child_spec = spec.child(child.tag)
        if child_spec is None:
            raise _unexpected(child.tag, path)
        if child_spec.writable:
            patch[child.tag] = decode(child_spec, child, f"{path}/{child.tag}")
    if spec.choice and len(element) > 1:
        raise invalid_xml(f"'{path}' takes only one of: {', '.join(c.name for c in spec.children)}.", RESOLUTION)
    missing = [name for name in spec.required if name not in patch]
    if missing:
        raise invalid_request(f"'{path}' must contain {' and '.join(spec.required)}.", f"Add {', '.join(missing)}.")
    return patch


def _text_and_attributes(spec: Group, element: ET.Element, path: str) -> Dict[str, Any]:
    """The ``#text`` and ``@attribute`` children of a group that is a text element with attributes (``UrlEntry``);
    other groups take neither, as before."""
    text_spec = spec.child("#text")
    if text_spec is None:
        return {}
    values: Dict[str, Any] = {text_spec.name: _parsed(text_spec, text_of(element, strip=not text_spec.raw), path)}
    for name, text in element.attrib.items():
        child_spec = spec.child("@" + name)
        if child_spec is None:
            raise invalid_xml(f"Unexpected attribute '{name}' in '{path}'.", RESOLUTION)
        values[child_spec.name] = _parsed(child_spec, text, f"{path}/@{name}")
    return values


def _parsed(spec: Leaf, text: str, path: str) -> Any:
    try:
        return spec.type.parse(text)
    except ValueError:
        raise invalid_xml(f"Invalid value '{text}' for '{path}'.", spec.type.hint("the value")) from None


@decode.register
def _ref(spec: Ref, element: ET.Element, path: str) -> Dict[str, Any]:
    shown = {leaf.name for leaf in spec.show}
    alternative = spec.instead_of_id
    sent = {}
    for child in element:
        if child.tag not in shown and not (alternative and child.tag == alternative.name):
            raise _unexpected(child.tag, path)
        sent[child.tag] = text_of(child)
    if alternative and alternative.name in sent:
        if "id" in sent:
            raise invalid_request(
                f"'{path}' takes either id or {alternative.name}, not both.", f"Send {path}/id or {alternative.name}."
            )
        return {alternative.name: decode(alternative, element.find(alternative.name), f"{path}/{alternative.name}")}
    if "id" in sent:
        return {"id": decode(REFERENCED_ID, element.find("id"), f"{path}/id")}
    if spec.by_name and sent.get("name"):
        return {"name": sent["name"]}
    raise invalid_request(f"'{path}' needs an id.", f"Specify {path}/id.")


@decode.register
def _repeated(spec: Repeated, element: ET.Element, path: str) -> list:
    values = []
    for child in element:
        if child.tag != spec.item.name:
            raise _unexpected(child.tag, path)
        values.append(decode(spec.item, child, f"{path}/{child.tag}"))
    return values


@decode.register
def _qlist(spec: QList, element: ET.Element, path: str) -> Dict[str, list]:
    patch: Dict[str, list] = {}
    for operation in element:
        if operation.tag not in spec.ops:
            raise _unexpected(operation.tag, path)
        items = []
        for item in operation:
            if item.tag != spec.item.name:
                raise _unexpected(item.tag, f"{path}/{operation.tag}")
            items.append(decode(spec.item, item, f"{path}/{operation.tag}/{item.tag}"))
        patch[operation.tag] = items
    return patch
