# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Scans as the evidence describes them (README "Scans"): the launch answer, the life on the clock and each end
state, cancel, delete, the concurrency limit in the recorded words, permissions and scope, validation, multi-scans,
the download against the recorded shape, get, and the search fields."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Dict, List

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.scanning import (
    BLOG,
    ENDS,
    INTRANET,
    PCI,
    PROCESSING,
    PRODUCTION,
    SEEDED,
    SHOP,
    STAGING,
    UNREACHABLE,
    at,
    cancel,
    download,
    launch,
    outcome,
    scan,
    simulator_with,
    status_of,
    tags,
    use,
    web_app,
    web_apps,
)
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, READER, criteria, data_file

SCANNER = ("scanner", "scanner-pass")
TEXTS = ("errorMessage", "errorResolution")


@pytest.fixture(name="api")
def clocked_api(api):
    at(api, 0)
    return api


def launched(api, target: str, extra: str = "", **options) -> int:
    reply = launch(api, scan(target, extra), **options)
    assert reply.code == "SUCCESS", reply.body
    return reply.ids[0]


def scan_count(api) -> int:
    return int(api.qps("count", "wasscan").xml.findtext("count"))


# The launch answer and the life on the clock


def test_launch_answers_the_new_scan_id_only(api):
    reply = launch(api, scan(web_app(SHOP)))

    assert (reply.code, reply.xml.findtext("count")) == ("SUCCESS", "1")
    assert [[child.tag for child in record] for record in reply.records] == [["id"]]
    assert reply.xml.get("{http://www.w3.org/2001/XMLSchema-instance}noNamespaceSchemaLocation").endswith(
        "/qps/xsd/3.0/was/wasscan.xsd"
    )


def test_submitted_then_running_then_finished_on_the_clock(api):
    scan_id = launched(api, web_app(SHOP))
    seen = []
    for seconds in (5, 70, ENDS[SHOP] - 5, ENDS[SHOP] + 5, ENDS[SHOP] + 65, ENDS[SHOP] + PROCESSING + 5):
        at(api, seconds)
        seen.append(status_of(api, scan_id))

    assert seen == [
        ("SUBMITTED", None),
        ("RUNNING", None),
        ("RUNNING", None),
        ("FINISHED", "TO_BE_PROCESSED"),
        ("FINISHED", "PROCESSING"),
        ("FINISHED", "SUCCESSFUL"),
    ]


def test_status_answers_id_status_and_the_summary_once_ended(api):
    scan_id = launched(api, web_app(SHOP))
    running = api.qps("status", "wasscan", scan_id, method="GET").records[0]
    at(api, ENDS[SHOP] + PROCESSING + 5)
    ended = api.qps("status", "wasscan", scan_id, method="GET").records[0]

    assert [child.tag for child in running] == ["id", "status"]
    assert [child.tag for child in ended] == ["id", "status", "summary"]
    assert [child.tag for child in ended.find("summary")] == ["resultsStatus", "authStatus"]
    assert ended.findtext("summary/authStatus") == "NONE"


def test_without_processing_the_end_is_final_at_once(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_app(SHOP))
    at(api, ENDS[SHOP] + 5)

    assert status_of(api, scan_id) == ("FINISHED", "SUCCESSFUL")


def test_processing_as_a_status_has_no_summary(api):
    use(api, scan_processing="status")
    scan_id = launched(api, web_app(SHOP))
    at(api, ENDS[SHOP] + 5)
    processing = status_of(api, scan_id)
    at(api, ENDS[SHOP] + PROCESSING + 5)

    assert (processing, status_of(api, scan_id)) == (("PROCESSING", None), ("FINISHED", "SUCCESSFUL"))


def test_a_good_scan_may_report_finished_as_its_results_status(api):
    use(api, scan_good_results="FINISHED", scan_processing="none")
    scan_id = launched(api, web_app(SHOP))
    at(api, ENDS[SHOP] + 5)

    assert status_of(api, scan_id) == ("FINISHED", "FINISHED")


# End states


def test_no_web_service_is_finished_with_that_results_status_and_a_short_summary(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_app(UNREACHABLE))
    at(api, ENDS[UNREACHABLE] + 5)
    document = download(api, scan_id).xml

    assert status_of(api, scan_id) == ("FINISHED", "NO_WEB_SERVICE")
    assert [child.tag for child in document.find("summary")] == ["resultsStatus", "authStatus"]
    # As the recorded NO_WEB_SERVICE scan: 192 s from launch to end.
    assert document.findtext("scanDuration") == "192"


@pytest.mark.parametrize("setting, expected", [("results_status", "FINISHED"), ("status", "TIME_LIMIT_EXCEEDED")])
def test_a_time_limit_ends_the_scan(api, setting, expected):
    use(api, scan_processing="none", scan_failure_status=setting)
    scan_id = launched(api, web_app(INTRANET), "<cancelAfterNHours>1</cancelAfterNHours>")
    at(api, 60 + 3600 - 5)
    before = status_of(api, scan_id)
    at(api, 60 + 3600 + 5)

    assert before == ("RUNNING", None)
    assert status_of(api, scan_id) == (expected, "TIME_LIMIT_EXCEEDED")


def test_a_scan_within_its_time_limit_is_not_cut(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_app(SHOP), "<cancelAfterNHours>1</cancelAfterNHours>")
    at(api, ENDS[SHOP] + 5)

    assert status_of(api, scan_id) == ("FINISHED", "SUCCESSFUL")


@pytest.mark.parametrize(
    "fixture_outcome, setting, expected",
    [
        ("SCANNER_NOT_AVAILABLE", "results_status", ("FINISHED", "SCANNER_NOT_AVAILABLE")),
        ("SCANNER_NOT_AVAILABLE", "status", ("SCANNER_NOT_AVAILABLE", "SCANNER_NOT_AVAILABLE")),
        ("SCAN_NOT_LAUNCHED", "status", ("SCAN_NOT_LAUNCHED", "SCAN_NOT_LAUNCHED")),
        ("ERROR", "results_status", ("ERROR", "SCAN_INTERNAL_ERROR")),
        ("SERVICE_ERROR", "status", ("FINISHED", "SERVICE_ERROR")),
        ("NO_HOST_ALIVE", "results_status", ("FINISHED", "NO_HOST_ALIVE")),
    ],
)
def test_fixture_outcomes(tmp_path, fixture_outcome, setting, expected):
    change = outcome(BLOG, resultsStatus=fixture_outcome)
    with simulator_with(tmp_path, change, scan_processing="none", scan_failure_status=setting) as api:
        at(api, 0)
        scan_id = launched(api, web_app(BLOG))
        at(api, 61 if fixture_outcome in ("SCANNER_NOT_AVAILABLE", "SCAN_NOT_LAUNCHED") else ENDS[BLOG] + 5)

        assert status_of(api, scan_id) == expected


# Cancel


@pytest.mark.parametrize("setting", ["CANCELED", "CANCELLED"])
def test_cancel_a_running_scan(api, setting):
    use(api, scan_canceled=setting)
    scan_id = launched(api, web_app(SHOP))
    at(api, 300)
    reply = cancel(api, scan_id)

    assert (reply.code, reply.ids) == ("SUCCESS", [scan_id])
    assert status_of(api, scan_id) == (setting, "CANCELED")
    at(api, ENDS[SHOP] + PROCESSING + 5)
    assert status_of(api, scan_id) == (setting, "CANCELED")


def test_cancel_a_scan_that_is_not_running_keeps_qualysdk_words(api):
    scan_id = launched(api, web_app(SHOP))
    cancel(api, scan_id)
    again = cancel(api, scan_id)

    assert again.code == "INVALID_REQUEST"
    assert again.error == (
        "Scan is not in a running state. Scan status: CANCELED",
        "Verify the WasScan ID passed to the request and that this scan is still running.",
    )


def test_cancel_with_results_keeps_what_was_tested(api):
    scan_id = launched(api, web_app(SHOP))
    at(api, 60 + 283 + 600)
    cancel(api, scan_id, with_results=True)
    document = download(api, scan_id).xml

    assert status_of(api, scan_id) == ("CANCELED", "CANCELED_WITH_RESULTS")
    # Under half the test time had passed: some of the shop's seven findings, not all.
    kept = sum(int(document.findtext(f"{name}/count")) for name in ("vulns", "sensitiveContents", "igs"))
    assert 0 < kept < 7


def test_cancel_with_results_before_running_keeps_none(api):
    scan_id = launched(api, web_app(SHOP))
    cancel(api, scan_id, with_results=True)

    assert status_of(api, scan_id) == ("CANCELED", "CANCELED")
    assert download(api, scan_id).xml.findtext("vulns/count") == "0"


# Delete


def test_delete_a_running_scan_by_id_is_refused(api):
    scan_id = launched(api, web_app(SHOP))
    reply = api.qps("delete", "wasscan", scan_id)

    assert reply.code == "INVALID_REQUEST"
    assert scan_count(api) == 1


def test_delete_an_ended_scan(api):
    scan_id = launched(api, web_app(UNREACHABLE))
    at(api, ENDS[UNREACHABLE] + PROCESSING + 5)
    reply = api.qps("delete", "wasscan", scan_id)

    assert (reply.code, reply.ids, scan_count(api)) == ("SUCCESS", [scan_id], 0)


def test_delete_by_filters_leaves_running_scans(api):
    ended = launched(api, web_app(UNREACHABLE))
    at(api, ENDS[UNREACHABLE] + PROCESSING + 5)
    running = launched(api, web_app(SHOP))
    body = f"<ServiceRequest><filters>{criteria('name', 'EQUALS', 'Pipeline scan')}</filters></ServiceRequest>"
    reply = api.qps("delete", "wasscan", body=body.encode())

    assert (reply.code, reply.ids) == ("SUCCESS", [ended])
    assert api.search("wasscan").ids == [running]


# Concurrency, permissions, scope


def test_the_eleventh_scan_is_refused_in_the_recorded_words(api):
    for _index in range(10):
        launched(api, web_app(BLOG))
    refused = launch(api, scan(web_app(BLOG)))
    # The recording is an excerpt that stops before the closing tag: its two texts are read as they stand.
    recorded = data_file("samples", "error-launch-paragbaxi-1.xml").decode()

    assert (refused.status, refused.code) == (200, "INVALID_REQUEST")
    assert refused.error == tuple(re.search(f"<{tag}>(.*)</{tag}>", recorded).group(1) for tag in TEXTS)
    assert scan_count(api) == 10


def test_a_scan_frees_its_place_when_it_ends(api):
    use(api, scan_concurrency=1)
    launched(api, web_app(UNREACHABLE))
    refused = launch(api, scan(web_app(BLOG)))
    at(api, ENDS[UNREACHABLE] + PROCESSING + 5)

    assert "maximum number of concurrent running scans (1)" in refused.error[0]
    assert launch(api, scan(web_app(BLOG))).code == "SUCCESS"


def test_per_web_app_launch_counts_each_web_app(api):
    use(api, scan_concurrency=2, scan_multi_launch="per_web_app")
    launched(api, web_app(BLOG))

    assert launch(api, scan(web_apps(SHOP, SEEDED))).code == "INVALID_REQUEST"
    assert scan_count(api) == 1


@pytest.mark.parametrize("operation", ["launch", "cancel", "delete"])
def test_reader_may_not_launch_cancel_or_delete(api, operation):
    scan_id = launched(api, web_app(SHOP))
    replies = {
        "launch": lambda: launch(api, scan(web_app(SHOP)), as_user=READER),
        "cancel": lambda: cancel(api, scan_id, as_user=READER),
        "delete": lambda: api.qps("delete", "wasscan", scan_id, as_user=READER),
    }
    reply = replies[operation]()

    assert reply.code == "UNAUTHORIZED"
    assert status_of(api, scan_id) == ("SUBMITTED", None)
    assert scan_count(api) == 1


def test_editor_may_launch_cancel_and_delete(api):
    scan_id = launched(api, web_app(SHOP), as_user=EDITOR)

    assert cancel(api, scan_id, as_user=EDITOR).code == "SUCCESS"
    assert api.qps("delete", "wasscan", scan_id, as_user=EDITOR).code == "SUCCESS"


def test_scanner_launches_in_its_scope_only(api):
    inside = launch(api, scan(web_app(SHOP)), as_user=SCANNER)
    outside = launch(api, scan(web_app(BLOG)), as_user=SCANNER)
    by_tag = launch(api, scan(tags("ANY", STAGING)), as_user=SCANNER)

    assert inside.code == "SUCCESS"
    assert outside.error[0] == f"WebApp with id {BLOG} does not exist or is not accessible."
    assert by_tag.code == "INVALID_REQUEST"
    assert cancel(api, inside.ids[0], as_user=SCANNER).code == "SUCCESS"
    assert api.qps("delete", "wasscan", inside.ids[0], as_user=SCANNER).code == "UNAUTHORIZED"
    assert scan_count(api) == 1


# Validation: a clear refusal, nothing launched


@pytest.mark.parametrize(
    "body, message",
    [
        (scan(web_app(SHOP), name=None), "Required element 'WasScan/name' is missing."),
        (scan(web_app(SHOP), scan_type=None), "Required element 'WasScan/type' is missing."),
        (
            "<WasScan><name>x</name><type>VULNERABILITY</type></WasScan>",
            "Required element 'WasScan/target' is missing.",
        ),
        (scan(web_app(SHOP) + web_apps(BLOG)), "The target takes exactly one of webApp, webApps or tags."),
        (scan(web_app(99)), "WebApp with id 99 does not exist or is not accessible."),
        (scan(tags("ANY", 99)), "Tag with id 99 does not exist or is not accessible."),
        (scan(tags("ALL", STAGING, PCI)), "No web application matches the target tags."),
        (scan(web_app(SHOP), "<profile><id>99</id></profile>"), "OptionProfile with id 99 does not exist"),
        (
            scan(web_app(SHOP) + "<webAppAuthRecord><id>99</id></webAppAuthRecord>"),
            "WebAppAuthRecord with id 99 does not exist",
        ),
        (
            scan(
                web_app(SHOP)
                + "<scannerAppliance><type>EXTERNAL</type></scannerAppliance>"
                + f"<scannerTags><set><Tag><id>{PRODUCTION}</id></Tag></set></scannerTags>"
            ),
            "mutually exclusive",
        ),
        (
            scan(web_app(SHOP), "<cancelAfterNHours>25</cancelAfterNHours>"),
            "cancelAfterNHours must be between 1 and 24",
        ),
    ],
)
def test_bad_launches_are_refused(api, body, message):
    reply = launch(api, body)

    assert reply.code == "INVALID_REQUEST", reply.body
    assert message in reply.error[0]
    assert scan_count(api) == 0


@pytest.mark.parametrize(
    "body",
    [
        scan(web_app(SHOP), scan_type="FULL"),
        scan(web_app(SHOP), "<status>FINISHED</status><colour>red</colour>"),
        "<WebApp><name>x</name></WebApp>",
    ],
)
def test_malformed_launches_are_invalid_xml(api, body):
    assert launch(api, body).code == "INVALID_XML"
    assert scan_count(api) == 0


def test_profile_by_name_and_the_defaults_filled_in(api):
    named = launched(api, web_app(BLOG), "<profile><name>Initial WAS Options</name></profile>")
    shop = launched(api, web_app(SHOP))
    records = {scan_id: api.get("wasscan", scan_id).records[0] for scan_id in (named, shop)}

    assert records[named].findtext("profile/id") == "1071001"
    # The shop's own default profile; mode API as seed 003 sample 4; an external scanner; cancelOption SPECIFIC.
    assert records[shop].findtext("profile/id") == "1071133"
    assert records[shop].findtext("mode") == "API"
    assert records[shop].findtext("target/scannerAppliance/type") == "EXTERNAL"
    assert records[shop].findtext("target/cancelOption") == "SPECIFIC"
    assert records[shop].findtext("reference").startswith("was/")
    assert records[shop].findtext("launchedBy/username") == "admin"
    assert records[shop].findtext("options/count") == "16"


def test_auth_record_makes_the_auth_status(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_app(SHOP) + "<webAppAuthRecord><id>790003</id></webAppAuthRecord>")
    at(api, ENDS[SHOP] + 5)
    options = {
        option.findtext("name"): option.findtext("value")
        for option in api.get("wasscan", scan_id).records[0].iterfind("options/list/WasScanOption")
    }

    assert api.qps("status", "wasscan", scan_id, method="GET").records[0].findtext("summary/authStatus") == "SUCCESSFUL"
    assert options["Web Application Authentication Record Name"] == "Shop login"


# Multi-scans


def test_a_tag_launch_is_one_multi_scan_of_the_web_apps_tagged(api):
    use(api, scan_processing="none")
    scan_id = launched(api, tags("ANY", PRODUCTION))
    record = api.get("wasscan", scan_id).records[0]
    at(api, max(ENDS[SHOP], ENDS[SEEDED]) + 5)
    document = download(api, scan_id).xml

    assert record.findtext("multi") == "true"
    assert status_of(api, scan_id) == ("FINISHED", "SUCCESSFUL")
    assert sorted(int(v.findtext("qid")) for v in document.iterfind("vulns/list/WasScanVuln")) == [
        150001,
        150084,
        150084,
        150085,
        150158,
    ]


def test_a_multi_scan_ends_when_its_last_web_app_does(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_apps(SEEDED, SHOP))
    at(api, ENDS[SEEDED] + 5)
    early = status_of(api, scan_id)
    at(api, ENDS[SHOP] + 5)

    assert (early, status_of(api, scan_id)) == (("RUNNING", None), ("FINISHED", "SUCCESSFUL"))


def test_a_multi_scan_reports_its_worst_web_app(api):
    use(api, scan_processing="none")
    scan_id = launched(api, web_apps(UNREACHABLE, BLOG))
    at(api, ENDS[BLOG] + 5)

    assert status_of(api, scan_id) == ("FINISHED", "NO_WEB_SERVICE")


@pytest.mark.parametrize("setting, listed", [("as_sent", []), ("web_apps", [str(SEEDED), str(SHOP)])])
def test_a_multi_scan_target_may_list_its_web_apps(api, setting, listed):
    use(api, scan_multi_target=setting)
    record = api.get("wasscan", launched(api, tags("ANY", PRODUCTION))).records[0]

    assert [web_app_id.text for web_app_id in record.iterfind("target/webApps/list/WebApp/id")] == listed
    assert record.findtext("target/tags/included/option") == "ANY"


def test_excluded_tags_leave_web_apps_out(api):
    use(api, scan_multi_launch="per_web_app")
    excluded = f"<excluded><option>ANY</option><tagList><set><Tag><id>{PCI}</id></Tag></set></tagList></excluded>"
    reply = launch(api, scan(tags("ANY", PRODUCTION, excluded=excluded)))
    web_app_ids = [api.get("wasscan", scan_id).records[0].findtext("target/webApp/id") for scan_id in reply.ids]

    assert web_app_ids == [str(SEEDED)]


def test_per_web_app_launch_answers_one_single_scan_per_web_app(api):
    use(api, scan_multi_launch="per_web_app")
    reply = launch(api, scan(tags("ANY", PRODUCTION)))
    records = [api.get("wasscan", scan_id).records[0] for scan_id in reply.ids]

    assert reply.xml.findtext("count") == "2"
    assert reply.ids == sorted(reply.ids)
    assert [(r.findtext("multi"), r.findtext("name"), r.findtext("target/webApp/id")) for r in records] == [
        ("false", "Pipeline scan", str(SEEDED)),
        ("false", "Pipeline scan", str(SHOP)),
    ]


# Download and get


def child_orders(element: ET.Element, path: str = "", found=None) -> Dict[str, List[List[str]]]:
    """Each element path and, for every element at it, the tags of its children in order."""
    found = {} if found is None else found
    found.setdefault(path, []).append([child.tag for child in element])
    for child in element:
        child_orders(child, f"{path}/{child.tag}", found)
    return found


def assert_shape_within(actual: ET.Element, recorded: ET.Element, own: tuple = ()) -> None:
    """Every element path of ``actual`` is one the recording has (or below one of ``own``), and no two children
    stand in the opposite order of any recorded element at that path."""
    expected = child_orders(recorded)
    for path, instances in child_orders(actual).items():
        if own and path.startswith(own):
            continue
        assert path in expected, f"{path} is not in the recording"
        known = {tag for children in expected[path] for tag in children}
        before = {
            (a, b) for children in expected[path] for i, a in enumerate(children) for b in children[i + 1 :] if a != b
        }
        for children in instances:
            assert set(children) <= known, f"{path}: {sorted(set(children) - known)} not recorded there"
            for i, first in enumerate(children):
                for later in children[i + 1 :]:
                    assert (later, first) not in before or first == later, f"{path}: {first} before {later}"


def settled_download(api, target: str) -> ET.Element:
    use(api, scan_processing="none")
    scan_id = launched(api, target)
    at(api, 60 + 14400 + 5)
    reply = download(api, scan_id)
    assert reply.status == 200
    return reply


def test_download_of_a_failed_scan_is_shaped_as_the_recorded_one(api):
    reply = settled_download(api, web_app(UNREACHABLE))
    recorded = ET.fromstring(data_file("samples", "wasscan-download-jupiterone-1.xml"))

    assert reply.xml.tag == "WasScan"
    assert [child.tag for child in reply.xml] == [child.tag for child in recorded]
    assert_shape_within(reply.xml, recorded)
    assert (
        reply.headers["Content-Disposition"]
        == f'attachment; filename="WAS_Results_scan_{reply.xml.findtext("id")}.xml"'
    )
    assert reply.headers["Content-Type"].startswith("application/xml")


def test_download_with_vulnerabilities_is_shaped_as_the_recorded_one(api):
    reply = settled_download(api, web_app(SHOP))
    recorded = ET.fromstring(data_file("samples", "wasscan-download-jupiterone-3.xml"))

    # The recording lists no sensitive content; its item is the simulator's own (README "Download and get").
    assert_shape_within(reply.xml, recorded, own=("/sensitiveContents",))
    assert [child.tag for child in reply.xml.find("summary")] == [child.tag for child in recorded.find("summary")]
    vuln = reply.xml.find("vulns/list/WasScanVuln")
    assert vuln.find("severity") is None and vuln.find("potential") is None


def test_download_counts_one_gathered_more_than_it_lists(api):
    document = settled_download(api, web_app(UNREACHABLE)).xml
    recorded = ET.fromstring(data_file("samples", "wasscan-download-jupiterone-1.xml"))

    # The recorded 5170635: 4 counted, 3 listed; the simulator's NO_WEB_SERVICE web app lists the same three.
    assert document.findtext("stats/global/nbIgsTotal") == recorded.findtext("stats/global/nbIgsTotal") == "4"
    assert document.findtext("igs/count") == recorded.findtext("igs/count") == "3"
    assert [ig.findtext("qid") for ig in document.iterfind("igs/list/WasScanIg")] == ["6", "150111", "45038"]


def test_download_counts_by_severity(api):
    document = settled_download(api, web_app(SHOP)).xml
    counts = {level: document.findtext(f"stats/global/nbVulnsLevel{level}") for level in range(1, 6)}

    assert counts == {5: "1", 4: "1", 3: "1", 2: "0", 1: "0"}
    assert document.findtext("stats/global/nbVulnsTotal") == document.findtext("vulns/count") == "3"
    assert document.findtext("stats/global/nbScsTotal") == "1"
    assert [v.findtext("param") for v in document.iterfind("vulns/list/WasScanVuln")] == ["id", "q", "next"]


def test_download_may_carry_severity_and_potential(api):
    use(api, scan_vuln_severity="present")
    document = settled_download(api, web_app(SHOP)).xml
    vulns = [
        (v.findtext("qid"), v.findtext("severity"), v.findtext("potential"))
        for v in document.iterfind("vulns/list/WasScanVuln")
    ]

    assert vulns == [("150158", "5", "false"), ("150001", "4", "false"), ("150084", "3", "true")]
    assert [child.tag for child in document.find("vulns/list/WasScanVuln")][:4] == [
        "qid",
        "title",
        "severity",
        "potential",
    ]
    assert document.findtext("igs/list/WasScanIg/severity") == "1"


def test_download_before_the_results_settle_is_refused(api):
    scan_id = launched(api, web_app(SHOP))
    at(api, ENDS[SHOP] + 5)
    reply = download(api, scan_id)

    assert (reply.code, reply.error[0]) == ("INVALID_REQUEST", "Scan results are not available yet.")


def test_get_is_the_download_without_the_result_lists(api):
    scan_id = launched(api, web_app(SHOP))
    at(api, ENDS[SHOP] + PROCESSING + 5)
    got = api.get("wasscan", scan_id).records[0]
    downloaded = [child.tag for child in download(api, scan_id).xml]

    assert [child.tag for child in got] == [t for t in downloaded if t not in ("vulns", "sensitiveContents", "igs")]


def test_download_of_an_unknown_scan(api):
    reply = download(api, 123)

    assert reply.error[0] == "WasScan with id 123 does not exist or is not accessible."


# Search and count


def test_search_without_verbose_answers_what_cisa_reads(api):
    scan_id = launched(api, web_app(SHOP))
    record = api.search("wasscan").records[0]

    assert record.findtext("id") == str(scan_id)
    assert [child.tag for child in record] == [
        "id",
        "name",
        "reference",
        "type",
        "mode",
        "multi",
        "target",
        "profile",
        "launchedDate",
        "launchedBy",
        "status",
    ]
    assert record.findtext("target/webApp/url") == "https://shop.example.com/"


@pytest.mark.parametrize("search_shape, has_options", [("summary", False), ("full", True)])
def test_verbose_search_follows_search_shape(api, search_shape, has_options):
    use(api, search_shape=search_shape)
    launched(api, web_app(SHOP))
    record = api.search("wasscan", preferences="<verbose>true</verbose>").records[0]

    assert (record.find("options") is not None) == has_options


def test_search_fields_and_operators(api):
    use(api, scan_processing="none")
    shop = launched(api, web_app(SHOP))
    unreachable = launched(api, web_app(UNREACHABLE))
    at(api, ENDS[UNREACHABLE] + 5)
    discovery = launch(api, scan(web_app(BLOG), scan_type="DISCOVERY")).ids[0]

    def found(*conditions: str) -> List[int]:
        return api.search("wasscan", "".join(conditions)).ids

    assert found(criteria("status", "IN", "SUBMITTED,RUNNING")) == [shop, discovery]
    assert found(criteria("status", "EQUALS", "FINISHED")) == [unreachable]
    assert found(criteria("resultsStatus", "EQUALS", "NO_WEB_SERVICE")) == [unreachable]
    assert found(criteria("type", "EQUALS", "DISCOVERY")) == [discovery]
    assert found(criteria("webApp.id", "IN", f"{SHOP}, {BLOG}")) == [shop, discovery]
    assert found(criteria("webApp.name", "CONTAINS", "shop")) == [shop]
    assert found(criteria("webApp.tags.id", "EQUALS", str(PRODUCTION))) == [shop]
    assert found(criteria("name", "EQUALS", "Pipeline scan"), criteria("mode", "EQUALS", "API")) == [
        shop,
        unreachable,
        discovery,
    ]
    assert found(criteria("launchedDate", "GREATER", "2030-01-01T00:01:00Z")) == [discovery]
    assert found(criteria("authStatus", "EQUALS", "NONE")) == [unreachable]
    assert found(criteria("reference", "CONTAINS", "was/")) == [shop, unreachable, discovery]
    finished = f"<ServiceRequest><filters>{criteria('status', 'EQUALS', 'FINISHED')}</filters></ServiceRequest>"
    assert api.qps("count", "wasscan", body=finished.encode()).xml.findtext("count") == "1"
    refused = api.search("wasscan", criteria("name", "IN", "a,b"))
    assert refused.error[0] == "Criteria: Operator 'IN' is not supported for criteria 'name'."


# Limits and faults apply as to every call


def test_a_launch_answered_by_a_fault_may_still_have_run(api):
    api.control("POST", "faults", {"kind": "status", "status": 504, "match": "launch/wasscan", "execute": True})
    reply = launch(api, scan(web_app(SHOP)))
    _status, stats = api.control("GET", "stats")

    assert reply.status == 504
    assert scan_count(api) == 1
    assert (stats["by_call"]["launch/wasscan"], stats["faulted"], stats["writes"]) == (1, 1, 1)


def test_launches_meet_the_rate_limit(api):
    use(api, rate_limit=1)
    first = launch(api, scan(web_app(SHOP)))
    second = launch(api, scan(web_app(SHOP)))

    assert (first.status, second.status) == (200, 409)


@pytest.mark.parametrize("call", ["status", "download", "search"])
def test_faults_apply_to_every_scan_call(api, call):
    use(api, scan_processing="none")
    scan_id = launched(api, web_app(UNREACHABLE))
    at(api, ENDS[UNREACHABLE] + 5)
    api.control("POST", "faults", {"kind": "truncated", "match": f"{call}/wasscan"})
    replies = {
        "status": lambda: api.qps("status", "wasscan", scan_id, method="GET"),
        "download": lambda: download(api, scan_id),
        "search": lambda: api.search("wasscan"),
    }
    cut, whole = replies[call](), replies[call]()

    with pytest.raises(ET.ParseError):
        ET.fromstring(cut.body)
    assert cut.body == whole.body[: len(cut.body)] and len(cut.body) < len(whole.body)


def as_cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@pytest.mark.parametrize("name", ["Scan ]]> <b> & 'x'", "Überprüfung – 検査", "  spaced  "])
def test_hostile_names_come_back_as_sent(api, name):
    use(api, scan_processing="none")
    scan_id = launch(api, scan(web_app(UNREACHABLE), name=as_cdata(name))).ids[0]
    at(api, ENDS[UNREACHABLE] + 5)

    # name_whitespace trim: surrounding white space is not kept.
    assert download(api, scan_id).xml.findtext("name") == name.strip()
    assert api.search("wasscan", criteria("name", "EQUALS", as_cdata(name.strip()))).ids == [scan_id]


def test_each_web_apps_defaults_fill_a_launch_that_names_none(tmp_path):
    def defaults(content):
        for record in content["WebApp"]:
            if record["id"] == SHOP:
                record["config"] = {"defaultAuthRecord": {"id": 790003}}
                record["defaultScanner"] = {"type": "INTERNAL", "friendlyName": "shop_scanner"}

    with simulator_with(tmp_path, defaults, scan_processing="none") as api:
        at(api, 0)
        default_record = launched(
            api, web_app(SHOP) + "<webAppAuthRecord><isDefault>true</isDefault></webAppAuthRecord>"
        )
        no_record = launched(api, web_app(SHOP))
        got = api.get("wasscan", default_record).records[0]
        at(api, ENDS[SHOP] + 5)
        auth = {scan_id: status_of_auth(api, scan_id) for scan_id in (default_record, no_record)}

    assert got.findtext("target/webAppAuthRecord/isDefault") == "true"
    assert (got.findtext("target/scannerAppliance/type"), got.findtext("target/scannerAppliance/friendlyName")) == (
        "INTERNAL",
        "shop_scanner",
    )
    assert auth == {default_record: "SUCCESSFUL", no_record: "NONE"}


def status_of_auth(api, scan_id: int) -> str:
    return api.qps("status", "wasscan", scan_id, method="GET").records[0].findtext("summary/authStatus")
