# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The runner of actions that take time, on a scan: launch once, attach, wait, judge the end, cancel, delete."""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List

import pytest
import requests

from ansible_collections.qualys.was.plugins.module_utils.action import (
    Action,
    ActionRunner,
    Ended,
    Gate,
    absent,
    canceled,
    started,
)
from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.scan_action import SCAN_ACTION
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, error_response, service_response

START = 1_800_000_000.0  # 2027-01-15T08:00:00Z
LIMIT = error_response(
    "INVALID_REQUEST",
    "You have reached the maximum number of concurrent running scans (10) for your account",
    "Please wait until your previous scans have completed",
)
SCAN_NAME = "Shop scan"
TARGET = {"web_app": 4331925}


def record(scan_id: int, status: str = "RUNNING", results: str = "", name: str = SCAN_NAME) -> str:
    summary = "<summary><resultsStatus>%s</resultsStatus><authStatus>NONE</authStatus></summary>" % results
    return "<id>%d</id><name>%s</name><status>%s</status>%s" % (scan_id, name, status, summary if results else "")


def found(*records: str) -> Reply:
    return Reply(service_response("WasScan", list(records)))


def progress(scan_id: int, status: str, results: str = "") -> Reply:
    """What status/was/wasscan/<id> answers: id, status, and a summary once the scan has ended."""
    summary = "<summary><resultsStatus>%s</resultsStatus><authStatus>NONE</authStatus></summary>" % results
    return found("<id>%d</id><status>%s</status>%s" % (scan_id, status, summary if results else ""))


def whole(scan_id: int, status: str = "FINISHED", results: str = "SUCCESSFUL") -> Reply:
    """What get/was/wasscan/<id> answers: the record with its counts."""
    stats = "<stats><global><nbVulnsTotal>2</nbVulnsTotal><nbVulnsLevel5>1</nbVulnsLevel5></global></stats>"
    extra = "<target><webApp><id>4331925</id><name>Demo Shop</name></webApp></target><scanDuration>1517</scanDuration>"
    return found(record(scan_id, status, results) + extra + stats)


EMPTY = found()
LAUNCHED = found("<id>7001</id>")


class Tenant:
    """A scripted server, a clock that moves only when the runner sleeps, and what was asked of them."""

    def __init__(self, replies: List[Reply], check_mode: bool = False, action: Action = SCAN_ACTION) -> None:
        self.now = START
        self.slept: List[float] = []
        self.session = FakeSession(replies)
        settings = ConnectionSettings("https://qualys.example.test", "api-user", "api-pass", retries=0)
        self.client = QualysClient(settings, session=self.session, sleep=self.sleep)
        self.runner = ActionRunner(self.client, action, check_mode, sleep=self.sleep, clock=lambda: self.now)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    @property
    def operations(self) -> List[str]:
        return [request.operation for request in self.session.requests]

    def bodies(self, operation: str) -> List[str]:
        return [(r.body or b"").decode() for r in self.session.requests if r.operation == operation]


def params(**options: Any) -> Dict[str, Any]:
    values = {option: spec.get("default") for option, spec in SCAN_ACTION.argument_spec().items()}
    values.update(name=SCAN_NAME, target=TARGET)
    values.update(options)
    return values


def desired_of(values: Dict[str, Any]) -> Dict[str, Any]:
    return {option: values.get(option) for option in SCAN_ACTION.resource.argument_spec()}


def start(tenant: Tenant, **options: Any) -> Dict[str, Any]:
    values = params(**options)
    return started(tenant.runner, values, desired_of(values))


# Launch once, attach, check mode -------------------------------------------------------------------------------


def test_check_mode_launches_nothing_and_says_it_would():
    tenant = Tenant([EMPTY], check_mode=True)
    result = start(tenant, wait=True)
    assert (result["changed"], result["launched"]) == (True, True)
    assert result["scan"]["name"] == SCAN_NAME and result["scan"]["id"] is None
    assert tenant.operations == ["search/wasscan"]


def test_check_mode_attaching_is_no_change():
    tenant = Tenant([found(record(7001))], check_mode=True)
    result = start(tenant, wait=True)
    assert (result["changed"], result["launched"], result["scan"]["id"]) == (False, False, 7001)
    assert tenant.operations == ["search/wasscan"]


def test_one_search_then_one_launch():
    tenant = Tenant([EMPTY, LAUNCHED])
    result = start(tenant, profile=1071133, cancel_after_n_hours=2)
    assert (result["changed"], result["scan"]["id"], result["timed_out"]) == (True, 7001, False)
    assert tenant.operations == ["search/wasscan", "launch/wasscan"]
    search, launch = tenant.bodies("search/wasscan")[0], tenant.bodies("launch/wasscan")[0]
    assert '<Criteria field="name" operator="EQUALS">Shop scan</Criteria>' in search
    assert '<Criteria field="status" operator="IN">SUBMITTED,RUNNING,PROCESSING</Criteria>' in search
    for element in ("<name>Shop scan</name>", "<type>VULNERABILITY</type>", "<webApp><id>4331925</id></webApp>"):
        assert element in launch
    assert "<profile><id>1071133</id></profile>" in launch and "<cancelAfterNHours>2</cancelAfterNHours>" in launch


def test_a_running_scan_of_the_name_is_attached_to_not_launched_again():
    tenant = Tenant([found(record(7001, "SUBMITTED"), record(7002, "RUNNING", name="Shop scan 2"))])
    result = start(tenant)
    assert (result["changed"], result["launched"], [s["id"] for s in result["scans"]]) == (False, False, [7001])
    assert "launch/wasscan" not in tenant.operations


def test_launch_always_launches_without_looking():
    tenant = Tenant([LAUNCHED])
    assert start(tenant, launch="always")["changed"] is True
    assert tenant.operations == ["launch/wasscan"]


def test_a_launch_answered_with_one_scan_per_web_app_is_every_scan():
    tenant = Tenant([EMPTY, found("<id>7003</id>", "<id>7002</id>")])
    result = start(tenant, target={"web_apps": [4331923, 4331924]})
    assert [scan["id"] for scan in result["scans"]] == [7002, 7003]


def test_the_default_name_is_the_target_and_the_date():
    shop = Reply(service_response("WebApp", ["<id>4331925</id><name>Demo Shop</name>"]))
    tenant = Tenant([EMPTY, shop, LAUNCHED])
    result = start(tenant, name=None, target={"web_app": "Demo Shop"})
    # The scan is looked for before any name is resolved: an attach costs one call.
    assert tenant.operations == ["search/wasscan", "search/webapp", "launch/wasscan"]
    assert result["scan"]["name"] == "Vulnerability scan of Demo Shop on 2027-01-15"
    assert '<Criteria field="name" operator="EQUALS">Vulnerability scan of Demo Shop on 2027-01-15</Criteria>' in (
        tenant.bodies("search/wasscan")[0]
    )


def test_the_default_name_of_a_tag_selection_says_which_tags():
    tags = {
        "included": {"option": "any", "tag_list": ["Production", "PCI"]},
        "excluded": {"option": "all", "tag_list": [12017500]},
    }
    name = SCAN_ACTION.default_name({"type": "discovery", "target": {"tags": tags}}, "2027-01-15")
    assert name == "Discovery scan of tags Production or PCI except tag 12017500 on 2027-01-15"


# A launch of unknown outcome ---------------------------------------------------------------------------------


class Aborted(requests.exceptions.ConnectionError):
    """The connection broke after the request was sent."""


UNKNOWN_OUTCOMES = {
    "timeout": Reply(raises=requests.exceptions.ReadTimeout("read timed out")),
    "server error": Reply(b"<html><title>Bad gateway</title></html>", status=502),
    "garbled answer": Reply(b"<ServiceResponse><responseCode>SUCC"),
    "broken connection": Reply(raises=Aborted("Connection aborted.")),
    "success without an id": found(),
}


@pytest.mark.parametrize("fault", list(UNKNOWN_OUTCOMES))
def test_a_launch_of_unknown_outcome_is_looked_for_and_never_sent_again(fault):
    tenant = Tenant([EMPTY, UNKNOWN_OUTCOMES[fault], EMPTY, found(record(7001, "SUBMITTED"))])
    result = start(tenant)
    assert (result["changed"], result["scan"]["id"]) == (True, 7001)
    assert tenant.operations.count("launch/wasscan") == 1
    look = tenant.bodies("search/wasscan")[1]
    # Launched since the task began (less the clock skew allowed), and still running.
    assert '<Criteria field="launchedDate" operator="GREATER">2027-01-15T07:55:00Z</Criteria>' in look
    assert '<Criteria field="status" operator="IN">SUBMITTED,RUNNING,PROCESSING</Criteria>' in look


def test_a_launch_of_unknown_outcome_not_found_fails_saying_it_may_exist():
    tenant = Tenant([EMPTY, UNKNOWN_OUTCOMES["timeout"], EMPTY, Reply(status=503), EMPTY])
    with pytest.raises(QualysApiError) as failure:
        start(tenant)
    assert tenant.operations.count("launch/wasscan") == 1
    assert "may have been launched" in str(failure.value) and "not launched again" in str(failure.value)


def test_a_launch_refused_for_other_reasons_fails_with_the_server_words():
    refusal = error_response("INVALID_REQUEST", "Web application with id 4331925 does not exist or is not accessible.")
    tenant = Tenant([EMPTY, Reply(refusal)])
    with pytest.raises(QualysApiError, match="does not exist or is not accessible") as failure:
        start(tenant)
    assert "launch scan 'Shop scan'" in str(failure.value)
    assert tenant.operations.count("launch/wasscan") == 1


# The limit of concurrent scans -------------------------------------------------------------------------------


def test_a_launch_refused_for_the_concurrency_limit_says_so_and_waits_only_when_allowed():
    tenant = Tenant([EMPTY, Reply(LIMIT)])
    with pytest.raises(QualysApiError) as failure:
        start(tenant)
    message = str(failure.value)
    assert "responseCode INVALID_REQUEST" in message and "maximum number of concurrent running scans" in message
    assert "Set slot_timeout" in message and tenant.slept == []
    assert tenant.operations.count("launch/wasscan") == 1


def test_with_slot_timeout_a_refused_launch_is_tried_again_after_looking_for_another_run():
    tenant = Tenant([EMPTY, Reply(LIMIT), EMPTY, Reply(LIMIT), EMPTY, LAUNCHED])
    result = start(tenant, slot_timeout=600, poll_interval=8)
    assert (result["changed"], result["scan"]["id"]) == (True, 7001)
    assert tenant.operations.count("launch/wasscan") == 3 and tenant.slept == [5, 8]


def test_while_waiting_for_a_slot_a_scan_another_run_launched_is_attached_to():
    tenant = Tenant([EMPTY, Reply(LIMIT), found(record(7009, "SUBMITTED"))])
    result = start(tenant, slot_timeout=600)
    assert (result["changed"], result["scan"]["id"]) == (False, 7009)
    assert tenant.operations.count("launch/wasscan") == 1


def test_slot_timeout_bounds_the_tries():
    tenant = Tenant([EMPTY] + [Reply(LIMIT), EMPTY] * 20)
    with pytest.raises(QualysApiError, match="No scan ended within slot_timeout"):
        start(tenant, slot_timeout=30, poll_interval=10)
    assert sum(tenant.slept) == 30


# Waiting -----------------------------------------------------------------------------------------------------


def test_waiting_polls_status_with_growing_pauses_then_reads_the_whole_record():
    replies = [EMPTY, LAUNCHED] + [progress(7001, "SUBMITTED")] + [progress(7001, "RUNNING")] * 4
    tenant = Tenant(replies + [progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)])
    result = start(tenant, wait=True, poll_interval=30)
    assert tenant.slept == [5, 10, 20, 30, 30, 30]
    assert tenant.operations.count("status/wasscan") == 6 and tenant.operations[-1] == "get/wasscan"
    scan = result["scan"]
    assert (scan["status"], scan["summary"]["results_status"], scan["scan_duration"]) == (
        "finished",
        "successful",
        1517,
    )
    assert scan["stats"]["global"]["nb_vulns_level5"] == 1


@pytest.mark.parametrize(
    "unsettled",
    [("FINISHED", "TO_BE_PROCESSED"), ("FINISHED", "PROCESSING"), ("PROCESSING", ""), ("FINISHED", "")],
    ids=["to be processed", "results processing", "status processing", "no summary yet"],
)
def test_a_finished_scan_whose_results_are_not_settled_is_waited_for(unsettled):
    replies = [EMPTY, LAUNCHED, progress(7001, *unsettled), progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)]
    tenant = Tenant(replies)
    assert start(tenant, wait=True)["scan"]["status"] == "finished"
    assert tenant.operations.count("status/wasscan") == 2


def test_a_good_scan_reported_with_results_finished_is_good():
    tenant = Tenant([EMPTY, LAUNCHED, progress(7001, "FINISHED", "FINISHED"), whole(7001, "FINISHED", "FINISHED")])
    assert start(tenant, wait=True)["changed"] is True


BAD_ENDS = [
    ("FINISHED", "NO_WEB_SERVICE", "no_web_service", "ended FINISHED, results NO_WEB_SERVICE"),
    ("FINISHED", "TIME_LIMIT_EXCEEDED", "time_limit_exceeded", "results TIME_LIMIT_EXCEEDED"),
    ("TIME_LIMIT_EXCEEDED", "TIME_LIMIT_EXCEEDED", "time_limit_exceeded", "ended TIME_LIMIT_EXCEEDED"),
    ("SCANNER_NOT_AVAILABLE", "", "scanner_not_available", "ended SCANNER_NOT_AVAILABLE"),
    ("ERROR", "SCAN_INTERNAL_ERROR", "error", "ended ERROR, results SCAN_INTERNAL_ERROR"),
    ("CANCELED", "CANCELED", "canceled", "ended CANCELED"),
    ("CANCELLED", "CANCELED_WITH_RESULTS", "canceled_with_results", "ended CANCELED, results CANCELED_WITH_RESULTS"),
]


@pytest.mark.parametrize("status, results, word, words", BAD_ENDS, ids=[end[0] + "/" + end[1] for end in BAD_ENDS])
def test_an_end_the_task_does_not_accept_fails_with_the_server_words(status, results, word, words):
    replies = [EMPTY, LAUNCHED, progress(7001, status, results), whole(7001, status, results)]
    with pytest.raises(Ended) as failure:
        start(Tenant(list(replies)), wait=True)
    assert words in str(failure.value) and "accept_end_states" in str(failure.value)
    assert failure.value.result["scan"]["id"] == 7001 and failure.value.result["gate_result"] is None
    assert start(Tenant(list(replies)), wait=True, accept_end_states=[word])["scan"]["id"] == 7001


def test_the_wait_ends_at_wait_timeout_with_the_last_known_state():
    tenant = Tenant([EMPTY, LAUNCHED] + [progress(7001, "RUNNING")] * 20)
    with pytest.raises(Ended) as failure:
        start(tenant, wait=True, wait_timeout=100, poll_interval=30)
    assert tenant.slept == [5, 10, 20, 30, 30, 5]
    assert "wait_timeout (100 s): id 7001 RUNNING" in str(failure.value)
    result = failure.value.result
    assert (result["timed_out"], result["scan"]["status"], result["changed"]) == (True, "running", True)
    assert "get/wasscan" not in tenant.operations


def test_polls_that_fail_are_tolerated_a_few_times_in_a_row():
    polls = [Reply(status=503), Reply(raises=requests.exceptions.ReadTimeout("slow")), progress(7001, "RUNNING")]
    tenant = Tenant([EMPTY, LAUNCHED] + polls + [progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)])
    assert start(tenant, wait=True)["scan"]["status"] == "finished"


def test_polls_failing_too_often_in_a_row_end_the_wait():
    tenant = Tenant([EMPTY, LAUNCHED] + [Reply(status=503)] * 4)
    with pytest.raises(QualysApiError, match="status scan"):
        start(tenant, wait=True)
    assert tenant.operations.count("status/wasscan") == 4


def test_a_poll_the_server_refuses_ends_the_wait_at_once():
    refusal = Reply(error_response("UNAUTHORIZED", "User does not have permission to view this scan."))
    tenant = Tenant([EMPTY, LAUNCHED, refusal])
    with pytest.raises(QualysApiError, match="does not have permission"):
        start(tenant, wait=True)


def test_an_attached_scan_that_ended_meanwhile_costs_no_poll_before_its_record():
    tenant = Tenant([found(record(7001, "FINISHED", "SUCCESSFUL")), whole(7001)])
    # A search that matches an ended scan (a tenant looser than the criteria) is judged without polling.
    assert start(tenant, wait=True)["changed"] is False
    assert tenant.operations == ["search/wasscan", "get/wasscan"]


def test_with_an_id_the_scan_is_polled_at_once_and_nothing_is_launched():
    tenant = Tenant([progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)])
    result = start(tenant, id=7001, name=None, target=None, wait=True)
    assert (result["changed"], result["launched"]) == (False, False)
    assert tenant.operations == ["status/wasscan", "get/wasscan"] and tenant.slept == []


# The gate ----------------------------------------------------------------------------------------------------

GATED: List[Any] = []


def fake_gate(passed: bool) -> Gate:
    def read(client, states):
        GATED.append([state["id"] for state in states])
        return {"findings": [{"qid": 150158, "severity": 5}]}

    return Gate(
        {"type": "dict"},
        lambda fail_on: None,
        read,
        lambda fail_on, results, accepted: {"passed": passed, "violations": [] if passed else results["findings"]},
        lambda gate_result: "gate broken by QID %s" % gate_result["violations"][0]["qid"],
    )


def gated_action(passed: bool) -> Action:
    gated = copy.copy(SCAN_ACTION)
    gated.gate = fake_gate(passed)
    return gated


@pytest.mark.parametrize("passed", [True, False])
def test_the_gate_judges_the_results_after_a_good_end_and_is_in_the_result_either_way(passed):
    del GATED[:]
    replies = [EMPTY, LAUNCHED, progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)]
    tenant = Tenant(replies, action=gated_action(passed))
    if passed:
        result = start(tenant, wait=True, fail_on={"severity": 4})
    else:
        with pytest.raises(Ended, match="gate broken by QID 150158") as failure:
            start(tenant, wait=True, fail_on={"severity": 4})
        result = failure.value.result
    assert result["gate_result"]["passed"] is passed and GATED == [[7001]]


def gate_reading(status: str, results_status: str) -> Action:
    """The scan action with its own gate, over results that report this end."""
    gated = copy.copy(SCAN_ACTION)
    gated.gate = SCAN_ACTION.gate._replace(
        read=lambda client, states: {"status": status, "results_status": results_status, "findings": []}
    )
    return gated


def test_an_end_the_task_accepts_passes_the_gate_scan_error_rule_too():
    replies = [EMPTY, LAUNCHED, progress(7001, "FINISHED", "NO_WEB_SERVICE"), whole(7001, "FINISHED", "NO_WEB_SERVICE")]
    tenant = Tenant(replies, action=gate_reading("finished", "no_web_service"))
    fail_on = {"severity": 4, "scan_error": True}
    result = start(tenant, wait=True, accept_end_states=["no_web_service"], fail_on=fail_on)
    assert result["gate_result"]["passed"] is True
    assert result["gate_result"]["checked"]["accept_end_states"] == ["no_web_service"]


def test_the_gate_scan_error_rule_fails_results_that_report_an_end_the_task_does_not_accept():
    replies = [EMPTY, LAUNCHED, progress(7001, "FINISHED", "SUCCESSFUL"), whole(7001)]
    tenant = Tenant(replies, action=gate_reading("finished", "no_web_service"))
    with pytest.raises(Ended, match="FINISHED with results NO_WEB_SERVICE"):
        start(tenant, wait=True, accept_end_states=["time_limit_reached"], fail_on={"scan_error": True})


def test_fail_on_without_wait_fails_before_any_call():
    tenant = Tenant([])
    with pytest.raises(ValidationError, match="fail_on needs wait: true"):
        start(tenant, fail_on={"severity": 4})
    assert tenant.operations == []


@pytest.mark.parametrize(
    "options, message",
    [
        ({"target": None}, "Launching a scan needs target"),
        ({"target": {"use_default_auth_record": True}}, "target needs web_app, web_apps or tags.included"),
        ({"wait_timeout": 0}, "wait_timeout must be 1 or more"),
        ({"slot_timeout": -1}, "slot_timeout must be 0 or more"),
    ],
)
def test_bad_input_fails_before_any_call(options, message):
    tenant = Tenant([])
    with pytest.raises(ValidationError, match=re.escape(message)):
        start(tenant, **options)
    assert tenant.operations == []


# Cancel and delete -------------------------------------------------------------------------------------------


def run_state(tenant: Tenant, runner_function, **options: Any) -> Dict[str, Any]:
    values = params(**options)
    return runner_function(tenant.runner, values, desired_of(values))


def test_cancel_by_name_cancels_each_running_scan_of_the_name():
    tenant = Tenant([found(record(7001), record(7002, "SUBMITTED")), found("<id>7001</id>"), found("<id>7002</id>")])
    result = run_state(tenant, canceled, state="canceled")
    assert (result["changed"], result["canceled_ids"]) == (True, [7001, 7002])
    assert tenant.operations == ["search/wasscan", "cancel/wasscan", "cancel/wasscan"]


def test_cancel_of_a_scan_that_is_not_running_is_no_change():
    tenant = Tenant([progress(7001, "FINISHED", "SUCCESSFUL")])
    assert run_state(tenant, canceled, state="canceled", id=7001)["changed"] is False
    assert tenant.operations == ["status/wasscan"]


def test_cancel_in_check_mode_cancels_nothing():
    tenant = Tenant([progress(7001, "RUNNING")], check_mode=True)
    assert run_state(tenant, canceled, state="canceled", id=7001)["changed"] is True
    assert tenant.operations == ["status/wasscan"]


def test_a_cancel_refused_because_the_scan_just_ended_is_what_the_task_asked_for():
    refusal = error_response(
        "INVALID_REQUEST",
        "Scan is not in a running state. Scan status: FINISHED",
        "Verify the WasScan ID passed to the request and that this scan is still running.",
    )
    tenant = Tenant([progress(7001, "RUNNING"), Reply(refusal), progress(7001, "FINISHED", "SUCCESSFUL")])
    assert run_state(tenant, canceled, state="canceled", id=7001)["changed"] is True


def test_a_cancel_refused_while_the_scan_still_runs_fails_with_the_server_words():
    refusal = error_response("UNAUTHORIZED", "User does not have permission to cancel this scan.")
    tenant = Tenant([progress(7001, "RUNNING"), Reply(refusal), progress(7001, "RUNNING")])
    with pytest.raises(QualysApiError, match="cancel scan .*permission to cancel"):
        run_state(tenant, canceled, state="canceled", id=7001)


def test_deleting_a_running_scan_is_refused_before_any_write():
    tenant = Tenant([found(record(7001, "RUNNING") + "<options><count>0</count></options>")])
    with pytest.raises(QualysError, match="still runs"):
        run_state(tenant, absent, state="absent")
    assert "delete/wasscan" not in tenant.operations


def test_deleting_an_ended_scan_deletes_its_record():
    ended = record(7001, "FINISHED", "SUCCESSFUL") + "<options><count>0</count></options>"
    tenant = Tenant([found(ended), found("<id>7001</id>")])
    result = run_state(tenant, absent, state="absent")
    assert (result["changed"], result["deleted_ids"]) == (True, [7001])
    assert tenant.operations == ["search/wasscan", "delete/wasscan"]
