# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_report through ansible-playbook against the simulator: a findings report of the web apps tagged Production
as CSV and as PDF, waited for and downloaded, kept on a re-run; a failed generation; a create answered late; and
the same under each report setting the evidence leaves open.

Reports generate in a tenth of a second here because the simulated clock runs fast while a playbook waits.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess

import pytest

from ansible_collections.qualys.was.tests.system.fast_clock import clock_running_fast
from ansible_collections.qualys.was.tests.system.playbook import play, start_playbook
from ansible_collections.qualys.was.tests.system.sim_api import OBJECTS
from ansible_collections.qualys.was.tests.system.variants_support import default_settings, one_at_a_time, setting_group

CLOCK_SPEED = 600
TIMEOUT = 1  # the modules' timeout in the late-create task: a create answered later is a timeout
FAILURE = "Report generation failed: template rendering error."
PRODUCTION = {"tags": {"included": {"option": "any", "tag_list": ["Production"]}}}


@pytest.fixture(autouse=True, name="reports_countable")
def reports_countable_fixture(monkeypatch):
    monkeypatch.setitem(OBJECTS, "was_report", "report")


def run(sim, folder, tasks, name):
    with clock_running_fast(sim, CLOCK_SPEED):
        return start_playbook(str(folder), [play(sim.url, tasks)], name=name).wait()


def report_task(name, dest, **options):
    args = {"name": name, "type": "web_app", "target": PRODUCTION, "dest": str(dest), "poll_interval": 1}
    args.update(options)
    return {"name": name, "qualys.was.was_report": args, "ignore_errors": True}


def settings_task(**settings):
    return {
        "name": "settings",
        "ansible.builtin.uri": {
            "url": "{{ sim_url }}/_sim/settings",
            "method": "POST",
            "body_format": "json",
            "body": settings,
        },
    }


def check_pdf(path):
    """A valid PDF: header, a cross-reference table where startxref says, trailer and end marker; and, where
    pdftotext is installed, text it can read."""
    with open(path, "rb") as handle:
        body = handle.read()
    assert body.startswith(b"%PDF-1.") and body.rstrip().endswith(b"%%EOF")
    offset = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", body).group(1))
    assert body[offset:].startswith(b"xref") and b"trailer" in body[offset:]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True, text=True).stdout
        assert "Demo Shop" in text


def check_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    cells = {cell for row in rows for cell in row}
    assert "Web Application Name" in cells and "Demo Shop" in cells and "Demo Blog" not in cells


def test_production_findings_as_csv_and_pdf_a_re_run_a_failure_and_a_late_create(sim, tmp_path):
    files = tmp_path / "reports"
    files.mkdir()
    tasks = [
        report_task("Production CSV", files / "production.csv", format="csv"),
        report_task("Production PDF", files / "production.pdf", format="pdf"),
        report_task("Production CSV again", files / "production.csv", format="csv"),
        settings_task(report_failure=FAILURE),
        report_task("Failing PDF", files / "failing.pdf", format="pdf"),
        settings_task(report_failure=""),
        {
            "name": "fault",
            "ansible.builtin.uri": {
                "url": "{{ sim_url }}/_sim/faults",
                "method": "POST",
                "body_format": "json",
                "body": {"kind": "delay", "delay": TIMEOUT + 2, "match": "create/report"},
            },
        },
        report_task("Late CSV", files / "late.csv", format="csv", timeout=TIMEOUT),
    ]
    result = run(sim, tmp_path, tasks, "reports")
    assert result.returncode == 0, result.output[-4000:]
    made_csv, made_pdf, again, failing, late = (
        result.task(name)
        for name in ("Production CSV", "Production PDF", "Production CSV again", "Failing PDF", "Late CSV")
    )
    for entry in (made_csv, made_pdf, late):
        outcome = entry["result"]
        assert entry["status"] == "changed" and outcome["downloaded"] and outcome["report"]["status"] == "complete"
        assert outcome["size"] == os.path.getsize(outcome["dest"])
    check_csv(made_csv["result"]["dest"])
    check_pdf(made_pdf["result"]["dest"])
    check_csv(late["result"]["dest"])
    assert again["status"] == "ok" and again["result"]["api_calls"] == 0
    assert failing["status"] == "failed" and FAILURE.rstrip(".") in failing["result"]["msg"]
    assert sorted(os.listdir(files)) == ["late.csv", "production.csv", "production.pdf"]
    # One report per name: the late create was looked for, not sent again.
    assert [sim.count("was_report", name) for name in ("Production CSV", "Production PDF", "Late CSV")] == [1, 1, 1]
    assert sim.stats()["by_call"]["create/report"] == 4 and sim.stats()["faulted"] == 1


# Every report setting, one at a time (variants_support.py); the others at their defaults between variants.
VARIANTS = [settings for _name, settings in one_at_a_time("report")[1:]]
REPORT_DEFAULTS = {name: value for name, value in default_settings().items() if setting_group(name) == "report"}


def test_every_report_setting_has_a_variant():
    assert {name for variant in VARIANTS for name in variant} == set(REPORT_DEFAULTS)


def test_each_report_variant_makes_one_report_downloads_it_and_tells_a_failure(sim, tmp_path):
    # A scan report's config is one of the behaviours left open (report_scan_config): one scan to report on.
    tasks = [
        {
            "name": "scan",
            "qualys.was.was_scan": {"name": "Scan to report on", "target": {"web_app": "Demo Shop"}, "wait": True},
            "register": "scan",
        }
    ]
    for index, variant in enumerate(VARIANTS):
        tasks += [
            settings_task(**variant),
            report_task(
                "Variant %d" % index,
                tmp_path / ("variant-%d.pdf" % index),
                format="pdf",
                template="Web Application Report",
            ),
            report_task(
                "Variant %d scan" % index,
                tmp_path / ("scan-%d.pdf" % index),
                type="scan",
                target={"scans": ["{{ scan.scan.id }}"]},
                format="pdf",
            ),
            settings_task(report_failure=FAILURE),
            report_task("Variant %d failing" % index, tmp_path / ("failing-%d.csv" % index), format="csv"),
            settings_task(report_failure="", **REPORT_DEFAULTS),
        ]
    result = run(sim, tmp_path, tasks, "report-variants")
    assert result.returncode == 0, result.output[-4000:]
    for index, variant in enumerate(VARIANTS):
        made = result.task("Variant %d" % index)
        scan_report = result.task("Variant %d scan" % index)
        failing = result.task("Variant %d failing" % index)
        for entry in (made, scan_report):
            assert entry["status"] == "changed", (variant, entry["result"].get("msg"))
            check_pdf(entry["result"]["dest"])
        assert sim.count("was_report", "Variant %d" % index) == 1
        assert sim.count("was_report", "Variant %d scan" % index) == 1
        assert failing["status"] == "failed" and FAILURE.rstrip(".") in failing["result"]["msg"], variant
        assert not os.path.exists(tmp_path / ("failing-%d.csv" % index))
