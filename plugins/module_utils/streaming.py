# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Documents too large to hold whole, such as a scan's results, read piece by piece as they arrive.

A download is a bare record (``<WasScan>`` as the root, recorded) rather than a ``ServiceResponse``; an error, or a
tenant that wraps the record, answers with a ``ServiceResponse``. Both are read here. The elements under a
*streamed* container are handed one by one to a callback and dropped, and *skipped* elements (payloads, base64
data) are passed over unread, so memory depends on the largest item, not on the size of the document.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple
from xml.parsers import expat

from ansible_collections.qualys.was.plugins.module_utils.codec import (
    ServiceResponse,
    refuse_non_xml,
    service_response,
)
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError

ENVELOPE = "ServiceResponse"
# Enough of a body's start to tell an HTML page (and its title) or plain text from XML.
HEAD_BYTES = 4096

Path = Tuple[str, ...]


def _path(text: str) -> Path:
    return tuple(text.split("/"))


def _matches(pattern: Path, path: Path) -> bool:
    """Whether ``path`` is ``pattern``, which is as long, ``*`` standing for any one name."""
    return all(part in ("*", name) for part, name in zip(pattern, path))


class _Reader:
    """Expat handlers that build the record as xmltodict would (``@attribute``, ``#text``, a list for a repeated
    element), except for streamed and skipped elements. Paths are relative to the record element."""

    def __init__(self, element: str, streamed: Mapping[str, Callable[[Any], None]], skipped: Sequence[str]) -> None:
        self.element = element
        self.streamed = {_path(path): callback for path, callback in streamed.items()}
        self.skipped: Dict[int, List[Path]] = {}  # by length, so that an element is matched against few
        for path in skipped:
            self.skipped.setdefault(len(_path(path)), []).append(_path(path))
        self.path: List[str] = []
        self.base = 0  # depth of the record element: 1 for a bare record, 3 inside a ServiceResponse
        self.skip_at = 0  # depth of the element being passed over, 0 when none
        self.frames: List[Tuple[Dict[str, Any], List[str]]] = [({}, [])]

    def relative(self) -> Optional[Path]:
        """The path below the record element, or None outside the record."""
        if self.base and len(self.path) > self.base and self.path[self.base - 1] == self.element:
            return tuple(self.path[self.base :])
        return None

    def start(self, name: str, attributes: Dict[str, str]) -> None:
        self.path.append(name)
        if self.skip_at:
            return
        if len(self.path) == 1:
            if name == self.element:
                self.base = 1
            elif name != ENVELOPE:
                raise QualysApiError("the server sent XML that is neither a %s nor a ServiceResponse" % self.element)
        elif self.path == [ENVELOPE, "data", self.element]:
            self.base = 3
        relative = self.relative()
        if relative and any(_matches(pattern, relative) for pattern in self.skipped.get(len(relative), ())):
            self.skip_at = len(self.path)
            return
        self.frames.append(({"@" + key: value for key, value in attributes.items()}, []))

    def end(self, name: str) -> None:
        if self.skip_at:
            if len(self.path) == self.skip_at:
                self.skip_at = 0
            self.path.pop()
            return
        relative = self.relative()
        children, parts = self.frames.pop()
        text = "".join(parts).strip() or None
        if children:
            if text is not None:
                children["#text"] = text
            value: Any = children
        else:
            value = text
        callback = self.streamed.get(relative[:-1]) if relative else None
        self.path.pop()
        if callback is not None:
            callback(value)
            return
        parent = self.frames[-1][0]
        if name in parent:
            held = parent[name]
            parent[name] = held + [value] if isinstance(held, list) else [held, value]
        else:
            parent[name] = value

    def text(self, data: str) -> None:
        if not self.skip_at:
            self.frames[-1][1].append(data)

    def result(self) -> ServiceResponse:
        document = self.frames[0][0]
        if self.base == 1:
            return ServiceResponse("SUCCESS", 1, False, None, [document[self.element] or {}], None, None)
        return service_response(document.get(ENVELOPE) or {}, self.element)


def _with_head(chunks: Iterable[bytes], expected: str) -> Iterator[bytes]:
    """The chunks again, once the body's first bytes have shown that it can be XML."""
    stream = iter(chunks)
    head = b""
    for chunk in stream:
        head += chunk
        if len(head.lstrip()) >= HEAD_BYTES:
            break
    refuse_non_xml(head, expected)
    yield head
    yield from stream


def parse_stream(
    chunks: Iterable[bytes],
    element: str,
    streamed: Mapping[str, Callable[[Any], None]],
    skipped: Sequence[str] = (),
) -> ServiceResponse:
    """Read a bare ``element`` document, or a ``ServiceResponse``, from ``chunks`` of bytes.

    ``streamed`` maps container paths below the record (``vulns/list``) to the callback each child of the
    container goes to, parsed, instead of into the record. ``skipped`` lists paths (``*`` matches any one name,
    ``vulns/list/*/instances/list``) whose elements are not read at all. A bare record is returned as a SUCCESS
    holding it. Entities are not expanded, as in ``codec.parse_response``.
    """
    reader = _Reader(element, streamed, skipped)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    # A default handler takes the references to entities a document declares, so they are never expanded.
    parser.DefaultHandler = lambda data: None
    parser.ExternalEntityRefHandler = lambda *args: 1
    try:
        for chunk in _with_head(chunks, "a %s document" % element):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise QualysApiError("the server sent malformed XML (%s)" % exc) from None
    return reader.result()
