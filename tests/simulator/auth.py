# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP Basic authentication against the fixture's users, and what each user may do."""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Optional

from .errors import QpsError


def bad_credentials() -> QpsError:
    # Worded as sample error-auth-jupiterone-1.
    return QpsError("INVALID_CREDENTIALS", "Authentication failed", "Verify both, user and password credentials.")


@dataclass(frozen=True)
class Caller:
    id: int
    username: str
    permissions: FrozenSet[str]
    # The tag ids whose web apps the user may scan; None: every web app.
    scope_tags: Optional[FrozenSet[int]] = None


@dataclass(frozen=True)
class Account:
    caller: Caller
    password: str
    # The user-level client of token authentication (tokens.py), when the user has one.
    client_id: Optional[str] = None
    client_secret: Optional[str] = None


class Accounts:
    def __init__(self, accounts: Iterable[Account]) -> None:
        self._by_username: Dict[str, Account] = {account.caller.username: account for account in accounts}

    def authenticate(self, authorization: Optional[str]) -> Caller:
        """The caller named by a ``Basic`` Authorization header; a missing or wrong one fails like the service."""
        scheme, separator, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            raise bad_credentials()
        try:
            username, separator, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise bad_credentials() from None
        account = self._by_username.get(username)
        if account is None or not hmac.compare_digest(account.password.encode(), password.encode()):
            raise bad_credentials()
        return account.caller
