# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""validate_certs and ca_path over a real TLS connection, against the simulator's generated CA."""

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args

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


def test_an_unknown_certificate_is_refused_by_default_and_told_as_a_tls_failure(tls_simulator):
    url, _ca_file = tls_simulator
    with pytest.raises(QualysApiError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed") as failure:
        search_web_app(url)
    assert (
        "could not connect to %s/qps/rest/3.0/search/was/webapp: the TLS connection failed, which is never"
        " retried, after 1 try. Check ca_path and validate_certs" % url
    ) in str(failure.value)
    assert "SSLError: " in str(failure.value)


def test_verification_can_be_turned_off_for_a_test_server(tls_simulator):
    url, _ca_file = tls_simulator
    assert len(search_web_app(url, validate_certs=False)) == 1


# The same through a module, with its own defaults: verifying is what a task gets without asking for it.


def run_module_over_tls(url, capsys, **options):
    """Run a module against the real TLS simulator; returns its JSON result."""
    from ansible_collections.qualys.was.plugins.modules import (  # pylint: disable=import-outside-toplevel
        was_option_profile,
    )

    task = dict(api_url=url, username="admin", password="admin-pass", name="No such profile", state="absent")
    with patch_module_args(dict(task, **options)):
        with pytest.raises(SystemExit):
            was_option_profile.main()
    return json.loads(capsys.readouterr().out)


@pytest.fixture(name="no_ca_from_the_environment")
def no_ca_from_the_environment_fixture(monkeypatch):
    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "QUALYS_VALIDATE_CERTS", "QUALYS_CA_PATH"):
        monkeypatch.delenv(variable, raising=False)


@pytest.mark.usefixtures("no_ca_from_the_environment")
def test_a_module_without_ca_path_refuses_the_unknown_certificate(tls_simulator, capsys):
    url, _ca_file = tls_simulator
    result = run_module_over_tls(url, capsys)
    assert result.get("failed") is True, result
    assert "CERTIFICATE_VERIFY_FAILED" in result["msg"] or "certificate verify failed" in result["msg"]


@pytest.mark.usefixtures("no_ca_from_the_environment")
def test_a_module_with_ca_path_verifies_the_server(tls_simulator, capsys):
    url, ca_file = tls_simulator
    result = run_module_over_tls(url, capsys, ca_path=ca_file)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False and result["api_calls"] == 1
