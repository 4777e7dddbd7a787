# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import yaml

from ansible_collections.qualys.was.plugins.modules import was_web_app, was_web_app_info
from ansible_collections.qualys.was.tests.unit.fakes import (
    id_of,
    CONNECTION,
    Reply,
    data_file,
    run_module,
    service_response,
    xml_tree,
)

ELEMENT = "WebApp"
EMPTY = service_response(ELEMENT, [])
CONNECTION_OPTIONS = ("platform", "username", "password", "api_url")
UPDATE_SAMPLE = data_file("samples", "webapp-update-paragbaxi-1.xml")  # a recorded update of a web app
UPDATED = Reply(data_file("samples", "webapp-update-paragbaxi-2.xml"))
SEARCH_SAMPLE = data_file("samples", "webapp-search-jupiterone-11.xml")  # a recorded non-verbose search
# Seed 000 shows web apps 4331923 and 4331924 with these names and URL.
SEED_WEB_APPS = {4331923: "web app 1497351058103", 4331924: "web app 1497351100446"}
SEED_URL = "http://www.example.com/cassium/xss/"


def whole(record_id, extra=""):
    """A web app as a get shows it: the seed's name and URL, with the XSD defaults and ``extra`` elements."""
    return (
        "<id>%d</id><name><![CDATA[%s]]></name><url><![CDATA[%s]]></url><scope>ALL</scope>"
        "<useRobots>IGNORE</useRobots><useSitemap>false</useSitemap>%s"
        % (record_id, SEED_WEB_APPS.get(record_id, "Shop"), SEED_URL, extra)
    )


def summary(record_id):
    return service_response(
        ELEMENT, ["<id>%d</id><name>%s</name><tags><count>0</count></tags>" % (record_id, SEED_WEB_APPS[record_id])]
    )


def run(args, replies, monkeypatch, capsys, module=was_web_app, **flags):
    return run_module(module.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, **flags)


def sent(request):
    return ElementTree.fromstring(request.body).find("data/" + ELEMENT)


@pytest.mark.parametrize("record_id", sorted(SEED_WEB_APPS))
def test_the_seed_web_apps_described_with_their_documented_values_are_ok(record_id, monkeypatch, capsys):
    task = {"name": SEED_WEB_APPS[record_id], "url": SEED_URL}
    replies = [Reply(summary(record_id)), Reply(service_response(ELEMENT, [whole(record_id)]))]
    result, session = run(task, replies, monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 2
    assert session.operations == ["search/webapp", "get/webapp"]


def test_a_whole_search_result_costs_one_call(monkeypatch, capsys):
    task = {"name": SEED_WEB_APPS[4331923], "use_robots": "ignore"}
    result, session = run(task, [Reply(service_response(ELEMENT, [whole(4331923)]))], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 1


def test_a_regex_black_list_is_sent_as_the_recorded_update(monkeypatch, capsys):
    task = {"id": 4331923, "url_blacklist": [{"url": "http://rg.blacklist.*.com", "regex": True}]}
    stored = Reply(service_response(ELEMENT, [whole(4331923)]))
    result, session = run(task, [stored, UPDATED], monkeypatch, capsys)
    assert result["changed"] is True and session.operations[-1] == "update/webapp"
    assert xml_tree(session.requests[-1].body) == xml_tree(UPDATE_SAMPLE)
    assert result["web_app"]["url_blacklist"] == [{"url": "http://rg.blacklist.*.com", "regex": True}]


def test_entries_read_back_with_and_without_the_regex_attribute_are_ok(monkeypatch, capsys):
    entries = (
        '<urlBlacklist><count>2</count><list><UrlEntry regex="true"><![CDATA[a.*]]></UrlEntry>'
        "<UrlEntry><![CDATA[http://b/]]></UrlEntry></list></urlBlacklist>"
    )
    task = {"id": 4331923, "url_blacklist": [{"url": "http://b/"}, {"url": "a.*", "regex": True}]}
    result, session = run(task, [Reply(service_response(ELEMENT, [whole(4331923, entries)]))], monkeypatch, capsys)
    assert result["changed"] is False


TAGGED = "<tags><count>1</count><list><Tag><id>12017424</id><name>Production</name></Tag></list></tags>"


@pytest.mark.parametrize("purge, verb, ids", [(True, "set", ["12017228"]), (False, "add", ["12017228"])])
def test_tags_are_set_whole_or_only_added(purge, verb, ids, monkeypatch, capsys):
    task = {"id": 4331923, "tags": [12017228], "purge_tags": purge}
    stored = Reply(service_response(ELEMENT, [whole(4331923, TAGGED)]))
    result, session = run(task, [stored, UPDATED], monkeypatch, capsys)
    assert [tag.text for tag in sent(session.requests[-1]).findall("tags/%s/Tag/id" % verb)] == ids
    expected = [12017228] if purge else [12017424, 12017228]
    assert [tag["id"] for tag in result["web_app"]["tags"]] == expected


def test_without_purge_tags_held_are_ok(monkeypatch, capsys):
    task = {"id": 4331923, "tags": ["12017424"], "purge_tags": False}
    result, session = run(task, [Reply(service_response(ELEMENT, [whole(4331923, TAGGED)]))], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 1


def test_a_create_names_its_references_by_id(monkeypatch, capsys):
    record = service_response("WebAppAuthRecord", ["<id>583957</id><name>Shop login</name>"])
    profile = service_response("OptionProfile", ["<id>1071133</id><name>Shop - gentle</name>"])
    created = service_response(
        ELEMENT,
        [
            whole(
                9,
                "<authRecords><count>1</count><list><WebAppAuthRecord><id>583957</id><name>Shop login</name></WebAppAuthRecord></list></authRecords>",
            )
        ],
    )
    task = {
        "name": "Shop",
        "url": SEED_URL,
        "default_profile": "Shop - gentle",
        "auth_records": ["Shop login"],
        "default_auth_record": "Shop login",
    }
    replies = [Reply(profile), Reply(record), Reply(EMPTY), Reply(created)]
    result, session = run(task, replies, monkeypatch, capsys)
    assert session.operations == ["search/optionprofile", "search/webappauthrecord", "search/webapp", "create/webapp"]
    body = sent(session.requests[-1])
    assert body.findtext("authRecords/set/WebAppAuthRecord/id") == "583957"
    assert body.findtext("config/defaultAuthRecord/id") == "583957"
    assert body.findtext("defaultProfile/id") == "1071133"


def test_a_create_needs_a_url_and_fails_before_writing(monkeypatch, capsys):
    result, session = run({"name": "Shop"}, [Reply(EMPTY)], monkeypatch, capsys)
    assert result["failed"] and "needs url" in result["msg"]
    assert session.operations == ["search/webapp"]


def test_a_scope_without_its_domains_fails_before_any_call(monkeypatch, capsys):
    result, session = run({"name": "Shop", "scope": "domains"}, [], monkeypatch, capsys)
    assert result["failed"] and "scope domains needs domains" in result["msg"]
    assert session.requests == []


def untemplated(value):
    if isinstance(value, dict):
        return {key: untemplated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [untemplated(item) for item in value]
    return "example-value" if isinstance(value, str) and "{{" in value else value


def example_tasks(module, key):
    for example in yaml.safe_load(module.EXAMPLES):
        for task in example.get("block", [example]):
            if key in task:
                yield pytest.param(untemplated(task[key]), id=task["name"])


def named(kind, name):
    return Reply(service_response(kind, ["<id>%d</id><name>%s</name>" % (id_of(name), name)]))


@pytest.mark.parametrize("task", example_tasks(was_web_app, "qualys.was.was_web_app"))
def test_every_example_is_valid_and_runs_in_check_mode_without_writing(task, monkeypatch, capsys):
    args = {key: value for key, value in task.items() if key not in CONNECTION_OPTIONS}

    def answer(request):
        criterion = ElementTree.fromstring(request.body).find("filters/Criteria")
        kind = {"tag": "Tag", "optionprofile": "OptionProfile", "webappauthrecord": "WebAppAuthRecord"}.get(
            request.url.rsplit("/", 1)[-1]
        )
        if kind and criterion is not None and criterion.get("field") == "name":
            return named(kind, criterion.text)
        # An example without a URL changes a web app that exists.
        existing = "id" in args or "url" not in args
        return Reply(
            service_response(
                ELEMENT, [whole(4331923).replace(SEED_WEB_APPS[4331923], args.get("name", ""))] if existing else []
            )
        )

    result, session = run(args, [answer] * 8, monkeypatch, capsys, check=True)
    assert not result.get("failed"), result.get("msg")
    assert all(not operation.startswith(("create", "update", "delete")) for operation in session.operations)


# was_web_app_info ---------------------------------------------------------------------------------------------


def test_info_reads_the_recorded_search_and_gives_each_web_app_as_module_options(monkeypatch, capsys):
    result, session = run(
        {"name_contains": "Goat"}, [Reply(SEARCH_SAMPLE)], monkeypatch, capsys, module=was_web_app_info
    )
    assert result["changed"] is False and result["api_calls"] == 1
    criterion = ElementTree.fromstring(session.requests[0].body).find("filters/Criteria")
    assert (criterion.get("field"), criterion.get("operator"), criterion.text) == ("name", "CONTAINS", "Goat")
    (web_app,) = result["web_apps"]
    assert (web_app["id"], web_app["name"], web_app["tags"]) == (251316904, "PyGoat", [])
    assert web_app["options"]["url"] == "http://pygoat-dep.herokuapp.com/"
    assert "id" not in web_app["options"] and "owner" not in web_app["options"]


def test_info_details_read_each_web_app_with_get(monkeypatch, capsys):
    replies = [Reply(summary(4331923)), Reply(service_response(ELEMENT, [whole(4331923, TAGGED)]))]
    result, session = run({"id": 4331923, "details": True}, replies, monkeypatch, capsys, module=was_web_app_info)
    assert session.operations == ["search/webapp", "get/webapp"]
    options = result["web_apps"][0]["options"]
    assert options["tags"] == [{"id": 12017424, "name": "Production"}] and options["scope"] == "all"


@pytest.mark.parametrize("task", example_tasks(was_web_app_info, "qualys.was.was_web_app_info"))
def test_every_info_example_runs(task, monkeypatch, capsys):
    args = {key: value for key, value in task.items() if key not in CONNECTION_OPTIONS}
    replies = [named("Tag", "Production")] * len(args.get("tags") or ()) + [Reply(summary(4331923))]
    replies += [Reply(service_response(ELEMENT, [whole(4331923)]))] * (1 if args.get("details") else 0)
    result, session = run(args, replies, monkeypatch, capsys, module=was_web_app_info, check=True)
    assert not result.get("failed"), result.get("msg")
