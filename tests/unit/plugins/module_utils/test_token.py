# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Token authentication: one token per task, renewed once when refused, never shown."""

from __future__ import annotations

import json

import pytest
import requests

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.connection import PLATFORMS, connection_settings
from ansible_collections.qualys.was.plugins.module_utils.endpoints import OPTION_PROFILE
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.token import TokenSource, gateway_url
from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import (
    FakeSession,
    Reply,
    data_file,
    id_response,
    run_module,
    service_response,
)

SECRET = "not-a-real-client-secret-9043"
GATEWAY = "https://gateway.example.test"
EMPTY = service_response("OptionProfile", [])


def token(value: str) -> Reply:
    return Reply(value.encode())


def make_client(replies, retries=3, sleep=lambda seconds: None):
    session = FakeSession(replies)
    settings = ConnectionSettings(
        "https://qualysapi.example.test",
        None,
        None,
        retries=retries,
        auth_method="oidc",
        client_id="client-1",
        client_secret=SECRET,
        gateway_url=GATEWAY,
    )
    return QualysClient(settings, session=session, sleep=sleep), session


def bearer(request) -> str:
    return request.headers.get("Authorization", "")


def test_one_token_is_fetched_for_the_task_and_sent_with_every_call():
    client, session = make_client([token("jwt-1\n"), Reply(EMPTY), Reply(EMPTY)])
    client.search(OPTION_PROFILE)
    client.search(OPTION_PROFILE)
    fetch = session.requests[0]
    assert (fetch.method, fetch.url, fetch.body) == ("POST", GATEWAY + "/auth/oidc", None)
    assert fetch.headers["clientId"] == "client-1" and fetch.headers["clientSecret"] == SECRET
    assert fetch.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert [bearer(request) for request in session.requests[1:]] == ["Bearer jwt-1", "Bearer jwt-1"]
    assert all(request.headers["request-source"] == "gateway" for request in session.requests[1:])
    assert session.auth is None, "no password may travel with a token"
    assert dict(client.calls_by_operation) == {"auth/oidc": 1, "search/optionprofile": 2}


@pytest.mark.parametrize(
    "refusal",
    [Reply(b"", status=401), Reply(data_file("samples", "error-auth-jupiterone-1.xml"))],
    ids=["HTTP 401", "INVALID_CREDENTIALS"],
)
def test_a_refused_token_is_renewed_once_and_the_call_repeated(refusal):
    client, session = make_client([token("jwt-1"), Reply(EMPTY), refusal, token("jwt-2"), Reply(EMPTY)])
    client.search(OPTION_PROFILE)
    client.search(OPTION_PROFILE)
    assert session.operations == [
        "auth/oidc",
        "search/optionprofile",
        "search/optionprofile",
        "auth/oidc",
        "search/optionprofile",
    ]
    assert bearer(session.requests[-1]) == "Bearer jwt-2"


def test_a_write_refused_for_its_token_is_repeated_since_the_server_ran_nothing():
    client, session = make_client([token("jwt-1"), Reply(b"", status=401), token("jwt-2"), Reply(id_response("X", 7))])
    client.update(OPTION_PROFILE, 7, {"name": "x"})
    assert session.operations[-1] == "update/optionprofile" and bearer(session.requests[-1]) == "Bearer jwt-2"


def test_a_new_token_that_is_refused_too_fails_the_call():
    client, session = make_client([token("jwt-1"), Reply(b"", status=401), token("jwt-2"), Reply(b"", status=401)])
    with pytest.raises(QualysApiError) as failure:
        client.search(OPTION_PROFILE)
    assert failure.value.http_status == 401
    assert session.operations.count("auth/oidc") == 2


def test_a_refused_client_fails_with_the_services_words_and_never_the_secret():
    refusal = Reply(("Invalid client credentials for %s" % SECRET).encode(), status=401)
    client, session = make_client([refusal])
    with pytest.raises(QualysApiError) as failure:
        client.search(OPTION_PROFILE)
    text = str(failure.value)
    assert "get a token" in text and "HTTP 401" in text and "client-1" in text
    assert "Invalid client credentials for <client_secret>" in text
    assert SECRET not in text
    assert session.operations == ["auth/oidc"], "no QPS call without a token"


def test_the_token_call_is_repeated_after_a_server_error_or_a_lost_connection():
    lost = Reply(raises=requests.exceptions.ConnectionError("connection reset"))
    client, session = make_client([Reply(b"", status=503), lost, token("jwt-1"), Reply(EMPTY)])
    client.search(OPTION_PROFILE)
    assert session.operations == ["auth/oidc"] * 3 + ["search/optionprofile"]


@pytest.mark.parametrize("asked, slept", [("60", [60.0, 60.0]), ("3600", [])])
def test_waiting_for_the_token_service_is_bounded_in_total(asked, slept):
    limited = Reply(b"", status=429, headers={"Retry-After": asked})
    waits = []
    client, session = make_client([limited] * 6, retries=10, sleep=waits.append)
    with pytest.raises(QualysApiError, match="get a token.*HTTP 429"):
        client.search(OPTION_PROFILE)
    assert waits == slept and session.operations == ["auth/oidc"] * (len(slept) + 1)


def test_calls_that_find_the_token_refused_together_fetch_one_new_token():
    answers = iter(["jwt-1", "jwt-2", "jwt-3"])

    def send(method, url, headers):
        return Reply(next(answers).encode())

    source = TokenSource(send, GATEWAY, "client-1", SECRET)
    first = source.current()
    assert source.renew(first) == "jwt-2"
    assert source.renew(first) == "jwt-2", "a second call that used the old token takes the new one"
    assert source.current() == "jwt-2"


@pytest.mark.parametrize(
    "platform, gateway",
    [
        ("US1", "https://gateway.qg1.apps.qualys.com"),
        ("US2", "https://gateway.qg2.apps.qualys.com"),
        ("EU1", "https://gateway.qg1.apps.qualys.eu"),
        ("EU3", "https://gateway.qg3.apps.qualys.it"),
        ("KSA1", "https://gateway.qg1.apps.qualysksa.com"),
    ],
)
def test_the_gateway_is_derived_from_the_platform_as_qualys_integrations_derive_it(platform, gateway):
    assert gateway_url(PLATFORMS[platform]) == gateway


def test_a_private_cloud_gateway_and_one_that_cannot_be_told():
    assert gateway_url("https://qualysapi.bank.example:8443/") == "https://qualysgateway.bank.example:8443"
    with pytest.raises(ValidationError, match="set gateway_url"):
        gateway_url("http://127.0.0.1:18443")


def settings_for(**params):
    base = {
        "api_url": "https://qualysapi.qg2.apps.qualys.com",
        "validate_certs": True,
        "timeout": 30,
        "retries": 3,
        "auth_method": "oidc",
    }
    return connection_settings(dict(base, **params), environ={})


def test_oidc_needs_a_client_and_never_carries_a_password():
    with pytest.raises(ValidationError, match="client_id is required with auth_method oidc.*QUALYS_CLIENT_ID"):
        settings_for(username="u", password="p")
    settings = settings_for(client_id="c", client_secret=SECRET, username="u", password="p")
    assert (settings.username, settings.password) == (None, None)
    assert settings.gateway_url == "https://gateway.qg2.apps.qualys.com"
    assert settings_for(client_id="c", client_secret="s", gateway_url="http://gw/").gateway_url == "http://gw"


def test_a_module_takes_the_token_flow_from_the_environment_and_shows_no_secret(monkeypatch, capsys):
    for variable, value in {
        "QUALYS_API_URL": "http://127.0.0.1:9",
        "QUALYS_GATEWAY_URL": GATEWAY,
        "QUALYS_AUTH_METHOD": "oidc",
        "QUALYS_CLIENT_ID": "client-1",
        "QUALYS_CLIENT_SECRET": SECRET,
    }.items():
        monkeypatch.setenv(variable, value)
    result, session = run_module(
        was_option_profile.main,
        {"name": "Gentle", "performance": "low"},
        [token("jwt-secret-token-1"), Reply(b"", status=401), token("jwt-secret-token-2"), Reply(b"", status=401)],
        monkeypatch,
        capsys,
    )
    assert result["failed"] and result["http_status"] == 401
    assert result["api_calls"] == 4
    text = json.dumps(result)
    assert SECRET not in text and "jwt-secret-token" not in text
