# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection through /_sim/faults: each kind, how many calls it hits, which calls, and whether the
call still runs."""

from __future__ import annotations

import http.client
import time
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import option_profile


def inject(api, **fault):
    status, answer = api.control("POST", "faults", fault)
    assert status == 200, answer


def profile_count(api):
    return int(api.qps("count", "optionprofile", method="GET").xml.findtext("count"))


def test_status_fault(api):
    inject(api, kind="status", status=503, match="search/webapp")

    faulted, normal = api.search("webapp"), api.search("webapp")

    assert faulted.status == 503
    assert faulted.headers["Content-Type"].startswith("text/plain")
    assert normal.status == 200


def test_status_fault_with_headers(api):
    inject(api, kind="status", status=429, headers={"Retry-After": "2"})

    reply = api.search("webapp")

    assert (reply.status, reply.headers["Retry-After"]) == (429, "2")


def test_html_fault(api):
    inject(api, kind="html")

    reply = api.search("webapp")

    assert reply.status == 503
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"<html>" in reply.body


def test_empty_fault(api):
    inject(api, kind="empty")

    reply = api.search("webapp")

    assert (reply.status, reply.body) == (200, b"")


def test_truncated_fault_runs_the_call(api):
    before = profile_count(api)
    inject(api, kind="truncated", match="create/optionprofile")

    reply = api.create("optionprofile", option_profile())

    assert reply.status == 200
    assert reply.body.startswith(b"<?xml")
    with pytest.raises(ET.ParseError):
        ET.fromstring(reply.body)
    assert profile_count(api) == before + 1


def test_qualys_error_fault_does_not_run_the_call(api):
    before = profile_count(api)
    inject(api, kind="qualys_error", response_code="OTHER_ERROR", error_message="Internal error.", match="create/*")

    reply = api.create("optionprofile", option_profile())

    assert (reply.status, reply.code, reply.error) == (200, "OTHER_ERROR", ("Internal error.", None))
    assert profile_count(api) == before


def test_executed_fault_keeps_the_call_effects(api):
    before = profile_count(api)
    inject(api, kind="status", status=500, execute=True, match="create/*")

    assert api.create("optionprofile", option_profile()).status == 500
    assert profile_count(api) == before + 1


@pytest.mark.parametrize("execute, created", [(False, 0), (True, 1)])
def test_disconnect_fault_closes_the_connection_without_an_answer(api, execute, created):
    before = profile_count(api)
    inject(api, kind="disconnect", match="create/optionprofile", execute=execute)

    with pytest.raises(http.client.RemoteDisconnected):
        api.create("optionprofile", option_profile())

    assert profile_count(api) == before + created
    assert api.control("GET", "stats")[1]["faulted"] == 1
    assert api.create("optionprofile", option_profile("After the fault")).code == "SUCCESS"


def test_delay_fault(api):
    inject(api, kind="delay", delay=0.3)

    started = time.monotonic()
    reply = api.search("webapp")

    assert time.monotonic() - started >= 0.3
    assert reply.code == "SUCCESS"


def test_fault_hits_the_next_n_matching_calls(api):
    inject(api, kind="status", status=502, times=2, match="*/optionprofile")

    statuses = [api.search("webapp").status] + [api.search("optionprofile").status for attempt in range(3)]

    assert statuses == [200, 502, 502, 200]
    assert api.control("GET", "stats")[1]["faulted"] == 2


def test_pending_faults_listed_and_cleared(api):
    inject(api, kind="empty", times=3, match="get/*")

    assert api.control("GET", "faults")[1]["pending"][0]["times"] == 3
    assert api.control("DELETE", "faults")[1] == {"pending": []}
    assert api.get("webapp", 4331923).status == 200


@pytest.mark.parametrize(
    "fault",
    [{"kind": "meteor"}, {"kind": "status", "times": 0}, {"kind": "status", "colour": "red"}, {"status": 500}, [1]],
)
def test_bad_faults_refused(api, fault):
    status, answer = api.control("POST", "faults", fault)

    assert status == 400
    assert answer["error"]
