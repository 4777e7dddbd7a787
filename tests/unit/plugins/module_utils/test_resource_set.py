# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resource modules (``run_resource_set_module``), through the scan schedules' one."""

from __future__ import annotations

from xml.etree import ElementTree

from ansible_collections.qualys.was.plugins.modules import was_scan_schedules
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, id_response, run_module, service_response

EMPTY = service_response("WasScanSchedule", [])


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_scan_schedules.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, **flags)


def schedule(record_id, name, whole=True):
    target = "<target><webApp><id>4331925</id></webApp></target><type>VULNERABILITY</type>" if whole else ""
    return "<id>%d</id><name>%s</name>%s" % (record_id, name, target)


def criteria(request):
    return [(c.get("field"), c.get("operator"), c.text) for c in ElementTree.fromstring(request.body).iter("Criteria")]


def test_unchanged_items_cost_one_search_each_plus_a_get_per_summary(monkeypatch, capsys):
    items = [{"name": "A", "type": "vulnerability"}, {"name": "B", "type": "vulnerability"}]
    replies = [
        Reply(service_response("WasScanSchedule", [schedule(1, "A", whole=False)])),
        Reply(service_response("WasScanSchedule", [schedule(2, "B")])),
        Reply(service_response("WasScanSchedule", [schedule(1, "A")])),
    ]
    result, session = run({"config": items, "read_concurrency": 1}, replies, monkeypatch, capsys)
    assert session.operations == ["search/wasscanschedule", "search/wasscanschedule", "get/wasscanschedule"]
    assert result["changed"] is False and result["api_calls"] == 3
    assert [line["changed"] for line in result["results"]] == [False, False]


def test_many_items_are_read_by_listing_when_a_count_shows_it_costs_less(monkeypatch, capsys):
    names = ["A", "B", "C", "D"]
    listing = service_response("WasScanSchedule", [schedule(index + 1, name) for index, name in enumerate(names)])
    count = b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>4</count></ServiceResponse>"
    items = [{"name": name, "type": "vulnerability"} for name in names]
    result, session = run({"config": items}, [Reply(count), Reply(listing)], monkeypatch, capsys)
    assert session.operations == ["count/wasscanschedule", "search/wasscanschedule"]
    assert criteria(session.requests[1]) == []
    assert result["changed"] is False


def test_names_given_by_several_items_are_searched_once(monkeypatch, capsys):
    items = [{"name": "A", "profile": "Initial WAS Options"}, {"name": "B", "profile": "Initial WAS Options"}]
    profile = service_response("OptionProfile", ["<id>1071001</id><name>Initial WAS Options</name>"])
    stored = [
        schedule(1, "A") + "<profile><id>1071001</id></profile>",
        schedule(2, "B") + "<profile><id>1071001</id></profile>",
    ]
    replies = [Reply(profile), Reply(service_response("WasScanSchedule", [stored[0]]))]
    replies.append(Reply(service_response("WasScanSchedule", [stored[1]])))
    result, session = run({"config": items}, replies, monkeypatch, capsys)
    assert session.operations.count("search/optionprofile") == 1 and result["changed"] is False


def test_overridden_needs_a_scope_and_calls_nothing_without_one(monkeypatch, capsys):
    result, session = run({"state": "overridden", "config": [{"name": "A"}]}, [], monkeypatch, capsys)
    assert result["failed"] is True and "scope" in result["msg"] and session.requests == []


def test_overridden_deletes_only_inside_the_scope_what_the_items_do_not_name(monkeypatch, capsys):
    # CONTAINS matches anywhere and regardless of case: "prod legacy" and "Old Prod" are outside the prefix.
    listed = [schedule(1, "Prod A"), schedule(2, "Prod gone"), schedule(3, "prod legacy"), schedule(4, "Old Prod")]
    replies = [Reply(service_response("WasScanSchedule", listed)), Reply(id_response("WasScanSchedule", 2))]
    args = {"state": "overridden", "scope": {"name_prefix": "Prod "}, "config": [{"name": "Prod A"}]}
    result, session = run(args, replies, monkeypatch, capsys, diff=True)
    assert criteria(session.requests[0]) == [("name", "CONTAINS", "Prod ")]
    assert [request.url.rsplit("/", 1)[-1] for request in session.requests[1:]] == ["2"]
    lines = [(line["name"], line["changed"], line["api_calls"]) for line in result["results"]]
    assert lines == [("Prod A", False, 0), ("Prod gone", True, 1)]
    assert len(result["diff"]) == 2


def test_deleted_without_config_or_scope_is_refused(monkeypatch, capsys):
    result, session = run({"state": "deleted"}, [], monkeypatch, capsys)
    assert result["failed"] is True and "give scope" in result["msg"] and session.requests == []


def test_a_scope_without_a_condition_is_no_scope_for_deleting(monkeypatch, capsys):
    result, session = run({"state": "overridden", "scope": {}, "config": [{"name": "A"}]}, [], monkeypatch, capsys)
    assert result["failed"] is True and "give scope.name_prefix or scope.filters" in result["msg"]
    assert session.requests == []


def test_deleted_removes_the_named_objects_that_exist(monkeypatch, capsys):
    replies = [
        Reply(service_response("WasScanSchedule", [schedule(1, "A", whole=False)])),
        Reply(EMPTY),
        Reply(id_response("WasScanSchedule", 1)),
    ]
    args = {"state": "deleted", "config": [{"name": "A"}, {"name": "Gone"}]}
    result, session = run(args, replies, monkeypatch, capsys)
    assert session.operations == ["search/wasscanschedule", "search/wasscanschedule", "delete/wasscanschedule"]
    assert [line["name"] for line in result["results"]] == ["A"]


def test_an_invalid_item_fails_before_any_call_naming_the_item(monkeypatch, capsys):
    items = [{"name": "A"}, {"name": "B", "scheduling": {"occurrence_type": "hourly"}}]
    result, session = run({"config": items}, [], monkeypatch, capsys)
    assert result["failed"] is True and result["msg"].startswith("config[1]: ")
    assert session.requests == []


def test_two_items_for_one_object_are_refused(monkeypatch, capsys):
    result, session = run({"config": [{"name": "A"}, {"name": "A "}]}, [], monkeypatch, capsys)
    assert result["failed"] is True and "config[0] and config[1] both mean 'A'" in result["msg"]


def test_a_create_missing_a_target_fails_before_any_item_is_written(monkeypatch, capsys):
    items = [{"name": "A", "type": "discovery"}, {"name": "New", "type": "discovery"}]
    replies = [Reply(service_response("WasScanSchedule", [schedule(1, "A")])), Reply(EMPTY)]
    result, session = run({"config": items}, replies, monkeypatch, capsys)
    assert result["failed"] is True and "creating one needs target" in result["msg"]
    assert all(operation.startswith("search/") for operation in session.operations)


def test_check_mode_predicts_every_item_and_writes_nothing(monkeypatch, capsys):
    items = [{"name": "A", "type": "discovery"}, {"name": "New", "target": {"web_app": 4331925}}]
    replies = [Reply(service_response("WasScanSchedule", [schedule(1, "A")])), Reply(EMPTY)]
    result, session = run({"config": items}, replies, monkeypatch, capsys, check=True)
    assert [line["changed"] for line in result["results"]] == [True, True]
    assert result["results"][0]["after"]["type"] == "discovery"
    assert all(operation.startswith("search/") for operation in session.operations)
