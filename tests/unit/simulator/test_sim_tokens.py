# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Token authentication: /auth/oidc issues tokens to the fixture's clients; QPS calls take them until they expire."""

from __future__ import annotations

import base64
import json
import time

import pytest

ADMIN_CLIENT = {"clientId": "admin-client", "clientSecret": "fixture-secret-client-admin"}
READER_CLIENT = {"clientId": "reader-client", "clientSecret": "fixture-secret-client-reader"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def token_for(api, client=None):
    reply = api.request("POST", "/auth/oidc", headers=dict(FORM, **(client or ADMIN_CLIENT)))
    assert reply.status == 200, reply.body
    return reply.body.decode()


def bearer(token):
    return {"Authorization": "Bearer " + token, "Content-Type": "text/xml", "request-source": "gateway"}


def search(api, token):
    body = b"<ServiceRequest><preferences><limitResults>1</limitResults></preferences></ServiceRequest>"
    return api.request("POST", "/qps/rest/3.0/search/was/optionprofile", body, bearer(token))


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_client_gets_a_jwt_as_the_whole_body_and_calls_with_it(api):
    reply = api.request("POST", "/auth/oidc", headers=dict(FORM, **ADMIN_CLIENT))
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/plain")
    token = reply.body.decode()
    assert token.count(".") == 2 and claims(token)["sub"] == "admin"
    assert claims(token)["exp"] - claims(token)["iat"] == 4 * 3600, "Qualys documents four hours"
    answer = search(api, token)
    assert (answer.status, answer.code) == (200, "SUCCESS")
    assert api.control("GET", "stats")[1]["by_call"] == {"auth/oidc": 1, "search/optionprofile": 1}


def test_a_token_carries_its_users_permissions(api):
    token = token_for(api, READER_CLIENT)
    body = b"<ServiceRequest><data><OptionProfile><name>x</name></OptionProfile></data></ServiceRequest>"
    reply = api.request("POST", "/qps/rest/3.0/create/was/optionprofile", body, bearer(token))
    assert reply.code == "UNAUTHORIZED"


@pytest.mark.parametrize(
    "headers",
    [
        {"clientId": "admin-client", "clientSecret": "wrong"},
        {"clientId": "nobody", "clientSecret": "fixture-secret-client-admin"},
        {"clientId": "admin-client"},
        {},
    ],
)
def test_a_wrong_or_missing_client_is_refused_with_401(api, headers):
    reply = api.request("POST", "/auth/oidc", headers=dict(FORM, **headers))
    assert reply.status == 401
    assert b"fixture-secret" not in reply.body


def test_only_post_issues_tokens(api):
    assert api.request("GET", "/auth/oidc", headers=ADMIN_CLIENT).status == 405


def test_an_unknown_token_gets_401_with_the_invalid_credentials_body(api):
    reply = search(api, "not.a.token")
    assert (reply.status, reply.code) == (401, "INVALID_CREDENTIALS")


def test_a_token_expires_after_the_lifetime_setting_and_is_answered_per_expired_token(api):
    api.control("POST", "settings", {"token_lifetime": 0.3})
    token = token_for(api)
    assert search(api, token).code == "SUCCESS"
    time.sleep(0.4)
    assert (search(api, token).status, search(api, token).code) == (401, "INVALID_CREDENTIALS")
    api.control("POST", "settings", {"expired_token": "invalid_credentials"})
    token = token_for(api)
    time.sleep(0.4)
    assert (search(api, token).status, search(api, token).code) == (200, "INVALID_CREDENTIALS")


def test_a_reset_forgets_every_token(api):
    token = token_for(api)
    api.control("POST", "reset")
    assert search(api, token).status == 401


def test_basic_authentication_still_works_beside_tokens(api):
    assert api.search("optionprofile").code == "SUCCESS"


@pytest.mark.parametrize("value", [0, -1, True, "long"])
def test_the_lifetime_must_be_a_positive_number(api, value):
    status, answer = api.control("POST", "settings", {"token_lifetime": value})
    assert status == 400 and "token_lifetime" in answer["error"]
