# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection options as a module sees them: defaults, environment fallbacks, precedence, refusals."""

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.qualys.was.plugins.module_utils import client
from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import (
    CONNECTION,
    FAKE_PASSWORD,
    FakeSession,
    Reply,
    service_response,
)

ENVIRONMENT = (
    "QUALYS_API_URL",
    "QUALYS_PLATFORM",
    "QUALYS_USERNAME",
    "QUALYS_PASSWORD",
    "QUALYS_VALIDATE_CERTS",
    "QUALYS_CA_PATH",
    "QUALYS_TIMEOUT",
    "QUALYS_RETRIES",
    "QUALYS_AUTH_METHOD",
    "QUALYS_CLIENT_ID",
    "QUALYS_CLIENT_SECRET",
    "QUALYS_GATEWAY_URL",
)
EMPTY = service_response("OptionProfile", [])
# A read answered with a server error is repeated up to `retries` times (a rate limit is waited out regardless).
UNAVAILABLE = Reply(b"", status=503)
TASK_URL = "https://task.example.test"
ENV_URL = "https://env.example.test"
EU1 = "https://qualysapi.qualys.eu"
US2 = "https://qualysapi.qg2.apps.qualys.com"


class RecordingSession(FakeSession):
    """A FakeSession that also records the timeout each request was sent with."""

    def __init__(self, replies):
        super().__init__(replies)
        self.timeouts = []

    def request(self, method, url, data=None, headers=None, timeout=None, verify=True):
        self.timeouts.append(timeout)
        return super().request(method, url, data=data, headers=headers, timeout=timeout, verify=verify)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Only what a test sets: nothing from the machine's environment."""
    for variable in ENVIRONMENT + ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(variable, raising=False)


def run(args, monkeypatch, capsys, replies=None, environ=None):
    """Run a module that looks for a profile to delete, with ``args`` and ``environ``; answers no profile."""
    for variable, value in (environ or {}).items():
        monkeypatch.setenv(variable, value)
    session = RecordingSession(list(replies or [Reply(EMPTY)]))
    monkeypatch.setattr(client.requests, "Session", lambda: session)
    task = dict(args, name="Connection test profile", state="absent")
    with patch_module_args(dict(task, _ansible_check_mode=False, _ansible_diff=False)):
        with pytest.raises(SystemExit):
            was_option_profile.main()
    return json.loads(capsys.readouterr().out), session


def without(*options):
    return {option: value for option, value in CONNECTION.items() if option not in options}


# validate_certs: verifying is the default ------------------------------------------------------------


def test_a_task_that_does_not_set_validate_certs_verifies_the_server(monkeypatch, capsys):
    result, session = run(CONNECTION, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert session.requests[0].verify is True


def test_validate_certs_false_is_what_turns_verification_off(monkeypatch, capsys):
    result, session = run(dict(CONNECTION, validate_certs=False), monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert session.requests[0].verify is False


# Every option against its environment variable ------------------------------------------------------


def user(session):
    return session.auth[0]


def password(session):
    return session.auth[1]


def verify(session):
    return session.requests[0].verify


def timeout(session):
    return session.timeouts[0]


def attempts(session):
    return len(session.requests)


# option, environment variable, (task value, its effect), (environment value, its effect), observation
# The replies answer the first two attempts with a server error, so the number of attempts shows the retries.
OPTIONS = [
    ("username", "QUALYS_USERNAME", ("task-user", "task-user"), ("env-user", "env-user"), user),
    ("password", "QUALYS_PASSWORD", (FAKE_PASSWORD, FAKE_PASSWORD), ("env-" + FAKE_PASSWORD,) * 2, password),
    ("validate_certs", "QUALYS_VALIDATE_CERTS", (True, True), ("false", False), verify),
    ("validate_certs", "QUALYS_VALIDATE_CERTS", (False, False), ("true", True), verify),
    ("ca_path", "QUALYS_CA_PATH", ("{tmp}/task-ca.pem",) * 2, ("{tmp}/env-ca.pem",) * 2, verify),
    ("timeout", "QUALYS_TIMEOUT", (7, 7), ("11", 11), timeout),
    ("retries", "QUALYS_RETRIES", (0, 1), ("1", 2), attempts),
]
OPTION_IDS = ["%s-%s" % (option[0], option[3][0]) for option in OPTIONS]


def replies_for(observation):
    return [UNAVAILABLE, UNAVAILABLE, Reply(EMPTY)] if observation is attempts else [Reply(EMPTY)]


def existing(value, tmp_path):
    """A ``{tmp}/…`` value as an existing file under ``tmp_path`` (a CA bundle must exist); others as they are."""
    if isinstance(value, str) and value.startswith("{tmp}/"):
        path = tmp_path / value[len("{tmp}/") :]
        path.write_text("not a real CA bundle\n")
        return str(path)
    return value


@pytest.mark.parametrize("option, variable, task, environ, observed", OPTIONS, ids=OPTION_IDS)
def test_a_tasks_own_value_wins_over_the_environment(
    option, variable, task, environ, observed, tmp_path, monkeypatch, capsys
):
    args = dict(without(option), **{option: existing(task[0], tmp_path)})
    environ = {variable: existing(environ[0], tmp_path)}
    result, session = run(args, monkeypatch, capsys, replies=replies_for(observed), environ=environ)
    assert observed(session) == existing(task[1], tmp_path)
    if observed is not attempts:
        assert not result.get("failed"), result.get("msg")


@pytest.mark.parametrize("option, variable, task, environ, observed", OPTIONS, ids=OPTION_IDS)
def test_the_environment_is_used_when_the_task_leaves_an_option_out(
    option, variable, task, environ, observed, tmp_path, monkeypatch, capsys
):
    result, session = run(
        without(option),
        monkeypatch,
        capsys,
        replies=replies_for(observed),
        environ={variable: existing(environ[0], tmp_path)},
    )
    # the task's own value would show differently, so the environment's is what was used
    assert existing(task[1], tmp_path) != existing(environ[1], tmp_path)
    assert observed(session) == existing(environ[1], tmp_path)
    if observed is not attempts:
        assert not result.get("failed"), result.get("msg")


def test_without_a_task_value_or_an_environment_variable_the_defaults_apply(monkeypatch, capsys):
    result, session = run(CONNECTION, monkeypatch, capsys)
    assert not result.get("failed"), result.get("msg")
    assert (timeout(session), verify(session)) == (30, True)


# The API server: api_url, platform, QUALYS_API_URL, QUALYS_PLATFORM, highest first -----------------------


@pytest.mark.parametrize(
    "args, environ, server",
    [
        ({"api_url": TASK_URL}, {"QUALYS_API_URL": ENV_URL}, TASK_URL),
        ({"api_url": TASK_URL}, {"QUALYS_PLATFORM": "US2"}, TASK_URL),
        ({"api_url": TASK_URL}, {"QUALYS_API_URL": ENV_URL, "QUALYS_PLATFORM": "US2"}, TASK_URL),
        ({"platform": "EU1"}, {"QUALYS_API_URL": ENV_URL}, EU1),
        ({"platform": "EU1"}, {"QUALYS_PLATFORM": "US2"}, EU1),
        ({"platform": "EU1"}, {"QUALYS_API_URL": ENV_URL, "QUALYS_PLATFORM": "US2"}, EU1),
        ({}, {"QUALYS_API_URL": ENV_URL, "QUALYS_PLATFORM": "US2"}, ENV_URL),
        ({}, {"QUALYS_API_URL": ENV_URL}, ENV_URL),
        ({}, {"QUALYS_PLATFORM": "US2"}, US2),
        ({}, {"QUALYS_PLATFORM": "eu1"}, EU1),
    ],
)
def test_the_api_server_is_chosen_in_the_documented_order(args, environ, server, monkeypatch, capsys):
    result, session = run(dict(without("api_url"), **args), monkeypatch, capsys, environ=environ)
    assert not result.get("failed"), result.get("msg")
    assert session.requests[0].url.startswith(server + "/qps/rest/")


# Invalid connection values: a clear failure before any call --------------------------------------------


@pytest.mark.parametrize(
    "args, environ, words",
    [
        ({"timeout": 0}, {}, ["timeout", "0"]),
        ({"timeout": -5}, {}, ["timeout", "-5"]),
        ({}, {"QUALYS_TIMEOUT": "0"}, ["timeout", "0"]),
        ({}, {"QUALYS_TIMEOUT": "soon"}, ["timeout"]),
        ({"retries": -1}, {}, ["retries", "-1"]),
        ({}, {"QUALYS_RETRIES": "-2"}, ["retries", "-2"]),
        ({}, {"QUALYS_VALIDATE_CERTS": "perhaps"}, ["validate_certs"]),
        ({"api_url": None, "platform": "ZZ9"}, {}, ["platform", "ZZ9"]),
        ({"api_url": None}, {"QUALYS_PLATFORM": "ZZ9"}, ["QUALYS_PLATFORM", "ZZ9"]),
        ({"api_url": None}, {}, ["api_url", "platform"]),
        ({"platform": "US1"}, {}, ["api_url", "platform"]),
    ],
)
def test_invalid_connection_values_fail_clearly_before_any_call(args, environ, words, monkeypatch, capsys):
    task = dict(CONNECTION, **args)
    task = {option: value for option, value in task.items() if value is not None}
    result, session = run(task, monkeypatch, capsys, environ=environ)
    assert result.get("failed") is True, result
    for word in words:
        assert word in result["msg"]
    assert session.requests == []
    assert result.get("api_calls", 0) == 0
