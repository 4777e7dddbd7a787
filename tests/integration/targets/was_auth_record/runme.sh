#!/usr/bin/env bash
# Runs the playbook at -vvv with --diff, every task result printed as JSON, then checks that none of the secrets
# the playbook sets reached the output. Ansible's own mask (********) is no proof of a leak here: a form field's
# value is no_log whatever it holds, so Ansible also masks the user name a field holds; the playbook asserts that
# the module itself shows <hidden> wherever a secret is.
set -eu -o pipefail

log="${OUTPUT_DIR:-/tmp}/was_auth_record.log"
status=0

ANSIBLE_CALLBACK_RESULT_FORMAT=json ansible-playbook playbook.yml -i "${INVENTORY_PATH}" \
    -e @../../integration_config.yml -vvv --diff "$@" > "${log}" 2>&1 || status=$?
if [ "${status}" -ne 0 ]; then
    grep -E -A 40 '^(fatal|failed):' "${log}" | head -n 200 || tail -n 100 "${log}"
fi
grep -A 3 '^PLAY RECAP' "${log}" || true
# Leaks count even in a run that failed. The playbook's secrets all start with this prefix.
if grep -n 'integration-secret-' "${log}"; then
    echo "A secret of the playbook appears in the output above (${log})."
    status=1
fi
echo "Full output: ${log}"
exit "${status}"
