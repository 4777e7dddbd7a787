# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What reading findings costs: ``was_finding_info`` over 10,000 and 100,000 findings of one web app.

The findings are seeded with the simulator's ``POST /_sim/findings`` (tests/simulator/README.md, "Findings"). Each
read is one ansible-playbook task selecting the web app by name, measured for its calls (one search per 1,000
findings, plus the one that resolves the name), its time, and the peak memory of the module process: the task's
AnsiballZ payload, kept by Ansible, run again as Ansible runs it, under a probe that reads the process's
``ru_maxrss``. Each size is read with the findings returned and with ``count_only``.
"""

from __future__ import annotations

import glob
import math
import os
import sys
from typing import Any, Callable, Dict, List

WEB_APP = (4331926, "Demo Blog")  # of the fixture
SIZES = (10000, 100000)
SMOKE_SIZES = (2500,)
# The collection's goal for the module process from 100,000 findings on.
PEAK_GOAL_MIB = 150
PEAK_GOAL_FROM = 100000


def expected_calls(count: int) -> int:
    """One search per page of 1,000 (at least one), plus the search that resolves the web app's name."""
    return max(1, math.ceil(count / 1000)) + 1


def finding_read(tools: Dict[str, Callable[..., Any]], url: str, folder: str, count: int, count_only: bool) -> dict:
    """One read of ``count`` seeded findings: calls, the task's seconds, and the module process's seconds and peak."""
    control, run_playbook, play = tools["control"], tools["run_playbook"], tools["play"]
    remote = os.path.join(folder, "findings-%d-%s" % (count, "counted" if count_only else "returned"))
    options = {"web_app": WEB_APP[1], "count_only": count_only}
    task = {"qualys.was.was_finding_info": options, "register": "read"}
    returned = "read.findings is not defined" if count_only else "read.findings | length == %d" % count
    check = {"ansible.builtin.assert": {"that": ["read.counts.total == %d" % count, returned]}}
    before = control(url, "/_sim/stats")["total"]
    seconds = run_playbook(
        folder, play(url, [task, check]), env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": remote}
    )
    calls = control(url, "/_sim/stats")["total"] - before
    payload = glob.glob(os.path.join(remote, "ansible-tmp-*", "AnsiballZ_was_finding_info.py"))[0]
    wall, _cpu, _stderr = tools["run_process"]([sys.executable, payload])
    return {
        "findings": count,
        "count_only": count_only,
        "calls": calls,
        "expected_calls": expected_calls(count),
        "task_s": round(seconds - tools["empty"], 2),
        "module_process_s": round(wall / 1000, 2),
        "peak_mib": round(tools["peak_mib"]([sys.executable, payload]), 1),
        "peak_goal_mib": PEAK_GOAL_MIB if count >= PEAK_GOAL_FROM else None,
    }


def finding_reads(tools: Dict[str, Callable[..., Any]], url: str, folder: str, smoke: bool = False) -> List[dict]:
    """The reads of the benchmark, each size seeded into a reset simulator; ``smoke`` a small size, returned only."""
    control, rows = tools["control"], []
    for count in SMOKE_SIZES if smoke else SIZES:
        control(url, "/_sim/reset", {})
        seeded = control(url, "/_sim/findings", {"webApp": WEB_APP[0], "count": count})
        if seeded.get("created") != count:
            raise RuntimeError("the simulator seeded %r, not %d findings" % (seeded, count))
        for count_only in (False,) if smoke else (False, True):
            rows.append(finding_read(tools, url, folder, count, count_only))
    return rows


def check_findings(rows: List[dict]) -> List[str]:
    """Every read whose calls differ from one search per 1,000 findings plus the name's, or over the peak goal at
    100,000 findings."""
    problems = [
        "was_finding_info over %d findings: %d calls, expected %d"
        % (row["findings"], row["calls"], row["expected_calls"])
        for row in rows
        if row["calls"] != row["expected_calls"]
    ]
    problems += [
        "was_finding_info over %d findings: peak %.1f MiB, the goal is %d MiB"
        % (row["findings"], row["peak_mib"], row["peak_goal_mib"])
        for row in rows
        if row["peak_goal_mib"] is not None and row["peak_mib"] > row["peak_goal_mib"]
    ]
    return problems
