# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Server-side behaviour of option profiles: defaults, the performance switch, collections, the default flag."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import custom_performance, option_profile
from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria

CUSTOM = custom_performance(4, 50)


def values(record, *names):
    return [record.findtext(name) for name in names]


def test_create_fills_the_documented_defaults(api):
    created = api.create("optionprofile", option_profile()).records[0]

    assert [child.tag for child in created] == [
        "id", "name", "owner", "isDefault", "tags", "comments", "formSubmission", "maxCrawlRequests",
        "smartScanSupport", "performance", "bruteforceOption", "timeoutErrorThreshold", "unexpectedErrorThreshold",
        "ignoreBinaryFiles", "sensitiveContent", "parameterSet", "createdDate", "createdBy", "updatedDate", "updatedBy",
    ]  # fmt: skip
    assert values(created, "formSubmission", "maxCrawlRequests", "performance", "bruteforceOption") == [
        "BOTH", "300", "LOW", "MINIMAL"
    ]  # fmt: skip
    assert values(created, "timeoutErrorThreshold", "unexpectedErrorThreshold", "isDefault") == ["100", "300", "false"]
    assert values(created, "parameterSet/id", "parameterSet/name") == ["0", "Initial Parameters"]
    assert values(created, "tags/count", "comments/count") == ["0", "0"]


def test_sending_performance_replaces_custom_performance(api):
    profile_id = api.create("optionprofile", option_profile(extra=CUSTOM)).ids[0]

    api.update("optionprofile", profile_id, option_profile(extra="<performance>HIGH</performance>"))

    after = api.get("optionprofile", profile_id).records[0]
    assert after.find("customPerformance") is None
    assert after.findtext("performance") == "HIGH"


def test_sending_custom_performance_replaces_performance(api):
    api.update("optionprofile", 1071133, option_profile("My Option Profile - with defaults 1497351048931", CUSTOM))

    after = api.get("optionprofile", 1071133).records[0]
    assert after.find("performance") is None
    assert values(after, "customPerformance/numOfHttpThreads", "customPerformance/delayBetweenRequests") == ["4", "50"]


def test_smart_scan_depth_only_while_smart_scan_is_on(api):
    profile_id = api.create("optionprofile", option_profile(extra="<smartScanSupport>true</smartScanSupport>")).ids[0]
    assert api.get("optionprofile", profile_id).records[0].findtext("smartScanDepth") == "5"

    api.update("optionprofile", profile_id, "<OptionProfile><smartScanSupport>false</smartScanSupport></OptionProfile>")

    assert api.get("optionprofile", profile_id).records[0].find("smartScanDepth") is None


def test_tags_set_add_remove(api):
    def tags(verb, *ids):
        items = "".join(f"<Tag><id>{i}</id></Tag>" for i in ids)
        api.update("optionprofile", 1071133, f"<OptionProfile><tags><{verb}>{items}</{verb}></tags></OptionProfile>")
        node = api.get("optionprofile", 1071133).records[0].find("tags")
        return node.findtext("count"), [(t.findtext("id"), t.findtext("name")) for t in node.iter("Tag")]

    assert tags("set", 12017424) == ("1", [("12017424", "Production")])
    assert tags("add", 12017228, 12017424) == ("2", [("12017424", "Production"), ("12017228", "Internet Facing")])
    assert tags("remove", 12017424, 999) == ("1", [("12017228", "Internet Facing")])


def test_comments_set_and_add_with_author(api):
    def comments(verb, text):
        comment = f"<Comment><contents>{text}</contents></Comment>"
        api.update(
            "optionprofile", 1071201, f"<OptionProfile><comments><{verb}>{comment}</{verb}></comments></OptionProfile>"
        )
        return list(api.get("optionprofile", 1071201).records[0].iter("Comment"))

    added = comments("add", "Second note")
    assert [c.findtext("contents") for c in added] == ["For fragile staging hosts.", "Second note"]
    assert added[1].findtext("author/username") == "admin"
    assert [c.findtext("contents") for c in comments("set", "Only note")] == ["Only note"]


def test_one_default_profile(api):
    api.update("optionprofile", 1071133, "<OptionProfile><isDefault>true</isDefault></OptionProfile>")

    defaults = api.search("optionprofile", criteria("isDefault", "EQUALS", "true"))

    assert defaults.ids == [1071133]


def test_search_by_tag_name_and_id(api):
    assert api.search("optionprofile", criteria("tags.name", "EQUALS", "Staging")).ids == [1071201]
    assert api.search("optionprofile", criteria("tags.id", "NONE", "")).ids == [1071001, 1071133]


def test_delete(api):
    assert api.qps("delete", "optionprofile", 1071201).ids == [1071201]
    assert api.search("optionprofile", criteria("id", "EQUALS", "1071201")).xml.findtext("count") == "0"


@pytest.mark.parametrize("level", ["LOWEST", "LOW", "MEDIUM", "HIGH", "MAXIMUM"])
def test_every_scan_intensity(api, level):
    created = api.create("optionprofile", option_profile(extra=f"<performance>{level}</performance>"))

    assert created.records[0].findtext("performance") == level


@pytest.mark.parametrize("form_submission", ["NONE", "POST", "GET", "BOTH"])
def test_every_form_submission(api, form_submission):
    extra = f"<formSubmission>{form_submission}</formSubmission>"

    assert (
        api.create("optionprofile", option_profile(extra=extra)).records[0].findtext("formSubmission")
        == form_submission
    )
