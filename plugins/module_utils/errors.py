# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Exceptions raised by the engine; the runner turns each into one ``fail_json``."""

from __future__ import annotations

import copy
from typing import Optional
from urllib.parse import urlsplit


class QualysError(Exception):
    """Base class: the message is safe to show (it never carries credentials)."""


class ValidationError(QualysError):
    """The task asked for something the API would refuse; raised before any API call."""


class QualysApiError(QualysError):
    """A call failed: transport error, HTTP error or a non-SUCCESS ``responseCode``.

    ``operation`` and ``target`` say what was attempted (``update``, ``option profile 'Web' (id 12)``);
    the other attributes keep the server's own words.
    """

    def __init__(
        self,
        reason: str,
        operation: str = "",
        target: str = "",
        http_status: Optional[int] = None,
        response_code: Optional[str] = None,
        error_message: Optional[str] = None,
        error_resolution: Optional[str] = None,
        ambiguous: bool = False,
        hint: Optional[str] = None,
    ) -> None:
        self.reason = reason
        self.operation = operation
        self.target = target
        self.http_status = http_status
        self.response_code = response_code
        self.error_message = error_message
        self.error_resolution = error_resolution
        # True when a write may or may not have been carried out (timeout, 5xx): the caller must look
        # before it tries again.
        self.ambiguous = ambiguous
        # What the user can do about it, when the collection knows more than the server said.
        self.hint = hint
        super().__init__(reason)

    def __str__(self) -> str:
        attempted = " ".join(part for part in (self.operation, self.target) if part)
        parts = ["Qualys API call failed" + (": " + attempted if attempted else "")]
        if self.http_status is not None:
            parts.append("HTTP %s" % self.http_status)
        if self.response_code:
            parts.append("responseCode %s" % self.response_code)
        parts.append(self.error_message or self.reason)
        if self.error_resolution:
            parts.append("resolution: %s" % self.error_resolution)
        message = "; ".join(parts)
        return "%s. %s" % (message, self.hint) if self.hint else message

    def for_target(self, operation: str, target: str) -> "QualysApiError":
        """The same failure, told in terms of the resource the task manages."""
        relabelled = copy.copy(self)
        relabelled.operation, relabelled.target = operation, target
        return relabelled

    def as_result(self) -> dict:
        """Fields for ``fail_json`` so that playbooks can branch on the server's code."""
        return {
            "http_status": self.http_status,
            "response_code": self.response_code,
            "error_message": self.error_message,
            "error_resolution": self.error_resolution,
        }


# How a connection to the API failed, as the transport tells it apart, and what a user can do about each.
_CHECK_ADDRESS = "Check api_url or platform, and any proxy (HTTPS_PROXY) or firewall between this host and Qualys."
_CONNECT_FAILURES = {
    "refused": ("the connection was refused: nothing listens on that host and port", _CHECK_ADDRESS),
    "unresolved": ("the host name %(host)r does not resolve (DNS)", _CHECK_ADDRESS),
    "timeout": (
        "nothing answered the connection within %(timeout)s s",
        "Check api_url or platform, the proxy (HTTPS_PROXY) and the firewall; the timeout option sets the wait.",
    ),
    "unreachable": ("no connection could be made", _CHECK_ADDRESS),
    "proxy": (
        "no connection to the proxy could be made",
        "Check the HTTPS_PROXY, HTTP_PROXY and NO_PROXY variables of the host that runs the module, and the firewall"
        " between it and the proxy.",
    ),
    "tls": (
        "the TLS connection failed, which is never retried",
        "Check ca_path and validate_certs; a proxy that inspects TLS needs its CA in ca_path.",
    ),
}


def cannot_connect(failure: str, url: str, tries: int, timeout: float, words: str) -> str:
    """The reason of a call that reached no server: the URL, what failed, the tries, what to check, then ``words``
    (the transport library's own message, for those who need it)."""
    what, check = _CONNECT_FAILURES[failure]
    host = urlsplit(url).hostname
    return "could not connect to %s: %s, after %d %s. %s %s" % (
        url,
        what % {"host": host, "timeout": timeout},
        tries,
        "try" if tries == 1 else "tries",
        check,
        words,
    )
