# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
import yaml

from ansible_collections.qualys.was.plugins.modules import was_auth_record
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    Reply,
    data_file,
    id_response,
    run_module,
    service_response,
)

ELEMENT = "WebAppAuthRecord"
EXAMPLES = yaml.safe_load(was_auth_record.EXAMPLES)
MASKED = data_file("seeds", "seed003-authrecord-get-masked.xml")  # seed 003, sample 1: record 761533
CLEAR = data_file("seeds", "seed003-authrecord-get-clear.xml")  # seed 003, sample 2: record 762380
EMPTY = service_response(ELEMENT, [])
UPDATED = Reply(id_response(ELEMENT, 761533))
# The values the clear sample shows; the masked sample's record types the same user name and password.
SCRIPT = ElementTree.fromstring(CLEAR).find("data/WebAppAuthRecord/formRecord/seleniumScript/data").text
SECRETS = ("theuser", "thepass", "1234")
CONNECTION_OPTIONS = ("platform", "username", "password", "api_url")


def summary(record_id, name):
    return Reply(
        service_response(ELEMENT, ["<id>%d</id><name>%s</name><tags><count>0</count></tags>" % (record_id, name)])
    )


def seed_task(record_id, **changes):
    """Record 761533 or 762380 with the values seed 003 documents, in the shape of the module's options."""
    servers = {
        761533: [("basic", "comp", "abc"), ("ntlm", None, "abc3"), ("digest", "comp2", "abc2")],
        762380: [("ntlm", None, "abc3"), ("basic", "comp", "abc"), ("digest", "comp2", "abc2")],
    }[record_id]
    task = dict(
        CONNECTION,
        name={761533: "Selenium record", 762380: "Selenium with server authentication"}[record_id],
        form_record={
            "type": "selenium",
            "selenium_script": {"name": "seleniumScript", "data": SCRIPT, "regex": "selenium"},
        },
        server_record={
            "fields": [
                {"type": kind, "domain": domain, "username": user, "password": "1234"} for kind, domain, user in servers
            ]
        },
    )
    task.update(changes)
    return task


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_auth_record.main, args, replies, monkeypatch, capsys, **flags)


def sent_record(request):
    return ElementTree.fromstring(request.body).find("data/" + ELEMENT)


def leaks(result):
    """The secrets a result shows; Ansible's mask for a no_log value counts, since it shows where one leaked."""
    text = json.dumps(result)
    return [secret for secret in SECRETS + ("********",) if secret in text]


# The seed records --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id, stored", [(761533, MASKED), (762380, CLEAR)])
def test_the_seed_records_described_with_their_documented_values_are_ok(record_id, stored, monkeypatch, capsys):
    name = seed_task(record_id)["name"]
    result, session = run(seed_task(record_id), [summary(record_id, name), Reply(stored)], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 2
    assert session.operations == ["search/webappauthrecord", "get/webappauthrecord"]
    assert not leaks(result)
    assert result["auth_record"]["server_record"]["fields"][0]["password"] == "<hidden>"


def test_a_changed_user_name_updates_the_server_fields_whole_with_their_passwords(monkeypatch, capsys):
    task = seed_task(761533)
    task["server_record"]["fields"][1]["username"] = "abc4"
    result, session = run(task, [summary(761533, task["name"]), Reply(MASKED), UPDATED], monkeypatch, capsys, diff=True)
    assert result["changed"] is True and session.operations[-1] == "update/webappauthrecord"
    fields = sent_record(session.requests[-1]).findall("serverRecord/fields/set/WebAppAuthServerRecordField")
    assert [(field.findtext("username"), field.findtext("password")) for field in fields] == [
        ("abc", "1234"),
        ("abc4", "1234"),
        ("abc2", "1234"),
    ]
    assert sent_record(session.requests[-1]).find("formRecord") is None
    assert not leaks(result)


def test_always_resends_masked_secrets_without_reporting_a_change(monkeypatch, capsys):
    task = seed_task(761533, update_password="always")
    result, session = run(task, [summary(761533, task["name"]), Reply(MASKED), UPDATED], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 3
    sent = sent_record(session.requests[-1])
    assert sent.find("serverRecord/fields/set/WebAppAuthServerRecordField/password").text == "1234"
    assert "thepass" in sent.find("formRecord/seleniumScript/data").text
    assert not leaks(result)


def test_always_compares_secrets_shown_in_clear(monkeypatch, capsys):
    same = seed_task(762380, update_password="always")
    result, session = run(same, [summary(762380, same["name"]), Reply(CLEAR)], monkeypatch, capsys)
    assert result["changed"] is False and result["api_calls"] == 2
    other = seed_task(762380, update_password="always")
    other["server_record"]["fields"][0]["password"] = "5678"
    result, session = run(
        other, [summary(762380, other["name"]), Reply(CLEAR), UPDATED], monkeypatch, capsys, diff=True
    )
    assert result["changed"] is True and session.operations[-1] == "update/webappauthrecord"
    assert "5678" not in json.dumps(result) and not leaks(result)


# Writes -----------------------------------------------------------------------------------------------------


def test_a_create_sends_every_option_and_returns_the_record_with_secrets_hidden(monkeypatch, capsys):
    task = seed_task(761533, tags=[12017424], comments=["login"])
    created = service_response(
        ELEMENT, [MASKED.decode().split("<WebAppAuthRecord>")[1].split("</WebAppAuthRecord>")[0]]
    )
    result, session = run(task, [Reply(EMPTY), Reply(created)], monkeypatch, capsys)
    assert result["changed"] is True and session.operations == ["search/webappauthrecord", "create/webappauthrecord"]
    sent = sent_record(session.requests[1])
    assert sent.find("formRecord/type").text == "SELENIUM"
    assert [tag.text for tag in sent.findall("tags/set/Tag/id")] == ["12017424"]
    assert [comment.text for comment in sent.findall("comments/set/Comment/contents")] == ["login"]
    assert not leaks(result)


def test_type_none_removes_the_form_record_then_is_ok(monkeypatch, capsys):
    task = dict(CONNECTION, name="Selenium record", form_record={"type": "none"})
    result, session = run(task, [summary(761533, task["name"]), Reply(MASKED), UPDATED], monkeypatch, capsys)
    assert result["changed"] is True and result["auth_record"]["form_record"] is None
    assert [child.tag for child in sent_record(session.requests[-1])] == ["formRecord"]
    without_form = MASKED.replace(MASKED[MASKED.index(b"<formRecord>") : MASKED.index(b"<serverRecord>")], b"")
    result, session = run(task, [summary(761533, task["name"]), Reply(without_form)], monkeypatch, capsys)
    assert result["changed"] is False


@pytest.mark.parametrize(
    "options, message",
    [
        ({"oauth2_record": {"grant_type": "password", "username": "u"}}, "needs oauth2_record.access_token_url"),
        ({"oauth2_record": {"grant_type": "implicit"}}, "needs oauth2_record.selenium_script"),
        ({"form_record": {"type": "selenium"}}, "needs form_record.selenium_script"),
        ({"form_record": {"type": "standard"}}, "needs form_record.fields"),
        ({"server_record": {"fields": [{"type": "kerberos"}]}}, "value of type must be one of"),
    ],
)
def test_invalid_input_fails_before_any_call(options, message, monkeypatch, capsys):
    result, session = run(dict(CONNECTION, name="x", **options), [], monkeypatch, capsys)
    assert result["failed"] and message in result["msg"]
    assert session.requests == []


def test_secret_options_are_no_log_and_update_password_is_not():
    spec = was_auth_record.RESOURCE.argument_spec()
    assert spec["oauth2_record"]["options"]["client_secret"]["no_log"] is True
    assert spec["server_record"]["options"]["fields"]["options"]["password"]["no_log"] is True
    assert spec["form_record"]["options"]["fields"]["options"]["value"]["no_log"] is True
    assert spec["update_password"]["no_log"] is False


def a_tenant_for(task):
    """Fake replies for an example: its tag names exist, its record does not."""
    replies = []
    for tag in task.get("tags") or ():
        if not str(tag).isdigit():
            replies.append(Reply(service_response("Tag", ["<id>12017424</id><name>%s</name>" % tag])))
    return replies + [Reply(EMPTY)]


def example_tasks():
    for example in EXAMPLES:
        for task in example.get("block", [example]):
            yield pytest.param(task["qualys.was.was_auth_record"], id=task["name"])


def untemplated(value):
    """An example's value with every Jinja expression replaced by a plain string, as Ansible would render it."""
    if isinstance(value, dict):
        return {key: untemplated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [untemplated(item) for item in value]
    return "example-value" if isinstance(value, str) and "{{" in value else value


@pytest.mark.parametrize("task", example_tasks())
def test_every_example_is_valid_and_runs_in_check_mode_without_writing(task, monkeypatch, capsys):
    args = {key: value for key, value in untemplated(task).items() if key not in CONNECTION_OPTIONS}
    result, session = run(dict(args, **CONNECTION), a_tenant_for(args), monkeypatch, capsys, check=True)
    assert not result.get("failed"), result.get("msg")
    assert all(not operation.startswith(("create", "update", "delete")) for operation in session.operations)
