# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Exceptions raised by the engine; the runner turns each into one ``fail_json``."""

from __future__ import annotations

import copy
from typing import Optional


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
