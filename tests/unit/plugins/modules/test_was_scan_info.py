# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

from ansible_collections.qualys.was.plugins.modules import was_scan_info
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    data_file,
    error_response,
    run_module,
    service_response,
)

NO_FINDINGS = service_response("Finding", [])


def scan(scan_id, status="FINISHED", results_status="SUCCESSFUL", web_app=61890472, name=None):
    """A scan as the search answers it: id, name, type, target, status and summary (what cisagov/was_report reads)."""
    summary = "<summary><resultsStatus>%s</resultsStatus><authStatus>NONE</authStatus></summary>" % results_status
    return (
        "<id>%d</id><name><![CDATA[%s]]></name><type>VULNERABILITY</type><mode>API</mode>"
        "<target><webApp><id>%d</id><name>App</name></webApp></target><status>%s</status>%s"
        % (scan_id, name or "Scan %d" % scan_id, web_app, status, summary if results_status else "")
    )


def run(args, replies, monkeypatch, capsys, check=False):
    return run_module(was_scan_info.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, check=check)


def criteria_of(request):
    body = ElementTree.fromstring(request.body)
    return [(c.get("field"), c.get("operator"), c.text or "") for c in body.findall("filters/Criteria")]


def test_every_selector_is_one_criterion_of_one_search(monkeypatch, capsys):
    args = {
        "id": 5132004,
        "status": ["submitted", "running"],
        "type": "vulnerability",
        "launched_after": "2026-01-01T00:00:00Z",
        "launched_before": "2026-02-01 08:30",
        "filters": [{"field": "mode", "value": "API"}],
    }
    result, session = run(args, [Reply(service_response("WasScan", [scan(5132004)]))], monkeypatch, capsys)
    assert session.operations == ["search/wasscan"] and result["api_calls"] == 1
    assert criteria_of(session.requests[0]) == [
        ("id", "EQUALS", "5132004"),
        ("status", "IN", "SUBMITTED,RUNNING"),
        ("type", "EQUALS", "VULNERABILITY"),
        ("launchedDate", "GREATER", "2026-01-01T00:00:00Z"),
        ("launchedDate", "LESSER", "2026-02-01T08:30:00Z"),
        ("mode", "EQUALS", "API"),
    ]
    [found] = result["scans"]
    assert (found["id"], found["status"], found["summary"]["results_status"]) == (5132004, "finished", "successful")
    assert "results" not in found and result["changed"] is False


def test_a_web_app_by_name_costs_one_search_and_names_match_exactly(monkeypatch, capsys):
    web_app = service_response("WebApp", ["<id>4331925</id><name>Demo Shop</name>"])
    scans = service_response("WasScan", [scan(1, name="Shop"), scan(2, name="shop")])
    result, session = run({"web_app": "Demo Shop", "name": "Shop"}, [Reply(web_app), Reply(scans)], monkeypatch, capsys)
    assert session.operations == ["search/webapp", "search/wasscan"]
    assert criteria_of(session.requests[1]) == [("name", "EQUALS", "Shop"), ("webApp.id", "EQUALS", "4331925")]
    assert [found["id"] for found in result["scans"]] == [1]


def test_a_bad_date_fails_before_any_call(monkeypatch, capsys):
    result, session = run({"launched_after": "last tuesday"}, [], monkeypatch, capsys)
    assert result["failed"] and "launched_after" in result["msg"]
    assert session.requests == [] and result["api_calls"] == 0


def test_results_are_read_for_scans_whose_results_have_settled_only(monkeypatch, capsys):
    scans = service_response(
        "WasScan",
        [
            scan(5132004),
            scan(7, status="RUNNING", results_status=None),
            scan(8, status="FINISHED", results_status="TO_BE_PROCESSED"),
            scan(5170635, results_status="NO_WEB_SERVICE", web_app=62249036),
        ],
    )
    finding = (
        "<id>1</id><qid>150085</qid><type>VULNERABILITY</type><potential>false</potential><severity>3</severity>"
        "<url>https://api.dev.jupiterone.io/</url><webApp><id>61890472</id></webApp>"
    )
    replies = [
        Reply(scans),
        Reply(data_file("samples", "wasscan-download-jupiterone-2.xml")),
        Reply(service_response("Finding", [finding])),
        Reply(data_file("samples", "wasscan-download-jupiterone-1.xml")),
    ]
    result, session = run({"results": True}, replies, monkeypatch, capsys, check=True)
    assert session.operations == ["search/wasscan", "download/wasscan", "search/finding", "download/wasscan"]
    assert [r.url.rsplit("/", 1)[1] for r in session.requests if "download" in r.url] == ["5132004", "5170635"]
    assert ("webApp.id", "IN", "61890472") in criteria_of(session.requests[2])
    assert result["api_calls"] == 4
    by_id = {found["id"]: found["results"] for found in result["scans"]}
    assert by_id[7] is None and by_id[8] is None
    [vulnerability] = [f for f in by_id[5132004]["findings"] if f["type"] == "vulnerability"]
    assert (vulnerability["qid"], vulnerability["severity"], vulnerability["potential"]) == (150085, 3, False)
    assert by_id[5170635]["results_status"] == "no_web_service"
    assert by_id[5170635]["stats"]["vulnerabilities"]["total"] == 0


def test_details_read_each_scan_in_full(monkeypatch, capsys):
    whole = service_response(
        "WasScan",
        [
            scan(5132004)
            + "<options><count>1</count><list><WasScanOption><name>Scan Intensity</name>"
            + "<value><![CDATA[LOW]]></value></WasScanOption></list></options>"
        ],
    )
    replies = [Reply(service_response("WasScan", [scan(5132004)])), Reply(whole)]
    result, session = run({"details": True}, replies, monkeypatch, capsys)
    assert session.operations == ["search/wasscan", "get/wasscan"]
    assert session.requests[1].method == "GET" and session.requests[1].url.endswith("/get/was/wasscan/5132004")
    assert result["scans"][0]["options"] == [{"name": "Scan Intensity", "value": "LOW"}]


def test_a_refused_download_fails_with_the_servers_words(monkeypatch, capsys):
    replies = [
        Reply(service_response("WasScan", [scan(9)])),
        Reply(error_response("INVALID_REQUEST", "Scan results are not available yet.", "Try again later.")),
    ]
    result, session = run({"id": 9, "results": True}, replies, monkeypatch, capsys)
    assert result["failed"] and result["response_code"] == "INVALID_REQUEST"
    assert "download scan id 9" in result["msg"] and "Scan results are not available yet." in result["msg"]
    assert result["api_calls"] == 2
