# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.finding_info import Counts, FindingQuery
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, service_response
from ansible_collections.qualys.was.tests.unit.plugins.module_utils.test_finding_records import (
    GATHERED,
    IGNORED,
    client_of,
    criteria_of,
    vulnerability,
)

OPTIONS = sorted(FindingQuery().argument_spec())


def params(**values):
    base = dict.fromkeys(OPTIONS)
    base.update(details=False, count_only=False)
    base.update(values)
    return base


def finding(**values):
    base = {"severity": 3, "status": "new", "type": "vulnerability", "ignored": False}
    base.update(values)
    return base


def test_the_options_are_the_selectors_filters_details_and_what_the_records_decide():
    assert OPTIONS == [
        "count_only",
        "details",
        "filters",
        "first_detected_since",
        "ignored",
        "last_detected_since",
        "min_severity",
        "potential",
        "qid",
        "scan",
        "severity",
        "status",
        "tags",
        "type",
        "web_app",
    ]


def test_counts_are_by_severity_status_and_type_with_every_documented_value():
    counts = Counts()
    for one in (
        finding(severity=5),
        finding(severity=5, status="active", ignored=True),
        finding(severity=1, status=None, type="information_gathered"),
    ):
        counts.add(one)
    assert counts.result() == {
        "total": 3,
        "ignored": 1,
        "by_severity": {"level_5": 2, "level_4": 0, "level_3": 0, "level_2": 0, "level_1": 1},
        "by_status": {"new": 1, "active": 1, "reopened": 0, "protected": 0, "fixed": 0},
        "by_type": {"vulnerability": 2, "sensitive_content": 0, "information_gathered": 1},
    }


def test_a_value_qualys_adds_is_counted_under_its_own_name():
    counts = Counts()
    counts.add(finding(status="retesting", severity=None))
    assert counts.result()["by_status"]["retesting"] == 1
    assert sum(counts.result()["by_severity"].values()) == 0


def test_pages_are_counted_as_they_come_and_what_the_search_cannot_select_is_dropped():
    pages = [
        Reply(service_response("Finding", [GATHERED, vulnerability(7, IGNORED)], has_more=True, last_id=16596752)),
        Reply(service_response("Finding", [vulnerability(16596753)])),
    ]
    session = FakeSession(pages)
    result = FindingQuery().findings(client_of(session), params(ignored=False, qid=[150158, 150210]))
    assert [one["id"] for one in result["findings"]] == [6816386, 16596753]
    assert result["counts"]["total"] == 2 and result["counts"]["by_type"]["information_gathered"] == 1
    assert criteria_of(session.requests[1]) == [("qid", "IN", "150158,150210"), ("id", "GREATER", "16596752")]


def test_count_only_returns_counts_alone():
    session = FakeSession([Reply(service_response("Finding", [vulnerability()]))])
    result = FindingQuery().findings(client_of(session), params(count_only=True))
    assert "findings" not in result and result["counts"]["total"] == 1 and result["changed"] is False


def test_details_read_a_verbose_search_not_one_get_per_finding():
    session = FakeSession([Reply(service_response("Finding", [vulnerability(extra=IGNORED)]))])
    result = FindingQuery().findings(client_of(session), params(details=True))
    assert result["findings"][0]["ignored_reason"] == "false_positive"
    assert session.operations == ["search/finding"] and b"<verbose>true</verbose>" in session.requests[0].body


@pytest.mark.parametrize(
    "values, message",
    [
        ({"min_severity": 6}, "min_severity must be from 1 to 5"),
        ({"severity": [0]}, r"severity\[0\] must be from 1 to 5"),
        ({"qid": []}, "qid must list at least one value"),
        ({"last_detected_since": "last week", "scan": 5}, "last_detected_since must be a date-time"),
        ({"web_app": {"url": "x"}, "scan": 5}, "web_app must be a web application id"),
    ],
)
def test_invalid_selections_fail_before_any_call(values, message):
    session = FakeSession([])
    with pytest.raises(ValidationError, match=message):
        FindingQuery().findings(client_of(session), params(**values))
    assert session.requests == []
