# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The benchmark's smoke mode: a few tasks of each kind of cost make exactly the API calls the documentation
states, under each search shape. Timings are the benchmark's own business (``make bench``) and never asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "tests", "bench", "bench.py")


def test_calls_are_the_documented_minimum(tmp_path):
    out = tmp_path / "bench.json"
    completed = subprocess.run(
        [sys.executable, BENCH, "--smoke", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout
    results = json.loads(out.read_text())
    rows = results["calls"]
    assert rows and all(row[shape]["calls"] == row[shape]["minimum"] for row in rows for shape in ("summary", "full"))
    # One search per page of 1,000 findings, plus the one that resolves the web app's name.
    assert [(row["findings"], row["calls"]) for row in results["findings"]] == [(2500, 4)]
