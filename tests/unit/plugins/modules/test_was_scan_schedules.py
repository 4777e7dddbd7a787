# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

import yaml

from ansible_collections.qualys.was.plugins.modules import was_scan_schedule, was_scan_schedules
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    data_file,
    id_response,
    run_module,
    service_response,
    xml_tree,
)

SEED_EXAMPLES = yaml.safe_load(was_scan_schedule.EXAMPLES)[:2]
EMPTY = service_response("WasScanSchedule", [])
WEB_APP_SEED = data_file("seeds", "seed000-create-webapps-response.xml")
# The seed's tag ids, for the example that names its tags (rendered needs ids, or shows placeholders).
SEED_TAG_IDS = {"Production": 12017424, "Internet Facing": 12017228}


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_scan_schedules.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, **flags)


def seed_item(index):
    """An EXAMPLES task of the one-object module as a config item, tags by id."""
    item = dict(SEED_EXAMPLES[index]["qualys.was.was_scan_schedule"])
    for connection_option in ("platform", "username", "password"):
        item.pop(connection_option)
    for selection in (item["target"].get("tags") or {}).values():
        selection["tag_list"] = [SEED_TAG_IDS[name] for name in selection["tag_list"]]
    return item


def schedule(record_id, name, whole=True):
    target = "<target><webApp><id>4331925</id></webApp></target><type>VULNERABILITY</type>" if whole else ""
    return "<id>%d</id><name>%s</name>%s" % (record_id, name, target)


def criteria(request):
    return [(c.get("field"), c.get("operator"), c.text) for c in ElementTree.fromstring(request.body).iter("Criteria")]


def test_rendered_seed_examples_are_the_seed_requests_without_a_call_or_credentials(monkeypatch, capsys):
    args = {"state": "rendered", "config": [seed_item(0), seed_item(1)]}
    result, session = run_module(was_scan_schedules.main, args, [], monkeypatch, capsys)
    assert session.requests == [] and result["api_calls"] == 0
    assert xml_tree(result["rendered"][0]) == xml_tree(data_file("seeds", "seed000-create-webapps-request.xml"))
    assert xml_tree(result["rendered"][1]) == xml_tree(data_file("seeds", "seed000-create-tags-request.xml"))


def test_rendered_names_are_marked_placeholders(monkeypatch, capsys):
    item = dict(seed_item(0), profile="Initial WAS Options")
    result, session = run({"state": "rendered", "config": [item]}, [], monkeypatch, capsys)
    profile = ElementTree.fromstring(result["rendered"][0]).find("data/WasScanSchedule/profile/id").text
    assert profile == "[option profile named 'Initial WAS Options']"


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


def test_gathered_items_name_what_is_unique_and_number_what_is_not(monkeypatch, capsys):
    stored = WEB_APP_SEED.decode()
    twin = stored.replace("<id>697193</id>", "<id>697194</id>")
    both = service_response(
        "WasScanSchedule",
        [
            stored.split("<WasScanSchedule>", 1)[1].split("</WasScanSchedule>", 1)[0],
            twin.split("<WasScanSchedule>", 1)[1].split("</WasScanSchedule>", 1)[0],
        ],
    )

    def listing(request):
        kind = request.url.rsplit("/", 1)[1]
        element = {"webapp": "WebApp", "optionprofile": "OptionProfile", "webappauthrecord": "WebAppAuthRecord"}
        records = {
            "webapp": ["<id>4331923</id><name>web app 1497351058103</name>", "<id>4331924</id><name>shared</name>"]
            + ["<id>9</id><name>shared</name>"],
            "optionprofile": ["<id>1071133</id><name>My profile</name>"],
            "webappauthrecord": ["<id>583957</id><name>Login</name>"],
            "tag": [],
        }
        return Reply(service_response(element.get(kind, "Tag"), records[kind]))

    replies = [Reply(both)] + [listing] * 4
    result, session = run({"state": "gathered"}, replies, monkeypatch, capsys)
    first, second = result["gathered"]
    # The two schedules share a name, so each carries its id; names everywhere else, but the shared web app name.
    assert (first["id"], second["id"]) == (697193, 697194)
    assert first["target"]["web_apps"] == ["web app 1497351058103", 4331924]
    assert first["profile"] == "My profile" and first["target"]["web_app_auth_record"] == "Login"
    assert "offset" not in first["scheduling"]["time_zone"] and "multi" not in first
    assert result["gathered_facts"][0]["id"] == 697193 and result["changed"] is False
