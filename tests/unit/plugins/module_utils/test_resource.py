# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A resource derived from its field table: validation, ``purge`` lists, write-only secrets (``update_password``),
prediction and the record as module options."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, SCAN_SCHEDULE, TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Group, Integer, Items, Text
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, id_response, service_response

RESOURCE = Resource(
    AUTH_RECORD,
    return_key="auth_record",
    fields=[
        Field("name", Text()),
        Field("tags", Items(Ref(TAG), item="Tag"), purge=True),
        Field("comments", Items(Text(), item="Comment", key="contents"), purge=True),
        Field(
            "oauth2_record",
            Group(Field("username", Text()), Field("password", Text(), secret=True), Field("scope", Text())),
        ),
        Field(
            "servers",
            Items(Group(Field("username", Text()), Field("password", Text(), secret=True)), item="Server"),
        ),
    ],
    detail_elements=["oauth2Record"],
)
ELEMENT = "WebAppAuthRecord"


def stored(password="s3cret", server_password="s3cret", tags=(1, 2), scope="read"):
    tag_list = "".join("<Tag><id>%d</id><name>t%d</name></Tag>" % (tag, tag) for tag in tags)
    return service_response(
        ELEMENT,
        [
            "<id>7</id><name>Login</name><tags><count>%d</count><list>%s</list></tags>" % (len(tags), tag_list)
            + "<comments><count>1</count><list><Comment><contents>old</contents></Comment></list></comments>"
            + "<oauth2Record><username>u</username><password>%s</password><scope>%s</scope></oauth2Record>"
            % (password, scope)
            + "<servers><list><Server><username>s</username><password>%s</password></Server></list></servers>"
            % server_password
        ],
    )


def desired(**options):
    values = {option: None for option in RESOURCE.argument_spec()}
    values.update(name="Login", purge_tags=True, purge_comments=True, update_password="on_create")
    values.update(options)
    return values


def run(task, replies, check_mode=False):
    session = FakeSession(replies)
    client = QualysClient(ConnectionSettings("https://q.example.test", "u", "p"), session, sleep=lambda s: None)
    return Reconciler(client, RESOURCE, check_mode).ensure_present(task), session


def sent(session):
    return ElementTree.fromstring(session.requests[-1].body).find("data/" + ELEMENT)


UPDATED = Reply(id_response(ELEMENT, 7))
TAGS = [{"id": 1, "name": None}, {"id": 3, "name": None}]


# Purge ----------------------------------------------------------------------------------------------------------


def test_purge_options_are_derived_with_ansibles_default():
    spec = RESOURCE.argument_spec()
    assert spec["purge_tags"] == {"type": "bool", "default": True}
    assert "purge_name" not in spec


def test_purge_is_only_for_lists_sent_in_set():
    with pytest.raises(ValueError):
        Field("name", Text(), purge=True)


def test_a_list_with_purge_is_set_whole():
    outcome, session = run(desired(tags=TAGS), [Reply(stored()), UPDATED])
    assert outcome.changed
    ids = [element.text for element in sent(session).findall("tags/set/Tag/id")]
    assert ids == ["1", "3"]
    assert [tag["id"] for tag in outcome.after["tags"]] == [1, 3]


def test_without_purge_only_the_missing_items_are_added():
    outcome, session = run(desired(tags=TAGS, purge_tags=False), [Reply(stored()), UPDATED])
    assert outcome.changed
    assert sent(session).find("tags/set") is None
    assert [element.text for element in sent(session).findall("tags/add/Tag/id")] == ["3"]
    assert [tag["id"] for tag in outcome.after["tags"]] == [1, 2, 3]


def test_without_purge_items_the_server_holds_are_ok():
    outcome, session = run(desired(tags=[{"id": 2, "name": None}], purge_tags=False), [Reply(stored())])
    assert not outcome.changed and len(session.requests) == 1


def test_without_purge_an_item_key_list_adds_its_missing_items():
    outcome, session = run(desired(comments=["old", "new"], purge_comments=False), [Reply(stored()), UPDATED])
    assert [element.text for element in sent(session).findall("comments/add/Comment/contents")] == ["new"]
    assert outcome.after["comments"] == ["old", "new"]


# update_password ------------------------------------------------------------------------------------------------


def test_a_table_with_secrets_gets_update_password_and_secret_options_no_log():
    spec = RESOURCE.argument_spec()
    assert spec["update_password"] == {
        "type": "str",
        "choices": ["always", "on_create"],
        "default": "on_create",
        "no_log": False,
    }
    assert spec["oauth2_record"]["options"]["password"]["no_log"] is True
    assert spec["servers"]["options"]["password"]["no_log"] is True
    assert "no_log" not in spec["oauth2_record"]


OAUTH = {"username": "u", "password": "other", "scope": None}
SERVERS = [{"username": "s", "password": "other"}]


@pytest.mark.parametrize("server", ["s3cret", "*****"])
def test_on_create_never_compares_secrets(server):
    task = desired(oauth2_record=OAUTH, servers=SERVERS)
    outcome, session = run(task, [Reply(stored(server, server))])
    assert not outcome.changed and len(session.requests) == 1


def test_on_create_leaves_secrets_out_of_an_update_of_their_group():
    task = desired(oauth2_record=dict(OAUTH, scope="write"))
    outcome, session = run(task, [Reply(stored("*****")), UPDATED])
    assert outcome.changed
    assert [child.tag for child in sent(session).find("oauth2Record")] == ["username", "scope"]


def test_a_list_is_sent_whole_with_its_secrets_since_the_api_replaces_it():
    task = desired(servers=[{"username": "t", "password": "new"}])
    outcome, session = run(task, [Reply(stored("*****", "*****")), UPDATED])
    assert outcome.changed
    assert sent(session).find("servers/set/Server/password").text == "new"


def test_always_resends_masked_secrets_on_every_run_without_reporting_a_change():
    task = desired(oauth2_record=OAUTH, update_password="always")
    outcome, session = run(task, [Reply(stored("*****")), UPDATED])
    assert not outcome.changed
    assert session.operations[-1] == "update/webappauthrecord"
    assert sent(session).find("oauth2Record/password").text == "other"


def test_always_in_check_mode_writes_nothing():
    task = desired(oauth2_record=OAUTH, update_password="always")
    outcome, session = run(task, [Reply(stored("*****"))], check_mode=True)
    assert not outcome.changed and len(session.requests) == 1


def test_always_compares_secrets_the_server_shows_in_clear():
    task = desired(oauth2_record=OAUTH, update_password="always")
    outcome, session = run(task, [Reply(stored("s3cret")), UPDATED])
    assert outcome.changed
    assert sent(session).find("oauth2Record/password").text == "other"


def test_always_with_equal_clear_secrets_costs_one_search():
    task = desired(oauth2_record=dict(OAUTH, password="s3cret"), update_password="always")
    outcome, session = run(task, [Reply(stored("s3cret"))])
    assert not outcome.changed and len(session.requests) == 1


def test_a_record_as_module_options_has_no_read_only_value_and_no_secret():
    state = RESOURCE.normalise({})
    state.update(
        name="Login",
        oauth2_record={"username": "u", "password": "s3cret", "scope": "read"},
        servers=[{"username": "s", "password": "s3cret"}],
    )
    options = RESOURCE.as_options(state)
    assert "id" not in options and "owner" not in options
    assert options["oauth2_record"] == {"username": "u", "password": None, "scope": "read"}
    assert options["servers"] == [{"username": "s", "password": None}]


# Validation and prediction --------------------------------------------------------------------------------------


def needs_hours_with_cancel(desired):
    if desired.get("cancel") and desired.get("cancel_after_n_hours") is None:
        return "cancel needs cancel_after_n_hours"
    return None


RULED = Resource(
    SCAN_SCHEDULE,
    return_key="schedule",
    fields=[Field("name", Text()), Field("cancel", Text()), Field("cancel_after_n_hours", Integer(1, 24))],
    detail_elements=["cancel"],
    rules=[needs_hours_with_cancel],
)


def test_validation_reports_the_option_path():
    with pytest.raises(ValidationError, match="cancel_after_n_hours must be from 1 to 24, got 25"):
        RULED.validate({"name": "x", "cancel": None, "cancel_after_n_hours": 25})


def test_cross_field_rules_are_part_of_validation():
    with pytest.raises(ValidationError, match="cancel needs cancel_after_n_hours"):
        RULED.validate({"name": "x", "cancel": "yes", "cancel_after_n_hours": None})
    RULED.validate({"name": "x", "cancel": "yes", "cancel_after_n_hours": 2})


def test_what_the_server_stamps_on_a_write_is_not_predicted():
    stamped = stored().replace(
        b"</WebAppAuthRecord>",
        b"<updatedDate>2030-01-01T10:00:00Z</updatedDate><updatedBy><id>5</id></updatedBy>" b"</WebAppAuthRecord>",
    )
    outcome, session = run(desired(name="Login", comments=["new"]), [Reply(stamped)], check_mode=True)
    assert outcome.before["updated_date"] == "2030-01-01T10:00:00Z" and outcome.before["updated_by"]["id"] == 5
    assert outcome.after["updated_date"] is None and outcome.after["updated_by"] is None
