# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The registry of simulated objects: those reachable through URLs, and every kind the fixture may hold."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from ..schema import Group
from .auth_record import AUTH_RECORD
from .base import ObjectType
from .common import PARAMETER_SET, USER
from .finding import FINDING, QID
from .option_profile import OPTION_PROFILE
from .report import REPORT
from .report_template import REPORT_TEMPLATE
from .scan import SCAN
from .schedule import SCHEDULE
from .tag import TAG
from .web_app import WEB_APP

OBJECT_TYPES: Dict[Tuple[str, str], ObjectType] = {
    (object_type.module, object_type.path): object_type
    for object_type in (SCHEDULE, OPTION_PROFILE, AUTH_RECORD, WEB_APP, TAG, SCAN, FINDING, REPORT, REPORT_TEMPLATE)
}

# Every kind of stored record, by element name; users, parameter sets and the QID catalogue have no endpoints of
# their own.
STORED_KINDS: Dict[str, Group] = {
    spec.name: spec for spec in (USER, PARAMETER_SET, QID, *(object_type.spec for object_type in OBJECT_TYPES.values()))
}


def object_type(module: str, path: str) -> Optional[ObjectType]:
    return OBJECT_TYPES.get((module, path))
