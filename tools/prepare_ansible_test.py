"""Prepares this machine for ansible-test, for every ansible-core line installed.

Usage: python tools/prepare_ansible_test.py BIN_DIR HOMES_DIR VENV...

A VENV without the ``.installed`` stamp of ``tools/make-venv`` (its Python is missing) is left out.

* BIN_DIR receives a ``pythonX.Y`` symlink to a real interpreter for each Python version the lines support and
  this machine has. Put first on PATH, it hides pyenv's shims, which exit 127 for any version but pyenv's global
  one once ansible-test has stripped PYENV_VERSION from the environment. Links are replaced one by one, atomically,
  so that an ansible-test already running keeps working.
* Each line's ansible-test runs with HOME=HOMES_DIR/SERIES (see tools/run-ansible-test): the lines run at once, and
  ansible-test keeps its sanity virtualenvs under ~/.ansible/test/venv by a hash that two lines can share, where
  both would build the same one at the same time. That home's ``.ansible/test/cache/get_pip_<version>.py``
  receives ``get_pip_standin.py`` for the pip version the line pins, so that ansible-test never tries to download
  its pip bootstrap script, and beside it the wheel of that pip, fetched once, from which the stand-in installs pip
  into each new virtualenv without the index.
"""

import filecmp
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent

# Run inside each line's virtualenv: the Python versions its ansible-test supports and the pip version it pins.
PROBE = """
import json, pathlib, re, ansible_test, ansible.release
from ansible_test._util.target.common.constants import CONTROLLER_PYTHON_VERSIONS, REMOTE_ONLY_PYTHON_VERSIONS
source = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
pip = re.search(r"\\bpip='([0-9.]+)'", source.read_text())
series = ".".join(ansible.release.__version__.split(".")[:2])
print(json.dumps({"pythons": REMOTE_ONLY_PYTHON_VERSIONS + CONTROLLER_PYTHON_VERSIONS, "pip": pip and pip.group(1),
                  "series": series}))
"""


def probe(venv: Path) -> dict:
    output = subprocess.run([str(venv / "bin" / "python"), "-c", PROBE], check=True, capture_output=True, text=True)
    found = json.loads(output.stdout)
    if not found["pip"]:
        sys.exit(f"{venv}: cannot find the pip version ansible-test pins; its python_requirements.py has changed")
    found["venv"] = venv
    return found


def replace_link(link: Path, target: str) -> None:
    if link.is_symlink() and os.readlink(link) == target:
        return
    partial = link.with_name(f".{link.name}.{os.getpid()}")
    partial.unlink(missing_ok=True)
    partial.symlink_to(target)
    os.replace(partial, link)


def link_pythons(bin_dir: Path, versions: set) -> None:
    if bin_dir.exists() and not bin_dir.is_dir():
        bin_dir.unlink()
    bin_dir.mkdir(parents=True, exist_ok=True)
    found, missing = [], []
    for version in sorted(versions, key=lambda text: tuple(int(part) for part in text.split("."))):
        located = subprocess.run([str(TOOLS / "find-python"), version], check=False, capture_output=True, text=True)
        if located.returncode == 0:
            replace_link(bin_dir / f"python{version}", located.stdout.strip())
            found.append(version)
        else:
            missing.append(version)
    for stale in bin_dir.iterdir():
        if stale.name not in {f"python{version}" for version in found}:
            stale.unlink()
    print(f"ansible-test: Python {' '.join(found)} found", end="")
    print(f"; {' '.join(missing)} not installed, so not tested" if missing else "")


def install_standin(cache: Path, pip_version: str) -> None:
    target = cache / f"get_pip_{pip_version.replace('.', '_')}.py"
    source = TOOLS / "get_pip_standin.py"
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        return
    cache.mkdir(parents=True, exist_ok=True)
    # written beside the target and renamed, so that an ansible-test running now never reads half a file
    with tempfile.NamedTemporaryFile("wb", dir=cache, delete=False) as partial:
        partial.write(source.read_bytes())
    os.chmod(partial.name, 0o644)
    os.replace(partial.name, target)


def fetch_pip_wheel(cache: Path, pip_version: str, venv: Path) -> None:
    """The pip wheel the stand-in installs from; without it (no index reachable) the stand-in uses ensurepip."""
    if (cache / f"pip-{pip_version}-py3-none-any.whl").exists():
        return
    with tempfile.TemporaryDirectory(dir=cache) as download:
        command = [str(venv / "bin" / "python"), "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        command += ["--no-deps", "--only-binary", ":all:", "--dest", download, f"pip=={pip_version}"]
        if subprocess.run(command, check=False).returncode != 0:
            print(f"ansible-test: could not fetch the pip {pip_version} wheel; new virtualenvs bootstrap pip slower")
            return
        for wheel in Path(download).glob("pip-*.whl"):
            os.replace(wheel, cache / wheel.name)


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    bin_dir, homes = Path(sys.argv[1]), Path(sys.argv[2])
    venvs = [Path(venv) for venv in sys.argv[3:] if (Path(venv) / ".installed").exists()]
    probes = [probe(venv) for venv in venvs]
    link_pythons(bin_dir, {version for found in probes for version in found["pythons"]})
    for found in probes:
        cache = homes / found["series"] / ".ansible" / "test" / "cache"
        install_standin(cache, found["pip"])
        fetch_pip_wheel(cache, found["pip"], found["venv"])


if __name__ == "__main__":
    main()
