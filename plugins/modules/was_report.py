#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_report
short_description: Create a Qualys WAS report, wait for it and download it to a file
version_added: 0.3.0
description:
  - Create a web application, scan, scorecard or catalog report in one of the formats Qualys offers, from a
    template, of web applications given by id, name or tags, or of scans; wait while Qualys generates it; and
    download it to O(dest), as M(ansible.builtin.get_url) downloads a file. Delete report records.
  - "B(One report per task, however often it runs.) A report of the same name, type and format that Qualys is
    still generating is attached to instead of creating another: an AWX job re-run after a failure, or a second
    task, never makes a second report. Finding it costs one search."
  - A create whose outcome is unknown (a timeout, a server error, an answer that cannot be read) is never sent
    again. The report is looked for, a few times, among the reports of its name, type and format created since
    the task began; when it is not found the task fails saying that the report may exist, and a re-run attaches
    to it if it is still being generated.
  - The report's status is polled until it is generated or O(wait_timeout) passes. The first poll comes 5
    seconds after the create and the pause doubles up to O(poll_interval) - one call per poll, counted in
    RV(api_calls), each repeated like every other call when Qualys answers with its rate or concurrency limits.
    A report whose generation ends in C(ERROR) fails the task with Qualys's words, and no file is written.
  - "B(The file.) O(dest) is a path on the host the module runs on: for most playbooks the control node, for a
    task delegated or run on another host, that host, as with M(ansible.builtin.get_url). The report is
    downloaded into a temporary file beside O(dest) and moved over it only once it is whole, so that a
    download that fails leaves no partial file and an older file as it was. With O(force=false), the default, an
    existing O(dest) is kept: nothing is created or downloaded, no call is made, and the task reports no change
    (unless O(mode), O(owner) or O(group) change the file). With O(force=true) a new report is made and
    replaces the file when its content differs."
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - ansible.builtin.files
attributes:
  check_mode:
    support: full
    description:
      - No report is created or deleted and no file is written; the searches still run.
      - C(changed) is true when the task would create a report or write O(dest), false when it would attach to a
        report being generated and leave O(dest) as it is.
  diff_mode:
    support: none
    description: A report is an action, not a configuration to compare; the result tells what was made.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
options:
  state:
    description:
      - V(present) creates the report, or attaches to the report of the same name, type and format being
        generated, waits for it and downloads it to O(dest); with O(id), it waits for and downloads that report
        and creates nothing.
      - V(absent) deletes the report record given by O(id) or O(name), whatever its status; none is no change.
        A downloaded file stays.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - Id of an existing report, to wait for and download it, or to delete it.
      - Takes precedence over O(name).
    type: int
  name:
    description:
      - Name of the report; identifies the report being generated to attach to, and the record to delete.
      - Qualys does not require report names to be unique. Surrounding white space is not part of the name.
      - "Defaults to a name made of the type, what the report covers as the task gives it, the format and the date
        in UTC, for example C(Web application report of tags Production as CSV on 2026-12-04), so that a re-run
        the same day attaches to the report its first run made."
    type: str
  description:
    description: Description of the report.
    type: str
  type:
    description:
      - What the report is of. V(web_app) reports the findings of web applications (O(target.web_apps) or
        O(target.tags)); V(scan) the results of scans (O(target.scans)); V(scorecard) a summary of the web
        applications that O(target.tags) select, or of all; V(catalog) the catalogue of web applications, without
        a target.
    type: str
    choices: [web_app, scan, scorecard, catalog]
    default: web_app
  format:
    description:
      - Format of the file. V(pdf_encrypted) needs O(pdf_password). Not every type takes every format; Qualys refuses
        one it does not, in its own words.
    type: str
    choices: [pdf, pdf_encrypted, html_zipped, html_base64, csv, csv_v2, xml, word, powerpoint]
    default: pdf
  pdf_password:
    description:
      - The password that opens a V(pdf_encrypted) report; taken with that format only. Never returned or logged.
    type: str
  template:
    description:
      - Report template, an id, an exact (case-sensitive) name or a dictionary with C(id) or C(name); a name costs
        one search. Without it, Qualys's default for the type. M(qualys.was.was_report_info) lists them.
    type: raw
  target:
    description:
      - What the report covers, one of O(target.web_apps), O(target.tags) or O(target.scans), as O(type) takes
        it.
      - Every reference is an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name); each
        distinct name costs one search before the create.
    type: dict
    suboptions:
      web_apps:
        description: Web applications, for a V(web_app) report.
        type: list
        elements: raw
      tags:
        description: The web applications that tags select, for a V(web_app) or V(scorecard) report.
        type: dict
        suboptions:
          included:
            description: Web applications with these tags.
            type: dict
            suboptions:
              option:
                description: Whether a web application needs V(all) the tags or V(any) of them.
                type: str
                choices: [all, any]
              tag_list:
                description: The tags.
                type: list
                elements: raw
                required: true
          excluded:
            description: Less the web applications with these tags.
            type: dict
            suboptions:
              option:
                description: Whether V(all) the tags or V(any) of them exclude a web application.
                type: str
                choices: [all, any]
              tag_list:
                description: The tags.
                type: list
                elements: raw
                required: true
      scans:
        description: Scans, for a V(scan) report; ids (or exact names of scans).
        type: list
        elements: raw
  dest:
    description:
      - Path of the file to download the report to, on the host the module runs on. Its folder must exist.
      - Needs O(wait=true). Without it the report is made and waited for, and stays on Qualys.
    type: path
  force:
    description:
      - Whether to make a new report when O(dest) exists; false keeps the file and makes no call.
    type: bool
    default: false
  wait:
    description:
      - Whether to wait until the report is generated (and download it, with O(dest)).
      - Without waiting, the task returns once the report is created or found; RV(report) then holds its id.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the report, 1 or more. When they pass, the task fails with the report's last known
        status (RV(timed_out)); Qualys goes on generating it, and a re-run attaches to it.
    type: int
    default: 1800
  poll_interval:
    description:
      - Longest pause between two polls of the report's status, in seconds, 1 or more; the first pauses are
        shorter (5 seconds, then doubling).
    type: int
    default: 30
  all_with_name:
    description:
      - With O(state=absent), delete every report record named O(name) rather than failing when several share it.
    type: bool
    default: false
notes:
  - Creating needs the Qualys permission C(Create Report), deleting C(Delete Report); reports cover only the web
    applications in the user's scope.
  - Reports take room in the subscription's report storage; when it is full, Qualys refuses to create one until
    reports are deleted (O(state=absent)).
seealso:
  - module: qualys.was.was_report_info
  - module: qualys.was.was_scan
  - module: ansible.builtin.get_url
"""

EXAMPLES = r"""
- name: A findings report of the web apps tagged Production, as CSV, downloaded beside the playbook
  qualys.was.was_report:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    type: web_app
    format: csv
    template: Web Application Report
    target:
      tags:
        included:
          option: any
          tag_list: [Production]
    dest: "{{ playbook_dir }}/production-findings.csv"
    mode: "0640"
  register: findings_csv

- name: Show where it went and what it holds
  ansible.builtin.debug:
    msg: "{{ findings_csv.dest }}: {{ findings_csv.size }} bytes, SHA-1 {{ findings_csv.checksum }}"

- name: The same report as a PDF that opens with a password; a re-run keeps the file and makes no call
  qualys.was.was_report:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    name: Production findings for the auditors
    format: pdf_encrypted
    pdf_password: "{{ report_password }}"
    target:
      tags:
        included:
          tag_list: [Production]
    dest: "{{ playbook_dir }}/production-findings.pdf"
  check_mode: true  # shows what would be made; without it the task creates, waits and downloads

- name: Report the results of the scan a pipeline just ran, and keep it on Qualys only
  qualys.was.was_report:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    type: scan
    format: xml
    target:
      scans: ["{{ shop_scan.scan.id }}"]
  register: scan_report
  when: shop_scan is defined

- name: Delete the report records of a name once downloaded
  qualys.was.was_report:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    name: Production findings for the auditors
    all_with_name: true
    state: absent
"""

RETURN = r"""
report:
  description:
    - The report the task created, attached to or waited for, in the shape of the module's options plus read-only
      fields; the password never.
    - After a wait, the whole record as Qualys reports it once generated; without a wait, the report as created or
      found; in check mode, the report that would be created, id null. Empty when O(dest) was kept.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: Id of the report.
      type: int
      sample: 8213001
    name:
      description: Name of the report.
      type: str
      sample: Web application report of tags Production as CSV on 2026-12-04
    type:
      description: V(web_app), V(scan), V(scorecard) or V(catalog).
      type: str
      sample: web_app
    format:
      description: Format of the file.
      type: str
      sample: csv
    target:
      description: What the report covers, with the suboptions of O(target), references with C(id) and C(name).
      type: dict
    status:
      description: V(submitted), V(running), V(complete) or V(error).
      type: str
      sample: complete
    message:
      description: Qualys's words on a report that failed; null otherwise.
      type: str
    size:
      description: Size of the file in bytes, once generated.
      type: int
      sample: 2048
    owner:
      description: Who made it (C(id), C(username), C(first_name), C(last_name)).
      type: dict
    creation_date:
      description: When it was created.
      type: str
      sample: "2026-12-04T08:00:00Z"
    download_count:
      description: How often it was downloaded before this task's download.
      type: int
reports:
  description: Every report of the task (one), each in the shape of RV(report).
  returned: when O(state=present)
  type: list
  elements: dict
created:
  description: Whether the task created a report (or would, in check mode); false when it attached to one.
  returned: when O(state=present)
  type: bool
timed_out:
  description: Whether O(wait_timeout) passed before the report was generated; the task then fails.
  returned: when O(state=present)
  type: bool
dest:
  description: Path of the file.
  returned: when O(dest) is given
  type: str
  sample: /srv/reports/production-findings.csv
downloaded:
  description: Whether the task downloaded the report; false when it kept an existing O(dest).
  returned: when O(dest) is given, except in check mode
  type: bool
checksum:
  description: SHA-1 checksum of the file, as M(ansible.builtin.get_url) reports it.
  returned: when O(dest) is given, except in check mode
  type: str
  sample: 2a7c1d4e5f60718293a4b5c6d7e8f90123456789
size:
  description: Size of the file in bytes.
  returned: when O(dest) is given, except in check mode
  type: int
  sample: 2048
deleted_ids:
  description: Ids of the report records deleted (or that would be, in check mode).
  returned: when O(state=absent)
  type: list
  elements: int
api_calls:
  description: Number of Qualys API calls the task made, polls and the download included.
  returned: always
  type: int
"""

from ansible_collections.qualys.was.plugins.module_utils.action import run_action_module
from ansible_collections.qualys.was.plugins.module_utils.report_action import REPORT_ACTION


def main():
    run_action_module(REPORT_ACTION)


if __name__ == "__main__":
    main()
