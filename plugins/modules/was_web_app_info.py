#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_web_app_info
short_description: Read Qualys WAS web applications
version_added: 0.2.0
description:
  - Find Qualys Web Application Scanning web applications by id, exact name, part of the name, tags or any search
    criteria, to audit them, to reference them from other tasks, or to bring existing ones under
    M(qualys.was.was_web_app).
  - All selectors given are combined with AND. Without any selector, every web app the API user may see is
    returned.
  - Reading N web apps costs one search per 1000 web apps, plus one call per web app when O(details=true).
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.info_module
options:
  id:
    description:
      - Only the web app with this id. One that does not exist, or that the user may not see, gives an empty list.
    type: int
  name:
    description:
      - Only web apps with exactly this name (case-sensitive). Qualys does not enforce unique names, so several may
        match.
    type: str
  name_contains:
    description: Only web apps whose name contains this text.
    type: str
  tags:
    description:
      - Only web apps that carry at least one of these tags, each an id, an exact (case-sensitive) name, or a
        dictionary with C(id) or C(name). Names are resolved with one search each; an unknown name fails the task.
    type: list
    elements: raw
  filters:
    description:
      - Further search criteria, passed to the Qualys search as they are, for fields the other options do not
        cover (for example C(url), C(createdDate), C(updatedDate), C(isScanned)).
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
          - V(in) takes a list, or a comma-separated string; V(none) matches web apps without a value and takes no
            O(filters[].value).
        type: str
        choices: [equals, "not equals", contains, in, greater, lesser, none]
        default: equals
      value:
        description:
          - The value to compare with, as the API expects it (dates as C(2030-01-31T21:30:00Z)).
          - Required unless O(filters[].operator=none).
        type: raw
  details:
    description:
      - Read each web app in full (scope, lists, default profile, scanner and records, comments), at the cost of
        one more API call per web app.
      - Without it, each web app holds what the Qualys search returns - id, name, URL, owner, dates and whether
        it has tags; the other keys are null.
    type: bool
    default: false
seealso:
  - module: qualys.was.was_web_app
    description: Manage a web app; each record's RV(web_apps[].options) is valid input for it.
"""

EXAMPLES = r"""
- name: Read one web app in full
  qualys.was.was_web_app_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    id: 4331923
    details: true
  register: shop

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: Every production web app whose name mentions the shop, changed since 2024
      qualys.was.was_web_app_info:
        name_contains: shop
        tags: [Production]
        filters:
          - field: updatedDate
            operator: greater
            value: "2024-01-01T00:00:00Z"
        details: true
      register: found

    - name: Bring each of them under management exactly as it is
      qualys.was.was_web_app:
        id: "{{ item.id }}"
        name: "{{ item.options.name }}"
        url: "{{ item.options.url }}"
        tags: "{{ item.options.tags }}"
        use_sitemap: "{{ item.options.use_sitemap }}"
      loop: "{{ found.web_apps }}"
"""

RETURN = r"""
web_apps:
  description:
    - The selected web apps in ascending id order, each in the shape of the options of M(qualys.was.was_web_app)
      plus read-only fields (see its RV(qualys.was.was_web_app#module:web_app) return value). Empty when none
      matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the web app.
      type: int
      sample: 4331923
    name:
      description: Name of the web app.
      type: str
      sample: web app 1497351058103
    url:
      description: Its URL.
      type: str
    tags:
      description:
        - Tags, each with C(id) and C(name).
        - Without O(details), an empty list when the web app has no tag and null when it has some, because the
          search only counts them.
      type: list
      elements: dict
    options:
      description:
        - The web app in the shape of the options of M(qualys.was.was_web_app), to be given back to it; without
          read-only values (id, owner, dates).
        - Without O(details), only what the search returns.
      type: dict
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the web app was created (UTC).
      type: str
    updated_date:
      description: When it was last changed (UTC).
      type: str
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.endpoints import TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Integer, Text
from ansible_collections.qualys.was.plugins.module_utils.criteria import Selector
from ansible_collections.qualys.was.plugins.module_utils.info_options import (
    ContainsSelector,
    run_info_module_with_options,
)
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource
from ansible_collections.qualys.was.plugins.module_utils.web_app_fields import DETAIL_ELEMENTS, FIELDS

RESOURCE = Resource(WEB_APP, return_key="web_apps", fields=FIELDS, detail_elements=DETAIL_ELEMENTS)

SELECTORS = [
    Selector("id", Integer()),
    Selector("name", Text(), exact=True),
    ContainsSelector("name_contains", field="name"),
    Selector("tags", Ref(TAG), field="tags.id", many=True),
]


def main():
    run_info_module_with_options(RESOURCE, SELECTORS, details=True)


if __name__ == "__main__":
    main()
