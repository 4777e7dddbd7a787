# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every validation rule, each answered with the service's error shape. Each test fails if its rule goes."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import (
    FUTURE,
    WEEKLY,
    custom_performance,
    option_profile,
    schedule,
)
from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria


def assert_refused(reply, code, *words):
    assert reply.status == 200
    assert reply.code == code, reply.body.decode()
    message = " ".join(part or "" for part in reply.error)
    for word in words:
        assert word in message, message


# Request structure and types: INVALID_XML


def test_doctype_and_entities_refused(api):
    body = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "boom">]><ServiceRequest><data>&x;</data></ServiceRequest>'

    assert_refused(api.qps("search", "webapp", body=body), "INVALID_XML", "DOCTYPE")


def test_malformed_xml_refused(api):
    assert_refused(api.qps("search", "webapp", body=b"<ServiceRequest><filters>"), "INVALID_XML", "not well-formed")


def test_unknown_element_in_data_refused(api):
    reply = api.create("optionprofile", option_profile(extra="<speed>FAST</speed>"))

    assert_refused(reply, "INVALID_XML", "'speed'", "OptionProfile")


def test_unknown_nested_element_refused(api):
    reply = api.create("wasscanschedule", schedule(extra="<notification><colour>red</colour></notification>"))

    assert_refused(reply, "INVALID_XML", "'colour'", "WasScanSchedule/notification")


def test_unknown_request_part_refused(api):
    reply = api.qps("search", "webapp", body=b"<ServiceRequest><sorting>id</sorting></ServiceRequest>")

    assert_refused(reply, "INVALID_XML", "'sorting'")


def test_unknown_preference_refused(api):
    assert_refused(api.search("webapp", preferences="<pageSize>5</pageSize>"), "INVALID_XML", "'pageSize'")


def test_read_only_list_refused_in_requests(api):
    reply = api.create("optionprofile", option_profile(extra="<tags><list><Tag><id>12017424</id></Tag></list></tags>"))

    assert_refused(reply, "INVALID_XML", "'list'")


def test_wrong_root_element_refused(api):
    assert_refused(api.qps("search", "webapp", body=b"<Request/>"), "INVALID_XML", "ServiceRequest")


def test_wrong_data_object_refused(api):
    assert_refused(api.create("wasscanschedule", option_profile()), "INVALID_XML", "WasScanSchedule")


def test_integer_type_checked(api):
    reply = api.create("optionprofile", option_profile(extra="<maxCrawlRequests>many</maxCrawlRequests>"))

    assert_refused(reply, "INVALID_XML", "'many'", "maxCrawlRequests", "Long")


def test_keyword_type_checked(api):
    reply = api.create("optionprofile", option_profile(extra="<performance>EXTREME</performance>"))

    assert_refused(reply, "INVALID_XML", "EXTREME", "LOW, MEDIUM, HIGH")


def test_day_order_accepted_only_by_name(api):
    monthly = WEEKLY.replace("WEEKLY", "MONTHLY").partition("<occurrence>")[0] + (
        "<occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth><dayOrder>-1</dayOrder>"
        "<dayOfMonth>SUNDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>"
        "</monthlyOccurrence></occurrence>"
    )

    assert_refused(api.create("wasscanschedule", schedule(scheduling=monthly)), "INVALID_XML", "dayOrder", "FIRST")


def test_occurrence_takes_one_kind(api):
    both = WEEKLY.replace("</occurrence>", "<dailyOccurrence><everyNDays>1</everyNDays></dailyOccurrence></occurrence>")

    assert_refused(api.create("wasscanschedule", schedule(scheduling=both)), "INVALID_XML", "occurrence")


# Option profiles: INVALID_REQUEST


@pytest.mark.parametrize("threads", [0, 11])
def test_custom_intensity_threads_range(api, threads):
    reply = api.create("optionprofile", option_profile(extra=custom_performance(threads, 0)))

    assert_refused(reply, "INVALID_REQUEST", "numOfHttpThreads", "1 and 10")


@pytest.mark.parametrize("delay", [-1, 2001])
def test_custom_intensity_delay_range(api, delay):
    reply = api.create("optionprofile", option_profile(extra=custom_performance(1, delay)))

    assert_refused(reply, "INVALID_REQUEST", "delayBetweenRequests", "0 and 2000 milliseconds")


@pytest.mark.parametrize("threads, delay", [(1, 0), (10, 2000)])
def test_custom_intensity_range_ends_accepted(api, threads, delay):
    reply = api.create("optionprofile", option_profile(extra=custom_performance(threads, delay)))

    assert reply.code == "SUCCESS"


def test_custom_intensity_needs_both_values(api):
    custom = custom_performance(3, 0).replace("<delayBetweenRequests>0</delayBetweenRequests>", "")

    assert_refused(api.create("optionprofile", option_profile(extra=custom)), "INVALID_REQUEST", "delayBetweenRequests")


def test_performance_and_custom_performance_exclusive(api):
    both = "<performance>HIGH</performance>" + custom_performance(3, 10)

    assert_refused(api.create("optionprofile", option_profile(extra=both)), "INVALID_REQUEST", "mutually exclusive")


def test_option_profile_names_unique_on_create(api):
    reply = api.create("optionprofile", option_profile("Initial WAS Options"))

    assert_refused(reply, "INVALID_REQUEST", "Option profile with name 'Initial WAS Options' already exists.")


def test_option_profile_names_unique_on_update(api):
    reply = api.update("optionprofile", 1071133, option_profile("Initial WAS Options"))

    assert_refused(reply, "INVALID_REQUEST", "already exists")


def test_option_profile_needs_a_name(api):
    assert_refused(api.create("optionprofile", "<OptionProfile/>"), "INVALID_REQUEST", "OptionProfile/name")


def test_option_profile_tags_must_exist(api):
    reply = api.create("optionprofile", option_profile(extra="<tags><set><Tag><id>999</id></Tag></set></tags>"))

    assert_refused(reply, "INVALID_REQUEST", "Tag with id 999 does not exist")


def test_option_profile_parameter_set_must_exist(api):
    reply = api.create("optionprofile", option_profile(extra="<parameterSet><id>4242</id></parameterSet>"))

    assert_refused(reply, "INVALID_REQUEST", "ParameterSet with id 4242 does not exist")


# Schedules: INVALID_REQUEST


def test_schedule_target_needs_web_apps_or_tags(api):
    reply = api.create("wasscanschedule", schedule(target="<scannerAppliance><type>EXTERNAL</type></scannerAppliance>"))

    assert_refused(reply, "INVALID_REQUEST", "target must have at least tags or web applications")


def test_schedule_target_with_excluded_tags_only_is_refused(api):
    tag_list = "<tagList><set><Tag><id>12017228</id></Tag></set></tagList>"
    excluded = f"<tags><excluded><option>ANY</option>{tag_list}</excluded></tags>"

    assert_refused(api.create("wasscanschedule", schedule(target=excluded)), "INVALID_REQUEST", "target must have")


@pytest.mark.parametrize(
    "part, label",
    [
        ("<webApps><set><WebApp><id>1</id></WebApp></set></webApps>", "WebApp"),
        ("<webApp><id>1</id></webApp>", "WebApp"),
        (
            "<tags><included><option>ANY</option><tagList><set><Tag><id>1</id></Tag></set></tagList></included></tags>",
            "Tag",
        ),
    ],
)
def test_schedule_targets_must_exist(api, part, label):
    assert_refused(
        api.create("wasscanschedule", schedule(target=part)), "INVALID_REQUEST", f"{label} with id 1 does not"
    )


def test_schedule_auth_record_must_exist(api):
    target = "<webApp><id>4331923</id></webApp><webAppAuthRecord><id>1</id></webAppAuthRecord>"

    reply = api.create("wasscanschedule", schedule(target=target))

    assert_refused(reply, "INVALID_REQUEST", "WebAppAuthRecord with id 1 does not exist")


def test_schedule_profile_must_exist(api):
    reply = api.create("wasscanschedule", schedule(profile="<profile><id>1</id></profile>"))

    assert_refused(reply, "INVALID_REQUEST", "OptionProfile with id 1 does not exist")


def test_schedule_profile_by_unknown_name_refused(api):
    reply = api.create("wasscanschedule", schedule(profile="<profile><name>No such profile</name></profile>"))

    assert_refused(reply, "INVALID_REQUEST", "No such profile")


def test_schedule_profile_required_without_web_app_default(api):
    reply = api.create("wasscanschedule", schedule(profile=""))

    assert_refused(reply, "INVALID_REQUEST", "profile is required")


def test_schedule_profile_optional_with_web_app_default(api):
    reply = api.create("wasscanschedule", schedule(target="<webApp><id>4331925</id></webApp>", profile=""))

    assert reply.code == "SUCCESS"


def test_schedule_start_date_in_the_past_refused_on_create(api):
    past = WEEKLY.replace(FUTURE, "2020-01-06T10:00:00Z")

    assert_refused(
        api.create("wasscanschedule", schedule(scheduling=past)),
        "INVALID_REQUEST",
        "Start Time cannot be before current time",
    )


def test_schedule_start_date_checked_against_the_simulated_clock(api):
    api.control("POST", "clock", {"now": "2031-02-01T00:00:00Z"})

    assert_refused(api.create("wasscanschedule", schedule()), "INVALID_REQUEST", "Start Time")


def test_schedule_time_zone_must_exist(api):
    reply = api.create("wasscanschedule", schedule(scheduling=WEEKLY.replace("America/Vancouver", "Mars/Olympus")))

    assert_refused(reply, "INVALID_REQUEST", "Mars/Olympus")


def test_schedule_occurrence_must_match_its_type(api):
    reply = api.create(
        "wasscanschedule", schedule(scheduling=WEEKLY.replace("<occurrenceType>WEEKLY", "<occurrenceType>DAILY"))
    )

    assert_refused(reply, "INVALID_REQUEST", "occurrenceType DAILY needs scheduling/occurrence/dailyOccurrence")


def test_schedule_needs_a_start_date(api):
    reply = api.create(
        "wasscanschedule", schedule(scheduling=WEEKLY.partition("<timeZone>")[0].replace("startDate", "cancelTime"))
    )

    assert_refused(reply, "INVALID_REQUEST", "scheduling/startDate")


def test_schedule_sender_option_refused_without_send_mail(api):
    extra = "<sendMail>false</sendMail><sendMailFromAddressOption>OWNER</sendMailFromAddressOption>"

    assert_refused(api.create("wasscanschedule", schedule(extra=extra)), "INVALID_REQUEST", "sendMail is true")


def test_schedule_sender_option_kept_with_send_mail(api):
    extra = "<sendMailFromAddressOption>OWNER</sendMailFromAddressOption>"

    reply = api.create("wasscanschedule", schedule(extra=extra))

    assert reply.records[0].findtext("sendMailFromAddressOption") == "OWNER"


def test_schedule_send_mail_defaults_to_true(api):
    created = api.create("wasscanschedule", schedule()).records[0]

    assert (created.findtext("sendMail"), created.findtext("sendOneMail")) == ("true", "false")
    assert created.find("sendMailFromAddressOption") is None


def test_schedule_send_one_mail_ignored_without_send_mail(api):
    extra = "<sendMail>false</sendMail><sendOneMail>true</sendOneMail>"

    created = api.create("wasscanschedule", schedule(extra=extra)).records[0]

    assert (created.findtext("sendMail"), created.findtext("sendOneMail")) == ("false", "false")


def test_schedule_send_one_mail_kept_with_send_mail(api):
    created = api.create("wasscanschedule", schedule(extra="<sendOneMail>true</sendOneMail>")).records[0]

    assert created.findtext("sendOneMail") == "true"


# Search requests: INVALID_REQUEST


@pytest.mark.parametrize("limit", [0, 1001])
def test_limit_results_range(api, limit):
    reply = api.search("webapp", preferences=f"<limitResults>{limit}</limitResults>")

    assert_refused(reply, "INVALID_REQUEST", "limitResults", "1 and 1000")


def test_limit_results_upper_end_accepted(api):
    assert api.search("webapp", preferences="<limitResults>1000</limitResults>").code == "SUCCESS"


def test_offset_starts_at_one(api):
    assert_refused(
        api.search("webapp", preferences="<startFromOffset>0</startFromOffset>"), "INVALID_REQUEST", "startFromOffset"
    )


def test_unknown_criteria_field_refused(api):
    reply = api.search("wasscanschedule", criteria("colour", "EQUALS", "red"))

    assert_refused(reply, "INVALID_REQUEST", "'colour'", "webApp.id")


def test_operator_must_suit_the_field(api):
    reply = api.search("wasscanschedule", criteria("id", "CONTAINS", "69"))

    assert_refused(reply, "INVALID_REQUEST", "CONTAINS", "'id'", "GREATER")


def test_keyword_criteria_values_checked(api):
    reply = api.search("wasscanschedule", criteria("type", "EQUALS", "FAST"))

    assert_refused(reply, "INVALID_REQUEST", "'type' (FAST)", "VULNERABILITY, DISCOVERY")


def test_date_criteria_values_checked(api):
    reply = api.search("optionprofile", criteria("createdDate", "GREATER", "yesterday"))

    assert_refused(reply, "INVALID_REQUEST", "'createdDate' (yesterday)", "Date")


# URLs, methods and permissions


def test_non_numeric_id_is_an_invalid_url(api):
    assert_refused(api.get("wasscanschedule", "abc"), "INVALID_URL", "'abc'")


@pytest.mark.parametrize("operation", ["get", "update", "delete", "activate", "deactivate"])
def test_unknown_id_is_an_invalid_request(api, operation):
    method = "GET" if operation == "get" else "POST"
    body = (
        schedule().join(("<ServiceRequest><data>", "</data></ServiceRequest>")).encode()
        if operation == "update"
        else b""
    )

    reply = api.qps(operation, "wasscanschedule", 123, body=body, method=method)

    assert_refused(reply, "INVALID_REQUEST", "WasScanSchedule with id 123 does not exist or is not accessible.")


def test_get_needs_an_id(api):
    assert_refused(api.qps("get", "optionprofile", method="GET"), "INVALID_URL", "id")


def test_search_takes_no_id(api):
    assert_refused(api.qps("search", "optionprofile", 1071133), "INVALID_URL", "no id")


def test_delete_needs_an_id_or_filters(api):
    assert_refused(api.qps("delete", "optionprofile"), "INVALID_REQUEST", "filters")


def test_wrong_method_refused(api):
    assert_refused(api.qps("create", "optionprofile", method="GET"), "OPERATION_NOT_SUPPORTED", "GET", "POST")


def test_operation_the_object_lacks_refused(api):
    assert_refused(api.qps("activate", "webapp", 4331923), "OPERATION_NOT_SUPPORTED", "activate", "WebApp")


@pytest.mark.parametrize("path", ["/qps/rest/3.0/search/was/scanner", "/qps/rest/2.0/search/was/webapp", "/qps/rest/x"])
def test_unknown_urls_refused(api, path):
    assert_refused(api.request("POST", path, headers=api.headers()), "INVALID_URL")
