#!/usr/bin/env bash
# Usage, from the runme.sh of a target, in the target's directory: ../setup_leak_check/files/run_checked.sh [OPTION]...
#
# Runs the target's tasks/main.yml as the role ansible-test would run, but at -vvv with --diff and every task result
# printed as JSON, then hands the whole output to check_leaks.py. No task can read the output Ansible prints, so a
# target whose tasks handle secrets needs this script to prove that none of them reached it. Ansible's own mask
# (********) is no proof of a leak here: a form field's value is no_log whatever it holds, so Ansible also masks a
# user name a field holds; the tasks assert that the modules themselves show <hidden> wherever a secret is.
# OPTIONs go to ansible-playbook.
set -eu -o pipefail

target="$(basename "${PWD}")"
files="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log="${OUTPUT_DIR}/${target}.log"
playbook="${OUTPUT_DIR}/${target}.yml"
status=0

cat >"${playbook}" <<PLAY
- name: Run the ${target} target
  hosts: testhost
  gather_facts: false
  vars_files: ["${PWD}/../../integration_config.yml"]
  roles: [${target}]
PLAY
ANSIBLE_ROLES_PATH="${PWD}/.." ANSIBLE_CALLBACK_RESULT_FORMAT=json \
    ansible-playbook "${playbook}" -i "${INVENTORY_PATH}" -vvv --diff "$@" >"${log}" 2>&1 || status=$?
if ((status != 0)); then
    # Long listings make the log long: show where it failed.
    grep -E -A 40 '^(fatal|failed):' "${log}" | head -n 200 || tail -n 100 "${log}"
fi
grep -A 3 '^PLAY RECAP' "${log}" || true
# Leaks count even in a run that failed.
"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" "${files}/check_leaks.py" "${PWD}/../../../simulator/fixture.json" \
    tasks "${log}" || status=1
echo "Full output: ${log}"
exit "${status}"
