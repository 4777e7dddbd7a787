#!/usr/bin/env bash
# The record this target creates and changes holds secrets (defaults/main.yml) that must reach no output, and so
# must the passwords its tasks log in with. No task can read the output Ansible prints, so this script runs the
# target's tasks (tasks/main.yml, as ansible-test would run the role) at -vvv with --diff and then checks that
# output for every one of those secrets (setup_leak_check/files says how).
set -eu -o pipefail
exec ../setup_leak_check/files/run_checked.sh "$@"
