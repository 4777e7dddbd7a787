# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The built collection is the files of the collection and nothing else.

A user builds the tarball from a clone in which they may have left a playbook with a password, a tenant export or
notes; a tarball is then shared, installed on AWX, published. Each test builds with tools/build-collection, as
``make lint`` and ``make demo`` do, from a copy of this tree that holds such stray files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from typing import Dict, List

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECRET = "stray-password-4c1e9"
# Where people leave files in a clone: its root, beside the examples they copy, a folder of their own.
STRAYS = {
    "shop_schedule.yml": "- hosts: localhost\n  module_defaults:\n    group/qualys.was.was:\n"
    "      username: admin\n      password: %s\n  tasks: []\n" % SECRET,
    "docs/examples/tenant.yml": "scope: {}\nnote: exported with password %s\n" % SECRET,
    "playbooks/site.yml": "- hosts: all\n  vars:\n    qualys_password: %s\n" % SECRET,
    "plugins/modules/credentials.txt": "%s\n" % SECRET,
}
# Files git tracks that are not the collection: the toolchain, and the simulator with the suites that need it,
# which run from a clone. galaxy.yml itself reaches the tarball as MANIFEST.json.
NOT_SHIPPED = (
    ".ansible-lint",
    ".ci/",
    ".gitignore",
    "Makefile",
    "galaxy.yml",
    "pyproject.toml",
    "tests/bench/",
    "tests/simulator/",
    "tests/system/",
    "tests/unit/simulator/",
    "tools/",
)
ADDED_BY_GALAXY = {"MANIFEST.json", "FILES.json"}


def git(tree: str, *args: str) -> str:
    return subprocess.run(["git", "-C", tree, *args], check=True, capture_output=True, text=True).stdout


def clone(source: str, dest: str, strays: Dict[str, str]) -> str:
    """A copy of what a clone of ``source`` holds, with its files in a git index of its own, then the strays."""
    listed = git(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for path in filter(None, listed):
        if os.path.lexists(os.path.join(source, path)):
            os.makedirs(os.path.dirname(os.path.join(dest, path)), exist_ok=True)
            shutil.copy2(os.path.join(source, path), os.path.join(dest, path), follow_symlinks=False)
    git(dest, "init", "-q")
    git(dest, "add", "--all")
    for path, text in strays.items():
        os.makedirs(os.path.dirname(os.path.join(dest, path)), exist_ok=True)
        with open(os.path.join(dest, path), "w", encoding="utf-8") as handle:
            handle.write(text)
    return dest


def build(tree: str, out: str) -> subprocess.CompletedProcess:
    # ansible-galaxy of the Python running the tests, whichever way they were started
    env = dict(os.environ, PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]))
    return subprocess.run(
        [os.path.join(tree, "tools", "build-collection"), out], capture_output=True, text=True, env=env, check=False
    )


def members(tarball: str) -> Dict[str, bytes]:
    with tarfile.open(tarball) as archive:
        return {info.name: archive.extractfile(info).read() for info in archive.getmembers() if info.isfile()}


@pytest.fixture(scope="module", name="built")
def built_fixture(tmp_path_factory):
    """The tree with its strays, and the files of the tarball built from it."""
    tree = clone(ROOT, str(tmp_path_factory.mktemp("clone")), STRAYS)
    result = build(tree, str(tmp_path_factory.mktemp("out")))
    assert result.returncode == 0, result.stderr[-4000:]
    return tree, members(result.stdout.strip().splitlines()[-1])


def test_no_stray_file_and_no_secret_is_built_in(built):
    _tree, files = built
    assert not set(STRAYS) & set(files)
    assert [name for name, content in files.items() if SECRET.encode() in content] == []


def test_every_file_of_the_collection_is_built_in(built):
    tree, files = built
    tracked = set(filter(None, git(tree, "ls-files", "-z", "--cached").split("\0")))
    collection = {path for path in tracked if not path.startswith(NOT_SHIPPED)}
    missing: List[str] = sorted(collection - set(files))
    # A file git tracks that the manifest does not name is left out of the tarball without a word: name it in
    # galaxy.yml's manifest, or here if it is not part of the collection.
    assert missing == [], "galaxy.yml's manifest leaves out %s" % missing
    assert sorted(set(files) - collection - ADDED_BY_GALAXY) == []


def test_an_untracked_file_the_manifest_would_take_fails_the_build(tmp_path):
    # A new test module nobody added to git: the manifest takes every *.py under tests/unit, so the check must
    # be what stops it, whatever the file holds.
    stray = "tests/unit/plugins/test_scratch.py"
    tree = clone(ROOT, str(tmp_path / "clone"), {stray: "PASSWORD = %r\n" % SECRET})
    result = build(tree, str(tmp_path / "out"))
    assert result.returncode != 0
    assert "files git does not track" in result.stderr
    assert stray in result.stderr.splitlines()
