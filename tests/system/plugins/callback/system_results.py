# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Writes every task result of a run, one JSON line each, to the file named by QUALYS_SYSTEM_RESULTS."""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: system_results
type: aggregate
short_description: Task results as JSON lines, for the system tests
description:
  - Appends one JSON object per task result (task name, host, status, result) to the file named by the
    environment variable E(QUALYS_SYSTEM_RESULTS).
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "system_results"
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, status: str, result) -> None:
        entry = {
            "task": result._task.get_name(),
            "host": result._host.get_name(),
            "status": status,
            "result": result._result,
            "time": time.time(),
        }
        with open(os.environ["QUALYS_SYSTEM_RESULTS"], "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, default=str) + "\n")

    def v2_runner_on_ok(self, result) -> None:
        self._record("changed" if result._result.get("changed") else "ok", result)

    def v2_runner_on_failed(self, result, ignore_errors: bool = False) -> None:
        self._record("failed", result)

    def v2_runner_on_skipped(self, result) -> None:
        self._record("skipped", result)

    def v2_runner_on_unreachable(self, result) -> None:
        self._record("unreachable", result)
