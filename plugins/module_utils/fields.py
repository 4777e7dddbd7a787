# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Field kinds: how one option is validated, written to XML, read back and compared.

Each quirk of the wire format lives in exactly one kind (minute-precision dates, numeric day orders,
``<set>`` sent but ``<list>`` returned, …), so that resources are tables and the engine has no
resource-specific branches.
"""

from __future__ import annotations

import re
from collections import abc
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.codec import as_list
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError


def camel(option: str) -> str:
    """``num_of_http_threads`` -> ``numOfHttpThreads``: the API's spelling of an option name."""
    head, *rest = option.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def text_of(raw: Any) -> Optional[str]:
    """Element text with the whitespace that pretty-printed CDATA sections carry removed."""
    if raw is None:
        return None
    if isinstance(raw, dict):  # an element with attributes or children: its own text, if any
        raw = raw.get("#text")
        if raw is None:
            return None
    return str(raw).strip()


def trimmed(value: Any) -> Optional[str]:
    """Text as the collection sends, matches and compares it: without surrounding whitespace.

    Whether Qualys trims what it stores is not documented; sending trimmed text makes both answers hold the same
    value, and a folded YAML scalar's trailing newline can never make a second object.
    """
    return value.strip() if isinstance(value, str) else None


class Kind:
    """Base kind: a scalar sent and read as text and compared by equality."""

    ansible_type = "str"

    def spec(self) -> Dict[str, Any]:
        return {"type": self.ansible_type}

    def check(self, value: Any, where: str) -> None:
        """Raise ``ValidationError`` for a value the API would refuse (the argument spec has run)."""

    def check_create(self, value: Any, where: str, now: datetime) -> None:
        """Raise ``ValidationError`` for a value the API refuses on create only, checked once a read has shown that
        the task creates (a start that has passed, which an update may leave as it is)."""

    def to_wire(self, value: Any) -> Any:
        return value

    def from_wire(self, raw: Any) -> Any:
        return text_of(raw)

    def canonical(self, value: Any) -> Any:
        """The form compared between the task and the server; hashable, so lists can become sets."""
        return value

    def differs(self, desired: Any, current: Any) -> bool:
        return self.canonical(desired) != self.canonical(current)

    def merged(self, current: Any, desired: Any) -> Any:
        """The value after the server applies ``desired`` on top of ``current``."""
        return desired

    def hide(self, value: Any, marker: str) -> Any:
        """A secret value as outputs show it; a kind whose secret is only part of the value overrides this."""
        return marker


class Text(Kind):
    """Text is sent, read back (``text_of``) and compared without surrounding whitespace."""

    def to_wire(self, value: Any) -> Any:
        return trimmed(value) if isinstance(value, str) else value

    def canonical(self, value: Any) -> Any:
        return trimmed(value) if isinstance(value, str) else value

    def merged(self, current: Any, desired: Any) -> Any:
        return self.to_wire(desired)


class Integer(Kind):
    ansible_type = "int"

    def __init__(self, minimum: Optional[int] = None, maximum: Optional[int] = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any, where: str) -> None:
        too_low = self.minimum is not None and value < self.minimum
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            bounds = "from %s to %s" % (self.minimum, self.maximum)
            if self.maximum is None:
                bounds = "%s or more" % self.minimum
            elif self.minimum is None:
                bounds = "%s or less" % self.maximum
            raise ValidationError("%s must be %s, got %s" % (where, bounds, value))

    def from_wire(self, raw: Any) -> Optional[int]:
        value = text_of(raw)
        return int(value) if value not in (None, "") else None


class Boolean(Kind):
    """``absent`` is the value an element or attribute the server leaves out stands for (an XSD default)."""

    ansible_type = "bool"

    def __init__(self, absent: Optional[bool] = None) -> None:
        self.absent = absent

    def from_wire(self, raw: Any) -> Optional[bool]:
        value = text_of(raw)
        return self.absent if value in (None, "") else value.lower() == "true"

    def canonical(self, value: Any) -> Any:
        return self.absent if value is None else value


class Choice(Kind):
    """Lower-case choices for the task, upper-case keywords on the wire.

    ``read_as`` maps other spellings the server returns (``dayOrder`` comes back as ``1`` … ``-1``)
    to the choice they stand for.
    """

    def __init__(self, *choices: str, read_as: Optional[Mapping[str, str]] = None) -> None:
        self.choices = choices
        self.read_as = dict(read_as or {})

    def spec(self) -> Dict[str, Any]:
        return {"type": "str", "choices": list(self.choices)}

    def to_wire(self, value: str) -> str:
        return value.upper()

    def from_wire(self, raw: Any) -> Optional[str]:
        value = text_of(raw)
        if value in (None, ""):
            return None
        return self.read_as.get(value, value.lower())


_DATE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_utc(value: str, where: str = "date") -> datetime:
    """An ISO-8601 date-time as an aware UTC datetime; a value without an offset is taken as UTC."""
    match = _DATE_TIME.match(value.strip())
    if not match:
        raise ValidationError("%s must be a date-time such as 2030-01-31T21:30:00Z, got %r" % (where, value))
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError as exc:
        raise ValidationError("%s is not a valid date-time (%s): %r" % (where, exc, value)) from None
    if offset and offset != "Z":
        sign = 1 if offset[0] == "+" else -1
        moment -= sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[-2:]))
    return moment.replace(tzinfo=timezone.utc)


class DateTime(Kind):
    """A UTC date-time compared at minute precision: Qualys stores schedule starts without seconds.

    ``future_on_create`` is a value a create refuses when it has passed (a schedule's first launch).
    """

    def __init__(self, future_on_create: bool = False) -> None:
        self.future_on_create = future_on_create

    def check(self, value: Any, where: str) -> None:
        parse_utc(value, where)

    def check_create(self, value: Any, where: str, now: datetime) -> None:
        if self.future_on_create and parse_utc(value, where) < now:
            raise ValidationError(
                "%s %s has passed (it is now %s), and Qualys refuses to create with a date in the past; set a"
                " future one" % (where, value, now.strftime("%Y-%m-%dT%H:%M:%SZ"))
            )

    def to_wire(self, value: str) -> str:
        return parse_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")

    def canonical(self, value: Any) -> Any:
        if value is None:
            return None
        return parse_utc(value).strftime("%Y-%m-%dT%H:%M:00Z")

    def merged(self, current: Any, desired: Any) -> Any:
        return self.canonical(desired)


class Field:
    """One option of a resource and where it lives in the XML.

    ``wire`` is the element path relative to the parent, dotted for levels the task does not see
    (``monthlyType.occurDayNbInMonth``); it defaults to the camelCase of the option. ``compared=False``
    marks values the server computes or never returns (a time-zone offset, a password): they are sent
    but never compared, and a prediction keeps the value the server last reported, if any. ``secret``
    values are hidden in every output. ``clears`` names sibling options that the server drops when this
    one is sent (``performance`` and ``custom_performance``).
    ``toggle`` names the operations that set a boolean without an update (``activate``/``deactivate``).
    ``required`` applies inside a group: the API needs the option whenever the group is sent.
    ``stamped`` read-only values are set by the server on every write (``updatedDate``), so a prediction
    cannot know them. ``resend=False`` values are sent only when the task changes them, even inside a block sent
    whole (a schedule's start date: an update resending a start date that has passed may be refused).
    ``required_on_create`` options are what a create cannot do without, checked once the search has shown that
    the task creates.
    ``purge`` lists (``Items`` sent in ``<set>``) get a ``purge_<option>`` option, true by default, after Ansible's tag
    convention: false keeps the items the server holds beyond the task's, and sends only the missing ones in ``<add>``.
    ``no_log`` hides the option's value from Ansible's logs; it defaults to true for a ``secret`` value that is not a
    group or a list (whose secrets are children of their own); false says that a name that looks like a secret's is
    not one.
    """

    def __init__(
        self,
        option: str,
        kind: Kind,
        wire: Optional[str] = None,
        read_only: bool = False,
        compared: bool = True,
        secret: bool = False,
        clears: Sequence[str] = (),
        toggle: Optional[Tuple[str, str]] = None,
        required: bool = False,
        stamped: bool = False,
        resend: bool = True,
        required_on_create: bool = False,
        purge: bool = False,
        no_log: Optional[bool] = None,
    ) -> None:
        if purge and not (isinstance(kind, Items) and kind.wrapper == "set"):
            raise ValueError("purge needs a list sent in <set>, which the API also takes as <add>: %s" % option)
        self.option = option
        self.kind = kind
        self.wire = wire or camel(option)
        # Split once: every record read walks it, 10,000 records times every field in a listing.
        self.path = tuple(self.wire.split("."))
        self.read_only = read_only
        self.compared = compared
        self.secret = secret
        self.clears = tuple(clears)
        self.toggle = toggle
        self.required = required
        self.stamped = stamped
        self.resend = resend
        self.required_on_create = required_on_create
        self.purge = purge
        # Explicit either way where the name looks like a secret's (access_token_url), derived for secrets.
        self.no_log = True if no_log is None and secret and not isinstance(kind, (Group, Items)) else no_log

    @property
    def purge_option(self) -> str:
        return "purge_" + self.option

    def keeps(self, values: Mapping[str, Any]) -> bool:
        """Whether the task keeps the items the server holds beyond its own (``purge_<option>: false``)."""
        return self.purge and values.get(self.purge_option) is False

    def differs(self, desired: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
        if self.keeps(desired):
            return bool(self.kind.missing(desired[self.option], current.get(self.option)))
        return self.kind.differs(desired[self.option], current.get(self.option))

    def merged(self, current: Mapping[str, Any], desired: Mapping[str, Any]) -> Any:
        if self.keeps(desired):
            return self.kind.added(current.get(self.option), desired[self.option])
        return self.kind.merged(current.get(self.option), desired[self.option])

    def read(self, node: Mapping[str, Any]) -> Any:
        raw: Any = node
        for step in self.path:
            # xmltodict gives dicts; an abc.Mapping check costs ten times as much and runs for every field read.
            if not isinstance(raw, dict):
                return self.kind.from_wire(None)
            raw = raw.get(step)
        return self.kind.from_wire(raw)

    def write(self, node: Dict[str, Any], value: Any, added: bool = False) -> None:
        """Write ``value`` at the field's path; ``added`` items go in ``<add>`` instead of replacing the list."""
        *parents, leaf = self.path
        for step in parents:
            node = node.setdefault(step, {})
        node[leaf] = self.kind.added_to_wire(value) if added else self.kind.to_wire(value)


class Group(Kind):
    """A nested element whose children are fields; only the children the task set are sent and compared.

    ``rules`` are argument-spec rules for the children (``mutually_exclusive``, ``required_one_of``, …).
    ``whole`` marks a block the API may replace whole on update: an update then sends every child, those the
    task does not manage as the server holds them, so that changing one child never wipes another.
    ``removed_by=(option, value)`` names the child value with which a request removes the block: the server then
    holds none, which a task giving that value matches (an authentication record's form ``type: none``).
    Read-only children (ids the server numbers) are returned, never compared.
    """

    ansible_type = "dict"

    def __init__(
        self, *fields: Field, whole: bool = False, removed_by: Optional[Tuple[str, Any]] = None, **rules: Any
    ) -> None:
        self.fields = fields
        self.whole = whole
        self.removed_by = removed_by
        self.rules = rules

    def removes(self, value: Any) -> bool:
        """Whether ``value`` is the request that removes the block."""
        return (
            bool(self.removed_by)
            and isinstance(value, abc.Mapping)
            and value.get(self.removed_by[0]) == self.removed_by[1]
        )

    def spec(self) -> Dict[str, Any]:
        return {"type": "dict", "options": options_spec(self.fields), **self.rules}

    def check(self, value: Any, where: str) -> None:
        check_values(self.fields, value, where + ".")

    def check_create(self, value: Any, where: str, now: datetime) -> None:
        check_create_values(self.fields, value, now, where + ".")

    def to_wire(self, value: Mapping[str, Any]) -> Dict[str, Any]:
        node: Dict[str, Any] = {}
        for field in self.fields:
            if value.get(field.option) is not None and not field.read_only:
                field.write(node, value[field.option], added=field.keeps(value))
        return node

    def from_wire(self, raw: Any) -> Optional[Dict[str, Any]]:
        if isinstance(raw, str):  # an element of text alone; with attributes it reads as {"@name": …, "#text": …}
            raw = {"#text": raw}
        if not isinstance(raw, dict):  # what xmltodict gives; see Field.read
            return None
        return {field.option: field.read(raw) for field in self.fields}

    def canonical(self, value: Any) -> Any:
        if value is None or self.removes(value):
            return None
        return tuple(
            (field.option, field.kind.canonical(value.get(field.option)))
            for field in self.fields
            if field.compared and not field.read_only
        )

    def differs(self, desired: Any, current: Any) -> bool:
        if self.removes(desired):
            return current is not None
        return bool(changed_options(self.fields, desired, current or {}))

    def merged(self, current: Any, desired: Any) -> Any:
        if self.removes(desired):
            return None
        return merge_values(self.fields, current or {}, desired)


class Items(Kind):
    """A repeated element: sent inside ``<set>`` (or bare, ``wrapper=None``), read from ``<list>``.

    ``item`` is the repeated element (``Tag``); ``key`` the child holding the value when the item is a
    wrapper around one value (``Comment``/``contents``). Unordered lists are compared as sets.
    Items with read-only children (``numbered``) carry values the server gives each item it stores, an id it
    numbers: a list sent whole makes every item anew, so a prediction leaves those values null.
    """

    def __init__(
        self,
        kind: Kind,
        item: str,
        key: Optional[str] = None,
        wrapper: Optional[str] = "set",
        ordered: bool = False,
        minimum: int = 0,
    ) -> None:
        self.kind = kind
        self.item = item
        self.key = key
        self.wrapper = wrapper
        self.ordered = ordered
        self.minimum = minimum
        self.numbered = isinstance(kind, Group) and any(field.read_only for field in kind.fields)

    def spec(self) -> Dict[str, Any]:
        element_spec = self.kind.spec()
        spec = {"type": "list", "elements": element_spec.pop("type")}
        spec.update(element_spec)
        return spec

    def check(self, value: Any, where: str) -> None:
        if len(value) < self.minimum:
            raise ValidationError("%s needs at least %d item(s), got %d" % (where, self.minimum, len(value)))
        for index, item in enumerate(value):
            self.kind.check(item, "%s[%d]" % (where, index))

    def to_wire(self, value: Iterable[Any]) -> Dict[str, Any]:
        listed = self._listed(value)
        return {self.wrapper: listed} if self.wrapper else listed

    def added_to_wire(self, value: Iterable[Any]) -> Dict[str, Any]:
        """Items added to those the server holds (QPS ``<add>``), where ``to_wire`` replaces them (``<set>``)."""
        return {"add": self._listed(value)}

    def _listed(self, value: Iterable[Any]) -> Dict[str, Any]:
        items = [self.kind.to_wire(item) for item in value]
        if self.key:
            items = [{self.key: item} for item in items]
        return {self.item: items}

    def from_wire(self, raw: Any) -> List[Any]:
        if not isinstance(raw, dict):  # what xmltodict gives; see Field.read
            return []
        container = raw.get("list") if self.wrapper else raw
        nodes = as_list(container.get(self.item)) if isinstance(container, dict) else []
        if self.key:
            nodes = [node.get(self.key) if isinstance(node, dict) else None for node in nodes]
        return [self.kind.from_wire(node) for node in nodes]

    def canonical(self, value: Any) -> Any:
        values = [self.kind.canonical(item) for item in value or ()]
        return tuple(values) if self.ordered else frozenset(values)

    def merged(self, current: Any, desired: Any) -> Any:
        if self.numbered:
            # A list sent whole is stored anew, items the server held included (authentication record fields get
            # new ids): what the server gives an item is known only once it is read again.
            return [self.kind.merged(None, item) for item in desired]
        # An item the server already holds is predicted from its own view of it (a name a task gave as an id).
        held = {self.kind.canonical(item): item for item in current or ()}
        return [self.kind.merged(held.get(self.kind.canonical(item)), item) for item in desired]

    def missing(self, desired: Any, current: Any) -> List[Any]:
        """The items of ``desired`` the server does not hold yet."""
        held = {self.kind.canonical(item) for item in current or ()}
        return [item for item in desired if self.kind.canonical(item) not in held]

    def added(self, current: Any, desired: Any) -> List[Any]:
        """The list after the server adds the missing items of ``desired`` to ``current``."""
        return list(current or ()) + [self.kind.merged(None, item) for item in self.missing(desired, current)]


def options_spec(fields: Iterable[Field]) -> Dict[str, Dict[str, Any]]:
    spec = {}
    for field in fields:
        if not field.read_only:
            spec[field.option] = field.kind.spec()
            if field.required:
                spec[field.option]["required"] = True
            if field.no_log is not None:
                spec[field.option]["no_log"] = field.no_log
            if field.purge:
                spec[field.purge_option] = {"type": "bool", "default": True}
    return spec


def check_values(fields: Iterable[Field], values: Mapping[str, Any], prefix: str = "") -> None:
    for field in fields:
        value = values.get(field.option)
        if value is not None and not field.read_only:
            field.kind.check(value, prefix + field.option)


def check_create_values(fields: Iterable[Field], values: Mapping[str, Any], now: datetime, prefix: str = "") -> None:
    for field in fields:
        value = values.get(field.option)
        if value is not None and not field.read_only:
            field.kind.check_create(value, prefix + field.option, now)


def changed_options(fields: Iterable[Field], desired: Mapping[str, Any], current: Mapping[str, Any]) -> List[str]:
    """Options the task set whose value differs from the server's; unset options are unmanaged."""
    return [
        field.option
        for field in fields
        if field.compared
        and not field.read_only
        and desired.get(field.option) is not None
        and field.differs(desired, current)
    ]


def merge_values(fields: Iterable[Field], current: Mapping[str, Any], desired: Mapping[str, Any]) -> Dict[str, Any]:
    """The state after the server applies the set options of ``desired`` to ``current``."""
    fields = list(fields)
    result = {field.option: current.get(field.option) for field in fields}
    for field in fields:
        value = desired.get(field.option)
        if value is None or field.read_only:
            continue
        # A value the server computes or masks (compared=False) stays as the server last reported it.
        if field.compared or current.get(field.option) is None:
            result[field.option] = field.merged(current, desired)
        for cleared in field.clears:
            result[cleared] = None
    return result


def filled_values(
    fields: Iterable[Field], current: Optional[Mapping[str, Any]], desired: Mapping[str, Any]
) -> Dict[str, Any]:
    """A block to send whole: ``desired`` with every child it leaves unset taken from ``current``.

    Values the server computes (``compared=False``) and ``resend=False`` values the task does not change stay out.
    """
    fields = list(fields)
    current = current or {}
    merged = merge_values(fields, current, desired)
    block: Dict[str, Any] = {}
    for field in fields:
        value = merged.get(field.option)
        wanted = desired.get(field.option)
        if value is None or field.read_only or (wanted is None and not field.compared):
            continue
        if not field.resend and (wanted is None or not field.kind.differs(wanted, current.get(field.option))):
            continue
        if isinstance(field.kind, Group):
            value = filled_values(field.kind.fields, current.get(field.option), wanted or {})
        block[field.option] = value
    return block


def held_back(
    fields: Iterable[Field], current: Optional[Mapping[str, Any]], desired: Mapping[str, Any], path: str = ""
) -> List[str]:
    """The ``resend=False`` options that ``filled_values`` leaves out although the server holds a value."""
    current = current or {}
    names: List[str] = []
    for field in fields:
        held = current.get(field.option)
        if held is None or field.read_only:
            continue
        wanted = desired.get(field.option)
        if not field.resend and (wanted is None or not field.kind.differs(wanted, held)):
            names.append(path + field.option)
        elif isinstance(field.kind, Group):
            names += held_back(field.kind.fields, held, wanted or {}, path + field.option + ".")
    return names


def blank(fields: Iterable[Field]) -> Dict[str, Any]:
    """A record with nothing set: what ``merge_values`` starts from for an object not created yet."""
    return {field.option: None for field in fields}


def mask_secrets(fields: Iterable[Field], values: Optional[Mapping[str, Any]], marker: str) -> Optional[Dict[str, Any]]:
    """A copy with every secret value replaced by ``marker``, nested groups and lists included."""
    if values is None:
        return None
    masked = dict(values)
    for field in fields:
        value = masked.get(field.option)
        if value is None:
            continue
        if field.secret:
            masked[field.option] = field.kind.hide(value, marker)
        elif isinstance(field.kind, Group):
            masked[field.option] = mask_secrets(field.kind.fields, value, marker)
        elif isinstance(field.kind, Items) and isinstance(field.kind.kind, Group):
            masked[field.option] = [mask_secrets(field.kind.kind.fields, item, marker) for item in value]
    return masked


def has_secrets(fields: Iterable[Field]) -> bool:
    """Whether any field of the table, at any depth, is secret."""
    for field in fields:
        kind = field.kind.kind if isinstance(field.kind, Items) else field.kind
        if field.secret or (isinstance(kind, Group) and has_secrets(kind.fields)):
            return True
    return False


def without_secrets(
    fields: Iterable[Field], values: Optional[Mapping[str, Any]], marker: str, whole: bool = False
) -> Optional[Dict[str, Any]]:
    """A copy with every secret left out (null), at any depth, list items included.

    A value only part of which is secret (a Selenium script) keeps its other parts, the secret ones replaced by
    ``marker``; ``whole`` leaves such a value out too.
    """
    return _left_out(mask_secrets(fields, values, marker), marker, whole)


def _left_out(value: Any, marker: str, whole: bool) -> Any:
    if isinstance(value, str) and (value == marker or (whole and marker in value)):
        return None
    # States are dicts the engine built; see Field.read.
    if isinstance(value, dict):
        return {key: _left_out(item, marker, whole) for key, item in value.items()}
    if isinstance(value, list):
        return [_left_out(item, marker, whole) for item in value]
    return value


def without_secret_values(fields: Iterable[Field], values: Mapping[str, Any], marker: str) -> Dict[str, Any]:
    """A copy without the values that are wholly secret, in groups only: a list is sent whole, secrets included,
    since the API replaces it whole and an item without its secret would lose it."""
    kept = dict(values)
    for field in fields:
        value = kept.get(field.option)
        if value is None:
            continue
        if field.secret and field.kind.hide(value, marker) == marker:
            kept[field.option] = None
        elif isinstance(field.kind, Group):
            kept[field.option] = without_secret_values(field.kind.fields, value, marker)
    return kept


def writable_values(fields: Iterable[Field], values: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    """Only what a task can set: read-only values left out, at any depth, list items included."""
    if values is None:
        return None
    kept: Dict[str, Any] = {}
    for field in fields:
        if field.read_only:
            continue
        value = values.get(field.option)
        kind = field.kind.kind if isinstance(field.kind, Items) else field.kind
        if isinstance(kind, Group) and value is not None:
            if isinstance(field.kind, Items):
                value = [writable_values(kind.fields, item) for item in value]
            else:
                value = writable_values(kind.fields, value)
        kept[field.option] = value
    return kept
