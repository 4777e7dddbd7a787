# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field table of a WAS scan: what a launch sends, and the scan record as Qualys reports it.

The writable fields are the launch request (launch_scan.htm, launch_scan_single.htm, scan_ref.htm); the read-only
ones are the record of get/was/wasscan (seed 003 sample 4) and download/was/wasscan (recorded downloads of 2020),
whose elements and order tests/simulator/README.md lists with their sources. Shared by was_scan and was_scan_info.
"""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.endpoints import SCAN
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Boolean,
    Choice,
    Field,
    Group,
    Integer,
    Items,
    Text,
)
from ansible_collections.qualys.was.plugins.module_utils.resource import USER, Resource
from ansible_collections.qualys.was.plugins.module_utils.scan_target import (
    PROFILE,
    SCAN_TYPE,
    target_group,
    target_needs_web_apps_or_tags,
)

# The scan's own status (scan_status.htm, search_scan.htm). Some clients spell the cancelled state CANCELLED; the
# documentation and the recorded scans write CANCELED, which the collection reports for both.
STATUSES = ("submitted", "running", "processing", "finished", "error", "canceled")
STATUS = Choice(*STATUSES, read_as={"CANCELLED": "canceled"})

# summary.resultsStatus as scan_count.htm lists it; good scans report SUCCESSFUL (recorded downloads).
RESULTS_STATUSES = (
    "not_used",
    "to_be_processed",
    "no_host_alive",
    "no_web_service",
    "service_error",
    "time_limit_reached",
    "scan_internal_error",
    "scan_results_invalid",
    "successful",
    "processing",
    "time_limit_exceeded",
    "scan_not_launched",
    "scanner_not_available",
    "submitted",
    "running",
    "finished",
    "canceled",
    "canceling",
    "error",
    "deleted",
    "canceled_with_results",
)
AUTH_STATUSES = ("none", "not_used", "successful", "failed", "partial")

SUMMARY = Group(
    Field("crawl_duration", Integer()),
    Field("test_duration", Integer()),
    Field("links_crawled", Integer()),
    Field("nb_requests", Integer()),
    Field("results_status", Choice(*RESULTS_STATUSES, read_as={"CANCELLED": "canceled"})),
    Field("auth_status", Choice(*AUTH_STATUSES)),
    Field("os", Text()),
)


def _counts(kind: str) -> list:
    """``nbVulnsTotal`` and ``nbVulnsLevel5`` … ``nbVulnsLevel1``: the counts by severity of one kind of finding."""
    return [Field("nb_%s_total" % kind, Integer())] + [
        Field("nb_%s_level%d" % (kind, level), Integer()) for level in range(5, 0, -1)
    ]


# stats.global of a download: vulnerabilities, sensitive contents and information gathered by severity.
STATS = Group(Field("global", Group(*_counts("vulns"), *_counts("scs"), *_counts("igs"))))

OPTION = Group(Field("name", Text()), Field("value", Text()))


RESOURCE = Resource(
    SCAN,
    return_key="scan",
    fields=[
        Field("name", Text()),
        SCAN_TYPE,
        Field("target", target_group(), required_on_create=True),
        PROFILE,
        # Qualys's own pipeline plugin offers 1 to 24 hours, the longest a scan may run (JA help).
        Field("cancel_after_n_hours", Integer(1, 24)),
        Field("progressive_scanning", Choice("enabled", "disabled")),
        Field("send_mail", Boolean()),
        Field("send_one_mail", Boolean()),
        Field("reference", Text(), read_only=True),
        Field("mode", Choice("ondemand", "scheduled", "api"), read_only=True),
        Field("multi", Boolean(), read_only=True),
        Field("web_app_url", Text(), wire="target.webApp.url", read_only=True),
        Field("options", Items(OPTION, item="WasScanOption"), read_only=True),
        Field("status", STATUS, read_only=True),
        Field("consolidated_status", STATUS, read_only=True),
        Field("scan_duration", Integer(), read_only=True),
        Field("summary", SUMMARY, read_only=True),
        Field("stats", STATS, read_only=True),
        Field("enable_waf_auth", Boolean(), wire="enableWAFAuth", read_only=True),
    ],
    # A search summary carries name, status and summary (cisagov/was_report reads them from one); the whole record
    # adds the options it ran with (seed 003 sample 4).
    detail_elements=["options"],
    rules=[target_needs_web_apps_or_tags],
    # A scan has no owner or created and updated dates (seed 003 sample 4, the downloads of recorded scans): who
    # launched it and when, and when it ended.
    audit=[
        Field("launched_date", Text(), read_only=True),
        Field("launched_by", USER, read_only=True),
        Field("end_scan_date", Text(), read_only=True),
    ],
)
