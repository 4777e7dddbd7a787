# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Findings (``was/finding``): the compact record the finding modules return, and the options that select them.

A Qualys finding is one QID detected at one URL and parameter of one web app, kept across scans (search_finding.htm,
the recorded search finding-search-jupiterone-1). The search returns a summary; a verbose search adds what only
``get`` would otherwise give, the reason and comment of an ignore among them (survey §3.1). The compact record keeps
what deciding about a finding needs, in the collection's names, and drops payloads, requests and responses.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion, as_list
from ansible_collections.qualys.was.plugins.module_utils.criteria import DateSelector, Selector
from ansible_collections.qualys.was.plugins.module_utils.endpoints import FINDING, SCAN, TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysError
from ansible_collections.qualys.was.plugins.module_utils.fields import Boolean, Choice, Field, Integer, Text, text_of
from ansible_collections.qualys.was.plugins.module_utils.references import Ref

# The enumerations of the finding search's fields (search_finding.htm), as the task spells them.
TYPE = Choice("vulnerability", "sensitive_content", "information_gathered")
STATUS = Choice("new", "active", "reopened", "protected", "fixed")
IGNORED_REASON = Choice("false_positive", "risk_accepted", "not_applicable")
SEVERITY = Integer(1, 5)

# The compact record, in the order it is documented. Information gathered has no url, status, timesDetected or
# isIgnored (recorded search): the first three read as null, and it is never ignored.
FIELDS = (
    Field("id", Integer()),
    Field("unique_id", Text()),
    Field("qid", Integer()),
    Field("title", Text(), wire="name"),
    Field("type", TYPE),
    Field("severity", SEVERITY),
    Field("potential", Boolean()),
    Field("status", STATUS),
    Field("url", Text()),
    Field("param", Text()),
    Field("web_app", Ref(WEB_APP), wire="webApp"),
    Field("first_detected", Text(), wire="firstDetectedDate"),
    Field("last_detected", Text(), wire="lastDetectedDate"),
    Field("last_tested", Text(), wire="lastTestedDate"),
    Field("times_detected", Integer()),
    Field("ignored", Boolean(absent=False), wire="isIgnored"),
)
# What only a verbose search returns; null in the record of a summary, whatever the summary holds.
VERBOSE_FIELDS = (Field("ignored_reason", IGNORED_REASON), Field("ignored_comment", Text()))
# Values that many findings repeat: held once. The findings of a scan share their dates, those of a QID their title,
# and the lower-case choices would otherwise be a new string per finding.
SHARED = frozenset(("title", "type", "status", "param", "first_detected", "last_detected", "last_tested"))


class FindingReader:
    """Turns the records of a finding search into compact records, one at a time.

    The values many findings repeat are kept once, so that 100,000 records cost what their own values cost.
    ``verbose`` says the records come from a verbose search and carry the reason and comment of an ignore.
    """

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self._values: Dict[Any, Any] = {}
        self._web_apps: Dict[Tuple[int, Optional[str]], Dict[str, Any]] = {}

    def __call__(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        compact = {}
        for field in FIELDS:
            value = field.read(record)
            if field.option in SHARED and value is not None:
                value = self._values.setdefault(value, value)
            compact[field.option] = value
        web_app = compact["web_app"]
        if web_app is not None:
            compact["web_app"] = self._web_apps.setdefault((web_app["id"], web_app["name"]), web_app)
        for field in VERBOSE_FIELDS:
            value = field.read(record) if self.verbose else None
            compact[field.option] = self._values.setdefault(value, value) if field.option == "ignored_reason" else value
        return compact


def finding_records(
    client: QualysClient, criteria: Sequence[Criterion], verbose: bool = False
) -> Iterator[Dict[str, Any]]:
    """The findings matching ``criteria`` as compact records, in ascending id order: one search per page of 1,000
    (``id GREATER`` the last id, as production clients page findings), each page reduced when it arrives and dropped
    before the next is read."""
    reader = FindingReader(verbose)
    for page in client.search_pages(FINDING, criteria, verbose=verbose):
        for record in page:
            yield reader(record)


# Selecting findings ----------------------------------------------------------------------------------------------


class AtLeastSelector(Selector):
    """A selector of the records whose integer ``field`` is at least the value, up to ``highest``: sent as ``IN``
    the values, the operator production clients use on the finding search's integer fields."""

    def __init__(self, option: str, kind: Integer, field: str, highest: int) -> None:
        super().__init__(option, kind, field=field)
        self.highest = highest

    def criterion(self, value: Any) -> Criterion:
        return Criterion(self.field, "IN", list(range(value, self.highest + 1)))


# The selectors the finding search serves itself (search_finding.htm; qid IN, webApp.id IN, status IN, severity and
# lastDetectedDate GREATER are also in recorded and production requests). ``scan``, ``potential`` and ``ignored``
# are not among them (see FindingSelection).
SELECTORS = [
    Selector("web_app", Ref(WEB_APP), field="webApp.id"),
    Selector("tags", Ref(TAG), field="webApp.tags.id", many=True),
    Selector("qid", Integer(), many=True),
    Selector("severity", SEVERITY, many=True),
    AtLeastSelector("min_severity", SEVERITY, "severity", 5),
    Selector("status", STATUS, many=True),
    Selector("type", TYPE, many=True),
    DateSelector("first_detected_since", "firstDetectedDate", "GREATER"),
    DateSelector("last_detected_since", "lastDetectedDate", "GREATER"),
]


def _ids(container: Any, *path: str) -> List[int]:
    """The ids of the records at ``path`` below ``container`` (one record or several, as xmltodict gives them)."""
    records = [container]
    for name in path:
        records = [item for record in records if isinstance(record, Mapping) for item in as_list(record.get(name))]
    found = [text_of(record.get("id")) for record in records if isinstance(record, Mapping)]
    return sorted({int(text) for text in found if text and text.isdigit()})


def scan_scope(record: Mapping[str, Any], web_app_ids: Sequence[int] = ()) -> Optional[Criterion]:
    """Where the finding records of a scan (as ``get`` or ``download`` give it) are: the web apps given, else those of
    its target, else the web apps its target's tags select (a multi-scan by tags lists no web app; webApp.tags.id is
    a documented field of the finding search). A tag excluded there only widens the records read, not what is matched.

    A finding names no scan: the search has no scan field, and a finding found again by a later scan is the same
    record. The findings of a scan's web apps are the closest the API gives.
    """
    target = record.get("target") or {}
    apps = sorted(set(web_app_ids)) or _ids(target, "webApp") or _ids(target, "webApps", "list", "WebApp")
    if apps:
        return Criterion("webApp.id", "IN", apps)
    tags = _ids(target, "tags", "included", "tagList", "list", "Tag") or _ids(
        target, "tags", "included", "tagList", "set", "Tag"
    )
    return Criterion("webApp.tags.id", "IN", tags) if tags else None


# The options of FindingSelection, beside the selectors.
SELECTION_SPEC = {"scan": {"type": "int"}, "potential": {"type": "bool"}, "ignored": {"type": "bool"}}


class FindingSelection:
    """The options of a task that select findings, beyond the search's own selectors.

    ``scan`` reads the scan (one ``get``) and selects the findings of the web apps it targeted. The search has no
    ``potential`` field, so that option is applied to the records read. ``ignored: true`` is also sent as
    ``isIgnored EQUALS true``; ``ignored: false`` is not sent, since information gathered carries no isIgnored
    element and a server might leave it out of a search on that field.
    """

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.scan = params.get("scan")
        self.potential = params.get("potential")
        self.ignored = params.get("ignored")

    def criteria(self, client: QualysClient) -> List[Criterion]:
        """The criteria these options add; one ``get`` of the scan when one is named."""
        criteria = []
        if self.scan is not None:
            scope = scan_scope(client.get(SCAN, self.scan))
            if scope is None:
                raise QualysError(
                    "scan %s names no web app and no tag, so no finding can be told to be of it" % self.scan
                )
            criteria.append(scope)
        if self.ignored:
            criteria.append(Criterion("isIgnored", "EQUALS", True))
        return criteria

    def keeps(self, finding: Mapping[str, Any]) -> bool:
        """Whether a compact record matches the options the search cannot apply."""
        if self.potential is not None and finding["potential"] is not self.potential:
            return False
        return self.ignored is None or finding["ignored"] is self.ignored
