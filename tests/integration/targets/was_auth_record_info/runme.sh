#!/usr/bin/env bash
# This target reads the fixture's records in full, with and without return_secrets: their secrets must reach no
# output outside the tasks that ask for them, and the passwords the tasks log in with none at all. No task can read
# the output Ansible prints, so this script runs the target's tasks (tasks/main.yml, as ansible-test would run the
# role) at -vvv with --diff and then checks that output (setup_leak_check/files says how).
set -eu -o pipefail
exec ../setup_leak_check/files/run_checked.sh "$@"
