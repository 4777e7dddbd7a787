# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fail when a secret of the simulator's fixture appears in a playbook log where it must not.

Usage: check_leaks.py FIXTURE PLAYBOOK LOG

The secrets are read from the fixture by the API's own definition (server and OAuth2 passwords, secured form
field values, OAuth2 client secrets, certificate contents and passphrases, values typed by Selenium ``type``
commands), plus the passwords the users log in with. The log is cut into tasks at each ``TASK [`` header. The
tasks of the playbook that set ``return_secrets: true`` may show record secrets; no task may show a login
password. To prove that the check can see a leak, at least one such task must actually show record secrets.
"""

import json
import re
import sys

import yaml

TYPED_VALUE = re.compile(r"<tr>\s*<td>\s*type\s*</td>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>", re.IGNORECASE)


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


def asking_for_secrets(playbook):
    """Names of the tasks that set return_secrets (the log does not show module arguments)."""
    names = set()
    for play in playbook:
        for task in play.get("tasks", ()):
            if any(isinstance(args, dict) and args.get("return_secrets") is True for args in task.values()):
                names.add(task["name"])
    return names


def tasks(log):
    """(header, text) for each part of the log that belongs to one task; the play header comes first."""
    parts = re.split(r"^(?=TASK \[|PLAY RECAP)", log, flags=re.MULTILINE)
    return [(part.splitlines()[0] if part else "", part) for part in parts]


def main(fixture_path, playbook_path, log_path):
    with open(fixture_path, encoding="utf-8") as handle:
        fixture = json.load(handle)
    with open(playbook_path, encoding="utf-8") as handle:
        exempt = asking_for_secrets(yaml.safe_load(handle))
    with open(log_path, encoding="utf-8") as handle:
        log = handle.read()
    secrets = record_secrets(fixture)
    logins = {user["password"] for user in fixture["User"] if "password" in user}
    problems, shown_on_request = [], 0
    for header, text in tasks(log):
        allowed = any(header.startswith("TASK [%s]" % name) for name in exempt)
        for secret in sorted(logins | (set() if allowed else secrets)):
            if secret in text:
                problems.append("%s shows %r" % (header or "the log", secret))
        if allowed:
            shown_on_request += sum(secret in text for secret in secrets)
    if not shown_on_request:
        problems.append("no task that set return_secrets showed a secret: the check would not see a leak")
    for problem in problems:
        print("LEAK CHECK: " + problem)
    print(
        "leak check: %d record secrets and %d login passwords looked for in %d tasks; %d shown where asked for"
        % (len(secrets), len(logins), len(tasks(log)), shown_on_request)
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
