# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The entries of a register of accepted risks: their checks, what they select, their expiry in the comment."""

from __future__ import annotations

from datetime import date

import pytest

from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.ignore_register import (
    Entry,
    gathered_entry,
    ignore_payload,
    marked_comment,
    split_comment,
    validated_entries,
)

SHOP = {"id": 4331925, "name": "Demo Shop"}


def record(url="https://shop.example.com/search.jsp?q=1", param="q", qid=150001, finding_id=7, web_app=None):
    return {"id": finding_id, "qid": qid, "url": url, "param": param, "web_app": web_app or SHOP}


def entry(**options):
    entry = Entry(0, validated_entries([dict({"reason": "false_positive"}, **options)])[0])
    if isinstance(entry.web_app, dict):
        return entry
    entry.web_app = SHOP
    return entry


@pytest.mark.parametrize(
    "given, words",
    [
        ({"reason": "false_positive"}, "one of the following is required: finding_id, web_app"),
        ({"web_app": "Demo Shop", "reason": "false_positive"}, "parameters are required together: web_app, qid"),
        ({"finding_id": 4, "qid": 150001, "reason": "false_positive"}, "mutually exclusive: finding_id|qid"),
        ({"finding_id": 4, "reason": "fine"}, "reason must be one of"),
        (
            {"finding_id": 4, "reason": "risk_accepted", "until": "31/01/2027"},
            "until must be a date written YYYY-MM-DD",
        ),
        ({"web_app": [], "qid": 1, "reason": "risk_accepted"}, "web_app must be a web app id, a name, or a dictionary"),
    ],
)
def test_an_entry_the_api_would_refuse_fails_before_any_call(given, words):
    with pytest.raises(ValidationError, match="config\\[0\\]") as raised:
        validated_entries([given])
    assert words in str(raised.value)


def test_two_entries_that_select_the_same_findings_are_one_entry_given_twice():
    twice = [{"web_app": "Demo Shop", "qid": 1, "reason": "false_positive"}] * 2
    with pytest.raises(ValidationError, match=r"config\[0\] and config\[1\] select the same findings"):
        validated_entries(twice)
    # Another URL is another selection.
    validated_entries([twice[0], dict(twice[0], url="https://shop.example.com/a")])


def test_a_url_means_the_findings_url_and_parameter_a_parameter_alone_any_url():
    at_url = entry(web_app=SHOP, qid=150001, url="https://shop.example.com/search.jsp?q=1")
    assert not at_url.selects(record())  # the finding has parameter q, the entry none
    assert entry(web_app=SHOP, qid=150001, url="https://shop.example.com/search.jsp?q=1", param="q").selects(record())
    assert at_url.selects(record(param=None))
    assert entry(web_app=SHOP, qid=150001, param="q").selects(record(url="https://shop.example.com/other"))
    assert entry(web_app=SHOP, qid=150001).selects(record(url=None, param=None))
    assert not entry(web_app=SHOP, qid=150002).selects(record())
    assert not entry(web_app={"id": 4331926, "name": "Demo Blog"}, qid=150001).selects(record())
    assert entry(finding_id=7).selects(record()) and not entry(finding_id=8).selects(record())


def test_an_entry_holds_through_its_until_day_and_has_expired_the_day_after():
    held = entry(finding_id=7, until="2031-06-30")
    assert not held.expired(date(2031, 6, 30)) and held.expired(date(2031, 7, 1))
    assert not entry(finding_id=7).expired(date(2999, 1, 1))


def test_the_expiry_is_kept_at_the_end_of_the_comment_and_read_back():
    kept = marked_comment("  Accepted by the owner.\n", date(2031, 6, 30))
    assert kept == "Accepted by the owner. [until 2031-06-30]"
    assert split_comment(kept) == ("Accepted by the owner.", "2031-06-30")
    assert marked_comment(None, date(2031, 6, 30)) == "[until 2031-06-30]"
    assert split_comment("[until 2031-06-30]") == (None, "2031-06-30")
    assert marked_comment("   ", None) is None
    assert split_comment("Written in the Qualys UI") == ("Written in the Qualys UI", None)
    assert entry(finding_id=7, comment="Owner", until="2031-06-30").comment == "Owner [until 2031-06-30]"


def test_the_ignore_body_is_the_cisa_one():
    assert ignore_payload(7, "risk_accepted", "Why") == {
        "id": 7,
        "ignoredReason": "RISK_ACCEPTED",
        "ignoredComment": "Why",
    }
    assert ignore_payload(7, "not_applicable", None) == {"id": 7, "ignoredReason": "NOT_APPLICABLE"}


def test_an_ignored_finding_gathers_as_the_entry_of_its_location_or_of_its_id():
    ignored = dict(record(), ignored_reason="risk_accepted", ignored_comment="Owner [until 2031-06-30]")
    assert gathered_entry(ignored, "Demo Shop") == {
        "web_app": "Demo Shop",
        "qid": 150001,
        "url": "https://shop.example.com/search.jsp?q=1",
        "param": "q",
        "reason": "risk_accepted",
        "comment": "Owner",
        "until": "2031-06-30",
    }
    assert gathered_entry(ignored, "Demo Shop", by_id=True) == {
        "finding_id": 7,
        "reason": "risk_accepted",
        "comment": "Owner",
        "until": "2031-06-30",
    }
    without_url = dict(ignored, url=None, param=None, ignored_comment=None)
    assert gathered_entry(without_url, "Demo Shop") == {"finding_id": 7, "reason": "risk_accepted"}
    # What is gathered is a valid entry that selects the finding again.
    again = Entry(0, validated_entries([gathered_entry(ignored, "Demo Shop")])[0])
    again.web_app = SHOP
    assert again.selects(ignored) and again.comment == ignored["ignored_comment"]
