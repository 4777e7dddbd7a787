# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Element-by-element comparison of a response with a recorded or documented one.

Paths are element names joined by "/" below the root (``data/WasScanSchedule/owner/username``) and apply to
every element at that path. Text is compared without surrounding whitespace, because the documents
pretty-print CDATA sections on lines of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Dict, Iterable, List, Optional


def _text(element: ET.Element) -> str:
    return (element.text or "").strip()


def _pair_children(actual: List[ET.Element], expected: List[ET.Element], partial: bool, path: str):
    if not partial:
        assert [c.tag for c in actual] == [c.tag for c in expected], f"children of {path or 'root'} differ"
        return list(zip(actual, expected))
    # An abridged document: its elements must appear in the response, in the same order.
    pairs, position = [], 0
    for wanted in expected:
        while position < len(actual) and actual[position].tag != wanted.tag:
            position += 1
        assert position < len(actual), f"{path}/{wanted.tag} missing or out of order"
        pairs.append((actual[position], wanted))
        position += 1
    return pairs


def assert_same_xml(
    actual: ET.Element,
    expected: ET.Element,
    ignore: Iterable[str] = (),
    overrides: Optional[Dict[str, str]] = None,
    partial: Iterable[str] = (),
    path: str = "",
) -> None:
    """``ignore``: paths whose text is not compared (ids, dates); ``overrides``: paths whose expected text is
    replaced; ``partial``: paths whose children are an abridged, ordered subset of the response's."""
    ignore, partial, overrides = set(ignore), set(partial), overrides or {}
    assert actual.tag == expected.tag, f"{path}: {actual.tag} != {expected.tag}"
    if len(expected) == 0 and path not in ignore:
        wanted = overrides.get(path, _text(expected))
        assert _text(actual) == wanted, f"{path}: {_text(actual)!r} != {wanted!r}"
    for actual_child, expected_child in _pair_children(list(actual), list(expected), path in partial, path):
        child_path = f"{path}/{expected_child.tag}" if path else expected_child.tag
        assert_same_xml(actual_child, expected_child, ignore, overrides, partial, child_path)


def shape(element: ET.Element) -> tuple:
    """An element's tag tree without text: what two responses with different values have in common."""
    return (element.tag, tuple(shape(child) for child in element))
