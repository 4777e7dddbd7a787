# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The HTTP(S) front: a threaded standard-library server handing each request to the application."""

from __future__ import annotations

import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import urlsplit

from .app import Application
from .exchange import HttpRequest


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the collection's client reuses its connection
    # Headers and body leave in two writes; without this, delayed ACKs add 40 ms to every answer.
    disable_nagle_algorithm = True
    server_version = "QualysWasSimulator"
    timeout = 60  # seconds a connection may stay silent before its thread gives up

    server: "SimulatorServer"

    def setup(self) -> None:
        # The TLS handshake runs here, in the connection's own thread, not in the accepting one.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = HttpRequest(
            method=self.command,
            path=urlsplit(self.path).path,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            base_url=f"{self.server.scheme}://{self.headers.get('Host') or self.server.address}",
        )
        response = self.server.application.handle(request)
        self._log_note = response.log_note
        if response.dropped:
            self.log_request("dropped")
            self.close_connection = True
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    _log_note = ""  # what the application adds to this request's access-log line (the criteria sent)

    def log_request(self, code="-", size="-") -> None:
        note = f" {self._log_note}" if self._log_note else ""
        self.log_message('"%s" %s %s%s', self.requestline, str(code), str(size), note)

    def log_message(self, format, *args) -> None:  # pylint: disable=redefined-builtin
        if self.server.access_log:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 resets connections when many clients start at once

    def __init__(
        self, host: str, port: int, application: Application, tls: Optional[ssl.SSLContext], access_log: bool
    ) -> None:
        super().__init__((host, port), _Handler)
        self.application = application
        self.access_log = access_log
        self.scheme = "https" if tls else "http"
        if tls:
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    @property
    def address(self) -> str:
        host, port = self.server_address[:2]
        return f"{host}:{port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.address}"

    def handle_error(self, request, client_address) -> None:
        # Clients that drop the connection or refuse the certificate are part of what is being tested.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)

    def serve_in_background(self) -> threading.Thread:
        # A short poll interval makes shutdown() return promptly; it costs nothing measurable when idle.
        thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="qualys-was-simulator", daemon=True
        )
        thread.start()
        return thread
