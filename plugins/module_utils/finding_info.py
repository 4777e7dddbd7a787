# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading findings (``was_finding_info``): the ``_info`` runner's selection, read a page at a time and counted.

Each page of 1,000 findings is reduced to compact records as it arrives and counted, so that what the task holds is
the compact records it returns (none with ``count_only``), never a page more than the one being read.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import FINDING
from ansible_collections.qualys.was.plugins.module_utils.finding_records import (
    FIELDS,
    SELECTION_SPEC,
    SELECTORS,
    STATUS,
    TYPE,
    VERBOSE_FIELDS,
    FindingSelection,
    finding_records,
)
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

# Findings are read, never written: the resource names the endpoint and the record's fields (id is its own).
RESOURCE = Resource(FINDING, "findings", FIELDS[1:] + VERBOSE_FIELDS, detail_elements=("ignoredReason",), audit=())
LEVELS = (5, 4, 3, 2, 1)


class Counts:
    """How many findings were selected, by severity, status and type, and how many are ignored."""

    def __init__(self) -> None:
        self.total = self.ignored = 0
        self.by_severity = {"level_%d" % level: 0 for level in LEVELS}
        self.by_status = {status: 0 for status in STATUS.choices}
        self.by_type = {kind: 0 for kind in TYPE.choices}

    def add(self, finding: Mapping[str, Any]) -> None:
        self.total += 1
        self.ignored += bool(finding["ignored"])
        # A value outside the documented ones (a severity Qualys adds, a status it renames) is counted under its own
        # name rather than lost.
        for counts, key in (
            (self.by_severity, "level_%s" % finding["severity"] if finding["severity"] is not None else None),
            (self.by_status, finding["status"]),
            (self.by_type, finding["type"]),
        ):
            if key is not None:
                counts[key] = counts.get(key, 0) + 1

    def result(self) -> Dict[str, Any]:
        return {
            "total": self.total,
            "ignored": self.ignored,
            "by_severity": self.by_severity,
            "by_status": self.by_status,
            "by_type": self.by_type,
        }


class FindingQuery(InfoQuery):
    """The selectors of ``finding_records``, ``filters``, ``details`` (a verbose search instead of one ``get`` per
    record), the options ``FindingSelection`` applies, and ``count_only``."""

    def __init__(self) -> None:
        super().__init__(RESOURCE, SELECTORS, details=True)

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        spec = super().argument_spec()
        spec.update(SELECTION_SPEC)
        spec["count_only"] = {"type": "bool", "default": False}
        return spec

    def findings(self, client: QualysClient, params: Mapping[str, Any]) -> Dict[str, Any]:
        """``counts`` of the selected findings, and ``findings`` unless ``count_only``; every option is checked
        before the first call, names and the scan are resolved before the first search."""
        selection = FindingSelection(params)
        criteria = self.criteria(client, params) + selection.criteria(client)
        counts = Counts()
        kept: Optional[List[Dict[str, Any]]] = None if params.get("count_only") else []
        for finding in finding_records(client, criteria, verbose=bool(params.get("details"))):
            if selection.keeps(finding):
                counts.add(finding)
                if kept is not None:
                    kept.append(finding)
        result: Dict[str, Any] = {"changed": False, "counts": counts.result()}
        if kept is not None:
            result["findings"] = kept
        return result


def run_finding_info_module() -> None:
    query = FindingQuery()
    module = QualysModule(query.argument_spec())
    module.run(lambda client: query.findings(client, module.params))
