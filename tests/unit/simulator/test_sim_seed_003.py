# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Seed 003: custom scan intensity on option profiles, and authentication records read by a user with and
without the view-secret permissions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.qualys.was.tests.unit.simulator.simclient import ADMIN, EDITOR, data_file
from ansible_collections.qualys.was.tests.unit.simulator.xmlcompare import assert_same_xml

PROFILE = "data/OptionProfile"
RECORD = "data/WebAppAuthRecord"
# The document's sample 2 shows short clear secrets; the fixture holds long distinctive ones instead.
CLEAR_SECRETS = {
    "theuser": "fixture-secret-selenium-user-762380",
    "thepass": "fixture-secret-selenium-pass-762380",
    "1234": "fixture-secret-server-pass-762380",
}
# The fixture's Selenium scripts close the page on two lines, where the document's samples use one.
FIXTURE_LAYOUT = {"</body></html>": "</body>\n</html>"}


def expected(name: str, replacements=None) -> ET.Element:
    text = data_file("seeds", name).decode()
    for seed_layout, fixture_layout in FIXTURE_LAYOUT.items():
        text = text.replace(seed_layout, fixture_layout)
    for seed_value, fixture_value in (replacements or {}).items():
        text = text.replace(f">{seed_value}<", f">{fixture_value}<").replace(f"[{seed_value}]", f"[{fixture_value}]")
    return ET.fromstring(text)


def test_seed_003_option_profile_create_update_get(api):
    created = api.qps("create", "optionprofile", body=data_file("seeds", "seed003-optionprofile-create-request.xml"))
    assert_same_xml(
        created.xml,
        expected("seed003-optionprofile-create-response.xml"),
        ignore=[f"{PROFILE}/id"],
        partial=[PROFILE],
    )
    profile_id = created.ids[0]

    updated = api.qps(
        "update", "optionprofile", profile_id, body=data_file("seeds", "seed003-optionprofile-update-request.xml")
    )
    assert_same_xml(updated.xml, expected("seed003-optionprofile-update-response.xml"), ignore=[f"{PROFILE}/id"])
    assert updated.ids == [profile_id]

    fetched = api.get("optionprofile", profile_id)
    assert_same_xml(
        fetched.xml, expected("seed003-optionprofile-get-response.xml"), ignore=[f"{PROFILE}/id"], partial=[PROFILE]
    )


def test_seed_003_sample_1_secrets_masked_without_view_permissions(api):
    reply = api.get("webappauthrecord", 761533, as_user=EDITOR)

    assert_same_xml(reply.xml, expected("seed003-authrecord-get-masked.xml"), partial=[RECORD])


def test_seed_003_sample_2_secrets_clear_with_view_permissions(api):
    reply = api.get("webappauthrecord", 762380, as_user=ADMIN)

    assert_same_xml(reply.xml, expected("seed003-authrecord-get-clear.xml", CLEAR_SECRETS))
