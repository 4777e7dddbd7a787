# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Ignoring and activating findings (README "Findings"): the CISA body on the bare path and the documented
``/<id>`` and filter forms (ignore_finding.htm, activate_finding.htm), the "Ignore Vulnerabilities" permission and
the user's scope, the verbose ignored* elements in the aegis order, the search fields of search_finding.htm, and
the three settings finding_reignore, finding_ignore_response and finding_ignore_rescan."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Dict, List, Optional

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.scanning import (
    BLOG,
    ENDS,
    SHOP,
    at,
    launch,
    scan,
    use,
    web_app,
)
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, READER, criteria
from ansible_collections.qualys.was.tests.unit.simulator.test_sim_findings import VULNERABILITY_ORDER

SCANNER = ("scanner", "scanner-pass")  # scope: the web apps tagged Production (SHOP, not BLOG)
# The verbose order of the aegis structs, with the elements the simulator models (README "Findings").
VERBOSE_ORDER = VULNERABILITY_ORDER + ["ignoredReason", "ignoredBy", "ignoredDate", "ignoredComment"]
NOT_FOUND = "Finding with id {} does not exist or is not accessible."


def ignore_body(finding_id: Optional[int] = None, reason: Optional[str] = "FALSE_POSITIVE", comment: str = "") -> bytes:
    """The CISA production tool's body; without an id, the body of the ``/<id>`` and filter forms."""
    parts = f"<id>{finding_id}</id>" if finding_id is not None else ""
    parts += f"<ignoredReason>{reason}</ignoredReason>" if reason is not None else ""
    parts += f"<ignoredComment><![CDATA[{comment}]]></ignoredComment>" if comment else ""
    return f"<ServiceRequest><data><Finding>{parts}</Finding></data></ServiceRequest>".encode()


def filtered(*conditions: str, reason: Optional[str] = None) -> bytes:
    """Filters on the bare path; for an ignore, with the reason in data/Finding."""
    data = f"<data><Finding><ignoredReason>{reason}</ignoredReason></Finding></data>" if reason else ""
    return f"<ServiceRequest><filters>{''.join(conditions)}</filters>{data}</ServiceRequest>".encode()


def seeded(api, web_app_id: int = SHOP, count: int = 10) -> List[int]:
    status, answer = api.control("POST", "findings", {"webApp": web_app_id, "count": count})
    assert status == 200, answer
    return list(range(answer["first_id"], answer["last_id"] + 1))


def vulnerabilities(api, web_app_id: int = SHOP) -> List[int]:
    """Ids of the seeded vulnerabilities and sensitive contents (information gathered cannot be ignored)."""
    ids = seeded(api, web_app_id)
    reply = api.search("finding", criteria("isIgnored", "EQUALS", "false"), "<limitResults>1000</limitResults>")
    return [finding_id for finding_id in reply.ids if finding_id in ids]


def with_parameter(api) -> int:
    """A seeded vulnerability with every element of the recorded shape, param included."""
    return next(finding_id for finding_id in vulnerabilities(api) if plain(api, finding_id).find("param") is not None)


def verbose(api, finding_id: int, **options) -> ET.Element:
    reply = api.search("finding", criteria("id", "EQUALS", str(finding_id)), "<verbose>true</verbose>", **options)
    assert reply.code == "SUCCESS", reply.body
    return reply.records[0]


def plain(api, finding_id: int) -> ET.Element:
    return api.search("finding", criteria("id", "EQUALS", str(finding_id))).records[0]


def ignored_state(record: ET.Element) -> Dict[str, Optional[str]]:
    names = ("isIgnored", "ignoredReason", "ignoredComment", "ignoredBy/username", "status")
    return {name: record.findtext(name) for name in names}


def test_the_cisa_body_on_the_bare_path_ignores_one_finding(api):
    at(api, 0)
    target, other = vulnerabilities(api)[:2]
    before = plain(api, target).findtext("status")
    reply = api.qps("ignore", "finding", body=ignore_body(target, comment="Scanner misreads the header"))

    assert reply.code == "SUCCESS", reply.body
    assert ignored_state(verbose(api, target)) == {
        "isIgnored": "true",
        "ignoredReason": "FALSE_POSITIVE",
        "ignoredComment": "Scanner misreads the header",
        "ignoredBy/username": "admin",
        "status": before,
    }
    # Set by the clock (which moves on in real time from the instant set).
    assert "2030-01-01T00:00:00Z" <= verbose(api, target).findtext("ignoredDate") < "2030-01-01T00:01:00Z"
    assert plain(api, other).findtext("isIgnored") == "false"


def test_the_documented_id_form_ignores_and_activate_clears(api):
    target = with_parameter(api)
    ignored = api.qps("ignore", "finding", target, body=ignore_body(reason="RISK_ACCEPTED", comment="Until Q3"))
    activated = api.qps("activate", "finding", target)

    assert (ignored.code, activated.code) == ("SUCCESS", "SUCCESS")
    assert ignored_state(verbose(api, target))["isIgnored"] == "false"
    assert [child.tag for child in verbose(api, target)] == VULNERABILITY_ORDER


def test_activate_takes_the_id_in_the_data_or_filters(api):
    first, second, third = vulnerabilities(api)[:3]
    for finding_id in (first, second, third):
        api.qps("ignore", "finding", body=ignore_body(finding_id))
    by_data = api.qps("activate", "finding", body=ignore_body(first, reason=None))
    by_filters = api.qps("activate", "finding", body=filtered(criteria("id", "IN", f"{second},{third}")))

    assert (by_data.ids, by_filters.ids) == ([first], [second, third])
    assert [plain(api, finding_id).findtext("isIgnored") for finding_id in (first, second, third)] == ["false"] * 3


def test_filters_on_the_bare_path_ignore_every_finding_they_match(api):
    ids = vulnerabilities(api)
    reply = api.qps(
        "ignore",
        "finding",
        body=filtered(criteria("webApp.id", "EQUALS", str(SHOP)), reason="NOT_APPLICABLE"),
    )
    ignored = api.search(
        "finding", criteria("ignoredReason", "EQUALS", "NOT_APPLICABLE"), "<limitResults>1000</limitResults>"
    )

    assert reply.ids == ids  # information gathered left out
    assert ignored.ids == ids


def test_no_id_and_no_filters_is_refused(api):
    reply = api.qps("ignore", "finding", body=ignore_body())

    assert reply.code == "INVALID_REQUEST"
    assert reply.error[0] == "Specify a finding id in the URL or in data/Finding/id, or filters in the request."


@pytest.mark.parametrize(
    "reason, message",
    [
        ("IRRELEVANT", "Invalid value 'IRRELEVANT' for 'Finding/ignoredReason'."),
        ("false_positive", "Invalid value 'false_positive' for 'Finding/ignoredReason'."),
        (None, "Required element 'Finding/ignoredReason' is missing."),
    ],
)
def test_a_reason_outside_the_documented_three_is_refused_and_nothing_changes(api, reason, message):
    target = vulnerabilities(api)[0]
    reply = api.qps("ignore", "finding", body=ignore_body(target, reason=reason))

    assert reply.code == "INVALID_REQUEST"
    assert reply.error == (message, "Specify one of FALSE_POSITIVE, RISK_ACCEPTED, NOT_APPLICABLE.")
    assert plain(api, target).findtext("isIgnored") == "false"


def test_an_unknown_id_gets_the_simulators_not_found_words(api):
    ignored = api.qps("ignore", "finding", body=ignore_body(999))
    activated = api.qps("activate", "finding", 999)

    assert ignored.code == activated.code == "INVALID_REQUEST"
    assert ignored.error[0] == activated.error[0] == NOT_FOUND.format(999)


def test_information_gathered_cannot_be_ignored(api):
    gathered = seeded(api)[0]  # the catalogue's first QID, 6, is information gathered
    reply = api.qps("ignore", "finding", body=ignore_body(gathered))

    assert reply.code == "INVALID_REQUEST"
    assert reply.error[0] == f"Finding {gathered} is information gathered and cannot be ignored."


def test_both_need_the_ignore_vulnerabilities_permission(api):
    target = vulnerabilities(api)[0]
    ignored = api.qps("ignore", "finding", body=ignore_body(target), as_user=READER)
    activated = api.qps("activate", "finding", target, as_user=READER)

    assert ignored.code == activated.code == "UNAUTHORIZED"
    assert ignored.error[1] == "Ask a manager for the 'Ignore Vulnerabilities' permission."
    assert api.qps("ignore", "finding", body=ignore_body(target), as_user=EDITOR).code == "SUCCESS"


def test_a_finding_outside_the_users_scope_is_unknown_to_it(api):
    inside = vulnerabilities(api, SHOP)[0]
    outside = vulnerabilities(api, BLOG)[0]
    refused = api.qps("ignore", "finding", body=ignore_body(outside), as_user=SCANNER)
    by_filters = api.qps(
        "ignore",
        "finding",
        body=filtered(criteria("id", "IN", f"{inside},{outside}"), reason="FALSE_POSITIVE"),
        as_user=SCANNER,
    )

    assert refused.error[0] == NOT_FOUND.format(outside)
    assert by_filters.ids == [inside]
    assert plain(api, outside).findtext("isIgnored") == "false"


def test_verbose_search_and_get_show_the_ignore_in_the_aegis_order(api):
    target = with_parameter(api)
    api.qps("ignore", "finding", body=ignore_body(target, comment="Accepted"))
    searched = verbose(api, target)
    got = api.get("finding", target).records[0]

    assert [child.tag for child in searched] == VERBOSE_ORDER
    assert [child.tag for child in got] == VERBOSE_ORDER
    assert [child.tag for child in searched.find("ignoredBy")] == ["id", "username", "firstName", "lastName"]
    assert [child.tag for child in searched.find("webApp")] == ["id", "name", "url", "tags"]
    assert [tag.findtext("name") for tag in searched.findall("webApp/tags/list/Tag")] == ["Production", "PCI"]


def test_a_non_verbose_search_keeps_the_recorded_shape_of_an_ignored_finding(api):
    target = with_parameter(api)
    api.qps("ignore", "finding", body=ignore_body(target, comment="Accepted"))
    record = plain(api, target)

    assert [child.tag for child in record] == VULNERABILITY_ORDER
    assert [child.tag for child in record.find("webApp")] == ["id", "name", "url"]
    assert record.findtext("isIgnored") == "true"


def test_search_by_is_ignored_reason_and_date(api):
    first, second, third = vulnerabilities(api)[:3]
    at(api, 0)
    api.qps("ignore", "finding", body=ignore_body(first, reason="RISK_ACCEPTED"))
    at(api, 3600)
    api.qps("ignore", "finding", body=ignore_body(second))

    def ids(*conditions):
        reply = api.search("finding", "".join(conditions), "<limitResults>1000</limitResults>")
        return [finding_id for finding_id in reply.ids if finding_id in (first, second, third)]

    assert ids(criteria("isIgnored", "EQUALS", "true")) == [first, second]
    assert ids(criteria("ignoredReason", "EQUALS", "RISK_ACCEPTED")) == [first]
    # As CISA selects what it has not yet marked (NOT EQUALS matches findings without the value).
    assert ids(criteria("ignoredReason", "NOT EQUALS", "FALSE_POSITIVE")) == [first, third]
    assert ids(criteria("ignoredReason", "IN", "FALSE_POSITIVE, RISK_ACCEPTED")) == [first, second]
    assert ids(criteria("ignoredDate", "GREATER", "2030-01-01T00:30:00Z")) == [second]
    assert api.search("finding", criteria("ignoredReason", "EQUALS", "NO")).error[0] == (
        "Criteria: Invalid value format for criteria 'ignoredReason' (NO)."
    )


def test_ignore_and_activate_count_as_writes(api):
    target = vulnerabilities(api)[0]
    before = api.control("GET", "stats")[1]["writes"]
    api.qps("ignore", "finding", body=ignore_body(target))
    api.qps("activate", "finding", target)

    assert api.control("GET", "stats")[1]["writes"] - before == 2


@pytest.mark.parametrize(
    "setting, code, reason, comment",
    [
        ("update", "SUCCESS", "RISK_ACCEPTED", "second"),
        ("refuse", "INVALID_REQUEST", "FALSE_POSITIVE", "first"),
        ("keep", "SUCCESS", "FALSE_POSITIVE", "first"),
    ],
)
def test_finding_reignore(api, setting, code, reason, comment):
    use(api, finding_reignore=setting)
    target = vulnerabilities(api)[0]
    api.qps("ignore", "finding", body=ignore_body(target, comment="first"))
    again = api.qps("ignore", "finding", body=ignore_body(target, reason="RISK_ACCEPTED", comment="second"))
    state = ignored_state(verbose(api, target))

    assert again.code == code
    assert (state["isIgnored"], state["ignoredReason"], state["ignoredComment"]) == ("true", reason, comment)
    if setting == "refuse":
        assert again.error[0] == f"Finding {target} is already ignored."


@pytest.mark.parametrize("setting", ["ids", "bare"])
def test_finding_ignore_response(api, setting):
    use(api, finding_ignore_response=setting)
    target = vulnerabilities(api)[0]
    answers = [
        api.qps("ignore", "finding", body=ignore_body(target)).xml,
        api.qps("activate", "finding", target).xml,
    ]
    unique_id = plain(api, target).findtext("uniqueId")

    for answer in answers:
        assert answer.findtext("responseCode") == "SUCCESS"
        if setting == "ids":
            assert [child.tag for child in answer] == ["responseCode", "count", "data"]
            assert answer.findtext("count") == "1"
            assert [(f.findtext("id"), f.findtext("uniqueId")) for f in answer.find("data")] == [
                (str(target), unique_id)
            ]
        else:
            assert [child.tag for child in answer] == ["responseCode"]


@pytest.mark.parametrize("setting, still_ignored", [("kept", "true"), ("dropped", "false")])
def test_finding_ignore_rescan(api, setting, still_ignored):
    use(api, scan_processing="none", finding_ignore_rescan=setting)
    at(api, 0)
    launch(api, scan(web_app(SHOP)))
    at(api, ENDS[SHOP] + 5)
    found = api.search("finding", criteria("type", "EQUALS", "VULNERABILITY")).ids
    api.qps("ignore", "finding", body=ignore_body(found[0], comment="reviewed"))
    at(api, 4 * 3600)
    launch(api, scan(web_app(SHOP)))
    at(api, 4 * 3600 + ENDS[SHOP] + 5)
    record = verbose(api, found[0])

    assert record.findtext("timesDetected") == "2"
    assert record.findtext("status") == "ACTIVE"
    assert record.findtext("isIgnored") == still_ignored
    assert (record.find("ignoredComment") is not None) == (setting == "kept")
    # A finding the second scan detected that was never ignored is untouched either way.
    assert verbose(api, found[1]).findtext("isIgnored") == "false"
