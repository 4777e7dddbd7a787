# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The comparison rules, one normalisation case per row."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ansible_collections.qualys.was.plugins.module_utils.endpoints import TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Boolean,
    Choice,
    DateTime,
    Field,
    Group,
    Integer,
    Items,
    Text,
    camel,
    changed_options,
    check_create_values,
    mask_secrets,
    merge_values,
)
from ansible_collections.qualys.was.plugins.module_utils.references import Ref

DAY_ORDER = Choice("first", "second", "third", "fourth", "last", read_as={"1": "first", "-1": "last", "5": "last"})
WEEKDAYS = Items(Choice("monday", "saturday", "sunday"), item="WeekDay", wrapper=None)
TAGS = Items(Ref(TAG), item="Tag")
COMMENTS = Items(Text(), item="Comment", key="contents")


@pytest.mark.parametrize(
    "kind, raw, expected",
    [
        (Text(), "\n    Weekly scan  \n", "Weekly scan"),  # pretty-printed CDATA
        (Text(), None, None),
        (Integer(), "20", 20),
        (Integer(), None, None),
        (Boolean(), "true", True),
        (Boolean(), "false", False),
        (Boolean(), "True", True),
        (Choice("low", "medium"), "MEDIUM", "medium"),
        (DAY_ORDER, "1", "first"),
        (DAY_ORDER, "-1", "last"),
        (DAY_ORDER, "5", "last"),
        (DAY_ORDER, "LAST", "last"),
        (WEEKDAYS, {"WeekDay": "SATURDAY"}, ["saturday"]),
        (WEEKDAYS, {"WeekDay": ["SUNDAY", "MONDAY"]}, ["sunday", "monday"]),
        (TAGS, {"count": "0"}, []),
        (TAGS, {"count": "1", "list": {"Tag": {"id": "12017424"}}}, [{"id": 12017424, "name": None}]),
        (
            TAGS,
            {"count": "2", "list": {"Tag": [{"id": "1", "name": "A"}, {"id": "2", "name": "B"}]}},
            [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}],
        ),
        (COMMENTS, {"count": "1", "list": {"Comment": {"contents": "first", "author": {"id": "5"}}}}, ["first"]),
        (
            Group(Field("code", Text()), Field("offset", Text())),
            {"code": "UTC", "offset": "+00:00"},
            {"code": "UTC", "offset": "+00:00"},
        ),
        (Group(Field("code", Text())), None, None),
    ],
)
def test_values_read_from_the_server(kind, raw, expected):
    assert kind.from_wire(raw) == expected


@pytest.mark.parametrize(
    "kind, desired, current",
    [
        (Text(), "A scan starts soon.\n", "A scan starts soon."),  # a YAML block scalar's newline
        (DateTime(), "2017-06-13T21:51:57Z", "2017-06-13T21:51:00Z"),  # stored without seconds
        (DateTime(), "2017-06-13T23:51:57+02:00", "2017-06-13T21:51:00Z"),  # same instant, other offset
        (DateTime(), "2017-06-13T21:51", "2017-06-13T21:51:00Z"),  # no offset means UTC
        (WEEKDAYS, ["saturday", "sunday"], ["sunday", "saturday"]),  # order carries no meaning
        (TAGS, [{"id": 2, "name": "B"}, {"id": 1, "name": None}], [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]),
        (Choice("low"), "low", "low"),
        (Group(Field("a", Integer()), Field("b", Integer())), {"a": 1, "b": None}, {"a": 1, "b": 7}),  # b unmanaged
        (
            Group(Field("code", Text()), Field("offset", Text(), compared=False)),
            {"code": "UTC", "offset": "+01:00"},
            {"code": "UTC", "offset": "+00:00"},
        ),
    ],
)
def test_equal_after_normalisation(kind, desired, current):
    assert not kind.differs(desired, current)


@pytest.mark.parametrize(
    "kind, desired, current",
    [
        (DateTime(), "2017-06-13T21:52:00Z", "2017-06-13T21:51:00Z"),
        (WEEKDAYS, ["saturday"], ["saturday", "sunday"]),
        (Items(Text(), item="EmailAddress", ordered=True), ["a", "b"], ["b", "a"]),
        (TAGS, [], [{"id": 1, "name": "A"}]),  # an empty list given is authoritative
        (Group(Field("a", Integer())), {"a": 1}, None),
        (Integer(), 0, None),
        (Boolean(), False, None),
    ],
)
def test_different_after_normalisation(kind, desired, current):
    assert kind.differs(desired, current)


def test_unset_options_are_unmanaged_and_set_ones_are_compared():
    fields = [
        Field("name", Text()),
        Field("performance", Choice("low", "high")),
        Field("id", Integer(), read_only=True),
    ]
    current = {"name": "P", "performance": "high", "id": 3}
    assert changed_options(fields, {"name": "P", "performance": None, "id": 9}, current) == []
    assert changed_options(fields, {"name": "P", "performance": "low"}, current) == ["performance"]


def test_merge_applies_the_change_and_what_the_server_clears():
    custom = Group(Field("threads", Integer()), Field("delay", Integer()))
    fields = [
        Field("performance", Choice("low"), clears=["custom_performance"]),
        Field("custom_performance", custom, clears=["performance"]),
        Field("start_date", DateTime()),
    ]
    current = {"performance": "low", "custom_performance": None, "start_date": "2030-01-01T10:00:00Z"}
    after = merge_values(
        fields, current, {"custom_performance": {"threads": 5, "delay": None}, "start_date": "2030-01-02T10:00:42Z"}
    )
    assert after == {
        "performance": None,
        "custom_performance": {"threads": 5, "delay": None},
        "start_date": "2030-01-02T10:00:00Z",  # predicted as the server will store it
    }


def test_merge_keeps_what_only_the_server_knows():
    auth = Field("auth_record", Ref(TAG))
    fields = [
        Field("time_zone", Group(Field("code", Text()), Field("offset", Text(), compared=False))),
        auth,
        Field("tags", TAGS),
    ]
    current = {
        "time_zone": {"code": "America/Vancouver", "offset": "-08:00"},
        "auth_record": {"id": 7, "name": "Login"},
        "tags": [{"id": 1, "name": "A"}],
    }
    desired = {
        "time_zone": {"code": "America/Vancouver", "offset": "-07:00"},
        "auth_record": {"id": 7, "name": None},
        "tags": [{"id": 2, "name": "B"}, {"id": 1, "name": None}],
    }
    after = merge_values(fields, current, desired)
    assert after["time_zone"] == {"code": "America/Vancouver", "offset": "-08:00"}  # computed by the server
    assert after["auth_record"] == {"id": 7, "name": "Login"}  # the same object, named as the server names it
    assert after["tags"] == [{"id": 2, "name": "B"}, {"id": 1, "name": "A"}]
    assert merge_values(fields, {}, desired)["time_zone"]["offset"] == "-07:00"  # nothing reported yet
    assert auth.kind.merged({"id": 7, "name": "Login"}, {"id": 8, "name": None}) == {"id": 8, "name": None}
    # a reference the server shows by id alone is predicted so, whatever name the task resolved
    assert Ref(TAG, named=False).merged(None, {"id": 2, "name": "B"}) == {"id": 2, "name": None}
    assert Ref(TAG).merged(None, {"id": 2, "name": "B"}) == {"id": 2, "name": "B"}


def test_wire_form_uses_set_for_collections_and_bare_items_where_the_api_has_no_wrapper():
    assert TAGS.to_wire([{"id": 1, "name": "A"}]) == {"set": {"Tag": [{"id": 1}]}}
    assert WEEKDAYS.to_wire(["saturday"]) == {"WeekDay": ["SATURDAY"]}
    assert COMMENTS.to_wire(["hi"]) == {"set": {"Comment": [{"contents": "hi"}]}}


def test_dotted_wire_paths_skip_levels_the_task_does_not_see():
    field = Field("day_nb_in_month", Group(Field("day_nb", Integer())), wire="monthlyType.occurDayNbInMonth")
    node = {}
    field.write(node, {"day_nb": 3})
    assert node == {"monthlyType": {"occurDayNbInMonth": {"dayNb": 3}}}
    assert field.read(node) == {"day_nb": 3}


@pytest.mark.parametrize(
    "kind, value, message",
    [
        (Integer(1, 10), 11, "threads must be from 1 to 10, got 11"),
        (Integer(1, 10), 0, "threads must be from 1 to 10, got 0"),
        (Integer(minimum=0), -1, "threads must be 0 or more, got -1"),
        (DateTime(), "next tuesday", "threads must be a date-time"),
        (DateTime(), "2030-02-30T10:00:00Z", "threads is not a valid date-time"),
        (TAGS, [True], "threads[0] must be a tag id, a tag name"),
    ],
)
def test_values_the_api_would_refuse_fail_validation(kind, value, message):
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        kind.check(value, "threads")


def test_secrets_are_masked_in_nested_groups_and_lists():
    fields = [
        Field("name", Text()),
        Field(
            "server",
            Items(Group(Field("username", Text()), Field("password", Text(), secret=True)), item="Field"),
        ),
        Field("oauth", Group(Field("client_secret", Text(), secret=True))),
    ]
    values = {
        "name": "n",
        "server": [{"username": "u", "password": "p4ss-word-value"}],
        "oauth": {"client_secret": "s3cret-value"},
    }
    masked = mask_secrets(fields, values, "<hidden>")
    assert masked == {
        "name": "n",
        "server": [{"username": "u", "password": "<hidden>"}],
        "oauth": {"client_secret": "<hidden>"},
    }
    assert values["server"][0]["password"] == "p4ss-word-value"  # the original is untouched


@pytest.mark.parametrize(
    "option, wire", [("num_of_http_threads", "numOfHttpThreads"), ("name", "name"), ("send_one_mail", "sendOneMail")]
)
def test_option_names_map_to_the_apis_camel_case(option, wire):
    assert camel(option) == wire


# Kinds the authentication record and web app brought -----------------------------------------------------------

ENTRY = Group(Field("url", Text(), wire="#text"), Field("regex", Boolean(absent=False), wire="@regex"))
FORM = Group(Field("type", Text()), Field("ssl_only", Boolean()), removed_by=("type", "none"))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("http://a/", {"url": "http://a/", "regex": False}),  # xmltodict gives an element without attributes as text
        ({"@regex": "true", "#text": "a.*"}, {"url": "a.*", "regex": True}),
    ],
)
def test_a_text_element_with_an_attribute_reads_either_way(raw, expected):
    assert ENTRY.from_wire(raw) == expected


def test_an_attribute_the_server_leaves_out_compares_as_its_default():
    assert not ENTRY.differs({"url": "u", "regex": None}, {"url": "u", "regex": False})
    assert ENTRY.to_wire({"url": "u", "regex": True}) == {"#text": "u", "@regex": True}


def test_a_block_removed_by_a_value_matches_its_absence():
    assert FORM.differs({"type": "none", "ssl_only": None}, {"type": "standard", "ssl_only": True})
    assert not FORM.differs({"type": "none", "ssl_only": None}, None)
    assert FORM.merged({"type": "standard"}, {"type": "none"}) is None


def test_read_only_children_of_list_items_are_never_compared():
    servers = Items(Group(Field("id", Integer(), read_only=True), Field("username", Text())), item="Server")
    assert not servers.differs([{"id": None, "username": "s"}], [{"id": 730003, "username": "s"}])


def test_a_list_sent_whole_predicts_the_numbers_of_its_items_unknown_and_a_list_of_references_the_servers_view():
    servers = Items(Group(Field("id", Integer(), read_only=True), Field("username", Text())), item="Server")
    assert servers.numbered and not TAGS.numbered and not COMMENTS.numbered
    held = [{"id": 730003, "username": "s"}]
    assert servers.merged(held, [{"username": "s"}, {"username": "t"}]) == [
        {"id": None, "username": "s"},
        {"id": None, "username": "t"},
    ]
    assert TAGS.merged([{"id": 5, "name": "Staging"}], [{"id": 5}]) == [{"id": 5, "name": "Staging"}]


START = Group(Field("start_date", DateTime(future_on_create=True)), Field("other_date", DateTime()))
NOW = datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("start_date", ["2026-12-04T00:59:59Z", "2026-12-04T01:30:00+01:00"])
def test_a_create_refuses_a_start_that_has_passed_naming_its_path(start_date):
    with pytest.raises(
        ValidationError, match=r"^scheduling\.start_date .* has passed \(it is now 2026-12-04T01:00:00Z\)"
    ):
        check_create_values([Field("scheduling", START)], {"scheduling": {"start_date": start_date}}, NOW)


def test_a_start_to_come_and_dates_without_the_rule_pass_on_create():
    values = {"scheduling": {"start_date": "2026-12-04T01:00:00Z", "other_date": "2017-06-13T21:51:00Z"}}
    check_create_values([Field("scheduling", START)], values, NOW)
