# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one place that writes ``ServiceRequest`` XML and reads ``ServiceResponse`` XML."""

from __future__ import annotations

import re
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

try:
    import xmltodict
    from xml.parsers.expat import ExpatError

    HAS_XMLTODICT = True
except ImportError:
    HAS_XMLTODICT = False

from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError


class Criterion(NamedTuple):
    """One ``<Criteria field=… operator=…>value</Criteria>``; a sequence value is sent comma-joined (IN)."""

    field: str
    operator: str
    value: Any


class ServiceResponse(NamedTuple):
    response_code: str
    count: int
    has_more_records: bool
    last_id: Optional[int]
    records: List[Dict[str, Any]]
    error_message: Optional[str]
    error_resolution: Optional[str]

    @property
    def succeeded(self) -> bool:
        return self.response_code == "SUCCESS"


def as_list(value: Any) -> List[Any]:
    """xmltodict gives a dict for one repeated element and a list for several; absent is None."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _wire(value: Any) -> Any:
    """Scalars as the API spells them: booleans lower-case, numbers as text; containers recursively."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_wire(item) for item in value]
    return value


def _criteria(filters: Sequence[Criterion]) -> List[Dict[str, str]]:
    criteria = []
    for criterion in filters:
        value = criterion.value
        if isinstance(value, (list, tuple, set)):
            value = ",".join(str(_wire(item)) for item in value)
        criteria.append({"@field": criterion.field, "@operator": criterion.operator, "#text": str(_wire(value))})
    return criteria


def build_request(
    data: Optional[Tuple[str, Dict[str, Any]]] = None,
    filters: Sequence[Criterion] = (),
    preferences: Optional[Dict[str, Any]] = None,
) -> bytes:
    """Serialise a ``ServiceRequest``; ``data`` is ``(element, payload)``, e.g. ``("OptionProfile", {...})``.

    Text is escaped by the serialiser, so names holding ``&``, ``<`` or ``]]>`` reach the server intact.
    """
    request: Dict[str, Any] = {}
    if filters:
        request["filters"] = {"Criteria": _criteria(filters)}
    if preferences:
        request["preferences"] = _wire(preferences)
    if data is not None:
        element, payload = data
        request["data"] = {element: _wire(payload)}
    document = {"ServiceRequest": request or None}
    return xmltodict.unparse(document, encoding="utf-8").encode("utf-8")


_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _looks_like_html(body: bytes) -> bool:
    head = body.lstrip()[:200].lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html")


def refuse_non_xml(head: bytes, expected: str = "a ServiceResponse") -> None:
    """Raise ``QualysApiError`` for a body (or its first bytes) that cannot be XML: empty, an HTML page, plain text."""
    if not head or not head.strip():
        raise QualysApiError("the server sent an empty body where %s was expected" % expected)
    if _looks_like_html(head):
        title = _HTML_TITLE.search(head)
        shown = title.group(1).decode("utf-8", "replace").strip() if title else "no title"
        raise QualysApiError("the server sent an HTML page instead of XML (%s)" % shown)
    if not head.lstrip().startswith(b"<"):
        # A proxy's or load balancer's plain-text error: its words are all there is to tell the user.
        text = " ".join(head.decode("utf-8", "replace").split())
        raise QualysApiError(
            "the server sent text instead of XML: %r" % (text[:200] + ("…" if len(text) > 200 else ""))
        )


def parse_response(body: bytes, element: Optional[str] = None) -> ServiceResponse:
    """Read a ``ServiceResponse``; raise ``QualysApiError`` for bodies that are not one.

    ``element`` names the record element under ``data`` (``WasScanSchedule``); without it, the first
    element found there is used. Entity expansion stays disabled: the service never needs it and a
    hostile body must not be able to use it.
    """
    refuse_non_xml(body)
    try:
        document = xmltodict.parse(body, disable_entities=True)
    except (ExpatError, ValueError) as exc:
        raise QualysApiError("the server sent malformed XML (%s)" % exc) from None
    response = document.get("ServiceResponse") if isinstance(document, dict) else None
    if not isinstance(response, dict):
        raise QualysApiError("the server sent XML that is not a ServiceResponse")
    return service_response(response, element)


def service_response(response: Dict[str, Any], element: Optional[str] = None) -> ServiceResponse:
    """A parsed ``<ServiceResponse>`` element (as xmltodict gives it) as a ``ServiceResponse``."""
    details = response.get("responseErrorDetails") or {}
    data = response.get("data") or {}
    if element is None and isinstance(data, dict) and data:
        element = next(iter(data))
    records = as_list(data.get(element)) if isinstance(data, dict) and element else []
    last_id = response.get("lastId")
    return ServiceResponse(
        response_code=(response.get("responseCode") or "").strip(),
        count=int(response.get("count") or 0),
        has_more_records=(response.get("hasMoreRecords") or "").strip().lower() == "true",
        last_id=int(last_id) if last_id not in (None, "") else None,
        records=[record or {} for record in records],
        error_message=details.get("errorMessage"),
        error_resolution=details.get("errorResolution"),
    )
