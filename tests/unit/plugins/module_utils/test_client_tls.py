# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""validate_certs and ca_path over a real TLS connection, against the simulator's generated CA."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.endpoints import WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError

# The simulator is controller tooling that needs Python 3.9 or later; the client itself is tested on 3.8 elsewhere.
pytest.importorskip("zoneinfo")


@pytest.fixture(scope="module", name="tls_simulator")
def tls_simulator_fixture(tmp_path_factory):
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    running = start_simulator(port=0, tls=True, ca_out=ca_file)
    yield running.url, str(ca_file)
    running.stop()


def search_web_app(url, **settings):
    client = QualysClient(ConnectionSettings(url, "reader", "reader-pass", retries=0, **settings))
    return client.search(WEB_APP, [Criterion("id", "EQUALS", 4331923)])


def test_a_given_ca_bundle_verifies_the_server(tls_simulator, monkeypatch):
    url, ca_file = tls_simulator
    # The machine's own bundle must not be what makes this pass (requests prefers it to a session setting).
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca-bundle.crt")
    assert [record["id"] for record in search_web_app(url, ca_path=ca_file)] == ["4331923"]


def test_an_unknown_certificate_is_refused_by_default(tls_simulator):
    url, _ca_file = tls_simulator
    with pytest.raises(QualysApiError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        search_web_app(url)


def test_verification_can_be_turned_off_for_a_test_server(tls_simulator):
    url, _ca_file = tls_simulator
    assert len(search_web_app(url, validate_certs=False)) == 1
