# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import http.client
import socket
from xml.etree import ElementTree

import pytest
import requests
import urllib3

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.endpoints import OPTION_PROFILE, REPORT, SCAN_SCHEDULE, TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.tests.unit.fakes import (
    FakeSession,
    Reply,
    data_file,
    error_response,
    id_response,
    service_response,
)

PASSWORD = "not-a-real-password-7731"


def make_client(replies, retries=3):
    session = FakeSession(replies)
    slept = []
    settings = ConnectionSettings("https://qualys.example.test/", "api-user", PASSWORD, retries=retries)
    return QualysClient(settings, session=session, sleep=slept.append), session, slept


def profiles(*ids):
    return ["<id>%d</id><name>P%d</name>" % (record_id, record_id) for record_id in ids]


def test_urls_methods_and_headers():
    client, session, slept = make_client([Reply(service_response("Tag", [])), Reply(id_response("WasScanSchedule", 5))])
    client.search(TAG, [Criterion("name", "EQUALS", "x")])
    client.act("activate", SCAN_SCHEDULE, 5)
    assert [(r.method, r.url) for r in session.requests] == [
        ("POST", "https://qualys.example.test/qps/rest/2.0/search/am/tag"),
        ("POST", "https://qualys.example.test/qps/rest/3.0/activate/was/wasscanschedule/5"),
    ]
    assert session.auth == ("api-user", PASSWORD)
    assert session.headers["Content-Type"] == "text/xml"


def test_search_follows_pages_with_the_last_id_and_counts_each_call():
    client, session, slept = make_client(
        [
            Reply(service_response("OptionProfile", profiles(1, 2), has_more=True, last_id=2)),
            Reply(service_response("OptionProfile", profiles(3), has_more=False)),
        ]
    )
    records = client.search(OPTION_PROFILE, [Criterion("name", "CONTAINS", "P")], verbose=True)
    assert [record["id"] for record in records] == ["1", "2", "3"]
    second = ElementTree.fromstring(session.requests[1].body)
    criteria = [(c.get("field"), c.get("operator"), c.text) for c in second.findall("filters/Criteria")]
    assert criteria == [("name", "CONTAINS", "P"), ("id", "GREATER", "2")]
    assert second.find("preferences/limitResults").text == "1000"
    assert second.find("preferences/verbose").text == "true"
    assert client.calls == 2
    assert dict(client.calls_by_operation) == {"search/optionprofile": 2}


def test_an_empty_page_that_claims_more_ends_the_search():
    client, session, slept = make_client([Reply(service_response("OptionProfile", [], has_more=True, last_id=9))])
    assert client.search(OPTION_PROFILE) == []
    assert client.calls == 1


def test_reads_are_repeated_after_server_errors_and_timeouts():
    client, session, slept = make_client(
        [
            Reply(b"", status=503),
            Reply(raises=requests.exceptions.ReadTimeout("read timed out")),
            Reply(service_response("OptionProfile", profiles(1))),
        ]
    )
    assert len(client.search(OPTION_PROFILE)) == 1
    assert client.calls == 3
    # exponential back-off from 0.5 s, with jitter of ±50 %
    assert 0.25 <= slept[0] <= 0.75 and 0.5 <= slept[1] <= 1.5


@pytest.mark.parametrize(
    "garbled",
    [Reply(b""), Reply(b"<html><title>Maintenance</title></html>"), Reply(b"<ServiceResponse><responseCode>SUC")],
    ids=["empty", "html", "truncated"],
)
def test_a_read_answered_200_with_a_body_that_is_not_a_service_response_is_repeated(garbled):
    client, session, slept = make_client([garbled, Reply(service_response("OptionProfile", profiles(1)))])
    assert len(client.search(OPTION_PROFILE)) == 1 and client.calls == 2


def test_a_write_answered_200_with_a_garbled_body_is_not_repeated_and_its_outcome_is_unknown():
    client, session, slept = make_client([Reply(b"")])
    with pytest.raises(QualysApiError) as failure:
        client.create(OPTION_PROFILE, {"name": "x"})
    assert failure.value.ambiguous and client.calls == 1


def test_a_concurrency_refusal_that_asks_no_wait_is_backed_off_and_not_counted_against_retries():
    refused = Reply(b"", status=409, headers={"X-RateLimit-ToWait-Sec": "0"})
    client, session, slept = make_client([refused] * 5 + [Reply(id_response("OptionProfile", 4))], retries=1)
    client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert client.calls == 6
    assert all(wait > 0 for wait in slept) and slept[-1] > slept[0]


def test_certificate_errors_are_never_repeated():
    client, session, slept = make_client([Reply(raises=requests.exceptions.SSLError("certificate verify failed"))])
    with pytest.raises(QualysApiError, match="certificate verify failed") as failure:
        client.search(OPTION_PROFILE)
    assert client.calls == 1 and slept == [] and not failure.value.ambiguous


def test_a_write_that_could_not_connect_was_never_sent_and_is_repeated():
    refused = requests.exceptions.ConnectTimeout("connect timed out")
    client, session, slept = make_client([Reply(raises=refused), Reply(id_response("OptionProfile", 4))])
    client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert client.calls == 2


def test_limit_answers_are_waited_out_as_the_server_asks_for_writes_too():
    client, session, slept = make_client(
        [
            Reply(b"", status=409, headers={"X-RateLimit-ToWait-Sec": "7"}),
            Reply(b"", status=429, headers={"Retry-After": "3"}),
            Reply(id_response("OptionProfile", 4)),
        ]
    )
    client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert slept == [7.0, 3.0]


def test_waiting_is_bounded():
    client, session, slept = make_client([Reply(b"", status=409, headers={"X-RateLimit-ToWait-Sec": "3600"})])
    with pytest.raises(
        QualysApiError, match="gave up after 1 calls: waiting 3600 s more would exceed 120 s"
    ) as failure:
        client.search(OPTION_PROFILE)
    assert failure.value.http_status == 409 and slept == []


def test_retries_are_bounded():
    client, session, slept = make_client([Reply(b"", status=502)] * 3, retries=2)
    with pytest.raises(QualysApiError) as failure:
        client.search(OPTION_PROFILE)
    assert failure.value.http_status == 502 and client.calls == 3


@pytest.mark.parametrize(
    "reply",
    [Reply(b"", status=500), Reply(raises=requests.exceptions.ReadTimeout("read timed out"))],
)
def test_a_write_whose_outcome_is_unknown_is_not_repeated(reply):
    client, session, slept = make_client([reply])
    with pytest.raises(QualysApiError) as failure:
        client.create(OPTION_PROFILE, {"name": "x"})
    assert failure.value.ambiguous and client.calls == 1


def test_a_refusal_in_an_http_200_body_keeps_the_servers_words():
    client, session, slept = make_client(
        [Reply(error_response("INVALID_REQUEST", "Option profile with name 'x' already exists.", "Use another name."))]
    )
    with pytest.raises(QualysApiError) as failure:
        client.create(OPTION_PROFILE, {"name": "x"})
    error = failure.value
    assert (error.http_status, error.response_code, error.ambiguous) == (200, "INVALID_REQUEST", False)
    assert str(error) == (
        "Qualys API call failed: create option profile; HTTP 200; responseCode INVALID_REQUEST; "
        "Option profile with name 'x' already exists.; resolution: Use another name."
    )


def test_bad_credentials_are_reported_with_the_recorded_answer_and_never_the_password():
    client, session, slept = make_client([Reply(data_file("samples", "error-auth-jupiterone-1.xml"))])
    with pytest.raises(QualysApiError) as failure:
        client.search(OPTION_PROFILE)
    assert failure.value.response_code == "INVALID_CREDENTIALS"
    assert "Verify both, user and password credentials." in str(failure.value)
    assert PASSWORD not in str(failure.value)


def test_http_errors_keep_a_service_response_body_when_there_is_one():
    client, session, slept = make_client(
        [Reply(error_response("UNAUTHORIZED", "Not authorized to update OptionProfile."), status=403)]
    )
    with pytest.raises(QualysApiError) as failure:
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert (failure.value.http_status, failure.value.response_code) == (403, "UNAUTHORIZED")


def test_an_html_error_page_is_named_as_such():
    page = b"<html><head><title>Service Unavailable</title></head><body>down</body></html>"
    client, session, slept = make_client([Reply(page, status=503)], retries=0)
    with pytest.raises(QualysApiError, match="HTML page instead of XML \\(Service Unavailable\\)"):
        client.search(OPTION_PROFILE)


@pytest.mark.parametrize(
    "validate_certs, ca_path, verify",
    [(True, "/tmp/ca.pem", "/tmp/ca.pem"), (True, None, True), (False, "/tmp/ca.pem", False)],
)
def test_certificate_settings_go_with_every_request(validate_certs, ca_path, verify, monkeypatch):
    # requests prefers these variables to a session-level setting; a per-request one must win over them.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    session = FakeSession([Reply(service_response("Tag", []))])
    settings = ConnectionSettings("https://h", "u", "p", validate_certs=validate_certs, ca_path=ca_path)
    QualysClient(settings, session=session).search(TAG)
    assert session.requests[0].verify == verify


def test_limit_waits_that_add_up_past_the_bound_end_the_call():
    # A tenant answering 409 with 60 s waits: each wait alone is within the bound, their sum is not.
    limited = Reply(b"", status=409, headers={"X-RateLimit-ToWait-Sec": "60"})
    client, session, slept = make_client([limited] * 6)
    with pytest.raises(QualysApiError, match="gave up after 3 calls: waiting 60 s more would exceed 120 s"):
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert slept == [60.0, 60.0] and client.calls == 3


def test_back_off_waits_stay_within_the_bound_in_total():
    refused = Reply(b"", status=409, headers={"X-RateLimit-ToWait-Sec": "0"})
    client, session, slept = make_client([refused] * 60)
    with pytest.raises(QualysApiError, match="gave up after"):
        client.search(OPTION_PROFILE)
    assert 0 < sum(slept) <= 120 and len(slept) > 5 and session.replies


def broken_after_sending():
    """What requests raises when the server closed the connection after the request went out."""
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError(
            "Connection aborted.", http.client.RemoteDisconnected("Remote end closed connection without response")
        )
    )


@pytest.mark.parametrize("write", ["create", "update"])
def test_a_write_whose_connection_broke_after_it_was_sent_is_not_resent(write):
    client, session, slept = make_client([Reply(raises=broken_after_sending()), Reply(id_response("OptionProfile", 4))])
    with pytest.raises(QualysApiError, match="Connection aborted") as failure:
        if write == "create":
            client.create(OPTION_PROFILE, {"name": "x"})
        else:
            client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert failure.value.ambiguous and client.calls == 1


def test_a_read_whose_connection_broke_is_repeated():
    client, session, slept = make_client(
        [Reply(raises=broken_after_sending()), Reply(service_response("OptionProfile", profiles(1)))]
    )
    assert len(client.search(OPTION_PROFILE)) == 1 and client.calls == 2


# Connections that cannot be made: real failures of requests, on this machine only ---------------------------


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch):
    # requests would send these tests' calls to a proxy named in the environment: they must fail here, on this host.
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(name="closed_port")
def closed_port_fixture():
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def real_client(url, retries=2):
    return QualysClient(ConnectionSettings(url, "api-user", PASSWORD, retries=retries, timeout=5), sleep=lambda s: None)


def failure_of(call):
    """The exception ``call`` raises, as the transport raised it."""
    with pytest.raises(requests.exceptions.RequestException) as raised:
        call()
    return raised.value


def test_a_refused_connection_says_so_with_the_url_the_tries_and_what_to_check(closed_port):
    url = "http://127.0.0.1:%d" % closed_port
    client = real_client(url)
    with pytest.raises(QualysApiError) as failure:
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    message = str(failure.value)
    assert message.startswith(
        "Qualys API call failed: update option profile id 4; could not connect to "
        "%s/qps/rest/3.0/update/was/optionprofile/4: the connection was refused: nothing listens on that host and"
        " port, after 3 tries. Check api_url or platform, and any proxy (HTTPS_PROXY) or firewall" % url
    )
    # the library's own words follow, for those who need them
    assert "ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=%d)" % closed_port in message
    assert not failure.value.ambiguous and client.calls == 3 and PASSWORD not in message


def test_a_write_refused_at_connect_time_never_reached_qualys_and_is_sent_again(closed_port):
    refused = failure_of(lambda: requests.post("http://127.0.0.1:%d/qps" % closed_port, timeout=5))
    client, session, slept = make_client([Reply(raises=refused), Reply(id_response("OptionProfile", 4))])
    client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert client.calls == 2 and session.operations == ["update/optionprofile"] * 2


def test_a_host_name_that_does_not_resolve_is_named_and_a_write_is_sent_again(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    client = real_client("https://qualysapi.qg9.example.test", retries=1)
    with pytest.raises(QualysApiError) as failure:
        client.create(OPTION_PROFILE, {"name": "x"})
    message = str(failure.value)
    assert "https://qualysapi.qg9.example.test/qps/rest/3.0/create/was/optionprofile" in message
    assert "the host name 'qualysapi.qg9.example.test' does not resolve (DNS), after 2 tries. Check api_url" in message
    assert not failure.value.ambiguous and client.calls == 2


def test_a_connection_that_times_out_says_how_long_it_waited(monkeypatch):
    def silent(*args, **kwargs):
        raise socket.timeout("timed out")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", silent)
    client = real_client("https://qualysapi.example.test", retries=0)
    with pytest.raises(QualysApiError) as failure:
        client.search(OPTION_PROFILE)
    message = str(failure.value)
    assert "nothing answered the connection within 5 s, after 1 try. Check api_url or platform, the proxy" in message
    assert "ConnectTimeout: " in message


def test_a_proxy_that_cannot_be_reached_is_named_and_a_write_is_sent_again(closed_port, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:%d" % closed_port)
    client = real_client("https://qualysapi.example.test", retries=1)
    with pytest.raises(QualysApiError) as failure:
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    message = str(failure.value)
    assert "no connection to the proxy could be made, after 2 tries. Check the HTTPS_PROXY" in message
    assert "ProxyError: " in message and not failure.value.ambiguous and client.calls == 2


def test_a_proxy_failure_after_the_request_went_out_is_not_taken_for_one_before_it():
    # urllib3 1 wraps any failure of a call through a proxy so, a connection broken after sending included.
    broken = urllib3.exceptions.ProxyError("Cannot connect to proxy.", http.client.RemoteDisconnected("closed"))
    exc = requests.exceptions.ProxyError(urllib3.exceptions.MaxRetryError(None, "/qps", broken))
    client, session, slept = make_client([Reply(raises=exc), Reply(id_response("OptionProfile", 4))])
    with pytest.raises(QualysApiError) as failure:
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert failure.value.ambiguous and client.calls == 1


def test_a_connection_that_cannot_be_made_for_another_reason_is_not_taken_for_a_refusal(monkeypatch):
    def no_route(*args, **kwargs):
        raise OSError(113, "No route to host")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", no_route)
    client = real_client("https://qualysapi.example.test", retries=1)
    with pytest.raises(QualysApiError) as failure:
        client.update(OPTION_PROFILE, 4, {"name": "x"})
    assert "no connection could be made, after 2 tries" in str(failure.value)
    assert "No route to host" in str(failure.value) and not failure.value.ambiguous


# Against the simulator: a connection it closes after the request arrived ------------------------------------


@pytest.fixture(scope="module", name="simulator")
def simulator_fixture():
    pytest.importorskip("zoneinfo")  # the simulator is controller tooling that needs Python 3.9 or later
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    running = start_simulator(port=0)
    yield running
    running.stop()


def dropped(simulator, operation, execute):
    """A client of the simulator whose next ``operation`` of an option profile loses its connection."""
    requests.post(simulator.url + "/_sim/reset", timeout=5).raise_for_status()
    fault = {"kind": "disconnect", "match": operation + "/optionprofile", "execute": execute}
    requests.post(simulator.url + "/_sim/faults", json=fault, timeout=5).raise_for_status()
    return QualysClient(ConnectionSettings(simulator.url, "admin", "admin-pass"), sleep=lambda s: None)


def server_calls(simulator, call):
    return requests.get(simulator.url + "/_sim/stats", timeout=5).json()["by_call"].get(call, 0)


@pytest.mark.parametrize("execute", [False, True], ids=["not run", "run"])
@pytest.mark.parametrize("operation", ["create", "update"])
def test_a_write_whose_connection_the_server_closed_is_sent_once(simulator, operation, execute):
    client = dropped(simulator, operation, execute)
    with pytest.raises(QualysApiError, match="Connection aborted") as failure:
        if operation == "create":
            client.create(OPTION_PROFILE, {"name": "Dropped"})
        else:
            client.update(OPTION_PROFILE, 1071133, {"name": "Dropped"})
    assert failure.value.ambiguous
    assert server_calls(simulator, operation + "/optionprofile") == 1


def test_a_read_whose_connection_the_server_closed_is_repeated(simulator):
    client = dropped(simulator, "search", False)
    assert client.search(OPTION_PROFILE, [Criterion("id", "EQUALS", 1071133)])
    assert server_calls(simulator, "search/optionprofile") == 2


def test_a_cursor_that_does_not_move_ends_the_search():
    client, session, slept = make_client(
        [
            Reply(service_response("OptionProfile", profiles(1, 2), has_more=True, last_id=2)),
            Reply(service_response("OptionProfile", profiles(2), has_more=True, last_id=2)),
        ]
    )
    assert [record["id"] for record in client.search(OPTION_PROFILE)] == ["1", "2", "2"]
    assert client.calls == 2


@pytest.mark.parametrize(
    "failing",
    [
        Reply(b"", status=503),
        Reply(b"<html><title>Maintenance</title></html>"),
        Reply(raises=requests.exceptions.ReadTimeout("read timed out")),
        Reply(raises=requests.exceptions.ConnectTimeout("connect timed out")),
    ],
    ids=["503", "garbled", "read timeout", "connect timeout"],
)
def test_every_kind_of_failed_read_counts_against_the_retries(failing):
    client, session, slept = make_client([failing] * 4, retries=2)
    with pytest.raises(QualysApiError):
        client.search(OPTION_PROFILE)
    assert client.calls == 3 and len(slept) == 2


# A file downloaded as it is (download/was/report/<id>) --------------------------------------------------------


def collected():
    """A writer factory that keeps what each attempt wrote."""
    attempts = []

    def writer():
        attempts.append(b"")
        return lambda piece: attempts.__setitem__(-1, attempts[-1] + piece)

    return writer, attempts


def test_a_file_is_passed_on_as_it_arrives_whatever_its_bytes():
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 600 + b"\n%%EOF\n"
    client, session, slept = make_client([Reply(pdf)])
    writer, attempts = collected()
    client.download_file(REPORT, 8001, writer)
    assert attempts == [pdf] and session.requests[0].method == "GET"
    assert session.requests[0].url.endswith("/qps/rest/3.0/download/was/report/8001")


def test_an_xml_report_is_a_file_but_a_service_response_in_its_place_is_a_refusal_and_nothing_is_written():
    xml = b'<?xml version="1.0" encoding="UTF-8"?>\n<WAS_WEBAPP_REPORT><HEADER/></WAS_WEBAPP_REPORT>'
    refusal = error_response("INVALID_REQUEST", "Report 8001 is not yet complete.", "Wait until it is COMPLETE.")
    client, session, slept = make_client([Reply(xml), Reply(refusal)])
    writer, attempts = collected()
    client.download_file(REPORT, 8001, writer)
    with pytest.raises(QualysApiError) as failure:
        client.download_file(REPORT, 8001, writer)
    assert attempts == [xml]
    assert failure.value.response_code == "INVALID_REQUEST" and "not yet complete" in str(failure.value)


def test_a_download_that_breaks_off_starts_again_from_the_first_byte():
    def broken():
        yield b"%PDF-1.4 first half" + b"." * 1000
        raise requests.exceptions.ChunkedEncodingError("connection broken")

    client, session, slept = make_client([Reply(chunks=broken()), Reply(b"%PDF-1.4 whole")])
    writer, attempts = collected()
    client.download_file(REPORT, 8001, writer)
    assert attempts == [b"%PDF-1.4 first half" + b"." * 1000, b"%PDF-1.4 whole"] and client.calls == 2


def test_an_empty_file_is_a_failed_read():
    client, session, slept = make_client([Reply(b"")] * 2, retries=1)
    writer, attempts = collected()
    with pytest.raises(QualysApiError, match="empty body where a file was expected"):
        client.download_file(REPORT, 8001, writer)
    assert attempts == [] and client.calls == 2
