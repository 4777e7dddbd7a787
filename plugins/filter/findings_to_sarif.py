# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: findings_to_sarif
author: qualys.was contributors
version_added: 0.2.0
short_description: Findings as a SARIF 2.1.0 log, for GitHub code scanning
description:
  - Turns the findings that C(qualys.was.was_finding_info) or M(qualys.was.was_scan_info) returned into a SARIF
    2.1.0 log of one run, the format GitHub code scanning takes (C(github/codeql-action/upload-sarif)).
  - One rule per QID (C(id) the QID, C(name) and C(shortDescription) its title, C(properties) its C(severity),
    C(type) and the C(security-severity) score GitHub rates alerts by), one result per finding with its URL as
    location.
  - "Severity as SARIF level: 5 and 4 C(error), 3 C(warning), 2 and 1 C(note). Information gathered is a result of
    kind C(informational), level C(none): something the scan learnt, no problem. A finding whose severity is
    unknown counts as 1."
  - "C(security-severity) of a rule (GitHub: 9.0 and above critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below 4.0
    low): severity 5 V(9.5), 4 V(8.0), 3 V(5.5), 2 V(3.0), 1 V(1.0); none for information gathered. A rule takes
    the highest severity of its findings."
  - Each result has C(partialFingerprints.qualysWasFinding/v1), a hash of the web app, QID, URL and parameter, the
    same in every run and from either module, so that GitHub keeps one alert per finding across uploads.
  - Each location is the finding's URL, as C(physicalLocation.artifactLocation.uri) with C(region.startLine) 1
    (GitHub shows a result only with a physical location and a start line), and the web app it is in (or the
    scan, when its target names no single web app) as a logical location.
  - A finding without a URL is left out, information gathered among them (Qualys gives it none), since GitHub
    refuses the whole log when one result has no physical location.
  - The tool is C(Qualys WAS); its version is the version of this collection.
positional: _input
options:
  _input:
    description:
      - The whole result C(qualys.was.was_finding_info) or M(qualys.was.was_scan_info) registered, or its
        C(findings) or C(scans) list. The findings of a scan are those of its C(results), read with
        O(qualys.was.was_scan_info#module:results=true); a scan without results (still running) has none.
    type: raw
    required: true
  minimum_severity:
    description: Leave out the findings below this severity.
    type: int
    choices: [1, 2, 3, 4, 5]
    default: 1
  include_information_gathered:
    description:
      - Include information gathered, which is left out by default.
      - Information gathered without a URL is left out all the same (see the description).
    type: bool
    default: false
  include_ignored:
    description:
      - Include the findings ignored in Qualys (a false positive, an accepted risk), which are left out by default.
      - The findings of a scan's results have no ignored flag, so they are always included.
    type: bool
    default: false
seealso:
  - plugin: qualys.was.findings_to_junit
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read the findings of a scan
  qualys.was.was_scan_info:
    name: Blog 2.4.1
    results: true
  register: blog_scan

- name: Write them for GitHub code scanning
  ansible.builtin.copy:
    content: "{{ blog_scan | qualys.was.findings_to_sarif | to_json }}"
    dest: qualys-was.sarif
    mode: "0644"

- name: Severity 3 and more, ignored findings included
  ansible.builtin.copy:
    content: "{{ blog_scan.scans | qualys.was.findings_to_sarif(minimum_severity=3, include_ignored=true) | to_json }}"
    dest: qualys-was.sarif
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The SARIF log, a dictionary; C(to_json) writes it as the file GitHub takes.
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.qualys.was.plugins.module_utils.versions import COLLECTION_VERSION
from ansible_collections.qualys.was.plugins.plugin_utils.ci_findings import (
    InputError,
    flag_option,
    read,
    selected,
    severity_option,
)
from ansible_collections.qualys.was.plugins.plugin_utils.sarif import sarif_log


def findings_to_sarif(data, minimum_severity=1, include_information_gathered=False, include_ignored=False):
    try:
        findings, _subjects = read(data)
        shown = selected(
            findings,
            severity_option(minimum_severity, "minimum_severity"),
            flag_option(include_information_gathered, "include_information_gathered"),
            flag_option(include_ignored, "include_ignored"),
        )
    except InputError as error:
        raise AnsibleFilterError("findings_to_sarif: %s" % error) from None
    return sarif_log(shown, COLLECTION_VERSION)


class FilterModule:
    def filters(self):
        return {"findings_to_sarif": findings_to_sarif}
