# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field table of a WAS scan schedule: every option, where it lives in the XML, and the API's rules.

Shared by the was_scan_schedule and was_scan_schedules modules, which document it.
"""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.endpoints import SCAN_SCHEDULE
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Boolean,
    Choice,
    DateTime,
    Field,
    Group,
    Integer,
    Items,
    Text,
)
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource
from ansible_collections.qualys.was.plugins.module_utils.scan_target import (
    PROFILE,
    SCAN_TYPE,
    target_group,
    target_needs_web_apps_or_tags,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Qualys reports the order of a weekday in the month as a number (LAST as -1) but accepts only the keywords.
DAY_ORDER = Choice(
    "first",
    "second",
    "third",
    "fourth",
    "last",
    read_as={"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "last", "-1": "last"},
)
# The recurrence settings each occurrence type needs; ``once`` needs none.
OCCURRENCE_SETTINGS = {"daily": "daily_occurrence", "weekly": "weekly_occurrence", "monthly": "monthly_occurrence"}

TARGET = target_group(Field("use_dns_override", Boolean()))

EVERY_N_MONTHS = Field("every_n_months", Integer(minimum=1), required=True)
OCCURRENCE_COUNT = Field("occurrence_count", Integer(minimum=1))

# Whether an update's scheduling replaces the stored block or merges into it is not documented: it is sent whole.
SCHEDULING = Group(
    # Qualys refuses a create that starts in the past (AutoEASM quotes its answer); an update may keep one.
    Field("start_date", DateTime(future_on_create=True), resend=False),
    # Qualys computes the offset from the code, whatever the request said.
    Field("time_zone", Group(Field("code", Text(), required=True), Field("offset", Text(), compared=False))),
    # The occurrence type and its settings are one recurrence: sending a type replaces the previous one.
    Field("occurrence_type", Choice("once", *OCCURRENCE_SETTINGS), clears=list(OCCURRENCE_SETTINGS.values())),
    Field(
        "daily_occurrence",
        Group(Field("every_n_days", Integer(minimum=1), required=True), OCCURRENCE_COUNT),
        wire="occurrence.dailyOccurrence",
    ),
    Field(
        "weekly_occurrence",
        Group(
            Field("every_n_weeks", Integer(minimum=1), required=True),
            Field("on_days", Items(Choice(*WEEKDAYS), item="WeekDay", wrapper=None, minimum=1), required=True),
            OCCURRENCE_COUNT,
        ),
        wire="occurrence.weeklyOccurrence",
    ),
    Field(
        "monthly_occurrence",
        Group(
            Field(
                "day_nb_in_month",
                Group(Field("day_nb", Integer(1, 31), required=True), EVERY_N_MONTHS),
                wire="monthlyType.occurDayNbInMonth",
                clears=["day_order_in_month"],
            ),
            Field(
                "day_order_in_month",
                Group(
                    Field("day_order", DAY_ORDER, required=True),
                    Field("day_of_month", Choice(*WEEKDAYS), required=True),
                    EVERY_N_MONTHS,
                ),
                wire="monthlyType.occurDayOrderInMonth",
                clears=["day_nb_in_month"],
            ),
            OCCURRENCE_COUNT,
            required_one_of=[("day_nb_in_month", "day_order_in_month")],
            mutually_exclusive=[("day_nb_in_month", "day_order_in_month")],
        ),
        wire="occurrence.monthlyOccurrence",
    ),
    Field("cancel_after_n_hours", Integer(minimum=1)),
    whole=True,
)

NOTIFICATION = Group(
    Field("active", Boolean()),
    Field("reschedule", Boolean()),
    Field(
        "delay",
        Group(
            Field("nb", Integer(minimum=1), required=True),
            Field("scale", Choice("hour", "day", "week"), required=True),
        ),
    ),
    # Ansible reserves the option name ``message``.
    Field("message_text", Text(), wire="message"),
    Field("recipients", Items(Text(), item="EmailAddress")),
)


def sender_needs_mail(desired):
    # An unset send_mail is the server's default, true; only an explicit false conflicts.
    if desired.get("send_mail") is False and desired.get("send_mail_from_address_option") is not None:
        return (
            "send_mail_from_address_option needs send_mail: true; Qualys refuses a sender for e-mails it does not send."
        )
    return None


def one_mail_needs_mail(desired):
    if desired.get("send_mail") is False and desired.get("send_one_mail"):
        return "send_one_mail: true has no effect with send_mail: false; Qualys ignores it (seed 000)."
    return None


def occurrence_matches_type(desired):
    scheduling = desired.get("scheduling") or {}
    occurrence_type = scheduling.get("occurrence_type")
    for kind, option in OCCURRENCE_SETTINGS.items():
        if scheduling.get(option) is not None and occurrence_type != kind:
            return "scheduling.%s needs scheduling.occurrence_type %s, got %s." % (
                option,
                kind,
                occurrence_type or "none",
            )
    expected = OCCURRENCE_SETTINGS.get(occurrence_type)
    if expected and scheduling.get(expected) is None:
        return "scheduling.occurrence_type %s needs scheduling.%s." % (occurrence_type, expected)
    return None


RESOURCE = Resource(
    SCAN_SCHEDULE,
    return_key="schedule",
    fields=[
        Field("name", Text(), required_on_create=True),
        SCAN_TYPE,
        Field("active", Boolean(), toggle=("activate", "deactivate")),
        Field("multi", Boolean(), read_only=True),
        PROFILE,
        # Seed 000: "The element target must have at least tags or web applications specified."
        Field("target", TARGET, required_on_create=True),
        Field("progressive_scanning", Choice("default", "enabled", "disabled")),
        Field("scheduling", SCHEDULING),
        Field("notification", NOTIFICATION),
        Field("send_mail", Boolean()),
        Field("send_one_mail", Boolean()),
        Field("send_mail_from_address_option", Choice("qualys_support", "owner")),
        Field("enable_waf_auth", Boolean(), wire="enableWAFAuth"),
        Field("launched_count", Integer(), read_only=True),
    ],
    detail_elements=["target"],
    rules=[target_needs_web_apps_or_tags, sender_needs_mail, occurrence_matches_type],
    advice=[one_mail_needs_mail],
)
