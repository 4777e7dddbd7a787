# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""findings_to_junit: was_finding_info's and was_scan_info's results as the JUnit XML Jenkins and GitLab read.
Validation against Jenkins' JUnit schema is in tests/system/test_ci_formats.py, where the schema is installed."""

from __future__ import annotations

import inspect
import xml.etree.ElementTree as ET

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.qualys.was.plugins.filter.findings_to_junit import (
    DOCUMENTATION,
    EXAMPLES,
    FilterModule,
    findings_to_junit,
)
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


def suite_of(document):
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = ET.fromstring(document.encode("utf-8"))
    assert suites.tag == "testsuites"
    [suite] = list(suites)
    cases = suite.findall("testcase")
    failing = [case for case in cases if case.find("failure") is not None]
    for element in (suites, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failing))
        assert element.get("errors") == "0"
    return suite


def cases_of(document):
    return {case.get("name"): case for case in suite_of(document).findall("testcase")}


def test_the_filter_is_registered_under_its_name():
    assert FilterModule().filters() == {"findings_to_junit": findings_to_junit}


def test_its_documentation_parses_and_documents_its_options_and_defaults():
    documentation = yaml.safe_load(DOCUMENTATION)
    assert yaml.safe_load(EXAMPLES)

    parameters = inspect.signature(findings_to_junit).parameters
    assert documentation["name"] == "findings_to_junit"
    assert list(documentation["options"]) == ["_input"] + list(parameters)[1:]
    for option, spec in documentation["options"].items():
        if option != "_input":
            assert spec["default"] == parameters[option].default, option


@pytest.mark.parametrize("data", [FINDING_INFO_RESULT, FINDINGS], ids=["whole result", "findings list"])
def test_one_test_case_per_web_app_failing_on_findings_at_the_threshold(data):
    cases = cases_of(findings_to_junit(copied(data)))

    assert list(cases) == ["Demo Blog (web app 101)", "Demo Shop (web app 202)"]
    blog = cases["Demo Blog (web app 101)"]
    assert blog.get("classname") == "qualys.was.web_apps"
    [failure] = blog.findall("failure")
    assert failure.get("message") == "3 findings of severity 3 or more"
    assert failure.get("type") == "severity 5"
    lines = failure.text.split("\n")
    assert len(lines) == 3 and lines[0].startswith("QID 150001 Reflected Cross-Site Scripting (XSS)")
    assert "https://blog.example.com/page/3" in lines[2]
    # The shop's one finding not ignored is of severity 2: listed, and the case passes.
    shop = cases["Demo Shop (web app 202)"]
    assert shop.find("failure") is None
    assert "QID 150123" in shop.find("system-out").text and "150200" not in shop.find("system-out").text


def test_a_higher_threshold_fails_on_fewer_and_lists_the_rest():
    blog = cases_of(findings_to_junit(FINDINGS, threshold=5))["Demo Blog (web app 101)"]

    assert blog.find("failure").get("message") == "2 findings of severity 5 or more"
    assert "QID 150085" in blog.find("system-out").text


def test_ignored_findings_count_only_when_asked_for():
    shop = cases_of(findings_to_junit(FINDINGS, include_ignored=True))["Demo Shop (web app 202)"]

    assert shop.find("failure").get("message") == "1 finding of severity 3 or more"
    assert "QID 150200" in shop.find("failure").text


def test_information_gathered_is_listed_when_asked_for_and_never_fails():
    cases = cases_of(findings_to_junit(FINDINGS, threshold=1, include_information_gathered=True))

    blog = cases["Demo Blog (web app 101)"]
    assert "QID 45038" not in blog.find("failure").text
    assert "QID 45038 Scan diagnostics: information gathered" in blog.find("system-out").text
    assert "45038" not in findings_to_junit(FINDINGS, threshold=1)


@pytest.mark.parametrize("data", [SCAN_INFO_RESULT, SCANS], ids=["whole result", "scans list"])
def test_scans_give_a_case_per_web_app_they_judged(data):
    cases = cases_of(findings_to_junit(copied(data)))

    # The running scan 14 judged nothing; scan 13 of tags is a case of its own.
    assert list(cases) == ["Demo Blog (web app 101)", "Demo Shop (web app 202)", "Scan 13 (scan 13)"]
    assert cases["Demo Blog (web app 101)"].find("failure").get("message") == "2 findings of severity 3 or more"
    assert "potential vulnerability" in cases["Demo Blog (web app 101)"].find("failure").text
    # A scan that found nothing: a case that passes, with nothing in it.
    assert list(cases["Demo Shop (web app 202)"]) == []
    assert cases["Scan 13 (scan 13)"].get("classname") == "qualys.was.scans"
    assert cases["Scan 13 (scan 13)"].find("failure") is None


def test_two_scans_of_one_web_app_are_one_case():
    scans = copied(SCANS[:1]) * 2

    cases = cases_of(findings_to_junit(scans))

    assert list(cases) == ["Demo Blog (web app 101)"]
    assert cases["Demo Blog (web app 101)"].find("failure").get("message") == "4 findings of severity 3 or more"


def test_hostile_text_keeps_the_document_well_formed():
    document = findings_to_junit(hostile_findings())

    [case] = suite_of(document).findall("testcase")
    # Markup comes back as it was; what XML cannot carry is replaced by U+FFFD.
    carried = HOSTILE.translate({code: "\ufffd" for code in (0, 1, 8, 11, 12, 27, 0xD800, 0xFFFE)})
    assert case.get("name") == "%s (web app 303)" % carried
    assert case.find("failure").text.startswith("QID 150999 %s: vulnerability" % carried)
    assert 'https://blog.example.com/?a=<b>&c="d"\ufffd' in case.find("failure").text
    assert "\x00" not in document and "]]>" not in document


@pytest.mark.parametrize("data", [[], {"findings": []}, {"scans": []}, [SCANS[3]]])
def test_no_finding_gives_an_empty_report(data):
    suite = suite_of(findings_to_junit(data))

    assert suite.findall("testcase") == [] and suite.get("tests") == "0"


@pytest.mark.parametrize("threshold", [0, 6, "high", None])
def test_the_threshold_is_a_severity(threshold):
    with pytest.raises(AnsibleFilterError, match="findings_to_junit: threshold must be a severity from 1 to 5"):
        findings_to_junit(FINDINGS, threshold=threshold)


def test_input_that_is_no_result_of_the_modules_fails_saying_why():
    with pytest.raises(AnsibleFilterError, match="findings_to_junit: expected the result of was_finding_info"):
        findings_to_junit({"unrelated": True})


def test_a_finding_without_a_web_app_is_in_a_case_of_its_own():
    record = finding(1, 150001, 5)
    record["web_app"] = None

    assert list(cases_of(findings_to_junit([record]))) == ["unknown web app"]
