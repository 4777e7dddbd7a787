#!/usr/bin/env bash
# Runs the playbook at -vvv with --diff, every task result printed as JSON, then checks that no secret of the
# simulator's fixture reached the output outside the tasks that set return_secrets.
set -eu -o pipefail

log="${OUTPUT_DIR:-/tmp}/was_auth_record_info.log"
python="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
status=0

ANSIBLE_CALLBACK_RESULT_FORMAT=json ansible-playbook playbook.yml -i "${INVENTORY_PATH}" \
    -e @../../integration_config.yml -vvv --diff "$@" > "${log}" 2>&1 || status=$?
if [ "${status}" -ne 0 ]; then
    # Listing more than a thousand records makes the log long: show where it failed.
    grep -E -A 40 '^(fatal|failed):' "${log}" | head -n 200 || tail -n 100 "${log}"
fi
grep -A 3 '^PLAY RECAP' "${log}" || true
# Leaks count even in a run that failed.
"${python}" files/check_leaks.py ../../../simulator/fixture.json playbook.yml "${log}" || status=1
echo "Full output: ${log}"
exit "${status}"
