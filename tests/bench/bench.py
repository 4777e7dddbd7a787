# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Measures what a task costs: API calls and time, engine alone and through ansible-playbook.

Run by ``make bench`` with the collection importable (``ansible_collections.qualys.was``) and the
simulator started on ``--url``. It prints a table and writes the numbers as JSON; it asserts nothing,
because timings belong to the machine, not to the code.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from typing import Optional

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Items
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import Ref, ReferenceResolver
from ansible_collections.qualys.was.plugins.modules.was_option_profile import RESOURCE as OPTION_PROFILE

REPEATS = 30


def control(url: str, path: str, payload: Optional[dict] = None) -> dict:
    """The simulator's control API: GET without a payload, POST with one."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else {}


def desired(**options) -> dict:
    values = {option: None for option in OPTION_PROFILE.argument_spec()}
    values.update(options)
    return values


def measure(name: str, operation, client: QualysClient) -> dict:
    """Median and 95th percentile of ``operation`` over REPEATS runs, with the calls one run costs."""
    timings, calls = [], []
    for repeat in range(REPEATS):
        before = client.calls
        started = time.perf_counter()
        operation()
        timings.append((time.perf_counter() - started) * 1000)
        calls.append(client.calls - before)
    timings.sort()
    return {
        "case": name,
        "api_calls": statistics.mode(calls),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
    }


def engine_cases(url: str) -> list:
    client = QualysClient(ConnectionSettings(url, "admin", "admin-pass"))
    engine = Reconciler(client, OPTION_PROFILE)
    profile = desired(name="Bench profile", custom_performance={"num_of_http_threads": 4, "delay_between_requests": 50})
    engine.ensure_present(profile)
    flip = iter(range(1_000_000))

    def update():
        threads = 1 + next(flip) % 10
        engine.ensure_present(
            desired(
                name="Bench profile", custom_performance={"num_of_http_threads": threads, "delay_between_requests": 50}
            )
        )

    web_apps = [record["name"] for record in client.search(WEB_APP)]
    resolver = ReferenceResolver(client)
    web_app_field = [Field("web_apps", Items(Ref(WEB_APP), item="WebApp"))]

    return [
        measure("option profile, no change", lambda: engine.ensure_present(profile), client),
        measure("option profile, one change", update, client),
        measure(
            "resolve %d web app names" % len(web_apps),
            lambda: resolver.resolve(web_app_field, {"web_apps": web_apps}),
            client,
        ),
        measure("list every auth record", lambda: client.search(AUTH_RECORD), client),
    ]


PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/qualys.was.was: {api_url: "%(url)s", username: admin, password: admin-pass}
  tasks:
    - name: Unchanged profile
      qualys.was.was_option_profile:
        name: Bench profile
        smart_scan_support: false
      loop: "{{ range(%(tasks)d) | list }}"
"""


def playbook_case(url: str, tasks: int = 10) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.yml")
        with open(path, "w") as handle:
            handle.write(PLAYBOOK % {"url": url, "tasks": tasks})
        before = control(url, "/_sim/stats")["total"]
        started = time.perf_counter()
        subprocess.run(
            ["ansible-playbook", "-i", "localhost,", "-c", "local", path], check=True, stdout=subprocess.DEVNULL
        )
        elapsed = time.perf_counter() - started
        calls = control(url, "/_sim/stats")["total"] - before
    return {
        "case": "ansible-playbook, %d unchanged tasks" % tasks,
        "api_calls": calls,
        "seconds": round(elapsed, 2),
        "per_task_ms": round(elapsed * 1000 / tasks),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="simulator base URL")
    parser.add_argument("--out", default="bench.json", help="where to write the numbers")
    args = parser.parse_args()

    control(args.url, "/_sim/reset", {})
    results = engine_cases(args.url) + [playbook_case(args.url)]
    for row in results:
        print("  ".join("%s=%s" % item for item in row.items()))
    with open(args.out, "w") as handle:
        json.dump({"python": sys.version.split()[0], "results": results}, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
