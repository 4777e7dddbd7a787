# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The fail_on gate: every rule, with the Jenkins plugin's "more than N" and the GitHub Action's "at or above"."""

from __future__ import annotations

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.scan_gate import (
    GATE_SPEC,
    evaluate_gate,
    gate_failure_message,
    validate_gate,
)


def gate(**rules):
    """``fail_on`` as the argument spec gives it to a module: every option present, defaults filled in."""
    result = ArgumentSpecValidator({"fail_on": GATE_SPEC}).validate({"fail_on": rules})
    assert not result.error_messages, result.error_messages
    return result.validated_parameters["fail_on"]


def finding(qid, severity, kind="vulnerability", potential=False, url="http://shop.example/", title=None):
    return {
        "qid": qid,
        "title": title or "QID %d" % qid,
        "type": kind,
        "severity": severity,
        "potential": potential,
        "url": url,
        "param": None,
        "instances": 1,
    }


def results(*findings, status="finished", results_status="successful"):
    return {"id": 1, "name": "scan", "status": status, "results_status": results_status, "findings": list(findings)}


def broken(fail_on, scan, accepted=()):
    outcome = evaluate_gate(fail_on, scan, accepted)
    assert outcome["passed"] is (not outcome["violations"])
    return [(v["qid"], v["reason"]) for v in outcome["violations"]]


SCAN = results(finding(150001, 5), finding(150002, 4), finding(150003, 3), finding(150004, 3), finding(150005, 1))


def test_at_or_above_a_severity_as_the_github_action_gates():
    assert broken(gate(severity=4), SCAN) == [
        (150001, "severity 5, at or above 4"),
        (150002, "severity 4, at or above 4"),
    ]
    assert broken(gate(severity=5), results(finding(150002, 4))) == []


def test_more_than_n_per_severity_as_the_jenkins_plugin_gates():
    assert broken(gate(limits={"level_3": 2}), SCAN) == []
    assert broken(gate(limits={"level_3": 1}), SCAN) == [
        (150003, "2 of severity 3 found, more than the 1 allowed"),
        (150004, "2 of severity 3 found, more than the 1 allowed"),
    ]
    assert [qid for qid, _title in broken(gate(limits={"level_5": 0, "level_1": 0}), SCAN)] == [150001, 150005]


def test_listed_qids_and_ranges_fail_whatever_the_severity_or_type():
    scan = results(finding(150180, 1), finding(150182, 5), finding(6, 1, kind="information_gathered"))
    assert broken(gate(qids=["150179-150181", "6"]), scan) == [
        (6, "QID listed in fail_on.qids"),
        (150180, "QID listed in fail_on.qids"),
    ]


def test_excluded_qids_are_neither_counted_nor_reported():
    fail_on = gate(severity=3, limits={"level_3": 0}, exclude_qids=["150003-150004", "150001"])
    assert broken(fail_on, SCAN) == [(150002, "severity 4, at or above 3")]
    assert evaluate_gate(fail_on, SCAN)["checked"]["excluded"] == 3
    assert evaluate_gate(fail_on, SCAN)["checked"]["counted"]["level_3"] == 0


def test_potential_vulnerabilities_count_unless_the_gate_says_otherwise():
    scan = results(finding(150084, 5, potential=True), finding(150085, 4, potential=None))
    assert [qid for qid, _title in broken(gate(severity=4), scan)] == [150084, 150085]
    # a finding not known to be potential counts as confirmed
    assert [qid for qid, _title in broken(gate(severity=4, potential=False), scan)] == [150085]
    assert evaluate_gate(gate(severity=4, potential=False), scan)["checked"]["potential_left_out"] == 1


def test_sensitive_content_counts_only_when_asked_and_information_gathered_never():
    scan = results(finding(150026, 5, kind="sensitive_content"), finding(45038, 5, kind="information_gathered"))
    assert broken(gate(severity=1), scan) == []
    assert broken(gate(severity=1, sensitive_content=True), scan) == [(150026, "severity 5, at or above 1")]


def test_an_unknown_severity_breaks_the_severity_rules_rather_than_passing_unseen():
    scan = results(finding(150246, None))
    assert broken(gate(severity=5), scan) == [(150246, "severity unknown, so it may break the severity rules")]
    assert broken(gate(limits={"level_1": 5}), scan) != []
    assert broken(gate(qids=["1"]), scan) == []


def test_a_finding_that_breaks_several_rules_is_listed_once_with_every_reason():
    assert broken(gate(severity=5, limits={"level_5": 0}, qids=["150001"]), results(finding(150001, 5))) == [
        (
            150001,
            "severity 5, at or above 5; 1 of severity 5 found, more than the 0 allowed; QID listed in fail_on.qids",
        )
    ]


def test_a_scan_that_did_not_succeed_fails_unless_the_gate_accepts_it():
    # REAL 5170635: FINISHED, NO_WEB_SERVICE, no vulnerability - clean only because nothing was tested
    unreachable = results(status="finished", results_status="no_web_service")
    [(qid, reason)] = broken(gate(severity=3), unreachable)
    assert qid is None and "FINISHED with results NO_WEB_SERVICE" in reason
    assert broken(gate(severity=3, scan_error=False), unreachable) == []
    assert broken(gate(), results(status="canceled", results_status="canceled")) != []
    assert broken(gate(), results(status="finished", results_status=None)) != []


def test_an_end_the_task_accepts_passes_the_scan_error_rule():
    unreachable = results(finding(150003, 3), status="finished", results_status="no_web_service")
    assert broken(gate(severity=4), unreachable, ["no_web_service"]) == []
    assert broken(gate(severity=3), unreachable, ["no_web_service"]) == [(150003, "severity 3, at or above 3")]
    assert broken(gate(), unreachable, ["time_limit_reached"]) != []
    # a canceled scan reads as CANCELED, with results CANCELED_WITH_RESULTS where it kept some: either is accepted
    kept = results(status="canceled", results_status="canceled_with_results")
    assert broken(gate(), kept, ["canceled"]) == [] and broken(gate(), kept, ["canceled_with_results"]) == []
    # a finished scan's end is its results status: accepting a status word does not pass it
    assert broken(gate(), unreachable, ["finished"]) != []


@pytest.mark.parametrize("results_status", ["successful", "finished"])
def test_a_good_scan_passes_the_scan_error_rule_under_either_spelling(results_status):
    # Both Qualys tools compare resultsStatus with "finished" and so fail scans that report SUCCESSFUL.
    assert broken(gate(), results(results_status=results_status)) == []


def test_gate_result_says_what_was_checked_and_counted():
    outcome = evaluate_gate(gate(severity=4, limits={"level_3": 9}, qids=["150100-150200"]), SCAN)
    assert outcome["passed"] is False
    assert outcome["checked"] == {
        "severity": 4,
        "limits": {"level_3": 9},
        "qids": ["150100-150200"],
        "exclude_qids": [],
        "potential": True,
        "sensitive_content": False,
        "scan_error": True,
        "accept_end_states": [],
        "status": "finished",
        "results_status": "successful",
        "counted": {
            "total": 5,
            "unknown_severity": 0,
            "level_5": 1,
            "level_4": 1,
            "level_3": 2,
            "level_2": 0,
            "level_1": 1,
        },
        "excluded": 0,
        "potential_left_out": 0,
    }
    assert outcome["violations"][0] == {
        "qid": 150001,
        "title": "QID 150001",
        "severity": 5,
        "url": "http://shop.example/",
        "reason": "severity 5, at or above 4",
    }


@pytest.mark.parametrize(
    "rules, words",
    [
        ({"qids": ["15000l"]}, r"fail_on.qids\[0\] must be a QID or a range"),
        ({"exclude_qids": ["1", "150181-150179"]}, r"fail_on.exclude_qids\[1\]"),
        ({"limits": {"level_2": -1}}, "fail_on.limits.level_2 must be 0 or more"),
    ],
)
def test_a_gate_it_cannot_apply_is_refused_before_anything_runs(rules, words):
    with pytest.raises(ValidationError, match=words):
        validate_gate(gate(**rules))
    with pytest.raises(ValidationError, match=words):
        evaluate_gate(gate(**rules), results())
    validate_gate(None)


def test_the_failure_message_is_a_short_table():
    scan = results(
        finding(150001, 5, title="Reflected Cross-Site Scripting (XSS) Vulnerabilities", url="http://shop.example/q"),
        finding(150002, 4, title="Blind SQL Injection"),
        status="finished",
        results_status="time_limit_reached",
    )
    message = gate_failure_message(evaluate_gate(gate(severity=4), scan))
    lines = message.splitlines()
    assert lines[0].startswith("The scan failed the gate (fail_on): the scan ended FINISHED with results")
    assert lines[0].endswith("; 2 findings broke it.")
    assert lines[1].split() == ["QID", "Sev", "Title", "URL", "Why"]
    assert lines[2].split()[:2] == ["150001", "5"] and "Reflected Cross-Site Scripting (XSS)" in lines[2]
    assert "http://shop.example/q" in lines[2] and "at or above 4" in lines[2]
    assert lines[3].split()[:4] == ["150002", "4", "Blind", "SQL"]


def test_the_failure_message_stays_short_for_many_findings():
    many = results(*[finding(150000 + n, 5, title="x" * 300) for n in range(45)])
    lines = gate_failure_message(evaluate_gate(gate(severity=5), many)).splitlines()
    assert len(lines) == 1 + 1 + 20 + 1
    assert lines[-1] == "... and 25 more (see gate_result.violations)"
    assert max(len(line) for line in lines) < 200


def test_a_hostile_title_or_url_stays_on_its_line_of_the_table():
    hostile = finding(150001, 5, title="Line\nbreak \x1b[31mred\x1b[0m", url="http://shop.example/\r\nX-Injected: 1")
    lines = gate_failure_message(evaluate_gate(gate(severity=5), results(hostile))).splitlines()
    assert len(lines) == 3
    assert "\x1b" not in lines[2] and "Line break" in lines[2] and "X-Injected: 1" in lines[2]
