#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_web_app
short_description: Manage Qualys WAS web applications
version_added: 0.2.0
description:
  - Create, update and delete the web applications Qualys Web Application Scanning scans - their URL and scope,
    tags, default option profile, scanner and authentication record, the authentication records they may use,
    black and white lists, headers, custom attributes and comments.
  - Only the options a task sets are compared and sent. A list given is authoritative, sent whole and compared
    without regard to order; with its C(purge_<list>) option V(false), only the items missing are added and the
    others kept (Ansible's convention for tags).
  - An unchanged web app costs one search, plus one C(get) where the search answers with a summary of it. A change
    costs one write more; each distinct name of a tag, option profile or authentication record costs one search,
    ids nothing. The state after an update is predicted from that read, because Qualys answers an update with the
    id alone.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.state
attributes:
  check_mode:
    support: full
    description: Nothing is written; the result shows the web app as it would be.
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
      - Name of the web app. Identifies it when O(id) is not given.
      - Qualys does not require names to be unique; when several web apps share the name, the task fails and lists
        their ids, to be given as O(id).
      - With O(id), a different name renames the web app. Required to create one.
    type: str
  url:
    description: The URL the scans start from. Required to create a web app.
    type: str
  scope:
    description:
      - What the scans may crawl besides O(url) - V(all) of its host, V(limit) only its path, V(subdomain) the
        O(sub_domain) too, V(domains) the O(domains) too. Qualys uses V(all) when not given at creation.
    type: str
    choices: [all, limit, subdomain, domains]
  sub_domain:
    description: The sub-domain crawled with O(scope=subdomain).
    type: str
  domains:
    description: The domains crawled with O(scope=domains). The list is authoritative unless O(purge_domains=false).
    type: list
    elements: str
  purge_domains:
    description:
      - Whether domains the web app has and O(domains) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  uris:
    description: Further URIs the scans start from. The list is authoritative unless O(purge_uris=false).
    type: list
    elements: str
  purge_uris:
    description:
      - Whether URIs the web app has and O(uris) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  tags:
    description:
      - Tags of the web app, each an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name).
      - The list is authoritative unless O(purge_tags=false).
    type: list
    elements: raw
  purge_tags:
    description:
      - Whether tags the web app has and O(tags) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  default_profile:
    description:
      - The option profile scans use unless a schedule names another, as an id, an exact name, or a dictionary with
        C(id) or C(name).
    type: raw
  default_scanner:
    description: The scanner scans use unless a schedule names another.
    type: dict
    suboptions:
      type:
        description: V(external) is a Qualys scanner on the internet, V(internal) a scanner appliance.
        type: str
        choices: [external, internal]
        required: true
      friendly_name:
        description: Name of the scanner appliance, for V(internal).
        type: str
  default_scanner_tags:
    description:
      - The scanner appliances scans may use, selected by tags (each an id, an exact name, or a dictionary with
        C(id) or C(name)).
      - The list is authoritative unless O(purge_default_scanner_tags=false).
    type: list
    elements: raw
  purge_default_scanner_tags:
    description:
      - Whether scanner tags the web app has and O(default_scanner_tags) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  auth_records:
    description:
      - The authentication records scans of the web app may use, each an id, an exact name, or a dictionary with
        C(id) or C(name).
      - The list is authoritative unless O(purge_auth_records=false).
    type: list
    elements: raw
  purge_auth_records:
    description:
      - Whether records the web app has and O(auth_records) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  default_auth_record:
    description:
      - The authentication record scans use by default, as an id, an exact name, or a dictionary with C(id) or
        C(name); a schedule with C(target.use_default_auth_record) uses it.
    type: raw
  url_blacklist:
    description:
      - URLs the scans never crawl (black list). Each entry is a URL, or a regular expression with O(url_blacklist[].regex=true).
      - The list is authoritative unless O(purge_url_blacklist=false).
    type: list
    elements: dict
    suboptions:
      url:
        description: The URL or the regular expression.
        type: str
        required: true
      regex:
        description: Whether O(url_blacklist[].url) is a regular expression. Qualys takes it as V(false) when not given.
        type: bool
  purge_url_blacklist:
    description:
      - Whether entries the web app has and O(url_blacklist) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  url_whitelist:
    description:
      - URLs the scans crawl although the black list matches them (white list). Each entry is a URL, or a regular expression with O(url_whitelist[].regex=true).
      - The list is authoritative unless O(purge_url_whitelist=false).
    type: list
    elements: dict
    suboptions:
      url:
        description: The URL or the regular expression.
        type: str
        required: true
      regex:
        description: Whether O(url_whitelist[].url) is a regular expression. Qualys takes it as V(false) when not given.
        type: bool
  purge_url_whitelist:
    description:
      - Whether entries the web app has and O(url_whitelist) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  post_data_blacklist:
    description:
      - URLs to which the scans never send POST data. Each entry is a URL, or a regular expression with O(post_data_blacklist[].regex=true).
      - The list is authoritative unless O(purge_post_data_blacklist=false).
    type: list
    elements: dict
    suboptions:
      url:
        description: The URL or the regular expression.
        type: str
        required: true
      regex:
        description: Whether O(post_data_blacklist[].url) is a regular expression. Qualys takes it as V(false) when not given.
        type: bool
  purge_post_data_blacklist:
    description:
      - Whether entries the web app has and O(post_data_blacklist) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  logout_regex_list:
    description:
      - URLs that log the scanner out, which it avoids. Each entry is a URL, or a regular expression with O(logout_regex_list[].regex=true).
      - The list is authoritative unless O(purge_logout_regex_list=false).
    type: list
    elements: dict
    suboptions:
      url:
        description: The URL or the regular expression.
        type: str
        required: true
      regex:
        description: Whether O(logout_regex_list[].url) is a regular expression. Qualys takes it as V(false) when not given.
        type: bool
  purge_logout_regex_list:
    description:
      - Whether entries the web app has and O(logout_regex_list) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  headers:
    description:
      - "HTTP headers the scanner adds to its requests, each as C(Name: value)."
      - The list is authoritative unless O(purge_headers=false).
    type: list
    elements: str
  purge_headers:
    description:
      - Whether headers the web app has and O(headers) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  attributes:
    description:
      - Custom attributes of the web app. The list is authoritative unless O(purge_attributes=false).
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the attribute.
        type: str
      value:
        description: Its value.
        type: str
  purge_attributes:
    description:
      - Whether attributes the web app has and O(attributes) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
  use_robots:
    description:
      - What the scans do with the site's C(robots.txt) - V(ignore) it, V(add_paths) crawl the paths it lists, or
        V(blacklist) avoid them. Qualys uses V(ignore) when not given at creation.
    type: str
    choices: [ignore, add_paths, blacklist]
  use_sitemap:
    description: Whether the scans crawl the links of the site's C(sitemap.xml).
    type: bool
  malware_monitoring:
    description: Whether Qualys monitors the web app for malware.
    type: bool
  comments:
    description: Comments on the web app. The list is authoritative unless O(purge_comments=false).
    type: list
    elements: str
  purge_comments:
    description:
      - Whether comments the web app has and O(comments) does not list are removed. With V(false), the missing ones are
        added and the others kept.
    type: bool
    default: true
notes:
  - A scope needing a sub-domain or domains without them is refused before any API call.
  - Qualys's web application API also has settings this module does not manage (proxy, DNS overrides, crawling
    scripts, malware scheduling); a task leaves them as they are.
seealso:
  - module: qualys.was.was_web_app_info
  - module: qualys.was.was_auth_record
  - module: qualys.was.was_scan_schedule
"""

EXAMPLES = r"""
- name: The shop, scanned with its login record and a gentle profile by default
  qualys.was.was_web_app:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    name: Shop
    url: https://shop.example.com/
    scope: domains
    domains:
      - api.shop.example.com
    tags: [Production, PCI]
    default_profile: Shop - gentle
    auth_records: [Shop login]
    default_auth_record: Shop login
    url_blacklist:
      - url: https://shop.example.com/logout
      - url: "https://shop\\.example\\.com/admin/.*"
        regex: true
    headers:
      - "X-Scanner: qualys"
    use_robots: add_paths
    use_sitemap: true

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: Tag the seed's web app for the audit without touching its other tags
      qualys.was.was_web_app:
        id: 4331923
        tags: [Internet Facing]
        purge_tags: false

    - name: Scan the intranet portal from the internal scanner appliance
      qualys.was.was_web_app:
        name: Intranet Portal
        default_scanner:
          type: internal
          friendly_name: appliance-dc1
        attributes:
          - name: owner
            value: it-ops

    - name: Remove a web app that was decommissioned
      qualys.was.was_web_app:
        name: Legacy portal
        state: absent
"""

RETURN = r"""
web_app:
  description:
    - The web app after the task, in the shape of the module's options plus read-only fields.
    - References (tags, profile, records) are dictionaries with C(id) and C(name).
    - Predicted from the read and the change after an update, and in check mode.
    - Empty when the web app is absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the web app; null for a web app that check mode would create.
      type: int
      sample: 4331923
    name:
      description: Name of the web app.
      type: str
      sample: web app 1497351058103
    url:
      description: Its URL.
      type: str
      sample: http://www.example.com/cassium/xss/
    scope:
      description: What the scans may crawl.
      type: str
      sample: all
    sub_domain:
      description: The sub-domain of O(scope=subdomain).
      type: str
    domains:
      description: The domains of O(scope=domains).
      type: list
      elements: str
    uris:
      description: Further URIs the scans start from.
      type: list
      elements: str
    tags:
      description: Tags, each with C(id) and C(name).
      type: list
      elements: dict
      sample: [{"id": 12017424, "name": "Production"}]
    default_profile:
      description: The default option profile, with C(id) and C(name).
      type: dict
    default_scanner:
      description: The default scanner, with C(type) and C(friendly_name).
      type: dict
    default_scanner_tags:
      description: Tags selecting the scanner appliances, each with C(id) and C(name).
      type: list
      elements: dict
    auth_records:
      description: The authentication records the web app may use, each with C(id) and C(name).
      type: list
      elements: dict
    default_auth_record:
      description: The default authentication record, with C(id) and C(name).
      type: dict
    url_blacklist:
      description: Black list entries, each with C(url) and C(regex).
      type: list
      elements: dict
    url_whitelist:
      description: White list entries, each with C(url) and C(regex).
      type: list
      elements: dict
    post_data_blacklist:
      description: POST data black list entries, each with C(url) and C(regex).
      type: list
      elements: dict
    logout_regex_list:
      description: Logout entries, each with C(url) and C(regex).
      type: list
      elements: dict
    headers:
      description: Headers the scanner adds.
      type: list
      elements: str
    attributes:
      description: Custom attributes, each with C(name) and C(value).
      type: list
      elements: dict
    use_robots:
      description: What the scans do with C(robots.txt).
      type: str
      sample: ignore
    use_sitemap:
      description: Whether the scans crawl C(sitemap.xml).
      type: bool
    malware_monitoring:
      description: Whether Qualys monitors the web app for malware.
      type: bool
    comments:
      description: Comment texts.
      type: list
      elements: str
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the web app was created (UTC).
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
    - Ids of the web apps a O(state=absent) task deleted, or would delete in check mode; several with
      O(all_with_name=true).
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [4331923]
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.qualys.was.plugins.module_utils.one_object import run_resource_module
from ansible_collections.qualys.was.plugins.module_utils.web_app_fields import RESOURCE


def main():
    run_resource_module(RESOURCE)


if __name__ == "__main__":
    main()
