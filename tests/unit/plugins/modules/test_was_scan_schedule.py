# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import copy
from datetime import datetime, timezone
from xml.etree import ElementTree

import pytest
import yaml

from ansible_collections.qualys.was.plugins.module_utils import resource
from ansible_collections.qualys.was.plugins.module_utils.fields import camel
from ansible_collections.qualys.was.plugins.modules import was_scan_schedule
from ansible_collections.qualys.was.tests.unit.fakes import (
    id_of,
    error_response,
    CONNECTION,
    Reply,
    data_file,
    id_response,
    run_module,
    service_response,
    xml_tree,
)

CONNECTION_OPTIONS = ("platform", "username", "password", "api_url")
EXAMPLES = yaml.safe_load(was_scan_schedule.EXAMPLES)
SEED_TASKS = yaml.safe_load(data_file("seeds", "seed000-tasks.yml"))
# The seed's creates start a few hours after the instant its responses were made.
SEED_NOW = datetime(2017, 6, 13, 10, 52, 7, tzinfo=timezone.utc)
EMPTY = service_response("WasScanSchedule", [])
WEB_APP_SEED = data_file("seeds", "seed000-create-webapps-response.xml")
TAG_SEED = data_file("seeds", "seed000-create-tags-response.xml")
SEED_TAGS = service_response(
    "Tag", ["<id>12017228</id><name>Internet Facing</name>", "<id>12017424</id><name>Production</name>"]
)
SCHEDULE_ID = 697193


def at_fake_server(options):
    """A copy of a task's options that connects to the fake server."""
    args = {key: value for key, value in copy.deepcopy(options).items() if key not in CONNECTION_OPTIONS}
    return dict(args, **CONNECTION)


def example_args(index):
    """Seed 000's request ``index`` as a task; the module's examples follow it, starting in the future."""
    return at_fake_server(SEED_TASKS[index])


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_scan_schedule.main, args, replies, monkeypatch, capsys, **flags)


def sent(request, path="."):
    """An element of the WasScanSchedule a request sent, as ``xml_tree`` pictures it."""
    element = ElementTree.fromstring(request.body).find("data/WasScanSchedule/" + path)
    assert element is not None, "the request has no %s" % path
    return xml_tree(ElementTree.tostring(element))


def sent_options(request):
    """The top-level elements of the WasScanSchedule a request sent."""
    return sorted(child.tag for child in ElementTree.fromstring(request.body).find("data/WasScanSchedule"))


def criteria(request):
    element = ElementTree.fromstring(request.body).find("filters/Criteria")
    return element.get("field"), element.get("operator"), element.text


# The seed samples ---------------------------------------------------------------------------------


def test_the_web_app_example_sends_the_seed_request(monkeypatch, capsys):
    monkeypatch.setattr(resource, "utc_now", lambda: SEED_NOW)
    result, session = run(example_args(0), [Reply(EMPTY), Reply(WEB_APP_SEED)], monkeypatch, capsys)
    assert session.operations == ["search/wasscanschedule", "create/wasscanschedule"]
    assert xml_tree(session.requests[1].body) == xml_tree(data_file("seeds", "seed000-create-webapps-request.xml"))
    assert result["changed"] is True and result["api_calls"] == 2
    assert (result["schedule"]["id"], result["schedule"]["multi"]) == (SCHEDULE_ID, True)


def test_the_tag_example_resolves_each_tag_name_with_one_exact_search_and_sends_the_seed_request(monkeypatch, capsys):
    monkeypatch.setattr(resource, "utc_now", lambda: SEED_NOW)
    replies = [Reply(SEED_TAGS), Reply(SEED_TAGS), Reply(EMPTY), Reply(TAG_SEED)]
    result, session = run(example_args(1), replies, monkeypatch, capsys)
    assert session.operations == ["search/tag", "search/tag", "search/wasscanschedule", "create/wasscanschedule"]
    assert session.requests[0].url.endswith("/qps/rest/2.0/search/am/tag")
    assert [criteria(request) for request in session.requests[:2]] == [
        ("name", "EQUALS", "Internet Facing"),
        ("name", "EQUALS", "Production"),
    ]
    assert xml_tree(session.requests[3].body) == xml_tree(data_file("seeds", "seed000-create-tags-request.xml"))
    assert result["changed"] is True and result["api_calls"] == 4


def test_the_web_app_example_is_ok_against_the_seed_response_in_one_call(monkeypatch, capsys):
    result, session = run(example_args(0), [Reply(WEB_APP_SEED)], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 1
    assert criteria(session.requests[0]) == ("name", "EQUALS", "MultiSchedule_1497351121650")


def test_a_task_equal_to_the_seed_tag_response_is_ok(monkeypatch, capsys):
    # The seed's response names the schedule differently and stores ANY where the request sent ALL.
    args = example_args(1)
    args["name"] = "Schedule a multi scan for multiple web apps"
    args["target"]["tags"]["included"]["option"] = "any"
    result, session = run(args, [Reply(SEED_TAGS), Reply(SEED_TAGS), Reply(TAG_SEED)], monkeypatch, capsys)
    assert result["changed"] is False
    assert session.operations == ["search/tag", "search/tag", "search/wasscanschedule"]


def test_the_seed_response_is_returned_in_the_shape_of_the_options(monkeypatch, capsys):
    result, result_session = run(
        dict(CONNECTION, name="MultiSchedule_1497351121650"), [Reply(WEB_APP_SEED)], monkeypatch, capsys
    )
    john = {"id": 2911477, "username": "john_doe", "first_name": "John", "last_name": "Doe"}
    assert result["schedule"] == {
        "id": SCHEDULE_ID,
        "name": "MultiSchedule_1497351121650",
        "type": "vulnerability",
        "active": False,
        "multi": True,
        "profile": {"id": 1071133, "name": "My Option Profile - with defaults 1497351048931"},
        "target": {
            "web_app": None,
            "web_apps": [
                {"id": 4331923, "name": "web app 1497351058103"},
                {"id": 4331924, "name": "web app 1497351100446"},
            ],
            "tags": None,
            "web_app_auth_record": {"id": 583957, "name": "Form and Server]149735111801"},
            "use_default_auth_record": None,
            "scanner_appliance": {"type": "external", "friendly_name": None},
            "scanner_tags": [],
            "cancel_option": "specific",
            "auth_record_option": "default",
            "profile_option": "specific",
            "scanner_option": "default",
            "randomize_scan": True,
            "use_dns_override": True,
        },
        "progressive_scanning": "default",
        "scheduling": {
            "start_date": "2017-06-13T21:51:00Z",
            "time_zone": {"code": "America/Vancouver", "offset": "-07:00"},
            "occurrence_type": "weekly",
            "daily_occurrence": None,
            "weekly_occurrence": {"every_n_weeks": 2, "on_days": ["saturday"], "occurrence_count": 20},
            "monthly_occurrence": None,
            "cancel_after_n_hours": 8,
        },
        "notification": {
            "active": True,
            "reschedule": True,
            "delay": {"nb": 1, "scale": "day"},
            "message_text": "A scan is scheduled to start soon.",
            "recipients": [],
        },
        "send_mail": True,
        "send_one_mail": False,
        "send_mail_from_address_option": None,
        "enable_waf_auth": False,
        "launched_count": 0,
        "owner": john,
        "created_date": "2017-06-13T10:52:07Z",
        "created_by": john,
        "updated_date": "2017-06-13T10:52:09Z",
        "updated_by": john,
    }


def test_tags_come_back_without_names_and_in_a_list(monkeypatch, capsys):
    result, result_session = run(dict(CONNECTION, id=699795), [Reply(TAG_SEED)], monkeypatch, capsys)
    assert result["schedule"]["target"]["web_apps"] == []
    assert result["schedule"]["target"]["tags"] == {
        "included": {"option": "any", "tag_list": [{"id": 12017424, "name": None}, {"id": 12017228, "name": None}]},
        "excluded": {"option": "any", "tag_list": [{"id": 12017228, "name": None}]},
    }


# Round-trip normalisation -------------------------------------------------------------------------


def seed_task(**changes):
    """The first seed example with some options replaced; ``__`` in a key reaches into a group."""
    args = example_args(0)
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = args
        for parent in parents:
            node = node[parent]
        node[leaf] = value
    return args


@pytest.mark.parametrize(
    "changes",
    [
        {"scheduling__start_date": "2017-06-13T21:51:05Z"},  # Qualys keeps minutes only
        {"scheduling__start_date": "2017-06-13T14:51:57-07:00"},  # the same instant in the local offset
        {"scheduling__time_zone": {"code": "America/Vancouver", "offset": "+00:00"}},  # computed by Qualys
        {"scheduling__weekly_occurrence__on_days": ["saturday"]},
        {"target__web_apps": ["4331924", {"id": 4331923}]},  # order, and the forms of an id
        {"profile": {"id": 1071133, "name": "My Option Profile - with defaults 1497351048931"}},  # a returned value
        {"notification__message_text": "A scan is scheduled to start soon.\n"},
    ],
)
def test_equal_after_normalisation_is_ok(changes, monkeypatch, capsys):
    result, result_session = run(seed_task(**changes), [Reply(WEB_APP_SEED)], monkeypatch, capsys)
    assert result["changed"] is False, result


@pytest.mark.parametrize(
    "changes, changed_option",
    [
        ({"scheduling__start_date": "2017-06-13T21:52:00Z"}, "scheduling"),
        ({"scheduling__time_zone": {"code": "UTC"}}, "scheduling"),
        ({"scheduling__weekly_occurrence__on_days": ["saturday", "sunday"]}, "scheduling"),
        ({"target__web_apps": [4331923]}, "target"),
        ({"target__randomize_scan": False}, "target"),
        ({"notification__delay": {"nb": 2, "scale": "day"}}, "notification"),
        ({"profile": 1071134}, "profile"),
        ({"progressive_scanning": "enabled"}, "progressive_scanning"),
        ({"send_one_mail": True}, "send_one_mail"),
    ],
)
def test_a_difference_is_an_update_of_that_option_only(changes, changed_option, monkeypatch, capsys):
    result, session = run(
        seed_task(**changes),
        [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))],
        monkeypatch,
        capsys,
    )
    assert result["changed"] is True and result["api_calls"] == 2
    assert session.requests[1].url.endswith("/update/was/wasscanschedule/%d" % SCHEDULE_ID)
    assert sent_options(session.requests[1]) == [camel(changed_option)]


def test_web_apps_given_by_name_cost_one_search_each(monkeypatch, capsys):
    first = service_response("WebApp", ["<id>4331923</id><name>web app 1497351058103</name>"])
    second = service_response("WebApp", ["<id>4331924</id><name>web app 1497351100446</name>"])
    task = seed_task(target__web_apps=["web app 1497351058103", {"name": "web app 1497351100446"}])
    result, session = run(task, [Reply(first), Reply(second), Reply(WEB_APP_SEED)], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 3
    assert session.operations == ["search/webapp", "search/webapp", "search/wasscanschedule"]
    assert criteria(session.requests[1]) == ("name", "EQUALS", "web app 1497351100446")


# The options the seeds do not show ----------------------------------------------------------------

STORED = """<id>700001</id><name><![CDATA[Nightly]]></name><active>true</active><multi>true</multi>
<type>DISCOVERY</type>
<target><webApps><list><WebApp><id>4331923</id><name><![CDATA[web app 1497351058103]]></name></WebApp></list></webApps>
<scannerAppliance><type>INTERNAL</type><friendlyName><![CDATA[dc-scanner-2]]></friendlyName></scannerAppliance></target>
<progressiveScanning>ENABLED</progressiveScanning>
<scheduling><startDate>2030-01-07T01:00:00Z</startDate><timeZone><code>UTC</code><offset>+00:00</offset></timeZone>
{scheduling}<cancelAfterNHours>4</cancelAfterNHours></scheduling>
<notification><active>true</active><recipients><count>2</count><list>
<EmailAddress><![CDATA[ops@example.com]]></EmailAddress><EmailAddress><![CDATA[appsec@example.com]]></EmailAddress>
</list></recipients></notification>
<launchedCount>3</launchedCount><sendMail>true</sendMail><sendOneMail>true</sendOneMail>
<sendMailFromAddressOption>OWNER</sendMailFromAddressOption><enableWAFAuth>true</enableWAFAuth>"""

OTHER_OPTIONS = {
    "name": "Nightly",
    "type": "discovery",
    "active": True,
    "target": {"web_apps": [4331923], "scanner_appliance": {"type": "internal", "friendly_name": "dc-scanner-2"}},
    "progressive_scanning": "enabled",
    "notification": {"active": True, "recipients": ["appsec@example.com", "ops@example.com"]},
    "send_mail": True,
    "send_one_mail": True,
    "send_mail_from_address_option": "owner",
    "enable_waf_auth": True,
}

# (task's recurrence, the XML it sends, the XML Qualys returns for it when that differs)
RECURRENCES = {
    "once": ({"occurrence_type": "once"}, "<occurrenceType>ONCE</occurrenceType>", None),
    "daily": (
        {"occurrence_type": "daily", "daily_occurrence": {"every_n_days": 1, "occurrence_count": 7}},
        "<occurrenceType>DAILY</occurrenceType><occurrence><dailyOccurrence><everyNDays>1</everyNDays>"
        "<occurrenceCount>7</occurrenceCount></dailyOccurrence></occurrence>",
        None,
    ),
    "monthly on a day number": (
        {
            "occurrence_type": "monthly",
            "monthly_occurrence": {"day_nb_in_month": {"day_nb": 15, "every_n_months": 2}, "occurrence_count": 6},
        },
        "<occurrenceType>MONTHLY</occurrenceType><occurrence><monthlyOccurrence><monthlyType><occurDayNbInMonth>"
        "<dayNb>15</dayNb><everyNMonths>2</everyNMonths></occurDayNbInMonth></monthlyType>"
        "<occurrenceCount>6</occurrenceCount></monthlyOccurrence></occurrence>",
        None,
    ),
    "monthly on the last friday": (
        {
            "occurrence_type": "monthly",
            "monthly_occurrence": {
                "day_order_in_month": {"day_order": "last", "day_of_month": "friday", "every_n_months": 1}
            },
        },
        "<occurrenceType>MONTHLY</occurrenceType><occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth>"
        "<dayOrder>LAST</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>1</everyNMonths>"
        "</occurDayOrderInMonth></monthlyType></monthlyOccurrence></occurrence>",
        # Qualys reports the order as a number
        "<occurrenceType>MONTHLY</occurrenceType><occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth>"
        "<dayOrder>-1</dayOrder><dayOfMonth>FRIDAY</dayOfMonth><everyNMonths>1</everyNMonths>"
        "</occurDayOrderInMonth></monthlyType></monthlyOccurrence></occurrence>",
    ),
}


def other_task(recurrence):
    scheduling = {"start_date": "2030-01-07T01:00:00Z", "time_zone": {"code": "UTC"}, "cancel_after_n_hours": 4}
    scheduling.update(RECURRENCES[recurrence][0])
    return dict(copy.deepcopy(OTHER_OPTIONS), scheduling=scheduling, **CONNECTION)


def stored(recurrence):
    options, request, response = RECURRENCES[recurrence]
    return service_response("WasScanSchedule", [STORED.format(scheduling=response or request)])


@pytest.mark.parametrize("recurrence", sorted(RECURRENCES))
def test_every_recurrence_is_sent_as_the_api_nests_it(recurrence, monkeypatch, capsys):
    outcome, session = run(other_task(recurrence), [Reply(EMPTY), Reply(stored(recurrence))], monkeypatch, capsys)
    expected = "<scheduling><startDate>2030-01-07T01:00:00Z</startDate><timeZone><code>UTC</code></timeZone>"
    expected += RECURRENCES[recurrence][1] + "<cancelAfterNHours>4</cancelAfterNHours></scheduling>"
    assert sent(session.requests[1], "scheduling") == xml_tree(expected)


@pytest.mark.parametrize("recurrence", sorted(RECURRENCES))
def test_every_recurrence_round_trips_to_ok(recurrence, monkeypatch, capsys):
    result, result_session = run(other_task(recurrence), [Reply(stored(recurrence))], monkeypatch, capsys)
    assert result["changed"] is False, result


def test_a_single_app_schedule_names_its_web_app_alone(monkeypatch, capsys):
    task = dict(other_task("once"), target={"web_app": 4331925})
    record = STORED.format(scheduling=RECURRENCES["once"][1]).replace(
        "<webApps><list><WebApp><id>4331923</id>", "<webApp><id>4331925</id>"
    )
    record = record.replace("</WebApp></list></webApps>", "</webApp>").replace("<multi>true", "<multi>false")
    result, session = run(
        task, [Reply(EMPTY), Reply(service_response("WasScanSchedule", [record]))], monkeypatch, capsys
    )
    assert sent(session.requests[1], "target") == xml_tree("<target><webApp><id>4331925</id></webApp></target>")
    assert result["schedule"]["target"]["web_app"] == {"id": 4331925, "name": "web app 1497351058103"}
    assert (result["schedule"]["target"]["web_apps"], result["schedule"]["multi"]) == ([], False)


def test_the_options_the_seeds_do_not_show_are_sent_as_the_api_names_them(monkeypatch, capsys):
    outcome, session = run(other_task("once"), [Reply(EMPTY), Reply(stored("once"))], monkeypatch, capsys)
    request = ElementTree.fromstring(session.requests[1].body).find("data/WasScanSchedule")
    request.remove(request.find("scheduling"))
    assert xml_tree(ElementTree.tostring(request)) == xml_tree(
        """<WasScanSchedule><name>Nightly</name><type>DISCOVERY</type><active>true</active>
        <target><webApps><set><WebApp><id>4331923</id></WebApp></set></webApps>
        <scannerAppliance><type>INTERNAL</type><friendlyName>dc-scanner-2</friendlyName></scannerAppliance></target>
        <progressiveScanning>ENABLED</progressiveScanning>
        <notification><active>true</active><recipients><set><EmailAddress>appsec@example.com</EmailAddress>
        <EmailAddress>ops@example.com</EmailAddress></set></recipients></notification>
        <sendMail>true</sendMail><sendOneMail>true</sendOneMail>
        <sendMailFromAddressOption>OWNER</sendMailFromAddressOption><enableWAFAuth>true</enableWAFAuth>
        </WasScanSchedule>"""
    )


@pytest.mark.parametrize(
    "number, order", [("1", "first"), ("2", "second"), ("3", "third"), ("4", "fourth"), ("5", "last")]
)
def test_a_numeric_day_order_reads_as_its_keyword(number, order, monkeypatch, capsys):
    task = other_task("monthly on the last friday")
    task["scheduling"]["monthly_occurrence"]["day_order_in_month"]["day_order"] = order
    record = STORED.format(scheduling=RECURRENCES["monthly on the last friday"][2].replace("-1", number))
    result, result_session = run(task, [Reply(service_response("WasScanSchedule", [record]))], monkeypatch, capsys)
    assert result["changed"] is False


# Changes, check mode and diff ---------------------------------------------------------------------

MONTHLY = {
    "occurrence_type": "monthly",
    "monthly_occurrence": {"day_order_in_month": {"day_order": "first", "day_of_month": "monday", "every_n_months": 1}},
}


def test_check_mode_predicts_a_new_recurrence_writes_nothing_and_diffs_the_managed_options(monkeypatch, capsys):
    task = dict(CONNECTION, name="MultiSchedule_1497351121650", scheduling=MONTHLY)
    result, session = run(task, [Reply(WEB_APP_SEED)], monkeypatch, capsys, check=True, diff=True)
    assert result["changed"] is True and session.operations == ["search/wasscanschedule"]
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert sorted(before) == sorted(after) == ["name", "scheduling"]
    assert before["scheduling"]["weekly_occurrence"] == {
        "every_n_weeks": 2,
        "on_days": ["saturday"],
        "occurrence_count": 20,
    }
    assert after["scheduling"]["occurrence_type"] == "monthly"
    assert after["scheduling"]["weekly_occurrence"] is None  # a new occurrence type replaces the recurrence
    assert after["scheduling"]["monthly_occurrence"]["day_order_in_month"]["day_order"] == "first"
    assert after["scheduling"]["start_date"] == "2017-06-13T21:51:00Z"  # untouched settings are kept
    unchanged, unchanged_session = run(dict(CONNECTION, id=SCHEDULE_ID), [Reply(WEB_APP_SEED)], monkeypatch, capsys)
    assert result["schedule"]["target"] == unchanged["schedule"]["target"]


def test_a_change_sends_the_whole_recurrence_but_not_the_unchanged_start_date(monkeypatch, capsys):
    # The seed schedule's time zone and cancel setting are not in the task: they are sent as held, so that a server
    # that replaces the scheduling block keeps them; its start date, which may have passed, is not sent.
    task = dict(CONNECTION, name="MultiSchedule_1497351121650", scheduling=MONTHLY)
    result, session = run(
        task, [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))], monkeypatch, capsys, diff=True
    )
    assert result["changed"] is True and result["api_calls"] == 2
    assert sent(session.requests[1], "scheduling") == xml_tree(
        "<scheduling><timeZone><code>America/Vancouver</code></timeZone><occurrenceType>MONTHLY</occurrenceType>"
        "<occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth><dayOrder>FIRST</dayOrder>"
        "<dayOfMonth>MONDAY</dayOfMonth><everyNMonths>1</everyNMonths></occurDayOrderInMonth></monthlyType>"
        "</monthlyOccurrence></occurrence><cancelAfterNHours>8</cancelAfterNHours></scheduling>"
    )
    assert result["schedule"]["scheduling"]["start_date"] == "2017-06-13T21:51:00Z"


def test_a_change_of_one_recurrence_setting_keeps_the_others_the_task_does_not_set(monkeypatch, capsys):
    task = dict(CONNECTION, name="MultiSchedule_1497351121650", scheduling={"cancel_after_n_hours": 4})
    result, session = run(
        task, [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))], monkeypatch, capsys
    )
    weekly = sent(session.requests[1], "scheduling/occurrence/weeklyOccurrence")
    assert weekly == xml_tree(
        "<weeklyOccurrence><everyNWeeks>2</everyNWeeks><onDays><WeekDay>SATURDAY</WeekDay></onDays>"
        "<occurrenceCount>20</occurrenceCount></weeklyOccurrence>"
    )
    assert result["schedule"]["scheduling"]["weekly_occurrence"]["occurrence_count"] == 20


def test_a_refused_update_names_the_start_date_it_did_not_resend(monkeypatch, capsys):
    task = dict(CONNECTION, name="MultiSchedule_1497351121650", scheduling={"cancel_after_n_hours": 4})
    refused = error_response("INVALID_REQUEST", "Required element 'WasScanSchedule/scheduling/startDate' is missing.")
    result, session = run(task, [Reply(WEB_APP_SEED), Reply(refused)], monkeypatch, capsys)
    assert result["failed"] is True
    assert "did not resend scheduling.start_date" in result["msg"] and "set scheduling.start_date" in result["msg"]


DAY_NB = {"day_nb": 1, "every_n_months": 1}
DAY_ORDER = {"day_order": "second", "day_of_month": "monday", "every_n_months": 1}


@pytest.mark.parametrize(
    "stored_as, form, other_form, value",
    [
        ("monthly on the last friday", "day_nb_in_month", "day_order_in_month", DAY_NB),
        ("monthly on a day number", "day_order_in_month", "day_nb_in_month", DAY_ORDER),
    ],
)
def test_switching_the_monthly_form_predicts_the_other_form_gone(
    stored_as, form, other_form, value, monkeypatch, capsys
):
    task = other_task(stored_as)
    task["scheduling"]["monthly_occurrence"] = {form: value}
    result, result_session = run(task, [Reply(stored(stored_as))], monkeypatch, capsys, check=True)
    monthly = result["schedule"]["scheduling"]["monthly_occurrence"]
    assert (monthly[form], monthly[other_form]) == (value, None)


def test_moving_from_web_apps_to_tags_empties_the_web_app_list(monkeypatch, capsys):
    tags = {"included": {"option": "any", "tag_list": [12017424]}}
    task = dict(CONNECTION, id=SCHEDULE_ID, target={"web_apps": [], "tags": tags})
    result, session = run(
        task, [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))], monkeypatch, capsys
    )
    assert sent(session.requests[1], "target") == xml_tree(
        "<target><webApps><set/></webApps><tags><included><option>ANY</option>"
        "<tagList><set><Tag><id>12017424</id></Tag></set></tagList></included></tags></target>"
    )
    target = result["schedule"]["target"]
    assert target["web_apps"] == [] and target["tags"]["included"]["tag_list"] == [{"id": 12017424, "name": None}]
    assert target["web_app_auth_record"]["id"] == 583957  # the rest of the target is kept


@pytest.mark.parametrize("active, operation", [(True, "activate"), (False, "deactivate")])
def test_active_alone_uses_the_activate_and_deactivate_operations(active, operation, monkeypatch, capsys):
    record = WEB_APP_SEED.replace(b"<active>false</active>", b"<active>%s</active>" % str(not active).lower().encode())
    result, session = run(
        dict(CONNECTION, name="MultiSchedule_1497351121650", active=active),
        [Reply(record), Reply(id_response("WasScanSchedule", SCHEDULE_ID))],
        monkeypatch,
        capsys,
    )
    assert result["changed"] is True and result["schedule"]["active"] is active
    assert session.requests[1].url.endswith("/%s/was/wasscanschedule/%d" % (operation, SCHEDULE_ID))


def test_active_with_another_change_goes_in_one_update(monkeypatch, capsys):
    result, session = run(
        seed_task(active=True, type="discovery"),
        [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))],
        monkeypatch,
        capsys,
    )
    assert session.operations[1] == "update/wasscanschedule"
    assert sent_options(session.requests[1]) == ["active", "type"]


def test_absent_deletes_the_schedule_then_is_ok(monkeypatch, capsys):
    task = dict(CONNECTION, name="MultiSchedule_1497351121650", state="absent")
    result, session = run(
        task, [Reply(WEB_APP_SEED), Reply(id_response("WasScanSchedule", SCHEDULE_ID))], monkeypatch, capsys
    )
    assert result["changed"] is True and result["schedule"] == {}
    assert session.requests[1].url.endswith("/delete/was/wasscanschedule/%d" % SCHEDULE_ID)
    again, again_session = run(task, [Reply(EMPTY)], monkeypatch, capsys)
    assert again["changed"] is False and again["api_calls"] == 1


# Validation before any call -----------------------------------------------------------------------

WEEKLY_OCCURRENCE = {"every_n_weeks": 1, "on_days": ["monday"]}


@pytest.mark.parametrize(
    "options, message",
    [
        ({"target": {"randomize_scan": True}}, "target needs web_app, web_apps or tags.included"),
        ({"target": {"web_apps": []}}, "target needs web_app, web_apps or tags.included"),
        (
            {"target": {"tags": {"excluded": {"tag_list": [12017228]}}}},
            "target needs web_app, web_apps or tags.included",
        ),
        ({"target": {"tags": {"included": {"option": "all"}}}}, "missing required arguments: tag_list"),
        (
            {"send_mail": False, "send_mail_from_address_option": "qualys_support"},
            "send_mail_from_address_option needs send_mail: true",
        ),
        (
            {"scheduling": {"occurrence_type": "daily", "weekly_occurrence": WEEKLY_OCCURRENCE}},
            "scheduling.weekly_occurrence needs scheduling.occurrence_type weekly, got daily.",
        ),
        (
            {"scheduling": {"weekly_occurrence": WEEKLY_OCCURRENCE}},
            "scheduling.weekly_occurrence needs scheduling.occurrence_type weekly, got none.",
        ),
        (
            {"scheduling": {"occurrence_type": "once", "daily_occurrence": {"every_n_days": 1}}},
            "scheduling.daily_occurrence needs scheduling.occurrence_type daily, got once.",
        ),
        (
            {"scheduling": {"occurrence_type": "monthly"}},
            "scheduling.occurrence_type monthly needs scheduling.monthly_occurrence.",
        ),
        (
            {
                "scheduling": {
                    "occurrence_type": "monthly",
                    "monthly_occurrence": {
                        "day_nb_in_month": {"day_nb": 1, "every_n_months": 1},
                        "day_order_in_month": {"day_order": "last", "day_of_month": "friday", "every_n_months": 1},
                    },
                }
            },
            "parameters are mutually exclusive: day_nb_in_month|day_order_in_month",
        ),
        (
            {"scheduling": {"occurrence_type": "monthly", "monthly_occurrence": {"occurrence_count": 3}}},
            "one of the following is required: day_nb_in_month, day_order_in_month",
        ),
        (
            {
                "scheduling": {
                    "occurrence_type": "monthly",
                    "monthly_occurrence": {"day_nb_in_month": {"day_nb": 32, "every_n_months": 1}},
                }
            },
            "scheduling.monthly_occurrence.day_nb_in_month.day_nb must be from 1 to 31, got 32",
        ),
        (
            {"scheduling": {"occurrence_type": "weekly", "weekly_occurrence": {"every_n_weeks": 1}}},
            "missing required arguments: on_days",
        ),
        ({"scheduling": {"start_date": "next monday"}}, "scheduling.start_date must be a date-time"),
        ({"scheduling": {"time_zone": {"offset": "-07:00"}}}, "missing required arguments: code"),
        ({"profile": True}, "profile must be a option profile id"),
    ],
)
def test_invalid_input_fails_before_any_call(options, message, monkeypatch, capsys):
    result, session = run(dict(CONNECTION, name="Weekly", **options), [], monkeypatch, capsys)
    assert result["failed"] is True
    assert message in result["msg"]
    assert session.requests == []


@pytest.mark.parametrize(
    "options",
    [
        {"send_one_mail": True},  # an unset send_mail is Qualys's default, true
        {"send_mail": False, "send_one_mail": False},
        {"send_mail": False, "send_one_mail": True},  # ignored by Qualys (seed 000): warned about, not refused
        {"send_mail": True, "send_mail_from_address_option": "owner"},
        {"scheduling": {"occurrence_type": "once", "start_date": "2030-01-01T00:00:00Z"}},
        {"target": {"tags": {"included": {"tag_list": [12017424]}}, "randomize_scan": False}},
    ],
)
def test_valid_combinations_reach_the_server(options, monkeypatch, capsys):
    task = dict(CONNECTION, name="Weekly", target={"web_app": 4331925})
    task.update(options)
    result, session = run(task, [Reply(EMPTY)], monkeypatch, capsys, check=True)
    assert result["changed"] is True and session.operations == ["search/wasscanschedule"]
    ignored = task.get("send_mail") is False and task.get("send_one_mail")
    # ansible-core 2.19 and later return each warning as a structure holding the message
    assert bool(ignored) == any("send_one_mail" in str(warning) for warning in result.get("warnings", []))


def test_a_create_without_a_target_fails_after_the_search_without_writing(monkeypatch, capsys):
    result, session = run(dict(CONNECTION, name="Weekly", type="discovery"), [Reply(EMPTY)], monkeypatch, capsys)
    assert result["failed"] is True and result["api_calls"] == 1
    assert "creating one needs target" in result["msg"]
    assert session.operations == ["search/wasscanschedule"]


@pytest.mark.parametrize(
    "found, message",
    [
        (["<id>12017424</id><name>Production</name>"], "No tag named 'Internet Facing' exists"),
        (
            [
                "<id>12017424</id><name>Production</name>",
                "<id>12017228</id><name>Internet Facing</name>",
                "<id>12017999</id><name>Internet Facing</name>",
            ],
            "'Internet Facing' has ids 12017228, 12017999",
        ),
    ],
)
def test_an_unknown_or_ambiguous_name_fails_before_any_write(found, message, monkeypatch, capsys):
    result, session = run(example_args(1), [Reply(service_response("Tag", found))] * 2, monkeypatch, capsys)
    assert result["failed"] is True and message in result["msg"]
    assert session.operations == ["search/tag", "search/tag"]


# Every example ------------------------------------------------------------------------------------

SEARCHED = {"tag": "Tag", "webapp": "WebApp", "optionprofile": "OptionProfile", "webappauthrecord": "WebAppAuthRecord"}


def a_tenant_for(task):
    """A server on which every referenced name exists once, and the schedule too unless the task creates it."""

    def answer(request):
        kind = request.url.rsplit("/", 1)[1]
        name = criteria(request)[2]
        if kind in SEARCHED:
            return Reply(service_response(SEARCHED[kind], ["<id>%d</id><name>%s</name>" % (id_of(name), name)]))
        if "target" in task:
            return Reply(EMPTY)
        record = "<id>99</id><name>%s</name><target><webApp><id>1</id></webApp></target>" % name
        return Reply(service_response("WasScanSchedule", [record]))

    return answer


EXAMPLE_TASKS = [task for entry in EXAMPLES for task in entry.get("block", [entry])]


@pytest.mark.parametrize("task", EXAMPLE_TASKS, ids=[task["name"] for task in EXAMPLE_TASKS])
def test_every_example_is_valid_and_runs_in_check_mode_without_writing(task, monkeypatch, capsys):
    args = at_fake_server(task["qualys.was.was_scan_schedule"])
    result, session = run(args, [a_tenant_for(args)] * 6, monkeypatch, capsys, check=True)
    assert not result.get("failed"), result["msg"]
    assert all(operation.startswith("search/") for operation in session.operations)
