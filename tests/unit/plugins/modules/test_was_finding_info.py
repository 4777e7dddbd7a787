# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.modules import was_finding_info
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, run_module, service_response
from ansible_collections.qualys.was.tests.unit.plugins.module_utils.test_finding_records import (
    GATHERED,
    criteria_of,
    vulnerability,
)

SHOP = Reply(service_response("WebApp", ["<id>4331925</id><name>Demo Shop</name>"]))
PRODUCTION = Reply(service_response("Tag", ["<id>12017424</id><name>Production</name>"]))
SCAN = Reply(service_response("WasScan", ["<id>51</id><target><webApp><id>4331925</id></webApp></target>"]))


def run(args, replies, monkeypatch, capsys, check=False):
    return run_module(was_finding_info.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, check=check)


@pytest.mark.parametrize("check", [False, True])
def test_every_option_is_resolved_then_one_search_per_page_in_check_mode_too(monkeypatch, capsys, check):
    args = {
        "web_app": "Demo Shop",
        "tags": ["Production"],
        "scan": 51,
        "qid": 150158,
        "min_severity": 4,
        "status": ["new", "active"],
        "type": ["vulnerability"],
        "ignored": True,
        "first_detected_since": "2026-01-01T00:00:00Z",
        "filters": [{"field": "group", "value": "XSS"}],
    }
    page = Reply(service_response("Finding", [vulnerability(extra="<isIgnored>true</isIgnored>")]))
    result, session = run(args, [SHOP, PRODUCTION, SCAN, page], monkeypatch, capsys, check=check)
    assert session.operations == ["search/webapp", "search/tag", "get/wasscan", "search/finding"]
    assert criteria_of(session.requests[3]) == [
        ("webApp.id", "EQUALS", "4331925"),
        ("webApp.tags.id", "IN", "12017424"),
        ("qid", "IN", "150158"),
        ("severity", "IN", "4,5"),
        ("status", "IN", "NEW,ACTIVE"),
        ("type", "IN", "VULNERABILITY"),
        ("firstDetectedDate", "GREATER", "2026-01-01T00:00:00Z"),
        ("group", "EQUALS", "XSS"),
        ("webApp.id", "IN", "4331925"),
        ("isIgnored", "EQUALS", "true"),
    ]
    assert result["api_calls"] == 4 and result["changed"] is False
    assert [finding["id"] for finding in result["findings"]] == [16596752]
    assert result["counts"]["by_severity"]["level_5"] == 1


def test_without_a_selector_every_finding_is_read(monkeypatch, capsys):
    page = Reply(service_response("Finding", [GATHERED, vulnerability()]))
    result, session = run({}, [page], monkeypatch, capsys)
    assert criteria_of(session.requests[0]) == [] and result["api_calls"] == 1
    assert result["counts"]["total"] == 2 and len(result["findings"]) == 2


def test_a_scan_that_does_not_exist_fails_with_qualyss_words(monkeypatch, capsys):
    missing = (
        b'<?xml version="1.0" encoding="UTF-8"?><ServiceResponse><responseCode>NOT_FOUND</responseCode>'
        b"<responseErrorDetails><errorMessage>WasScan with id 9 not found.</errorMessage></responseErrorDetails>"
        b"</ServiceResponse>"
    )
    result, session = run({"scan": 9}, [Reply(missing)], monkeypatch, capsys)
    assert result["failed"] and "NOT_FOUND" in result["msg"] and session.operations == ["get/wasscan"]


def test_a_bad_choice_fails_before_any_call(monkeypatch, capsys):
    result, session = run({"status": ["open"]}, [], monkeypatch, capsys)
    assert result["failed"] and "status" in result["msg"] and session.requests == []
