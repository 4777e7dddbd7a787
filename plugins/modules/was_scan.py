#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_scan
short_description: Launch a Qualys WAS scan, wait for it, and gate a pipeline on what it found
version_added: 0.2.0
description:
  - Launch a vulnerability or discovery scan of one web application, of a list of them, or of the web applications
    that tags select; wait for it to end; fail when it ends badly or when its findings break a gate
    (O(fail_on)). Cancel a running scan, or delete the record of one that ended.
  - "B(One scan per task, however often it runs.) With O(state=started), a scan of the same name that is still
    submitted, running or processing is attached to instead of launching another, unless O(launch=always): an AWX
    job re-run after a failure, or a second task, never starts a second full scan of the same target. Finding it
    costs one search."
  - A launch whose outcome is unknown (a timeout, a server error, an answer that cannot be read) is never sent
    again. The scan is looked for, a few times, among the running scans of its name launched since the task
    began; when it is not found the task fails saying that the scan may exist, and a re-run attaches to it if it
    does.
  - Qualys refuses a launch while the subscription runs its maximum of concurrent scans (an C(INVALID_REQUEST)
    answer, not an HTTP 409 or 429). The task says so and fails, or, with O(slot_timeout), waits for a scan to end
    and tries again, looking before each try whether another run of the task launched the scan meanwhile.
  - With O(wait=true), the scan's status is polled until it ends or O(wait_timeout) passes. The first poll comes
    5 seconds after the launch and the pause doubles up to O(poll_interval), so that a short scan is seen ending
    soon and a long one costs few calls - one call per scan and poll, counted in RV(api_calls), each repeated
    like every other call when Qualys answers with its rate or concurrency limits. Once the scan has ended, one
    C(get) reads its whole record (durations, counts by severity).
  - A good scan is one that FINISHED with the results status C(SUCCESSFUL), as recorded scans report it (or
    C(FINISHED), which the documented list of results statuses also holds). Any other end - an error, a scan
    canceled, a time limit reached, no web service or host found, a scanner not available - fails the task with
    Qualys's words, unless O(accept_end_states) lists it. A finished scan whose results are still being
    processed is waited for.
  - The module also runs under C(async) with C(poll), and with O(wait=false), after which
    M(qualys.was.was_scan_info) in an C(until) loop follows the scan; see the examples.
  - "B(Timeouts.) O(wait_timeout) bounds the wait (2 hours by default; recorded scans took 3 to 25 minutes, a large
    site can take hours, and Qualys cancels a scan after O(cancel_after_n_hours)). Under C(async), set C(async) a
    little longer than O(wait_timeout). In AWX or Automation Platform, the job template's timeout (0, no limit, by
    default) must exceed the wait too, or the job is killed while it waits; a task that timed out fails without
    canceling the scan, and a re-run attaches to it."
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.scan_gate
  - qualys.was.scan_target
attributes:
  check_mode:
    support: full
    description:
      - Nothing is launched, canceled or deleted, and nothing is waited for; the searches still run.
      - C(changed) is true when the task would launch a scan, false when it would attach to a running one.
  diff_mode:
    support: none
    description: A scan is an action, not a configuration to compare; the result tells what was launched or canceled.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
options:
  state:
    description:
      - V(started) launches the scan, or attaches to the running scan of the same name; with O(id), it waits for
        and judges that scan and launches nothing.
      - V(canceled) cancels the scan given by O(id), or every running scan of the name; a scan that is not running
        is no change.
      - V(absent) deletes the record of the scan given by O(id) or O(name); Qualys deletes only scans that are not
        running, so a running one fails the task before any write. Its findings stay.
    type: str
    choices: [started, canceled, absent]
    default: started
  id:
    description:
      - Id of an existing scan, to wait for it (O(state=started)), cancel it or delete it.
      - Takes precedence over O(name).
    type: int
  name:
    description:
      - Name of the scan; identifies the running scan to attach to or cancel, and the record to delete.
      - Qualys does not require scan names to be unique. Surrounding white space is not part of the name.
      - "Defaults to a name made of the scan type, the target as the task gives it and the date in UTC, for example
        C(Vulnerability scan of Demo Shop on 2026-12-04), so that a re-run of the same job on the same day attaches
        to the scan its first run launched. Give a name of your own (for example with the AWX workflow job id) to
        attach across days, or to keep apart two scans of one target on one day."
    type: str
  type:
    description: What the scan looks for.
    type: str
    choices: [vulnerability, discovery]
    default: vulnerability
  target:
    description:
      - What is scanned, and how. Needed to launch a scan; needs O(target.web_app), O(target.web_apps) or
        O(target.tags.included).
      - A list of web apps or tags launches a multi-scan. Where Qualys answers a multi-scan launch with one scan per
        web app, all of that name, the task waits for and judges every one of them (RV(scans)).
      - Every reference is an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name); each
        distinct name costs one search before the launch.
  profile:
    description:
      - Option profile of the scan; without it, the web application's default profile, else the subscription's.
    type: raw
  cancel_after_n_hours:
    description:
      - Hours after which Qualys cancels the scan, 1 to 24; the scan then ends with a time limit reached.
    type: int
  progressive_scanning:
    description: Whether the scan resumes where the previous scan of the web application stopped.
    type: str
    choices: [enabled, disabled]
  send_mail:
    description: Whether Qualys e-mails the scan's owner when it ends.
    type: bool
  send_one_mail:
    description: For a multi-scan, one e-mail for all its web applications rather than one each.
    type: bool
  launch:
    description:
      - V(once) attaches to a running scan of the same name rather than launching another.
      - V(always) launches even while one runs.
    type: str
    choices: [once, always]
    default: once
  wait:
    description:
      - Whether to wait for the scan to end, then judge how it ended (O(accept_end_states)) and its results
        (O(fail_on)).
      - Without waiting, the task returns once the scan is launched or found; RV(scan) then holds its id, and its
        status when it was found running.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the scan to end, 1 or more. When they pass, the task fails with the scan's last known
        status (RV(timed_out)); the scan goes on, and a re-run attaches to it.
    type: int
    default: 7200
  poll_interval:
    description:
      - Longest pause between two polls of the scan's status, in seconds, 1 or more; the first pauses are shorter
        (5 seconds, then doubling).
    type: int
    default: 60
  slot_timeout:
    description:
      - Seconds to keep trying a launch that Qualys refuses because the subscription runs its maximum of
        concurrent scans; 0 fails at once. Tries grow apart up to O(poll_interval).
    type: int
    default: 0
  accept_end_states:
    description:
      - Ends of a scan other than a good one that do not fail the task, as Qualys reports them in lower case - the
        status of a scan that did not finish (V(canceled), V(error), ...), or the results status of one that did
        (V(no_web_service), V(time_limit_reached), ...).
      - The other rules of O(fail_on) still judge the findings of such a scan; its end passes
        O(fail_on.scan_error).
    type: list
    elements: str
    choices: [canceled, canceled_with_results, deleted, error, no_host_alive, no_web_service, scan_internal_error,
              scan_not_launched, scan_results_invalid, scanner_not_available, service_error, time_limit_exceeded,
              time_limit_reached]
    default: []
  all_with_name:
    description:
      - With O(state=absent), delete every scan record named O(name) rather than failing when several share it.
    type: bool
    default: false
notes:
  - O(fail_on) needs O(wait=true). In check mode no scan is launched or waited for, so the gate is not judged.
  - Launching needs the Qualys permission C(Launch WAS Scan) and web applications in the user's scope; canceling
    and deleting need their own permissions.
seealso:
  - module: qualys.was.was_scan_info
  - module: qualys.was.was_scan_schedule
"""

EXAMPLES = r"""
- name: Launch a scan of the shop after a deploy, without waiting
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    name: Shop after deploy
    target:
      web_app: Demo Shop
      use_default_auth_record: true
    profile: Shop - gentle
    cancel_after_n_hours: 4
  register: shop_scan

- name: Run again while it runs, the task attaches to that scan instead of launching a second one
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    name: Shop after deploy
    target:
      web_app: Demo Shop
  register: again

- name: Show that no second scan was launched
  ansible.builtin.assert:
    that:
      - not again.changed
      - again.scan.id == shop_scan.scan.id

- name: Cancel the scan
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ shop_scan.scan.id }}"
    state: canceled

- name: Follow a scan with was_scan_info until it ends, a poll a minute for up to two hours
  qualys.was.was_scan_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ shop_scan.scan.id }}"
  register: shop_status
  until: shop_status.scans[0].status not in ["submitted", "running", "processing"]
  retries: 120
  delay: 60

- name: Judge how it ended - with an id the task launches nothing, and a scan that ended costs no wait
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ shop_scan.scan.id }}"
    wait: true
    accept_end_states: [canceled]  # this playbook canceled it; any other end but a good one fails

- name: Delete its record
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ shop_scan.scan.id }}"
    state: absent

- name: Scan the web apps tagged Production but not Staging, wait, and fail on any confirmed severity 4 or 5
  qualys.was.was_scan:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    type: vulnerability
    target:
      tags:
        included:
          option: any
          tag_list: [Production]
        excluded:
          option: any
          tag_list: [Staging]
      profile_option: default
    wait: true
    wait_timeout: 14400
    slot_timeout: 1800
    fail_on:
      severity: 4
      potential: false
      exclude_qids: ["150084"]
  register: production_scan
  check_mode: true  # shows what would be launched; without it the task launches, waits and judges
"""

RETURN = r"""
scan:
  description:
    - The scan the task launched, attached to, or waited for, in the shape of the module's options plus read-only
      fields; the first of RV(scans).
    - After a wait, the whole record as Qualys reports it once the scan ended. Without a wait, the scan as
      launched (its status null) or as found running; in check mode, the scan that would be launched, id null.
    - A scan has no owner and no created or updated dates, as other Qualys objects have;
      RV(scan.launched_by), RV(scan.launched_date) and RV(scan.end_scan_date) say who ran it and when.
  returned: when O(state=started)
  type: dict
  contains:
    id:
      description: Id of the scan.
      type: int
      sample: 5170635
    name:
      description: Name of the scan.
      type: str
      sample: Vulnerability scan of Demo Shop on 2026-12-04
    type:
      description: What the scan looks for.
      type: str
      sample: vulnerability
    target:
      description: What is scanned, with the suboptions of O(target); references with C(id) and C(name).
      type: dict
    profile:
      description: The option profile, with C(id) and C(name).
      type: dict
      sample: {"id": 1180539, "name": "Initial WAS Options"}
    reference:
      description: Qualys's reference of the scan.
      type: str
      sample: was/1587484564827.2495492
    mode:
      description: How the scan was launched, V(api), V(ondemand) or V(scheduled).
      type: str
      sample: api
    multi:
      description: Whether it is a multi-scan.
      type: bool
    web_app_url:
      description: URL of the scanned web application, for a single-app scan.
      type: str
    options:
      description: The settings the scan ran with, as Qualys lists them (C(name) and C(value)).
      type: list
      elements: dict
      sample: [{"name": "Scan Intensity", "value": "LOW"}]
    launched_date:
      description: When the scan was launched.
      type: str
      sample: "2020-04-21T15:57:12Z"
    launched_by:
      description: Who launched it (C(id), C(username), C(first_name), C(last_name)).
      type: dict
    status:
      description:
        - Status, in lower case - V(submitted), V(running), V(processing), V(finished), V(error), V(canceled), or
          another value Qualys reports (a time limit or a scanner not available, on some tenants).
      type: str
      sample: finished
    end_scan_date:
      description: When the scan ended.
      type: str
      sample: "2020-04-21T16:00:24Z"
    scan_duration:
      description: Duration in seconds.
      type: int
      sample: 192
    summary:
      description:
        - How the scan went - C(results_status) (V(successful) for a good scan), C(auth_status), C(crawl_duration),
          C(test_duration), C(links_crawled), C(nb_requests), C(os).
      type: dict
      sample: {"results_status": "successful", "auth_status": "none", "crawl_duration": 142, "test_duration": 808}
    stats:
      description:
        - Counts by severity in C(global) - C(nb_vulns_total), C(nb_vulns_level5) to C(nb_vulns_level1), and the
          same for sensitive contents (C(nb_scs_...)) and information gathered (C(nb_igs_...)).
      type: dict
scans:
  description:
    - Every scan of RV(scan)'s launch - one, or one per web application where Qualys answers a multi-scan launch
      so - each in the shape of RV(scan).
  returned: when O(state=started)
  type: list
  elements: dict
launched:
  description: Whether the task launched a scan (or would, in check mode); false when it attached to one.
  returned: when O(state=started)
  type: bool
timed_out:
  description: Whether O(wait_timeout) passed before the scan ended; the task then fails.
  returned: when O(state=started)
  type: bool
gate_result:
  description:
    - The judgement of O(fail_on), whether it passed or not; null without O(fail_on), in check mode, and when the
      scan ended in a state the task does not accept.
    - C(passed), C(violations) (each with C(qid), C(title), C(severity), C(url) and C(reason)), and C(checked)
      (the rules and the counts they were judged on).
  returned: when O(state=started)
  type: dict
  sample:
    passed: false
    violations:
      - qid: 150158
        title: Client Side Template Injection
        severity: 5
        url: http://shop.example.com/comment?id=1
        reason: severity 5, at or above 4
canceled_ids:
  description: Ids of the scans canceled (or that would be, in check mode).
  returned: when O(state=canceled)
  type: list
  elements: int
deleted_ids:
  description: Ids of the scan records deleted (or that would be, in check mode).
  returned: when O(state=absent)
  type: list
  elements: int
api_calls:
  description: Number of Qualys API calls the task made, polls included.
  returned: always
  type: int
"""

from ansible_collections.qualys.was.plugins.module_utils.action import run_action_module
from ansible_collections.qualys.was.plugins.module_utils.scan_action import SCAN_ACTION


def main():
    run_action_module(SCAN_ACTION)


if __name__ == "__main__":
    main()
