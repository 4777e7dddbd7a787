# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_scan as Ansible runs it: options, check mode, the result and its failures (the runner: test_action.py)."""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.modules import was_scan
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    error_response,
    leaked_password,
    run_module,
    service_response,
)

SHOP = Reply(service_response("WebApp", ["<id>4331925</id><name>Demo Shop</name>"]))
NO_SCAN = Reply(service_response("WasScan", []))


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_scan.main, dict(args, **CONNECTION), replies, monkeypatch, capsys, **flags)


def test_check_mode_reads_and_launches_nothing(monkeypatch, capsys):
    result, session = run({"target": {"web_app": "Demo Shop"}}, [NO_SCAN, SHOP], monkeypatch, capsys, check=True)
    assert result["changed"] is True and result["launched"] is True
    assert result["scan"]["target"]["web_app"] == {"id": 4331925, "name": "Demo Shop"}
    assert [request.operation for request in session.requests] == ["search/wasscan", "search/webapp"]
    assert result["api_calls"] == 2


def test_a_launch_returns_the_scan_it_launched(monkeypatch, capsys):
    launched = Reply(service_response("WasScan", ["<id>7001</id>"]))
    result, session = run(
        {"name": "Deploy 42", "target": {"web_app": 4331925}}, [NO_SCAN, launched], monkeypatch, capsys
    )
    assert (result["changed"], result["scan"]["id"], result["scan"]["name"], result["gate_result"]) == (
        True,
        7001,
        "Deploy 42",
        None,
    )
    assert result["scans"] == [result["scan"]] and not leaked_password(result)


def test_a_refused_launch_fails_with_the_server_words_and_no_credentials(monkeypatch, capsys):
    refusal = Reply(
        error_response(
            "INVALID_REQUEST",
            "You have reached the maximum number of concurrent running scans (10) for your account",
            "Please wait until your previous scans have completed",
        )
    )
    result, _output = run({"target": {"web_app": 4331925}}, [NO_SCAN, refusal], monkeypatch, capsys)
    assert result["failed"] and result["response_code"] == "INVALID_REQUEST"
    assert "maximum number of concurrent running scans (10)" in result["msg"] and "slot_timeout" in result["msg"]
    assert result["api_calls"] == 2 and not leaked_password(result)


def test_an_end_not_accepted_fails_with_the_scan_in_the_result(monkeypatch, capsys):
    ended = "<id>7001</id><name>Deploy 42</name><status>ERROR</status><summary><resultsStatus>SCAN_INTERNAL_ERROR"
    ended += "</resultsStatus></summary>"
    replies = [Reply(service_response("WasScan", [ended])), Reply(service_response("WasScan", [ended]))]
    result, _output = run({"id": 7001, "wait": True}, replies, monkeypatch, capsys)
    assert result["failed"] and "ended ERROR, results SCAN_INTERNAL_ERROR" in result["msg"]
    assert result["scan"]["status"] == "error" and result["timed_out"] is False
    assert result["api_calls"] == 2


def test_unknown_options_and_bad_values_fail_before_any_call(monkeypatch, capsys):
    result, session = run({"target": {"web_app": 4331925}, "accept_end_states": ["fine"]}, [], monkeypatch, capsys)
    assert result["failed"] and "accept_end_states" in result["msg"] and session.requests == []
