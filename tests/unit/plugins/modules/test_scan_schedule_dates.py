# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A start date given with a UTC offset is sent in UTC. The simulator converts offsets itself, so only the request
body shows whether the module did."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.modules import was_scan_schedule
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    data_file,
    id_response,
    run_module,
    service_response,
)

SEED = data_file("seeds", "seed000-create-webapps-response.xml")  # stores 2017-06-13T21:51:00Z
SEED_NAME = "MultiSchedule_1497351121650"
SEED_ID = 697193
EMPTY = service_response("WasScanSchedule", [])
WITH_OFFSET = "2030-01-31T23:30:00+02:00"
IN_UTC = "2030-01-31T21:30:00Z"


def server(stored):
    """Answers reads with ``stored`` (the seed schedule, or nothing) and writes with the seed schedule."""

    def answer(request):
        verb = request.operation.split("/")[0]
        if verb == "search":
            return Reply(SEED if stored else EMPTY)
        if verb == "get":
            return Reply(SEED)
        if verb == "create":
            return Reply(SEED)
        return Reply(id_response("WasScanSchedule", SEED_ID))

    return answer


def sent_start_dates(session, verb):
    """The startDate values of every ``verb`` request sent."""
    dates = []
    for request in session.requests:
        if request.operation.split("/")[0] == verb:
            dates.extend(element.text for element in ElementTree.fromstring(request.body).iter("startDate"))
    return dates


def run(args, stored, monkeypatch, capsys):
    return run_module(was_scan_schedule.main, dict(CONNECTION, **args), [server(stored)] * 10, monkeypatch, capsys)


@pytest.mark.parametrize("start_date", [WITH_OFFSET, "2030-01-31T23:30:00+0200", "2030-01-31T16:30:00-05:00", IN_UTC])
def test_a_create_sends_the_start_date_in_utc(start_date, monkeypatch, capsys):
    task = {
        "name": "Offset schedule",
        "target": {"web_apps": [4331923]},
        "scheduling": {"occurrence_type": "once", "start_date": start_date},
    }
    result, session = run(task, False, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert sent_start_dates(session, "create") == [IN_UTC]


def test_an_update_sends_the_start_date_in_utc(monkeypatch, capsys):
    result, session = run({"name": SEED_NAME, "scheduling": {"start_date": WITH_OFFSET}}, True, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert sent_start_dates(session, "update") == [IN_UTC]


def test_the_stored_moment_given_with_an_offset_is_no_change(monkeypatch, capsys):
    task = {"name": SEED_NAME, "scheduling": {"start_date": "2017-06-13T23:51:00+02:00"}}
    result, session = run(task, True, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False
    assert {operation.split("/")[0] for operation in session.operations} <= {"search", "get"}


@pytest.mark.parametrize("check", [True, False])
def test_a_create_that_starts_in_the_past_fails_after_the_search_before_any_write(check, monkeypatch, capsys):
    task = {
        "name": "Late schedule",
        "target": {"web_apps": [4331923]},
        "scheduling": {"occurrence_type": "once", "start_date": "2017-06-13T21:51:57Z"},
    }
    result, session = run_module(
        was_scan_schedule.main, dict(CONNECTION, **task), [server(False)] * 10, monkeypatch, capsys, check=check
    )
    assert result["failed"] is True
    assert "scheduling.start_date 2017-06-13T21:51:57Z has passed" in result["msg"]
    assert session.operations == ["search/wasscanschedule"]


def test_an_update_keeping_a_start_that_has_passed_is_not_refused(monkeypatch, capsys):
    task = {"name": SEED_NAME, "scheduling": {"start_date": "2017-06-13T21:51:00Z", "cancel_after_n_hours": 9}}
    result, session = run(task, True, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and sent_start_dates(session, "update") == []
