#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_finding_info
short_description: Read and count Qualys WAS findings
version_added: 0.2.0
description:
  - Find Qualys Web Application Scanning findings by web application, tags, scan, QID, severity, status, type,
    potential, ignored or not, first or last detection date, or any search criteria, and count them by severity,
    status and type - to see which web apps have open severity 4 and 5 vulnerabilities, what is new since last week,
    or to hand the findings to a CI system.
  - A finding is one QID detected at one URL and parameter of one web app. Qualys keeps it across scans; its
    status tells whether the latest scans still detect it. Ignoring a finding does not change its status.
  - All selectors given are combined with AND. Without any selector, every finding the API user may see is read.
  - Findings are read in pages of 1000, one after the other, and each page is reduced to the compact record of
    RV(findings) as it arrives, so that memory grows with the compact records kept (none with O(count_only=true)),
    not with what Qualys sends. Reading N findings costs one search per 1000 findings (at least one), plus one
    search per web app or tag given by name, plus one call with O(scan).
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.info_module
options:
  web_app:
    description:
      - Only findings of this web application, an id, an exact (case-sensitive) name, or a dictionary with C(id) or
        C(name). A name is resolved with one search; an unknown name fails the task.
    type: raw
  tags:
    description:
      - Only findings of web apps that carry at least one of these tags, each an id, an exact (case-sensitive) name,
        or a dictionary with C(id) or C(name). Names are resolved with one search each; an unknown name fails the
        task.
    type: list
    elements: raw
  scan:
    description:
      - Only findings of the web apps the scan with this id targeted - the web app of a single scan, the web apps of
        a multi-scan, or the web apps its target tags select. The scan is read with one call.
      - A Qualys finding names no scan, and a finding a later scan detects again is the same finding, so these are
        the findings of the scan's web apps, those earlier or later scans found included. To narrow them to what the
        scan itself detected, add O(last_detected_since) with the scan's launch date; to read exactly what one scan
        listed, use M(qualys.was.was_scan_info) with O(qualys.was.was_scan_info#module:results=true).
    type: int
  qid:
    description: Only findings of this QID, or of one of these QIDs.
    type: list
    elements: int
  severity:
    description: Only findings of exactly this severity, or of one of these severities, from 1 to 5 (most severe).
    type: list
    elements: int
  min_severity:
    description: Only findings of at least this severity, from 1 to 5.
    type: int
  status:
    description:
      - Only findings in one of these statuses. V(new) is first detected by the latest scan, V(active) detected
        again, V(fixed) no longer detected, V(reopened) detected again after being fixed, V(protected) behind a web
        application firewall.
      - Information gathered has no status, so selecting by status leaves it out.
    type: list
    elements: str
    choices: [new, active, reopened, protected, fixed]
  type:
    description: Only findings of one of these types.
    type: list
    elements: str
    choices: [vulnerability, sensitive_content, information_gathered]
  potential:
    description:
      - Only potential vulnerabilities (V(true)) or only confirmed findings (V(false)).
      - The Qualys finding search has no such criterion, so the findings are read and the others dropped; the
        option costs what reading without it costs.
    type: bool
  ignored:
    description:
      - Only ignored findings (V(true)), or only findings not ignored (V(false)).
      - V(true) is sent as a search criterion. V(false) is applied to the findings read, since information gathered
        carries no ignored flag and could be left out by the search; it costs what reading without it costs.
    type: bool
  first_detected_since:
    description: Only findings first detected after this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  last_detected_since:
    description: Only findings last detected after this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  filters:
    description:
      - Further search criteria, passed to the Qualys finding search as they are, for fields the other options do not
        cover (for example C(url), C(ignoredReason), C(group), C(owasp.code), C(cwe.id), C(fixedDate),
        C(webApp.tags.name)).
      - A criterion Qualys does not accept fails the task with Qualys's message.
    type: list
    elements: dict
    suboptions:
      field:
        description: The searchable field, as the Qualys API names it.
        type: str
        required: true
      operator:
        description:
          - How the field is compared with O(filters[].value); sent in upper case.
          - V(in) takes a list, or a comma-separated string; V(none) matches findings without a value and takes no
            O(filters[].value).
        type: str
        choices: [equals, "not equals", contains, in, greater, lesser, none]
        default: equals
      value:
        description:
          - The value to compare with, as the API expects it (statuses and reasons in upper case, dates as
            C(2030-01-31T21:30:00Z)).
          - Required unless O(filters[].operator=none).
        type: raw
  details:
    description:
      - Read the findings with a verbose search, which gives the reason and comment of each ignored finding
        (RV(findings[].ignored_reason), RV(findings[].ignored_comment)). It costs the same number of calls; each
        page Qualys sends is larger.
    type: bool
    default: false
  count_only:
    description: Return RV(counts) alone, without RV(findings); the findings are still read, page by page.
    type: bool
    default: false
notes:
  - Qualys reports a finding's severity as it stands, edited severities included.
seealso:
  - module: qualys.was.was_scan_info
    description: Read scans and what each one listed.
  - module: qualys.was.was_scan
    description: Launch scans and gate a pipeline on their results.
"""

EXAMPLES = r"""
- name: Open severity 4 and 5 vulnerabilities of the shop
  qualys.was.was_finding_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    web_app: Demo Shop
    type: [vulnerability]
    min_severity: 4
    status: [new, active, reopened]
    ignored: false
  register: open_findings

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: How many findings the production web apps have, by severity, status and type
      qualys.was.was_finding_info:
        tags: [Production]
        count_only: true
      register: production

    - name: Fail when the shop has an open severity 5 vulnerability
      ansible.builtin.assert:
        that: open_findings.findings | selectattr('severity', 'eq', 5) | list | length == 0
        fail_msg: "{{ open_findings.findings | selectattr('severity', 'eq', 5) | map(attribute='url') | list }}"

    - name: What was first found since the start of the year
      qualys.was.was_finding_info:
        first_detected_since: "2026-01-01T00:00:00Z"
      register: new_this_year

    - name: The accepted risks, with their reasons and comments
      qualys.was.was_finding_info:
        ignored: true
        filters:
          - field: ignoredReason
            value: RISK_ACCEPTED
        details: true
      register: accepted
"""

RETURN = r"""
counts:
  description:
    - How many findings were selected, always, with or without O(count_only).
    - C(by_status) leaves out information gathered, which has no status. A severity, status or type outside the
      documented ones is counted under its own name.
  returned: always
  type: dict
  contains:
    total:
      description: Number of findings selected.
      type: int
      sample: 86
    ignored:
      description: How many of them are ignored.
      type: int
      sample: 2
    by_severity:
      description: Number per severity, C(level_5) (most severe) to C(level_1).
      type: dict
      sample: {level_5: 6, level_4: 6, level_3: 27, level_2: 13, level_1: 34}
    by_status:
      description: Number per status, C(new), C(active), C(reopened), C(protected), C(fixed).
      type: dict
      sample: {new: 40, active: 0, reopened: 0, protected: 0, fixed: 0}
    by_type:
      description: Number per type, C(vulnerability), C(sensitive_content), C(information_gathered).
      type: dict
      sample: {vulnerability: 40, sensitive_content: 0, information_gathered: 46}
findings:
  description: The selected findings in ascending id order. Empty when none matches.
  returned: unless O(count_only=true)
  type: list
  elements: dict
  contains:
    id:
      description: Id of the finding.
      type: int
      sample: 16596752
    unique_id:
      description: The finding's unique id (a UUID), which Qualys also accepts where it takes an id.
      type: str
      sample: a7f73fdb-5293-4d46-bf41-ea4f37e469a5
    qid:
      description: The QID of the finding in the Qualys knowledge base.
      type: int
      sample: 150158
    title:
      description: Its title.
      type: str
      sample: Client Side Template Injection
    type:
      description: V(vulnerability), V(sensitive_content) or V(information_gathered).
      type: str
      sample: vulnerability
    severity:
      description: Severity, 1 to 5 (most severe).
      type: int
      sample: 5
    potential:
      description: Whether the vulnerability is potential rather than confirmed.
      type: bool
      sample: false
    status:
      description:
        - V(new), V(active), V(reopened), V(protected) or V(fixed), in lower case; null for information gathered,
          which has none.
      type: str
      sample: new
    url:
      description: The URL where it was detected; null for information gathered.
      type: str
      sample: http://testhtml5.vulnweb.com/comment?id=1
    param:
      description: The request parameter involved; null when none is.
      type: str
      sample: id
    web_app:
      description: The web app it belongs to, C(id) and C(name).
      type: dict
      sample: {id: 238483925, name: Test HTML5}
    first_detected:
      description: When a scan first detected it (UTC).
      type: str
      sample: "2022-04-12T21:15:49Z"
    last_detected:
      description: When a scan last detected it (UTC).
      type: str
      sample: "2022-04-12T21:15:49Z"
    last_tested:
      description: When a scan last tested for it (UTC).
      type: str
      sample: "2022-04-12T21:15:49Z"
    times_detected:
      description: How many scans detected it; null for information gathered.
      type: int
      sample: 1
    ignored:
      description: Whether it is ignored (a false positive, an accepted risk, not applicable).
      type: bool
      sample: false
    ignored_reason:
      description:
        - Why it is ignored, V(false_positive), V(risk_accepted) or V(not_applicable); with O(details) only, null
          otherwise and when it is not ignored.
      type: str
      sample: risk_accepted
    ignored_comment:
      description: The comment given when it was ignored; with O(details) only, null otherwise.
      type: str
      sample: Compensating control in the WAF, reviewed 2026-01-12
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.finding_info import run_finding_info_module


def main():
    run_finding_info_module()


if __name__ == "__main__":
    main()
