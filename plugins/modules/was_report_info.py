#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_report_info
short_description: Read Qualys WAS reports and report templates
version_added: 0.3.0
description:
  - Find Qualys Web Application Scanning reports by id, exact name, status, type, format, creation date or any
    search criteria, to follow a report made by M(qualys.was.was_report) with
    O(qualys.was.was_report#module:wait=false), or to find old reports to delete.
  - With O(templates=true), find the report templates instead, by id, exact name or type, to choose the
    O(qualys.was.was_report#module:template) of a report.
  - All selectors given are combined with AND. Without any selector, every report (or template) the API user may
    see is returned.
  - Reading N reports costs one search per 1000 reports, plus one call per report with O(details=true).
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.info_module
options:
  templates:
    description:
      - Whether to read report templates rather than reports; then only O(id), O(name), O(type) and O(filters)
        select, and the result is RV(templates).
    type: bool
    default: false
  id:
    description:
      - Only the report (or template) with this id. One that does not exist, or that the user may not see, gives an
        empty list.
    type: int
  name:
    description:
      - Only reports (or templates) with exactly this name (case-sensitive). Qualys does not enforce unique names,
        so several may match.
    type: str
  type:
    description: Only reports (or templates) of this type.
    type: str
    choices: [web_app, scan, scorecard, catalog]
  status:
    description:
      - Only reports in one of these statuses; V(submitted) and V(running) are those being generated.
    type: list
    elements: str
    choices: [submitted, running, complete, error]
  format:
    description: Only reports in this format.
    type: str
    choices: [pdf, pdf_encrypted, html_zipped, html_base64, csv, csv_v2, xml, word, powerpoint]
  created_after:
    description: Only reports created after this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  created_before:
    description: Only reports created before this UTC date and time, as C(2030-01-31T21:30:00Z).
    type: str
  details:
    description:
      - Whether to read each report in full (one call each), which adds what it covers (RV(reports[].target)).
    type: bool
    default: false
  filters:
    description:
      - Further search criteria, passed to the Qualys search as they are, for fields the other options do not
        cover (for example C(size), C(downloadCount), C(lastDownloadDate), C(owner.id)).
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
          - V(in) takes a list, or a comma-separated string; V(none) matches records without a value and takes no
            O(filters[].value).
        type: str
        choices: [equals, "not equals", contains, in, greater, lesser, none]
        default: equals
      value:
        description: The value to compare with, as the Qualys API spells it (for example C(WAS_SCAN_REPORT)).
        type: raw
notes:
  - Reading reports and templates needs no permission beyond API access.
seealso:
  - module: qualys.was.was_report
"""

EXAMPLES = r"""
- name: The web application report templates, to choose one by name
  qualys.was.was_report_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    templates: true
    type: web_app
  register: web_app_templates

- name: Reports that failed, or are still being generated, since the start of the year
  qualys.was.was_report_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    status: [error, submitted, running]
    created_after: "2026-01-01T00:00:00Z"
  register: unfinished

- name: The CSV reports downloaded at least once
  qualys.was.was_report_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    format: csv
    filters:
      - field: downloadCount
        operator: greater
        value: 0
  register: downloaded

- name: Delete them
  qualys.was.was_report:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ item.id }}"
    state: absent
  loop: "{{ downloaded.reports }}"
"""

RETURN = r"""
reports:
  description:
    - The selected reports in ascending id order, each in the shape of RV(qualys.was.was_report#module:report).
      Empty when none matches. Absent with O(templates=true).
  returned: when O(templates=false)
  type: list
  elements: dict
  contains:
    id:
      description: Id of the report.
      type: int
      sample: 8213001
    name:
      description: Name of the report.
      type: str
    type:
      description: V(web_app), V(scan), V(scorecard) or V(catalog).
      type: str
      sample: web_app
    format:
      description: Format of the file.
      type: str
      sample: pdf
    status:
      description: V(submitted), V(running), V(complete) or V(error).
      type: str
      sample: complete
    message:
      description: Qualys's words on a report that failed, where its record gives them.
      type: str
    target:
      description: What the report covers, with O(details=true); null otherwise.
      type: dict
    size:
      description: Size of the file in bytes, once generated.
      type: int
    download_count:
      description: How often it was downloaded.
      type: int
    last_download_date:
      description: When it was last downloaded.
      type: str
    owner:
      description: Who made it (C(id), C(username), C(first_name), C(last_name)).
      type: dict
    creation_date:
      description: When it was created (UTC).
      type: str
templates:
  description: The selected report templates in ascending id order.
  returned: when O(templates=true)
  type: list
  elements: dict
  contains:
    id:
      description: Id of the template, to give as O(qualys.was.was_report#module:template).
      type: int
      sample: 1994875
    name:
      description: Name of the template.
      type: str
      sample: Web Application Report
    type:
      description: The type of report it makes.
      type: str
      sample: web_app
    owner:
      description: Who made it, where Qualys shows it; null otherwise.
      type: dict
    created_date:
      description: When it was created, where Qualys shows it.
      type: str
    updated_date:
      description: When it was last changed, where Qualys shows it.
      type: str
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.report_info import run_report_info_module


def main():
    run_report_info_module()


if __name__ == "__main__":
    main()
