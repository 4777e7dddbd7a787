# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The failure every QPS call can end with: a ``ServiceResponse`` carrying a non-SUCCESS ``responseCode``."""

from __future__ import annotations

from typing import Optional


class QpsError(Exception):
    """Raised anywhere while serving a QPS call; answered as an error body, with HTTP 200 like the real service."""

    def __init__(self, code: str, message: str, resolution: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.resolution = resolution


def invalid_request(message: str, resolution: Optional[str] = None) -> QpsError:
    return QpsError("INVALID_REQUEST", message, resolution)


def invalid_xml(message: str, resolution: Optional[str] = None) -> QpsError:
    return QpsError("INVALID_XML", message, resolution)


def not_found(label: str, object_id: int) -> QpsError:
    # WAS has no reliable not-found code: an unknown id is an INVALID_REQUEST worded like this.
    return invalid_request(
        f"{label} with id {object_id} does not exist or is not accessible.",
        f"Specify the id of an existing {label}.",
    )
