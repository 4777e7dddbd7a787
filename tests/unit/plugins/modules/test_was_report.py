# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_report as Ansible runs it: options, check mode, the file and the result (the runner: test_report_action.py,
the file: test_report_download.py)."""

from __future__ import annotations

import hashlib
import os

from ansible_collections.qualys.was.plugins.modules import was_report
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    leaked_password,
    run_module,
    service_response,
)

PRODUCTION = Reply(service_response("Tag", ["<id>12017424</id><name>Production</name>"]))
NONE_RUNNING = Reply(service_response("Report", []))
CREATED = Reply(service_response("Report", ["<id>8001</id><name>R</name><status>RUNNING</status>"]))
COMPLETE = Reply(service_response("Report", ["<id>8001</id><status>COMPLETE</status>"]))
WHOLE = Reply(
    service_response(
        "Report",
        [
            "<id>8001</id><name>R</name><type>WAS_WEBAPP_REPORT</type><format>CSV</format>"
            "<status>COMPLETE</status><size>25</size>"
        ],
    )
)
CSV = b'"Web Application Name","URL"\n"Demo Shop","http://shop.example.com"\n'
TAGGED = {"target": {"tags": {"included": {"tag_list": ["Production"]}}}, "format": "csv"}
PDF_PASSWORD = "report-secret-for-the-auditors-77"


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_report.main, dict(args, **CONNECTION), replies, monkeypatch, capsys, **flags)


def test_check_mode_creates_nothing_and_writes_no_file(tmp_path, monkeypatch, capsys):
    dest = str(tmp_path / "findings.csv")
    result, session = run(dict(TAGGED, dest=dest), [NONE_RUNNING, PRODUCTION], monkeypatch, capsys, check=True)
    assert (result["changed"], result["created"], result["report"]["id"]) == (True, True, None)
    assert session.operations == ["search/report", "search/tag"] and not os.path.exists(dest)
    assert result["report"]["name"].startswith("Web application report of tags Production as CSV on ")


def test_a_report_is_created_waited_for_and_downloaded(tmp_path, monkeypatch, capsys):
    dest = str(tmp_path / "findings.csv")
    replies = [NONE_RUNNING, PRODUCTION, CREATED, COMPLETE, WHOLE, Reply(CSV)]
    result, session = run(dict(TAGGED, dest=dest, mode="0600"), replies, monkeypatch, capsys)
    assert (result["changed"], result["created"], result["downloaded"]) == (True, True, True)
    assert result["checksum"] == hashlib.sha1(CSV).hexdigest() and result["size"] == len(CSV)
    assert session.operations[-1] == "download/report" and result["api_calls"] == 6
    with open(dest, "rb") as handle:
        assert handle.read() == CSV


def test_a_dest_kept_without_force_makes_no_call_and_no_change(tmp_path, monkeypatch, capsys):
    dest = tmp_path / "findings.csv"
    dest.write_bytes(CSV)
    result, session = run(dict(TAGGED, dest=str(dest)), [], monkeypatch, capsys)
    assert (result["changed"], result["downloaded"], result["api_calls"]) == (False, False, 0)
    assert result["report"] == {} and session.requests == []


def test_the_pdf_password_is_sent_and_never_shown(monkeypatch, capsys):
    args = dict(TAGGED, format="pdf_encrypted", pdf_password=PDF_PASSWORD, wait=False, name="Audit")
    result, session = run(args, [NONE_RUNNING, PRODUCTION, CREATED], monkeypatch, capsys)
    assert PDF_PASSWORD in session.requests[-1].body.decode()
    assert result["report"]["pdf_password"] == "<hidden>" and PDF_PASSWORD not in str(result)
    assert not leaked_password(result)


def test_dest_without_wait_and_bad_combinations_fail_before_any_call(tmp_path, monkeypatch, capsys):
    for args, words in (
        (dict(TAGGED, dest=str(tmp_path / "r.csv"), wait=False), "dest needs wait: true"),
        (dict(TAGGED, format="pdf_encrypted"), "needs pdf_password"),
        ({"type": "scan", "target": {"web_apps": [4331925]}}, "takes target.scans in its target"),
        ({"target": {"web_apps": [1], "scans": [2]}}, "mutually exclusive"),
    ):
        result, session = run(args, [], monkeypatch, capsys)
        assert result["failed"] and words in result["msg"] and session.requests == [], (words, result["msg"])
