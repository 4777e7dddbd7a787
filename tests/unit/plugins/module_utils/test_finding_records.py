# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.endpoints import FINDING
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysError
from ansible_collections.qualys.was.plugins.module_utils.finding_records import (
    SELECTORS,
    FindingReader,
    FindingSelection,
    finding_records,
    scan_scope,
)
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, service_response

# Two records in the element order of the recorded search (survey §3.1, JO-F): information gathered without url,
# status, timesDetected and isIgnored; a vulnerability with a parameter.
GATHERED = (
    "<id>6816386</id><uniqueId>0ee64f7c-2c14-4564-b514-e548681ac7cf</uniqueId><qid>150210</qid>"
    "<name><![CDATA[Information Disclosure via Response Header]]></name><type>INFORMATION_GATHERED</type>"
    "<potential>false</potential><findingType>QUALYS</findingType><severity>3</severity>"
    "<firstDetectedDate>2022-04-12T21:15:33Z</firstDetectedDate><lastDetectedDate>2022-04-12T21:15:33Z"
    "</lastDetectedDate><lastTestedDate>2022-04-12T21:15:33Z</lastTestedDate>"
    "<webApp><id>238483924</id><name><![CDATA[http://rest.vulnweb.com/]]></name>"
    "<url><![CDATA[http://rest.vulnweb.com/]]></url></webApp>"
)


def vulnerability(finding_id=16596752, extra=""):
    return (
        "<id>%d</id><uniqueId>a7f73fdb-5293-4d46-bf41-ea4f37e469a5</uniqueId><qid>150158</qid>"
        "<name><![CDATA[Client Side Template Injection]]></name><type>VULNERABILITY</type>"
        "<potential>false</potential><findingType>QUALYS</findingType><param><![CDATA[id]]></param>"
        "<severity>5</severity><url><![CDATA[http://testhtml5.vulnweb.com/comment?id=qss]]></url><status>NEW</status>"
        "<firstDetectedDate>2022-04-12T21:15:49Z</firstDetectedDate><lastDetectedDate>2022-04-12T21:15:49Z"
        "</lastDetectedDate><lastTestedDate>2022-04-12T21:15:49Z</lastTestedDate><timesDetected>1</timesDetected>"
        "<webApp><id>238483925</id><name><![CDATA[Test HTML5]]></name><url>http://testhtml5.vulnweb.com/</url>"
        "</webApp>%s" % (finding_id, extra or "<isIgnored>false</isIgnored>")
    )


IGNORED = (
    "<isIgnored>true</isIgnored><ignoredReason>FALSE_POSITIVE</ignoredReason>"
    "<ignoredComment><![CDATA[Reviewed: the parameter is never rendered]]></ignoredComment>"
)


def parsed(records):
    """Records as the client hands them over, from a search page."""
    session = FakeSession([Reply(service_response("Finding", records))])
    return next(client_of(session).search_pages(FINDING))


def client_of(session):
    return QualysClient(ConnectionSettings("https://q.example.test", "u", "p"), session, sleep=lambda s: None)


def criteria_of(request):
    body = ElementTree.fromstring(request.body)
    return [(c.get("field"), c.get("operator"), c.text or "") for c in body.findall("filters/Criteria")]


def test_a_summary_becomes_the_compact_record_in_the_collections_names():
    gathered, found = [FindingReader()(record) for record in parsed([GATHERED, vulnerability(extra=IGNORED)])]
    assert gathered == {
        "id": 6816386,
        "unique_id": "0ee64f7c-2c14-4564-b514-e548681ac7cf",
        "qid": 150210,
        "title": "Information Disclosure via Response Header",
        "type": "information_gathered",
        "severity": 3,
        "potential": False,
        "status": None,
        "url": None,
        "param": None,
        "web_app": {"id": 238483924, "name": "http://rest.vulnweb.com/"},
        "first_detected": "2022-04-12T21:15:33Z",
        "last_detected": "2022-04-12T21:15:33Z",
        "last_tested": "2022-04-12T21:15:33Z",
        "times_detected": None,
        "ignored": False,
        "ignored_reason": None,
        "ignored_comment": None,
    }
    assert found["type"] == "vulnerability" and found["status"] == "new" and found["param"] == "id"
    assert found["url"] == "http://testhtml5.vulnweb.com/comment?id=qss" and found["times_detected"] == 1
    # Without a verbose search the reason and comment are null, whatever the record carries.
    assert found["ignored"] is True and found["ignored_reason"] is None and found["ignored_comment"] is None


def test_a_verbose_search_gives_the_reason_and_comment_of_an_ignore():
    found = FindingReader(verbose=True)(parsed([vulnerability(extra=IGNORED)])[0])
    assert found["ignored_reason"] == "false_positive"
    assert found["ignored_comment"] == "Reviewed: the parameter is never rendered"
    assert FindingReader(verbose=True)(parsed([vulnerability()])[0])["ignored_reason"] is None


def test_values_many_findings_repeat_are_held_once():
    reader = FindingReader()
    first, second = [reader(record) for record in parsed([vulnerability(1), vulnerability(2)])]
    for option in ("title", "type", "status", "param", "first_detected", "web_app"):
        assert first[option] is second[option], option
    assert first["id"] != second["id"]


def test_findings_are_read_a_page_at_a_time_by_id_and_verbose_when_asked():
    pages = [
        Reply(service_response("Finding", [vulnerability(1), vulnerability(2)], has_more=True, last_id=2)),
        Reply(service_response("Finding", [vulnerability(3)])),
    ]
    session = FakeSession(pages)
    records = finding_records(client_of(session), [Criterion("qid", "IN", [150158])], verbose=True)
    assert next(records)["id"] == 1
    assert len(session.requests) == 1  # the second page is read only once the first has been used
    assert [record["id"] for record in records] == [2, 3]
    assert session.operations == ["search/finding"] * 2
    assert criteria_of(session.requests[1]) == [("qid", "IN", "150158"), ("id", "GREATER", "2")]
    assert b"<verbose>true</verbose>" in session.requests[0].body


@pytest.mark.parametrize(
    "option, value, criterion",
    [
        ("web_app", {"id": 7, "name": None}, ("webApp.id", "EQUALS", 7)),
        ("tags", [{"id": 5, "name": None}, {"id": 6, "name": None}], ("webApp.tags.id", "IN", [5, 6])),
        ("qid", [150158, 150210], ("qid", "IN", [150158, 150210])),
        ("severity", [3], ("severity", "IN", [3])),
        ("min_severity", 4, ("severity", "IN", [4, 5])),
        ("status", ["new", "reopened"], ("status", "IN", ["NEW", "REOPENED"])),
        ("type", ["sensitive_content"], ("type", "IN", ["SENSITIVE_CONTENT"])),
        ("first_detected_since", "2026-01-01T00:00:00Z", ("firstDetectedDate", "GREATER", "2026-01-01T00:00:00Z")),
        ("last_detected_since", "2026-01-01 10:00+02:00", ("lastDetectedDate", "GREATER", "2026-01-01T08:00:00Z")),
    ],
)
def test_each_selector_is_one_criterion_of_the_finding_search(option, value, criterion):
    selector = next(selector for selector in SELECTORS if selector.option == option)
    assert tuple(selector.criterion(value)) == criterion


@pytest.mark.parametrize(
    "target, criterion",
    [
        ({"webApp": {"id": "11"}}, Criterion("webApp.id", "IN", [11])),
        ({"webApps": {"list": {"WebApp": [{"id": "12"}, {"id": "11"}]}}}, Criterion("webApp.id", "IN", [11, 12])),
        ({"tags": {"included": {"tagList": {"list": {"Tag": {"id": "5"}}}}}}, Criterion("webApp.tags.id", "IN", [5])),
        ({"tags": {"included": {"tagList": {"set": {"Tag": [{"id": "6"}]}}}}}, Criterion("webApp.tags.id", "IN", [6])),
        ({}, None),
    ],
)
def test_a_scans_findings_are_those_of_the_web_apps_it_targeted(target, criterion):
    assert scan_scope({"target": target}) == criterion


def test_the_web_apps_given_win_over_the_scans_target():
    assert scan_scope({"target": {"webApp": {"id": "11"}}}, [3, 2, 3]) == Criterion("webApp.id", "IN", [2, 3])


def test_a_scan_costs_one_get_and_selects_its_web_apps():
    scan = "<id>51</id><target><webApp><id>11</id><name>Shop</name></webApp></target>"
    session = FakeSession([Reply(service_response("WasScan", [scan]))])
    criteria = FindingSelection({"scan": 51, "ignored": True}).criteria(client_of(session))
    assert criteria == [Criterion("webApp.id", "IN", [11]), Criterion("isIgnored", "EQUALS", True)]
    assert session.requests[0].url.endswith("/get/was/wasscan/51")


def test_a_scan_without_a_target_fails_rather_than_selecting_every_finding():
    session = FakeSession([Reply(service_response("WasScan", ["<id>51</id>"]))])
    with pytest.raises(QualysError, match="scan 51 names no web app and no tag"):
        FindingSelection({"scan": 51}).criteria(client_of(session))


def test_ignored_false_is_applied_to_the_records_since_information_gathered_has_no_isignored():
    assert FindingSelection({"ignored": False}).criteria(client_of(FakeSession([]))) == []
    gathered, found = [FindingReader()(record) for record in parsed([GATHERED, vulnerability(extra=IGNORED)])]
    assert FindingSelection({"ignored": False}).keeps(gathered)
    assert not FindingSelection({"ignored": False}).keeps(found)
    assert FindingSelection({"ignored": True}).keeps(found)


def test_potential_is_applied_to_the_records_the_search_cannot_select_it():
    confirmed = FindingReader()(parsed([vulnerability()])[0])
    potential = dict(confirmed, potential=True)
    assert [FindingSelection({"potential": True}).keeps(one) for one in (confirmed, potential)] == [False, True]
    assert [FindingSelection({"potential": False}).keeps(one) for one in (confirmed, potential)] == [True, False]
    assert FindingSelection({}).keeps(confirmed) and FindingSelection({}).keeps(potential)
