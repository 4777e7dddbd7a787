# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulator's control API from inside a playbook, on the controller: no module run, a few milliseconds."""

from __future__ import annotations

import json
import urllib.request

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

DOCUMENTATION = r"""
name: qualys_sim
short_description: Call the simulator's control API
description:
  - C(stats) answers the counters; C(arm) clears pending faults, adds the fault given as O(fault) (when not
    empty) and answers the counters as they were before the next call; C(settings) posts O(settings).
options:
  _terms:
    description: C(stats), C(arm) or C(settings).
    required: true
  url:
    description: Base URL of the simulator.
    required: true
  fault:
    description: The fault to add.
    type: dict
  settings:
    description: The settings to change.
    type: dict
"""


def _call(url: str, method: str, path: str, payload=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url.rstrip("/") + "/_sim/" + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:  # nosec - the local simulator
        body = response.read()
    return json.loads(body) if body else {}


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        url = self.get_option("url")
        answers = []
        for term in terms:
            if term == "stats":
                answers.append(_call(url, "GET", "stats"))
            elif term == "arm":
                _call(url, "DELETE", "faults")
                if self.get_option("fault"):
                    _call(url, "POST", "faults", self.get_option("fault"))
                answers.append(_call(url, "GET", "stats"))
            elif term == "settings":
                answers.append(_call(url, "POST", "settings", self.get_option("settings") or {}))
            else:
                raise AnsibleError("qualys_sim: unknown call %r" % term)
        return answers
