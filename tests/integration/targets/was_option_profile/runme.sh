#!/usr/bin/env bash
# This target logs in as several users, some of them refused: their passwords must reach no output. No task can
# read the output Ansible prints, so this script runs the target's tasks (tasks/main.yml, as ansible-test would run
# the role) at -vvv with --diff and then checks that output (setup_leak_check/files says how).
set -eu -o pipefail
exec ../setup_leak_check/files/run_checked.sh "$@"
