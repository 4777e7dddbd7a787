# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Request bodies for tests: a valid object of each kind, with any part replaced."""

from __future__ import annotations

from typing import Optional

FUTURE = "2031-01-06T10:00:00Z"
WEB_APPS = "<webApps><set><WebApp><id>4331923</id></WebApp><WebApp><id>4331924</id></WebApp></set></webApps>"
WEEKLY = (
    f"<startDate>{FUTURE}</startDate><timeZone><code>America/Vancouver</code></timeZone>"
    "<occurrenceType>WEEKLY</occurrenceType><occurrence><weeklyOccurrence><everyNWeeks>1</everyNWeeks>"
    "<onDays><WeekDay>MONDAY</WeekDay></onDays><occurrenceCount>4</occurrenceCount></weeklyOccurrence></occurrence>"
)


def schedule(
    name: str = "Test schedule",
    target: str = WEB_APPS,
    scheduling: str = WEEKLY,
    profile: str = "<profile><id>1071133</id></profile>",
    extra: str = "",
) -> str:
    return (
        f"<WasScanSchedule><name>{name}</name><target>{target}</target>{profile}"
        f"<scheduling>{scheduling}</scheduling>{extra}</WasScanSchedule>"
    )


def custom_performance(threads: int, delay: int) -> str:
    return (
        f"<customPerformance><numOfHttpThreads>{threads}</numOfHttpThreads>"
        f"<delayBetweenRequests>{delay}</delayBetweenRequests></customPerformance>"
    )


def server_fields(verb: str, *fields: str) -> str:
    """An authentication record's ``serverRecord/fields`` changed with ``verb`` (set, add, remove, update)."""
    items = "".join(f"<WebAppAuthServerRecordField>{field}</WebAppAuthServerRecordField>" for field in fields)
    return f"<serverRecord><fields><{verb}>{items}</{verb}></fields></serverRecord>"


def option_profile(name: str = "Test profile", extra: str = "") -> str:
    return f"<OptionProfile><name><![CDATA[{name}]]></name>{extra}</OptionProfile>"


def auth_record(name: Optional[str] = "Test record", extra: str = "") -> str:
    named = f"<name>{name}</name>" if name is not None else ""
    return f"<WebAppAuthRecord>{named}{extra}</WebAppAuthRecord>"
