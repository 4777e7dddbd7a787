# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Behaviour switches set on the command line and changeable at run time through ``/_sim/settings``.

Most of them stand for something the public record leaves open: each variant is a plausible service, so that
the collection can be tested under every one (README, "Unsettled behaviours, one setting each").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Dict, Tuple

# The allowed values of each choice setting, the default first.
CHOICES: Dict[str, Tuple[Any, ...]] = {
    "empty_shape": ("b", "a"),
    "search_shape": ("summary", "full"),
    "last_day_order": (-1, 5),
    "scheduling_update": ("merge", "replace"),
    "past_start_date": ("refuse", "accept"),
    "name_whitespace": ("trim", "keep"),
    "profile_names": ("unique", "shared"),
    "profile_defaults": ("documented", "alternate"),
    "expired_token": ("http_401", "invalid_credentials"),
    "scan_good_results": ("SUCCESSFUL", "FINISHED"),
    "scan_canceled": ("CANCELED", "CANCELLED"),
    "scan_failure_status": ("results_status", "status"),
    "scan_processing": ("results_status", "none", "status"),
    "scan_vuln_severity": ("absent", "present"),
    "scan_multi_launch": ("one", "per_web_app"),
    "scan_multi_target": ("as_sent", "web_apps"),
    "report_status": ("observed", "submitted"),
    "report_early_download": ("http_error", "qps_error"),
    "report_error_detail": ("message", "none"),
    "report_scan_config": ("refuse", "webapp"),
    "report_template_shape": ("brief", "audited"),
    "finding_reignore": ("update", "refuse", "keep"),
    "finding_ignore_rescan": ("kept", "dropped"),
    "finding_ignore_response": ("ids", "bare"),
}
LIMITS = ("rate_limit", "rate_window", "concurrency_limit", "scan_concurrency")


@dataclass(frozen=True)
class Settings:
    # Empty search results: "b" answers responseCode + count 0 only (the newer real shape); "a" adds
    # hasMoreRecords false and an empty data element (the older one).
    empty_shape: str = "b"
    # Searches of schedules and option profiles: "summary" answers id, name, owner, createdDate and updatedDate
    # whatever verbose says; "full" answers the get shape when verbose is true.
    search_shape: str = "summary"
    # How a response numbers dayOrder LAST (FIRST..FOURTH are 1..4).
    last_day_order: int = -1
    # An update's scheduling element: "merge" changes only the children sent, "replace" replaces the block.
    scheduling_update: str = "merge"
    # An update carrying a scheduling/startDate before the clock: "refuse" or "accept" it.
    past_start_date: str = "refuse"
    # Surrounding whitespace of a name sent on create or update: "trim" strips it, "keep" stores it.
    name_whitespace: str = "trim"
    # Option profile names: "unique" refuses a second profile of the same name, "shared" allows it.
    profile_names: str = "unique"
    # Option profile create defaults: "documented", or an "alternate" plausible set.
    profile_defaults: str = "documented"
    # Defaults high enough that ordinary use never meets them; tests and demos lower them.
    rate_limit: int = 100000
    rate_window: int = 3600
    concurrency_limit: int = 100
    # Seconds added before answering every QPS call, while it holds its concurrency slot (load tests).
    latency: float = 0.0
    # How a QPS call with an expired or unknown bearer token is answered: HTTP 401, or HTTP 200 with the
    # INVALID_CREDENTIALS body a wrong password gets; both with that body.
    expired_token: str = "http_401"
    # Seconds a token from /auth/oidc is accepted; Qualys documents four hours.
    token_lifetime: float = 14400.0
    # Scans (README "Scans"): the resultsStatus of a good scan; the spelling of a canceled scan's status;
    # whether a time limit, SCANNER_NOT_AVAILABLE or SCAN_NOT_LAUNCHED is a status or only a resultsStatus;
    # how results are held back after a scan ends; whether a download's vulnerabilities carry severity and
    # potential; what a launch of many web apps makes and answers.
    scan_good_results: str = "SUCCESSFUL"
    scan_canceled: str = "CANCELED"
    scan_failure_status: str = "results_status"
    scan_processing: str = "results_status"
    scan_vuln_severity: str = "absent"
    scan_multi_launch: str = "one"
    # Whether a multi-scan's target shows the web apps it covers, besides the tags or web apps sent.
    scan_multi_target: str = "as_sent"
    # Scans running at once before a launch is refused; the recorded error names 10.
    scan_concurrency: int = 10
    # Reports (README "Reports"): whether a report is SUBMITTED before RUNNING; how a download before COMPLETE is
    # refused (HTTP 400 or 200); whether status and get of a failed report carry its message; whether a
    # WAS_SCAN_REPORT with a webAppReport config is refused or made as a web app report; whether templates show an
    # owner and dates; seconds a report is generating; the message that makes reports created while it is set
    # fail; the subscription's report storage in MB.
    report_status: str = "observed"
    report_early_download: str = "http_error"
    report_error_detail: str = "message"
    report_scan_config: str = "refuse"
    report_template_shape: str = "brief"
    report_duration: float = 60.0
    report_failure: str = ""
    report_storage_mb: float = 200.0
    # Findings (README "Findings"): an ignore of a finding already ignored replaces its reason and comment
    # ("update"), is refused ("refuse") or succeeds without changing them ("keep"); a later scan that detects an
    # ignored finding again leaves it ignored ("kept") or not ("dropped"); a successful ignore or activate answers
    # count and each Finding{id, uniqueId} ("ids") or the response code alone ("bare").
    finding_reignore: str = "update"
    finding_ignore_rescan: str = "kept"
    finding_ignore_response: str = "ids"

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            # bool is an int: True must not pass for 1, nor 5.0 for 5.
            if type(value) is not type(allowed[0]) or value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(str(choice) for choice in allowed)}")
        for name in LIMITS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer")
        if not isinstance(self.latency, (int, float)) or isinstance(self.latency, bool) or self.latency < 0:
            raise ValueError("latency must be a number of seconds, 0 or more")
        for name in ("report_duration", "report_storage_mb"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{name} must be a positive number")
        if not isinstance(self.report_failure, str):
            raise ValueError("report_failure must be a text, empty for reports that complete")
        lifetime = self.token_lifetime
        if not isinstance(lifetime, (int, float)) or isinstance(lifetime, bool) or lifetime <= 0:
            raise ValueError("token_lifetime must be a positive number of seconds")

    def changed(self, changes: Dict[str, Any]) -> "Settings":
        unknown = set(changes) - {field.name for field in fields(self)}
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)
