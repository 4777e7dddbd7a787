# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading scans (``was_scan_info``): the ``_info`` runner, plus each scan's results once they have settled."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Integer, Text
from ansible_collections.qualys.was.plugins.module_utils.criteria import DateSelector, Selector
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery, run_info_query
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.scan_fields import RESOURCE, STATUS
from ansible_collections.qualys.was.plugins.module_utils.scan_results import read_results
from ansible_collections.qualys.was.plugins.module_utils.scan_status import end_words
from ansible_collections.qualys.was.plugins.module_utils.scan_target import SCAN_TYPE

# The search fields of scans (search_scan.htm): names match exactly, so the server's text match is narrowed to it.
SELECTORS = [
    Selector("id", Integer()),
    Selector("name", Text(), exact=True),
    Selector("web_app", Ref(WEB_APP), field="webApp.id"),
    Selector("status", STATUS, many=True),
    Selector("type", SCAN_TYPE.kind),
    DateSelector("launched_after", "launchedDate", "GREATER"),
    DateSelector("launched_before", "launchedDate", "LESSER"),
]


class ScanInfoQuery(InfoQuery):
    """Scans selected as any record is, and with ``results`` each scan's results (``scan_results``): one download
    per scan whose results have settled, plus the finding searches that fill in what a download leaves out. A scan
    still running, or whose results are being processed, has ``results`` null and costs nothing more."""

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        spec = super().argument_spec()
        spec["results"] = {"type": "bool", "default": False}
        return spec

    def read(self, client: QualysClient, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
        states = super().read(client, params)
        if params.get("results"):
            for state in states:
                state["results"] = read_results(client, [state]) if end_words(state) else None
        return states


def run_scan_info_module() -> None:
    run_info_query(ScanInfoQuery(RESOURCE, SELECTORS, details=True), return_key="scans")
