# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OptionProfile: defaults as the documented JSON create sample, custom scan intensity as seed 003."""

from __future__ import annotations

from .. import permissions
from ..change import Change
from ..criteria import at
from ..errors import invalid_request
from ..schema import Bounds, Group, Leaf, Ref
from ..values import BOOLEAN, LONG, Keyword
from .base import READS, WRITES, ObjectType
from .common import AUDIT, COMMENTS, ID, ID_AND_NAME, NAME, OWNER, TAGS, brief, common_searchable, tag_searchable

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
        Leaf("formSubmission", Keyword("BOTH", "POST", "GET")),
        Leaf("maxCrawlRequests", LONG),
        Leaf("smartScanSupport", BOOLEAN),
        Leaf("smartScanDepth", LONG, shown_if=lambda record: record.get("smartScanSupport")),
        Leaf("performance", Keyword("LOW", "MEDIUM", "HIGH")),
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
    searchable={**common_searchable(), **tag_searchable(), "isDefault": at("isDefault", BOOLEAN)},
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
