# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bare documents read piece by piece (streaming.py) and through the client's download, retried as reads."""

from __future__ import annotations

import pytest
import requests
import xmltodict

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import SCAN
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.plugins.module_utils.streaming import parse_stream
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, data_file, error_response

DOWNLOAD = data_file("samples", "wasscan-download-jupiterone-1.xml")  # REAL, scan 5170635


def pieces(body, size):
    return [body[start : start + size] for start in range(0, len(body), size)]


def test_a_bare_record_reads_as_xmltodict_reads_it_whatever_the_chunks():
    whole = xmltodict.parse(DOWNLOAD)["WasScan"]
    for size in (1, 7, 4096, len(DOWNLOAD)):
        page = parse_stream(pieces(DOWNLOAD, size), "WasScan", {})
        assert page.succeeded and page.count == 1
        assert page.records == [whole]


def test_streamed_children_go_to_their_callback_and_skipped_elements_are_not_read():
    items = []
    page = parse_stream([DOWNLOAD], "WasScan", {"igs/list": items.append}, skipped=["options", "igs/list/*/data"])
    record = page.records[0]
    assert [item["qid"] for item in items] == ["6", "150111", "45038"]
    assert all("data" not in item for item in items)
    assert items[0]["sslData"]["ip"] == "64.41.200.236"
    assert record["igs"] == {"count": "3", "list": None}
    assert "options" not in record
    assert record["summary"] == {"resultsStatus": "NO_WEB_SERVICE", "authStatus": "NONE"}


def test_a_service_response_is_read_as_one_with_its_record_streamed_alike():
    wrapped = (
        b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><data><WasScan><id>7</id>"
        b"<vulns><count>2</count><list><WasScanVuln><qid>1</qid></WasScanVuln><WasScanVuln><qid>2</qid>"
        b"</WasScanVuln></list></vulns></WasScan></data></ServiceResponse>"
    )
    items = []
    page = parse_stream([wrapped], "WasScan", {"vulns/list": items.append})
    assert page.succeeded
    assert page.records == [{"id": "7", "vulns": {"count": "2", "list": None}}]
    assert items == [{"qid": "1"}, {"qid": "2"}]

    refused = parse_stream([error_response("INVALID_REQUEST", "Scan results are not available yet.")], "WasScan", {})
    assert (refused.succeeded, refused.response_code, refused.error_message) == (
        False,
        "INVALID_REQUEST",
        "Scan results are not available yet.",
    )


@pytest.mark.parametrize(
    "body, words",
    [
        (b"", "empty body"),
        (b"<html><head><title>Bad Gateway</title></head></html>", "HTML page instead of XML (Bad Gateway)"),
        (b"upstream connect error", "text instead of XML"),
        (b"<WasScan><id>1</id>", "malformed XML"),
        (b"<WebApp><id>1</id></WebApp>", "neither a WasScan nor a ServiceResponse"),
    ],
)
def test_bodies_that_are_not_the_document_fail_clearly(body, words):
    with pytest.raises(QualysApiError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_stream([body], "WasScan", {})


def test_entities_a_document_declares_are_never_expanded():
    hostile = b'<?xml version="1.0"?><!DOCTYPE WasScan [<!ENTITY boom "BOOM">]><WasScan><name>&boom;</name></WasScan>'
    page = parse_stream([hostile], "WasScan", {})
    assert "BOOM" not in repr(page.records)


def make_client(replies):
    session = FakeSession(replies)
    client = QualysClient(ConnectionSettings("https://qualys.example.test", "u", "p"), session=session, sleep=[].append)
    return client, session


def test_download_is_a_get_read_as_it_arrives_and_counted():
    client, session = make_client([Reply(DOWNLOAD)])
    items = []
    record = client.download(SCAN, 5170635, lambda: {"igs/list": items.append})
    assert [(r.method, r.url) for r in session.requests] == [
        ("GET", "https://qualys.example.test/qps/rest/3.0/download/was/wasscan/5170635")
    ]
    assert record["id"] == "5170635" and len(items) == 3
    assert client.calls_by_operation == {"download/wasscan": 1}


class BrokenOff:
    """A body whose connection drops after its first bytes."""

    def __iter__(self):
        yield DOWNLOAD[:2000]
        raise requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")


def test_a_download_that_breaks_off_is_read_again_from_the_start():
    client, session = make_client([Reply(chunks=BrokenOff()), Reply(b"garbled <WasScan"), Reply(DOWNLOAD)])
    attempts = []

    def start():
        attempts.append([])
        return {"igs/list": attempts[-1].append}

    record = client.download(SCAN, 5170635, start)
    assert record["id"] == "5170635"
    assert len(attempts) == 3 and len(attempts[-1]) == 3
    assert client.calls == 3


def test_a_refused_download_fails_with_the_servers_words_and_is_not_repeated():
    client, session = make_client([Reply(error_response("INVALID_REQUEST", "Scan results are not available yet."))])
    with pytest.raises(QualysApiError) as caught:
        client.download(SCAN, 9, lambda: {})
    assert caught.value.response_code == "INVALID_REQUEST"
    assert "download scan id 9" in str(caught.value) and "not available yet" in str(caught.value)
    assert client.calls == 1
