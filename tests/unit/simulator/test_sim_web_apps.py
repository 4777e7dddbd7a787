# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Web app writes: create, update and delete shaped by webapp.xsd and the recorded update sample."""

from __future__ import annotations

from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, READER, criteria, data_file

WEB_APP = (
    "<WebApp><name><![CDATA[Shop]]></name><url><![CDATA[https://shop.example.com/]]></url>"
    "<scope>DOMAINS</scope><domains><set><Domain><![CDATA[api.example.com]]></Domain></set></domains>"
    "<tags><set><Tag><id>12017424</id></Tag></set></tags>"
    "<defaultProfile><id>1071133</id></defaultProfile>"
    "<defaultScanner><type>EXTERNAL</type></defaultScanner>"
    "<authRecords><set><WebAppAuthRecord><id>583957</id></WebAppAuthRecord></set></authRecords>"
    "<config><defaultAuthRecord><id>583957</id></defaultAuthRecord></config>"
    "<useRobots>ADD_PATHS</useRobots><useSitemap>true</useSitemap><malwareMonitoring>false</malwareMonitoring>"
    "<headers><set><WebAppHeader><![CDATA[X-Scanner: qualys]]></WebAppHeader></set></headers>"
    "<attributes><set><Attribute><name>team</name><value>shop</value></Attribute></set></attributes>"
    "</WebApp>"
)


def test_a_create_answers_the_whole_web_app_with_its_defaults(api):
    record = api.create("webapp", WEB_APP).records[0]

    assert record.findtext("name") == "Shop" and record.findtext("scope") == "DOMAINS"
    assert record.findtext("domains/list/Domain") == "api.example.com"
    assert record.findtext("defaultProfile/name") == "My Option Profile - with defaults 1497351048931"
    assert record.findtext("authRecords/list/WebAppAuthRecord/name") == "Form and Server]149735111801"
    assert record.findtext("config/defaultAuthRecord/id") == "583957"
    assert record.findtext("tags/list/Tag/name") == "Production"
    assert record.findtext("headers/list/WebAppHeader") == "X-Scanner: qualys"
    assert record.findtext("attributes/list/Attribute/value") == "shop"
    assert (record.findtext("useRobots"), record.findtext("useSitemap")) == ("ADD_PATHS", "true")


def test_a_create_without_a_url_is_refused(api):
    reply = api.create("webapp", "<WebApp><name>No URL</name></WebApp>")

    assert reply.code == "INVALID_REQUEST" and "WebApp/url" in reply.error[0]


def test_the_recorded_update_sample_sets_a_regex_blacklist_and_answers_the_id(api):
    body = data_file("samples", "webapp-update-paragbaxi-1.xml")
    reply = api.qps("update", "webapp", 4331923, body=body)

    assert reply.code == "SUCCESS" and reply.ids == [4331923]
    assert [child.tag for child in reply.records[0]] == ["id"]
    entry = api.get("webapp", 4331923).records[0].find("urlBlacklist/list/UrlEntry")
    assert (entry.text, entry.get("regex")) == ("http://rg.blacklist.*.com", "true")


def test_add_keeps_the_items_held_and_remove_drops_by_value(api):
    api.update("webapp", 4331923, "<WebApp><uris><set><Url>https://a/</Url><Url>https://b/</Url></set></uris></WebApp>")
    api.update(
        "webapp",
        4331923,
        "<WebApp><uris><add><Url>https://c/</Url></add><remove><Url>https://a/</Url></remove></uris></WebApp>",
    )

    record = api.get("webapp", 4331923).records[0]
    assert [url.text for url in record.findall("uris/list/Url")] == ["https://b/", "https://c/"]


def test_an_entry_without_regex_shows_no_attribute(api):
    api.update(
        "webapp", 4331923, "<WebApp><urlWhitelist><set><UrlEntry>https://ok/</UrlEntry></set></urlWhitelist></WebApp>"
    )

    entry = api.get("webapp", 4331923).records[0].find("urlWhitelist/list/UrlEntry")
    assert (entry.text, entry.attrib) == ("https://ok/", {})


def test_an_unknown_attribute_is_refused(api):
    reply = api.update(
        "webapp", 4331923, '<WebApp><urlBlacklist><set><UrlEntry x="1">u</UrlEntry></set></urlBlacklist></WebApp>'
    )

    assert reply.code == "INVALID_XML" and "attribute 'x'" in reply.error[0]


def test_a_reference_to_a_missing_auth_record_is_refused(api):
    reply = api.update(
        "webapp",
        4331923,
        "<WebApp><authRecords><set><WebAppAuthRecord><id>1</id></WebAppAuthRecord></set></authRecords></WebApp>",
    )

    assert reply.code == "INVALID_REQUEST" and "WebAppAuthRecord with id 1" in reply.error[0]


def test_editors_write_web_apps_readers_may_not(api):
    assert (
        api.update("webapp", 4331924, "<WebApp><useSitemap>true</useSitemap></WebApp>", as_user=EDITOR).code
        == "SUCCESS"
    )
    refused = api.update("webapp", 4331924, "<WebApp><useSitemap>false</useSitemap></WebApp>", as_user=READER)
    assert refused.code == "UNAUTHORIZED"


def test_delete_answers_the_id_and_the_web_app_is_gone(api):
    assert api.qps("delete", "webapp", 4331926).ids == [4331926]

    assert api.search("webapp", criteria("id", "EQUALS", "4331926")).ids == []
