#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_option_profiles
short_description: Manage many Qualys WAS option profiles in one task, gather them as code, or render them
version_added: 0.2.0
description:
  - A resource module for Qualys Web Application Scanning option profiles, in the manner of Ansible's network
    resource modules - O(config) lists profiles, O(state) says what to do with them.
  - Each item of O(config) takes exactly the options of M(qualys.was.was_option_profile), less O(state), and is
    compared, sent and predicted as that module does.
  - The profiles concerned are read with the fewest searches - one per distinct name for a few items, else a
    listing in pages of 1000 when that costs less (one count call decides) - then, where the tenant's searches
    return summaries, one C(get) per profile concerned, O(read_concurrency) at a time. Only the needed writes
    follow. Each distinct tag name costs one search in all, however many items give it (tags have no count to
    decide on a listing).
  - O(state=gathered) reads the profiles in O(scope) in full, and returns them as items that need no change when
    applied; tags are names where the name is unique in the tenant, ids otherwise.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.resource_set
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) show each profile as it would be.
  diff_mode:
    support: full
    description: One diff per profile, the options its item sets before and after.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
notes:
  - Every item is validated, every name resolved and every item matched to its profile before the first write.
seealso:
  - module: qualys.was.was_option_profile
    description: The options of each item, and one profile per task.
  - module: qualys.was.was_scan_schedules
"""

EXAMPLES = r"""
- name: Read every option profile into a variables file
  qualys.was.was_option_profiles:
    state: gathered
  register: profiles

- name: Keep the team's profiles equal to the list in Git, deleting those of the team removed from it
  qualys.was.was_option_profiles:
    state: overridden
    scope:
      name_prefix: "AppSec - "
    config:
      - name: AppSec - gentle
        custom_performance:
          num_of_http_threads: 2
          delay_between_requests: 500
        tags: [Production]
      - name: AppSec - fast
        performance: high
        bruteforce_option: minimal

- name: Show the request a new profile would send, for review in a pull request (no call, no credentials)
  qualys.was.was_option_profiles:
    state: rendered
    config:
      - name: Review me
        performance: medium
        tags: [12017424]
"""

RETURN = r"""
results:
  description:
    - One entry per profile the task touched or compared - each item, then each profile deleted.
    - C(before) and C(after) hold the options the item sets (for a deletion, its id and name).
    - C(deleted) is true for a profile the task deletes, or would delete in check mode; its diff shows C(deleted) as
      the state after.
    - C(api_calls) counts the calls of the item's own writes; the reads are shared by all items and counted in
      the task's RV(api_calls).
  returned: when O(state) is V(merged), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"id": 1071201, "name": "AppSec - gentle", "changed": false, "deleted": false, "before": {}, "after": {}, "api_calls": 0}]
in_scope:
  description:
    - The profiles O(scope) selects, and those of them the task deletes (or would delete, in check mode), each with
      C(id) and C(name).
    - With O(scope.listed), the task warns of every profile it deletes whose name the list does not hold.
  returned: when O(state=overridden), and when O(state=deleted) without O(config)
  type: dict
  contains:
    selected:
      description: Every profile inside the scope.
      type: list
      elements: dict
    deleted:
      description: The profiles the task deletes, or would delete in check mode.
      type: list
      elements: dict
gathered:
  description:
    - The profiles in O(scope), sorted by name then id, as O(config) items; an item has C(id) only where its
      name is shared.
  returned: when O(state=gathered)
  type: list
  elements: dict
gathered_facts:
  description:
    - What the items of RV(gathered) leave out because a task cannot set it (id, owner, dates, whether it is the default),
      one entry per item in the same order.
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The XML ServiceRequest each item would send to create its profile, in O(config) order.
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
from ansible_collections.qualys.was.plugins.module_utils.option_profile_fields import RESOURCE


def main():
    run_resource_set_module(RESOURCE)


if __name__ == "__main__":
    main()
