# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_finding_ignores against a scripted tenant: the calls of each state, check mode, and every re-ignore variant."""

from __future__ import annotations

import json

import pytest

from ansible_collections.qualys.was.plugins.modules import was_finding_ignores
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, run_module
from ansible_collections.qualys.was.tests.unit.finding_tenant import Tenant, criteria, finding

SEARCH = "https://shop.example.com/search.jsp?q=1"
REGISTER = [
    {
        "web_app": "Demo Shop",
        "qid": 150001,
        "url": SEARCH,
        "param": "q",
        "reason": "false_positive",
        "comment": "Escaped",
    },
    {"web_app": 4331925, "qid": 150158, "reason": "risk_accepted", "comment": "Owner", "until": "2999-12-31"},
    {"finding_id": 3, "reason": "not_applicable"},
]


def findings():
    return [
        finding(1, 150001, SEARCH, "q"),
        finding(2, 150158, "https://shop.example.com/comment?id=1", "id"),
        finding(3, 150026, "https://shop.example.com/checkout"),
        finding(4, 150084, "https://shop.example.com/account", "next"),
        finding(5, 6, None, type="INFORMATION_GATHERED"),
    ]


def run(tenant, args, monkeypatch, capsys, **flags):
    return run_module(
        was_finding_ignores.main, dict(CONNECTION, **args), tenant.replies(), monkeypatch, capsys, **flags
    )


def warnings(result):
    """The words of a result's warnings, as ansible-core gives them (a text each, or a structured summary)."""
    return json.dumps(result.get("warnings", []))


def ignored(tenant):
    return {key: (f["reason"], f["comment"]) for key, f in tenant.findings.items() if f["ignored"]}


def test_a_register_of_three_is_read_with_three_searches_and_applied_with_one_ignore_each(monkeypatch, capsys):
    tenant = Tenant(findings())
    result, session = run(tenant, {"config": REGISTER}, monkeypatch, capsys)
    assert (
        session.operations
        == ["search/webapp", "search/webapp", "search/finding", "search/finding"] + ["ignore/finding"] * 3
    )
    # The name, then the id given alone (which proves the user may see it), then the findings, verbose.
    assert criteria(session.requests[0]) == [("name", "EQUALS", "Demo Shop")]
    assert criteria(session.requests[1]) == [("id", "IN", "4331925")]
    assert criteria(session.requests[2]) == [("webApp.id", "IN", "4331925"), ("qid", "IN", "150001,150158")]
    assert b"<verbose>true</verbose>" in session.requests[2].body
    assert criteria(session.requests[3]) == [("id", "IN", "3")]
    assert tenant.writes == [("ignore", 1), ("ignore", 2), ("ignore", 3)]
    assert ignored(tenant) == {
        1: ("FALSE_POSITIVE", "Escaped"),
        2: ("RISK_ACCEPTED", "Owner [until 2999-12-31]"),
        3: ("NOT_APPLICABLE", None),
    }
    assert result["changed"] is True and result["api_calls"] == 7
    assert [(line["id"], line["entry"], line["api_calls"]) for line in result["results"]] == [
        (1, 0, 1),
        (2, 1, 1),
        (3, 2, 1),
    ]

    again, session = run(tenant, {"config": REGISTER}, monkeypatch, capsys)
    assert again["changed"] is False and "ignore/finding" not in session.operations and len(tenant.writes) == 3


def test_check_mode_reads_writes_nothing_and_predicts_what_the_task_does(monkeypatch, capsys):
    tenant = Tenant(findings())
    checked, session = run(tenant, {"config": REGISTER}, monkeypatch, capsys, check=True, diff=True)
    assert tenant.writes == [] and all(operation.startswith("search/") for operation in session.operations)
    applied, _session = run(tenant, {"config": REGISTER}, monkeypatch, capsys)
    assert checked["results"] == [dict(line, api_calls=0) for line in applied["results"]]
    assert [entry["after"] for entry in checked["diff"]] == [line["after"] for line in applied["results"]]
    assert checked["diff"][0]["before_header"] == "finding 1 (QID 150001 of web app 'Demo Shop')"


@pytest.mark.parametrize("reignore", ["update", "refuse", "keep"])
def test_a_changed_reason_is_an_activate_then_an_ignore_whatever_a_re_ignore_does(reignore, monkeypatch, capsys):
    tenant = Tenant(findings(), reignore=reignore)
    tenant.findings[1].update(ignored=True, reason="RISK_ACCEPTED", comment="Old words")
    result, _session = run(tenant, {"config": REGISTER[:1]}, monkeypatch, capsys)
    assert tenant.writes == [("activate", 1), ("ignore", 1)]
    assert ignored(tenant) == {1: ("FALSE_POSITIVE", "Escaped")}
    assert result["results"][0]["before"] == {"ignored": True, "reason": "risk_accepted", "comment": "Old words"}
    again, _session = run(tenant, {"config": REGISTER[:1]}, monkeypatch, capsys)
    assert again["changed"] is False and len(tenant.writes) == 2


def test_an_entry_that_expired_activates_its_findings_and_says_so(monkeypatch, capsys):
    tenant = Tenant(findings())
    tenant.findings[2].update(ignored=True, reason="RISK_ACCEPTED", comment="Owner [until 2020-01-31]")
    expired = [dict(REGISTER[1], until="2020-01-31")]
    result, _session = run(tenant, {"config": expired}, monkeypatch, capsys)
    assert tenant.writes == [("activate", 2)] and ignored(tenant) == {}
    assert result["results"][0]["reactivated"] is True
    assert "expired on 2020-01-31 (until)" in warnings(result)
    again, _session = run(tenant, {"config": expired}, monkeypatch, capsys)
    assert again["changed"] is False and len(tenant.writes) == 1


def test_an_entry_that_selects_no_finding_warns_and_changes_nothing(monkeypatch, capsys):
    tenant = Tenant(findings())
    result, _session = run(tenant, {"config": [dict(REGISTER[0], url=SEARCH + "&other")]}, monkeypatch, capsys)
    assert result["changed"] is False and result["results"] == [] and tenant.writes == []
    assert (
        "config[0] (web app 'Demo Shop', QID 150001, url '%s&other', param 'q') selects no finding" % SEARCH
        in warnings(result)
    )


@pytest.mark.parametrize(
    "config, words",
    [
        ([{"finding_id": 99, "reason": "false_positive"}], "no finding with id 99 exists that this user may see"),
        ([{"web_app": 4331999, "qid": 1, "reason": "false_positive"}], "No web application with id 4331999 exists"),
        ([{"web_app": "Demo Shop", "qid": 6, "reason": "false_positive"}], "selects information gathered findings"),
        (
            [REGISTER[0], {"finding_id": 1, "reason": "risk_accepted"}],
            "config[2] (web app 'Demo Shop', QID 150001, url '%s', param 'q') and config[3] (finding 1) both select"
            % SEARCH,
        ),
    ],
)
def test_what_cannot_be_applied_fails_before_any_write(config, words, monkeypatch, capsys):
    tenant = Tenant(findings())
    # The entries that could be applied come first: no write may go before the last entry is checked.
    result, _session = run(tenant, {"config": REGISTER[1:] + config}, monkeypatch, capsys)
    assert result["failed"] is True and words in result["msg"] and "nothing was changed" in result["msg"]
    assert tenant.writes == []


def test_overridden_activates_the_ignores_in_scope_the_register_no_longer_lists_and_none_outside(monkeypatch, capsys):
    tenant = Tenant(findings() + [finding(6, 150004, "https://blog.example.com/", web_app=4331926)])
    run(tenant, {"config": REGISTER}, monkeypatch, capsys)
    tenant.findings[6].update(ignored=True, reason="FALSE_POSITIVE")
    args = {"state": "overridden", "scope": {"tags": ["Production"]}, "config": REGISTER[:2]}
    checked, _session = run(tenant, args, monkeypatch, capsys, check=True)
    assert len(tenant.writes) == 3
    result, session = run(tenant, args, monkeypatch, capsys)
    assert tenant.writes[3:] == [("activate", 3)] and set(ignored(tenant)) == {1, 2, 6}
    assert criteria(session.requests[-2]) == [("webApp.id", "IN", "4331925"), ("isIgnored", "EQUALS", "true")]
    assert checked["in_scope"] == result["in_scope"]
    assert result["in_scope"]["web_apps"] == [{"id": 4331925, "name": "Demo Shop"}]
    assert [entry["id"] for entry in result["in_scope"]["selected"]] == [1, 2, 3]
    assert [entry["id"] for entry in result["in_scope"]["deleted"]] == [3]
    assert [(line["id"], line["entry"], line["reactivated"]) for line in result["results"]][-1] == (3, None, True)


def test_overridden_needs_a_scope_that_names_web_apps_and_entries_inside_it(monkeypatch, capsys):
    tenant = Tenant(findings())
    result, session = run(tenant, {"state": "overridden", "scope": {}, "config": REGISTER}, monkeypatch, capsys)
    assert "scope must name web apps" in result["msg"] and session.requests == []
    outside = {"state": "overridden", "scope": {"web_apps": ["Demo Blog"]}, "config": REGISTER[:1]}
    result, _session = run(tenant, outside, monkeypatch, capsys)
    assert "selects findings of a web app outside scope" in result["msg"] and tenant.writes == []


def test_gathered_is_a_register_that_applies_as_it_is(monkeypatch, capsys):
    tenant = Tenant(findings())
    run(tenant, {"config": REGISTER}, monkeypatch, capsys)
    gathered, _session = run(tenant, {"state": "gathered", "scope": {"web_apps": ["Demo Shop"]}}, monkeypatch, capsys)
    assert gathered["gathered"][1] == {
        "web_app": "Demo Shop",
        "qid": 150026,
        "url": "https://shop.example.com/checkout",
        "reason": "not_applicable",
    }
    assert [fact["id"] for fact in gathered["gathered_facts"]] == [1, 3, 2]
    args = {"state": "overridden", "scope": {"web_apps": ["Demo Shop"]}, "config": gathered["gathered"]}
    applied, _session = run(tenant, args, monkeypatch, capsys)
    assert applied["changed"] is False and len(tenant.writes) == 3


def test_rendered_shows_each_request_without_a_call(monkeypatch, capsys):
    result, session = run(Tenant([]), {"state": "rendered", "config": REGISTER}, monkeypatch, capsys)
    assert session.requests == [] and result["api_calls"] == 0
    assert (
        "<id>[a finding of web app 'Demo Shop', QID 150001, url '%s', param 'q']</id>" % SEARCH.replace("&", "&amp;")
        in result["rendered"][0]
    )
    assert "<ignoredComment>Owner [until 2999-12-31]</ignoredComment>" in result["rendered"][1]
    assert "<id>3</id><ignoredReason>NOT_APPLICABLE</ignoredReason></Finding>" in result["rendered"][2]
