# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The settings for behaviours the public record leaves open: each variant behaves as described, and differently
from the others. Every test starts from the start-up settings (the ``api`` fixture resets them)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import WEEKLY, option_profile, schedule
from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient, criteria

DEFAULTS = {
    "empty_shape": "b",
    "search_shape": "summary",
    "last_day_order": -1,
    "scheduling_update": "merge",
    "past_start_date": "refuse",
    "name_whitespace": "trim",
    "profile_names": "unique",
    "profile_defaults": "documented",
    "rate_limit": 100000,
    "rate_window": 3600,
    "concurrency_limit": 100,
    "latency": 0.0,
    "expired_token": "http_401",
    "token_lifetime": 14400.0,
    "scan_good_results": "SUCCESSFUL",
    "scan_canceled": "CANCELED",
    "scan_failure_status": "results_status",
    "scan_processing": "results_status",
    "scan_vuln_severity": "absent",
    "scan_multi_launch": "one",
    "scan_multi_target": "as_sent",
    "scan_concurrency": 10,
    "finding_reignore": "update",
    "finding_ignore_rescan": "kept",
    "finding_ignore_response": "ids",
    "report_status": "observed",
    "report_early_download": "http_error",
    "report_error_detail": "message",
    "report_scan_config": "refuse",
    "report_template_shape": "brief",
    "report_duration": 60.0,
    "report_failure": "",
    "report_storage_mb": 200.0,
}
SUMMARY = ["id", "name", "owner", "createdDate", "updatedDate"]


def use(api, **settings):
    status, answer = api.control("POST", "settings", settings)
    assert status == 200, answer


def tags(element):
    return [child.tag for child in element]


def test_defaults(api):
    assert api.control("GET", "settings") == (200, DEFAULTS)


@pytest.mark.parametrize(
    "name, bad",
    [
        ("search_shape", "verbose"),
        ("last_day_order", 0),
        ("last_day_order", "5"),
        ("last_day_order", True),
        ("scheduling_update", "patch"),
        ("past_start_date", "warn"),
        ("name_whitespace", "strip"),
        ("profile_names", "any"),
        ("profile_defaults", "none"),
        ("latency", -1),
        ("latency", "1"),
        ("scan_good_results", "successful"),
        ("scan_processing", "phase"),
        ("scan_concurrency", 0),
        ("report_status", "FINISHED"),
        ("report_duration", 0),
        ("report_duration", "60"),
        ("report_failure", 1),
        ("report_storage_mb", -1),
    ],
)
def test_bad_values_refused(api, name, bad):
    status, answer = api.control("POST", "settings", {name: bad})

    assert (status, name in answer["error"]) == (400, True)
    assert api.control("GET", "settings")[1] == DEFAULTS


def test_reset_restores_start_up_settings(api):
    use(api, search_shape="full", last_day_order=5, latency=0.01)
    api.control("POST", "reset")

    assert api.control("GET", "settings")[1] == DEFAULTS


# search_shape


@pytest.mark.parametrize("obj, object_id", [("wasscanschedule", 697001), ("optionprofile", 1071133)])
@pytest.mark.parametrize("verbose", ["", "<verbose>true</verbose>", "<verbose>false</verbose>"])
def test_summary_search_shape_whatever_verbose_says(api, obj, object_id, verbose):
    found = api.search(obj, criteria("id", "EQUALS", str(object_id)), preferences=verbose).records[0]

    assert tags(found) == SUMMARY
    assert tags(found.find("owner")) == ["id", "username", "firstName", "lastName"]


@pytest.mark.parametrize("obj, object_id", [("wasscanschedule", 697001), ("optionprofile", 1071133)])
def test_full_search_shape_when_verbose(api, obj, object_id):
    use(api, search_shape="full")
    verbose = api.search(obj, criteria("id", "EQUALS", str(object_id)), preferences="<verbose>true</verbose>")
    plain = api.search(obj, criteria("id", "EQUALS", str(object_id)))

    assert tags(verbose.records[0]) == tags(api.get(obj, object_id).records[0])
    assert tags(plain.records[0]) == SUMMARY


@pytest.mark.parametrize("search_shape", ["summary", "full"])
def test_auth_record_search_follows_verbose_in_either_shape(api, search_shape):
    use(api, search_shape=search_shape)
    found = api.search("webappauthrecord", criteria("id", "EQUALS", "583957"), preferences="<verbose>true</verbose>")

    assert tags(found.records[0]) == tags(api.get("webappauthrecord", 583957).records[0])


# last_day_order


@pytest.mark.parametrize("setting, shown", [(-1, "-1"), (5, "5")])
def test_last_day_order(api, setting, shown):
    use(api, last_day_order=setting)
    monthly = api.get("wasscanschedule", 697002).records[0]

    assert (
        monthly.findtext("scheduling/occurrence/monthlyOccurrence/monthlyType/occurDayOrderInMonth/dayOrder") == shown
    )


def test_other_day_orders_are_numbered_one_to_four(api):
    use(api, last_day_order=5)
    scheduling = WEEKLY.split("<occurrenceType>", maxsplit=1)[0] + (
        "<occurrenceType>MONTHLY</occurrenceType><occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth>"
        "<dayOrder>FOURTH</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>1</everyNMonths>"
        "</occurDayOrderInMonth></monthlyType></monthlyOccurrence></occurrence>"
    )
    created = api.create("wasscanschedule", schedule(scheduling=scheduling)).records[0]

    assert created.findtext(".//dayOrder") == "4"


# scheduling_update


def update_scheduling(api, scheduling, object_id=697001):
    return api.update(
        "wasscanschedule", object_id, f"<WasScanSchedule><scheduling>{scheduling}</scheduling></WasScanSchedule>"
    )


def stored_scheduling(api, object_id=697001):
    return api.get("wasscanschedule", object_id).records[0].find("scheduling")


EVERY_TWO_WEEKS = (
    "<occurrence><weeklyOccurrence><everyNWeeks>2</everyNWeeks>"
    "<onDays><WeekDay>FRIDAY</WeekDay></onDays></weeklyOccurrence></occurrence>"
)


def test_merge_keeps_what_an_occurrence_does_not_resend(api):
    assert update_scheduling(api, EVERY_TWO_WEEKS).code == "SUCCESS"
    weekly = stored_scheduling(api).find("occurrence/weeklyOccurrence")

    assert (weekly.findtext("everyNWeeks"), weekly.findtext("occurrenceCount")) == ("2", "52")
    assert stored_scheduling(api).findtext("cancelAfterNHours") == "6"
    assert stored_scheduling(api).findtext("timeZone/code") == "Europe/Paris"


def test_merge_still_switches_a_choice(api):
    daily = "<occurrenceType>DAILY</occurrenceType><occurrence><dailyOccurrence><everyNDays>3</everyNDays>"
    reply = update_scheduling(api, daily + "</dailyOccurrence></occurrence>")

    assert reply.code == "SUCCESS"
    assert tags(stored_scheduling(api).find("occurrence")) == ["dailyOccurrence"]
    assert tags(stored_scheduling(api).find("occurrence/dailyOccurrence")) == ["everyNDays"]


def test_merge_switches_and_keeps_inside_monthly_type(api):
    by_number = (
        "<occurrence><monthlyOccurrence><monthlyType><occurDayNbInMonth><dayNb>15</dayNb>"
        "<everyNMonths>1</everyNMonths></occurDayNbInMonth></monthlyType></monthlyOccurrence></occurrence>"
    )
    assert update_scheduling(api, by_number, 697002).code == "SUCCESS"
    monthly = stored_scheduling(api, 697002).find("occurrence/monthlyOccurrence")

    assert tags(monthly.find("monthlyType")) == ["occurDayNbInMonth"]
    assert monthly.findtext("occurrenceCount") == "12"


def test_replace_needs_the_required_children(api):
    use(api, scheduling_update="replace")
    reply = update_scheduling(api, EVERY_TWO_WEEKS)

    assert reply.code == "INVALID_REQUEST"
    assert reply.error[0] == "Required element 'WasScanSchedule/scheduling/startDate' is missing."


def test_replace_replaces_the_whole_block(api):
    use(api, scheduling_update="replace")
    reply = update_scheduling(api, "<startDate>2031-02-03T04:05:00Z</startDate><occurrenceType>ONCE</occurrenceType>")

    assert reply.code == "SUCCESS"
    assert tags(stored_scheduling(api)) == ["startDate", "timeZone", "occurrenceType"]
    assert stored_scheduling(api).findtext("timeZone/code") == "UTC"


def test_replace_drops_an_occurrence_count_not_resent(api):
    use(api, scheduling_update="replace")
    scheduling = "<startDate>2031-02-03T04:05:00Z</startDate><occurrenceType>WEEKLY</occurrenceType>" + EVERY_TWO_WEEKS

    assert update_scheduling(api, scheduling).code == "SUCCESS"
    assert stored_scheduling(api).find("occurrence/weeklyOccurrence/occurrenceCount") is None


def test_an_update_without_scheduling_keeps_it_under_replace(api):
    use(api, scheduling_update="replace")
    before = api.get("wasscanschedule", 697001).records[0].find("scheduling")

    assert api.update("wasscanschedule", 697001, "<WasScanSchedule><name>x</name></WasScanSchedule>").code == "SUCCESS"
    assert [(e.tag, e.text) for e in stored_scheduling(api).iter()] == [(e.tag, e.text) for e in before.iter()]


# past_start_date


PAST_START = "<startDate>2020-01-01T00:00:00Z</startDate>"


def test_refuse_a_past_start_on_update(api):
    reply = update_scheduling(api, PAST_START)

    assert (reply.code, reply.error[0]) == ("INVALID_REQUEST", "Start Time cannot be before current time")


def test_accept_a_past_start_on_update(api):
    use(api, past_start_date="accept")

    assert update_scheduling(api, PAST_START).code == "SUCCESS"
    assert stored_scheduling(api).findtext("startDate") == "2020-01-01T00:00:00Z"


@pytest.mark.parametrize("past_start_date", ["refuse", "accept"])
def test_a_create_always_refuses_a_past_start(api, past_start_date):
    use(api, past_start_date=past_start_date)
    reply = api.create(
        "wasscanschedule", schedule(scheduling=WEEKLY.replace("2031-01-06T10:00:00Z", "2020-01-01T00:00:00Z"))
    )

    assert reply.error[0] == "Start Time cannot be before current time"


def test_an_update_without_start_date_is_never_checked(api):
    api.control("POST", "clock", {"now": "2035-01-01T00:00:00Z"})  # the stored start is now in the past

    assert update_scheduling(api, "<cancelAfterNHours>3</cancelAfterNHours>").code == "SUCCESS"


# name_whitespace


def create_spaced_profile(api):
    reply = api.create("optionprofile", option_profile("  Spaced profile \n"))
    assert reply.code == "SUCCESS", reply.body
    return reply.ids[0]


def names_matching(api, name):
    return api.search("optionprofile", criteria("name", "EQUALS", name)).ids


def test_trim_strips_a_sent_name(api):
    created = create_spaced_profile(api)

    assert api.get("optionprofile", created).records[0].findtext("name") == "Spaced profile"
    assert names_matching(api, "Spaced profile") == [created]


def test_keep_stores_a_sent_name_as_sent(api):
    use(api, name_whitespace="keep")
    created = create_spaced_profile(api)

    assert api.get("optionprofile", created).records[0].findtext("name") == "  Spaced profile \n"
    assert names_matching(api, "Spaced profile") == []
    assert names_matching(api, "  Spaced profile \n") == [created]


@pytest.mark.parametrize("setting, stored", [("trim", "Renamed"), ("keep", " Renamed ")])
def test_name_whitespace_on_update(api, setting, stored):
    use(api, name_whitespace=setting)
    api.update("wasscanschedule", 697001, "<WasScanSchedule><name> Renamed </name></WasScanSchedule>")

    assert api.get("wasscanschedule", 697001).records[0].findtext("name") == stored


# profile_names


def test_unique_profile_names(api):
    reply = api.create("optionprofile", option_profile("Initial WAS Options"))

    assert reply.error[0] == "Option profile with name 'Initial WAS Options' already exists."


def test_shared_profile_names(api):
    use(api, profile_names="shared")
    created = api.create("optionprofile", option_profile("Initial WAS Options"))

    assert created.code == "SUCCESS"
    assert names_matching(api, "Initial WAS Options") == [1071001, created.ids[0]]


# profile_defaults

DOCUMENTED = {
    "isDefault": "false",
    "formSubmission": "BOTH",
    "maxCrawlRequests": "300",
    "smartScanSupport": "false",
    "performance": "LOW",
    "bruteforceOption": "MINIMAL",
    "timeoutErrorThreshold": "100",
    "unexpectedErrorThreshold": "300",
    "ignoreBinaryFiles": "false",
    "sensitiveContent/creditCardNumber": "false",
    "sensitiveContent/socialSecurityNumber": "false",
    "parameterSet/id": "0",
}
ALTERNATE = {
    **DOCUMENTED,
    "formSubmission": "POST",
    "maxCrawlRequests": "500",
    "smartScanSupport": "true",
    "performance": "MEDIUM",
    "bruteforceOption": "DISABLED",
    "timeoutErrorThreshold": "50",
    "unexpectedErrorThreshold": "100",
    "ignoreBinaryFiles": "true",
    "sensitiveContent/creditCardNumber": "true",
    "sensitiveContent/socialSecurityNumber": "true",
}


@pytest.mark.parametrize("setting, expected", [("documented", DOCUMENTED), ("alternate", ALTERNATE)])
def test_profile_defaults(api, setting, expected):
    use(api, profile_defaults=setting)
    created = api.create("optionprofile", option_profile()).records[0]

    assert {path: created.findtext(path) for path in expected} == expected


def test_alternate_defaults_yield_to_what_is_sent(api):
    use(api, profile_defaults="alternate")
    created = api.create("optionprofile", option_profile(extra="<performance>HIGH</performance>")).records[0]

    assert (created.findtext("performance"), created.findtext("formSubmission")) == ("HIGH", "POST")


# latency


def timed(call):
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_latency_delays_qps_calls_only(api):
    quick = timed(lambda: api.get("webapp", 4331925))
    use(api, latency=0.3)

    assert quick < 0.3
    assert timed(lambda: api.get("webapp", 4331925)) >= 0.3
    assert timed(lambda: api.control("GET", "stats")) < 0.3


def test_latency_holds_the_concurrency_slot(api):
    use(api, latency=0.3, concurrency_limit=1)
    statuses = []
    calls = [threading.Thread(target=lambda: statuses.append(api.get("webapp", 4331925).status)) for _call in range(2)]
    for call in calls:
        call.start()
    for call in calls:
        call.join()

    assert sorted(statuses) == [200, 409]


def test_start_simulator_takes_every_setting():
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    non_default = {name: value for name, value in DEFAULTS.items() if name not in ("rate_limit", "rate_window")}
    non_default.update(empty_shape="a", search_shape="full", last_day_order=5, scheduling_update="replace")
    non_default.update(past_start_date="accept", name_whitespace="keep", profile_names="shared")
    non_default.update(profile_defaults="alternate", concurrency_limit=7, latency=0.01)
    simulator = start_simulator(port=0, **non_default)
    try:
        settings = SimClient(simulator.url).control("GET", "settings")[1]
    finally:
        simulator.stop()

    assert {name: settings[name] for name in non_default} == non_default


def test_every_setting_is_described_in_the_readme():
    from ansible_collections.qualys.was.tests.simulator.settings import (  # pylint: disable=import-outside-toplevel
        Settings,
    )

    readme = (Path(__file__).resolve().parents[2] / "simulator" / "README.md").read_text(encoding="utf-8")
    unsettled = readme.split("### Unsettled behaviours", 1)[1].split("\n### ", 1)[0]
    described = {line.split("`")[1] for line in unsettled.splitlines() if line.startswith("| `")}
    limits = {"rate_limit", "rate_window", "concurrency_limit", "token_lifetime"}

    assert set(Settings().as_dict()) - limits <= described
