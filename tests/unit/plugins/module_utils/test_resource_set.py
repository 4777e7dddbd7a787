# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resource modules (``run_resource_set_module``), through the scan schedules' one."""

from __future__ import annotations

import json
import threading
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


def tenant(records, count=None):
    """A server answering every search with ``records`` (those a name criterion selects), counts with their number
    or ``count``, and every write with success."""
    element = "WasScanSchedule"

    def answer(request):
        operation = request.operation.split("/")[0]
        if operation == "count":
            number = len(records) if count is None else count
            return Reply(
                b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>%d</count></ServiceResponse>" % number
            )
        if operation == "search":
            selected = records
            for field, operator, value in criteria(request):
                if (field, operator) == ("name", "EQUALS"):
                    selected = [record for record in selected if "<name>%s</name>" % value in record]
                elif (field, operator) == ("name", "CONTAINS"):
                    selected = [record for record in selected if value.lower() in record.lower()]
            return Reply(service_response(element, selected))
        return Reply(id_response(element, int(request.url.rsplit("/", 1)[-1])))

    return [answer] * 20


def writes(session):
    return [operation for operation in session.operations if not operation.startswith(("search/", "count/", "get/"))]


def test_an_item_whose_name_two_objects_share_fails_listing_their_ids_before_any_write(monkeypatch, capsys):
    items = [{"name": "B", "type": "discovery"}, {"name": "A", "type": "discovery"}]
    records = [schedule(1, "A"), schedule(2, "B"), schedule(3, "A")]
    result, session = run({"config": items}, tenant(records), monkeypatch, capsys)
    assert result["failed"] is True
    assert result["msg"] == "Several scan schedules are named 'A' (ids 1, 3); give the item an id."
    assert writes(session) == []


def test_the_cross_field_rules_of_every_item_run_before_the_first_write(monkeypatch, capsys):
    items = [
        {"name": "A", "type": "discovery"},
        {"name": "B", "type": "discovery"},
        {"name": "C", "scheduling": {"occurrence_type": "daily"}},
    ]
    records = [schedule(1, "A"), schedule(2, "B"), schedule(3, "C")]
    result, session = run({"config": items}, tenant(records), monkeypatch, capsys)
    assert result["failed"] is True
    assert result["msg"] == "config[2]: scheduling.occurrence_type daily needs scheduling.daily_occurrence."
    assert session.requests == []


def test_overridden_deletes_nothing_outside_its_scope_after_listing_the_whole_tenant(monkeypatch, capsys):
    # Three items outside the scope are read by listing every schedule: the listing is not the scope.
    inside = [schedule(1, "Prod A"), schedule(2, "Prod gone")]
    outside = [schedule(3, "prod legacy"), schedule(4, "Old Prod"), schedule(5, "X"), schedule(6, "Y")]
    outside += [schedule(7, "Z"), schedule(8, "Unnamed")]
    items = [{"name": name, "type": "vulnerability"} for name in ("Prod A", "X", "Y", "Z")]
    args = {"state": "overridden", "scope": {"name_prefix": "Prod "}, "config": items}
    result, session = run(args, tenant(inside + outside), monkeypatch, capsys)
    searches = [criteria(request) for request in session.requests if request.operation == "search/wasscanschedule"]
    assert "count/wasscanschedule" in session.operations and searches[-1] == []  # the items were read by listing
    assert writes(session) == ["delete/wasscanschedule"]
    assert [request.url.rsplit("/", 1)[-1] for request in session.requests if "/delete/" in request.url] == ["2"]
    assert [line["name"] for line in result["results"] if line["changed"]] == ["Prod gone"]


def test_summaries_are_read_in_full_read_concurrency_at_a_time(monkeypatch, capsys):
    names = ["A", "B", "C", "D", "E", "F"]
    summaries = [schedule(index + 1, name, whole=False) for index, name in enumerate(names)]
    listing = tenant(summaries)[0]
    # Each get is held a moment, long enough for every reader the pool has to be seen at once.
    seen, running, most = threading.Condition(), [0], [0]

    def answer(request):
        if request.operation != "get/wasscanschedule":
            return listing(request)
        with seen:
            running[0] += 1
            most[0] = max(most[0], running[0])
            seen.notify_all()
            seen.wait_for(lambda: running[0] > 2, timeout=0.5)
            running[0] -= 1
        record_id = int(request.url.rsplit("/", 1)[-1])
        return Reply(service_response("WasScanSchedule", [schedule(record_id, names[record_id - 1])]))

    items = [{"name": name, "type": "vulnerability"} for name in names]
    result, session = run({"config": items, "read_concurrency": 2}, [answer] * 10, monkeypatch, capsys)
    assert result["changed"] is False and session.operations.count("get/wasscanschedule") == 6
    assert most[0] == 2


# The scope's preview and the names it was recorded with ----------------------------------------------------------

PROD = [schedule(1, "Prod A"), schedule(2, "Prod gone"), schedule(3, "Production sweep")]


def overridden(scope, replies, monkeypatch, capsys, **flags):
    args = {"state": "overridden", "scope": scope, "config": [{"name": "Prod A"}]}
    return run(args, replies, monkeypatch, capsys, **flags)


def test_check_mode_shows_what_the_scope_selects_and_deletes_with_no_write(monkeypatch, capsys):
    replies = [Reply(service_response("WasScanSchedule", PROD))]
    result, session = overridden({"name_prefix": "Prod"}, replies, monkeypatch, capsys, check=True, diff=True)
    assert session.operations == ["search/wasscanschedule"]
    assert result["in_scope"] == {
        "selected": [
            {"id": 1, "name": "Prod A"},
            {"id": 2, "name": "Prod gone"},
            {"id": 3, "name": "Production sweep"},
        ],
        "deleted": [{"id": 2, "name": "Prod gone"}, {"id": 3, "name": "Production sweep"}],
    }
    assert [line["deleted"] for line in result["results"]] == [False, True, True]
    assert [diff["after"] for diff in result["diff"][1:]] == ["deleted\n", "deleted\n"]
    assert result["diff"][1]["before"] == {"id": 2, "name": "Prod gone"}


def test_a_real_run_reports_the_scope_and_the_deletions_it_made(monkeypatch, capsys):
    replies = [Reply(service_response("WasScanSchedule", PROD[:2])), Reply(id_response("WasScanSchedule", 2))]
    result, session = overridden({"name_prefix": "Prod "}, replies, monkeypatch, capsys)
    assert session.operations == ["search/wasscanschedule", "delete/wasscanschedule"]
    assert result["in_scope"]["deleted"] == [{"id": 2, "name": "Prod gone"}]
    assert "warnings" not in result


def test_deleting_what_the_recorded_names_do_not_hold_is_warned_of(monkeypatch, capsys):
    # Recorded with "Prod " and applied with "Prod": the scope now takes in "Production sweep" too.
    scope = {"name_prefix": "Prod", "listed": ["Prod A", "Prod gone"]}
    replies = [Reply(service_response("WasScanSchedule", PROD))]
    result, session = overridden(scope, replies, monkeypatch, capsys, check=True)
    assert session.operations == ["search/wasscanschedule"]
    (warning,) = [json.dumps(entry) for entry in result["warnings"]]
    assert "1 scan schedule(s) that scope.listed does not name" in warning and "would delete" in warning
    assert "'Production sweep' (id 3)" in warning and "Prod gone" not in warning


def test_deleting_a_recorded_name_the_items_dropped_is_not_warned_of(monkeypatch, capsys):
    scope = {"name_prefix": "Prod ", "listed": ["Prod A", "Prod gone"]}
    replies = [Reply(service_response("WasScanSchedule", PROD[:2]))]
    result, _calls = overridden(scope, replies, monkeypatch, capsys, check=True)
    assert result["in_scope"]["deleted"] == [{"id": 2, "name": "Prod gone"}] and "warnings" not in result


def test_deleted_by_scope_alone_reports_the_scope_and_warns_of_unlisted_names(monkeypatch, capsys):
    args = {"state": "deleted", "scope": {"name_prefix": "Prod", "listed": ["Prod A", "Prod gone"]}}
    replies = [Reply(service_response("WasScanSchedule", PROD))]
    result, session = run(args, replies, monkeypatch, capsys, check=True)
    assert session.operations == ["search/wasscanschedule"]
    assert [entry["id"] for entry in result["in_scope"]["deleted"]] == [1, 2, 3]
    assert "'Production sweep' (id 3)" in json.dumps(result["warnings"])


def test_deleted_removes_only_what_the_items_name_after_listing_the_whole_tenant(monkeypatch, capsys):
    # Four names are read by listing every schedule; the listing holds others, and a looser match of one name.
    names = ["A", "B", "C", "D"]
    records = [schedule(index + 1, name) for index, name in enumerate(names)]
    records += [schedule(5, "a"), schedule(6, "Other"), schedule(7, "A copy")]
    args = {"state": "deleted", "config": [{"name": name} for name in names]}
    result, session = run(args, tenant(records), monkeypatch, capsys)
    searches = [criteria(request) for request in session.requests if request.operation == "search/wasscanschedule"]
    assert "count/wasscanschedule" in session.operations and searches == [[]]
    deletes = [request.url.rsplit("/", 1)[-1] for request in session.requests if "/delete/" in request.url]
    assert sorted(deletes) == ["1", "2", "3", "4"]
    assert sorted(line["name"] for line in result["results"]) == names
