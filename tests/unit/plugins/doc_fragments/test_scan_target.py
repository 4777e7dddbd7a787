# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import yaml

from ansible_collections.qualys.was.plugins.doc_fragments.scan_target import ModuleDocFragment
from ansible_collections.qualys.was.plugins.module_utils import scan_schedule_fields, scan_target


def target_suboptions(text):
    return yaml.safe_load(text)["options"]["target"]["suboptions"]


def test_a_schedules_target_is_the_shared_one_and_use_dns_override():
    shared = target_suboptions(ModuleDocFragment.DOCUMENTATION)
    schedule = target_suboptions(ModuleDocFragment.SCHEDULE)

    assert ModuleDocFragment.SCHEDULE.startswith(ModuleDocFragment.DOCUMENTATION)
    assert {name: schedule[name] for name in shared} == shared
    assert sorted(set(schedule) - set(shared)) == ["use_dns_override"]


def test_the_shared_text_documents_the_shared_fields_and_the_schedule_text_the_schedules():
    shared_options = {field.option for field in scan_target.TARGET_FIELDS}
    schedule_target = next(field for field in scan_schedule_fields.RESOURCE.fields if field.option == "target")

    assert set(target_suboptions(ModuleDocFragment.DOCUMENTATION)) == shared_options
    assert set(target_suboptions(ModuleDocFragment.SCHEDULE)) == {field.option for field in schedule_target.kind.fields}
