"""Usage: python tools/check_docs.py ANSIBLE-DOC-JSON MODULE...

Fails unless the output of ``ansible-doc --json`` documents every MODULE (a fully qualified name). ansible-doc
leaves out a module whose documentation it cannot load, and may still exit 0.
"""

import json
import sys


def main() -> int:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as output:
        documents = json.load(output)
    missing = [name for name in sys.argv[2:] if not (documents.get(name) or {}).get("doc", {}).get("short_description")]
    for name in missing:
        print(f"ansible-doc found no documentation for {name} in the installed collection", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
