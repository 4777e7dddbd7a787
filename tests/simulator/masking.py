# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Secrets returned as ``*****`` to users without the view-secret permissions (seed 003, sample 1)."""

from __future__ import annotations

import re
from typing import Any, Dict

from . import permissions
from .schema import Mask

MASK = "*****"

# A Selenese ``type`` command row: the third cell holds what is typed, i.e. a user name or a password.
_TYPE_ROW = re.compile(
    r"(<tr[^>]*>\s*<td[^>]*>\s*type\s*</td>\s*<td[^>]*>.*?</td>\s*<td[^>]*>)(.*?)(</td>)",
    re.DOTALL | re.IGNORECASE,
)


def _always(_value: Any, _parent: Dict[str, Any]) -> str:
    return MASK


def _when_secured(value: Any, parent: Dict[str, Any]) -> Any:
    return MASK if parent.get("secured") else value


def _typed_values(script: str, _parent: Dict[str, Any]) -> str:
    return _TYPE_ROW.sub(lambda match: match.group(1) + MASK + match.group(3), script)


PASSWORD = Mask(permissions.VIEW_AUTH_PASSWORDS, _always)
SECURED_FIELD_VALUE = Mask(permissions.VIEW_AUTH_PASSWORDS, _when_secured)
SELENIUM_TYPED_VALUES = Mask(permissions.VIEW_SELENIUM_SECRETS, _typed_values)
