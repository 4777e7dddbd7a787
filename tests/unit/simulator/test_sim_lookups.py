# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Web app and tag lookups: get, verbose search, and the criteria they support."""

from __future__ import annotations

from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria


def test_web_app_get_is_the_verbose_shape(api):
    record = api.get("webapp", 4331925).records[0]

    # webapp.xsd's order of declaration.
    assert [child.tag for child in record] == [
        "id", "name", "url", "owner", "defaultProfile", "tags", "createdDate", "updatedDate"
    ]  # fmt: skip
    assert record.findtext("owner/username") == "admin"
    assert [tag.findtext("name") for tag in record.iter("Tag")] == ["Production", "PCI"]
    assert record.findtext("defaultProfile/name") == "My Option Profile - with defaults 1497351048931"


def test_web_app_verbose_search(api):
    reply = api.search("webapp", criteria("url", "CONTAINS", "EXAMPLE.COM/cassium"), "<verbose>true</verbose>")

    assert reply.ids == [4331923, 4331924]
    assert reply.records[0].findtext("tags/list/Tag/name") == "Production"


def test_web_app_search_by_tags(api):
    assert api.search("webapp", criteria("tags.name", "EQUALS", "Production")).ids == [4331923, 4331925]
    assert api.search("webapp", criteria("tags.id", "NONE", "")).ids == [4331927]


def test_start_from_id(api):
    assert api.search("webapp", preferences="<startFromId>4331925</startFromId>").ids == [4331925, 4331926, 4331927]


def test_tag_search_operators(api):
    def names(operator, value):
        reply = api.search("tag", criteria("name", operator, value), module="am", version="2.0")
        return [record.findtext("name") for record in reply.records]

    assert names("EQUALS", "production") == []  # case-sensitive
    assert names("CONTAINS", "STAG") == ["Staging"]  # case-insensitive
    assert names("NOT EQUALS", "PCI") == ["Internet Facing", "Production", "Staging"]
