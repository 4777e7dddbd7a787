# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OptionProfile: defaults as the documented JSON create sample, custom scan intensity as seed 003."""

from __future__ import annotations

from typing import List

from .. import permissions
from ..change import Change
from ..criteria import Searchable, at, values_at
from ..errors import invalid_request
from ..schema import Bounds, Group, Leaf, Ref
from ..store import Record, Store
from ..values import BOOLEAN, LONG, TEXT, Keyword
from .base import READS, WRITES, ObjectType
from .common import (
    AUDIT,
    COMMENTS,
    ID,
    ID_AND_NAME,
    NAME,
    OWNER,
    TAGS,
    USER,
    brief,
    common_searchable,
    tag_searchable,
)

PERFORMANCE_SETTINGS = ("performance", "customPerformance")

# Seed 003 returns smartScanSupport, customPerformance and bruteforceOption in that order.
SPEC = Group(
    "OptionProfile",
    (
        ID,
        NAME,
        OWNER,
        Leaf("isDefault", BOOLEAN),
        TAGS,
        COMMENTS,
        # The older WAS help lists None (its default), Post, Get and Post & Get.
        Leaf("formSubmission", Keyword("BOTH", "POST", "GET", "NONE")),
        Leaf("maxCrawlRequests", LONG),
        Leaf("smartScanSupport", BOOLEAN),
        Leaf("smartScanDepth", LONG, shown_if=lambda record: record.get("smartScanSupport")),
        # The product's scan intensities Lowest, Low, Medium, High, Maximum (1, 2, 5, 7, 10 threads; help page
        # scan_performance.htm); LOW, MEDIUM, HIGH are the API's (documents, seed 003), LOWEST and MAXIMUM inferred.
        Leaf("performance", Keyword("LOWEST", "LOW", "MEDIUM", "HIGH", "MAXIMUM")),
        Group(
            "customPerformance",
            (
                Leaf("numOfHttpThreads", LONG, bounds=Bounds(1, 10)),
                Leaf("delayBetweenRequests", LONG, bounds=Bounds(0, 2000, "milliseconds")),
            ),
            required=("numOfHttpThreads", "delayBetweenRequests"),
        ),
        Leaf("bruteforceOption", Keyword("DISABLED", "MINIMAL", "LIMITED", "EXHAUSTIVE")),
        Leaf("timeoutErrorThreshold", LONG),
        Leaf("unexpectedErrorThreshold", LONG),
        Leaf("ignoreBinaryFiles", BOOLEAN),
        Group("sensitiveContent", (Leaf("creditCardNumber", BOOLEAN), Leaf("socialSecurityNumber", BOOLEAN))),
        Ref("parameterSet", "ParameterSet", show=ID_AND_NAME),
        *AUDIT,
    ),
)

DEFAULT_SMART_SCAN_DEPTH = 5


def _used_by(kind: str, path: str) -> Searchable:
    """Whether any object of ``kind`` references the profile at ``path`` (usedByWebApps, usedBySchedules)."""

    def read(record: Record, store: Store) -> List[bool]:
        return [any(record["id"] in values_at(other, path) for other in store.all(kind))]

    return Searchable(BOOLEAN, read)


def _owner(*names: str) -> Searchable:
    """The owner's names joined by a space: owner.name is the full name, owner.username the login."""

    def read(record: Record, store: Store) -> List[str]:
        owner = store.get(USER.name, record["owner"]["id"]) or {}
        return [" ".join(owner[name] for name in names if name in owner)]

    return Searchable(TEXT, read)


def performance_or_custom_performance(change: Change) -> None:
    if all(change.sent(name) for name in PERFORMANCE_SETTINGS):
        raise invalid_request(
            "performance and customPerformance are mutually exclusive and cannot be used together.",
            "Send either performance or customPerformance.",
        )


def name_unique(change: Change) -> None:
    # No source documents a uniqueness rule (reference section 10.14): profile_names "shared" lifts it.
    if change.settings.profile_names == "shared":
        return
    name = change.record["name"]
    for other in change.store.all(SPEC.name):
        if other["name"] == name and other["id"] != change.record.get("id"):
            raise invalid_request(f"Option profile with name '{name}' already exists.", "Choose another name.")


def sent_performance_replaces_the_other(change: Change) -> None:
    for sent, other in (PERFORMANCE_SETTINGS, PERFORMANCE_SETTINGS[::-1]):
        if change.sent(sent):
            change.record.pop(other, None)


def smart_scan_depth_default(change: Change) -> None:
    if change.record.get("smartScanSupport"):
        change.record.setdefault("smartScanDepth", DEFAULT_SMART_SCAN_DEPTH)


def one_default_profile(change: Change) -> None:
    # The subscription has one default profile: making this one the default takes the flag from the others.
    if change.sent("isDefault") and change.record["isDefault"]:
        for other in change.store.all(SPEC.name):
            if other["id"] != change.record.get("id") and other.get("isDefault"):
                change.store.put(SPEC.name, {**other, "isDefault": False})


OPTION_PROFILE = ObjectType(
    spec=SPEC,
    path="optionprofile",
    summary=brief(SPEC),
    verbose_unsettled=True,
    searchable={
        **common_searchable(),
        **tag_searchable(),
        "isDefault": at("isDefault", BOOLEAN),
        # Fields the Fortinet connector and a public WAS helper script search on (reference section 11).
        "usedByWebApps": _used_by("WebApp", "defaultProfile.id"),
        "usedBySchedules": _used_by("WasScanSchedule", "profile.id"),
        "owner.name": _owner("firstName", "lastName"),
        "owner.username": _owner("username"),
    },
    operations=READS | WRITES,
    permissions={
        "create": permissions.CREATE_OPTION_PROFILE,
        "update": permissions.EDIT_OPTION_PROFILE,
        "delete": permissions.DELETE_OPTION_PROFILE,
    },
    defaults={
        "isDefault": False,
        "tags": [],
        "comments": [],
        "formSubmission": "BOTH",
        "maxCrawlRequests": 300,
        "smartScanSupport": False,
        "performance": "LOW",
        "bruteforceOption": "MINIMAL",
        "timeoutErrorThreshold": 100,
        "unexpectedErrorThreshold": 300,
        "ignoreBinaryFiles": False,
        "sensitiveContent": {"creditCardNumber": False, "socialSecurityNumber": False},
        "parameterSet": {"id": 0},
    },
    # profile_defaults "alternate": other plausible values for every default the documents show, so that tests
    # can prove the collection sends what it means instead of relying on them.
    alternate_defaults={
        "formSubmission": "POST",
        "maxCrawlRequests": 500,
        "smartScanSupport": True,
        "performance": "MEDIUM",
        "bruteforceOption": "DISABLED",
        "timeoutErrorThreshold": 50,
        "unexpectedErrorThreshold": 100,
        "ignoreBinaryFiles": True,
        "sensitiveContent": {"creditCardNumber": True, "socialSecurityNumber": True},
    },
    required=("name",),
    rules=(performance_or_custom_performance, name_unique),
    derivations=(sent_performance_replaces_the_other, smart_scan_depth_default, one_default_profile),
)
