"""ansible-test's pip bootstrap, without its download.

ansible-test creates its virtualenvs without pip and runs a cached ``get_pip_<version>.py`` with the arguments of a
``pip install`` (``pip==<version>`` and options) plus get-pip's own ``--no-setuptools``/``--no-wheel``. The script
it would download lives on a host this network cannot reach, so ``tools/prepare_ansible_test.py`` puts this file in
its place, and beside it the wheel of the pip version ansible-test pins. That wheel is unpacked into the
virtualenv as pip would install it (its files, its RECORD, the pip, pip3 and pipX.Y scripts): no index, and none of
the 2-3 CPU seconds a pip run of the wheel spends installing it, which a cold `make test` paid for each of the
dozens of virtualenvs ansible-test makes. Modules are compiled when first imported, as with any install made
without bytecode. Without the wheel (or when get-pip would also have installed setuptools or wheel): Python's
bundled pip first, then exactly what ansible-test asked for, from the usual index.
"""

import csv
import os
import subprocess
import sys
import sysconfig
import zipfile

GET_PIP_ONLY = {"--no-setuptools": "setuptools", "--no-wheel": "wheel"}
HERE = os.path.dirname(os.path.abspath(__file__))

arguments = [argument for argument in sys.argv[1:] if argument not in GET_PIP_ONLY]
unwanted = [package for flag, package in GET_PIP_ONLY.items() if flag in sys.argv[1:]]
pins = [argument.split("==", 1)[1] for argument in arguments if argument.startswith("pip==")]
wheel = os.path.join(HERE, "pip-%s-py3-none-any.whl" % pins[0]) if pins else ""
others = [argument for argument in arguments if not argument.startswith("-") and not argument.startswith("pip==")]


def unpack(path: str) -> None:
    """Installs the pip wheel at ``path`` (pure Python, no .data directory) into the running interpreter's
    environment: its files into site-packages, then the console scripts, listed in its RECORD so that
    ``pip uninstall pip``, which ansible-test runs in some virtualenvs, removes them too."""
    paths = sysconfig.get_paths()
    site, scripts = paths["purelib"], paths["scripts"]
    with zipfile.ZipFile(path) as archive:
        archive.extractall(site)
        dist_info = next(name.split("/")[0] for name in archive.namelist() if name.split("/")[0].endswith(".dist-info"))
    installed = []
    for name in ("pip", "pip3", "pip%d.%d" % sys.version_info[:2]):
        script = os.path.join(scripts, name)
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(
                "#!%s\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n" % sys.executable
            )
        os.chmod(script, 0o755)
        installed.append(os.path.relpath(script, site))
    with open(os.path.join(site, dist_info, "INSTALLER"), "w", encoding="utf-8") as handle:
        handle.write("pip\n")
    with open(os.path.join(site, dist_info, "RECORD"), "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[name, "", ""] for name in installed + [dist_info + "/INSTALLER"]])


def from_wheel() -> bool:
    if not wheel or not os.path.exists(wheel) or others or len(unwanted) != len(GET_PIP_ONLY):
        return False
    unpack(wheel)
    return True


if not from_wheel():
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + arguments)
    if unwanted:
        # ensurepip brings setuptools on Python < 3.12; get-pip would not have installed it
        subprocess.check_call([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet"] + unwanted)
