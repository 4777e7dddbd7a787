# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Server-side behaviour of schedules that a client must cope with."""

from __future__ import annotations

from ansible_collections.qualys.was.tests.unit.simulator.builders import WEB_APPS, WEEKLY, schedule
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, criteria

MONTHLY = WEEKLY.partition("<occurrenceType>")[0] + (
    "<occurrenceType>MONTHLY</occurrenceType><occurrence><monthlyOccurrence><monthlyType><occurDayOrderInMonth>"
    "<dayOrder>{order}</dayOrder><dayOfMonth>SUNDAY</dayOfMonth><everyNMonths>1</everyNMonths>"
    "</occurDayOrderInMonth></monthlyType><occurrenceCount>3</occurrenceCount></monthlyOccurrence></occurrence>"
)


def test_start_date_kept_to_the_minute(api):
    created = api.create("wasscanschedule", schedule(scheduling=WEEKLY.replace("10:00:00Z", "10:17:42Z")))

    assert created.records[0].findtext("scheduling/startDate") == "2031-01-06T10:17:00Z"


def test_time_zone_offset_computed_by_the_server(api):
    winter = WEEKLY.replace("</code>", "</code><offset>+05:00</offset>")
    summer = winter.replace("2031-01-06", "2031-07-07")

    offsets = [
        api.create("wasscanschedule", schedule(scheduling=s)).records[0].findtext("scheduling/timeZone/offset")
        for s in (winter, summer)
    ]

    assert offsets == ["-08:00", "-07:00"]


def test_time_zone_defaults_to_utc(api):
    created = api.create(
        "wasscanschedule",
        schedule(scheduling=WEEKLY.replace("<timeZone><code>America/Vancouver</code></timeZone>", "")),
    )

    assert created.records[0].findtext("scheduling/timeZone/code") == "UTC"
    assert created.records[0].findtext("scheduling/timeZone/offset") == "+00:00"


def test_day_order_returned_as_a_number(api):
    numbers = [
        api.create("wasscanschedule", schedule(scheduling=MONTHLY.format(order=order)))
        .records[0]
        .findtext("scheduling/occurrence/monthlyOccurrence/monthlyType/occurDayOrderInMonth/dayOrder")
        for order in ("FIRST", "SECOND", "THIRD", "FOURTH", "LAST")
    ]

    assert numbers == ["1", "2", "3", "4", "-1"]


def test_read_only_fields_filled_by_the_server(api):
    sent = schedule(extra="<launchedCount>9</launchedCount><multi>false</multi><owner><id>1</id></owner>")

    created = api.create("wasscanschedule", sent, as_user=EDITOR).records[0]

    assert created.findtext("launchedCount") == "0"
    assert created.findtext("multi") == "true"
    assert created.findtext("owner/username") == "editor"
    assert created.findtext("createdBy/username") == created.findtext("updatedBy/username") == "editor"
    assert created.findtext("createdDate") == created.findtext("updatedDate")


def test_single_web_app_target_is_not_multi(api):
    created = api.create("wasscanschedule", schedule(target="<webApp><id>4331923</id></webApp>")).records[0]

    assert created.findtext("multi") == "false"
    assert created.findtext("target/webApp/name") == "web app 1497351058103"


def test_profile_found_by_name(api):
    created = api.create("wasscanschedule", schedule(profile="<profile><name>Initial WAS Options</name></profile>"))

    assert created.records[0].findtext("profile/id") == "1071001"


def test_update_returns_only_the_id_and_changes_only_what_was_sent(api):
    reply = api.update(
        "wasscanschedule", 697002, "<WasScanSchedule><name>Renamed</name></WasScanSchedule>", as_user=EDITOR
    )

    assert [child.tag for child in reply.records[0]] == ["id"]
    assert reply.xml.findtext("count") == "1"
    after = api.get("wasscanschedule", 697002).records[0]
    assert after.findtext("name") == "Renamed"
    assert after.findtext("notification/message") == "Monthly production sweep starts soon."
    assert after.findtext("updatedBy/username") == "editor"
    assert after.findtext("createdBy/username") == "admin"


def test_notification_recipients_use_set_add_remove(api):
    def recipients(verb, *addresses):
        items = "".join(f"<EmailAddress><![CDATA[{a}]]></EmailAddress>" for a in addresses)
        notification = f"<notification><recipients><{verb}>{items}</{verb}></recipients></notification>"
        api.update("wasscanschedule", 697002, f"<WasScanSchedule>{notification}</WasScanSchedule>")
        node = api.get("wasscanschedule", 697002).records[0].find("notification/recipients")
        return node.findtext("count"), [e.text for e in node.iter("EmailAddress")]

    assert recipients("add", "ops@example.com") == ("2", ["security-team@example.com", "ops@example.com"])
    assert recipients("remove", "security-team@example.com") == ("1", ["ops@example.com"])
    assert recipients("set", "a@example.com", "b@example.com") == ("2", ["a@example.com", "b@example.com"])


def test_activate_and_deactivate(api):
    for operation, expected in (("activate", "true"), ("deactivate", "false")):
        reply = api.qps(operation, "wasscanschedule", 697002)
        assert reply.ids == [697002]
        assert api.get("wasscanschedule", 697002).records[0].findtext("active") == expected


def test_deactivate_by_filters(api):
    body = f"<ServiceRequest><filters>{criteria('active', 'EQUALS', 'true')}</filters></ServiceRequest>".encode()

    reply = api.qps("deactivate", "wasscanschedule", body=body)

    assert reply.ids == [697001]
    assert api.search("wasscanschedule", criteria("active", "EQUALS", "true")).xml.findtext("count") == "0"


def test_delete_returns_the_deleted_ids(api):
    reply = api.qps("delete", "wasscanschedule", 697001)

    assert reply.ids == [697001]
    assert api.get("wasscanschedule", 697001).code == "INVALID_REQUEST"


def test_delete_by_filters(api):
    body = f"<ServiceRequest><filters>{criteria('id', 'IN', '697001,697002')}</filters></ServiceRequest>".encode()

    reply = api.qps("delete", "wasscanschedule", body=body)

    assert (reply.xml.findtext("count"), reply.ids) == ("2", [697001, 697002])


def test_search_by_web_app_name_tags_and_included_tags(api):
    def ids(*filters):
        return api.search("wasscanschedule", "".join(filters)).ids

    assert ids(criteria("webApp.name", "CONTAINS", "shop")) == [697001]
    assert ids(criteria("webApp.tags.id", "EQUALS", "12017501")) == [697001]
    assert ids(criteria("webApp.id", "NONE", "")) == [697002]
    assert ids(criteria("type", "EQUALS", "VULNERABILITY"), criteria("active", "EQUALS", "false")) == [697002]
    assert ids(criteria("name", "EQUALS", "Production monthly sweep")) == [697002]
    assert ids(criteria("name", "NOT EQUALS", "Demo Shop weekly scan")) == [697002]
    assert ids(criteria("createdDate", "LESSER", "2019-06-02T00:00:00Z")) == [697001]
    assert ids(criteria("invalid", "EQUALS", "false")) == [697001, 697002]


def test_count_with_and_without_filters(api):
    everything = api.qps("count", "wasscanschedule", method="GET")
    body = f"<ServiceRequest><filters>{criteria('active', 'EQUALS', 'true')}</filters></ServiceRequest>".encode()
    active = api.qps("count", "wasscanschedule", body=body)

    assert [child.tag for child in everything.xml] == ["responseCode", "count"]
    assert (everything.xml.findtext("count"), active.xml.findtext("count")) == ("2", "1")


SCANNER_TAGS = "<scannerTags><set><Tag><id>12017500</id></Tag></set></scannerTags>"
EXTERNAL = "<scannerAppliance><type>EXTERNAL</type></scannerAppliance>"


def test_scanner_tags_are_a_third_scanner_choice(api):
    created = api.create("wasscanschedule", schedule(target=WEB_APPS + SCANNER_TAGS)).records[0]

    assert created.findtext("target/scannerTags/list/Tag/id") == "12017500"
    assert created.find("target/scannerAppliance") is None


def test_scanner_appliance_and_tags_are_exclusive(api):
    reply = api.create("wasscanschedule", schedule(target=WEB_APPS + EXTERNAL + SCANNER_TAGS))

    assert (reply.code, "mutually exclusive" in reply.error[0]) == ("INVALID_REQUEST", True)


def test_sending_one_scanner_choice_replaces_the_other(api):
    api.update("wasscanschedule", 697001, f"<WasScanSchedule><target>{SCANNER_TAGS}</target></WasScanSchedule>")
    target = api.get("wasscanschedule", 697001).records[0].find("target")
    assert (target.find("scannerAppliance"), target.findtext("scannerTags/list/Tag/id")) == (None, "12017500")

    api.update("wasscanschedule", 697001, f"<WasScanSchedule><target>{EXTERNAL}</target></WasScanSchedule>")
    target = api.get("wasscanschedule", 697001).records[0].find("target")
    assert (target.findtext("scannerAppliance/type"), target.find("scannerTags")) == ("EXTERNAL", None)


def test_default_auth_record_of_each_web_app(api):
    record = "<webAppAuthRecord><isDefault>true</isDefault></webAppAuthRecord>"
    created = api.create("wasscanschedule", schedule(target=WEB_APPS + record)).records[0]

    assert [(e.tag, e.text) for e in created.find("target/webAppAuthRecord")] == [("isDefault", "true")]


def test_default_auth_record_replaces_an_id_and_back(api):
    def update(record):
        body = f"<WasScanSchedule><target><webAppAuthRecord>{record}</webAppAuthRecord></target></WasScanSchedule>"
        assert api.update("wasscanschedule", 697001, body).code == "SUCCESS"
        return [c.tag for c in api.get("wasscanschedule", 697001).records[0].find("target/webAppAuthRecord")]

    assert update("<isDefault>true</isDefault>") == ["isDefault"]
    assert update("<id>790002</id>") == ["id", "name"]


def test_default_auth_record_and_id_are_exclusive(api):
    record = "<webAppAuthRecord><id>583957</id><isDefault>true</isDefault></webAppAuthRecord>"
    reply = api.create("wasscanschedule", schedule(target=WEB_APPS + record))

    assert (reply.code, "either id or isDefault" in reply.error[0]) == ("INVALID_REQUEST", True)
