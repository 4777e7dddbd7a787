# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
import yaml

from ansible_collections.qualys.was.plugins.modules import was_auth_record_info
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    data_file,
    leaked_password,
    error_response,
    run_module,
    service_response,
)

EXAMPLES = yaml.safe_load(was_auth_record_info.EXAMPLES)
SEARCH_SAMPLE = data_file("samples", "webappauthrecord-search-trolldbois-1.xml")
MASKED = data_file("seeds", "seed003-authrecord-get-masked.xml")  # seed 003, sample 1
CLEAR = data_file("seeds", "seed003-authrecord-get-clear.xml")  # seed 003, sample 2
EMPTY = service_response("WebAppAuthRecord", [])
EMPTY_WITH_DATA = (
    b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>0</count>"
    b"<hasMoreRecords>false</hasMoreRecords><data>\n</data></ServiceResponse>"
)
HIDDEN = "<hidden>"


def summary(record_id, name):
    return service_response(
        "WebAppAuthRecord", ["<id>%d</id><name>%s</name><tags><count>0</count></tags>" % (record_id, name)]
    )


def run(args, replies, monkeypatch, capsys, check=False):
    return run_module(was_auth_record_info.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, check=check)


def criteria_of(request):
    body = ElementTree.fromstring(request.body)
    return [(c.get("field"), c.get("operator"), c.text or "") for c in body.findall("filters/Criteria")]


def only(result):
    assert len(result["auth_records"]) == 1
    return result["auth_records"][0]


def test_listing_everything_reads_the_recorded_search_in_one_call(monkeypatch, capsys):
    result, session = run({}, [Reply(SEARCH_SAMPLE)], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 1
    assert criteria_of(session.requests[0]) == []
    records = result["auth_records"]
    assert [record["id"] for record in records] == [
        23391,
        347700,
        379034,
        621720,
        688892,
        695921,
        730296,
        732693,
        758707,
    ]
    first = records[0]
    assert first["name"] == "ESL MyPortal Auth Record"
    assert first["owner"] == {"id": 2230539, "username": "pente_bb", "first_name": "Bill", "last_name": "Boehm"}
    assert (first["created_date"], first["updated_date"]) == ("2013-07-05T15:08:59Z", "2018-11-19T14:33:09Z")
    assert first["tags"] == []  # the summary says count 0
    # what a summary does not carry is unknown, not empty
    for key in ("form_record", "server_record", "oauth2_record", "comments", "created_by", "updated_by"):
        assert first[key] is None
    assert first["secrets_masked"] is None


def test_details_of_the_masked_seed_record(monkeypatch, capsys):
    replies = [Reply(summary(761533, "Selenium record")), Reply(MASKED)]
    result, session = run({"id": 761533, "details": True}, replies, monkeypatch, capsys)
    assert session.operations == ["search/webappauthrecord", "get/webappauthrecord"]
    assert criteria_of(session.requests[0]) == [("id", "EQUALS", "761533")]
    record = only(result)
    assert record["secrets_masked"] is True
    assert record["form_record"]["type"] == "selenium"
    assert record["form_record"]["selenium_script"]["regex"] == "selenium"
    assert record["server_record"]["fields"] == [
        {"id": 730020, "type": "basic", "domain": "comp", "username": "abc", "password": HIDDEN},
        {"id": 730021, "type": "ntlm", "domain": None, "username": "abc3", "password": HIDDEN},
        {"id": 730022, "type": "digest", "domain": "comp2", "username": "abc2", "password": HIDDEN},
    ]
    data = record["form_record"]["selenium_script"]["data"]
    assert "*****" not in data and data.count("&lt;hidden&gt;") == 2
    assert "<td>name=password</td>" in data and "@@webappURL@@" in data  # the rest of the script stays readable


def test_details_of_the_clear_seed_record_never_show_its_secrets(monkeypatch, capsys):
    replies = [Reply(summary(762380, "Selenium with server authentication")), Reply(CLEAR)]
    result = run({"id": 762380, "details": True}, replies, monkeypatch, capsys)[0]
    record = only(result)
    assert record["secrets_masked"] is False
    assert [field["password"] for field in record["server_record"]["fields"]] == [HIDDEN] * 3
    shown = json.dumps(result)
    assert "1234" not in shown and "theuser" not in shown and "thepass" not in shown
    assert record["tags"] == [] and record["comments"] == []
    assert record["created_by"]["username"] == "quays_js2"
    assert "warnings" not in result


def test_return_secrets_gives_the_clear_seed_record_as_qualys_sent_it(monkeypatch, capsys):
    replies = [Reply(summary(762380, "Selenium with server authentication")), Reply(CLEAR)]
    result = run({"id": 762380, "details": True, "return_secrets": True}, replies, monkeypatch, capsys)[0]
    record = only(result)
    assert record["secrets_masked"] is False
    assert [field["password"] for field in record["server_record"]["fields"]] == ["1234"] * 3
    data = record["form_record"]["selenium_script"]["data"]
    assert "<td>theuser</td>" in data and "<td>thepass</td>" in data
    assert "set no_log: true on this task" in json.dumps(result["warnings"]).lower()


def test_return_secrets_gives_the_masked_seed_record_as_qualys_sent_it(monkeypatch, capsys):
    replies = [Reply(summary(761533, "Selenium record")), Reply(MASKED)]
    result = run({"id": 761533, "details": True, "return_secrets": True}, replies, monkeypatch, capsys)[0]
    record = only(result)
    assert record["secrets_masked"] is True
    assert [field["password"] for field in record["server_record"]["fields"]] == ["*****"] * 3
    assert record["form_record"]["selenium_script"]["data"].count("<td>*****</td>") == 2


FULL_RECORD = """<id>790009</id><name><![CDATA[Everything]]></name>
<formRecord><type>CUSTOM</type><sslOnly>true</sslOnly><fields><count>3</count><list>
  <WebAppAuthFormRecordField><id>1</id><name>login</name><secured>false</secured><value>form-user-shown</value></WebAppAuthFormRecordField>
  <WebAppAuthFormRecordField><id>2</id><name>pin</name><secured>true</secured><value>secured-value-secret</value></WebAppAuthFormRecordField>
  <WebAppAuthFormRecordField><id>3</id><name>Password</name><value>standard-password-secret</value></WebAppAuthFormRecordField>
</list></fields></formRecord>
<serverRecord><sslOnly>false</sslOnly><certificate><name>client</name><contents>certificate-contents-secret</contents>
  <passphrase>passphrase-secret</passphrase></certificate></serverRecord>
<oauth2Record><grantType>PASSWORD</grantType><accessTokenUrl>https://auth.example.test/token</accessTokenUrl>
  <username>oauth-user-shown</username><password>oauth-password-secret</password><clientId>client-id-shown</clientId>
  <clientSecret>client-secret-secret</clientSecret><scope>scan</scope></oauth2Record>
<tags><count>1</count><list><Tag><id>12017424</id><name>Production</name></Tag></list></tags>
<comments><count>1</count><list><Comment><contents>Rotated in May</contents></Comment></list></comments>"""
FULL_SECRETS = (
    "secured-value-secret",
    "standard-password-secret",
    "certificate-contents-secret",
    "passphrase-secret",
    "oauth-password-secret",
    "client-secret-secret",
)


def test_every_kind_of_secret_is_hidden_and_the_rest_is_shown(monkeypatch, capsys):
    replies = [Reply(summary(790009, "Everything")), Reply(service_response("WebAppAuthRecord", [FULL_RECORD]))]
    result = run({"name": "Everything", "details": True}, replies, monkeypatch, capsys)[0]
    shown = json.dumps(result)
    for secret in FULL_SECRETS:
        assert secret not in shown
    record = only(result)
    assert record["secrets_masked"] is False
    assert record["form_record"]["fields"] == [
        {"id": 1, "name": "login", "secured": False, "value": "form-user-shown"},
        {"id": 2, "name": "pin", "secured": True, "value": HIDDEN},
        {"id": 3, "name": "Password", "secured": None, "value": HIDDEN},
    ]
    assert record["server_record"]["certificate"] == {"name": "client", "contents": HIDDEN, "passphrase": HIDDEN}
    oauth2 = record["oauth2_record"]
    assert (oauth2["grant_type"], oauth2["username"], oauth2["client_id"]) == (
        "password",
        "oauth-user-shown",
        "client-id-shown",
    )
    assert (oauth2["password"], oauth2["client_secret"]) == (HIDDEN, HIDDEN)
    assert record["tags"] == [{"id": 12017424, "name": "Production"}]
    assert record["comments"] == ["Rotated in May"]


def test_return_secrets_returns_every_kind_of_secret(monkeypatch, capsys):
    replies = [Reply(summary(790009, "Everything")), Reply(service_response("WebAppAuthRecord", [FULL_RECORD]))]
    result = run({"id": 790009, "details": True, "return_secrets": True}, replies, monkeypatch, capsys)[0]
    shown = json.dumps(result)
    for secret in FULL_SECRETS:
        assert secret in shown


def test_name_matches_exactly(monkeypatch, capsys):
    loose = service_response(
        "WebAppAuthRecord", ["<id>1</id><name>selenium record</name>", "<id>2</id><name>Selenium record</name>"]
    )
    result, session = run({"name": "Selenium record"}, [Reply(loose)], monkeypatch, capsys)
    assert [record["id"] for record in result["auth_records"]] == [2]
    assert criteria_of(session.requests[0]) == [("name", "EQUALS", "Selenium record")]


def test_tags_and_contents_select_with_one_tag_search(monkeypatch, capsys):
    tag = Reply(service_response("Tag", ["<id>12017424</id><name>Production</name>"]))
    args = {"tags": ["Production", 12017228], "contents": ["form_selenium", "server_ntlm"]}
    result, session = run(args, [tag, Reply(EMPTY)], monkeypatch, capsys)
    assert result["auth_records"] == [] and result["api_calls"] == 2
    assert session.operations == ["search/tag", "search/webappauthrecord"]
    assert criteria_of(session.requests[1]) == [
        ("tags.id", "IN", "12017424,12017228"),
        ("contents", "IN", "FORM_SELENIUM,SERVER_NTLM"),
    ]


@pytest.mark.parametrize("empty", [EMPTY, EMPTY_WITH_DATA], ids=["count-only", "empty-data"])
def test_an_id_that_does_not_exist_gives_an_empty_list(empty, monkeypatch, capsys):
    result, session = run({"id": 999999999, "details": True}, [Reply(empty)], monkeypatch, capsys)
    assert result.get("failed") is not True
    assert result["auth_records"] == [] and result["api_calls"] == 1


def test_an_invalid_filter_fails_with_qualyss_message(monkeypatch, capsys):
    refusal = error_response("INVALID_REQUEST", "Invalid criteria field 'colour'.", "Use a searchable field.")
    args = {"filters": [{"field": "colour", "value": "blue"}]}
    result, session = run(args, [Reply(refusal)], monkeypatch, capsys)
    assert result["failed"] is True
    assert result["msg"].startswith(
        "Qualys API call failed: search authentication record; HTTP 200; responseCode INVALID_REQUEST"
    )
    assert "Invalid criteria field 'colour'." in result["msg"]
    assert result["error_message"] == "Invalid criteria field 'colour'."
    assert criteria_of(session.requests[0]) == [("colour", "EQUALS", "blue")]
    assert not leaked_password(result)


def test_many_records_cost_one_search_per_page_and_one_get_each_with_details(monkeypatch, capsys):
    first = service_response(
        "WebAppAuthRecord", ["<id>1</id><name>a</name>", "<id>2</id><name>b</name>"], has_more=True, last_id=2
    )
    second = summary(3, "c")
    gets = [Reply(service_response("WebAppAuthRecord", ["<id>%d</id><name>x</name>" % i])) for i in (1, 2, 3)]
    result, session = run({"details": True}, [Reply(first), Reply(second)] + gets, monkeypatch, capsys)
    assert result["api_calls"] == 5
    assert session.operations == ["search/webappauthrecord"] * 2 + ["get/webappauthrecord"] * 3
    assert criteria_of(session.requests[1]) == [("id", "GREATER", "2")]


def test_check_mode_reads_the_same(monkeypatch, capsys):
    result, session = run({}, [Reply(SEARCH_SAMPLE)], monkeypatch, capsys, check=True)
    assert result["changed"] is False and len(result["auth_records"]) == 9
    assert session.operations == ["search/webappauthrecord"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"contents": ["form_magic"]}, "form_magic"),
        ({"tags": []}, "tags must list at least one value"),
        ({"filters": [{"field": "name", "operator": "contains"}]}, "filters[0].value is required"),
    ],
)
def test_invalid_input_fails_before_any_call(args, message, monkeypatch, capsys):
    result, session = run(args, [], monkeypatch, capsys)
    assert result["failed"] is True and message in result["msg"]
    assert session.requests == []


@pytest.mark.parametrize("index", [0, 1])
def test_the_examples_run(index, monkeypatch, capsys):
    args = dict(EXAMPLES[index]["qualys.was.was_auth_record_info"])
    args.pop("platform")
    replies = [Reply(summary(761533, "Selenium record")), Reply(MASKED)] if args.get("details") else [Reply(EMPTY)]
    result = run(args, replies, monkeypatch, capsys)[0]
    assert result["changed"] is False and "failed" not in result
