"""Prepares this machine for ansible-test, for every ansible-core line installed.

Usage: python tools/prepare_ansible_test.py BIN_DIR VENV...

A VENV without the ``.installed`` stamp of ``tools/make-venv`` (its Python is missing) is left out.

* BIN_DIR receives a ``pythonX.Y`` symlink to a real interpreter for each Python version the lines support and
  this machine has. Put first on PATH, it hides pyenv's shims, which exit 127 for any version but pyenv's global
  one once ansible-test has stripped PYENV_VERSION from the environment.
* ``~/.ansible/test/cache/get_pip_<version>.py`` receives ``get_pip_standin.py`` for the pip version each line
  pins, so that ansible-test never tries to download its pip bootstrap script.
"""

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
CACHE = Path.home() / ".ansible" / "test" / "cache"

# Run inside each line's virtualenv: the Python versions its ansible-test supports and the pip version it pins.
PROBE = """
import json, pathlib, re, ansible_test
from ansible_test._util.target.common.constants import CONTROLLER_PYTHON_VERSIONS, REMOTE_ONLY_PYTHON_VERSIONS
source = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
pip = re.search(r"\\bpip='([0-9.]+)'", source.read_text())
print(json.dumps({"pythons": REMOTE_ONLY_PYTHON_VERSIONS + CONTROLLER_PYTHON_VERSIONS, "pip": pip and pip.group(1)}))
"""


def probe(venv: Path) -> dict:
    output = subprocess.run([str(venv / "bin" / "python"), "-c", PROBE], check=True, capture_output=True, text=True)
    found = json.loads(output.stdout)
    if not found["pip"]:
        sys.exit(f"{venv}: cannot find the pip version ansible-test pins; its python_requirements.py has changed")
    return found


def link_pythons(bin_dir: Path, versions: set) -> None:
    shutil.rmtree(bin_dir, ignore_errors=True)
    bin_dir.mkdir(parents=True)
    found, missing = [], []
    for version in sorted(versions, key=lambda text: tuple(int(part) for part in text.split("."))):
        located = subprocess.run([str(TOOLS / "find-python"), version], check=False, capture_output=True, text=True)
        if located.returncode == 0:
            (bin_dir / f"python{version}").symlink_to(located.stdout.strip())
            found.append(version)
        else:
            missing.append(version)
    print(f"ansible-test: Python {' '.join(found)} found", end="")
    print(f"; {' '.join(missing)} not installed, so not tested" if missing else "")


def install_standin(pip_version: str) -> None:
    target = CACHE / f"get_pip_{pip_version.replace('.', '_')}.py"
    source = TOOLS / "get_pip_standin.py"
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    # written beside the target and renamed, so that an ansible-test running now never reads half a file
    with tempfile.NamedTemporaryFile("wb", dir=CACHE, delete=False) as partial:
        partial.write(source.read_bytes())
    os.chmod(partial.name, 0o644)
    os.replace(partial.name, target)


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bin_dir = Path(sys.argv[1])
    venvs = [Path(venv) for venv in sys.argv[2:] if (Path(venv) / ".installed").exists()]
    probes = [probe(venv) for venv in venvs]
    link_pythons(bin_dir, {version for found in probes for version in found["pythons"]})
    for found in probes:
        install_standin(found["pip"])


if __name__ == "__main__":
    main()
