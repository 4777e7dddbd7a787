# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A WAS report as an action: created once, polled until it is generated, then downloaded to a file.

The statuses and the words of a failed report are those tests/simulator/README.md ("Reports") lists with their
sources; what no source settles (a SUBMITTED status first, whether a failed report's record carries its words)
is read here in every variant.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

from ansible_collections.qualys.was.plugins.module_utils.action import Action, Words
from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.plugins.module_utils.references import reference_key
from ansible_collections.qualys.was.plugins.module_utils.report_download import DOWNLOAD
from ansible_collections.qualys.was.plugins.module_utils.report_fields import RESOURCE

# Statuses of a report still being generated, as search criteria spell them: one is attached to, not made again.
ACTIVE = ("SUBMITTED", "RUNNING")
GOOD = "complete"
TYPE_WORDS = {"web_app": "Web application", "scan": "Scan", "scorecard": "Scorecard", "catalog": "Catalog"}


def end_of(state: Optional[Mapping[str, Any]]) -> Optional[Tuple[str, ...]]:
    """None while the report is generated; else its status, ``complete`` or ``error``."""
    status = (state or {}).get("status")
    return None if status is None or status.upper() in ACTIVE else (status,)


def explain_end(client: QualysClient, state: Dict[str, Any]) -> Dict[str, Any]:
    """A failed report with its words: its record's message, else what its download answers, which always tells
    them (one call, made only when the record is silent)."""
    if state.get("message") or state.get("status") != "error":
        return state
    try:
        client.download_file(RESOURCE.endpoint, state["id"], lambda: lambda piece: None)
    except QualysApiError as exc:
        return dict(state, message=exc.error_message or exc.reason)
    return state


def describe_end(state: Mapping[str, Any]) -> str:
    """``report 'Weekly' (id 12) ended ERROR: Report generation failed.``: the end in the server's words."""
    words = state.get("message")
    return "%s ended %s%s" % (
        RESOURCE.describe(state),
        (state.get("status") or "unknown").upper(),
        # The runner ends the sentence: the server's own final full stop would double it.
        ": %s" % words.rstrip(".") if words else " without saying why",
    )


def _shown(reference: Any) -> str:
    key = reference_key(reference)
    return str(reference) if key is None else str(key[1])


def default_name(desired: Mapping[str, Any], day: str) -> str:
    """``Web application report of tags Production as CSV on 2026-12-04``: the type, what the report covers as the
    task names it, the format and the UTC date, so that a re-run the same day finds the report its first run made,
    and a report of the same target in another format is another report."""
    kind = desired.get("type") or "web_app"
    target = desired.get("target") or {}
    covered = ""
    if target.get("web_apps"):
        covered = " of " + ", ".join(_shown(app) for app in target["web_apps"])
    elif target.get("scans"):
        covered = " of scans " + ", ".join(_shown(scan) for scan in target["scans"])
    elif target.get("tags"):
        for part, joined in (("included", " of tags "), ("excluded", " except ")):
            selection = (target["tags"] or {}).get(part) or {}
            if selection.get("tag_list"):
                joiner = " or " if selection.get("option") == "any" else " and "
                covered += joined + joiner.join(_shown(tag) for tag in selection["tag_list"])
    return "%s report%s as %s on %s" % (TYPE_WORDS[kind], covered, (desired.get("format") or "pdf").upper(), day)


REPORT_ACTION = Action(
    RESOURCE,
    active=ACTIVE,
    end_of=end_of,
    good_ends=(GOOD,),
    end_words=(),
    # A full storage is not waited out: reports are deleted to free it ("Delete existing reports and try again").
    refused_for_limit=None,
    default_name=default_name,
    describe_end=describe_end,
    start="create",
    cancel=None,
    defaults={"type": "web_app", "format": "pdf", "wait": True, "wait_timeout": 1800, "poll_interval": 30},
    finish=DOWNLOAD,
    start_state="present",
    relaunch=False,
    since_field="creationDate",
    words=Words("created", "creating"),
    name_from=(),
    deletes_running=True,
    alike=("type", "format"),
    explain_end=explain_end,
)
