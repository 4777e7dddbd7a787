#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_scan_schedules
short_description: Manage many Qualys WAS scan schedules in one task, gather them as code, or render them
version_added: 0.2.0
description:
  - A resource module for Qualys Web Application Scanning scan schedules, in the manner of Ansible's network
    resource modules - O(config) lists schedules, O(state) says what to do with them.
  - Each item of O(config) takes exactly the options of M(qualys.was.was_scan_schedule), less O(state), and is
    compared, sent and predicted as that module does.
  - The schedules concerned are read with the fewest searches - one per distinct name for a few items, else a
    listing in pages of 1000 when that costs less (one count call decides) - then, where the tenant's searches
    return summaries, one C(get) per schedule concerned, O(read_concurrency) at a time. Only the needed writes
    follow. The names the items give of web apps, option profiles and authentication records are resolved the
    same way (tags, which have no count, one search per name), each once however many items give it.
  - O(state=gathered) reads the schedules in O(scope) in full, and returns them as items that need no change
    when applied; references are names where the name is unique in the tenant, ids otherwise.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.resource_set
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) show each schedule as it would be.
  diff_mode:
    support: full
    description: One diff per schedule, the options its item sets before and after.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
notes:
  - Every item is validated, every name resolved and every item matched to its schedule before the first write;
    a create missing what Qualys needs (a C(name), a C(target)) or starting in the past (C(scheduling.start_date))
    fails the task before any write, in check mode too.
seealso:
  - module: qualys.was.was_scan_schedule
    description: The options of each item, and one schedule per task.
  - module: qualys.was.was_option_profiles
"""

EXAMPLES = r"""
- name: Read every schedule whose name starts with "Prod " into a variables file
  qualys.was.was_scan_schedules:
    state: gathered
    scope:
      name_prefix: "Prod "
  register: prod

- name: Keep the "Prod " schedules equal to the list in Git, deleting those removed from it
  qualys.was.was_scan_schedules:
    state: overridden
    scope:
      name_prefix: "Prod "
    config:
      - name: Prod shop weekly
        profile: Initial WAS Options
        target:
          web_app: Demo Shop
        scheduling:
          start_date: "2031-01-04T01:00:00Z"
          time_zone: {code: UTC}
          occurrence_type: weekly
          weekly_occurrence: {every_n_weeks: 1, on_days: [saturday]}
      - name: Prod tagged monthly
        profile: Initial WAS Options
        target:
          tags:
            included: {option: any, tag_list: [Production]}
        scheduling:
          start_date: "2031-01-06T01:00:00Z"
          time_zone: {code: UTC}
          occurrence_type: monthly
          monthly_occurrence:
            day_order_in_month: {day_order: first, day_of_month: monday, every_n_months: 1}

- name: Show the request a new schedule would send, for review in a pull request (no call, no credentials)
  qualys.was.was_scan_schedules:
    state: rendered
    config:
      - name: Review me
        profile: 1071133
        target:
          web_apps: [4331923, 4331924]
        scheduling:
          start_date: "2031-01-04T01:00:00Z"
          time_zone: {code: UTC}
          occurrence_type: once
"""

RETURN = r"""
results:
  description:
    - One entry per schedule the task touched or compared - each item, then each schedule deleted.
    - C(before) and C(after) hold the options the item sets (for a deletion, its id and name).
    - C(deleted) is true for a schedule the task deletes, or would delete in check mode; its diff shows C(deleted) as
      the state after.
    - C(api_calls) counts the calls of the item's own writes; the reads are shared by all items and counted in
      the task's RV(api_calls).
  returned: when O(state) is V(merged), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"id": 697001, "name": "Prod shop weekly", "changed": false, "deleted": false, "before": {}, "after": {}, "api_calls": 0}]
in_scope:
  description:
    - The schedules O(scope) selects, and those of them the task deletes (or would delete, in check mode), each with
      C(id) and C(name).
    - With O(scope.listed), the task warns of every schedule it deletes whose name the list does not hold.
  returned: when O(state=overridden), and when O(state=deleted) without O(config)
  type: dict
  contains:
    selected:
      description: Every schedule inside the scope.
      type: list
      elements: dict
    deleted:
      description: The schedules the task deletes, or would delete in check mode.
      type: list
      elements: dict
gathered:
  description:
    - The schedules in O(scope), sorted by name then id, as O(config) items; an item has C(id) only where its
      name is shared.
  returned: when O(state=gathered)
  type: list
  elements: dict
gathered_facts:
  description:
    - What the items of RV(gathered) leave out because a task cannot set it (id, owner, dates, launched count),
      one entry per item in the same order.
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The XML ServiceRequest each item would send to create its schedule, in O(config) order.
  returned: when O(state=rendered)
  type: list
  elements: str
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.qualys.was.plugins.module_utils.resource_set import run_resource_set_module
from ansible_collections.qualys.was.plugins.module_utils.scan_schedule_fields import RESOURCE


def main():
    run_resource_set_module(RESOURCE)


if __name__ == "__main__":
    main()
