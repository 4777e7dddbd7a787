# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Authentication records: secrets per permission, field collections, switching record kinds, searches."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import auth_record, server_fields
from ansible_collections.qualys.was.tests.unit.simulator.simclient import ADMIN, EDITOR, READER, criteria

MASK = "*****"
SECRETS = {
    583957: [
        "formRecord/fields/list/WebAppAuthFormRecordField[2]/value",
        "serverRecord/fields/list/WebAppAuthServerRecordField/password",
    ],
    790001: ["oauth2Record/password", "oauth2Record/clientSecret"],
    790002: ["serverRecord/certificate/contents", "serverRecord/certificate/passphrase"],
}


@pytest.mark.parametrize("record_id, paths", SECRETS.items())
def test_secrets_clear_for_admin_masked_for_others(api, record_id, paths):
    def secrets(user):
        record = api.get("webappauthrecord", record_id, as_user=user).records[0]
        return [record.findtext(path) for path in paths]

    assert all(value.startswith("fixture-") for value in secrets(ADMIN))
    assert secrets(EDITOR) == secrets(READER) == [MASK, MASK]


def test_unsecured_form_field_value_is_not_masked(api):
    record = api.get("webappauthrecord", 583957, as_user=READER).records[0]

    assert record.findtext("formRecord/fields/list/WebAppAuthFormRecordField[1]/value") == "fixture-form-user-583957"


def test_verbose_search_returns_full_records_with_masking(api):
    reply = api.search(
        "webappauthrecord", criteria("id", "EQUALS", "790001"), "<verbose>true</verbose>", as_user=EDITOR
    )

    assert reply.records[0].findtext("oauth2Record/clientSecret") == MASK
    assert reply.records[0].findtext("oauth2Record/clientId") == "fixture-oauth-client-790001"


def test_server_fields_numbered_and_updated_by_id(api):
    def only_field(record_id):
        record = api.get("webappauthrecord", record_id).records[0]
        field = record.find("serverRecord/fields/list/WebAppAuthServerRecordField")
        return field.findtext("id"), field.findtext("username"), field.findtext("password")

    created = server_fields(
        "set", "<type>BASIC</type><username>u1</username><password>fixture-created-pass-1</password>"
    )
    record_id = api.create("webappauthrecord", auth_record(extra=created)).ids[0]
    field_id = only_field(record_id)[0]
    assert int(field_id) not in (record_id, 730003)

    changed = server_fields("update", f"<id>{field_id}</id><username>u2</username>")
    api.update("webappauthrecord", record_id, auth_record(None, changed))
    assert only_field(record_id) == (field_id, "u2", "fixture-created-pass-1")

    api.update("webappauthrecord", record_id, auth_record(None, server_fields("remove", f"<id>{field_id}</id>")))
    assert api.get("webappauthrecord", record_id).records[0].findtext("serverRecord/fields/count") == "0"


def test_updating_an_unknown_field_refused(api):
    reply = api.update("webappauthrecord", 583957, auth_record(extra=server_fields("update", "<id>1</id>")))

    assert reply.code == "INVALID_REQUEST"
    assert "WebAppAuthServerRecordField with id 1" in reply.error[0]


def test_form_type_none_switches_to_oauth2(api):
    switch = (
        "<formRecord><type>NONE</type></formRecord><oauth2Record><grantType>CLIENT_CREDS</grantType></oauth2Record>"
    )

    api.update("webappauthrecord", 583957, auth_record("Form and Server]149735111801", switch))

    record = api.get("webappauthrecord", 583957).records[0]
    assert record.find("formRecord") is None
    assert record.findtext("oauth2Record/grantType") == "CLIENT_CREDS"


def test_search_by_contents(api):
    def ids(operator, value):
        return api.search("webappauthrecord", criteria("contents", operator, value)).ids

    assert ids("EQUALS", "FORM_SELENIUM") == [761533, 762380]
    assert ids("IN", "CERTIFICATE,OAUTH2_PASSWORD") == [790001, 790002]
    assert ids("EQUALS", "SERVER_NTLM") == [761533, 762380]


def test_name_with_cdata_end_round_trips(api):
    record_id = api.create("webappauthrecord", auth_record("odd ]]&gt; name")).ids[0]

    assert api.get("webappauthrecord", record_id).records[0].findtext("name") == "odd ]]> name"
