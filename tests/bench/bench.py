# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a task costs, in API calls and in time, against the documented minimum and the alternatives.

Run by ``make bench`` with the collection importable (``ansible_collections.qualys.was``) and on
ANSIBLE_COLLECTIONS_PATH. It starts its own simulators (``python -m tests.simulator`` from the repository
root), from fixtures it writes with 10, 1,000 and 10,000 schedules, and measures through ansible-playbook:

- calls: every module, unchanged, changed and with names instead of ids, under each ``search_shape``, each
  against the minimum the documentation states;
- time per task of ``was_scan_schedule`` unchanged, ``ansible.builtin.uri`` doing one search POST and
  ``ansible.builtin.ping``, the kinds interleaved in rounds, the time of an empty play subtracted; the same
  module task at each tenant size;
- where the module's time goes: interpreter start, imports (``python -X importtime``), payload size, the engine
  and the server;
- what each module ships and compiles on every run (``payload.py``);
- many objects: one task per object in a loop against the resource module in one task;
- an info listing of 10,000 objects: calls, time, peak memory of the module process;
- waiting for scans: the calls a wait of a 30-minute and of a 4-hour scan costs, and 20 waits at once
  (``waits.py``);
- reading findings: ``was_finding_info`` over 10,000 and 100,000 findings, calls, time and the peak memory of the
  module process (``findings.py``).

It writes the numbers as JSON, and ``report.py`` turns them into docs/benchmark.md and its plot. Timings
belong to the machine and are never asserted; ``--smoke`` runs the calls table, the wait of a 30-minute scan and a
read of 2,500 findings only, and fails when a call count differs from the documented one. ``--only waits`` measures
the waits alone, for ``report.py --section waits`` to put into the page; ``--only findings`` the finding reads, for
``report.py --section findings``.
"""

from __future__ import annotations

import argparse
import copy
import glob
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import ReferenceResolver
from ansible_collections.qualys.was.plugins.module_utils.scan_schedule_fields import RESOURCE
from ansible_collections.qualys.was.tests.bench.findings import check_findings, finding_reads
from ansible_collections.qualys.was.tests.bench.payload import module_payloads
from ansible_collections.qualys.was.tests.bench.waits import check_documented, scan_waits, waits_fixture

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "tests", "simulator", "fixture.json")
USER = {"username": "admin", "password": "admin-pass"}
SHAPES = ("summary", "full")
SCHEDULE = "Demo Shop weekly scan"  # fixture schedule 697001, single web app, active
SCHEDULE_SEARCH = (
    '<ServiceRequest><filters><Criteria field="name" operator="EQUALS">%s</Criteria></filters>'
    "<preferences><verbose>true</verbose></preferences></ServiceRequest>" % SCHEDULE
)
TENANT_SIZES = (10, 1000, 10000)
MANY = (200, 2000)
LISTED = 10000  # web apps in the largest tenant, for the info listing
# The ansible-playbook of the running Python's virtualenv, whatever PATH holds.
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


# Simulators --------------------------------------------------------------------------------------------------


def control(url: str, path: str, payload: Optional[dict] = None) -> dict:
    """The simulator's control API: GET without a payload, POST with one."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else {}


def calls_so_far(url: str) -> Dict[str, Any]:
    return control(url, "/_sim/stats")


@contextmanager
def simulator(fixture: Optional[str], folder: str) -> Iterator[str]:
    """A simulator in a process of its own (the two cores are shared with ansible-playbook), yielding its URL."""
    log_path = os.path.join(folder, "simulator-%d.log" % len(os.listdir(folder)))
    command = [sys.executable, "-m", "tests.simulator", "--port", "0"] + (["--fixture", fixture] if fixture else [])
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        url = None
        while url is None:
            if process.poll() is not None or time.monotonic() > deadline:
                with open(log_path) as log:
                    raise RuntimeError("the simulator did not start:\n" + log.read())
            with open(log_path) as log:
                match = re.search(r"^listening on (\S+)$", log.read(), re.M)
            url = match.group(1) if match else None
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tenant_fixture(folder: str, schedules: int, web_apps: int = 0) -> str:
    """The default fixture with copies of schedule 697001 up to ``schedules``, and ``web_apps`` web apps."""
    with open(FIXTURE) as handle:
        data = json.load(handle)
    template = data["WasScanSchedule"][0]
    for number in range(schedules - len(data["WasScanSchedule"])):
        record = copy.deepcopy(template)
        record.update(id=900000 + number, name="Bench schedule %05d" % number)
        data["WasScanSchedule"].append(record)
    app = data["WebApp"][3]
    for number in range(web_apps - len(data["WebApp"])):
        record = copy.deepcopy(app)
        record.update(id=6000000 + number, name="Bench web app %05d" % number)
        data["WebApp"].append(record)
    path = os.path.join(folder, "fixture-%d-%d.json" % (schedules, web_apps))
    with open(path, "w") as handle:
        json.dump(data, handle)
    return path


# Playbooks ---------------------------------------------------------------------------------------------------


def play(url: str, tasks: List[dict], extra: Optional[dict] = None) -> List[dict]:
    """One play on localhost with the connection options of every module given once."""
    body = {
        "hosts": "localhost",
        "gather_facts": False,
        "module_defaults": {"group/qualys.was.was": dict(api_url=url, **USER)},
        "tasks": tasks,
    }
    body.update(extra or {})
    return [body]


def run_playbook(folder: str, plays: List[dict], env: Optional[dict] = None) -> float:
    """Seconds ansible-playbook took (JSON is YAML, so the playbook is written as JSON)."""
    path = os.path.join(folder, "playbook.json")
    with open(path, "w") as handle:
        json.dump(plays, handle)
    started = time.perf_counter()
    completed = subprocess.run(
        [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, **(env or {})),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode:
        raise RuntimeError("ansible-playbook failed:\n" + completed.stdout[-4000:])
    return elapsed


def repeated(task: dict, times: int) -> dict:
    return dict(task, loop="{{ range(%d) | list }}" % times) if times > 1 else task


def schedule_task(**options: Any) -> dict:
    return {"qualys.was.was_scan_schedule": dict({"name": SCHEDULE, "active": True}, **options)}


def uri_task(url: str) -> dict:
    return {
        "ansible.builtin.uri": {
            "url": url + "/qps/rest/3.0/search/was/wasscanschedule",
            "method": "POST",
            "user": USER["username"],
            "password": USER["password"],
            "force_basic_auth": True,
            "headers": {"Content-Type": "text/xml"},
            "body": SCHEDULE_SEARCH,
            "return_content": True,
        }
    }


PING_TASK = {"ansible.builtin.ping": {}}


# Calls: every module against its documented minimum ----------------------------------------------------------

# (module, what the task shows, options, minimum under search_shape summary, under full). The minimum is the
# documented one (README "What every module does the same way", each module's description): an unchanged object
# is one search, plus one get where searches return summaries (schedules and option profiles under "summary"; web
# apps and authentication records always); a change is one write more; each distinct name of another object is
# one search. Tasks run in this order, so that each change is undone by the next.
PROFILE = "Gentle scan - custom intensity"
GENTLE = {"num_of_http_threads": 2, "delay_between_requests": 500}
CASES: List[Tuple[str, str, dict, int, int]] = [
    ("was_scan_schedule", "unchanged, by name", {"name": SCHEDULE, "active": True}, 2, 1),
    ("was_scan_schedule", "unchanged, by id", {"id": 697001, "active": True}, 2, 1),
    ("was_scan_schedule", "changed (deactivate)", {"name": SCHEDULE, "active": False}, 3, 2),
    ("was_scan_schedule", "changed back (activate)", {"name": SCHEDULE, "active": True}, 3, 2),
    (
        "was_scan_schedule",
        "profile and web app by id",
        {"name": SCHEDULE, "profile": 1071133, "target": {"web_app": 4331925}},
        2,
        1,
    ),
    (
        "was_scan_schedule",
        "profile and web app by name",
        {
            "name": SCHEDULE,
            "profile": "My Option Profile - with defaults 1497351048931",
            "target": {"web_app": "Demo Shop"},
        },
        4,
        3,
    ),
    ("was_option_profile", "unchanged, by name", {"name": PROFILE, "custom_performance": GENTLE}, 2, 1),
    (
        "was_option_profile",
        "changed",
        {"name": PROFILE, "custom_performance": dict(GENTLE, num_of_http_threads=3)},
        3,
        2,
    ),
    ("was_option_profile", "changed back", {"name": PROFILE, "custom_performance": GENTLE}, 3, 2),
    ("was_option_profile", "tag by id", {"name": PROFILE, "tags": [12017500]}, 2, 1),
    ("was_option_profile", "tag by name", {"name": PROFILE, "tags": ["Staging"]}, 3, 2),
    ("was_web_app", "unchanged, tag by id", {"name": "Demo Blog", "tags": [12017500]}, 2, 2),
    ("was_web_app", "unchanged, tag by name", {"name": "Demo Blog", "tags": ["Staging"]}, 3, 3),
    ("was_web_app", "changed (comment added)", {"name": "Demo Blog", "comments": ["bench"]}, 3, 3),
    ("was_web_app", "changed back", {"name": "Demo Blog", "comments": []}, 3, 3),
    # The simulator answers verbose searches of records whole (only searches without verbose are recorded summaries).
    ("was_auth_record", "unchanged, by name", {"name": "Client certificate", "tags": []}, 1, 1),
    ("was_auth_record_info", "one record by name", {"name": "OAuth2 password grant"}, 1, 1),
    ("was_auth_record_info", "one record by name, details", {"name": "OAuth2 password grant", "details": True}, 2, 2),
    ("was_web_app_info", "one web app by name", {"name": "Demo Shop"}, 1, 1),
    ("was_web_app_info", "one web app by name, details", {"name": "Demo Shop", "details": True}, 2, 2),
    (
        "was_scan_schedules",
        "merged, 2 unchanged by name",
        {"config": [{"name": SCHEDULE, "active": True}, {"name": "Production monthly sweep", "active": False}]},
        4,
        2,
    ),
    (
        "was_option_profiles",
        "merged, 1 unchanged by name",
        {"config": [{"name": PROFILE, "custom_performance": GENTLE}]},
        2,
        1,
    ),
]
SMOKE_CASES = [0, 2, 3, 5, 6, 20]  # indexes in CASES: one of each kind of cost, for make test


def call_cases(url: str, folder: str, cases: Sequence[int]) -> List[dict]:
    """Each case under each search shape, in one playbook; calls from the results, checked against the server."""
    tasks: List[dict] = []
    for shape in SHAPES:
        # Every change is undone by the next task, so that each shape starts from the fixture's objects.
        settings = {
            "url": url + "/_sim/settings",
            "method": "POST",
            "body_format": "json",
            "body": {"search_shape": shape},
        }
        tasks.append({"ansible.builtin.uri": settings})
        for index in cases:
            module, _shows, options, _minimum, _full = CASES[index]
            tasks.append(
                {"qualys.was." + module: options, "register": "case_%s_%d" % (shape, index), "ignore_errors": True}
            )
    names = ["case_%s_%d" % (shape, index) for shape in SHAPES for index in cases]
    out = os.path.join(folder, "calls.json")
    summary = "{{ {%s} | to_json }}" % ", ".join(
        "'%s': {'calls': %s.api_calls | default(None), 'changed': %s.changed | default(None),"
        " 'failed': %s.failed | default(false), 'msg': %s.msg | default('')}" % ((name,) + (name,) * 4)
        for name in names
    )
    tasks.append({"ansible.builtin.copy": {"content": summary, "dest": out}})
    control(url, "/_sim/reset", {})
    run_playbook(folder, play(url, tasks))
    total = calls_so_far(url)["total"]
    with open(out) as handle:
        measured = json.load(handle)
    rows = []
    for index in cases:
        module, shows, _options, *minimum = CASES[index]
        row: Dict[str, Any] = {"module": module, "task": shows}
        for shape, least in zip(SHAPES, minimum):
            result = measured["case_%s_%d" % (shape, index)]
            row[shape] = {"calls": result["calls"], "minimum": least, "changed": result["changed"]}
            if result["failed"]:
                row[shape]["failed"] = result["msg"]
        rows.append(row)
    reported = sum(row[shape]["calls"] or 0 for row in rows for shape in SHAPES)
    if reported != total:
        raise RuntimeError("the modules reported %d calls, the simulator counted %d" % (reported, total))
    return rows


def check_minimum(rows: List[dict]) -> List[str]:
    """Every task whose calls are not its documented minimum (more is excess; fewer, a wrong document)."""
    return [
        "%s %s (%s): %s calls, documented minimum %s%s"
        % (
            row["module"],
            row["task"],
            shape,
            row[shape]["calls"],
            row[shape]["minimum"],
            "; failed: " + row[shape]["failed"] if "failed" in row[shape] else "",
        )
        for row in rows
        for shape in SHAPES
        if row[shape]["calls"] != row[shape]["minimum"] or "failed" in row[shape]
    ]


# Time per task: kinds interleaved in rounds ------------------------------------------------------------------


def spread(values: Sequence[float]) -> dict:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


def per_task_rounds(folder: str, urls: Dict[int, str], rounds: int, tasks: int) -> dict:
    """Per-task milliseconds of each kind, from ``rounds`` rounds in which every kind runs ``tasks`` times in its
    own playbook, in a random order, and an empty play runs once; the empty play's time is subtracted."""
    small = urls[TENANT_SIZES[0]]
    kinds = {
        "empty play": (small, []),
        "ansible.builtin.ping": (small, [repeated(PING_TASK, tasks)]),
        "ansible.builtin.uri search": (small, [repeated(uri_task(small), tasks)]),
    }
    for size, url in urls.items():
        kinds["was_scan_schedule unchanged, %d schedules" % size] = (url, [repeated(schedule_task(), tasks)])
    samples: Dict[str, List[float]] = {kind: [] for kind in kinds if kind != "empty play"}
    calls: Dict[str, List[float]] = {kind: [] for kind in samples}
    for _repeat in range(rounds):
        order = list(kinds)
        random.shuffle(order)
        seconds = {}
        for kind in order:
            url, body = kinds[kind]
            before = calls_so_far(url)["total"]
            seconds[kind] = run_playbook(folder, play(url, body))
            if kind in calls:
                calls[kind].append((calls_so_far(url)["total"] - before) / tasks)
        for kind in samples:
            samples[kind].append((seconds[kind] - seconds["empty play"]) * 1000 / tasks)
    result = {kind: dict(spread(values), calls=statistics.median(calls[kind])) for kind, values in samples.items()}
    # Ratios within each round, where the kinds ran minutes apart at most, then their median and range.
    module = samples["was_scan_schedule unchanged, %d schedules" % TENANT_SIZES[0]]
    result["ratios"] = {
        "module / %s" % short: spread([100 * mine / theirs for mine, theirs in zip(module, samples[kind])])
        for short, kind in (("uri", "ansible.builtin.uri search"), ("ping", "ansible.builtin.ping"))
    }
    result["ratios"]["module / uri, of the medians"] = round(
        result["was_scan_schedule unchanged, %d schedules" % TENANT_SIZES[0]]["median"]
        / result["ansible.builtin.uri search"]["median"],
        2,
    )
    result["tasks_per_kind"] = rounds * tasks
    return result


# Where the module's time goes --------------------------------------------------------------------------------

OWNERS = {
    "ansible": "ansible-core",
    "ansible_collections": "qualys.was",
    "requests": "requests",
    "urllib3": "requests",
    "charset_normalizer": "requests",
    "chardet": "requests",
    "idna": "requests",
    "certifi": "requests",
    "xmltodict": "xmltodict",
}


def import_times(stderr: str) -> Dict[str, float]:
    """Milliseconds of imports by owner: a standard-library module is charged to whoever imported it first."""
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(1)), len(match.group(3)), match.group(4)))
    owners: Dict[str, float] = {}
    stack: List[Tuple[int, str]] = []  # ancestors (depth, owner); importtime prints a parent after its children
    for own, depth, name in reversed(rows):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        owner = OWNERS.get(name.split(".")[0]) or (stack[-1][1] if stack else "Python start-up")
        stack.append((depth, owner))
        owners[owner] = owners.get(owner, 0.0) + own / 1000
    return {owner: round(ms, 1) for owner, ms in sorted(owners.items())}


def kept_payloads(url: str, folder: str) -> Dict[str, str]:
    """The AnsiballZ payload of each kind, kept by Ansible after one run of each."""
    remote = os.path.join(folder, "remote-tmp")
    tasks = [PING_TASK, uri_task(url), schedule_task()]
    run_playbook(folder, play(url, tasks), env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": remote})
    payloads = {}
    for kind, name in (("ping", "ping"), ("uri", "uri"), ("was_scan_schedule", "was_scan_schedule")):
        found = glob.glob(os.path.join(remote, "ansible-tmp-*", "AnsiballZ_%s.py" % name))
        payloads[kind] = found[0]
    return payloads


# Runs its arguments as a process and reports that process's peak resident memory. Linux counts in a child's peak
# what it held before exec, forked from its parent: measured from this benchmark's large process, every module
# would show the benchmark's size. This small process is the parent instead.
PEAK_PROBE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
sys.stderr.write("peak_kib=%d\\n" % usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_mib(command: List[str]) -> float:
    completed = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE] + command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    match = re.search(r"^peak_kib=(\d+)$", completed.stderr, re.M)
    if completed.returncode or not match:
        raise RuntimeError("%s failed: %s" % (command, completed.stderr[-2000:]))
    return int(match.group(1)) / 1024


def run_process(command: List[str]) -> Tuple[float, float, str]:
    """Wall and CPU milliseconds and standard error of one process. CPU time is much less sensitive than wall time
    to the other processes of a busy machine."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - started) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError("%s failed: %s" % (command, stderr[-2000:]))
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000, stderr


def engine_time(url: str, repeats: int) -> Dict[str, dict]:
    """The engine's share of an unchanged ``was_scan_schedule`` task in-process: reading, comparing, and the time
    spent waiting for the server within it."""
    totals, waits = [], []
    desired = {option: None for option in RESOURCE.argument_spec()}
    desired.update(name=SCHEDULE, active=True)
    for _repeat in range(repeats):
        client = QualysClient(ConnectionSettings(url, USER["username"], USER["password"]))
        waited = [0.0]
        request = client.session.request

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return request(*args, **kwargs)
            finally:
                waited[0] += time.perf_counter() - started

        client.session.request = timed
        started = time.perf_counter()
        outcome = Reconciler(client, RESOURCE).ensure_present(
            ReferenceResolver(client).resolve(RESOURCE.fields, desired)
        )
        totals.append((time.perf_counter() - started) * 1000)
        waits.append(waited[0] * 1000)
        assert not outcome.changed
    return {"engine_ms": spread([t - w for t, w in zip(totals, waits)]), "server_wait_ms": spread(waits)}


def breakdown(urls: Dict[int, str], folder: str, repeats: int) -> dict:
    """Per kind: payload size, process wall and CPU time, peak memory and import times; for the module, engine and
    server time at each tenant size too. Kinds alternate within each repetition."""
    payloads = kept_payloads(urls[TENANT_SIZES[0]], folder)
    walls: Dict[str, List[float]] = {kind: [] for kind in list(payloads) + ["python -c pass"]}
    cpus: Dict[str, List[float]] = {kind: [] for kind in walls}
    imports: Dict[str, List[Dict[str, float]]] = {kind: [] for kind in payloads}
    for _repeat in range(repeats):
        wall, cpu, _stderr = run_process([sys.executable, "-c", "pass"])
        walls["python -c pass"].append(wall)
        cpus["python -c pass"].append(cpu)
        for kind, payload in payloads.items():
            wall, cpu, _stderr = run_process([sys.executable, payload])
            walls[kind].append(wall)
            cpus[kind].append(cpu)
            _wall, _cpu, stderr = run_process([sys.executable, "-X", "importtime", payload])
            imports[kind].append(import_times(stderr))
    result: Dict[str, Any] = {
        "process_ms": {kind: spread(values) for kind, values in walls.items()},
        "process_cpu_ms": {kind: spread(values) for kind, values in cpus.items()},
    }
    result["payload_kib"] = {kind: round(os.path.getsize(path) / 1024, 1) for kind, path in payloads.items()}
    result["peak_mib"] = {kind: round(peak_mib([sys.executable, path]), 1) for kind, path in payloads.items()}
    result["imports_ms"] = {
        kind: {
            owner: round(statistics.median(sample.get(owner, 0.0) for sample in samples), 1)
            for owner in sorted({owner for sample in samples for owner in sample})
        }
        for kind, samples in imports.items()
    }
    result["engine"] = {size: engine_time(url, repeats * 3) for size, url in urls.items()}
    return result


# Many objects, and a listing of 10,000 -----------------------------------------------------------------------


def many_items(count: int) -> List[dict]:
    return [
        {
            "name": "Bench many %05d" % number,
            "profile": 1071133,
            "active": False,
            "target": {"web_app": 4331925, "scanner_appliance": {"type": "external"}},
            "scheduling": {
                "start_date": "2031-01-06T01:00:00Z",
                "time_zone": {"code": "UTC"},
                "occurrence_type": "weekly",
                "weekly_occurrence": {"every_n_weeks": 1, "on_days": ["monday"]},
            },
        }
        for number in range(count)
    ]


def timed_calls(url: str, folder: str, plays: List[dict], empty: float) -> Tuple[float, int]:
    before = calls_so_far(url)["total"]
    seconds = run_playbook(folder, plays)
    return round(seconds - empty, 2), calls_so_far(url)["total"] - before


def many_objects(url: str, folder: str, empty: float, sample: int) -> List[dict]:
    """Per count: the resource module creating, then leaving unchanged, under each shape; and one task per
    object in a loop, timed on ``sample`` of them (a task's cost does not depend on the tenant, see the scale
    rows) and counted the same way."""
    rows = []
    for count in MANY:
        control(url, "/_sim/reset", {})
        items = many_items(count)
        vars_path = os.path.join(folder, "items.json")
        with open(vars_path, "w") as handle:
            json.dump({"bench_items": items}, handle)
        resource_task = {"qualys.was.was_scan_schedules": {"config": "{{ bench_items }}"}}
        row: Dict[str, Any] = {"objects": count}
        row["resource module, create"] = timed_calls(
            url, folder, play(url, [resource_task], {"vars_files": [vars_path]}), empty
        )
        for shape in SHAPES:
            control(url, "/_sim/settings", {"search_shape": shape})
            # The faster of two runs: a busy machine only ever adds time.
            row["resource module, unchanged, %s" % shape] = min(
                timed_calls(url, folder, play(url, [resource_task], {"vars_files": [vars_path]}), empty)
                for _repeat in range(2)
            )
            loop_task = {
                "qualys.was.was_scan_schedule": "{{ item }}",
                "loop": "{{ bench_items[:%d] }}" % sample,
            }
            seconds, calls = timed_calls(url, folder, play(url, [loop_task], {"vars_files": [vars_path]}), empty)
            row["one task per object, unchanged, %s" % shape] = (
                round(seconds * count / sample, 1),
                calls * count // sample,
            )
        control(url, "/_sim/settings", {"search_shape": "summary"})
        rows.append(row)
    return rows


def listing(url: str, folder: str, empty: float) -> dict:
    """``was_web_app_info`` reading every web app of a 10,000-web-app tenant: calls, time, peak memory."""
    remote = os.path.join(folder, "listing-tmp")
    task = {"qualys.was.was_web_app_info": {"name_contains": "Bench web app"}, "register": "listed"}
    check = {"ansible.builtin.assert": {"that": ["listed.web_apps | length == %d" % (LISTED - 5)]}}
    before = calls_so_far(url)["total"]
    seconds = run_playbook(
        folder, play(url, [task, check]), env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": remote}
    )
    calls = calls_so_far(url)["total"] - before
    payload = glob.glob(os.path.join(remote, "ansible-tmp-*", "AnsiballZ_was_web_app_info.py"))[0]
    wall, _cpu, _stderr = run_process([sys.executable, payload])
    peak = peak_mib([sys.executable, payload])
    return {
        "objects": LISTED - 5,
        "calls": calls,
        "task_s": round(seconds - empty, 2),
        "module_process_s": round(wall / 1000, 2),
        "peak_mib": round(peak, 1),
    }


# Main --------------------------------------------------------------------------------------------------------


def print_calls(rows: List[dict]) -> None:
    for row in rows:
        print(
            "  %-22s %-34s %s"
            % (
                row["module"],
                row["task"],
                "  ".join("%s=%s (min %s)" % (s, row[s]["calls"], row[s]["minimum"]) for s in SHAPES),
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="bench.json", help="where to write the numbers (JSON)")
    parser.add_argument("--smoke", action="store_true", help="a few tasks, calls only, checked against the minimum")
    parser.add_argument("--rounds", type=int, default=6, help="rounds of the interleaved timing (default 6)")
    parser.add_argument("--tasks", type=int, default=6, help="tasks of each kind per round (default 6)")
    parser.add_argument("--sample", type=int, default=12, help="loop tasks timed per many-objects count")
    parser.add_argument("--only", choices=["waits", "findings"], help="measure this part alone")
    args = parser.parse_args()
    os.environ.setdefault("ANSIBLE_PYTHON_INTERPRETER", sys.executable)
    os.environ.setdefault("ANSIBLE_HOST_KEY_CHECKING", "false")

    started = time.perf_counter()
    results: Dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "phase_seconds": {},
    }

    def phase(name: str, function, *arguments):
        began = time.perf_counter()
        results[name] = function(*arguments)
        results["phase_seconds"][name] = round(time.perf_counter() - began)
        print("== %s: %d s" % (name, results["phase_seconds"][name]), flush=True)

    with tempfile.TemporaryDirectory() as folder:
        if args.only in (None, "waits"):
            with simulator(waits_fixture(FIXTURE, folder), folder) as url:
                phase("waits", scan_waits, url, control, USER, args.smoke)
        if not args.only:
            with simulator(None, folder) as url:
                phase("calls", call_cases, url, folder, SMOKE_CASES if args.smoke else range(len(CASES)))
        if args.only in (None, "findings"):
            with simulator(None, folder) as url:
                tools = dict(control=control, run_playbook=run_playbook, play=play, run_process=run_process)
                tools.update(peak_mib=peak_mib, empty=min(run_playbook(folder, play(url, [])) for _repeat in range(2)))
                phase("findings", finding_reads, tools, url, folder, args.smoke)
        if not (args.smoke or args.only):
            fixtures = {
                size: tenant_fixture(folder, size, LISTED if size == max(TENANT_SIZES) else 0) for size in TENANT_SIZES
            }
            with simulator(fixtures[10], folder) as small, simulator(fixtures[1000], folder) as middle, simulator(
                fixtures[10000], folder
            ) as large:
                urls = {10: small, 1000: middle, 10000: large}
                phase("per_task_ms", per_task_rounds, folder, urls, args.rounds, args.tasks)
                empty = min(run_playbook(folder, play(small, [])) for _repeat in range(3))
                results["empty_play_s"] = round(empty, 2)
                phase("breakdown", breakdown, urls, folder, 5)
                phase("payloads", module_payloads, folder)
                phase("listing", listing, large, folder, empty)
            with simulator(None, folder) as url:
                phase("many", many_objects, url, folder, empty, args.sample)
    results["bench_seconds"] = round(time.perf_counter() - started)
    with open(args.out, "w") as handle:
        json.dump(results, handle, indent=2)
    print("API calls per task, measured and documented minimum:")
    print_calls(results.get("calls") or [])
    waits = results.get("waits") or {"single": {}}
    for what, row in waits["single"].items():
        print("  was_scan wait of %-12s %s calls (the guide: %s)" % (what, row["calls"], row["documented"]))
    for row in results.get("findings") or ():
        print(
            "  was_finding_info over %(findings)d findings%(only)s: %(calls)d calls (expected %(expected_calls)d),"
            " task %(task_s)s s, module process %(module_process_s)s s, peak %(peak_mib)s MiB"
            % dict(row, only=", count_only" if row["count_only"] else "")
        )
    excess = check_minimum(results.get("calls") or []) + check_documented(waits)
    excess += check_findings(results.get("findings") or [])
    if excess:
        print("measurements differ from the documented figures:\n  " + "\n  ".join(excess))
    return 1 if args.smoke and excess else 0


if __name__ == "__main__":
    sys.exit(main())
