#!/usr/bin/env bash
# Runs the playbook at -vvv with --diff and then checks that no password reached the output.
set -eu -o pipefail

log="${OUTPUT_DIR:-/tmp}/was_option_profile.log"
ansible-playbook playbook.yml -i "${INVENTORY_PATH}" -e @../../integration_config.yml -vvv --diff "$@" | tee "${log}"

for secret in admin-pass reader-pass; do
    if grep -F -q -- "${secret}" "${log}"; then
        echo "The password of a simulator user appears in the output" >&2
        exit 1
    fi
done
