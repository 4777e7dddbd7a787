"""ansible-test's pip bootstrap, without its download.

ansible-test creates its virtualenvs without pip and runs a cached ``get_pip_<version>.py`` with the arguments of a
``pip install`` (``pip==<version>`` and options) plus get-pip's own ``--no-setuptools``/``--no-wheel``. The script
it would download lives on a host this network cannot reach, so ``tools/prepare_ansible_test.py`` puts this file in
its place: Python's bundled pip first, then exactly what ansible-test asked for, from the usual package index.
"""

import subprocess
import sys

GET_PIP_ONLY = {"--no-setuptools": "setuptools", "--no-wheel": "wheel"}

arguments = [argument for argument in sys.argv[1:] if argument not in GET_PIP_ONLY]
unwanted = [package for flag, package in GET_PIP_ONLY.items() if flag in sys.argv[1:]]

subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
subprocess.check_call([sys.executable, "-m", "pip", "install"] + arguments)
if unwanted:
    # ensurepip brings setuptools on Python < 3.12; get-pip would not have installed it
    subprocess.check_call([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet"] + unwanted)
