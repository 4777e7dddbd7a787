# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Writing responses: a minimal element tree with CDATA support, serialised the way the service does it
(two-space indentation, CDATA inline, apostrophes escaped as ``&apos;``)."""

from __future__ import annotations

from typing import List, Optional

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&apos;"))


class Node:
    """An element: either a leaf with ``text`` (written as CDATA when ``cdata``) or a parent of ``children``."""

    __slots__ = ("tag", "text", "cdata", "children", "attributes")

    def __init__(
        self,
        tag: str,
        text: Optional[str] = None,
        cdata: bool = False,
        children: Optional[List["Node"]] = None,
        attributes: Optional[dict] = None,
    ) -> None:
        self.tag = tag
        self.text = text
        self.cdata = cdata
        self.children = children if children is not None else []
        self.attributes = attributes or {}


def escape(text: str) -> str:
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text


def cdata_section(text: str) -> str:
    # "]]>" cannot appear inside a CDATA section: close the section between "]]" and ">".
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _write(node: Node, depth: int, lines: List[str]) -> None:
    indent = "  " * depth
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in node.attributes.items())
    if node.text is not None:
        body = cdata_section(node.text) if node.cdata else escape(node.text)
        lines.append(f"{indent}<{node.tag}{attributes}>{body}</{node.tag}>")
        return
    lines.append(f"{indent}<{node.tag}{attributes}>")
    for child in node.children:
        _write(child, depth + 1, lines)
    lines.append(f"{indent}</{node.tag}>")


def serialise(root: Node) -> bytes:
    lines = [XML_DECLARATION]
    _write(root, 0, lines)
    return ("\n".join(lines) + "\n").encode("utf-8")
