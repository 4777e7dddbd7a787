# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action runner on a report: create once, attach to one of the name and format, wait, fail on ERROR with the
server's words (from the record or, where it is silent, the download), delete in any state."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
import requests

from ansible_collections.qualys.was.plugins.module_utils.action import ActionRunner, Ended, absent, started
from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.report_action import REPORT_ACTION, default_name
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, error_response, service_response

START = 1_800_000_000.0  # 2027-01-15T08:00:00Z
NAME = "Production findings"
TARGET = {"tags": {"included": {"option": "any", "tag_list": [12017424]}}}
FAILED_WORDS = "Report generation failed: template rendering error."


def record(report_id: int, status: str = "RUNNING", message: str = "", name: str = NAME) -> str:
    words = "<message>%s</message>" % message if message else ""
    return "<id>%d</id><name>%s</name><type>WAS_WEBAPP_REPORT</type><format>CSV</format><status>%s</status>%s" % (
        report_id,
        name,
        status,
        words,
    )


def found(*records: str) -> Reply:
    return Reply(service_response("Report", list(records)))


EMPTY = found()
CREATED = found(record(8001))


def whole(report_id: int, status: str = "COMPLETE", message: str = "") -> Reply:
    return found(
        record(report_id, status, message) + "<size>2048</size><config><webAppReport><target><tags>"
        "<included><option>ANY</option><tagList><Tag><id>12017424</id></Tag></tagList></included></tags>"
        "</target></webAppReport></config>"
    )


def status(report_id: int, value: str, message: str = "") -> Reply:
    words = "<message>%s</message>" % message if message else ""
    return found("<id>%d</id><status>%s</status>%s" % (report_id, value, words))


class Tenant:
    """A scripted server and a clock that moves only when the runner sleeps."""

    def __init__(self, replies: List[Reply], check_mode: bool = False) -> None:
        self.now = START
        self.slept: List[float] = []
        self.session = FakeSession(replies)
        settings = ConnectionSettings("https://qualys.example.test", "api-user", "api-pass", retries=0)
        self.client = QualysClient(settings, session=self.session, sleep=self.sleep)
        self.runner = ActionRunner(self.client, REPORT_ACTION, check_mode, sleep=self.sleep, clock=lambda: self.now)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    @property
    def operations(self) -> List[str]:
        return self.session.operations

    def bodies(self, operation: str) -> List[str]:
        return [(r.body or b"").decode() for r in self.session.requests if r.operation == operation]


def params(**options: Any) -> Dict[str, Any]:
    values = {option: spec.get("default") for option, spec in REPORT_ACTION.argument_spec().items()}
    values.update(name=NAME, format="csv", target=TARGET)
    values.update(options)
    return values


def start(tenant: Tenant, **options: Any) -> Dict[str, Any]:
    values = params(**options)
    return started(
        tenant.runner, values, {option: values.get(option) for option in REPORT_ACTION.resource.argument_spec()}
    )


def test_the_options_of_a_report_are_those_it_has():
    spec = REPORT_ACTION.argument_spec()
    assert spec["state"]["choices"] == ["present", "absent"] and spec["state"]["default"] == "present"
    assert spec["wait"]["default"] is True and spec["format"]["default"] == "pdf"
    assert not {"launch", "slot_timeout", "accept_end_states", "fail_on", "update_password"} & set(spec)
    assert {"dest", "force"} <= set(spec) and spec["pdf_password"]["no_log"] is True


def test_check_mode_creates_nothing_and_says_it_would():
    tenant = Tenant([EMPTY], check_mode=True)
    result = start(tenant)
    assert (result["changed"], result["created"], result["report"]["id"]) == (True, True, None)
    assert tenant.operations == ["search/report"]


def test_one_search_one_create_then_polls_that_grow_to_the_poll_interval():
    polls = [status(8001, "RUNNING")] * 5 + [status(8001, "COMPLETE")]
    tenant = Tenant([EMPTY, CREATED] + polls + [whole(8001)])
    result = start(tenant, poll_interval=30)
    assert (result["changed"], result["created"], result["report"]["status"]) == (True, True, "complete")
    assert result["report"]["target"]["tags"]["included"]["tag_list"] == [{"id": 12017424, "name": None}]
    assert tenant.operations == ["search/report", "create/report"] + ["status/report"] * 6 + ["get/report"]
    assert tenant.slept == [5.0, 10.0, 20.0, 30.0, 30.0, 30.0]
    search = tenant.bodies("search/report")[0]
    for criterion in (
        'field="name" operator="EQUALS">Production findings<',
        'field="format" operator="EQUALS">CSV<',
        'field="type" operator="EQUALS">WAS_WEBAPP_REPORT<',
        'field="status" operator="IN">SUBMITTED,RUNNING<',
    ):
        assert criterion in search


def test_a_report_of_the_name_and_format_being_generated_is_attached_to_not_created_again():
    tenant = Tenant([found(record(7001, "SUBMITTED")), status(7001, "COMPLETE"), whole(7001)])
    result = start(tenant)
    assert (result["changed"], result["created"], result["report"]["id"]) == (False, False, 7001)
    assert "create/report" not in tenant.operations


@pytest.mark.parametrize(
    "lost", [Reply(b"", status=504), Reply(raises=requests.exceptions.ReadTimeout("read timed out"))]
)
def test_a_create_of_unknown_outcome_is_looked_for_since_the_task_began_never_sent_again(lost):
    tenant = Tenant([EMPTY, lost, EMPTY, found(record(8001)), status(8001, "COMPLETE"), whole(8001)])
    result = start(tenant)
    assert result["report"]["id"] == 8001 and result["created"] is True
    assert tenant.operations.count("create/report") == 1
    looked = tenant.bodies("search/report")[2]
    assert 'field="creationDate" operator="GREATER">2027-01-15T07:55:00Z<' in looked
    assert 'field="format" operator="EQUALS">CSV<' in looked


def test_a_create_of_unknown_outcome_not_found_fails_saying_it_may_exist():
    tenant = Tenant([EMPTY, Reply(b"", status=502), EMPTY, EMPTY, EMPTY])
    with pytest.raises(Exception) as failure:
        start(tenant)
    assert "may have been created" in str(failure.value) and "not created again" in str(failure.value)
    assert tenant.operations.count("create/report") == 1


def test_a_report_that_ends_error_fails_with_the_words_of_its_record():
    tenant = Tenant([EMPTY, CREATED, status(8001, "ERROR", FAILED_WORDS), whole(8001, "ERROR", FAILED_WORDS)])
    with pytest.raises(Ended) as failure:
        start(tenant)
    assert "ended ERROR: " + FAILED_WORDS in str(failure.value) and "accept_end_states" not in str(failure.value)
    assert failure.value.result["report"]["status"] == "error"
    assert "download/report" not in tenant.operations


def test_a_failed_report_whose_record_is_silent_is_explained_by_its_download():
    refusal = Reply(error_response("INVALID_REQUEST", FAILED_WORDS, "Create the report again."), status=400)
    tenant = Tenant([EMPTY, CREATED, status(8001, "ERROR"), whole(8001, "ERROR"), refusal])
    with pytest.raises(Ended) as failure:
        start(tenant)
    assert FAILED_WORDS in str(failure.value) and failure.value.result["report"]["message"] == FAILED_WORDS
    assert tenant.operations[-1] == "download/report"


def test_the_storage_limit_fails_at_once_in_the_server_words():
    full = Reply(
        error_response(
            "INVALID_REQUEST",
            "Your subscription storage limit of 200.0 Mb has been reached.",
            "Delete existing reports and try again.",
        )
    )
    tenant = Tenant([EMPTY, full])
    with pytest.raises(Exception, match="storage limit of 200.0 Mb") as failure:
        start(tenant)
    assert "Delete existing reports" in str(failure.value) and tenant.operations.count("create/report") == 1


def test_a_timed_out_wait_says_to_wait_again_with_the_id():
    tenant = Tenant([EMPTY, CREATED] + [status(8001, "RUNNING")] * 3)
    with pytest.raises(Ended) as failure:
        start(tenant, wait_timeout=20, poll_interval=10)
    assert "id 8001 RUNNING" in str(failure.value) and "Wait for it again with id" in str(failure.value)
    assert failure.value.result["timed_out"] is True


def test_absent_deletes_every_report_of_the_name_in_any_state():
    records = found(record(7001, "RUNNING"), record(7002, "COMPLETE"))
    deleted = Reply(service_response("Report", ["<id>7001</id>"]))
    tenant = Tenant([records, whole(7001, "RUNNING"), whole(7002), deleted, deleted])
    values = params(state="absent", all_with_name=True)
    result = absent(tenant.runner, values, {"name": NAME})
    assert result == {"changed": True, "deleted_ids": [7001, 7002]}
    assert tenant.operations.count("delete/report") == 2


def test_without_a_name_or_id_nothing_is_needed_but_what_names_it():
    assert default_name({"type": "scan", "format": "xml", "target": {"scans": [5170635]}}, "2026-12-04") == (
        "Scan report of scans 5170635 as XML on 2026-12-04"
    )
    assert default_name({"type": "catalog", "format": "csv"}, "2026-12-04") == "Catalog report as CSV on 2026-12-04"
    assert (
        default_name(
            {
                "target": {
                    "tags": {
                        "included": {"option": "any", "tag_list": ["Production", 12017501]},
                        "excluded": {"tag_list": ["Staging"]},
                    }
                }
            },
            "2026-12-04",
        )
        == "Web application report of tags Production or 12017501 except Staging as PDF on 2026-12-04"
    )


def test_a_scan_report_without_scans_fails_before_any_call():
    tenant = Tenant([])
    with pytest.raises(ValidationError, match="needs target.scans"):
        start(tenant, type="scan", target=None)
    assert tenant.operations == []
