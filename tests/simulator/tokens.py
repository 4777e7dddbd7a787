# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Token authentication: ``POST /auth/oidc`` with ``clientId``/``clientSecret`` headers answers a JWT as the whole
body; QPS calls then carry ``Authorization: Bearer <token>`` until it expires (README, "Token authentication")."""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import threading
import time
from typing import Dict, Iterable, Optional, Tuple

from .auth import Account, Caller, bad_credentials
from .errors import QpsError
from .exchange import HttpRequest, HttpResponse

TOKEN_PATH = "/auth/oidc"
TEXT = "text/plain; charset=utf-8"


class TokenRefused(QpsError):
    """An unknown or expired bearer token: the INVALID_CREDENTIALS body, with the HTTP status ``status``."""

    def __init__(self, status: int) -> None:
        error = bad_credentials()
        super().__init__(error.code, error.message, error.resolution)
        self.status = status


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenIssuer:
    def __init__(self, accounts: Iterable[Account]) -> None:
        self._clients: Dict[str, Account] = {account.client_id: account for account in accounts if account.client_id}
        self._lock = threading.Lock()
        self._tokens: Dict[str, Tuple[Caller, float]] = {}  # token -> caller, monotonic expiry

    def reset(self) -> None:
        with self._lock:
            self._tokens.clear()

    def issue(self, request: HttpRequest, lifetime: float) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse(405, b"Method Not Allowed\n", TEXT)
        client_id, secret = request.header("clientId") or "", request.header("clientSecret") or ""
        account = self._clients.get(client_id)
        if account is None or not hmac.compare_digest(account.client_secret.encode(), secret.encode()):
            return HttpResponse(401, b"Authentication failed: invalid clientId or clientSecret\n", TEXT)
        issued = int(time.time())
        claims = {
            "sub": account.caller.username,
            "iat": issued,
            "exp": issued + int(lifetime),
            "jti": secrets.token_hex(8),
        }
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        token = ".".join((header, _b64(json.dumps(claims).encode()), _b64(secrets.token_bytes(32))))
        with self._lock:
            self._tokens[token] = (account.caller, time.monotonic() + lifetime)
        return HttpResponse(200, token.encode(), TEXT)

    def caller(self, token: str, refused_status: int) -> Caller:
        with self._lock:
            known: Optional[Tuple[Caller, float]] = self._tokens.get(token)
            if known is None or time.monotonic() >= known[1]:
                self._tokens.pop(token, None)
                raise TokenRefused(refused_status)
        return known[0]
