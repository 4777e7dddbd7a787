# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The fixture's users: admin may do everything, editor writes without seeing secrets, reader only reads."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import auth_record, option_profile, schedule
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, READER

ELEMENTS = {
    "wasscanschedule": "WasScanSchedule",
    "optionprofile": "OptionProfile",
    "webappauthrecord": "WebAppAuthRecord",
}
WRITES = [
    ("create", "wasscanschedule", None, schedule()),
    ("update", "wasscanschedule", 697001, "<WasScanSchedule/>"),
    ("activate", "wasscanschedule", 697001, ""),
    ("deactivate", "wasscanschedule", 697001, ""),
    ("delete", "wasscanschedule", 697001, ""),
    ("create", "optionprofile", None, option_profile()),
    ("update", "optionprofile", 1071133, "<OptionProfile/>"),
    ("delete", "optionprofile", 1071133, ""),
    ("create", "webappauthrecord", None, auth_record()),
    ("update", "webappauthrecord", 583957, "<WebAppAuthRecord/>"),
    ("delete", "webappauthrecord", 583957, ""),
]


WRITE_IDS = [f"{operation}-{obj}" for operation, obj, *details in WRITES]


def _write(api, operation, obj, object_id, data, user):
    body = f"<ServiceRequest><data>{data}</data></ServiceRequest>".encode() if data else b""
    return api.qps(operation, obj, object_id, body=body, as_user=user)


@pytest.mark.parametrize("operation, obj, object_id, data", WRITES, ids=WRITE_IDS)
def test_reader_cannot_write(api, operation, obj, object_id, data):
    reply = _write(api, operation, obj, object_id, data, READER)

    assert reply.status == 200
    assert reply.code == "UNAUTHORIZED"
    assert reply.error[0] == f"Not authorized to {operation} {ELEMENTS[obj]}."


@pytest.mark.parametrize("operation, obj, object_id, data", WRITES, ids=WRITE_IDS)
def test_editor_can_write(api, operation, obj, object_id, data):
    assert _write(api, operation, obj, object_id, data, EDITOR).code == "SUCCESS"


def test_reader_refusal_changes_nothing(api):
    before = api.get("optionprofile", 1071133).body

    _write(api, "update", "optionprofile", 1071133, option_profile("Changed"), READER)

    assert api.get("optionprofile", 1071133).body == before


def test_reader_can_read(api):
    assert api.get("wasscanschedule", 697001, as_user=READER).code == "SUCCESS"
    assert api.search("webappauthrecord", as_user=READER).code == "SUCCESS"
