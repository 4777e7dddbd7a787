# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The writes of a register (one per finding change, none sent twice) and what a failure between two leaves."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.plugins.module_utils.finding_ignores import Plan, Writer, view
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, error_response
from ansible_collections.qualys.was.tests.unit.finding_tenant import Tenant, finding

SERVER_ERROR = Reply(b"<html><title>Bad gateway</title></html>", status=502)


def writer(tenant):
    session = FakeSession(tenant.replies())
    client = QualysClient(ConnectionSettings("https://q.example.test", "u", "p", retries=0), session, lambda s: None)
    return Writer(client, sleep=lambda seconds: None), session


def compact(record):
    """The tenant's finding as finding_records reads it."""
    return {
        "id": record["id"],
        "qid": record["qid"],
        "web_app": {"id": record["web_app"], "name": "Demo Shop"},
        "ignored": record["ignored"],
        "ignored_reason": record["reason"].lower() if record["reason"] else None,
        "ignored_comment": record["comment"],
    }


def ignore_plan(tenant, reason="false_positive", comment="Escaped"):
    return Plan(compact(tenant.findings[1]), view(True, reason, comment), None)


def test_an_ignore_that_timed_out_but_happened_is_read_and_not_sent_again():
    tenant = Tenant([finding(1, 150001, "https://shop.example.com/a")])
    tenant.faults = ["after"]
    carried, session = writer(tenant)
    carried.carry_out(ignore_plan(tenant))
    assert tenant.writes == [("ignore", 1)]
    assert session.operations == ["ignore/finding", "search/finding"]
    assert carried.done == 1


def test_an_ignore_of_unknown_outcome_that_the_finding_does_not_show_fails_and_is_not_sent_again():
    tenant = Tenant([finding(1, 150001, "https://shop.example.com/a")])
    tenant.faults = [SERVER_ERROR]
    carried, session = writer(tenant)
    with pytest.raises(QualysApiError) as raised:
        carried.carry_out(ignore_plan(tenant))
    # Looked at three times, never sent again.
    assert session.operations == ["ignore/finding"] + ["search/finding"] * 3
    assert "ignore finding 1 (QID 150001 of web app 'Demo Shop')" in str(raised.value)
    assert "it was not sent again" in str(raised.value) and "0 finding change(s) before this one" in str(raised.value)


def test_an_ignore_refused_after_the_activate_that_changes_a_reason_says_the_finding_is_left_active():
    tenant = Tenant([finding(1, 150001, "https://shop.example.com/a", ignored=True, reason="RISK_ACCEPTED")])
    plan = ignore_plan(tenant)
    tenant.faults = [None, Reply(error_response("INVALID_REQUEST", "Invalid value for ignoredComment."))]
    carried, session = writer(tenant)
    with pytest.raises(QualysApiError) as raised:
        carried.carry_out(plan)
    assert session.operations == ["activate/finding", "ignore/finding"]
    assert tenant.findings[1]["ignored"] is False
    assert "Invalid value for ignoredComment." in str(raised.value)
    assert "so it is active now, not ignored" in str(raised.value) and "Re-run the task" in str(raised.value)


def test_an_activate_that_timed_out_but_happened_goes_on_to_the_ignore():
    tenant = Tenant([finding(1, 150001, "https://shop.example.com/a", ignored=True, reason="RISK_ACCEPTED")], "refuse")
    plan = ignore_plan(tenant)
    tenant.faults = ["after"]
    carried, session = writer(tenant)
    carried.carry_out(plan)
    assert tenant.writes == [("activate", 1), ("ignore", 1)]
    assert session.operations == ["activate/finding", "search/finding", "ignore/finding"]
    assert tenant.findings[1]["reason"] == "FALSE_POSITIVE"


def test_a_plan_writes_only_what_differs():
    tenant = Tenant([finding(1, 150001, "https://shop.example.com/a", ignored=True, reason="FALSE_POSITIVE")])
    same = Plan(compact(tenant.findings[1]), view(True, "false_positive", None), None)
    assert same.changed is False and same.writes == ()
    assert Plan(compact(tenant.findings[1]), view(False), None).writes == ("activate",)
    assert ignore_plan(tenant).writes == ("activate", "ignore")
    tenant.findings[1].update(ignored=False, reason=None)
    assert ignore_plan(tenant).writes == ("ignore",)
    assert Plan(compact(tenant.findings[1]), view(False), None).writes == ()
