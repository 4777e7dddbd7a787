#!/usr/bin/env bash
# Runs the playbooks at -vvv (the main one with --diff) and then checks that no password reached the output.
set -eu -o pipefail

log="${OUTPUT_DIR:-/tmp}/was_option_profile.log"
ansible-playbook playbook.yml -i "${INVENTORY_PATH}" -e @../../integration_config.yml -vvv --diff "$@" | tee "${log}"
ansible-playbook check_mode_absent.yml -i "${INVENTORY_PATH}" -e @../../integration_config.yml -vvv "$@" | tee -a "${log}"

for secret in admin-pass reader-pass; do
    if grep -F -q -- "${secret}" "${log}"; then
        echo "The password of a simulator user appears in the output" >&2
        exit 1
    fi
done
