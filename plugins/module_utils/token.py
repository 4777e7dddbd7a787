# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Token authentication: a JWT from the Qualys gateway's ``/auth/oidc``, sent as ``Authorization: Bearer``.

Shapes as Qualys documents them (WAS API "Qualys User Account"; "Generate Token for User Level Client") and as
its own Jenkins WAS plugin sends them: a POST without a body, the client id and secret in the ``clientId`` and
``clientSecret`` headers, the token as the whole response body, valid for four hours.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Callable, Dict, Optional
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, ValidationError

TOKEN_PATH = "/auth/oidc"
# Qualys's Jenkins plugin adds this to every call it authenticates with a token.
TOKEN_CALL_HEADERS = {"request-source": "gateway"}
ATTEMPTED = "get a token"
# A refusal's body is quoted in the failure, cut short: it is an error text, not a payload.
QUOTED_BODY = 200


def gateway_url(api_url: str) -> str:
    """The gateway of the platform whose API server is ``api_url``, derived as the Jenkins plugin derives it:
    ``qualysapi.qualys.com`` and ``qualysapi.qualys.eu`` are the qg1 gateways, other shared platforms swap
    ``qualysapi.`` for ``gateway.``, private cloud platforms for ``qualysgateway.``."""
    parts = urlsplit(api_url)
    host = parts.hostname or ""
    if "gateway" in host:
        return api_url.rstrip("/")
    if not host.startswith("qualysapi."):
        raise ValidationError(
            "cannot tell the token gateway of %s (its host does not start with 'qualysapi.'): set gateway_url" % api_url
        )
    if host in ("qualysapi.qualys.com", "qualysapi.qualys.eu"):
        gateway = "gateway.qg1.apps." + host[len("qualysapi.") :]
    elif re.match(r"qualysapi\.(qg[1-9]\.)?apps\.qualys", host) or host.endswith("qualys.com"):
        gateway = "gateway." + host[len("qualysapi.") :]
    else:
        gateway = "qualysgateway." + host[len("qualysapi.") :]
    netloc = gateway if parts.port is None else "%s:%d" % (gateway, parts.port)
    return urlunsplit((parts.scheme, netloc, "", "", "")).rstrip("/")


class TokenSource:
    """One token per task: fetched by the first call, shared by every call and thread of the task, and fetched
    again only when a call finds it refused (``renew``)."""

    def __init__(
        self,
        send: Callable[..., Any],
        url: str,
        client_id: str,
        client_secret: str,
    ) -> None:
        self._send = send
        self._url = url.rstrip("/") + TOKEN_PATH
        self._client_id = client_id
        self._client_secret = client_secret
        self._token: Optional[str] = None
        self._lock = threading.Lock()

    def current(self) -> str:
        with self._lock:
            if self._token is None:
                self._token = self._fetch()
            return self._token

    def renew(self, refused: str) -> str:
        """A token to use instead of ``refused``: a new one, unless another call has already replaced it."""
        with self._lock:
            if self._token in (None, refused):
                self._token = self._fetch()
            return self._token

    def headers(self, token: str) -> Dict[str, str]:
        return dict(TOKEN_CALL_HEADERS, Authorization="Bearer " + token)

    def _fetch(self) -> str:
        headers = {
            "clientId": self._client_id,
            "clientSecret": self._client_secret,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "*/*",
        }
        response = self._send("POST", self._url, headers)
        token = response.content.decode("utf-8", "replace").strip()
        if 200 <= response.status_code < 300 and token:
            return token
        if 200 <= response.status_code < 300:
            raise QualysApiError("the token service at %s answered without a token" % self._url, ATTEMPTED)
        # The refusal's own words, cut short, and never the secret should a service echo it.
        quoted = token.replace(self._client_secret, "<client_secret>")[:QUOTED_BODY]
        reason = "the token service at %s refused client id %s" % (self._url, self._client_id)
        raise QualysApiError(
            reason,
            ATTEMPTED,
            http_status=response.status_code,
            error_message="%s: %s" % (reason, quoted) if quoted else None,
            hint="Check client_id and client_secret: those of a user-level client made in WAS under My Profile > "
            "Auth ID Client Management",
        )
