# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``state: absent`` of every managing module against an object that exists: check mode, and a delete whose
outcome is unknown."""

from __future__ import annotations

import pytest
import requests

from ansible_collections.qualys.was.plugins.modules import was_option_profile, was_scan_schedule
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, id_response, run_module, service_response


class Managed:
    """A managing module and one object of its kind, as the server holds it."""

    def __init__(self, module, element, record_id, name):
        self.main = module.main
        self.element = element
        self.record_id = record_id
        self.name = name
        self.record = "<id>%d</id><name>%s</name>" % (record_id, name)

    def __repr__(self):
        return self.element


MANAGED = [
    Managed(was_option_profile, "OptionProfile", 1071201, "Gentle scan - custom intensity"),
    Managed(was_scan_schedule, "WasScanSchedule", 697001, "Demo Shop weekly scan"),
]


class Server:
    """Holds one object: reads find it; a delete answers ``delete_reply`` and removes it only if ``deletes``."""

    def __init__(self, managed, delete_reply=None, deletes=True):
        self.managed = managed
        self.exists = True
        self.delete_reply = delete_reply or Reply(id_response(managed.element, managed.record_id))
        self.deletes = deletes

    def __call__(self, request):
        verb = request.operation.split("/")[0]
        if verb in ("search", "get"):
            records = [self.managed.record] if self.exists else []
            return Reply(service_response(self.managed.element, records))
        if verb == "delete":
            self.exists = not self.deletes
            return self.delete_reply
        return Reply(id_response(self.managed.element, self.managed.record_id))


@pytest.fixture(autouse=True)
def no_connection_from_the_environment(monkeypatch):
    for variable in ("QUALYS_API_URL", "QUALYS_PLATFORM", "QUALYS_USERNAME", "QUALYS_PASSWORD"):
        monkeypatch.delenv(variable, raising=False)


def absent(managed, **identity):
    return dict(CONNECTION, state="absent", **(identity or {"name": managed.name}))


def verbs(session):
    return [operation.split("/")[0] for operation in session.operations]


@pytest.mark.parametrize("managed", MANAGED, ids=repr)
@pytest.mark.parametrize("identity", ["name", "id"])
def test_check_mode_absent_of_an_existing_object_predicts_the_delete_and_sends_none(
    managed, identity, monkeypatch, capsys
):
    task = absent(managed, **{identity: managed.name if identity == "name" else managed.record_id})
    server = Server(managed)
    result, session = run_module(managed.main, task, [server] * 10, monkeypatch, capsys, check=True, diff=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert session.requests, "check mode must still read the object"
    assert set(verbs(session)) <= {"search", "get"}, session.operations
    assert server.exists
    assert result["diff"]["before"]["id"] == managed.record_id
    assert result["diff"]["before"]["name"] == managed.name
    assert result["diff"]["after"] == {}


@pytest.mark.parametrize("managed", MANAGED, ids=repr)
def test_check_mode_absent_of_a_missing_object_is_ok(managed, monkeypatch, capsys):
    server = Server(managed)
    server.exists = False
    result, session = run_module(managed.main, absent(managed), [server] * 10, monkeypatch, capsys, check=True)
    assert result["changed"] is False and not result.get("failed")
    assert set(verbs(session)) <= {"search", "get"}, session.operations


AMBIGUOUS_DELETES = {
    "timeout": Reply(raises=requests.exceptions.ReadTimeout("read timed out")),
    "server error": Reply(b"", status=503),
}


@pytest.mark.parametrize("managed", MANAGED, ids=repr)
@pytest.mark.parametrize("failure", sorted(AMBIGUOUS_DELETES))
def test_a_delete_of_unknown_outcome_that_did_not_happen_fails_naming_the_delete_and_the_object(
    managed, failure, monkeypatch, capsys
):
    server = Server(managed, delete_reply=AMBIGUOUS_DELETES[failure], deletes=False)
    result, session = run_module(managed.main, absent(managed), [server] * 10, monkeypatch, capsys)
    assert result.get("failed") is True, result
    assert "delete" in result["msg"]
    assert managed.name in result["msg"] or str(managed.record_id) in result["msg"]
    operations = verbs(session)
    assert operations.count("delete") == 1, session.operations  # never repeated blindly
    assert operations.index("delete") < len(operations) - 1, "the object was not looked for after the delete"
    assert operations[-1] in ("search", "get")


@pytest.mark.parametrize("managed", MANAGED, ids=repr)
@pytest.mark.parametrize("failure", sorted(AMBIGUOUS_DELETES))
def test_a_delete_of_unknown_outcome_that_happened_is_a_success(managed, failure, monkeypatch, capsys):
    server = Server(managed, delete_reply=AMBIGUOUS_DELETES[failure], deletes=True)
    result, session = run_module(managed.main, absent(managed), [server] * 10, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert verbs(session).count("delete") == 1
