# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The control API: counters, reset, simulated clock and settings."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import option_profile
from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria


def test_stats_count_calls_by_operation_and_object(api):
    api.search("wasscanschedule")
    api.search("wasscanschedule")
    api.get("optionprofile", 1071133)
    api.create("optionprofile", option_profile())
    api.qps("activate", "wasscanschedule", 697002)
    api.search("tag", module="am", version="2.0")
    api.request("GET", "/qps/rest/portal/version")

    stats = api.control("GET", "stats")[1]

    assert stats["by_call"] == {
        "activate/wasscanschedule": 1,
        "create/optionprofile": 1,
        "get/optionprofile": 1,
        "search/tag": 1,
        "search/wasscanschedule": 2,
        "unknown": 1,
    }
    assert (stats["total"], stats["writes"]) == (7, 2)


def test_stats_tally_every_criteria_received(api):
    api.search("wasscanschedule", criteria("name", "EQUALS", "x") + criteria("id", "IN", "1,2"))
    api.search("wasscanschedule", criteria("name", "EQUALS", "y"))
    api.search("optionprofile", criteria("name", "IN", "a,b"))  # refused, and counted all the same
    api.control("POST", "faults", {"kind": "status", "match": "count/*"})
    api.qps(
        "count",
        "webapp",
        body=f"<ServiceRequest><filters>{criteria('url', 'CONTAINS', 'x')}</filters></ServiceRequest>".encode(),
    )
    api.qps("count", "webapp", body=b"<ServiceRequest><filters>")  # malformed: nothing to tally

    assert api.control("GET", "stats")[1]["criteria"] == {
        "count/webapp url CONTAINS": 1,
        "search/optionprofile name IN": 1,
        "search/wasscanschedule id IN": 1,
        "search/wasscanschedule name EQUALS": 2,
    }
    api.control("POST", "reset")
    assert api.control("GET", "stats")[1]["criteria"] == {}


def test_control_calls_are_not_counted(api):
    api.control("GET", "clock")

    assert api.control("GET", "stats")[1]["total"] == 0


def test_reset_restores_the_fixture_and_zeroes_counters(api):
    created = api.create("optionprofile", option_profile()).ids[0]
    api.qps("delete", "wasscanschedule", 697001)
    api.control("POST", "settings", {"empty_shape": "a"})
    api.control("POST", "clock", {"now": "2020-01-01T00:00:00Z"})
    api.control("POST", "faults", {"kind": "empty", "match": "never/*"})

    assert api.control("POST", "reset") == (200, {"reset": True})

    assert api.get("optionprofile", created).code == "INVALID_REQUEST"
    assert api.get("wasscanschedule", 697001).code == "SUCCESS"
    stats = api.control("GET", "stats")[1]
    assert (stats["total"], stats["by_call"]) == (2, {"get/optionprofile": 1, "get/wasscanschedule": 1})
    assert api.control("GET", "settings")[1]["empty_shape"] == "b"
    assert api.control("GET", "clock")[1]["simulated"] is False
    assert api.control("GET", "faults")[1]["pending"] == []


def test_reset_restarts_ids(api):
    first = api.create("optionprofile", option_profile()).ids[0]
    api.control("POST", "reset")

    assert api.create("optionprofile", option_profile()).ids[0] == first


def test_clock_dates_what_is_written(api):
    status, clock = api.control("POST", "clock", {"now": "2017-06-13T10:52:07Z"})
    assert (status, clock["simulated"]) == (200, True)
    assert clock["now"].startswith("2017-06-13T10:52")

    created = api.create("optionprofile", option_profile()).records[0]

    assert created.findtext("createdDate").startswith("2017-06-13T10:5")


def test_clock_back_to_real_time(api):
    api.control("POST", "clock", {"now": "2017-06-13T10:52:07Z"})

    clock = api.control("POST", "clock", {"now": None})[1]

    now = datetime.strptime(clock["now"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert clock["simulated"] is False
    assert abs(now - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_bad_clock_refused(api):
    assert api.control("POST", "clock", {"now": "tomorrow"})[0] == 400
    assert api.control("POST", "clock", {"then": "2020-01-01T00:00:00Z"})[0] == 400


def test_settings_changed_and_validated(api):
    assert api.control("POST", "settings", {"rate_limit": 5})[1]["rate_limit"] == 5
    assert api.control("POST", "settings", {"empty_shape": "c"})[0] == 400
    assert api.control("POST", "settings", {"rate_limit": 0})[0] == 400
    assert api.control("POST", "settings", {"speed": 1})[0] == 400


def test_unknown_control_paths(api):
    assert api.request("GET", "/_sim/nothing").status == 404
    assert api.request("GET", "/_sim/reset").status == 405
    assert api.request("GET", "/elsewhere").status == 404
    assert api.request("POST", "/_sim/settings", b"{not json").status == 400


def test_clock_speed_runs_the_simulated_time_faster(api):
    status, clock = api.control("POST", "clock", {"now": "2030-01-01T00:00:00Z", "speed": 3600})
    time.sleep(1.1)
    later = api.control("GET", "clock")[1]

    assert (status, clock["speed"], later["speed"]) == (200, 3600.0, 3600.0)
    # A second of real time is an hour here.
    assert later["now"] >= "2030-01-01T01:00:00Z"


@pytest.mark.parametrize(
    "body",
    [
        {"now": "2030-01-01T00:00:00Z", "speed": 0},
        {"now": None, "speed": 2},
        {"now": "2030-01-01T00:00:00Z", "speed": "fast"},
        {"now": "2030-01-01T00:00:00Z", "pace": 2},
    ],
)
def test_bad_clock_speed_refused(api, body):
    status, answer = api.control("POST", "clock", body)

    assert (status, "error" in answer) == (400, True)
    assert api.control("GET", "clock")[1]["speed"] == 1.0


def test_reset_returns_to_speed_one(api):
    api.control("POST", "clock", {"now": "2030-01-01T00:00:00Z", "speed": 10})
    api.control("POST", "reset")

    assert api.control("GET", "clock")[1]["speed"] == 1.0
