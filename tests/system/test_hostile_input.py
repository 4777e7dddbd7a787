# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hostile text round-trips and stays idempotent; invalid values fail before any call. Modules run in-process."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.qualys.was.plugins.modules import was_option_profile, was_scan_schedule
from ansible_collections.qualys.was.tests.system.fault_scenarios import FAR_FUTURE
from ansible_collections.qualys.was.tests.system.in_process import run_module
from ansible_collections.qualys.was.tests.system.sim_api import SimControl

EXAMPLES = settings(max_examples=25, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Pieces that break naive XML building, and characters XML 1.0 allows, control characters among them.
PIECES = st.sampled_from(["&", "<", ">", "]]>", '"', "'", "&amp;", "<![CDATA[", "\t", "\n", "\x7f", "é", "名", "🙂"])
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
WHITESPACE = st.text(alphabet=" \t\n", max_size=3)
CORE = st.lists(st.one_of(PIECES, CHARACTERS), min_size=1, max_size=12).map("".join).filter(lambda text: text.strip())
HOSTILE = st.tuples(WHITESPACE, CORE, WHITESPACE).map("".join)


@pytest.fixture(scope="module", name="url")
def url_fixture(module_simulators):
    return module_simulators().url


def apply_twice(main, url, args):
    first = run_module(main, url, args)
    second = run_module(main, url, args)
    return first, second


@EXAMPLES
@given(name=HOSTILE, comment=HOSTILE)
def test_profile_names_and_comments_round_trip(url, name, comment):
    sim = SimControl(url)
    sim.reset()
    args = {"name": name, "performance": "low", "comments": [comment]}
    first, second = apply_twice(was_option_profile.main, url, args)
    assert not first.get("failed"), first.get("msg")
    assert first["changed"] and not second.get("failed") and not second["changed"], (first, second)
    assert first["option_profile"]["name"] == name.strip()
    assert sim.count("was_option_profile", name.strip()) == 1


@EXAMPLES
@given(name=HOSTILE, message=HOSTILE)
def test_schedule_names_and_messages_round_trip(url, name, message):
    sim = SimControl(url)
    sim.reset()
    args = {
        "name": name,
        "target": {"web_app": 4331925},
        "scheduling": {"start_date": FAR_FUTURE, "occurrence_type": "once"},
        "notification": {"active": True, "message_text": message},
    }
    first, second = apply_twice(was_scan_schedule.main, url, args)
    assert not first.get("failed"), first.get("msg")
    assert first["changed"] and not second.get("failed") and not second["changed"], (first, second)
    assert first["schedule"]["name"] == name.strip()
    assert sim.count("was_scan_schedule", name.strip()) == 1
