# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fail when a secret appears in a playbook log where it must not.

Usage: check_leaks.py FIXTURE TASKS LOG

Three kinds of secret are looked for. The simulator's record secrets are read from FIXTURE by the API's own
definition (server and OAuth2 passwords, secured form field values, OAuth2 client secrets, certificate contents
and passphrases, values typed by Selenium ``type`` commands); the tasks that set ``return_secrets: true`` in the
task files under TASKS may show them, no other task. The passwords the users log in with, and every string a
target's own data starts with ``integration-secret-``, no task may show. The log is cut into tasks at each
``TASK [`` header. Where a task asks for record secrets, at least one such task must actually show them, to prove
that the check can see a leak.
"""

import json
import os
import re
import sys

import yaml

TYPED_VALUE = re.compile(r"<tr>\s*<td>\s*type\s*</td>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>", re.IGNORECASE)
TARGET_SECRET = "integration-secret-"
# A task header names the task, after its role's name when it runs in a role: TASK [role : name] ****
HEADER = re.compile(r"^TASK \[(?:[^\]]+? : )?(?P<name>.*)\]")
BLOCKS = ("block", "rescue", "always")


def record_secrets(fixture):
    found = set()
    for record in fixture["WebAppAuthRecord"]:
        form = record.get("formRecord", {})
        found.update(field["value"] for field in form.get("fields", ()) if field.get("secured"))
        server = record.get("serverRecord", {})
        found.update(field["password"] for field in server.get("fields", ()))
        certificate = server.get("certificate", {})
        oauth2 = record.get("oauth2Record", {})
        found.update(part.get(key) for part, key in ((certificate, "contents"), (certificate, "passphrase")))
        found.update(oauth2.get(key) for key in ("password", "clientSecret"))
        for script in (form.get("seleniumScript", {}), oauth2.get("seleniumScript", {})):
            found.update(TYPED_VALUE.findall(script.get("data", "")))
    found.discard(None)
    return found


def task_list(tasks):
    """Every task of a task file, those inside blocks included."""
    for task in tasks or ():
        if any(key in task for key in BLOCKS):
            for key in BLOCKS:
                yield from task_list(task.get(key))
        else:
            yield task


def asking_for_secrets(tasks_dir):
    """Names of the tasks that set return_secrets (the log does not show module arguments)."""
    names = set()
    for folder, _subfolders, files in os.walk(tasks_dir):
        for file_name in sorted(files):
            if not file_name.endswith((".yml", ".yaml")):
                continue
            with open(os.path.join(folder, file_name), encoding="utf-8") as handle:
                for task in task_list(yaml.safe_load(handle)):
                    if any(isinstance(args, dict) and args.get("return_secrets") is True for args in task.values()):
                        names.add(task["name"])
    return names


def tasks(log):
    """(task name, text) for each part of the log that belongs to one task; the play header comes first."""
    parts = re.split(r"^(?=TASK \[|PLAY RECAP)", log, flags=re.MULTILINE)
    named = []
    for part in parts:
        header = HEADER.match(part)
        named.append((header.group("name") if header else "", part))
    return named


def main(fixture_path, tasks_dir, log_path):
    with open(fixture_path, encoding="utf-8") as handle:
        fixture = json.load(handle)
    exempt = asking_for_secrets(tasks_dir)
    with open(log_path, encoding="utf-8") as handle:
        log = handle.read()
    secrets = record_secrets(fixture)
    logins = {user["password"] for user in fixture["User"] if "password" in user}
    problems, shown_on_request = [], 0
    parts = tasks(log)
    for name, text in parts:
        allowed = name in exempt
        where = "task %r" % name if name else "the log outside tasks"
        for secret in sorted(logins | (set() if allowed else secrets)):
            if secret in text:
                problems.append("%s shows %r" % (where, secret))
        if TARGET_SECRET in text:
            problems.append("%s shows a secret of the target's own data (%s...)" % (where, TARGET_SECRET))
        if allowed:
            shown_on_request += sum(secret in text for secret in secrets)
    if exempt and not shown_on_request:
        problems.append("no task that set return_secrets showed a secret: the check would not see a leak")
    for problem in problems:
        print("LEAK CHECK: " + problem)
    print(
        "leak check: %d record secrets, %d login passwords and %s... looked for in %d tasks; %d shown where asked for"
        % (len(secrets), len(logins), TARGET_SECRET, len(parts), shown_on_request)
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
