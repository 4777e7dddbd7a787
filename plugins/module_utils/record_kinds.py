# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Kinds for reading records: lists that a summary only counts, and values of which only a part is secret."""

from __future__ import annotations

import re
from typing import Any, Callable, List, Mapping, Optional

from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Group, Items, Text, mask_secrets, text_of


class ListedItems(Items):
    """A collection that is null, not empty, when the response does not list its items.

    Summary results (a search without ``verbose``) carry ``<tags><count>2</count></tags>`` or nothing at all:
    an empty list there would claim that the object has none. A ``secret`` field of this kind hides each item
    with the item's own kind, so that an item kind decides which part of it is secret.
    """

    def from_wire(self, raw: Any) -> Optional[List[Any]]:
        if not isinstance(raw, Mapping):
            return None
        listed = raw.get("list") if self.wrapper else raw
        if listed is None and text_of(raw.get("count")) not in (None, "", "0"):
            return None
        return super().from_wire(raw)

    def hide(self, value: Any, marker: str) -> Any:
        return [self.kind.hide(item, marker) for item in value]


class SecretWhen(Group):
    """A group whose ``secret`` child is hidden only while ``when(group)`` holds: a form field's value is a
    secret when the field is marked secured, not when it holds a user name.

    The field holding the group must be ``secret`` so that hiding reaches this kind; children marked
    ``secret`` themselves are always hidden.
    """

    def __init__(self, *fields: Field, secret: str, when: Callable[[Mapping[str, Any]], bool], **rules: Any) -> None:
        super().__init__(*fields, **rules)
        self.secret = next(field for field in fields if field.option == secret)
        self.when = when

    def hide(self, value: Any, marker: str) -> Any:
        hidden = mask_secrets(self.fields, value, marker)
        if hidden.get(self.secret.option) is not None and self.when(value):
            hidden[self.secret.option] = self.secret.kind.hide(hidden[self.secret.option], marker)
        return hidden


# Selenese (Selenium IDE HTML) has one command per table row: command, target, value. The commands below
# type their value into the page, so in a login script that value is a user name or a password.
TYPING_COMMANDS = frozenset(("type", "typeandwait", "typekeys", "typekeysandwait", "sendkeys", "sendkeysandwait"))
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr\s*>", re.IGNORECASE | re.DOTALL)
# The lazy middle group stops before trailing blanks, so only the cell's own text is replaced.
_CELL = re.compile(r"<td\b[^>]*>\s*(.*?)\s*</td\s*>", re.IGNORECASE | re.DOTALL)


class SeleneseScript(Text):
    """A Selenium script in Selenese HTML whose secret is the value column of the commands that type text.

    Hiding keeps the script readable and well formed: commands, locators and every other value stay, the
    typed text becomes the marker (escaped, since the script is HTML). Empty values are left as they are:
    there is nothing to hide in them.
    """

    def hide(self, value: Any, marker: str) -> Any:
        # Imported here: html brings its table of entities, which only a record with a script needs.
        import html  # pylint: disable=import-outside-toplevel

        escaped = html.escape(marker)
        return _ROW.sub(lambda row: _hide_typed_value(row.group(0), escaped), value)


def _hide_typed_value(row: str, marker: str) -> str:
    cells = list(_CELL.finditer(row))
    if len(cells) < 3 or cells[0].group(1).lower() not in TYPING_COMMANDS or not cells[2].group(1):
        return row
    value = cells[2]
    return row[: value.start(1)] + marker + row[value.end(1) :]
