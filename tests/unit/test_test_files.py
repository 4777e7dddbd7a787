# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The test tree keeps one copy of each file: recorded samples and seed bodies live once, in tests/unit/data,
and every suite reads them there, so that a correction reaches them all."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
# What ansible-test, pytest and Python write while the tests run, not files of the project.
GENERATED = {"output", "__pycache__", ".pytest_cache", ".hypothesis"}
# ansible-test reads an aliases file in each integration target; many targets have the same few aliases.
PER_TARGET = {"aliases"}


def copies_under(root: Path) -> list:
    """The groups of two or more non-empty files under ``root`` with the same bytes, as sorted relative paths."""
    by_digest = defaultdict(list)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in GENERATED]
        for name in set(files) - PER_TARGET:
            path = Path(folder, name)
            content = path.read_bytes()
            if content:
                by_digest[hashlib.sha256(content).hexdigest()].append(path.relative_to(root).as_posix())
    return sorted(sorted(paths) for paths in by_digest.values() if len(paths) > 1)


def test_no_file_under_tests_is_a_copy_of_another():
    assert copies_under(TESTS) == []


def test_copies_are_found_wherever_they_are(tmp_path):
    (tmp_path / "unit" / "data").mkdir(parents=True)
    (tmp_path / "unit" / "simulator" / "data").mkdir(parents=True)
    (tmp_path / "unit" / "data" / "sample.xml").write_bytes(b"<ServiceResponse/>")
    (tmp_path / "unit" / "simulator" / "data" / "sample.xml").write_bytes(b"<ServiceResponse/>")
    (tmp_path / "unit" / "data" / "other.xml").write_bytes(b"<ServiceResponse> </ServiceResponse>")
    (tmp_path / "unit" / "__init__.py").write_bytes(b"")
    (tmp_path / "unit" / "simulator" / "__init__.py").write_bytes(b"")

    assert copies_under(tmp_path) == [["unit/data/sample.xml", "unit/simulator/data/sample.xml"]]
