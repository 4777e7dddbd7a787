"""Usage: python tools/docs/offline_inventory.py PATH

Writes PATH, a Sphinx inventory (objects.inv, version 2) holding the labels of the Ansible documentation that the
pages antsibull-docs generates refer to, with their addresses on docs.ansible.com. Sphinx resolves those references
from it instead of downloading the whole inventory, so that `make docs` works offline. A label missing here fails
the build (nitpicky, warnings are errors) and names itself.
"""

import sys
import zlib

# label: (page and anchor under https://docs.ansible.com/projects/ansible/devel/, title)
LABELS = {
    "ansible_configuration_settings": (
        "reference_appendices/config.html#ansible-configuration-settings",
        "Ansible Configuration Settings",
    ),
    "common_return_values": ("reference_appendices/common_return_values.html#common-return-values", "Return Values"),
}


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    header = "# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
    header += "# The remainder of this file is compressed using zlib.\n"
    entries = "".join(f"{label} std:label -1 {uri} {title}\n" for label, (uri, title) in sorted(LABELS.items()))
    with open(sys.argv[1], "wb") as inventory:
        inventory.write(header.encode("utf-8") + zlib.compress(entries.encode("utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
