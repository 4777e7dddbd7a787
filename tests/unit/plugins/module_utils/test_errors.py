# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.errors import (
    QualysApiError,
    QualysError,
    ValidationError,
    cannot_connect,
)

REFUSED = QualysApiError(
    "the server refused the request",
    "update option profile",
    "id 12",
    http_status=200,
    response_code="INVALID_REQUEST",
    error_message="Name is too long.",
    error_resolution="Use a shorter name.",
)


def test_a_failure_says_what_was_attempted_and_keeps_the_servers_words_in_order():
    assert str(REFUSED) == (
        "Qualys API call failed: update option profile id 12; HTTP 200; responseCode INVALID_REQUEST; "
        "Name is too long.; resolution: Use a shorter name."
    )


def test_without_the_servers_words_the_reason_is_told():
    assert str(QualysApiError("ReadTimeout: read timed out", "search tag")) == (
        "Qualys API call failed: search tag; ReadTimeout: read timed out"
    )
    assert str(QualysApiError("no answer")) == "Qualys API call failed; no answer"


def test_a_hint_comes_last():
    failure = QualysApiError("HTTP error 401", "search tag", http_status=401, hint="Check the password.")
    assert str(failure) == "Qualys API call failed: search tag; HTTP 401; HTTP error 401. Check the password."


def test_a_failure_told_for_the_target_is_a_copy_and_leaves_the_original_as_it_was():
    relabelled = REFUSED.for_target("update", "option profile 'Web' (id 12)")
    assert str(relabelled).startswith("Qualys API call failed: update option profile 'Web' (id 12); HTTP 200;")
    assert (REFUSED.operation, REFUSED.target) == ("update option profile", "id 12")
    assert relabelled.as_result() == REFUSED.as_result()


def test_the_result_fields_let_a_playbook_branch_on_the_servers_code():
    assert REFUSED.as_result() == {
        "http_status": 200,
        "response_code": "INVALID_REQUEST",
        "error_message": "Name is too long.",
        "error_resolution": "Use a shorter name.",
    }


def test_every_error_of_the_collection_is_a_qualys_error():
    assert issubclass(ValidationError, QualysError) and isinstance(REFUSED, QualysError)
    assert not REFUSED.ambiguous


@pytest.mark.parametrize(
    "failure, told, check",
    [
        ("refused", "the connection was refused: nothing listens on that host and port", "Check api_url or platform"),
        ("unresolved", "the host name 'qualysapi.qg9.example.test' does not resolve (DNS)", "any proxy (HTTPS_PROXY)"),
        ("timeout", "nothing answered the connection within 30 s", "the timeout option sets the wait"),
        ("unreachable", "no connection could be made", "firewall between this host and Qualys"),
        ("proxy", "no connection to the proxy could be made", "Check the HTTPS_PROXY, HTTP_PROXY and NO_PROXY"),
        ("tls", "the TLS connection failed, which is never retried", "Check ca_path and validate_certs"),
    ],
)
def test_a_connection_not_made_says_where_what_failed_how_often_and_what_to_check(failure, told, check):
    url = "https://qualysapi.qg9.example.test/qps/rest/3.0/search/was/webapp"
    reason = cannot_connect(failure, url, 4, 30, "ConnectionError: the library's words")
    assert reason.startswith("could not connect to %s: %s, after 4 tries. " % (url, told))
    assert check in reason and reason.endswith(". ConnectionError: the library's words")


def test_one_try_is_one_try():
    assert ", after 1 try. " in cannot_connect("refused", "http://[::1]:8443/qps", 1, 30, "words")
