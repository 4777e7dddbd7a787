"""ansible-test's pip bootstrap, without its download.

ansible-test creates its virtualenvs without pip and runs a cached ``get_pip_<version>.py`` with the arguments of a
``pip install`` (``pip==<version>`` and options) plus get-pip's own ``--no-setuptools``/``--no-wheel``. The script
it would download lives on a host this network cannot reach, so ``tools/prepare_ansible_test.py`` puts this file in
its place, and beside it the wheel of the pip version ansible-test pins. That wheel runs pip and installs itself:
one local install per virtualenv, no index. Without the wheel (or when get-pip would also have installed
setuptools or wheel): Python's bundled pip first, then exactly what ansible-test asked for, from the usual index.
"""

import os
import subprocess
import sys

GET_PIP_ONLY = {"--no-setuptools": "setuptools", "--no-wheel": "wheel"}
HERE = os.path.dirname(os.path.abspath(__file__))

arguments = [argument for argument in sys.argv[1:] if argument not in GET_PIP_ONLY]
unwanted = [package for flag, package in GET_PIP_ONLY.items() if flag in sys.argv[1:]]
pins = [argument.split("==", 1)[1] for argument in arguments if argument.startswith("pip==")]
wheel = os.path.join(HERE, "pip-%s-py3-none-any.whl" % pins[0]) if pins else ""
others = [argument for argument in arguments if not argument.startswith("-") and not argument.startswith("pip==")]


def from_wheel() -> bool:
    if not wheel or not os.path.exists(wheel) or others or len(unwanted) != len(GET_PIP_ONLY):
        return False
    command = [sys.executable, os.path.join(wheel, "pip"), "install", "--no-index", "--find-links", HERE]
    return subprocess.call(command + arguments) == 0


if not from_wheel():
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + arguments)
    if unwanted:
        # ensurepip brings setuptools on Python < 3.12; get-pip would not have installed it
        subprocess.check_call([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet"] + unwanted)
