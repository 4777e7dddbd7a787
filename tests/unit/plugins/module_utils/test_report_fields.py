# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report's field table against the create requests public clients send and the record a get answers."""

from __future__ import annotations

import pytest
import xmltodict

from ansible_collections.qualys.was.plugins.module_utils.codec import build_request
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.report_fields import RESOURCE, TEMPLATE_RESOURCE
from ansible_collections.qualys.was.tests.unit.fakes import xml_tree

PRODUCTION = {"id": 12017424, "name": "Production"}


def create_request(**desired):
    return build_request(data=("Report", RESOURCE.payload(desired)))


def test_a_web_app_report_of_tags_is_the_request_cisa_sends():
    # cisagov/was_report's template: format, type, config/webAppReport/target/tags/included, template/id.
    sent = create_request(
        name="Production findings",
        type="web_app",
        format="csv",
        template={"id": 1994875, "name": "Web Application Report"},
        target={"tags": {"included": {"option": "all", "tag_list": [PRODUCTION]}}},
    )
    expected = (
        "<ServiceRequest><data><Report><name>Production findings</name><type>WAS_WEBAPP_REPORT</type>"
        "<format>CSV</format><template><id>1994875</id></template><config><webAppReport><target><tags><included>"
        "<option>ALL</option><tagList><Tag><id>12017424</id></Tag></tagList></included></tags></target>"
        "</webAppReport></config></Report></data></ServiceRequest>"
    )
    assert xml_tree(sent) == xml_tree(expected)


def test_web_apps_are_listed_bare_without_a_set():
    sent = create_request(name="R", type="web_app", target={"web_apps": [{"id": 4331925}, {"id": 4331923}]})
    report = xmltodict.parse(sent)["ServiceRequest"]["data"]["Report"]
    assert report["config"]["webAppReport"]["target"] == {"webapps": {"WebApp": [{"id": "4331925"}, {"id": "4331923"}]}}


def test_a_scan_report_takes_its_scans_in_scan_report():
    # The GitHub Action's {"scans": {"WasScan": {"id": ...}}}, not MIG's target/WasScan.
    sent = create_request(name="R", type="scan", format="xml", target={"scans": [{"id": 5170635}]})
    report = xmltodict.parse(sent)["ServiceRequest"]["data"]["Report"]
    assert report["type"] == "WAS_SCAN_REPORT"
    assert report["config"] == {"scanReport": {"target": {"scans": {"WasScan": {"id": "5170635"}}}}}


def test_a_scorecard_of_tags_and_a_catalog_without_config():
    scorecard = create_request(name="S", type="scorecard", target={"tags": {"included": {"tag_list": [PRODUCTION]}}})
    catalog = create_request(name="C", type="catalog", format="csv")
    assert "scorecardReport" in xmltodict.parse(scorecard)["ServiceRequest"]["data"]["Report"]["config"]
    assert "config" not in xmltodict.parse(catalog)["ServiceRequest"]["data"]["Report"]


def test_the_password_of_an_encrypted_pdf_goes_as_password_and_is_hidden_in_every_output():
    desired = {"name": "R", "format": "pdf_encrypted", "pdf_password": "Secret123", "target": {"web_apps": [{"id": 1}]}}
    report = xmltodict.parse(create_request(**desired))["ServiceRequest"]["data"]["Report"]
    assert report["password"] == "Secret123"
    assert "Secret123" not in str(RESOURCE.hide_secrets(RESOURCE.predict(None, desired)))


RECORD = """<Report><id>8213001</id><name>Production findings</name><owner><id>2911477</id><username>admin</username>
<firstName>John</firstName><lastName>Doe</lastName></owner><type>WAS_WEBAPP_REPORT</type><format>CSV_V2</format>
<status>ERROR</status><message>Report generation failed.</message><size>2048</size>
<creationDate>2030-01-01T00:00:00Z</creationDate><downloadCount>0</downloadCount>
<config><webAppReport><target><webapps><WebApp><id>4331925</id><name>Demo Shop</name></WebApp></webapps></target>
</webAppReport></config></Report>"""


def test_the_record_reads_in_the_shape_of_the_options_with_its_target_from_the_config_of_its_type():
    report = RESOURCE.normalise(xmltodict.parse(RECORD)["Report"])
    assert (report["id"], report["type"], report["format"], report["status"]) == (
        8213001,
        "web_app",
        "csv_v2",
        "error",
    )
    assert report["message"] == "Report generation failed." and report["size"] == 2048
    assert report["target"]["web_apps"] == [{"id": 4331925, "name": "Demo Shop"}]
    assert report["owner"]["username"] == "admin" and report["creation_date"] == "2030-01-01T00:00:00Z"
    assert report["pdf_password"] is None


def test_a_search_record_without_config_is_not_whole():
    summary = xmltodict.parse(RECORD.split("<config>", maxsplit=1)[0] + "</Report>")["Report"]
    assert RESOURCE.normalise(summary)["target"] is None and not RESOURCE.is_whole(summary)
    assert RESOURCE.is_whole(xmltodict.parse(RECORD)["Report"])


@pytest.mark.parametrize(
    "desired, words",
    [
        ({"type": "web_app"}, "needs target.web_apps or target.tags"),
        ({"type": "scan", "target": {"web_apps": [1]}}, "takes target.scans in its target, not target.web_apps"),
        ({"type": "catalog", "target": {"tags": {"included": {"tag_list": [1]}}}}, "takes nothing"),
        ({"type": "web_app", "target": {"tags": {"excluded": {"tag_list": [1]}}}}, "target.tags needs included"),
        ({"type": "web_app", "format": "pdf_encrypted", "target": {"web_apps": [1]}}, "needs pdf_password"),
        ({"format": "csv", "pdf_password": "x", "target": {"web_apps": [1]}}, "only taken with format pdf_encrypted"),
    ],
)
def test_what_the_type_and_format_cannot_take_fails_before_any_call(desired, words):
    with pytest.raises(ValidationError, match=words):
        RESOURCE.validate(dict(desired, name="R"))


@pytest.mark.parametrize(
    "desired",
    [
        {"type": "web_app", "target": {"tags": {"included": {"tag_list": [1]}}}},
        {"type": "scan", "target": {"scans": [5]}},
        {"type": "scorecard"},
        {"type": "catalog", "format": "xml"},
        {"type": "web_app", "format": "pdf_encrypted", "pdf_password": "Secret123", "target": {"web_apps": [1]}},
    ],
)
def test_what_each_type_takes_passes(desired):
    RESOURCE.validate(dict(desired, name="R"))


TEMPLATE = "<ReportTemplate><id>1488462</id><name>Scan Report</name><type>WAS_SCAN_REPORT</type>%s</ReportTemplate>"


def test_a_template_reads_brief_or_audited():
    brief = TEMPLATE_RESOURCE.normalise(xmltodict.parse(TEMPLATE % "")["ReportTemplate"])
    assert (brief["id"], brief["name"], brief["type"], brief["owner"]) == (1488462, "Scan Report", "scan", None)
    audit = "<owner><id>1</id><username>admin</username></owner><createdDate>2020-01-01T00:00:00Z</createdDate>"
    audited = TEMPLATE_RESOURCE.normalise(xmltodict.parse(TEMPLATE % audit)["ReportTemplate"])
    assert audited["owner"]["username"] == "admin" and audited["created_date"] == "2020-01-01T00:00:00Z"
