# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A tenant's objects as config items (``gathered``) and items as the requests a create sends (``rendered``)."""

from __future__ import annotations

from xml.etree import ElementTree

from ansible_collections.qualys.was.plugins.modules import was_scan_schedules
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, data_file, run_module, service_response

WEB_APP_SEED = data_file("seeds", "seed000-create-webapps-response.xml")


def run(args, replies, monkeypatch, capsys, **flags):
    return run_module(was_scan_schedules.main, dict(CONNECTION, **args), replies, monkeypatch, capsys, **flags)


def test_rendered_names_are_marked_placeholders(monkeypatch, capsys):
    item = {"name": "Nightly", "target": {"web_app": 4331925}, "profile": "Initial WAS Options"}
    result, session = run({"state": "rendered", "config": [item]}, [], monkeypatch, capsys)
    profile = ElementTree.fromstring(result["rendered"][0]).find("data/WasScanSchedule/profile/id").text
    assert profile == "[option profile named 'Initial WAS Options']"


def test_gathered_items_name_what_is_unique_and_number_what_is_not(monkeypatch, capsys):
    stored = WEB_APP_SEED.decode()
    twin = stored.replace("<id>697193</id>", "<id>697194</id>")
    both = service_response(
        "WasScanSchedule",
        [
            stored.split("<WasScanSchedule>", 1)[1].split("</WasScanSchedule>", 1)[0],
            twin.split("<WasScanSchedule>", 1)[1].split("</WasScanSchedule>", 1)[0],
        ],
    )

    def listing(request):
        kind = request.url.rsplit("/", 1)[1]
        element = {"webapp": "WebApp", "optionprofile": "OptionProfile", "webappauthrecord": "WebAppAuthRecord"}
        records = {
            "webapp": ["<id>4331923</id><name>web app 1497351058103</name>", "<id>4331924</id><name>shared</name>"]
            + ["<id>9</id><name>shared</name>"],
            "optionprofile": ["<id>1071133</id><name>My profile</name>"],
            "webappauthrecord": ["<id>583957</id><name>Login</name>"],
            "tag": [],
        }
        return Reply(service_response(element.get(kind, "Tag"), records[kind]))

    replies = [Reply(both)] + [listing] * 4
    result, session = run({"state": "gathered"}, replies, monkeypatch, capsys)
    first, second = result["gathered"]
    # The two schedules share a name, so each carries its id; names everywhere else, but the shared web app name.
    assert (first["id"], second["id"]) == (697193, 697194)
    assert first["target"]["web_apps"] == ["web app 1497351058103", 4331924]
    assert first["profile"] == "My profile" and first["target"]["web_app_auth_record"] == "Login"
    assert "offset" not in first["scheduling"]["time_zone"] and "multi" not in first
    assert result["gathered_facts"][0]["id"] == 697193 and result["changed"] is False
