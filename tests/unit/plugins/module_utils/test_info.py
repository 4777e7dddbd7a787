# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, OPTION_PROFILE, TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Choice,
    Field,
    Group,
    Integer,
    Items,
    Text,
    has_secrets,
)
from ansible_collections.qualys.was.plugins.module_utils.criteria import Selector
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery, run_info_module, secrets_masked
from ansible_collections.qualys.was.plugins.module_utils.record_kinds import SeleneseScript
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    FakeSession,
    Reply,
    run_module,
    service_response,
)

SECRET_RESOURCE = Resource(
    AUTH_RECORD,
    return_key="records",
    fields=[
        Field("name", Text()),
        Field("login", Group(Field("user", Text()), Field("password", Text(), secret=True))),
        Field("script", SeleneseScript(), secret=True),
    ],
    detail_elements=["login"],
)
SELECTORS = [
    Selector("id", Integer()),
    Selector("name", Text(), exact=True),
    Selector("tags", Ref(TAG), field="tags.id", many=True),
    Selector("kinds", Choice("form_standard", "server_ntlm"), field="contents", many=True),
]
PLAIN_RESOURCE = Resource(
    OPTION_PROFILE, return_key="profiles", fields=[Field("name", Text())], detail_elements=["name"]
)


def record(record_id, name="R", extra=""):
    return "<id>%d</id><name>%s</name>%s" % (record_id, name, extra)


def page(*records, **more):
    return Reply(service_response("WebAppAuthRecord", list(records), **more))


def get_reply(xml):
    return Reply(service_response("WebAppAuthRecord", [xml]))


def query(replies, details=True, resource=SECRET_RESOURCE):
    session = FakeSession(replies)
    client = QualysClient(ConnectionSettings("https://q.example.test", "u", "p"), session, sleep=lambda s: None)
    return InfoQuery(resource, SELECTORS, details), client, session


def params(**values):
    base = {"id": None, "name": None, "tags": None, "kinds": None, "filters": None, "details": False}
    base.update(values)
    return base


def criteria_of(request):
    body = ElementTree.fromstring(request.body)
    return [(c.get("field"), c.get("operator"), c.text or "") for c in body.findall("filters/Criteria")]


def test_the_options_are_the_selectors_filters_details_and_return_secrets():
    spec = InfoQuery(SECRET_RESOURCE, SELECTORS, details=True).argument_spec()
    assert sorted(spec) == ["details", "filters", "id", "kinds", "name", "return_secrets", "tags"]
    assert spec["tags"] == {"type": "list", "elements": "raw"}
    assert spec["kinds"] == {"type": "list", "elements": "str", "choices": ["form_standard", "server_ntlm"]}
    assert spec["filters"]["options"]["operator"]["default"] == "equals"


def test_details_and_return_secrets_are_offered_only_where_they_mean_something():
    spec = InfoQuery(PLAIN_RESOURCE, [Selector("name", Text())]).argument_spec()
    assert sorted(spec) == ["filters", "name"]


def test_has_secrets_looks_into_groups_and_lists():
    nested = Field("list", Items(Group(Field("password", Text(), secret=True)), item="Item"))
    assert has_secrets([Field("name", Text()), nested]) is True
    assert has_secrets(PLAIN_RESOURCE.fields) is False


def test_selectors_become_criteria_and_are_anded():
    info, client, session = query([page(record(1))])
    info.read(client, params(id=1, name="R", tags=[12017424, "7"], kinds=["server_ntlm", "form_standard"]))
    assert criteria_of(session.requests[0]) == [
        ("id", "EQUALS", "1"),
        ("name", "EQUALS", "R"),
        ("tags.id", "IN", "12017424,7"),
        ("contents", "IN", "SERVER_NTLM,FORM_STANDARD"),
    ]
    assert session.operations == ["search/webappauthrecord"]  # tag ids need no lookup


def test_each_tag_name_is_resolved_with_one_exact_search():
    production = Reply(service_response("Tag", ["<id>5</id><name>Production</name>"]))
    pci = Reply(service_response("Tag", ["<id>6</id><name>PCI</name>"]))
    info, client, session = query([pci, production, page()])
    assert info.read(client, params(tags=["Production", "PCI", 9])) == []
    assert session.operations == ["search/tag", "search/tag", "search/webappauthrecord"]
    assert criteria_of(session.requests[0]) == [("name", "EQUALS", "PCI")]
    assert criteria_of(session.requests[1]) == [("name", "EQUALS", "Production")]
    assert criteria_of(session.requests[2]) == [("tags.id", "IN", "5,6,9")]


def test_generic_filters_are_sent_as_given_in_the_apis_case():
    info, client, session = query([page()])
    filters = [
        {"field": "updatedDate", "operator": "greater", "value": "2024-01-01T00:00:00Z"},
        {"field": "id", "operator": "in", "value": [1, 2]},
        {"field": "name", "operator": "not equals", "value": "x"},
        {"field": "lastScan.date", "operator": "none", "value": None},
        {"field": "isUsed", "operator": "equals", "value": True},
    ]
    info.read(client, params(name="R", filters=filters))
    assert criteria_of(session.requests[0]) == [
        ("name", "EQUALS", "R"),
        ("updatedDate", "GREATER", "2024-01-01T00:00:00Z"),
        ("id", "IN", "1,2"),
        ("name", "NOT EQUALS", "x"),
        ("lastScan.date", "NONE", ""),
        ("isUsed", "EQUALS", "true"),
    ]


@pytest.mark.parametrize(
    "values, message",
    [
        ({"filters": [{"field": "name", "operator": "equals", "value": None}]}, "filters[0].value is required"),
        ({"filters": [{"field": "name", "operator": "in", "value": [{"a": 1}]}]}, "filters[0].value must be a value"),
        ({"filters": [{"field": "name", "operator": "equals", "value": {"a": 1}}]}, "filters[0].value must be"),
        ({"tags": [{"label": "x"}]}, "tags[0] must be a tag id, a tag name"),
        ({"kinds": []}, "kinds must list at least one value, or be left out"),
    ],
)
def test_invalid_selections_fail_before_any_call(values, message):
    info, client, session = query([])
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        info.read(client, params(**values))
    assert session.requests == []


def test_every_page_is_read_and_costs_one_search():
    first = page(*[record(i) for i in (1, 2)], has_more=True, last_id=2)
    info, client, session = query([first, page(record(3))])
    assert [state["id"] for state in info.read(client, params())] == [1, 2, 3]
    assert session.operations == ["search/webappauthrecord"] * 2
    assert criteria_of(session.requests[0]) == []  # no selector: everything
    assert criteria_of(session.requests[1]) == [("id", "GREATER", "2")]
    assert b"<limitResults>1000</limitResults>" in session.requests[0].body
    assert b"verbose" not in session.requests[0].body  # a summary, unless details are asked for


def test_an_exact_selector_drops_looser_matches_before_details_are_read():
    info, client, session = query([page(record(1, "r"), record(2, "R")), get_reply(record(2, "R"))])
    states = info.read(client, params(name="R", details=True))
    assert [state["id"] for state in states] == [2]
    assert session.operations == ["search/webappauthrecord", "get/webappauthrecord"]
    assert session.requests[1].url.endswith("/get/was/webappauthrecord/2")


def test_details_cost_one_get_per_record_and_replace_the_summary():
    login = "<login><user>u</user><password>p-secret-3</password></login>"
    replies = [page(record(1), record(2)), get_reply(record(1, extra=login)), get_reply(record(2))]
    info, client, session = query(replies)
    states = info.read(client, params(details=True))
    assert session.operations == ["search/webappauthrecord", "get/webappauthrecord", "get/webappauthrecord"]
    assert states[0]["login"] == {"user": "u", "password": "p-secret-3"}
    assert states[1]["login"] is None


def test_details_are_not_read_when_not_offered():
    info, client, session = query([page(record(1))], details=False)
    info.read(client, params(details=True))
    assert session.operations == ["search/webappauthrecord"]


MASKED_SCRIPT = "<tr><td>type</td><td>id=p</td><td>*****</td></tr>"
CLEAR_SCRIPT = "<tr><td>type</td><td>id=p</td><td>typed-secret</td></tr>"


@pytest.mark.parametrize(
    "state, expected",
    [
        ({"name": "R", "login": None, "script": None}, None),  # a summary: nothing secret to judge by
        ({"name": "R", "login": {"user": "u", "password": None}, "script": "<tr><td>open</td></tr>"}, None),
        ({"name": "R", "login": {"user": "u", "password": "*****"}, "script": MASKED_SCRIPT}, True),
        ({"name": "R", "login": {"user": "u", "password": "*****"}, "script": None}, True),
        ({"name": "R", "login": {"user": "u", "password": "p-secret"}, "script": MASKED_SCRIPT}, False),
        ({"name": "R", "login": {"user": "u", "password": "*****"}, "script": CLEAR_SCRIPT}, False),
    ],
)
def test_secrets_masked_tells_whether_the_server_withheld_every_secret(state, expected):
    assert secrets_masked(SECRET_RESOURCE.fields, dict(state, id=1)) is expected


def test_shown_records_hide_secrets_unless_asked_and_say_whether_they_were_masked():
    info = InfoQuery(SECRET_RESOURCE, SELECTORS)
    state = {"id": 1, "name": "R", "login": {"user": "u", "password": "p-secret-8"}, "script": CLEAR_SCRIPT}
    hidden = info.shown(state, return_secrets=False)
    assert hidden["login"] == {"user": "u", "password": "<hidden>"}
    assert "typed-secret" not in hidden["script"] and hidden["secrets_masked"] is False
    assert info.shown(state, return_secrets=True) == dict(state, secrets_masked=False)
    assert state["login"]["password"] == "p-secret-8"  # the read state is left as it was


def test_the_runner_never_changes_anything_and_counts_its_calls(monkeypatch, capsys):
    result, session = run_module(
        lambda: run_info_module(PLAIN_RESOURCE, [Selector("name", Text())]),
        dict(CONNECTION, name="P"),
        [Reply(service_response("OptionProfile", ["<id>4</id><name>P</name>"]))],
        monkeypatch,
        capsys,
        check=True,
    )
    assert result["changed"] is False and result["api_calls"] == 1
    assert [profile["name"] for profile in result["profiles"]] == ["P"]
    assert "secrets_masked" not in result["profiles"][0]  # nothing secret in this resource
    assert session.operations == ["search/optionprofile"]
