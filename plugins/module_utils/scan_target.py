# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a WAS scan scans and with what: the one definition that scans and scan schedules share.

A scan launch (launch_scan.htm, launch_scan_single.htm, scan_ref.htm) and a schedule (seed 000, create_schedule.htm)
carry the same ``target`` element and the same ``type`` and ``profile``: web apps or tags, an authentication
record or each app's default, a scanner, and for a multi-scan which of these each web app takes from itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, OPTION_PROFILE, TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Boolean, Choice, Field, Group, Items, Text
from ansible_collections.qualys.was.plugins.module_utils.references import Ref

SCAN_TYPE = Field("type", Choice("vulnerability", "discovery"))
PROFILE = Field("profile", Ref(OPTION_PROFILE))

# Which source a multi-scan takes a setting from: each web app's own (default) or the request's (specific).
SETTING_SOURCE = ("default", "specific")

TAG_SELECTION = Group(
    Field("option", Choice("all", "any")),
    # Schedules show their tags by id alone.
    Field("tag_list", Items(Ref(TAG, named=False), item="Tag"), required=True),
)

TARGET_FIELDS = (
    Field("web_app", Ref(WEB_APP)),
    Field("web_apps", Items(Ref(WEB_APP), item="WebApp")),
    Field("tags", Group(Field("included", TAG_SELECTION), Field("excluded", TAG_SELECTION))),
    Field("web_app_auth_record", Ref(AUTH_RECORD)),
    # The documented alternative to a record's id: each web app's own default record (create_schedule.htm,
    # launch_scan.htm).
    Field("use_default_auth_record", Boolean(), wire="webAppAuthRecord.isDefault"),
    Field("scanner_appliance", Group(Field("type", Choice("external", "internal")), Field("friendly_name", Text()))),
    Field("scanner_tags", Items(Ref(TAG), item="Tag")),
    Field("cancel_option", Choice(*SETTING_SOURCE)),
    Field("auth_record_option", Choice(*SETTING_SOURCE)),
    Field("profile_option", Choice(*SETTING_SOURCE)),
    Field("scanner_option", Choice(*SETTING_SOURCE)),
    # Schedules (seed 000) and launches (the 2024 download of a launched scan shows it) both take it.
    Field("randomize_scan", Boolean()),
)

TARGET_EXCLUSIVE = (
    ("web_app", "web_apps"),
    ("web_app_auth_record", "use_default_auth_record"),
    ("scanner_appliance", "scanner_tags"),
)


def target_group(*extra: Field) -> Group:
    """The ``target`` element, with the options only one of its users has (a schedule's ``use_dns_override``)."""
    return Group(*TARGET_FIELDS, *extra, mutually_exclusive=list(TARGET_EXCLUSIVE))


def target_needs_web_apps_or_tags(desired: Mapping[str, Any]) -> Optional[str]:
    target = desired.get("target")
    if target is None:
        return None
    if any((target.get("web_app"), target.get("web_apps"), (target.get("tags") or {}).get("included"))):
        return None
    return "target needs web_app, web_apps or tags.included: a scan scans the web apps it names or its tags select."
