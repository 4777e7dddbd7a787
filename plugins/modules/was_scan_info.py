#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_scan_info
short_description: Read Qualys WAS scans and their results
version_added: 0.2.0
description:
  - Find Qualys Web Application Scanning scans by id, exact name, web application, status, type, launch date or any
    search criteria, to follow a scan launched by M(qualys.was.was_scan) with O(qualys.was.was_scan#module:wait=false),
    to audit what ran, or to read what a scan found.
  - All selectors given are combined with AND. Without any selector, every scan the API user may see is returned.
  - With O(results=true), each scan's results are read and reduced to a compact list of findings (QID, title,
    severity, potential, URL, parameter), page by page and without holding the whole download, so that scans of
    many thousand findings fit in memory.
  - Reading N scans costs one search per 1000 scans, plus one call per scan with O(details=true), plus one download
    per scan whose results have settled with O(results=true), and one finding search per 1000 findings of it where
    the download gives no severity per finding (the recorded downloads do not).
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.info_module
options:
  id:
    description:
      - Only the scan with this id. One that does not exist, or that the user may not see, gives an empty list.
    type: int
  name:
    description:
      - Only scans with exactly this name (case-sensitive). Qualys does not enforce unique names, so several may
        match.
    type: str
  web_app:
    description:
      - Only scans of this web application, an id, an exact (case-sensitive) name, or a dictionary with C(id) or
        C(name). A name is resolved with one search; an unknown name fails the task.
    type: raw
  status:
    description:
      - Only scans in one of these statuses.
      - V(submitted), V(running) and V(processing) are the scans that have not ended.
    type: list
    elements: str
    choices: [submitted, running, processing, finished, error, canceled]
  type:
    description: Only scans of this type.
    type: str
    choices: [vulnerability, discovery]
  launched_after:
    description: Only scans launched after this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  launched_before:
    description: Only scans launched before this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  filters:
    description:
      - Further search criteria, passed to the Qualys search as they are, for fields the other options do not
        cover (for example C(reference), C(mode), C(resultsStatus), C(authStatus), C(webApp.tags.id)).
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
          - V(in) takes a list, or a comma-separated string; V(none) matches scans without a value and takes no
            O(filters[].value).
        type: str
        choices: [equals, "not equals", contains, in, greater, lesser, none]
        default: equals
      value:
        description:
          - The value to compare with, as the API expects it (statuses in upper case, dates as
            C(2030-01-31T21:30:00Z)).
          - Required unless O(filters[].operator=none).
        type: raw
  details:
    description:
      - Read each scan in full (the settings it ran with among them), at the cost of one more API call per scan.
      - Without it, each scan holds what the Qualys search returns.
    type: bool
    default: false
  results:
    description:
      - Read each scan's results into RV(scans[].results), once the scan has ended and Qualys has processed its
        results; until then RV(scans[].results) is null and costs no call.
    type: bool
    default: false
seealso:
  - module: qualys.was.was_scan
    description: Launch, cancel and delete scans, wait for them and gate on their results.
"""

EXAMPLES = r"""
- name: The scans of the shop that have not ended
  qualys.was.was_scan_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    web_app: Demo Shop
    status: [submitted, running, processing]
  register: running

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: Vulnerability scans launched since the start of 2026, with what they found
      qualys.was.was_scan_info:
        type: vulnerability
        launched_after: "2026-01-01T00:00:00Z"
        results: true
      register: recent

    - name: The QIDs of severity 4 and 5 each finished scan confirmed
      ansible.builtin.debug:
        msg: >-
          {{ item.name }}:
          {{ item.results.findings | selectattr('severity', 'in', [4, 5]) | rejectattr('potential')
             | map(attribute='qid') | unique | list }}
      loop: "{{ recent.scans | selectattr('results') | list }}"
      loop_control:
        label: "{{ item.name }}"

    - name: Scans that could not reach their web app, read in full
      qualys.was.was_scan_info:
        filters:
          - field: resultsStatus
            operator: in
            value: [NO_HOST_ALIVE, NO_WEB_SERVICE]
        details: true
      register: unreachable
"""

RETURN = r"""
scans:
  description:
    - The selected scans in ascending id order, each in the shape of RV(qualys.was.was_scan#module:scan). Empty when
      none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the scan.
      type: int
      sample: 5170635
    name:
      description: Name of the scan.
      type: str
      sample: Shop after deploy
    type:
      description: V(vulnerability) or V(discovery).
      type: str
    target:
      description: What was scanned; references with C(id) and C(name).
      type: dict
    status:
      description:
        - Status, in lower case - V(submitted), V(running), V(processing), V(finished), V(error), V(canceled), or
          another value Qualys reports.
      type: str
      sample: finished
    summary:
      description:
        - How the scan went, once it has ended - C(results_status) (V(successful) for a good scan), C(auth_status),
          and with a successful scan C(crawl_duration), C(test_duration), C(links_crawled), C(nb_requests), C(os).
      type: dict
      sample: {"results_status": "no_web_service", "auth_status": "none"}
    launched_date:
      description: When the scan was launched (UTC).
      type: str
      sample: "2020-04-21T15:57:12Z"
    launched_by:
      description:
        - Who launched it (C(id), C(username), C(first_name), C(last_name)). A scan has no owner and no created or
          updated dates.
      type: dict
    end_scan_date:
      description: When the scan ended (UTC); null while it runs.
      type: str
      sample: "2020-04-21T16:00:24Z"
    options:
      description: The settings the scan ran with (C(name) and C(value)); with O(details) only.
      type: list
      elements: dict
    results:
      description:
        - The scan's results, with O(results); null while the scan runs or Qualys processes its results.
        - Statuses are in lower case, as in the scan. Severities go from 1 to 5 (most severe).
      type: dict
      contains:
        id:
          description: Id of the scan.
          type: int
        name:
          description: Name of the scan.
          type: str
        status:
          description: Status of the scan.
          type: str
          sample: finished
        results_status:
          description: Results status, V(successful) for a good scan.
          type: str
          sample: successful
        auth_status:
          description: Whether authentication worked, V(none) without an authentication record.
          type: str
          sample: none
        stats:
          description:
            - Qualys's counts by severity of C(vulnerabilities), C(sensitive_contents) and C(information_gathered),
              each with C(total) and C(level_5) to C(level_1).
            - Qualys's total of information gathered is often one or two more than it lists.
          type: dict
          sample:
            vulnerabilities: {total: 1, level_5: 0, level_4: 0, level_3: 1, level_2: 0, level_1: 0}
        findings:
          description: Every finding the scan lists, vulnerabilities first, then sensitive contents and information
            gathered.
          type: list
          elements: dict
          contains:
            qid:
              description: The QID of the finding in the Qualys knowledge base.
              type: int
              sample: 150085
            title:
              description: Its title.
              type: str
              sample: Slow HTTP POST vulnerability
            type:
              description: V(vulnerability), V(sensitive_content) or V(information_gathered).
              type: str
            severity:
              description:
                - Severity, 1 to 5; from the finding records of the web app where the download gives none. Null when
                  neither gives it (always for information gathered of such a download).
              type: int
              sample: 3
            potential:
              description:
                - Whether the vulnerability is potential rather than confirmed; null for other types, and where the
                  finding records disagree or are missing.
              type: bool
            url:
              description: The URL where it was found; null for information gathered.
              type: str
            param:
              description: The request parameter involved, if any.
              type: str
            instances:
              description: How many instances Qualys lists of it; null for information gathered.
              type: int
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.scan_info import run_scan_info_module


def main():
    run_scan_info_module()


if __name__ == "__main__":
    main()
