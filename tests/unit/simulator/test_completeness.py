# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The modules' field tables and the simulator's object model describe the same API: keep them in step.

Every option a managing module can send is followed through its wire path (``Field.wire``, the ``set`` or bare
wrapper of its ``Items``, the ``id`` of a reference) to an element the simulator accepts in a request, with a
matching value type; every enumeration value a module can send is one the simulator accepts, and every value the
simulator accepts for an element a module manages is a choice of that module, or is listed below with the reason
it is not. Modules are found by walking ``plugins/modules``, so a new module is covered the day it arrives.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Tuple

import pytest

from ansible_collections.qualys.was.plugins import modules as modules_package
from ansible_collections.qualys.was.plugins.module_utils import fields as module_fields
from ansible_collections.qualys.was.plugins.module_utils import report_fields
from ansible_collections.qualys.was.plugins.module_utils.references import Ref as ModuleRef
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

# The simulator needs Python 3.9 (zoneinfo), like the other tests of this directory; it is imported lazily so
# that this file still loads where they are skipped.
pytestmark = pytest.mark.skipif(sys.version_info < (3, 9), reason="the simulator needs Python 3.9 or later")

# Paths a module may send that the simulator deliberately ignores as server-computed: (module, path) -> reason.
IGNORED_BY_SERVER = {
    (
        "was_scan_schedule",
        "scheduling.timeZone.offset",
    ): "Qualys computes the offset from the time-zone code at the start date, whatever a request says; the module "
    "accepts one so that a schedule read with it can be fed back, and never compares it.",
}

# Enumeration values the simulator accepts for a managed element that the module does not offer:
# (module, path) -> {VALUE: reason}. Empty while every accepted value is a choice.
NOT_OFFERED: Dict[Tuple[str, str], Dict[str, str]] = {}

# A report's create sends its target in the config element of the report's type (ReportResource.payload): the
# wire path of each target option, below config, lands in the target of every type that takes it.
REPORT_TARGET_OPTION = {field.wire: field.option for field in report_fields.TARGET_FIELDS}


def report_target_places(path: str) -> List[str]:
    head, _dot, rest = path.partition(".")
    if head != "config":
        return [path]
    option = REPORT_TARGET_OPTION[rest.split(".")[0]]
    return [
        "config.%s.target.%s" % (report_fields.CONFIG_OF[kind], rest)
        for kind, (allowed, _needed) in report_fields.TARGET_OPTIONS.items()
        if option in allowed
    ]


# Modules whose payload moves elements away from the place their field table names: module -> path -> places.
MOVED_BY_PAYLOAD = {"was_report": report_target_places}


class WirePath(NamedTuple):
    """One element a module writes: its dotted path below the object element, and the kind of its value."""

    path: str
    kind: module_fields.Kind


def managing_modules() -> List[str]:
    """Every module under plugins/modules with a field table that it writes (``_info`` modules only read).

    A table shared by a one-object module and its resource module (``was_scan_schedule``, ``was_scan_schedules``)
    is checked once, under the one-object module's name.
    """
    names, tables = [], set()
    for info in sorted(pkgutil.iter_modules(modules_package.__path__), key=lambda info: info.name):
        if info.name.endswith("_info"):
            continue
        module = importlib.import_module("%s.%s" % (modules_package.__name__, info.name))
        resource = getattr(module, "RESOURCE", None) or _action_resource(module)
        if isinstance(resource, Resource) and id(resource) not in tables:
            tables.add(id(resource))
            names.append(info.name)
    return names


def _action_resource(module: Any) -> Optional[Resource]:
    """The table of a module that starts an action (was_scan): its action's resource."""
    actions = [value for name, value in vars(module).items() if name.endswith("_ACTION")]
    return getattr(actions[0], "resource", None) if actions else None


def resource_of(module_name: str) -> Resource:
    module = importlib.import_module("%s.%s" % (modules_package.__name__, module_name))
    return getattr(module, "RESOURCE", None) or _action_resource(module)


def wire_paths(fields, prefix: Tuple[str, ...] = ()) -> Iterator[WirePath]:
    """The leaf paths the fields can write, composed as ``Group.to_wire``/``Items.to_wire``/``Ref.to_wire`` do."""
    for field in fields:
        if field.read_only:
            continue
        yield from _kind_paths(field.kind, prefix + tuple(field.wire.split(".")))


def _kind_paths(kind: module_fields.Kind, path: Tuple[str, ...]) -> Iterator[WirePath]:
    if isinstance(kind, module_fields.Group):
        yield from wire_paths(kind.fields, path)
    elif isinstance(kind, module_fields.Items):
        item_path = path + ((kind.wrapper,) if kind.wrapper else ()) + (kind.item,)
        if kind.key:
            item_path += (kind.key,)
        yield from _kind_paths(kind.kind, item_path)
    elif isinstance(kind, ModuleRef):
        yield WirePath(".".join(path + ("id",)), module_fields.Integer())
    else:
        yield WirePath(".".join(path), kind)


class SimElement(NamedTuple):
    """Where a wire path ends in the simulator's model: the value type, and whether requests may set it."""

    value_type: Any
    writable: bool


def simulator_element(spec, path: str) -> Tuple[Optional[SimElement], str]:
    """Follows ``path`` through the simulator's spec tree; ``(None, why)`` where the simulator has no such element."""
    # Imported here: the simulator needs Python 3.9.
    from ansible_collections.qualys.was.tests.simulator import schema  # pylint: disable=import-outside-toplevel
    from ansible_collections.qualys.was.tests.simulator.values import LONG  # pylint: disable=import-outside-toplevel

    node = spec
    writable = True
    steps = path.split(".")
    index = 0
    while index < len(steps):
        step = steps[index]
        where = ".".join(steps[:index]) or spec.name
        if isinstance(node, schema.Group):
            child = node.child(step)
            if child is None:
                return None, "%s has no element %r" % (where, step)
            node = child
        elif isinstance(node, schema.QList):
            if step not in node.ops:
                return None, "collection %s takes %s, not %r" % (where, "/".join(node.ops), step)
            index += 1
            if index == len(steps) or steps[index] != node.item.name:
                return None, "collection %s holds %r items" % (where, node.item.name)
            node = node.item
        elif isinstance(node, schema.Repeated):
            if step != node.item.name:
                return None, "%s repeats %r, not %r" % (where, node.item.name, step)
            node = node.item
        elif isinstance(node, schema.Ref):
            alternative = node.instead_of_id
            accepted = ("id", "name") if node.by_name else ("id",)
            accepted += (alternative.name,) if alternative else ()
            if step not in accepted or index != len(steps) - 1:
                return None, "reference %s is given by %s, not %r" % (where, " or ".join(accepted), step)
            if step == "id":
                value_type = LONG
            else:
                value_type = alternative.type if alternative and step == alternative.name else node.show[1].type
            return SimElement(value_type, writable and node.writable), ""
        else:  # a Leaf with steps left
            return None, "%s is a value, it has no element %r" % (where, step)
        writable = writable and node.writable
        index += 1
    if isinstance(node, schema.Ref):
        return None, "reference %s needs its id" % path
    if not isinstance(node, schema.Leaf):
        return None, "%s is a structure, not a value" % path
    return SimElement(node.type, writable), ""


def value_type_mismatch(kind: module_fields.Kind, value_type: Any) -> Optional[str]:
    from ansible_collections.qualys.was.tests.simulator import values  # pylint: disable=import-outside-toplevel

    expected = (
        (module_fields.Choice, values.Keyword),
        (module_fields.Boolean, values.Boolean),
        (module_fields.Integer, values.Long),
        (module_fields.DateTime, values.DateTime),
        (module_fields.Text, values.Text),
    )
    for module_kind, simulator_type in expected:
        if isinstance(kind, module_kind):
            if isinstance(value_type, simulator_type):
                return None
            return "the module writes %s, the simulator reads %s" % (
                type(kind).__name__,
                type(value_type).__name__,
            )
    return None  # a kind of its own (a secret script …): its text is checked by the module's own tests


def problems(module_name: str, resource: Any) -> List[str]:
    """Everything on which the module's field table and the simulator's model of its object disagree."""
    from ansible_collections.qualys.was.tests.simulator.objects import (  # pylint: disable=import-outside-toplevel
        object_type,
    )

    api_module, path = resource.endpoint.path.split("/", 1)
    simulated = object_type(api_module, path)
    if simulated is None:
        return ["the simulator has no object %s" % resource.endpoint.path]
    found = []
    moved = MOVED_BY_PAYLOAD.get(module_name, lambda path: [path])
    for wire in (WirePath(place, path.kind) for path in wire_paths(resource.fields) for place in moved(path.path)):
        element, why = simulator_element(simulated.spec, wire.path)
        if element is None:
            found.append("%s: %s" % (wire.path, why))
            continue
        if not element.writable and (module_name, wire.path) not in IGNORED_BY_SERVER:
            found.append("%s: the simulator ignores it in requests (read-only)" % wire.path)
        mismatch = value_type_mismatch(wire.kind, element.value_type)
        if mismatch:
            found.append("%s: %s" % (wire.path, mismatch))
            continue
        if isinstance(wire.kind, module_fields.Choice):
            sent = {wire.kind.to_wire(choice) for choice in wire.kind.choices}
            accepted = set(element.value_type.choices)
            for value in sorted(sent - accepted):
                found.append("%s: the simulator refuses %s (it accepts %s)" % (wire.path, value, sorted(accepted)))
            allowed = NOT_OFFERED.get((module_name, wire.path), {})
            for value in sorted(accepted - sent - set(allowed)):
                found.append("%s: the simulator accepts %s, which the module does not offer" % (wire.path, value))
    return found


@pytest.mark.parametrize("module_name", managing_modules())
def test_module_and_simulator_agree(module_name):
    found = problems(module_name, resource_of(module_name))

    assert not found, "%s and the simulator disagree:\n  %s" % (module_name, "\n  ".join(found))


def test_every_managing_module_is_checked():
    assert {"was_option_profile", "was_scan_schedule", "was_scan"} <= set(managing_modules())


def test_allow_lists_name_real_paths():
    # An entry left behind after its element went away would silently allow the next mistake on that path.
    modules = set(managing_modules())
    for module_name, path in list(IGNORED_BY_SERVER) + list(NOT_OFFERED):
        assert module_name in modules, module_name
        assert path in {wire.path for wire in wire_paths(resource_of(module_name).fields)}, (module_name, path)


def test_a_report_target_is_checked_where_the_payload_puts_it():
    samples = {"web_apps": [{"id": 1}], "scans": [{"id": 2}], "tags": {"included": {"tag_list": [{"id": 3}]}}}
    for kind, (allowed, _needed) in report_fields.TARGET_OPTIONS.items():
        for option in allowed:
            field = next(field for field in report_fields.TARGET_FIELDS if field.option == option)
            payload = report_fields.RESOURCE.payload({"name": "n", "type": kind, "target": {option: samples[option]}})
            places = report_target_places("config.%s" % field.wire)
            assert "config.%s.target.%s" % (report_fields.CONFIG_OF[kind], field.wire) in places
            assert field.wire in payload["config"][report_fields.CONFIG_OF[kind]]["target"], (kind, option)


# The check itself must be able to fail: a table with a bogus element, a bogus choice and a missing one.


def _with_extra_field(field: module_fields.Field) -> Resource:
    # The field alone, so that these tests do not depend on the state of the real tables.
    real = resource_of("was_option_profile")
    return Resource(real.endpoint, real.return_key, [field], real.detail_elements)


def test_bogus_field_is_reported():
    found = problems("was_option_profile", _with_extra_field(module_fields.Field("crawl_speed", module_fields.Text())))

    assert found == ["crawlSpeed: OptionProfile has no element 'crawlSpeed'"]


def test_bogus_nested_path_is_reported():
    bogus = module_fields.Field(
        "sensitive_content", module_fields.Group(module_fields.Field("iban", module_fields.Boolean()))
    )

    assert problems("was_option_profile", _with_extra_field(bogus)) == [
        "sensitiveContent.iban: sensitiveContent has no element 'iban'"
    ]


def test_bogus_and_missing_choices_are_reported():
    bogus = module_fields.Field("bruteforce_option", module_fields.Choice("disabled", "minimal", "limited", "endless"))

    assert problems("was_option_profile", _with_extra_field(bogus)) == [
        "bruteforceOption: the simulator refuses ENDLESS (it accepts ['DISABLED', 'EXHAUSTIVE', 'LIMITED', 'MINIMAL'])",
        "bruteforceOption: the simulator accepts EXHAUSTIVE, which the module does not offer",
    ]


def test_wrong_wrapper_and_type_are_reported():
    tags = module_fields.Field("tags", module_fields.Items(module_fields.Text(), item="Tag", wrapper="list"))
    threads = module_fields.Field("max_crawl_requests", module_fields.Boolean())

    assert problems("was_option_profile", _with_extra_field(tags)) == [
        "tags.list.Tag: collection tags takes set/add/remove, not 'list'"
    ]
    assert problems("was_option_profile", _with_extra_field(threads)) == [
        "maxCrawlRequests: the module writes Boolean, the simulator reads Long"
    ]
