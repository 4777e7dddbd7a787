# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""findings_to_sarif: was_finding_info's and was_scan_info's results as the SARIF log GitHub code scanning takes.
Validation against the SARIF 2.1.0 schema is in tests/system/test_ci_formats.py, where the schema is installed."""

from __future__ import annotations

import inspect
import json

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.qualys.was.plugins.filter.findings_to_sarif import (
    DOCUMENTATION,
    EXAMPLES,
    FilterModule,
    findings_to_sarif,
)
from ansible_collections.qualys.was.plugins.module_utils.versions import COLLECTION_VERSION
from ansible_collections.qualys.was.tests.unit.plugins.plugin_utils.ci_inputs import (
    FINDING_INFO_RESULT,
    FINDINGS,
    HOSTILE,
    SCAN_INFO_RESULT,
    SCANS,
    copied,
    finding,
    hostile_findings,
)


def run_of(log):
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    return log["runs"][0]


def results_by_url(log):
    return {
        result["locations"][0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri"): result
        for result in run_of(log)["results"]
    }


def test_the_filter_is_registered_under_its_name():
    assert FilterModule().filters() == {"findings_to_sarif": findings_to_sarif}


def test_its_documentation_parses_and_documents_its_options_and_defaults():
    documentation = yaml.safe_load(DOCUMENTATION)
    assert yaml.safe_load(EXAMPLES)

    parameters = inspect.signature(findings_to_sarif).parameters
    assert documentation["name"] == "findings_to_sarif"
    assert list(documentation["options"]) == ["_input"] + list(parameters)[1:]
    for option, spec in documentation["options"].items():
        if option != "_input":
            assert spec["default"] == parameters[option].default, option


@pytest.mark.parametrize("data", [FINDING_INFO_RESULT, FINDINGS], ids=["whole result", "findings list"])
def test_finding_info_gives_one_rule_per_qid_and_one_result_per_finding(data):
    run = run_of(findings_to_sarif(copied(data)))

    driver = run["tool"]["driver"]
    assert driver["name"] == "Qualys WAS" and driver["version"] == COLLECTION_VERSION
    assert driver["informationUri"].startswith("https://")
    # Ignored (150200) and information gathered (45038) are left out by default.
    assert [rule["id"] for rule in driver["rules"]] == ["150001", "150085", "150123"]
    assert [result["ruleId"] for result in run["results"]] == ["150001", "150001", "150085", "150123"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_rule_names_its_qid_and_rates_it_for_github():
    rules = {rule["id"]: rule for rule in run_of(findings_to_sarif(FINDINGS))["tool"]["driver"]["rules"]}

    xss = rules["150001"]
    assert xss["name"] == xss["shortDescription"]["text"] == "Reflected Cross-Site Scripting (XSS)"
    assert xss["properties"]["severity"] == 5 and xss["properties"]["type"] == "vulnerability"
    assert xss["properties"]["security-severity"] == "9.5"
    assert "security" in xss["properties"]["tags"]
    assert xss["defaultConfiguration"]["level"] == "error"


@pytest.mark.parametrize(
    "severity, level, score",
    [(5, "error", "9.5"), (4, "error", "8.0"), (3, "warning", "5.5"), (2, "note", "3.0"), (1, "note", "1.0")],
)
def test_severity_maps_to_a_level_and_a_security_severity(severity, level, score):
    run = run_of(findings_to_sarif([finding(1, 150001, severity)]))

    assert run["results"][0]["level"] == level
    assert run["tool"]["driver"]["rules"][0]["properties"]["security-severity"] == score
    # GitHub's buckets: 9.0 critical, 7.0 high, 4.0 medium, above 0 low.
    bucket = {5: 9.0, 4: 7.0, 3: 4.0, 2: 0.1, 1: 0.1}[severity]
    assert bucket <= float(score) < {9.0: 10.1, 7.0: 9.0, 4.0: 7.0, 0.1: 4.0}[bucket]


def test_a_rule_takes_the_highest_severity_of_its_findings():
    log = findings_to_sarif([finding(1, 150001, 3), finding(2, 150001, 4)])

    rule = run_of(log)["tool"]["driver"]["rules"][0]
    assert rule["properties"]["severity"] == 4 and rule["properties"]["security-severity"] == "8.0"
    assert [result["level"] for result in run_of(log)["results"]] == ["warning", "error"]


def test_the_url_is_the_location_and_the_web_app_its_logical_location():
    result = results_by_url(findings_to_sarif(FINDINGS))["https://blog.example.com/page/1"]

    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert location["logicalLocations"] == [{"name": "Demo Blog (web app 101)", "kind": "resource"}]
    assert "Reflected Cross-Site Scripting (XSS)" in result["message"]["text"]
    assert "parameter q" in result["message"]["text"]
    assert result["properties"]["unique_id"] == "0a1b2c3d-0001"


def test_information_gathered_only_when_asked_for_and_as_informational():
    gathered = finding(7, 45039, 1, type="information_gathered", url="https://blog.example.com/robots.txt")
    assert "45039" not in json.dumps(findings_to_sarif(FINDINGS + [gathered]))

    run = run_of(findings_to_sarif(FINDINGS + [gathered], include_information_gathered=True))

    [result] = [result for result in run["results"] if result["ruleId"] == "45039"]
    assert result["kind"] == "informational" and result["level"] == "none"
    rule = next(rule for rule in run["tool"]["driver"]["rules"] if rule["id"] == "45039")
    assert "security-severity" not in rule["properties"]
    assert rule["defaultConfiguration"]["level"] == "none"


def test_a_finding_without_a_url_is_left_out_since_github_refuses_a_result_without_a_physical_location():
    # FINDINGS' information gathered (45038) has no URL, as Qualys gives none.
    run = run_of(findings_to_sarif(FINDINGS + [finding(8, 150300, 5, url=None)], include_information_gathered=True))

    assert not {"45038", "150300"} & {result["ruleId"] for result in run["results"]}
    assert not {"45038", "150300"} & {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_ignored_findings_only_when_asked_for():
    assert "150200" not in [r["ruleId"] for r in run_of(findings_to_sarif(FINDINGS))["results"]]

    run = run_of(findings_to_sarif(FINDINGS, include_ignored=True))

    assert "150200" in [result["ruleId"] for result in run["results"]]


def test_minimum_severity_leaves_out_what_is_below_it():
    run = run_of(findings_to_sarif(FINDINGS, minimum_severity=4))

    assert [result["ruleId"] for result in run["results"]] == ["150001", "150001"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["150001"]


@pytest.mark.parametrize("data", [SCAN_INFO_RESULT, SCANS], ids=["whole result", "scans list"])
def test_scan_info_results_give_the_findings_of_scans_that_have_results(data):
    run = run_of(findings_to_sarif(copied(data)))

    names = [result["locations"][0]["logicalLocations"][0]["name"] for result in run["results"]]
    # Scan 13 targets tags: its finding is the scan's. Scan 14 is still running.
    assert names == ["Demo Blog (web app 101)", "Demo Blog (web app 101)", "Scan 13 (scan 13)"]
    assert "potential vulnerability" in run["results"][1]["message"]["text"]


def test_the_same_finding_has_the_same_fingerprint_from_either_module_and_in_every_run():
    from_findings = results_by_url(findings_to_sarif(FINDINGS))["https://blog.example.com/page/1"]
    from_scans = results_by_url(findings_to_sarif(SCANS))["https://blog.example.com/page/1"]
    again = results_by_url(findings_to_sarif(copied(FINDINGS)))["https://blog.example.com/page/1"]

    assert from_findings["partialFingerprints"] == from_scans["partialFingerprints"] == again["partialFingerprints"]


def test_findings_that_differ_in_web_app_url_or_parameter_have_different_fingerprints():
    base = finding(1, 150001, 5, param="q")
    variants = [
        base,
        finding(1, 150001, 5, param="other"),
        finding(1, 150001, 5, param="q", url="https://blog.example.com/other"),
        finding(1, 150001, 5, param="q", web_app={"id": 999, "name": "Demo Blog"}),
        finding(1, 150002, 5, param="q"),
    ]

    prints = [r["partialFingerprints"]["qualysWasFinding/v1"] for r in run_of(findings_to_sarif(variants))["results"]]

    assert len(set(prints)) == len(variants)


@pytest.mark.parametrize("data", [[], {"findings": []}, {"scans": []}, [SCANS[3]]])
def test_no_finding_gives_a_log_with_no_result(data):
    run = run_of(findings_to_sarif(data))

    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_hostile_text_is_carried_as_it_is_through_json():
    log = json.loads(json.dumps(findings_to_sarif(hostile_findings())))

    run = run_of(log)
    assert run["tool"]["driver"]["rules"][0]["name"] == HOSTILE
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith('"d"\x00')


@pytest.mark.parametrize(
    "data, words",
    [
        ("findings", "expected a list of findings or scans, got str"),
        ({"counts": {}}, "got a dict with counts"),
        ([{"title": "no qid"}], "a finding has no qid"),
        ([finding(1, "x", 5)], "a finding's qid is 'x'"),
        ([42], "a finding is int"),
    ],
)
def test_input_that_is_no_result_of_the_modules_fails_saying_why(data, words):
    with pytest.raises(AnsibleFilterError, match="findings_to_sarif: .*%s" % words.replace("(", r"\(")):
        findings_to_sarif(data)


@pytest.mark.parametrize(
    "options, words",
    [
        ({"minimum_severity": 0}, "minimum_severity must be a severity from 1 to 5"),
        ({"minimum_severity": True}, "minimum_severity must be a severity from 1 to 5"),
        ({"include_ignored": "perhaps"}, "include_ignored must be true or false"),
    ],
)
def test_options_are_checked(options, words):
    with pytest.raises(AnsibleFilterError, match=words):
        findings_to_sarif(FINDINGS, **options)


def test_options_take_the_strings_a_template_may_give():
    run = run_of(findings_to_sarif(FINDINGS, minimum_severity="5", include_ignored="yes"))

    assert {result["ruleId"] for result in run["results"]} == {"150001"}
