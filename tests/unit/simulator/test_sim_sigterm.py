# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``python -m tests.simulator`` stops, with status 0, when stop signals come in a burst after a playbook's calls.

A SIGTERM to the process group and another to the process itself, close together, once hung the simulator until
SIGKILL: its signal handler, interrupted by the next signal inside ``threading.Event.set()``, waited for the Event's
lock held by itself; and a signal that came as it exited, once Python had restored the default action, killed it
(status -15). The windows are microseconds wide, so the test sends many signals, many times."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
from contextlib import closing
from typing import Union
from urllib.parse import urlsplit

from ansible_collections.qualys.was.tests.unit.simulator.builders import schedule
from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient, criteria

# pytest finds the fixture by its name in this module's namespace.
from ansible_collections.qualys.was.tests.unit.simulator.test_sim_command_line import (  # pylint: disable=unused-import
    running_fixture,
)

RUNS = 16  # without the fix about one run in six failed: it hung, or a later SIGTERM killed it as it exited
STOP_SIGNALS = 40  # a process group's SIGTERM, the process's own, and more to widen the race's window
STOP_WITHIN = 5  # seconds


class KeepAlive:
    """One connection reused for every call, as the collection's client does."""

    def __init__(self, url: str) -> None:
        self.client = SimClient(url)
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    def call(self, operation: str, obj: str, object_id=None, body: str = "") -> str:
        path = f"/qps/rest/3.0/{operation}/was/{obj}" + (f"/{object_id}" if object_id is not None else "")
        self.connection.request("POST", path, body=body.encode(), headers=self.client.headers())
        reply = self.connection.getresponse().read().decode()
        assert "<responseCode>SUCCESS</responseCode>" in reply, reply
        return reply

    def schedule_lifecycle(self) -> None:
        by_name = f"<ServiceRequest><filters>{criteria('name', 'EQUALS', 'Nightly')}</filters></ServiceRequest>"
        self.call("search", "wasscanschedule", body=by_name)
        self.call("search", "optionprofile", body="<ServiceRequest></ServiceRequest>")
        created = self.call(
            "create", "wasscanschedule", body=f"<ServiceRequest><data>{schedule('Nightly')}</data></ServiceRequest>"
        )
        schedule_id = created.split("<id>", 1)[1].split("</id>", 1)[0]
        self.call("search", "wasscanschedule", body=by_name)
        renamed = "<ServiceRequest><data><WasScanSchedule><name>Weekly</name></WasScanSchedule></data></ServiceRequest>"
        self.call("update", "wasscanschedule", schedule_id, body=renamed)
        self.call("delete", "wasscanschedule", schedule_id)


def _serve_then_stop(simulator) -> Union[int, str]:
    session = KeepAlive(simulator.url)
    session.schedule_lifecycle()
    address = (session.connection.host, session.connection.port)
    # The session stays open too: the collection's client keeps its connection until the playbook ends.
    idle, half_sent = socket.create_connection(address), socket.create_connection(address)
    with closing(session.connection), idle, half_sent:
        idle.sendall(b"GET /_sim/clock HTTP/1.1\r\nHost: simulator\r\n\r\n")
        assert idle.recv(65536).startswith(b"HTTP/1.1 200")  # and then left open
        half_sent.sendall(b"POST /qps/rest/3.0/search/was/webapp HTTP/1.1\r\nContent-Length: 500\r\n\r\n<Serv")
        for _signal in range(STOP_SIGNALS):
            simulator.process.send_signal(signal.SIGTERM)
        try:
            return simulator.process.wait(timeout=STOP_WITHIN)
        except subprocess.TimeoutExpired:
            return f"still running {STOP_WITHIN} s after SIGTERM"


def test_stops_on_a_burst_of_sigterm_after_a_playbook(running):
    statuses = [_serve_then_stop(running("--port", "0")) for _run in range(RUNS)]

    assert statuses == [0] * RUNS
