#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_scan_schedule
short_description: Manage Qualys WAS scan schedules, including multi-scan schedules
version_added: 0.1.0
description:
  - Create, update, activate, deactivate and delete Qualys Web Application Scanning scan schedules.
  - A schedule may scan a list of web applications, or every web application that carries a set of tags
    minus those that carry others (a multi-scan).
  - Options are nested as in the API, without its C(set) and C(list) wrappers and without the C(occurrence)
    and C(monthlyType) choice levels.
  - Only the options a task sets are compared and sent; every other setting of the schedule is left as it is.
    Lists given (web apps, tags, days, recipients) are authoritative and compared without regard to order.
  - An unchanged schedule costs one search, plus one C(get) where the tenant answers searches with a summary of
    each schedule (which Qualys does not document either way). A change costs one write more. Each distinct name
    of a web app, tag, option profile or authentication record costs one search; ids cost nothing. The state
    after an update is predicted from that read, because Qualys answers an update with the id alone.
  - An update that changes part of O(scheduling) sends the whole recurrence, the parts the task does not set as
    Qualys holds them, so that a change never wipes a setting made elsewhere - except
    O(scheduling.start_date), which is sent only when the task changes it.
  - When O(active) is the only change, the schedule is activated or deactivated with the operations Qualys
    provides for it rather than updated.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.state
  - qualys.was.scan_target.schedule
attributes:
  check_mode:
    support: full
    description: Nothing is written; the result shows the schedule as it would be.
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
      - Name of the schedule. Identifies the schedule when O(id) is not given.
      - Qualys does not require names to be unique; when several schedules share the name, the task fails
        and lists their ids, to be given as O(id).
      - With O(id), a different name renames the schedule.
      - Required to create a schedule. Surrounding white space is not part of the name.
    type: str
  type:
    description: What the scans look for.
    type: str
    choices: [vulnerability, discovery]
  active:
    description:
      - Whether the schedule launches scans.
    type: bool
  profile:
    description:
      - Option profile of the scans, as an id, an exact (case-sensitive) name, or a dictionary with C(id) or
        C(name).
      - Needed to create a schedule unless the target web apps have a default option profile.
    type: raw
  target:
    description:
      - What is scanned, and how.
      - When given, it needs O(target.web_app), O(target.web_apps) or O(target.tags.included).
      - Required to create a schedule; the task fails after its search, before any write, without it.
  progressive_scanning:
    description: Whether scans resume where the previous one stopped; V(default) follows the subscription's setting.
    type: str
    choices: [default, enabled, disabled]
  scheduling:
    description:
      - When the scans run.
      - The settings of the recurrence must match O(scheduling.occurrence_type) - O(scheduling.daily_occurrence)
        with V(daily), O(scheduling.weekly_occurrence) with V(weekly), O(scheduling.monthly_occurrence) with
        V(monthly), none with V(once). Setting O(scheduling.occurrence_type) replaces the whole recurrence.
    type: dict
    suboptions:
      start_date:
        description:
          - First launch, as an ISO 8601 date-time such as V(2030-06-13T21:51:00Z); a date-time without an offset
            is taken as UTC.
          - Qualys keeps minutes, not seconds, so the seconds are sent but not compared.
          - Qualys refuses to create a schedule that starts in the past, and may refuse an update that sends a
            start date in the past; so an update sends the start date only when the task changes it.
        type: str
      time_zone:
        description: Time zone the recurrence follows, for example across daylight saving time changes.
        type: dict
        suboptions:
          code:
            description: Time zone name, such as V(America/Vancouver) or V(UTC).
            type: str
            required: true
          offset:
            description:
              - UTC offset of the time zone at the start date, such as V(-07:00).
              - Qualys computes it from O(scheduling.time_zone.code), so it is sent when given but never compared.
            type: str
      occurrence_type:
        description: How often the scans run.
        type: str
        choices: [once, daily, weekly, monthly]
      daily_occurrence:
        description: A daily recurrence.
        type: dict
        suboptions:
          every_n_days:
            description: Days between scans, 1 or more.
            type: int
            required: true
          occurrence_count:
            description: How many scans to run before the schedule ends, 1 or more; without it, it does not end.
            type: int
      weekly_occurrence:
        description: A weekly recurrence.
        type: dict
        suboptions:
          every_n_weeks:
            description: Weeks between scans, 1 or more.
            type: int
            required: true
          on_days:
            description: Days of the week the scans run; at least one.
            type: list
            elements: str
            choices: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
            required: true
          occurrence_count:
            description: How many scans to run before the schedule ends, 1 or more; without it, it does not end.
            type: int
      monthly_occurrence:
        description:
          - A monthly recurrence, on a day number or on a weekday of the month.
          - Needs exactly one of O(scheduling.monthly_occurrence.day_nb_in_month) and
            O(scheduling.monthly_occurrence.day_order_in_month).
        type: dict
        suboptions:
          day_nb_in_month:
            description: On a day number, such as the 15th.
            type: dict
            suboptions:
              day_nb:
                description: Day of the month, from 1 to 31.
                type: int
                required: true
              every_n_months:
                description: Months between scans, 1 or more.
                type: int
                required: true
          day_order_in_month:
            description: On a weekday of the month, such as the last Friday.
            type: dict
            suboptions:
              day_order:
                description: Which one of the weekdays of the month. Qualys reports it as a number, which is read back as these names.
                type: str
                choices: [first, second, third, fourth, last]
                required: true
              day_of_month:
                description: The weekday.
                type: str
                choices: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
                required: true
              every_n_months:
                description: Months between scans, 1 or more.
                type: int
                required: true
          occurrence_count:
            description: How many scans to run before the schedule ends, 1 or more; without it, it does not end.
            type: int
      cancel_after_n_hours:
        description: Hours after which a scan still running is cancelled, 1 or more.
        type: int
  notification:
    description: The e-mail sent before each scan.
    type: dict
    suboptions:
      active:
        description: Whether the e-mail is sent.
        type: bool
      reschedule:
        description: The C(reschedule) flag of the notification, which Qualys describes as rescheduling the scan.
        type: bool
      delay:
        description: How long before the scan the e-mail is sent.
        type: dict
        suboptions:
          nb:
            description: Number of O(notification.delay.scale) units, 1 or more.
            type: int
            required: true
          scale:
            description: The unit of O(notification.delay.nb).
            type: str
            choices: [hour, day, week]
            required: true
      message_text:
        description:
          - Text of the e-mail; the API's C(message) element, a name Ansible reserves for itself.
        type: str
      recipients:
        description: E-mail addresses the message is sent to.
        type: list
        elements: str
  send_mail:
    description:
      - Whether an e-mail is sent when a scan completes. Qualys sends one unless told otherwise.
      - With V(false), O(send_mail_from_address_option) is refused, and O(send_one_mail=true) is ignored by Qualys
        (the task warns).
    type: bool
  send_one_mail:
    description:
      - For a multi-scan, V(true) sends one e-mail when every scan has completed, V(false) one e-mail per
        completed scan.
    type: bool
  send_mail_from_address_option:
    description:
      - Sender of the scan-complete e-mails. Qualys uses V(qualys_support) unless told otherwise; V(owner) is the
        owner of the schedule.
    type: str
    choices: [qualys_support, owner]
  enable_waf_auth:
    description: Whether the scanners may scan the web applications through a web application firewall.
    type: bool
notes:
  - The rules the API documents are checked before any API call - a target needs web apps or included tags,
    a sender of scan-complete e-mails needs O(send_mail) not to be V(false), and the recurrence settings must
    match the occurrence type.
  - When a task would create a schedule, options every create needs (O(name), O(target)) are checked right after
    the search, before any write, and so is O(scheduling.start_date), which must not have passed - in check mode
    too, where Qualys's refusal would otherwise show only in the real run.
  - A create whose outcome is unknown (a timeout, a server error, a garbled answer) is never sent again. The
    schedule is looked for; when it is not found, the task fails saying it may exist, and a re-run finds it.
  - Unknown or ambiguous names of web apps, tags, option profiles and authentication records fail the task
    before anything is written.
seealso:
  - module: qualys.was.was_scan_schedules
    description: Many schedules in one task, gathered from a tenant as code, or rendered for review.
  - module: qualys.was.was_option_profile
  - module: qualys.was.was_web_app
  - module: qualys.was.was_auth_record
"""

EXAMPLES = r"""
- name: Scan two web apps every other Saturday, from one multi-scan schedule
  qualys.was.was_scan_schedule:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    name: MultiSchedule_1497351121650
    type: vulnerability
    active: false
    profile: 1071133
    target:
      web_apps:
        - 4331923
        - 4331924
      web_app_auth_record: 583957
      scanner_appliance:
        type: external
      cancel_option: specific
      auth_record_option: default
      profile_option: specific
      scanner_option: default
      randomize_scan: true
      use_dns_override: true
    scheduling:
      start_date: "2030-06-15T21:51:57Z"
      time_zone:
        code: America/Vancouver
        offset: "-07:00"
      occurrence_type: weekly
      weekly_occurrence:
        every_n_weeks: 2
        on_days: [saturday]
        occurrence_count: 20
      cancel_after_n_hours: 8
    notification:
      active: true
      reschedule: true
      delay:
        nb: 1
        scale: day
      message_text: A scan is scheduled to start soon.

- name: Scan the web apps selected by tags given by name, one completion e-mail per web app
  qualys.was.was_scan_schedule:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    name: SampleSchedule
    type: vulnerability
    active: false
    profile: 1071133
    target:
      tags:
        included:
          option: all
          tag_list:
            - Production
            - Internet Facing
        excluded:
          option: any
          tag_list:
            - Staging
      web_app_auth_record: 583957
      scanner_appliance:
        type: external
      cancel_option: specific
      auth_record_option: default
      profile_option: specific
      scanner_option: default
      randomize_scan: true
      use_dns_override: true
    scheduling:
      start_date: "2030-06-15T21:51:57Z"
      time_zone:
        code: America/Vancouver
        offset: "-07:00"
      occurrence_type: weekly
      weekly_occurrence:
        every_n_weeks: 2
        on_days: [saturday]
        occurrence_count: 20
      cancel_after_n_hours: 8
    notification:
      active: true
      reschedule: true
      delay:
        nb: 1
        scale: day
      message_text: A scan is scheduled to start soon.
    send_one_mail: false

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: Scan the shop on the last Friday of every month, with profile and record given by name
      qualys.was.was_scan_schedule:
        name: Shop - monthly
        active: true
        profile: Initial WAS Options
        target:
          web_apps:
            - name: Demo Shop
          web_app_auth_record: Shop login
          profile_option: specific
        scheduling:
          start_date: "2030-01-25T22:00:00Z"
          time_zone:
            code: Europe/Paris
          occurrence_type: monthly
          monthly_occurrence:
            day_order_in_month:
              day_order: last
              day_of_month: friday
              every_n_months: 1
        send_mail_from_address_option: owner
        notification:
          active: true
          recipients:
            - appsec@example.com

    - name: Discover the staging apps every night for a week
      qualys.was.was_scan_schedule:
        name: Staging - nightly discovery
        type: discovery
        profile: Initial WAS Options
        target:
          tags:
            included:
              option: any
              tag_list: [Staging]
        scheduling:
          start_date: "2030-01-07T01:00:00Z"
          time_zone:
            code: UTC
          occurrence_type: daily
          daily_occurrence:
            every_n_days: 1
            occurrence_count: 7
        send_mail: false

    - name: Pause the monthly scans during a freeze
      qualys.was.was_scan_schedule:
        name: Shop - monthly
        active: false

    - name: Delete a schedule nobody needs any more
      qualys.was.was_scan_schedule:
        name: Legacy weekly scan
        state: absent
"""

RETURN = r"""
schedule:
  description:
    - The schedule after the task, in the shape of the module's options plus read-only fields.
    - References (profile, web apps, tags, authentication record) are dictionaries with C(id) and C(name); Qualys
      does not return the names of tags.
    - Predicted from the read and the change after an update, and in check mode.
    - Empty when the schedule is absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the schedule; null for a schedule that check mode would create.
      type: int
      sample: 697193
    name:
      description: Name of the schedule.
      type: str
      sample: MultiSchedule_1497351121650
    type:
      description: What the scans look for.
      type: str
      sample: vulnerability
    active:
      description: Whether the schedule launches scans.
      type: bool
    multi:
      description: Whether this is a multi-scan schedule (a list of web apps, or tags) rather than a single-app one.
      type: bool
    profile:
      description: The option profile, with C(id) and C(name).
      type: dict
      sample: {"id": 1071133, "name": "My Option Profile - with defaults 1497351048931"}
    target:
      description:
        - What is scanned and how, with the suboptions of O(target).
        - C(web_app) is a dictionary with C(id) and C(name); C(web_apps) and the C(tag_list) of C(tags.included)
          and C(tags.excluded) are lists of such dictionaries.
      type: dict
    progressive_scanning:
      description: Progressive scanning setting.
      type: str
      sample: default
    scheduling:
      description:
        - When the scans run, with the suboptions of O(scheduling); the recurrence settings that do not match
          C(occurrence_type) are null.
        - C(start_date) as Qualys stores it, without seconds; C(time_zone.offset) as Qualys computed it.
      type: dict
      sample:
        start_date: "2030-06-15T21:51:00Z"
        time_zone: {"code": "America/Vancouver", "offset": "-07:00"}
        occurrence_type: weekly
        daily_occurrence: null
        weekly_occurrence: {"every_n_weeks": 2, "on_days": ["saturday"], "occurrence_count": 20}
        monthly_occurrence: null
        cancel_after_n_hours: 8
    notification:
      description: The e-mail sent before each scan, with the suboptions of O(notification).
      type: dict
    send_mail:
      description: Whether an e-mail is sent when a scan completes.
      type: bool
    send_one_mail:
      description: Whether a multi-scan sends one completion e-mail rather than one per web app.
      type: bool
    send_mail_from_address_option:
      description: Sender of the completion e-mails; null when Qualys reports none.
      type: str
    enable_waf_auth:
      description: Whether scans may go through a web application firewall.
      type: bool
    launched_count:
      description: How many scans the schedule has launched.
      type: int
      sample: 0
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the schedule was created (UTC).
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
    - Ids of the scan schedules a O(state=absent) task deleted, or would delete in check mode; several with
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
from ansible_collections.qualys.was.plugins.module_utils.scan_schedule_fields import RESOURCE


def main():
    run_resource_module(RESOURCE)


if __name__ == "__main__":
    main()
