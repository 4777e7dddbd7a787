# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``ServiceResponse`` bodies: success with count/paging/data, and errors with responseErrorDetails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from .errors import QpsError
from .xmlout import XSI_NAMESPACE, Node, serialise


@dataclass
class Outcome:
    """A successful call's answer before serialisation."""

    count: Optional[int]  # None: no count element (an answer of the response code alone)
    data: Optional[List[Node]] = None  # None: no data element (count calls)
    paged: bool = False  # a search: hasMoreRecords/lastId and the empty-result shapes apply
    has_more: bool = False
    last_id: Optional[int] = None
    # A document answered bare, without the ServiceResponse envelope (a scan's results download), and its file name.
    document: Optional[Node] = None
    filename: Optional[str] = None
    # A file answered as it is (a report's download), with its Content-Type; named by ``filename``.
    file: Optional[bytes] = None
    content_type: Optional[str] = None


def _envelope(children: List[Node], schema_location: str) -> bytes:
    return bare_document(Node("ServiceResponse", children=children), schema_location)


def bare_document(root: Node, schema_location: str) -> bytes:
    root.attributes = {"xmlns:xsi": XSI_NAMESPACE, "xsi:noNamespaceSchemaLocation": schema_location}
    return serialise(root)


def success_body(outcome: Outcome, empty_shape: str, schema_location: str) -> bytes:
    children = [Node("responseCode", "SUCCESS")]
    if outcome.count is not None:
        children.append(Node("count", str(outcome.count)))
    if outcome.paged and not outcome.data:
        # Shape "b" (samples webapp-search-jupiterone-5, finding-search-jupiterone-1) stops at the count;
        # shape "a" (sample webapp-search-jupiterone-3) adds hasMoreRecords and an empty data element.
        if empty_shape == "a":
            children += [Node("hasMoreRecords", "false"), Node("data")]
        return _envelope(children, schema_location)
    if outcome.paged:
        children.append(Node("hasMoreRecords", "true" if outcome.has_more else "false"))
        if outcome.last_id is not None:
            children.append(Node("lastId", str(outcome.last_id)))
    if outcome.data is not None:
        children.append(Node("data", children=outcome.data))
    return _envelope(children, schema_location)


def error_body(error: QpsError, schema_location: str) -> bytes:
    details = [Node("errorMessage", error.message)]
    if error.resolution:
        details.append(Node("errorResolution", error.resolution))
    children = [Node("responseCode", error.code), Node("responseErrorDetails", children=details)]
    return _envelope(children, schema_location)
