# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import glob
import importlib
import os
import urllib.request
from xml.etree import ElementTree

import pytest
import requests

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import SCAN_SCHEDULE, TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Boolean,
    Choice,
    Field,
    Group,
    Integer,
    Items,
    Text,
    writable_values,
)
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource
from ansible_collections.qualys.was.tests.unit.fakes import (
    FakeSession,
    Reply,
    error_response,
    id_response,
    service_response,
)

RESOURCE = Resource(
    SCAN_SCHEDULE,
    return_key="schedule",
    fields=[
        Field("name", Text()),
        Field("active", Boolean(), toggle=("activate", "deactivate")),
        Field("type", Choice("vulnerability", "discovery")),
        Field("cancel_after_n_hours", Integer(1, 24)),
        Field("tags", Items(Ref(TAG), item="Tag")),
    ],
    detail_elements=["type"],
)
MODULE_UTILS_PACKAGE = "ansible_collections.qualys.was.plugins.module_utils."
MODULE_UTILS = os.path.dirname(importlib.import_module(MODULE_UTILS_PACKAGE + "fields").__file__)
STORED = "<id>7</id><name>Nightly</name><active>false</active><type>VULNERABILITY</type><tags><count>0</count></tags>"
EMPTY = service_response("WasScanSchedule", [])
FOUND = service_response("WasScanSchedule", [STORED])


def desired(**options):
    values = {option: None for option in RESOURCE.argument_spec()}
    values.update(options)
    return values


def reconciler(replies, check_mode=False, retries=3):
    session = FakeSession(replies)
    client = QualysClient(
        ConnectionSettings("https://q.example.test", "u", "p", retries=retries), session, sleep=lambda s: None
    )
    return Reconciler(client, RESOURCE, check_mode, sleep=lambda seconds: None), session


def sent_payload(request):
    return ElementTree.fromstring(request.body).find("data/WasScanSchedule")


def test_no_change_costs_one_search():
    engine, session = reconciler([Reply(FOUND)])
    outcome = engine.ensure_present(desired(name="Nightly", active=False, type="vulnerability"))
    assert outcome.changed is False and outcome.after == outcome.before
    assert session.operations == ["search/wasscanschedule"]


def test_a_change_costs_one_search_and_one_update_that_sends_only_the_change():
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    outcome = engine.ensure_present(desired(name="Nightly", type="discovery", cancel_after_n_hours=None))
    assert outcome.changed
    assert session.operations == ["search/wasscanschedule", "update/wasscanschedule"]
    assert session.requests[1].url.endswith("/update/was/wasscanschedule/7")
    assert [child.tag for child in sent_payload(session.requests[1])] == ["type"]
    assert outcome.after["type"] == "discovery" and outcome.after["name"] == "Nightly"
    assert outcome.before["type"] == "vulnerability"


def test_check_mode_predicts_the_same_result_and_writes_nothing():
    task = desired(name="Nightly", type="discovery")
    live, live_session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    dry, session = reconciler([Reply(FOUND)], check_mode=True)
    assert dry.ensure_present(task) == live.ensure_present(task)
    assert session.operations == ["search/wasscanschedule"]


def test_a_missing_object_is_created_from_the_set_options_only():
    created = service_response(
        "WasScanSchedule", ["<id>8</id><name>New</name><active>true</active><type>DISCOVERY</type>"]
    )
    engine, session = reconciler([Reply(EMPTY), Reply(created)])
    outcome = engine.ensure_present(desired(name="New", type="discovery"))
    assert (outcome.changed, outcome.before, outcome.after["id"], outcome.after["active"]) == (True, None, 8, True)
    assert sorted(child.tag for child in sent_payload(session.requests[1])) == ["name", "type"]


def test_check_mode_create_predicts_the_object_without_an_id():
    engine, session = reconciler([Reply(EMPTY)], check_mode=True)
    outcome = engine.ensure_present(desired(name="New", type="discovery"))
    assert outcome.changed and outcome.after["id"] is None and outcome.after["type"] == "discovery"
    assert len(session.requests) == 1


def test_a_toggle_alone_uses_its_own_operation():
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    outcome = engine.ensure_present(desired(name="Nightly", active=True))
    assert session.operations == ["search/wasscanschedule", "activate/wasscanschedule"]
    assert outcome.after["active"] is True


def test_a_toggle_with_other_changes_goes_in_the_update():
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    engine.ensure_present(desired(name="Nightly", active=True, type="discovery"))
    assert session.operations[1] == "update/wasscanschedule"
    assert sorted(child.tag for child in sent_payload(session.requests[1])) == ["active", "type"]


def test_found_by_id_a_new_name_renames():
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    outcome = engine.ensure_present(desired(name="Nightly v2"), record_id=7)
    criteria = ElementTree.fromstring(session.requests[0].body).find("filters/Criteria")
    assert (criteria.get("field"), criteria.text) == ("id", "7")
    assert outcome.after["name"] == "Nightly v2"


def test_an_unknown_id_is_not_created():
    engine, session = reconciler([Reply(EMPTY)])
    with pytest.raises(QualysError, match="No scan schedule with id 99 exists"):
        engine.ensure_present(desired(name="x"), record_id=99)


def test_several_objects_with_the_name_fail_and_list_their_ids():
    twins = service_response("WasScanSchedule", [STORED, STORED.replace("<id>7</id>", "<id>9</id>")])
    engine, session = reconciler([Reply(twins)])
    with pytest.raises(QualysError, match=r"Several scan schedules are named 'Nightly' \(ids 7, 9\); set id"):
        engine.ensure_present(desired(name="Nightly"))


def test_a_looser_server_match_is_not_taken_for_the_name():
    engine, session = reconciler(
        [Reply(service_response("WasScanSchedule", [STORED.replace("Nightly", "nightly")]))], check_mode=True
    )
    assert engine.ensure_present(desired(name="Nightly")).before is None


def test_a_create_that_timed_out_is_looked_for_before_it_is_sent_again():
    engine, session = reconciler(
        [Reply(EMPTY), Reply(raises=requests.exceptions.ReadTimeout("timed out")), Reply(FOUND)]
    )
    outcome = engine.ensure_present(desired(name="Nightly"))
    assert session.operations == ["search/wasscanschedule", "create/wasscanschedule", "search/wasscanschedule"]
    assert outcome.after["id"] == 7


@pytest.mark.parametrize(
    "unknown",
    [Reply(b"", status=502), Reply(raises=requests.exceptions.ReadTimeout("timed out")), Reply(b"<html>")],
    ids=["502", "timeout", "garbled"],
)
def test_a_create_of_unknown_outcome_is_never_sent_again(unknown):
    engine, session = reconciler([Reply(EMPTY), unknown] + [Reply(EMPTY)] * 3)
    with pytest.raises(QualysApiError, match="may already exist.*Re-run the task") as failure:
        engine.ensure_present(desired(name="Nightly"))
    assert session.operations.count("create/wasscanschedule") == 1
    # the object is looked for a few times, since a slow create may still be running
    assert session.operations.count("search/wasscanschedule") == 4
    assert "create scan schedule 'Nightly'" in str(failure.value)


def test_looks_that_fail_after_a_create_of_unknown_outcome_still_never_send_it_again():
    engine, session = reconciler([Reply(EMPTY), Reply(b"", status=504)] + [Reply(b"", status=503)] * 12)
    with pytest.raises(QualysApiError, match="may already exist"):
        engine.ensure_present(desired(name="Nightly"))
    assert session.operations.count("create/wasscanschedule") == 1


def test_a_plain_text_error_page_keeps_the_servers_words():
    engine, session = reconciler([Reply(b"Simulated HTTP 400", status=400)])
    with pytest.raises(QualysApiError, match="search scan schedule 'Nightly'; HTTP 400; .*'Simulated HTTP 400'"):
        engine.ensure_present(desired(name="Nightly"))


def test_a_slow_create_found_on_a_later_look_is_the_created_object():
    engine, session = reconciler([Reply(EMPTY), Reply(b"", status=504), Reply(EMPTY), Reply(FOUND)])
    assert engine.ensure_present(desired(name="Nightly")).after["id"] == 7
    assert session.operations.count("create/wasscanschedule") == 1


def test_a_search_summary_is_read_in_full_with_one_get():
    summary = service_response("WasScanSchedule", ["<id>7</id><name>Nightly</name>"])
    engine, session = reconciler([Reply(summary), Reply(FOUND)], check_mode=True)
    outcome = engine.ensure_present(desired(name="Nightly", type="vulnerability"))
    assert session.operations == ["search/wasscanschedule", "get/wasscanschedule"]
    assert outcome.changed is False and outcome.before["type"] == "vulnerability"


def test_a_whole_search_result_costs_no_get():
    engine, session = reconciler([Reply(FOUND)], check_mode=True)
    engine.ensure_present(desired(name="Nightly", type="vulnerability"))
    assert session.operations == ["search/wasscanschedule"]


def test_a_name_is_matched_sent_and_compared_without_surrounding_whitespace():
    engine, session = reconciler([Reply(FOUND)])
    outcome = engine.ensure_present(desired(name="Nightly\n", type="vulnerability"))
    criteria = ElementTree.fromstring(session.requests[0].body).find("filters/Criteria")
    assert criteria.text == "Nightly" and outcome.changed is False


def test_absent_with_all_with_name_deletes_every_object_of_the_name():
    twins = service_response("WasScanSchedule", [STORED, STORED.replace("<id>7</id>", "<id>8</id>")])
    engine, session = reconciler(
        [Reply(twins), Reply(id_response("WasScanSchedule", 7)), Reply(id_response("WasScanSchedule", 8))]
    )
    outcome = engine.ensure_absent(name="Nightly", all_with_name=True)
    assert [state["id"] for state in outcome.removed] == [7, 8]
    assert [request.url.rsplit("/", 1)[-1] for request in session.requests[1:]] == ["7", "8"]


def test_several_objects_of_the_name_without_all_with_name_fail_listing_their_ids():
    twins = service_response("WasScanSchedule", [STORED, STORED.replace("<id>7</id>", "<id>8</id>")])
    engine, session = reconciler([Reply(twins)])
    with pytest.raises(QualysError, match=r"ids 7, 8.*all_with_name=true"):
        engine.ensure_absent(name="Nightly")
    assert session.operations == ["search/wasscanschedule"]


def test_an_update_of_unknown_outcome_that_took_effect_is_a_success():
    changed = FOUND.replace(b"VULNERABILITY", b"DISCOVERY")
    engine, session = reconciler([Reply(FOUND), Reply(b"", status=500), Reply(changed)])
    assert engine.ensure_present(desired(name="Nightly", type="discovery")).changed
    assert session.operations.count("update/wasscanschedule") == 1


def test_an_update_of_unknown_outcome_whose_look_fails_reports_the_update():
    engine, session = reconciler([Reply(FOUND), Reply(b"", status=500)] + [Reply(b"", status=503)] * 4)
    with pytest.raises(QualysApiError, match="update scan schedule 'Nightly' \\(id 7\\); HTTP 500"):
        engine.ensure_present(desired(name="Nightly", type="discovery"))


def test_an_update_of_unknown_outcome_that_did_not_take_effect_fails():
    engine, session = reconciler([Reply(FOUND), Reply(b"", status=500), Reply(FOUND)])
    with pytest.raises(QualysApiError, match="update scan schedule 'Nightly' \\(id 7\\); HTTP 500"):
        engine.ensure_present(desired(name="Nightly", type="discovery"))
    assert session.operations.count("update/wasscanschedule") == 1


def test_a_refused_create_is_reported_for_the_object():
    engine, session = reconciler([Reply(EMPTY), Reply(error_response("INVALID_REQUEST", "Bad tag"))])
    with pytest.raises(
        QualysApiError, match="create scan schedule 'New'; HTTP 200; responseCode INVALID_REQUEST; Bad tag"
    ):
        engine.ensure_present(desired(name="New"))


def test_absent_deletes_what_exists_and_is_ok_when_nothing_does():
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7)), Reply(EMPTY)])
    assert engine.ensure_absent(name="Nightly").changed
    assert session.requests[1].url.endswith("/delete/was/wasscanschedule/7")
    assert engine.ensure_absent(name="Nightly").changed is False


def test_a_delete_that_timed_out_but_happened_is_a_success():
    engine, session = reconciler(
        [Reply(FOUND), Reply(raises=requests.exceptions.ReadTimeout("timed out")), Reply(EMPTY)]
    )
    assert engine.ensure_absent(name="Nightly").changed


# A list whose items the server numbers, replaced by an update: every field table's, against the simulator -------

FIELD_TABLES = sorted(
    os.path.basename(path)[: -len(".py")] for path in glob.glob(os.path.join(MODULE_UTILS, "*_fields.py"))
)


def numbered_lists(fields, path=()):
    """Paths (tuples of fields) to every list whose items carry values the server gives them, groups descended."""
    for field in fields:
        if field.read_only:
            continue
        if isinstance(field.kind, Items) and field.kind.numbered:
            yield path + (field,)
        elif isinstance(field.kind, Group):
            yield from numbered_lists(field.kind.fields, path + (field,))


def replaced_list_cases():
    cases = []
    for table in FIELD_TABLES:
        resource = getattr(importlib.import_module(MODULE_UTILS_PACKAGE + table), "RESOURCE", None)
        for path in numbered_lists(resource.fields if resource else ()):
            where = ".".join(field.option for field in path)
            for change in ("one added", "one removed", "kept, beside a changed sibling"):
                cases.append(pytest.param(resource, path, change, id="%s %s, %s" % (table, where, change)))
    return cases


def value_at(state, path):
    for field in path:
        state = (state or {}).get(field.option)
    return state


def with_value_at(path, value):
    """A task setting only ``value`` at ``path``, nested in the groups above it."""
    for field in reversed(path):
        value = {field.option: value}
    return value


def variant(kind, item):
    """An item of ``kind`` that differs from ``item`` in each of its texts."""
    return {
        option: value + " 2" if isinstance(child.kind, Text) and isinstance(value, str) else value
        for child in kind.fields
        for option, value in [(child.option, item.get(child.option))]
    }


def unknowns(predicted, actual, where=""):
    """Where the prediction says null and the server holds a value; any other difference fails here."""
    if predicted is None and actual is not None:
        return [where]
    if isinstance(predicted, dict) and isinstance(actual, dict) and predicted.keys() == actual.keys():
        return [path for key in predicted for path in unknowns(predicted[key], actual[key], "%s.%s" % (where, key))]
    if isinstance(predicted, list) and isinstance(actual, list) and len(predicted) == len(actual):
        return [
            path
            for index, pair in enumerate(zip(predicted, actual))
            for path in unknowns(*pair, "%s[%d]" % (where, index))
        ]
    assert predicted == actual, "predicted %r, the server holds %r at %s" % (predicted, actual, where or "the top")
    return []


@pytest.fixture(scope="module", name="simulator_url")
def simulator_url_fixture():
    pytest.importorskip("zoneinfo")  # the simulator needs Python 3.9; the engine is tested on 3.8 by the fakes
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    running = start_simulator(port=0)
    yield running.url
    running.stop()


def test_every_field_table_has_a_numbered_list_to_hold_to_the_rule():
    # The cases below are collected from the tables: none found would make them pass by testing nothing.
    assert replaced_list_cases()


@pytest.mark.parametrize("resource, path, change", replaced_list_cases())
def test_an_update_of_a_numbered_list_predicts_what_a_read_finds(simulator_url, resource, path, change):
    urllib.request.urlopen(urllib.request.Request(simulator_url + "/_sim/reset", data=b"{}"), timeout=10).close()
    client = QualysClient(ConnectionSettings(simulator_url, "admin", "admin-pass", retries=0))
    engine = Reconciler(client, resource)
    least = 2 if change == "one removed" else 1
    held = [engine.resource.normalise(engine.complete(record)) for record in client.search(resource.endpoint, [], True)]
    current = next(state for state in held if len(value_at(state, path) or ()) >= least)
    item_kind = path[-1].kind.kind
    items = [writable_values(item_kind.fields, item) for item in value_at(current, path)]
    desired = {option: None for option in resource.argument_spec()}
    if change == "one added":
        desired.update(with_value_at(path, items + [variant(item_kind, items[0])]))
    elif change == "one removed":
        desired.update(with_value_at(path, items[:-1]))
    else:
        parent = path[-2].kind.fields if len(path) > 1 else resource.fields
        sibling = next(field for field in parent if isinstance(field.kind, Boolean) and not field.read_only)
        group = {path[-1].option: items, sibling.option: not value_at(current, path[:-1] + (sibling,))}
        desired.update(with_value_at(path[:-1], group))

    checked = Reconciler(client, resource, check_mode=True).ensure_present(desired, current["id"])
    outcome = engine.ensure_present(desired, current["id"])
    found = engine.find(current["id"])

    assert outcome.changed and checked.after == outcome.after
    unknown = unknowns(resource.hide_secrets(outcome.after), resource.hide_secrets(found))
    where = "." + ".".join(field.option for field in path)
    numbered = [child.option for child in item_kind.fields if child.read_only]
    stamped = ["." + field.option for field in resource.fields if field.stamped]
    renewed = [
        "%s[%d].%s" % (where, index, option) for index in range(len(value_at(found, path))) for option in numbered
    ]
    assert sorted(unknown) == sorted(stamped + renewed)
    # What the prediction leaves null is what the server renewed: no item kept a value it had before.
    before = {item[option] for item in value_at(current, path) for option in numbered}
    assert not before & {item[option] for item in value_at(found, path) for option in numbered}


def test_texts_are_written_trimmed_by_a_create_and_by_an_update():
    created = service_response("WasScanSchedule", ["<id>8</id><name>New</name>"])
    engine, session = reconciler([Reply(EMPTY), Reply(created)])
    engine.ensure_present(desired(name="  New\n"))
    assert session.operations[1] == "create/wasscanschedule"
    assert sent_payload(session.requests[1]).find("name").text == "New"
    engine, session = reconciler([Reply(FOUND), Reply(id_response("WasScanSchedule", 7))])
    outcome = engine.ensure_present(desired(name="\tNightly v2 \n"), record_id=7)
    assert session.operations[1] == "update/wasscanschedule"
    assert sent_payload(session.requests[1]).find("name").text == "Nightly v2"
    assert outcome.after["name"] == "Nightly v2"
