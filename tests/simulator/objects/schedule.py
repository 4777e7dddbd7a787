# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""WasScanSchedule: element order as the responses of seed 000; scheduling as the XSD's SchedulePlanification."""

from __future__ import annotations

from typing import Any, List
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import permissions
from ..change import Change
from ..criteria import Searchable, at, joined, present, values_at
from ..errors import invalid_request
from ..schema import Group, Leaf, QList, Ref, Repeated
from ..store import Record
from ..values import BOOLEAN, DATETIME, LONG, Keyword, NumberedKeyword
from .base import READS, WRITES, ObjectType
from .common import AUDIT, ID, ID_AND_NAME, NAME, OWNER, brief, common_searchable

SWITCH = Keyword("DEFAULT", "SPECIFIC")
WEEKDAY = Keyword("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


class DayOrder(NumberedKeyword):
    """Requests name the day order; responses number it, FIRST..FOURTH as 1..4. Sources disagree on LAST
    (-1 or 5), so the last_day_order setting numbers it."""

    def __init__(self) -> None:
        super().__init__({"FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4, "LAST": -1})

    def show(self, value: Any, settings: Any) -> str:
        return str(settings.last_day_order) if value == "LAST" else self.format(value)


DAY_ORDER = DayOrder()
# Scan statuses as qualysdk lists them for a web app's lastScan.status (docs/was.md).
SCAN_STATUS = Keyword(
    "SUBMITTED",
    "RUNNING",
    "FINISHED",
    "TIME_LIMIT_EXCEEDED",
    "SCAN_NOT_LAUNCHED",
    "SCANNER_NOT_AVAILABLE",
    "ERROR",
    "CANCELLED",
)
SCANNER_CHOICES = ("scannerAppliance", "scannerTags")
OCCURRENCE_FOR_TYPE = {"DAILY": "dailyOccurrence", "WEEKLY": "weeklyOccurrence", "MONTHLY": "monthlyOccurrence"}

WEB_APP_FIELDS = (Leaf("id", LONG), NAME, Leaf("url", cdata=True))


def _tag_selection(name: str) -> Group:
    # Schedules show their tags by id only, as in seed 000.
    return Group(name, (Leaf("option", Keyword("ALL", "ANY")), QList("tagList", Ref("Tag", "Tag"), counted=False)))


TARGET = Group(
    "target",
    (
        Ref("webApp", "WebApp", show=WEB_APP_FIELDS),
        QList("webApps", Ref("WebApp", "WebApp", show=WEB_APP_FIELDS), counted=False),
        Group("tags", (_tag_selection("included"), _tag_selection("excluded"))),
        # create_schedule.htm: the record by id, or isDefault true for each web app's default record.
        Ref("webAppAuthRecord", "WebAppAuthRecord", show=ID_AND_NAME, instead_of_id=Leaf("isDefault", BOOLEAN)),
        Group("scannerAppliance", (Leaf("type", Keyword("EXTERNAL", "INTERNAL")), Leaf("friendlyName", cdata=True))),
        QList("scannerTags", Ref("Tag", "Tag", show=ID_AND_NAME), counted=False),
        Leaf("cancelOption", SWITCH),
        Leaf("authRecordOption", SWITCH),
        Leaf("profileOption", SWITCH),
        Leaf("scannerOption", SWITCH),
        Leaf("randomizeScan", BOOLEAN),
        Leaf("useDnsOverride", BOOLEAN),
    ),
)

OCCURRENCE = Group(
    "occurrence",
    (
        Group("dailyOccurrence", (Leaf("everyNDays", LONG), Leaf("occurrenceCount", LONG))),
        Group(
            "weeklyOccurrence",
            (Leaf("everyNWeeks", LONG), Repeated("onDays", Leaf("WeekDay", WEEKDAY)), Leaf("occurrenceCount", LONG)),
        ),
        Group(
            "monthlyOccurrence",
            (
                Group(
                    "monthlyType",
                    (
                        Group("occurDayNbInMonth", (Leaf("dayNb", LONG), Leaf("everyNMonths", LONG))),
                        Group(
                            "occurDayOrderInMonth",
                            (
                                Leaf("dayOrder", DAY_ORDER),
                                Leaf("dayOfMonth", WEEKDAY),
                                Leaf("everyNMonths", LONG),
                            ),
                        ),
                    ),
                    choice=True,
                ),
                Leaf("occurrenceCount", LONG),
            ),
        ),
    ),
    choice=True,
)

SCHEDULING = Group(
    "scheduling",
    (
        Leaf("startDate", DATETIME),
        Group("timeZone", (Leaf("code"), Leaf("offset", writable=False))),
        Leaf("occurrenceType", Keyword("ONCE", *OCCURRENCE_FOR_TYPE)),
        OCCURRENCE,
        Leaf("cancelAfterNHours", LONG),
        Leaf("cancelTime"),
    ),
)

NOTIFICATION = Group(
    "notification",
    (
        Leaf("active", BOOLEAN),
        Leaf("reschedule", BOOLEAN),
        Group("delay", (Leaf("nb", LONG), Leaf("scale", Keyword("HOUR", "DAY", "WEEK")))),
        QList("recipients", Leaf("EmailAddress", cdata=True)),
        Leaf("message", cdata=True),
    ),
)

SPEC = Group(
    "WasScanSchedule",
    (
        ID,
        NAME,
        OWNER,
        Leaf("active", BOOLEAN),
        Leaf("multi", BOOLEAN, writable=False),
        Leaf("type", Keyword("VULNERABILITY", "DISCOVERY")),
        TARGET,
        Leaf("progressiveScanning", Keyword("DEFAULT", "ENABLED", "DISABLED")),
        Ref("profile", "OptionProfile", show=ID_AND_NAME, by_name=True),
        SCHEDULING,
        NOTIFICATION,
        Leaf("launchedCount", LONG, writable=False),
        # Searchable (search_schedule.htm); its place and shape in a response are not recorded, so it is not shown.
        Group("lastScan", (Leaf("status", SCAN_STATUS), Leaf("launchedDate", DATETIME)), writable=False, hidden=True),
        *AUDIT,
        Leaf("sendMail", BOOLEAN),
        Leaf("sendOneMail", BOOLEAN),
        Leaf("sendMailFromAddressOption", Keyword("QUALYS_SUPPORT", "OWNER")),
        Leaf("enableWAFAuth", BOOLEAN),
    ),
)


def _web_app_ids(record: Record) -> List[int]:
    return values_at(record, "target.webApp.id") + values_at(record, "target.webApps.id")


def target_has_web_apps_or_tags(change: Change) -> None:
    target = change.record.get("target", {})
    if not (_web_app_ids(change.record) or values_at(target, "tags.included.tagList")):
        raise invalid_request(
            "The element target must have at least tags or web applications specified.",
            "Add target/webApp, target/webApps or target/tags/included.",
        )


def profile_given_or_web_app_default(change: Change) -> None:
    """Seed 000: the profile is required unless the target (a single web app) has a default option profile."""
    if "profile" in change.record:
        return
    single = values_at(change.record, "target.webApp.id")
    web_app = change.store.get("WebApp", single[0]) if single else None
    if not (web_app and web_app.get("defaultProfile")):
        raise invalid_request(
            "The element profile is required unless the target has a default option profile.", "Add profile/id."
        )


def scheduling_replaced_whole(change: Change) -> None:
    """scheduling_update "replace": the scheduling an update sends replaces the stored one, whose required
    children must then be sent again."""
    if not change.creating and change.sent("scheduling") and change.settings.scheduling_update == "replace":
        del change.record["scheduling"]


def one_scanner_choice(change: Change) -> None:
    # create_schedule.htm: "EXTERNAL or INTERNAL or scannerTags", one choice.
    if all(change.sent("target", name) for name in SCANNER_CHOICES):
        raise invalid_request(
            "scannerAppliance and scannerTags are mutually exclusive and cannot be used together.",
            "Send either target/scannerAppliance or target/scannerTags.",
        )


def start_date_not_in_past(change: Change) -> None:
    """Creates always (seed 000); updates that send a startDate under past_start_date "refuse" (AutoEASM
    rewrites a past start before updating, quoting this message)."""
    checked = change.creating or (
        change.sent("scheduling", "startDate") and change.settings.past_start_date == "refuse"
    )
    if checked and change.record["scheduling"]["startDate"] < change.now:
        raise invalid_request("Start Time cannot be before current time", "Specify a future scheduling/startDate.")


def time_zone_known(change: Change) -> None:
    for code in values_at(change.record, "scheduling.timeZone.code"):
        try:
            ZoneInfo(code)
        except (ZoneInfoNotFoundError, ValueError):
            raise invalid_request(
                f"Invalid time zone code '{code}'.", "Specify an IANA time zone code, e.g. America/Vancouver or UTC."
            ) from None


def occurrence_matches_type(change: Change) -> None:
    scheduling = change.record.get("scheduling", {})
    expected = OCCURRENCE_FOR_TYPE.get(scheduling.get("occurrenceType"))
    given = next(iter(scheduling.get("occurrence", {})), None)
    if given != expected:
        needed = f"scheduling/occurrence/{expected}" if expected else "no scheduling/occurrence"
        raise invalid_request(f"occurrenceType {scheduling.get('occurrenceType')} needs {needed}.", f"Send {needed}.")


def sender_needs_send_mail(change: Change) -> None:
    if change.sent("sendMailFromAddressOption") and not change.record["sendMail"]:
        raise invalid_request(
            "sendMailFromAddressOption can be set only when sendMail is true.", "Set sendMail to true."
        )


def default_time_zone(change: Change) -> None:
    change.record["scheduling"].setdefault("timeZone", {}).setdefault("code", "UTC")


def start_date_to_minute(change: Change) -> None:
    scheduling = change.record["scheduling"]
    scheduling["startDate"] = scheduling["startDate"].replace(second=0)


def time_zone_offset(change: Change) -> None:
    scheduling = change.record["scheduling"]
    # time_zone_known has vouched for the code, or default_time_zone has just set UTC.
    offset = scheduling["startDate"].astimezone(ZoneInfo(scheduling["timeZone"]["code"])).utcoffset()
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    scheduling["timeZone"]["offset"] = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def sent_scanner_replaces_the_other(change: Change) -> None:
    for sent, other in (SCANNER_CHOICES, SCANNER_CHOICES[::-1]):
        if change.sent("target", sent):
            change.record["target"].pop(other, None)


def mail_options_follow_send_mail(change: Change) -> None:
    """Seed 000: sendOneMail is ignored when sendMail is false; the sender option exists only with sendMail."""
    if not change.record["sendMail"]:
        change.record["sendOneMail"] = False
        change.record.pop("sendMailFromAddressOption", None)


def multi_from_target(change: Change) -> None:
    target = change.record["target"]
    change.record["multi"] = "webApps" in target or "tags" in target


SCHEDULE = ObjectType(
    spec=SPEC,
    path="wasscanschedule",
    summary=brief(SPEC),
    verbose_unsettled=True,
    searchable={
        **common_searchable(),
        "type": at("type", SPEC.child("type").type),
        "active": at("active", BOOLEAN),
        "invalid": Searchable(
            BOOLEAN, lambda record, store: [any(store.get("WebApp", i) is None for i in _web_app_ids(record))]
        ),
        "webApp.id": Searchable(LONG, lambda record, store: _web_app_ids(record), multi=True),
        "webApp.name": joined(_web_app_ids, "WebApp", "name", NAME.type),
        "webApp.tags": present(joined(_web_app_ids, "WebApp", "tags.id", LONG).read),
        "webApp.tags.id": joined(_web_app_ids, "WebApp", "tags.id", LONG),
        "lastScan": present(lambda record, store: values_at(record, "lastScan")),
        "lastScan.status": at("lastScan.status", SCAN_STATUS),
        "lastScan.launchedDate": at("lastScan.launchedDate", DATETIME),
    },
    operations=READS | WRITES,
    permissions={
        "create": permissions.CREATE_SCHEDULE,
        "update": permissions.EDIT_SCHEDULE,
        "activate": permissions.EDIT_SCHEDULE,
        "deactivate": permissions.EDIT_SCHEDULE,
        "delete": permissions.DELETE_SCHEDULE,
    },
    defaults={
        "active": True,
        "type": "VULNERABILITY",
        "progressiveScanning": "DEFAULT",
        "launchedCount": 0,
        "sendMail": True,
        "sendOneMail": False,
        "enableWAFAuth": False,
    },
    required=("name", "target", "scheduling/startDate", "scheduling/occurrenceType"),
    preparations=(scheduling_replaced_whole,),
    rules=(
        target_has_web_apps_or_tags,
        one_scanner_choice,
        profile_given_or_web_app_default,
        start_date_not_in_past,
        time_zone_known,
        occurrence_matches_type,
        sender_needs_send_mail,
    ),
    derivations=(
        default_time_zone,
        start_date_to_minute,
        time_zone_offset,
        sent_scanner_replaces_the_other,
        mail_options_follow_send_mail,
        multi_from_target,
    ),
    toggles={"activate": ("active", True), "deactivate": ("active", False)},
)
