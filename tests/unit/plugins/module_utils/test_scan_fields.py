# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The scan's field table against the recorded download and the documented launch request."""

from __future__ import annotations

import xmltodict

from ansible_collections.qualys.was.plugins.module_utils.codec import build_request
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.scan_fields import RESOURCE
from ansible_collections.qualys.was.plugins.module_utils import scan_schedule_fields, scan_target
from ansible_collections.qualys.was.tests.unit.fakes import data_file, xml_tree

import pytest


def recorded_download():
    return xmltodict.parse(data_file("samples", "wasscan-download-jupiterone-1.xml"))["WasScan"]


def test_the_recorded_download_reads_as_the_scan_record():
    scan = RESOURCE.normalise(recorded_download())
    assert scan["id"] == 5170635
    assert scan["name"] == "Web Application Vulnerability Scan - Second Web App - BoQ - 2020-04-21"
    assert (scan["type"], scan["mode"], scan["multi"], scan["status"]) == (
        "vulnerability",
        "ondemand",
        False,
        "finished",
    )
    assert scan["target"]["web_app"] == {"id": 62249036, "name": "Second Web App - BoQ"}
    assert scan["target"]["scanner_appliance"] == {"type": "external", "friendly_name": None}
    assert scan["target"]["cancel_option"] == "specific"
    assert scan["web_app_url"] == "http://demo06.s02.sjc01.qualys.com"
    assert scan["profile"] == {"id": 1180539, "name": "Initial WAS Options"}
    assert len(scan["options"]) == 16
    assert {"name": "Scan Intensity", "value": "LOW"} in scan["options"]
    assert scan["launched_by"]["username"] == "femc3pg"
    assert (scan["launched_date"], scan["end_scan_date"], scan["scan_duration"]) == (
        "2020-04-21T15:57:12Z",
        "2020-04-21T16:00:24Z",
        192,
    )
    assert scan["summary"]["results_status"] == "no_web_service"
    assert scan["summary"]["auth_status"] == "none"
    assert scan["summary"]["crawl_duration"] is None
    counts = scan["stats"]["global"]
    assert (counts["nb_vulns_total"], counts["nb_igs_total"], counts["nb_igs_level1"]) == (0, 4, 4)
    assert (scan["send_mail"], scan["enable_waf_auth"]) == (True, False)


def test_a_scan_record_carries_its_launch_not_an_owner_or_created_and_updated_dates():
    scan = RESOURCE.normalise(recorded_download())
    assert not {"owner", "created_date", "created_by", "updated_date", "updated_by"} & set(scan)
    assert list(scan)[-3:] == ["launched_date", "launched_by", "end_scan_date"]


def test_the_other_spelling_of_canceled_reads_as_the_documented_one():
    record = recorded_download()
    record["status"] = "CANCELLED"
    assert RESOURCE.normalise(record)["status"] == "canceled"


def test_a_launch_request_has_the_documented_elements():
    desired = {
        "name": "Shop scan",
        "type": "vulnerability",
        "target": {
            "web_app": {"id": 2640672, "name": "Shop"},
            "use_default_auth_record": True,
            "scanner_appliance": {"type": "external"},
        },
        "profile": {"id": 450936, "name": "Initial WAS Options"},
        "cancel_after_n_hours": 1,
        "send_mail": False,
    }
    sent = build_request(data=("WasScan", RESOURCE.payload(desired)))
    expected = (
        "<ServiceRequest><data><WasScan><name>Shop scan</name><type>VULNERABILITY</type><target>"
        "<webApp><id>2640672</id></webApp><webAppAuthRecord><isDefault>true</isDefault></webAppAuthRecord>"
        "<scannerAppliance><type>EXTERNAL</type></scannerAppliance></target><profile><id>450936</id></profile>"
        "<cancelAfterNHours>1</cancelAfterNHours><sendMail>false</sendMail></WasScan></data></ServiceRequest>"
    )
    assert xml_tree(sent) == xml_tree(expected)


def test_a_multi_scan_request_selects_by_tags_and_takes_settings_from_each_app():
    desired = {
        "name": "Production",
        "type": "discovery",
        "target": {
            "tags": {
                "included": {"option": "any", "tag_list": [{"id": 1, "name": None}]},
                "excluded": {"option": "all", "tag_list": [{"id": 2, "name": None}]},
            },
            "profile_option": "default",
            "auth_record_option": "default",
        },
    }
    target = RESOURCE.payload(desired)["target"]
    assert target["tags"] == {
        "included": {"option": "ANY", "tagList": {"set": {"Tag": [{"id": 1}]}}},
        "excluded": {"option": "ALL", "tagList": {"set": {"Tag": [{"id": 2}]}}},
    }
    assert (target["profileOption"], target["authRecordOption"]) == ("DEFAULT", "DEFAULT")


def test_scans_and_schedules_share_one_target_definition():
    scan_target_field = next(field for field in RESOURCE.fields if field.option == "target")
    schedule_target = scan_schedule_fields.TARGET
    assert scan_target_field.kind.fields == scan_target.TARGET_FIELDS
    assert schedule_target.fields[: len(scan_target.TARGET_FIELDS)] == scan_target.TARGET_FIELDS
    # What only a schedule has: no launch request shows it.
    assert [field.option for field in schedule_target.fields[len(scan_target.TARGET_FIELDS) :]] == ["use_dns_override"]


def test_read_only_values_are_no_options():
    spec = RESOURCE.argument_spec()
    assert "status" not in spec and "stats" not in spec and "summary" not in spec
    assert set(spec) >= {"name", "type", "target", "profile", "cancel_after_n_hours", "send_mail"}


def test_a_target_without_web_apps_or_tags_fails_before_any_call():
    with pytest.raises(ValidationError, match="target needs web_app, web_apps or tags.included"):
        RESOURCE.validate({"target": {"use_default_auth_record": True}})
