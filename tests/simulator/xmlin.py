# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading requests: a ``ServiceRequest`` body parsed safely into filters, preferences and data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional
from xml.parsers import expat

from .errors import invalid_xml
from .values import BOOLEAN, LONG, ValueType

RESOLUTION = "Check the request body against the object's XSD."
PREFERENCE_TYPES: Dict[str, ValueType] = {
    "startFromId": LONG,
    "startFromOffset": LONG,
    "limitResults": LONG,
    "verbose": BOOLEAN,
}


@dataclass(frozen=True)
class Criterion:
    field: str
    operator: str
    value: str
    raw: str  # the value with its surrounding whitespace, for name_whitespace "keep"


@dataclass
class ServiceRequest:
    filters: List[Criterion] = field(default_factory=list)
    preferences: Dict[str, Any] = field(default_factory=dict)
    data: Optional[ET.Element] = None


class _Declaration(Exception):
    pass


def _refuse_declaration(*_args: Any) -> None:
    raise _Declaration()


def _refuse_declarations(body: bytes) -> None:
    """DOCTYPE and entity declarations are refused outright: no entity expansion, no external fetches."""
    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = _refuse_declaration
    scanner.EntityDeclHandler = _refuse_declaration
    try:
        scanner.Parse(body, True)
    except _Declaration:
        raise invalid_xml("DOCTYPE and entity declarations are not allowed in requests.", RESOLUTION) from None
    except expat.ExpatError as error:
        raise invalid_xml(f"The request body is not well-formed XML: {error}.", RESOLUTION) from None


def text_of(element: ET.Element, strip: bool = True) -> str:
    """An element's text; surrounding whitespace (pretty-printed CDATA) is not part of the value, unless
    ``strip`` is false (names, whose whitespace the name_whitespace setting decides)."""
    if len(element):
        raise invalid_xml(f"Element '{element.tag}' must hold a value, not elements.", RESOLUTION)
    text = element.text or ""
    return text.strip() if strip else text


def _parse_filters(element: ET.Element) -> List[Criterion]:
    criteria = []
    for child in element:
        if child.tag != "Criteria":
            raise invalid_xml(f"Unexpected element '{child.tag}' in 'filters'.", RESOLUTION)
        if "field" not in child.attrib or "operator" not in child.attrib:
            raise invalid_xml("Criteria needs the attributes 'field' and 'operator'.", RESOLUTION)
        field, operator = child.attrib["field"], child.attrib["operator"]
        criteria.append(Criterion(field, operator, text_of(child), text_of(child, strip=False)))
    return criteria


def _parse_preferences(element: ET.Element) -> Dict[str, Any]:
    preferences = {}
    for child in element:
        value_type = PREFERENCE_TYPES.get(child.tag)
        if value_type is None:
            raise invalid_xml(f"Unexpected element '{child.tag}' in 'preferences'.", RESOLUTION)
        text = text_of(child)
        try:
            preferences[child.tag] = value_type.parse(text)
        except ValueError:
            raise invalid_xml(
                f"Invalid value '{text}' for 'preferences/{child.tag}'.", value_type.hint("the value")
            ) from None
    return preferences


def parse_service_request(body: bytes) -> ServiceRequest:
    if not body.strip():
        return ServiceRequest()
    _refuse_declarations(body)
    root = ET.fromstring(body)
    if root.tag != "ServiceRequest":
        raise invalid_xml(f"Unexpected root element '{root.tag}'; expected 'ServiceRequest'.", RESOLUTION)
    request = ServiceRequest()
    for child in root:
        if child.tag == "filters":
            request.filters = _parse_filters(child)
        elif child.tag == "preferences":
            request.preferences = _parse_preferences(child)
        elif child.tag == "data":
            request.data = child
        else:
            raise invalid_xml(f"Unexpected element '{child.tag}' in 'ServiceRequest'.", RESOLUTION)
    return request


def data_object(request: ServiceRequest, element_name: str) -> ET.Element:
    """The single object element a create or update carries in ``data``."""
    objects = list(request.data) if request.data is not None else []
    if len(objects) != 1 or objects[0].tag != element_name:
        raise invalid_xml(f"The request data must hold exactly one '{element_name}' element.", RESOLUTION)
    return objects[0]
