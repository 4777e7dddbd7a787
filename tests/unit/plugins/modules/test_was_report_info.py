# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_report_info: reports by their selectors, or the report templates, each in one search."""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.modules import was_report_info
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, run_module, service_response

REPORTS = Reply(
    service_response(
        "Report",
        [
            "<id>8001</id><name>R</name><type>WAS_SCAN_REPORT</type><format>PDF</format><status>ERROR</status>"
            "<message>Report generation failed.</message>"
        ],
    )
)
TEMPLATES = Reply(
    service_response(
        "ReportTemplate", ["<id>1994875</id><name>Web Application Report</name><type>WAS_WEBAPP_REPORT</type>"]
    )
)


def run(args, replies, monkeypatch, capsys):
    return run_module(was_report_info.main, dict(args, **CONNECTION), replies, monkeypatch, capsys, check=True)


def test_reports_by_status_type_format_and_date_in_one_search(monkeypatch, capsys):
    args = {"status": ["error", "running"], "type": "scan", "format": "pdf", "created_after": "2026-01-01T00:00:00Z"}
    result, session = run(args, [REPORTS], monkeypatch, capsys)
    assert result["changed"] is False and "templates" not in result
    assert result["reports"][0]["type"] == "scan" and result["reports"][0]["message"] == "Report generation failed."
    body = session.requests[0].body.decode()
    for criterion in (
        '"status" operator="IN">ERROR,RUNNING<',
        '"type" operator="EQUALS">WAS_SCAN_REPORT<',
        '"format" operator="EQUALS">PDF<',
        '"creationDate" operator="GREATER">2026-01-01T00:00:00Z<',
    ):
        assert criterion in body
    assert session.operations == ["search/report"] and "return_secrets" not in result


def test_templates_by_type(monkeypatch, capsys):
    result, session = run({"templates": True, "type": "web_app"}, [TEMPLATES], monkeypatch, capsys)
    assert result["templates"] == [
        {
            "id": 1994875,
            "name": "Web Application Report",
            "type": "web_app",
            "owner": None,
            "created_date": None,
            "updated_date": None,
        }
    ]
    assert session.operations == ["search/reporttemplate"] and "reports" not in result
    assert '"type" operator="EQUALS">WAS_WEBAPP_REPORT<' in session.requests[0].body.decode()


def test_report_selectors_with_templates_fail_before_any_call(monkeypatch, capsys):
    result, session = run({"templates": True, "status": ["complete"], "details": True}, [], monkeypatch, capsys)
    assert result["failed"] and "status and details select reports, not templates" in result["msg"]
    assert session.requests == []
