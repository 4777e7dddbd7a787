# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_finding_info through ansible-playbook against the simulator: what a scan found, counted from the finding
records, matches what the scan listed; in check mode too, and at the documented cost."""

from __future__ import annotations

from collections import Counter

from ansible_collections.qualys.was.tests.system.fast_clock import clock_running_fast
from ansible_collections.qualys.was.tests.system.playbook import play, run_playbook

# The shop's scan (28 minutes with its processing) ends within a second.
CLOCK_SPEED = 3000
KINDS = ("vulnerability", "sensitive_content", "information_gathered")
LEVELS = (5, 4, 3, 2, 1)


def test_the_counts_of_a_scans_findings_match_what_the_scan_listed(sim, tmp_path):
    tasks = [
        {
            "name": "scan",
            "qualys.was.was_scan": {"name": "Findings of the shop", "target": {"web_app": "Demo Shop"}},
            "register": "scan",
        },
        {
            "name": "listed",
            "qualys.was.was_scan_info": {"id": "{{ scan.scan.id }}", "results": True},
            "register": "listed",
        },
        {"name": "findings", "qualys.was.was_finding_info": {"scan": "{{ scan.scan.id }}"}},
        {
            "name": "counted",
            "qualys.was.was_finding_info": {"scan": "{{ scan.scan.id }}", "count_only": True},
            "check_mode": True,
        },
        {
            "name": "severe",
            "qualys.was.was_finding_info": {"web_app": "Demo Shop", "min_severity": 4, "type": ["vulnerability"]},
        },
    ]
    with clock_running_fast(sim, CLOCK_SPEED):
        result = run_playbook(str(tmp_path), [play(sim.url, tasks)], name="findings")
    assert result.returncode == 0, result.output[-4000:]
    listed = result.task("listed")["result"]["scans"][0]["results"]["findings"]
    found = result.task("findings")["result"]
    counted = result.task("counted")["result"]
    assert listed, "the shop's scan lists findings"
    assert found["counts"]["total"] == len(found["findings"]) == len(listed)
    kinds = Counter(finding["type"] for finding in listed)
    assert found["counts"]["by_type"] == {kind: kinds[kind] for kind in KINDS}
    # What the scan listed is what the records hold: one record per QID, URL and parameter.
    assert sorted((f["qid"], f["url"], f["param"]) for f in found["findings"]) == sorted(
        (f["qid"], f["url"], f["param"]) for f in listed
    )
    severities = Counter("level_%d" % finding["severity"] for finding in found["findings"])
    assert found["counts"]["by_severity"] == {"level_%d" % level: severities["level_%d" % level] for level in LEVELS}
    # The download gives no severity to information gathered; the others' are the records' own.
    assert sorted(f["severity"] for f in listed if f["type"] != "information_gathered") == sorted(
        f["severity"] for f in found["findings"] if f["type"] != "information_gathered"
    )
    assert found["api_calls"] == 2  # the scan, then one search
    assert counted["counts"] == found["counts"] and "findings" not in counted and counted["changed"] is False
    severe = result.task("severe")["result"]
    assert severe["findings"]
    assert all(f["severity"] >= 4 and f["type"] == "vulnerability" for f in severe["findings"])
    assert severe["api_calls"] == 2  # the web app's name, then one search
