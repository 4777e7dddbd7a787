# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the CI-format filters read, written out as the modules return it: was_finding_info's records (the compact
record of module_utils/finding_records.py) and was_scan_info's scans (its RETURN), and text meant to break XML."""

from __future__ import annotations

import copy

BLOG = {"id": 101, "name": "Demo Blog"}
SHOP = {"id": 202, "name": "Demo Shop"}


def finding(number, qid, severity, web_app=None, **changes):
    record = {
        "id": number,
        "unique_id": "0a1b2c3d-%04d" % number,
        "qid": qid,
        "title": "Finding of QID %s" % qid,
        "type": "vulnerability",
        "severity": severity,
        "potential": False,
        "status": "active",
        "url": "https://blog.example.com/page/%d" % number,
        "param": None,
        "web_app": dict(web_app or BLOG),
        "first_detected": "2026-11-01T10:00:00Z",
        "last_detected": "2026-12-01T10:00:00Z",
        "last_tested": "2026-12-01T10:00:00Z",
        "times_detected": 3,
        "ignored": False,
        "ignored_reason": None,
        "ignored_comment": None,
    }
    record.update(changes)
    return record


FINDINGS = [
    finding(1, 150001, 5, title="Reflected Cross-Site Scripting (XSS)", param="q"),
    finding(2, 150001, 5, title="Reflected Cross-Site Scripting (XSS)", param="search"),
    finding(3, 150085, 3, title="Slow HTTP POST vulnerability"),
    finding(4, 150123, 2, web_app=SHOP, title="Cookie without HttpOnly", url="https://shop.example.com/"),
    finding(5, 150200, 4, web_app=SHOP, ignored=True, ignored_reason="risk_accepted", url="https://shop.example.com/x"),
    finding(
        6, 45038, 1, type="information_gathered", title="Scan diagnostics", url=None, status=None, times_detected=None
    ),
]

# was_finding_info's whole registered result.
FINDING_INFO_RESULT = {
    "changed": False,
    "counts": {"severity": {"5": 2}, "status": {"active": 5}, "type": {"vulnerability": 5}},
    "findings": FINDINGS,
    "api_calls": 1,
}


def scan_finding(qid, severity, url, **changes):
    record = {
        "qid": qid,
        "title": "Finding of QID %s" % qid,
        "type": "vulnerability",
        "severity": severity,
        "potential": False,
        "url": url,
        "param": None,
        "instances": 1,
    }
    record.update(changes)
    return record


def scan(number, target, findings, status="finished"):
    return {
        "id": number,
        "name": "Scan %d" % number,
        "type": "vulnerability",
        "target": target,
        "status": status,
        "results": (
            None
            if findings is None
            else {
                "id": number,
                "name": "Scan %d" % number,
                "status": status,
                "results_status": "successful",
                "auth_status": "none",
                "stats": {},
                "findings": findings,
            }
        ),
    }


SCANS = [
    scan(
        11,
        {"web_app": dict(BLOG)},
        [
            scan_finding(
                150001, 5, "https://blog.example.com/page/1", title="Reflected Cross-Site Scripting (XSS)", param="q"
            ),
            scan_finding(
                150085, 3, "https://blog.example.com/page/3", title="Slow HTTP POST vulnerability", potential=True
            ),
            scan_finding(
                6, None, None, type="information_gathered", title="DNS Host Name", potential=None, instances=None
            ),
        ],
    ),
    # A scan that found nothing: its web app passes.
    scan(12, {"web_apps": [dict(SHOP)]}, []),
    # A scan of tags: which web app each finding is in, the scan does not say.
    scan(
        13,
        {"tags": {"included": {"option": "any", "tag_list": [{"id": 7}]}}},
        [scan_finding(150123, 2, "https://x.example.com/")],
    ),
    # Still running: nothing judged yet.
    scan(14, {"web_app": dict(BLOG)}, None, status="running"),
]

# was_scan_info's whole registered result.
SCAN_INFO_RESULT = {"changed": False, "scans": SCANS, "api_calls": 3}

# Text that breaks a document written by string formatting: markup, entities, a CDATA end, quotes, control
# characters XML 1.0 cannot carry, a lone surrogate, and characters beyond the BMP.
HOSTILE = "<script>alert(\"x\" & 'y')</script> ]]> &amp; \x00\x01\x08\x0b\x0c\x1b\x7f \ud800 \ufffe \U0001f600"


def hostile_findings():
    record = finding(
        9,
        150999,
        5,
        title=HOSTILE,
        url='https://blog.example.com/?a=<b>&c="d"\x00',
        param=HOSTILE,
        web_app={"id": 303, "name": HOSTILE},
    )
    return [record]


def copied(data):
    return copy.deepcopy(data)
