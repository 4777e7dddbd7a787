# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""run_resource_module: what a deletion of one object, or of every object of one name, reports."""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, id_response, run_module, service_response

TWINS = ["<id>%d</id><name>Twin</name>" % record_id for record_id in (11, 12)]


def read(records):
    """The search that finds ``records``, then the get that reads each in full (a search answers summaries)."""
    return [Reply(service_response("OptionProfile", records))] + [
        Reply(service_response("OptionProfile", [record])) for record in records
    ]


def test_deleting_every_object_of_a_name_reports_each_id_and_each_object(monkeypatch, capsys):
    replies = read(TWINS) + [Reply(id_response("OptionProfile", record_id)) for record_id in (11, 12)]
    task = dict(CONNECTION, name="Twin", state="absent", all_with_name=True)
    result, session = run_module(was_option_profile.main, task, replies, monkeypatch, capsys, diff=True)
    assert result["changed"] and result["deleted_ids"] == [11, 12]
    assert [state["id"] for state in result["diff"]["before"]["objects"]] == [11, 12]
    assert result["diff"]["after"] == {} and session.operations[3:] == ["delete/optionprofile"] * 2


def test_deleting_one_object_shows_that_object_as_the_before_state(monkeypatch, capsys):
    replies = read(TWINS[:1]) + [Reply(id_response("OptionProfile", 11))]
    task = dict(CONNECTION, name="Twin", state="absent")
    result, _session = run_module(was_option_profile.main, task, replies, monkeypatch, capsys, diff=True)
    assert result["deleted_ids"] == [11] and result["diff"]["before"]["id"] == 11
