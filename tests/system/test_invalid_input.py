# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every constrained option's invalid values fail with a message naming the option, and no API call."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.qualys.was.plugins.modules import was_option_profile, was_scan_schedule
from ansible_collections.qualys.was.tests.system.fault_scenarios import FAR_FUTURE
from ansible_collections.qualys.was.tests.system.in_process import run_module

EXAMPLES = settings(max_examples=25, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
SCHEDULE = {
    "name": "Invalid input",
    "target": {"web_app": 4331925},
    "scheduling": {"start_date": FAR_FUTURE, "occurrence_type": "once"},
}


def weekly(**occurrence):
    return {"start_date": FAR_FUTURE, "occurrence_type": "weekly", "weekly_occurrence": occurrence}


CASES = [
    (was_option_profile, {"name": "x", "performance": "turbo"}, "performance"),
    (was_option_profile, {"name": "x", "bruteforce_option": "all"}, "bruteforce_option"),
    (was_option_profile, {"name": "x", "form_submission": "put"}, "form_submission"),
    (was_scan_schedule, dict(SCHEDULE, type="compliance"), "type"),
    (
        was_scan_schedule,
        dict(SCHEDULE, scheduling={"start_date": "not a date", "occurrence_type": "once"}),
        "start_date",
    ),
    (
        was_scan_schedule,
        dict(SCHEDULE, scheduling={"start_date": "2031-13-40T25:61:00Z", "occurrence_type": "once"}),
        "start_date",
    ),
    (
        was_scan_schedule,
        dict(SCHEDULE, scheduling={"start_date": FAR_FUTURE, "occurrence_type": "hourly"}),
        "occurrence_type",
    ),
    (was_scan_schedule, dict(SCHEDULE, scheduling=weekly(every_n_weeks=1, on_days=["funday"])), "on_days"),
    (was_scan_schedule, dict(SCHEDULE, scheduling=weekly(every_n_weeks=1, on_days=[])), "on_days"),
    (was_scan_schedule, dict(SCHEDULE, target={"web_app": 4331925, "web_apps": [4331926]}), "web_app"),
    (was_scan_schedule, dict(SCHEDULE, notification={"delay": {"nb": 1, "scale": "year"}}), "scale"),
    (was_scan_schedule, dict(SCHEDULE, send_mail=False, send_mail_from_address_option="owner"), "send_mail"),
    (was_option_profile, {"name": "x", "ca_path": "/nonexistent/ca.pem"}, "ca_path"),
    (was_option_profile, {"name": "x", "timeout": 0}, "timeout"),
]


@pytest.fixture(scope="module", name="sim")
def sim_fixture(module_simulators):
    return module_simulators()


def assert_refused_without_calls(sim, module, args, option):
    before = sim.stats()["total"]
    result = run_module(module.main, sim.url, args)
    assert result.get("failed"), "accepted: %r" % (args,)
    assert option in result["msg"], result["msg"]
    assert result.get("api_calls", 0) == 0 and sim.stats()["total"] == before, result


@pytest.mark.parametrize("module, args, option", CASES, ids=[case[2] + str(index) for index, case in enumerate(CASES)])
def test_invalid_choice_or_value(sim, module, args, option):
    assert_refused_without_calls(sim, module, args, option)


OUTSIDE = {
    "num_of_http_threads": st.one_of(st.integers(max_value=0), st.integers(min_value=11)),
    "delay_between_requests": st.one_of(st.integers(max_value=-1), st.integers(min_value=2001)),
}


@EXAMPLES
@given(threads=OUTSIDE["num_of_http_threads"])
def test_threads_out_of_range(sim, threads):
    args = {"name": "x", "custom_performance": {"num_of_http_threads": threads, "delay_between_requests": 0}}
    assert_refused_without_calls(sim, was_option_profile, args, "num_of_http_threads")


@EXAMPLES
@given(delay=OUTSIDE["delay_between_requests"])
def test_delay_out_of_range(sim, delay):
    args = {"name": "x", "custom_performance": {"num_of_http_threads": 1, "delay_between_requests": delay}}
    assert_refused_without_calls(sim, was_option_profile, args, "delay_between_requests")


@EXAMPLES
@given(day=st.one_of(st.integers(max_value=0), st.integers(min_value=32)))
def test_day_of_month_out_of_range(sim, day):
    scheduling = {
        "start_date": FAR_FUTURE,
        "occurrence_type": "monthly",
        "monthly_occurrence": {"day_nb_in_month": {"day_nb": day, "every_n_months": 1}},
    }
    assert_refused_without_calls(sim, was_scan_schedule, dict(SCHEDULE, scheduling=scheduling), "day_nb")
