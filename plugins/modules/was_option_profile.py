#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_option_profile
short_description: Manage Qualys WAS option profiles
version_added: 0.1.0
description:
  - Create, update and delete Qualys Web Application Scanning option profiles, including a custom scan
    intensity (number of HTTP threads and delay between requests).
  - Only the options a task sets are compared and sent; every other setting of the profile is left as it is.
  - An unchanged profile costs one search, plus one C(get) where the tenant answers searches with a summary of
    each profile (which Qualys does not document either way). A change costs one write more; each distinct tag
    name one search, ids nothing. The state after an update is predicted from that read, because Qualys answers
    an update with the id alone.
  - Options the task does not set take the server's defaults at creation; the collection never relies on what
    those defaults are.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.state
attributes:
  check_mode:
    support: full
    description: Nothing is written; the result shows the profile as it would be.
  diff_mode:
    support: full
    description: Before and after of the options the task sets.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
options:
  name:
    description:
      - Name of the option profile. Identifies the profile when O(id) is not given.
      - With O(id), a different name renames the profile.
      - Required to create a profile.
    type: str
  performance:
    description:
      - A predefined scan intensity. Qualys uses V(low) when neither this nor O(custom_performance) is given
        at creation.
      - Setting it replaces a custom intensity.
      - The product offers five levels, Lowest, Low, Medium, High and Maximum (1, 2, 5, 7 and 10 threads). The
        API spellings of V(lowest) and V(maximum) (C(LOWEST), C(MAXIMUM)) are inferred from the product's labels;
        no published request shows them.
    type: str
    choices: [lowest, low, medium, high, maximum]
  custom_performance:
    description:
      - A custom scan intensity. Setting it replaces a predefined O(performance) level.
    type: dict
    suboptions:
      num_of_http_threads:
        description: Threads used to scan each host, from 1 to 10.
        type: int
        required: true
      delay_between_requests:
        description: Delay between the scanner's requests to the application, from 0 to 2000 milliseconds.
        type: int
        required: true
  form_submission:
    description:
      - Which forms the scanner submits; V(none) submits none. The API spelling of V(none) (C(NONE)) is inferred
        from the product's label.
    type: str
    choices: [none, post, get, both]
  bruteforce_option:
    description: How much password guessing the scan does.
    type: str
    choices: [disabled, minimal, limited, exhaustive]
  max_crawl_requests:
    description: The most links the scanner crawls, 1 or more.
    type: int
  timeout_error_threshold:
    description: Timeout errors after which the scan stops, 0 or more.
    type: int
  unexpected_error_threshold:
    description: Unexpected errors after which the scan stops, 0 or more.
    type: int
  ignore_binary_files:
    description: Whether to skip binary files while crawling.
    type: bool
  smart_scan_support:
    description: Whether to detect frameworks and adapt the scan to them.
    type: bool
  smart_scan_depth:
    description: How deep smart scan looks, 1 or more; used while O(smart_scan_support) is V(true).
    type: int
  sensitive_content:
    description: Sensitive content the scan looks for in responses.
    type: dict
    suboptions:
      credit_card_number:
        description: Report credit card numbers.
        type: bool
      social_security_number:
        description: Report social security numbers.
        type: bool
  parameter_set:
    description: Id of the parameter set to use, 0 or more; Qualys provides V(0), C(Initial Parameters).
    type: int
  comments:
    description:
      - Comments on the profile. When given, the list is authoritative and compared without regard to order.
    type: list
    elements: str
  tags:
    description:
      - Tags of the profile, each an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name).
      - When given, the list is authoritative and compared without regard to order. Names are resolved with
        one search.
    type: list
    elements: raw
notes:
  - Custom intensity ranges and the exclusion of O(performance) and O(custom_performance) are checked before
    any API call.
seealso:
  - module: qualys.was.was_option_profiles
    description: Many profiles in one task, gathered from a tenant as code, or rendered for review.
  - module: qualys.was.was_scan_schedule
"""

EXAMPLES = r"""
- name: Create an option profile with a custom scan intensity
  qualys.was.was_option_profile:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    name: Option Profile with Custom Scan Intensity
    custom_performance:
      num_of_http_threads: 5
      delay_between_requests: 100
  register: created

- name: Rename it and raise its intensity
  qualys.was.was_option_profile:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    id: "{{ created.option_profile.id }}"
    name: Update Option Profile with Custom Scan Intensity
    custom_performance:
      num_of_http_threads: 10
      delay_between_requests: 20

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: Make sure the profile is as the team agreed
      qualys.was.was_option_profile:
        name: Update Option Profile with Custom Scan Intensity
        smart_scan_support: false
        bruteforce_option: minimal
        custom_performance:
          num_of_http_threads: 10
          delay_between_requests: 20

    - name: Tag a production profile by tag name and keep detection of card numbers on
      qualys.was.was_option_profile:
        name: Production - gentle
        performance: low
        sensitive_content:
          credit_card_number: true
        tags:
          - Production
          - 12017228

    - name: Remove a profile no schedule uses any more
      qualys.was.was_option_profile:
        name: Legacy profile
        state: absent
"""

RETURN = r"""
option_profile:
  description:
    - The option profile after the task, in the shape of the module's options plus read-only fields.
    - Predicted from the read and the change after an update, and in check mode.
    - Empty when the profile is absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the profile; null for a profile that check mode would create.
      type: int
      sample: 1608560
    name:
      description: Name of the profile.
      type: str
      sample: Option Profile with Custom Scan Intensity
    is_default:
      description: Whether this is the subscription's default profile.
      type: bool
    performance:
      description: Predefined intensity; null while a custom intensity is set.
      type: str
      sample: low
    custom_performance:
      description: Custom intensity, with C(num_of_http_threads) and C(delay_between_requests).
      type: dict
      sample: {"num_of_http_threads": 5, "delay_between_requests": 100}
    form_submission:
      description: Which forms the scanner submits.
      type: str
    bruteforce_option:
      description: Password guessing level.
      type: str
      sample: minimal
    max_crawl_requests:
      description: The most links crawled.
      type: int
    timeout_error_threshold:
      description: Timeout errors after which the scan stops.
      type: int
    unexpected_error_threshold:
      description: Unexpected errors after which the scan stops.
      type: int
    ignore_binary_files:
      description: Whether binary files are skipped.
      type: bool
    smart_scan_support:
      description: Whether smart scan is on.
      type: bool
    smart_scan_depth:
      description: Smart scan depth.
      type: int
    sensitive_content:
      description: C(credit_card_number) and C(social_security_number) detection.
      type: dict
    parameter_set:
      description: Id of the parameter set.
      type: int
    comments:
      description: Comment texts.
      type: list
      elements: str
    tags:
      description: Tags, each with C(id) and C(name).
      type: list
      elements: dict
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the profile was created (UTC).
      type: str
    created_by:
      description: Who created it.
      type: dict
    updated_date:
      description: When it was last changed (UTC).
      type: str
    updated_by:
      description: Who changed it last.
      type: dict
deleted_ids:
  description:
    - Ids of the option profiles a O(state=absent) task deleted, or would delete in check mode; several with
      O(all_with_name=true).
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [697193]
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.one_object import run_resource_module
from ansible_collections.qualys.was.plugins.module_utils.option_profile_fields import RESOURCE


def main():
    run_resource_module(RESOURCE)


if __name__ == "__main__":
    main()
