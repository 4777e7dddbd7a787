# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: findings_to_junit
author: qualys.was contributors
version_added: 0.2.0
short_description: Findings as a JUnit XML report, for Jenkins and GitLab
description:
  - Turns the findings that C(qualys.was.was_finding_info) or M(qualys.was.was_scan_info) returned into a JUnit
    XML report, as Jenkins' JUnit plugin and GitLab's C(artifacts:reports:junit) read it.
  - One C(testsuites) document holding one C(testsuite), with one C(testcase) per web app. The findings of a scan
    whose target names several web apps, or tags, belong to the scan, which then is the test case.
  - A test case fails when a finding is at O(threshold) or above. Its one C(failure) says how many, and its text
    lists them, one a line (QID, title, type, severity, URL, parameter); both readers show one failure per test
    case. The findings below the threshold are listed in the test case's C(system-out).
  - A scan with results and no finding is a test case that passes. A list of findings names only the web apps
    that have one.
  - Information gathered never fails a test case. A finding whose severity is unknown counts as 1.
  - Markup in titles and URLs is escaped, and characters XML cannot carry are replaced by U+FFFD, so that any text
    Qualys returns gives a well-formed document.
positional: _input
options:
  _input:
    description:
      - The whole result C(qualys.was.was_finding_info) or M(qualys.was.was_scan_info) registered, or its
        C(findings) or C(scans) list. The findings of a scan are those of its C(results), read with
        O(qualys.was.was_scan_info#module:results=true); a scan without results (still running) is no test case.
    type: raw
    required: true
  threshold:
    description: The severity at and above which a finding fails its test case.
    type: int
    choices: [1, 2, 3, 4, 5]
    default: 3
  include_information_gathered:
    description: List information gathered too (in C(system-out)), which is left out by default.
    type: bool
    default: false
  include_ignored:
    description:
      - Include the findings ignored in Qualys (a false positive, an accepted risk), which are left out by default.
      - The findings of a scan's results have no ignored flag, so they are always included.
    type: bool
    default: false
seealso:
  - plugin: qualys.was.findings_to_sarif
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read the findings of a scan
  qualys.was.was_scan_info:
    name: Blog 2.4.1
    results: true
  register: blog_scan

- name: Write them for the CI system, failing at severity 4
  ansible.builtin.copy:
    content: "{{ blog_scan | qualys.was.findings_to_junit(threshold=4) }}"
    dest: qualys-was-junit.xml
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The JUnit XML document, a string with its XML declaration.
  type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.qualys.was.plugins.plugin_utils.ci_findings import (
    InputError,
    flag_option,
    read,
    selected,
    severity_option,
)
from ansible_collections.qualys.was.plugins.plugin_utils.junit import junit_report


def findings_to_junit(data, threshold=3, include_information_gathered=False, include_ignored=False):
    try:
        findings, subjects = read(data)
        # Every finding is listed; the threshold decides which fail.
        shown = selected(
            findings,
            1,
            flag_option(include_information_gathered, "include_information_gathered"),
            flag_option(include_ignored, "include_ignored"),
        )
        report = junit_report(shown, subjects, severity_option(threshold, "threshold"))
    except InputError as error:
        raise AnsibleFilterError("findings_to_junit: %s" % error) from None
    return report


class FilterModule:
    def filters(self):
        return {"findings_to_junit": findings_to_junit}
