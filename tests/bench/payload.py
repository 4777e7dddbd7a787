# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What AnsiballZ ships with each module: the payload file Ansible runs, and the collection files inside it.

Ansible builds the payloads itself: one play runs every module once with no options (each fails in argument
parsing, before any call, in a second or two) and keeps its remote files (``ANSIBLE_KEEP_REMOTE_FILES``). The zip
inside each payload lists what a task's Python receives; running the payload once more under ``python -X importtime``
tells which of the collection's files it imports, and so compiles (a zipped module is compiled on every run, never
cached), before the module's work begins. Run alone (``python payload.py``) it prints a table, with the collection
on ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import annotations

import base64
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from typing import Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = sorted(
    os.path.basename(path)[: -len(".py")] for path in glob.glob(os.path.join(ROOT, "plugins", "modules", "was_*.py"))
)
COLLECTION_PREFIX = "ansible_collections/qualys/was/"
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
_ZIP_DATA = re.compile(r"zip_data='([A-Za-z0-9+/=]+)'")


def kept_payloads(folder: str, tasks: Dict[str, dict], env: Dict[str, str]) -> Dict[str, str]:
    """Runs ``tasks`` (kind -> task) in one play and returns the AnsiballZ file Ansible kept for each kind."""
    remote = os.path.join(folder, "payload-tmp")
    plays = [
        {
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": [dict(task, ignore_errors=True) for task in tasks.values()],
        }
    ]
    path = os.path.join(folder, "payload-playbook.json")
    with open(path, "w") as handle:
        json.dump(plays, handle)
    environment = dict(os.environ, ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_REMOTE_TMP=remote, **env)
    completed = subprocess.run(
        [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        check=False,
    )
    payloads = {}
    for kind, task in tasks.items():
        action = next(key for key in task if key not in ("register", "ignore_errors"))
        found = glob.glob(os.path.join(remote, "ansible-tmp-*", "AnsiballZ_%s.py" % action.rsplit(".", 1)[-1]))
        if not found:
            raise RuntimeError("ansible-playbook kept no payload of %s:\n%s" % (action, completed.stdout[-3000:]))
        payloads[kind] = found[0]
    return payloads


def shipped(payload: str) -> Dict[str, int]:
    """The files zipped into a payload and their uncompressed sizes in bytes."""
    with open(payload) as handle:
        match = _ZIP_DATA.search(handle.read())
    if not match:
        raise RuntimeError("no zip data in %s" % payload)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(match.group(1)))) as archive:
        return {info.filename: info.file_size for info in archive.infolist()}


def imported(payload: str) -> List[str]:
    """The collection's Python modules (dotted, below the collection) that a run of the payload imports."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", payload],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # The module fails without its arguments; only the imports it makes on the way matter.
        check=False,
    )
    names = re.findall(r"^import time:.*\| *ansible_collections\.qualys\.was\.(\S+)$", completed.stderr, re.M)
    return sorted(set(names))


# Imports, from the payload's own zip, what a module imports at start once ansible-core's basic module, requests and
# xmltodict are in: the CPU time of the collection's start alone. CPU time, and the least of a few runs, since the
# machine's other processes only ever add to it.
_START_PROBE = """
import sys, time
sys.path.insert(0, sys.argv[1])
import ansible.module_utils.basic, requests, xmltodict
started = time.process_time()
__import__("ansible_collections.qualys.was.plugins.modules." + sys.argv[2])
print((time.process_time() - started) * 1000)
"""


def start_cpu_ms(payload: str, runs: int) -> Optional[float]:
    """The least CPU milliseconds, over ``runs`` processes, of importing the module from its payload's zip."""
    with open(payload) as handle:
        zipped = base64.b64decode(_ZIP_DATA.search(handle.read()).group(1))
    module = os.path.basename(payload)[len("AnsiballZ_") : -len(".py")]
    with tempfile.NamedTemporaryFile(suffix=".zip") as archive:
        archive.write(zipped)
        archive.flush()
        times = [
            float(
                subprocess.run(
                    [sys.executable, "-c", _START_PROBE, archive.name, module],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _run in range(runs)
        ]
    return round(min(times), 1) if times else None


def measure(payload: str, runs: int = 0) -> dict:
    """A payload's size; the collection's share of what it ships and of what a run compiles, in bytes and by name;
    with ``runs``, the CPU time of that start (``start_cpu_ms``)."""
    files = shipped(payload)
    ours = {name[len(COLLECTION_PREFIX) :]: size for name, size in files.items() if name.startswith(COLLECTION_PREFIX)}
    utils = sorted(
        os.path.basename(name)[: -len(".py")]
        for name in ours
        if name.startswith("plugins/module_utils/") and not name.endswith("__init__.py")
    )
    compiled = [name for name in imported(payload) if name.replace(".", "/") + ".py" in ours]
    # The module itself runs as __main__, which importtime does not list; it is compiled all the same.
    module = "plugins.modules." + os.path.basename(payload)[len("AnsiballZ_") : -len(".py")]
    if module.replace(".", "/") + ".py" in ours:
        compiled.append(module)
    return {
        "payload_kib": round(os.path.getsize(payload) / 1024, 1),
        "shipped_kib": round(sum(files.values()) / 1024, 1),
        "collection_kib": round(sum(ours.values()) / 1024, 1),
        "compiled_kib": round(sum(ours[name.replace(".", "/") + ".py"] for name in compiled) / 1024, 1),
        "module_utils": utils,
        "compiled": sorted(name.rsplit(".", 1)[-1] for name in compiled if name.startswith("plugins.module_utils.")),
        "start_cpu_ms": start_cpu_ms(payload, runs) if runs and ours else None,
    }


def module_payloads(folder: str, env: Optional[Dict[str, str]] = None, runs: int = 9) -> Dict[str, dict]:
    """``measure`` of every module of the collection; ``ping`` as the floor every module pays. ``env`` adds to the
    environment of ansible-playbook (ANSIBLE_COLLECTIONS_PATH); ``runs`` times the start (none: not timed)."""
    tasks = {"ping": {"ansible.builtin.ping": {}}}
    tasks.update({module: {"qualys.was." + module: {}} for module in MODULES})
    # The modules fail at once on missing options: no connection is tried, so no URL is needed.
    environment = dict(env or {}, ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    return {kind: measure(path, runs) for kind, path in kept_payloads(folder, tasks, environment).items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        sizes = module_payloads(folder)
    rows: List[str] = []
    for kind, size in sizes.items():
        rows.append(
            "%-22s payload %6.1f KiB, unzipped %6.1f KiB, collection %5.1f KiB shipped, %5.1f KiB compiled in %s CPU"
            " ms; not compiled at start: %s"
            % (
                kind,
                size["payload_kib"],
                size["shipped_kib"],
                size["collection_kib"],
                size["compiled_kib"],
                size["start_cpu_ms"],
                " ".join(sorted(set(size["module_utils"]) - set(size["compiled"]))) or "-",
            )
        )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
