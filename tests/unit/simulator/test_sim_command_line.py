# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``python -m tests.simulator``: the announcement line, options, HTTPS with a generated CA, clean stops."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient, criteria

COLLECTION_ROOT = Path(__file__).resolve().parents[3]
ANNOUNCEMENT = re.compile(r"^listening on (https?)://127\.0\.0\.1:(\d+)\n$")
NON_DEFAULT_SETTINGS = {
    "search_shape": "full",
    "last_day_order": 5,
    "scheduling_update": "replace",
    "past_start_date": "accept",
    "name_whitespace": "keep",
    "profile_names": "shared",
    "profile_defaults": "alternate",
    "latency": 0.01,
}


class Running:
    """A simulator process; ``line`` is the first line it printed."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.line = process.stdout.readline()

    @property
    def url(self) -> str:
        scheme, port = ANNOUNCEMENT.match(self.line).groups()
        return f"{scheme}://127.0.0.1:{port}"

    def stop(self, signal_number=signal.SIGTERM) -> int:
        self.process.send_signal(signal_number)
        return self.process.wait(timeout=10)


def _kill_if_running(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()


@pytest.fixture(name="running")
def running_fixture():
    """Starts ``python -m tests.simulator`` processes; whatever a test leaves running is killed after it."""
    with contextlib.ExitStack() as stack:

        def start(*arguments: str, env=None) -> Running:
            command = [sys.executable, "-m", "tests.simulator", *arguments]
            process = stack.enter_context(
                subprocess.Popen(
                    command,
                    cwd=COLLECTION_ROOT,
                    env={**os.environ, **(env or {})},
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
            stack.callback(_kill_if_running, process)  # runs before Popen's own exit, which waits for it
            return Running(process)

        yield start


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_announces_serves_and_stops_cleanly(running, signal_number):
    simulator = running("--port", "0", "--now", "2017-06-13T10:52:07Z")

    assert ANNOUNCEMENT.match(simulator.line), simulator.line
    client = SimClient(simulator.url)
    assert client.control("GET", "clock")[1]["now"].startswith("2017-06-13")
    assert client.get("optionprofile", 1071133).code == "SUCCESS"
    assert simulator.stop(signal_number) == 0


def test_port_from_environment(running):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]

    simulator = running(env={"SIM_PORT": str(free_port)})

    assert simulator.line == f"listening on http://127.0.0.1:{free_port}\n"


def test_tls_with_generated_ca(running, tmp_path):
    ca_file = tmp_path / "ca.pem"
    simulator = running("--port", "0", "--tls", "--ca-out", str(ca_file), "--empty-shape", "a")
    assert simulator.url.startswith("https://")

    trusting = SimClient(simulator.url, context=ssl.create_default_context(cafile=str(ca_file)))
    assert trusting.get("webapp", 4331923).code == "SUCCESS"
    assert trusting.control("GET", "settings")[1]["empty_shape"] == "a"

    with pytest.raises(ssl.SSLCertVerificationError):
        SimClient(simulator.url, context=ssl.create_default_context()).get("webapp", 4331923)
    assert simulator.stop() == 0


def test_limits_from_the_command_line(running):
    simulator = running("--port", "0", "--rate-limit", "7", "--rate-window", "30", "--concurrency-limit", "3")

    headers = SimClient(simulator.url).search("webapp").headers

    assert (headers["X-RateLimit-Limit"], headers["X-RateLimit-Window-Sec"], headers["X-Concurrency-Limit-Limit"]) == (
        "7", "30", "3"
    )  # fmt: skip


def test_scan_settings_from_the_command_line(running):
    simulator = running(
        "--port=0", "--scan-concurrency=2", "--scan-good-results=FINISHED", "--scan-multi-launch=per_web_app"
    )

    settings = SimClient(simulator.url).control("GET", "settings")[1]

    assert (settings["scan_concurrency"], settings["scan_good_results"], settings["scan_multi_launch"]) == (
        2, "FINISHED", "per_web_app"
    )  # fmt: skip
    assert simulator.stop() == 0


def test_bad_fixture_is_a_clear_error(running, tmp_path):
    broken = tmp_path / "fixture.json"
    broken.write_text('{"Spaceship": []}', encoding="utf-8")

    simulator = running("--port", "0", "--fixture", str(broken))

    assert simulator.process.wait(timeout=10) == 2
    assert "unknown kind 'Spaceship'" in simulator.process.stderr.read()


def test_settings_from_the_command_line(running):
    simulator = running(
        "--port=0",
        "--search-shape=full",
        "--last-day-order=5",
        "--scheduling-update=replace",
        "--past-start-date=accept",
        "--name-whitespace=keep",
        "--profile-names=shared",
        "--profile-defaults=alternate",
        "--latency=0.01",
    )

    settings = SimClient(simulator.url).control("GET", "settings")[1]

    assert {name: settings[name] for name in NON_DEFAULT_SETTINGS} == NON_DEFAULT_SETTINGS
    assert simulator.stop() == 0


def test_a_negative_day_order_is_a_value_not_an_option(running):
    simulator = running("--port", "0", "--last-day-order", "-1")

    assert SimClient(simulator.url).control("GET", "settings")[1]["last_day_order"] == -1


@pytest.mark.parametrize("option", ["--search-shape=verbose", "--last-day-order=4", "--latency=soon"])
def test_bad_setting_is_a_clear_error(running, option):
    simulator = running("--port", "0", option)

    assert simulator.process.wait(timeout=10) == 2
    assert option.split("=")[0] in simulator.process.stderr.read()


def test_access_log_shows_the_criteria(running):
    simulator = running("--port", "0", "--access-log")
    client = SimClient(simulator.url)
    client.search("wasscanschedule", criteria("name", "EQUALS", "Demo Shop weekly scan"))
    client.get("webapp", 4331925)

    assert simulator.stop() == 0
    lines = simulator.process.stderr.read().splitlines()
    assert lines[0].endswith("criteria: name EQUALS 'Demo Shop weekly scan'"), lines
    assert "/qps/rest/3.0/get/was/webapp/4331925" in lines[1] and "criteria" not in lines[1], lines
