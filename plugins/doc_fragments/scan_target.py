# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


# Paired with plugins/module_utils/scan_target.py target_group(): the target that scans and scan schedules share.
# Each module describes O(target) itself (what it needs the target for); this gives its type and suboptions.
class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  target:
    type: dict
    suboptions:
      web_app:
        description:
          - The one web application to scan, as an id, an exact (case-sensitive) name, or a dictionary with C(id) or
            C(name).
          - A multi-scan lists its web applications in O(target.web_apps) instead. Mutually exclusive with
            O(target.web_apps).
        type: raw
      web_apps:
        description:
          - The web applications of a multi-scan, each an id, an exact name, or a dictionary with C(id) or C(name).
          - To move from a list of web apps to tags, give an empty list with O(target.tags).
        type: list
        elements: raw
      tags:
        description: Scan the web applications selected by their tags.
        type: dict
        suboptions:
          included:
            description: The web applications to scan.
            type: dict
            suboptions:
              option:
                description: V(all) selects the web applications carrying every tag, V(any) those carrying one.
                type: str
                choices: [all, any]
              tag_list:
                description: Tags, each an id, an exact name, or a dictionary with C(id) or C(name).
                type: list
                elements: raw
                required: true
          excluded:
            description: Web applications left out of the scan although the included tags select them.
            type: dict
            suboptions:
              option:
                description: V(all) leaves out the web applications carrying every tag, V(any) those carrying one.
                type: str
                choices: [all, any]
              tag_list:
                description: Tags, each an id, an exact name, or a dictionary with C(id) or C(name).
                type: list
                elements: raw
                required: true
      web_app_auth_record:
        description:
          - Authentication record the scan logs in with, as an id, an exact name, or a dictionary with C(id) or
            C(name). Without it, and without O(target.use_default_auth_record), the scan does not authenticate.
          - Mutually exclusive with O(target.use_default_auth_record).
        type: raw
      use_default_auth_record:
        description:
          - V(true) uses the default authentication record of each web application (the API's
            C(webAppAuthRecord.isDefault)) instead of one named record.
        type: bool
      scanner_appliance:
        description:
          - The scanner that runs the scan; without it, each web application's default scanner, else an external
            one. Mutually exclusive with O(target.scanner_tags).
        type: dict
        suboptions:
          type:
            description: V(external) for a Qualys cloud scanner, V(internal) for a scanner appliance of the subscription.
            type: str
            choices: [external, internal]
          friendly_name:
            description: Name of the internal scanner appliance.
            type: str
      scanner_tags:
        description:
          - Run the scan on the pool of scanner appliances that carry these tags, each an id, an exact name, or a
            dictionary with C(id) or C(name) - the third scanner choice beside an external or internal scanner.
          - Mutually exclusive with O(target.scanner_appliance).
        type: list
        elements: raw
      cancel_option:
        description:
          - For a multi-scan, V(specific) applies the task's C(cancel_after_n_hours) to every web application;
            V(default) the cancel setting of each web application when it has one, else the task's.
        type: str
        choices: [default, specific]
      auth_record_option:
        description:
          - For a multi-scan, V(specific) uses O(target.web_app_auth_record) for every web application; V(default)
            each web application's default record when it has one, else O(target.web_app_auth_record).
        type: str
        choices: [default, specific]
      profile_option:
        description:
          - For a multi-scan, V(specific) uses the task's C(profile) for every web application; V(default) each web
            application's default option profile when it has one, else the task's.
        type: str
        choices: [default, specific]
      scanner_option:
        description:
          - For a multi-scan, V(specific) uses O(target.scanner_appliance) for every web application; V(default)
            each web application's default scanner when it has one, else O(target.scanner_appliance).
        type: str
        choices: [default, specific]
      randomize_scan:
        description: Whether a multi-scan scans its web applications in random order, which spreads the load.
        type: bool
"""

    # The target of a scan schedule: the text above and the one suboption only a schedule's target takes
    # (scan_schedule_fields.py; a launch's, scan_fields.py, does not). Written out whole because ansible-test reads
    # a fragment's texts as literal strings and Ansible merges a fragment's options one level deep, so that a module
    # cannot add a suboption to a fragment's option; tests/unit/plugins/doc_fragments/test_scan_target.py holds the
    # two texts to each other.
    SCHEDULE = r"""
options:
  target:
    type: dict
    suboptions:
      web_app:
        description:
          - The one web application to scan, as an id, an exact (case-sensitive) name, or a dictionary with C(id) or
            C(name).
          - A multi-scan lists its web applications in O(target.web_apps) instead. Mutually exclusive with
            O(target.web_apps).
        type: raw
      web_apps:
        description:
          - The web applications of a multi-scan, each an id, an exact name, or a dictionary with C(id) or C(name).
          - To move from a list of web apps to tags, give an empty list with O(target.tags).
        type: list
        elements: raw
      tags:
        description: Scan the web applications selected by their tags.
        type: dict
        suboptions:
          included:
            description: The web applications to scan.
            type: dict
            suboptions:
              option:
                description: V(all) selects the web applications carrying every tag, V(any) those carrying one.
                type: str
                choices: [all, any]
              tag_list:
                description: Tags, each an id, an exact name, or a dictionary with C(id) or C(name).
                type: list
                elements: raw
                required: true
          excluded:
            description: Web applications left out of the scan although the included tags select them.
            type: dict
            suboptions:
              option:
                description: V(all) leaves out the web applications carrying every tag, V(any) those carrying one.
                type: str
                choices: [all, any]
              tag_list:
                description: Tags, each an id, an exact name, or a dictionary with C(id) or C(name).
                type: list
                elements: raw
                required: true
      web_app_auth_record:
        description:
          - Authentication record the scan logs in with, as an id, an exact name, or a dictionary with C(id) or
            C(name). Without it, and without O(target.use_default_auth_record), the scan does not authenticate.
          - Mutually exclusive with O(target.use_default_auth_record).
        type: raw
      use_default_auth_record:
        description:
          - V(true) uses the default authentication record of each web application (the API's
            C(webAppAuthRecord.isDefault)) instead of one named record.
        type: bool
      scanner_appliance:
        description:
          - The scanner that runs the scan; without it, each web application's default scanner, else an external
            one. Mutually exclusive with O(target.scanner_tags).
        type: dict
        suboptions:
          type:
            description: V(external) for a Qualys cloud scanner, V(internal) for a scanner appliance of the subscription.
            type: str
            choices: [external, internal]
          friendly_name:
            description: Name of the internal scanner appliance.
            type: str
      scanner_tags:
        description:
          - Run the scan on the pool of scanner appliances that carry these tags, each an id, an exact name, or a
            dictionary with C(id) or C(name) - the third scanner choice beside an external or internal scanner.
          - Mutually exclusive with O(target.scanner_appliance).
        type: list
        elements: raw
      cancel_option:
        description:
          - For a multi-scan, V(specific) applies the task's C(cancel_after_n_hours) to every web application;
            V(default) the cancel setting of each web application when it has one, else the task's.
        type: str
        choices: [default, specific]
      auth_record_option:
        description:
          - For a multi-scan, V(specific) uses O(target.web_app_auth_record) for every web application; V(default)
            each web application's default record when it has one, else O(target.web_app_auth_record).
        type: str
        choices: [default, specific]
      profile_option:
        description:
          - For a multi-scan, V(specific) uses the task's C(profile) for every web application; V(default) each web
            application's default option profile when it has one, else the task's.
        type: str
        choices: [default, specific]
      scanner_option:
        description:
          - For a multi-scan, V(specific) uses O(target.scanner_appliance) for every web application; V(default)
            each web application's default scanner when it has one, else O(target.scanner_appliance).
        type: str
        choices: [default, specific]
      randomize_scan:
        description: Whether a multi-scan scans its web applications in random order, which spreads the load.
        type: bool
      use_dns_override:
        description: Whether the scans use the DNS overrides of the web applications.
        type: bool
"""
