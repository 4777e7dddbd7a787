# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Findings as scans record them (README "Scans", "Findings"): the recorded non-verbose shape, detection again,
FIXED and REOPENED, and the search fields and operators of search_finding.htm with the recorded error words."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import List

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.scanning import (
    ENDS,
    FIXTURE,
    PROCESSING,
    SEEDED,
    SHOP,
    UNREACHABLE,
    at,
    cancel,
    launch,
    scan,
    simulator_with,
    use,
    web_app,
)
from ansible_collections.qualys.was.tests.unit.simulator.simclient import READER, criteria, data_file
from ansible_collections.qualys.was.tests.unit.simulator.xmlcompare import assert_same_xml

# The element order of the recorded finding search (JupiterOne 2022, survey section 3.1).
VULNERABILITY_ORDER = [
    "id",
    "uniqueId",
    "qid",
    "name",
    "type",
    "potential",
    "findingType",
    "param",
    "severity",
    "url",
    "status",
    "firstDetectedDate",
    "lastDetectedDate",
    "lastTestedDate",
    "timesDetected",
    "webApp",
    "isIgnored",
]
GATHERED_ORDER = [
    tag for tag in VULNERABILITY_ORDER if tag not in ("param", "url", "status", "timesDetected", "isIgnored")
]


@pytest.fixture(name="api")
def clocked_api(api):
    at(api, 0)
    use(api, scan_processing="none")
    return api


def scanned(api, web_app_id: int, start: float = 0) -> int:
    at(api, start)
    reply = launch(api, scan(web_app(web_app_id)))
    assert reply.code == "SUCCESS", reply.body
    at(api, start + ENDS[web_app_id] + 5)
    api.qps("status", "wasscan", reply.ids[0], method="GET")
    return reply.ids[0]


def findings(api, *conditions: str, **options) -> List[ET.Element]:
    reply = api.search("finding", "".join(conditions), **options)
    assert reply.code == "SUCCESS", reply.body
    return reply.records


def test_a_scan_records_its_findings_in_the_recorded_shape(api):
    scanned(api, SHOP)
    records = findings(api, criteria("webApp.id", "EQUALS", str(SHOP)))
    by_type = {record.findtext("type"): record for record in records}

    assert len(records) == 7
    assert [child.tag for child in by_type["VULNERABILITY"]] == VULNERABILITY_ORDER
    assert [child.tag for child in by_type["INFORMATION_GATHERED"]] == GATHERED_ORDER
    assert [child.tag for child in by_type["VULNERABILITY"].find("webApp")] == ["id", "name", "url"]
    assert by_type["VULNERABILITY"].findtext("status") == "NEW"
    assert by_type["VULNERABILITY"].findtext("findingType") == "QUALYS"


def test_findings_are_dated_when_the_scan_ended(api):
    scanned(api, SHOP)
    at(api, 5 * 3600)
    dates = {record.findtext("firstDetectedDate") for record in findings(api)}

    assert dates == {datetime.fromtimestamp(1893456000 + ENDS[SHOP], timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_no_finding_before_the_results_settle(api):
    use(api, scan_processing="results_status")
    at(api, 0)
    launch(api, scan(web_app(SHOP)))
    at(api, ENDS[SHOP] + 5)
    before = findings(api)
    at(api, ENDS[SHOP] + PROCESSING + 5)

    assert (len(before), len(findings(api))) == (0, 7)


def test_per_qid_severity_and_potential_as_the_collection_reads_them(api):
    scanned(api, SHOP)
    records = findings(api, criteria("qid", "IN", "150158, 150084"), criteria("webApp.id", "IN", f"{SHOP},{SEEDED}"))

    assert [(r.findtext("qid"), r.findtext("severity"), r.findtext("potential")) for r in records] == [
        ("150158", "5", "false"),
        ("150084", "3", "true"),
    ]


def test_a_failed_scan_records_what_it_gathered(api):
    scanned(api, UNREACHABLE)

    assert sorted(r.findtext("qid") for r in findings(api)) == ["150111", "45038", "6"]
    assert {r.findtext("type") for r in findings(api)} == {"INFORMATION_GATHERED"}


def test_a_scan_canceled_without_results_records_nothing(api):
    scan_id = launch(api, scan(web_app(SHOP))).ids[0]
    at(api, 600)
    cancel(api, scan_id)
    at(api, ENDS[SHOP] + 5)

    assert findings(api) == []


def test_a_second_scan_detects_the_same_findings_again(api):
    scanned(api, SHOP)
    first = {r.findtext("id"): r for r in findings(api, criteria("type", "EQUALS", "VULNERABILITY"))}
    scanned(api, SHOP, start=3 * 3600)
    second = {r.findtext("id"): r for r in findings(api, criteria("type", "EQUALS", "VULNERABILITY"))}

    assert sorted(second) == sorted(first)
    for finding_id, record in second.items():
        assert record.findtext("timesDetected") == "2"
        assert record.findtext("status") == "ACTIVE"
        assert record.findtext("uniqueId") == first[finding_id].findtext("uniqueId")
        assert record.findtext("firstDetectedDate") == first[finding_id].findtext("firstDetectedDate")
        assert record.findtext("lastDetectedDate") > first[finding_id].findtext("lastDetectedDate")


def test_fixed_when_a_good_scan_no_longer_finds_it_and_reopened_when_found_again():
    from ansible_collections.qualys.was.tests.simulator.scans import (  # pylint: disable=import-outside-toplevel
        record_findings,
    )
    from ansible_collections.qualys.was.tests.simulator.store import Store  # pylint: disable=import-outside-toplevel

    store = Store(
        {"Qid": [{"id": 150085, "title": "Slow HTTP POST vulnerability", "type": "VULNERABILITY", "severity": 3}]}
    )
    found = [{"qid": 150085, "url": "http://www.example.com/"}]
    days = [datetime(2030, 1, day, tzinfo=timezone.utc) for day in (1, 2, 3, 4)]
    record_findings(store, SEEDED, found, days[0], whole=True)
    record_findings(store, SEEDED, [], days[1], whole=False)
    after_partial = store.all("Finding")[0]["status"]
    record_findings(store, SEEDED, [], days[2], whole=True)
    after_fix = dict(store.all("Finding")[0])
    record_findings(store, SEEDED, found, days[3], whole=True)

    assert after_partial == "NEW"
    assert (after_fix["status"], after_fix["lastTestedDate"], after_fix["lastDetectedDate"]) == (
        "FIXED",
        days[2],
        days[0],
    )
    assert (store.all("Finding")[0]["status"], store.all("Finding")[0]["timesDetected"]) == ("REOPENED", 2)


@pytest.mark.parametrize(
    "condition, expected",
    [
        (criteria("severity", "GREATER", "3"), ["150158", "150001"]),
        (criteria("severity", "EQUALS", "5"), ["150158"]),
        (criteria("type", "EQUALS", "SENSITIVE_CONTENT"), ["150026"]),
        (criteria("type", "IN", "VULNERABILITY,SENSITIVE_CONTENT"), ["150158", "150001", "150084", "150026"]),
        (criteria("potential", "EQUALS", "true"), ["150084"]),
        (criteria("isIgnored", "EQUALS", "false"), ["150158", "150001", "150084", "150026"]),
        (criteria("status", "IN", "ACTIVE, NEW, REOPENED"), ["150158", "150001", "150084", "150026"]),
        # NOT EQUALS matches a record without the value, as on every field of the simulator: IGs have no status.
        (criteria("status", "NOT EQUALS", "FIXED"), ["150158", "150001", "150084", "150026", "6", "45038", "150210"]),
        (criteria("group", "EQUALS", "XSS"), ["150158", "150001", "150084"]),
        (criteria("name", "CONTAINS", "cross-site"), ["150001"]),
        (criteria("url", "CONTAINS", "checkout"), ["150026"]),
        (criteria("param", "EQUALS", "q"), ["150001"]),
        (
            criteria("webApp.name", "EQUALS", "Demo Shop"),
            ["150158", "150001", "150084", "150026", "6", "45038", "150210"],
        ),
        (
            criteria("webApp.tags.name", "EQUALS", "PCI"),
            ["150158", "150001", "150084", "150026", "6", "45038", "150210"],
        ),
        (criteria("webApp.tags.id", "EQUALS", "12017500"), []),
        (
            criteria("lastDetectedDate", "GREATER", "2030-01-01T00:00:00Z"),
            ["150158", "150001", "150084", "150026", "6", "45038", "150210"],
        ),
        (criteria("timesDetected", "EQUALS", "1"), ["150158", "150001", "150084", "150026"]),
        (criteria("findingType", "EQUALS", "QUALYS"), ["150158", "150001", "150084", "150026", "6", "45038", "150210"]),
    ],
)
def test_search_fields_and_operators(api, condition, expected):
    scanned(api, SHOP)

    assert [record.findtext("qid") for record in findings(api, condition)] == expected


def test_count_and_get(api):
    scanned(api, SHOP)
    count = api.qps(
        "count",
        "finding",
        body=f"<ServiceRequest><filters>{criteria('severity', 'EQUALS', '5')}</filters></ServiceRequest>".encode(),
    )
    first = findings(api)[0]

    assert count.xml.findtext("count") == "1"
    assert api.get("finding", first.findtext("id")).records[0].findtext("uniqueId") == first.findtext("uniqueId")


def test_a_non_numeric_web_app_id_is_refused_in_the_recorded_words(api):
    # Recorded on search/was/finding itself (samples error-search-jupiterone-3 and -4).
    reply = api.qps("search", "finding", body=data_file("samples", "error-search-jupiterone-3.xml"))

    assert_same_xml(reply.xml, ET.fromstring(data_file("samples", "error-search-jupiterone-4.xml")))


def test_an_unknown_id_is_an_empty_success_as_recorded(api):
    reply = api.search("finding", criteria("webApp.id", "IN", "123"))

    assert_same_xml(reply.xml, ET.fromstring(data_file("samples", "finding-search-jupiterone-1.xml")))


def test_text_fields_take_no_in(api):
    reply = api.search("finding", criteria("name", "IN", "a,b"))

    assert reply.error[0] == "Criteria: Operator 'IN' is not supported for criteria 'name'."


def test_findings_are_read_only_and_readable_by_anyone(api):
    scanned(api, SHOP)

    assert len(findings(api, as_user=READER)) == 7
    assert api.create("finding", "<Finding><qid>6</qid></Finding>").code == "OPERATION_NOT_SUPPORTED"


def test_a_fixture_finding_outside_the_catalogue_is_named_at_start_up():
    from ansible_collections.qualys.was.tests.simulator.fixture import (  # pylint: disable=import-outside-toplevel
        FixtureError,
        parse_fixture,
    )

    content = json.loads(FIXTURE.read_text(encoding="utf-8"))
    content["Qid"] = [qid for qid in content["Qid"] if qid["id"] != 150158]

    with pytest.raises(FixtureError, match="WebApp 4331925: scanOutcome finds QID 150158, not in Qid"):
        parse_fixture(content)


def test_without_a_catalogue_a_new_web_app_scans_clean(tmp_path):
    def no_catalogue(content):
        content.pop("Qid")
        content["WebApp"] = [dict(web_app, scanOutcome={}) for web_app in content["WebApp"]]

    with simulator_with(tmp_path, no_catalogue, scan_processing="none") as api:
        at(api, 0)
        scan_id = launch(api, scan(web_app(SHOP))).ids[0]
        at(api, 60 + 600 + 5)
        document = api.qps("download", "wasscan", scan_id, method="GET").xml

    assert (document.findtext("summary/resultsStatus"), document.findtext("igs/count")) == ("SUCCESSFUL", "0")
