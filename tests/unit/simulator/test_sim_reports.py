# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reports and report templates (README "Reports"): the create bodies CISA, DUSTY, the GitHub Action and
VulnWhisperer send, generation on the simulated clock, a valid file in every format, the refusals, permissions,
the storage limit and the report_* settings."""

from __future__ import annotations

import base64
import csv
import http.client
import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.reporting import (
    DURATION,
    SCANNED,
    create,
    download,
    findings_of,
    pdf_objects,
    pdf_text,
    scan_report,
    scanned,
    status,
    tags,
    web_app_report,
    web_apps,
)
from ansible_collections.qualys.was.tests.unit.simulator.scanning import (
    BLOG,
    PRODUCTION,
    SEEDED,
    SHOP,
    STAGING,
    START,
    at,
    launch,
    scan,
    use,
    web_app,
)
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, READER, criteria

SCANNER = ("scanner", "scanner-pass")
PASSWORD = "Secret123"
REPORT_DATE = "%d %b %Y %I:%M%p %Z"  # how CISA parses the dates of a report file


def iso(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def complete(api, data: str) -> int:
    """Creates a report at SCANNED and moves the clock past its generation."""
    reply = create(api, data)
    assert reply.code == "SUCCESS", reply.body
    at(api, SCANNED + DURATION)
    return reply.ids[0]


def file_of(api, data: str) -> bytes:
    reply = download(api, complete(api, data))
    assert reply.status == 200, reply.body
    return reply.body


def refusal(api, data: str, **options):
    before = api.qps("count", "report").xml.findtext("count")
    reply = create(api, data, **options)
    assert api.qps("count", "report").xml.findtext("count") == before, "a refused create made a report"
    return reply.code, reply.error[0]


def child_tags(element):
    return [child.tag for child in element]


# Lifecycle


def test_created_running_and_complete_after_its_duration(api):
    scanned(api)
    reply = create(api, web_app_report(web_apps(SHOP)))
    report_id = reply.ids[0]
    record = reply.records[0]

    assert (record.findtext("status"), record.findtext("size"), record.findtext("downloadCount")) == (
        "RUNNING",
        None,
        "0",
    )
    at(api, SCANNED + DURATION - 1)
    assert status(api, report_id) == "RUNNING"
    at(api, SCANNED + DURATION)
    assert status(api, report_id) == "COMPLETE"
    got = api.get("report", report_id).records[0]
    assert int(got.findtext("size")) == len(download(api, report_id).body)


def test_record_elements_in_the_bean_order(api):
    scanned(api)
    report_id = complete(api, web_app_report(web_apps(SHOP), extra="<description>Weekly</description>"))
    download(api, report_id)
    got = api.get("report", report_id).records[0]

    assert child_tags(got) == [
        "id",
        "name",
        "description",
        "owner",
        "type",
        "format",
        "status",
        "size",
        "creationDate",
        "lastDownloadDate",
        "downloadCount",
        "config",
    ]
    assert child_tags(got.find("owner")) == ["id", "username", "firstName", "lastName"]
    assert got.findtext("creationDate") == iso(SCANNED)
    assert got.findtext("config/webAppReport/target/webapps/WebApp/id") == str(SHOP)


def test_status_answers_id_and_status(api):
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]
    record = api.qps("status", "report", report_id, method="GET").records[0]

    assert (record.tag, child_tags(record), record.findtext("id")) == ("Report", ["id", "status"], str(report_id))


def test_report_duration_setting(api):
    use(api, report_duration=600)
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]
    at(api, SCANNED + 599)
    assert status(api, report_id) == "RUNNING"
    at(api, SCANNED + 600)
    assert status(api, report_id) == "COMPLETE"


def test_submitted_variant_before_running(api):
    use(api, report_status="submitted")
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]

    assert status(api, report_id) == "SUBMITTED"
    at(api, SCANNED + 10)
    assert status(api, report_id) == "RUNNING"
    at(api, SCANNED + DURATION)
    assert status(api, report_id) == "COMPLETE"


def test_download_counted(api):
    scanned(api)
    report_id = complete(api, web_app_report(web_apps(SHOP)))
    download(api, report_id)
    at(api, SCANNED + DURATION + 5)
    download(api, report_id)
    got = api.get("report", report_id).records[0]

    assert (got.findtext("downloadCount"), got.findtext("lastDownloadDate")) == ("2", iso(SCANNED + DURATION + 5))


@pytest.mark.parametrize("variant, http_status", [("http_error", 400), ("qps_error", 200)])
def test_download_before_complete(api, variant, http_status):
    use(api, report_early_download=variant)
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]
    reply = download(api, report_id)

    assert (reply.status, reply.code) == (http_status, "INVALID_REQUEST")
    assert "not yet complete" in reply.error[0]
    assert api.get("report", report_id).records[0].findtext("downloadCount") == "0"


# Generation failure


@pytest.mark.parametrize("detail, shown", [("message", True), ("none", False)])
def test_failure_ends_in_error_with_its_words(api, detail, shown):
    words = "Report generation failed: template rendering error."
    use(api, report_failure=words, report_error_detail=detail)
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP), report_format="PDF")).ids[0]
    assert status(api, report_id) == "RUNNING"
    at(api, SCANNED + DURATION)
    state = api.qps("status", "report", report_id, method="GET").records[0]
    got = api.get("report", report_id).records[0]
    reply = download(api, report_id)

    assert state.findtext("status") == got.findtext("status") == "ERROR"
    assert (state.findtext("message"), got.findtext("message")) == ((words, words) if shown else (None, None))
    assert got.findtext("size") is None
    assert (reply.status, reply.code, reply.error) == (200, "INVALID_REQUEST", (words, "Create the report again."))


def test_failure_setting_decides_at_creation(api):
    scanned(api)
    use(api, report_failure="Generation failed.")
    failing = create(api, web_app_report(web_apps(SHOP))).ids[0]
    use(api, report_failure="")
    passing = create(api, web_app_report(web_apps(SHOP))).ids[0]
    at(api, SCANNED + DURATION)

    assert (status(api, failing), status(api, passing)) == ("ERROR", "COMPLETE")


# Files


def test_csv_sections_hold_the_findings(api):
    scanned(api)
    body = file_of(api, web_app_report(web_apps(SHOP), "CSV"))
    rows = list(csv.reader(io.StringIO(body.decode())))
    findings = findings_of(api, SHOP)
    vuln_header = rows.index(
        ["Web Application Name", "VULNERABILITY", "ID", "QID", "Url", "Param", "Status", "Ignored"]
        + ["First Time Detected", "Last Time Detected", "Last Time Tested", "Times Detected"]
    )
    gathered_header = rows.index(
        ["Web Application Name", "INFORMATION_GATHERED", "ID", "QID", "Results", "Detection Date"]
    )
    vuln_rows = [row for row in rows[vuln_header + 1 : gathered_header] if row]

    assert ["Web Application Name", "URL", "Owner", "Scope", "Operating System"] in rows
    assert sorted(row[3] for row in vuln_rows) == sorted(
        f["qid"] for f in findings if f["type"] != "INFORMATION_GATHERED"
    )
    assert {row[0] for row in vuln_rows} == {"Demo Shop"}
    datetime.strptime(vuln_rows[0][8], REPORT_DATE)
    assert ["QID", "Id", "Title", "Category", "Severity Level", "Groups"] in rows


def test_csv_v2_one_row_per_finding(api):
    scanned(api)
    body = file_of(api, web_app_report(web_apps(SHOP), "CSV_V2"))
    rows = list(csv.DictReader(io.StringIO(body.decode())))

    assert sorted(row["ID"] for row in rows) == sorted(f["id"] for f in findings_of(api, SHOP))
    assert {row["Web Application Name"] for row in rows} == {"Demo Shop"}


def test_xml_web_app_report_as_cisa_reads_it(api):
    scanned(api)
    root = ET.fromstring(file_of(api, web_app_report(tags("ALL", PRODUCTION), "XML")))
    findings = findings_of(api, SHOP)

    assert root.tag == "WAS_WEBAPP_REPORT"
    assert root.findtext("HEADER/NAME") == "Findings"
    datetime.strptime(root.findtext("HEADER/GENERATION_DATETIME"), REPORT_DATE)
    shop = [app for app in root.findall("RESULTS/WEB_APPLICATION") if app.findtext("ID") == str(SHOP)][0]
    vulns = shop.findall("VULNERABILITY_LIST/VULNERABILITY")
    assert sorted(v.findtext("QID") for v in vulns) == sorted(
        f["qid"] for f in findings if f["type"] != "INFORMATION_GATHERED"
    )
    assert child_tags(vulns[0])[:4] == ["ID", "UNIQUE_ID", "QID", "URL"]
    datetime.strptime(vulns[0].findtext("FIRST_TIME_DETECTED"), REPORT_DATE)
    gathered = shop.findall("INFORMATION_GATHERED_LIST/INFORMATION_GATHERED")
    assert len(gathered) == sum(1 for f in findings if f["type"] == "INFORMATION_GATHERED")
    base64.b64decode(gathered[0].findtext("DATA"), validate=True)
    stats = {stat.findtext("WEB_APPLICATION"): stat for stat in root.findall("SUMMARY/SUMMARY_STATS/SUMMARY_STAT")}
    assert sum(int(stats["Demo Shop"].findtext(f"LEVEL{level}")) for level in range(1, 6)) == len(vulns)
    assert root.findtext("SUMMARY/GLOBAL_SUMMARY/SECURITY_RISK") == "High"
    assert {q.findtext("QID") for q in root.findall("GLOSSARY/QID_LIST/QID")} >= {v.findtext("QID") for v in vulns}
    # The tag target covers both Production web apps (README "Scans": the seed's and the Demo Shop).
    assert {app.findtext("ID") for app in root.findall("RESULTS/WEB_APPLICATION")} == {str(SEEDED), str(SHOP)}


def test_xml_scan_report_lists_results_directly(api):
    scan_id = scanned(api)
    root = ET.fromstring(file_of(api, scan_report(scan_id, report_format="XML")))

    assert root.tag == "WAS_SCAN_REPORT"
    assert root.find("RESULTS/WEB_APPLICATION") is None
    assert len(root.findall("RESULTS/VULNERABILITY_LIST/VULNERABILITY")) == 4


def test_pdf_valid_and_readable(api):
    scan_id = scanned(api)
    reply = download(api, complete(api, scan_report(scan_id)))
    text = pdf_text(reply.body)

    assert len(pdf_objects(reply.body)) == 5
    assert text.splitlines()[0] == "Scan report"
    assert "Demo Shop" in text and "QID 150158" in text
    assert reply.headers["Content-Type"] == "application/pdf"


def test_encrypted_pdf_opens_with_its_password_only(api):
    scan_id = scanned(api)
    body = file_of(api, scan_report(scan_id, report_format="PDF_ENCRYPTED", extra=f"<password>{PASSWORD}</password>"))

    assert "QID 150158" in pdf_text(body, PASSWORD)
    assert b"150158" not in body and PASSWORD.encode() not in body
    with pytest.raises(AssertionError, match="does not open"):
        pdf_text(body, "Wrong1234")


def test_html_zipped_holds_one_html(api):
    scanned(api)
    report_id = complete(api, web_app_report(web_apps(SHOP), "HTML_ZIPPED"))
    with zipfile.ZipFile(io.BytesIO(download(api, report_id).body)) as archive:
        names = archive.namelist()
        page = archive.read(names[0]).decode()

    assert names == [f"WAS_Report_{report_id}.html"]
    assert "<title>Findings</title>" in page and "Demo Shop" in page


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def test_html_base64_embeds_its_image(api):
    scanned(api)
    page = _Images()
    page.feed(file_of(api, web_app_report(web_apps(SHOP), "HTML_BASE64")).decode())
    prefix, data = page.sources[0].split(",", 1)

    assert prefix == "data:image/png;base64"
    assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")


def test_word_is_a_wordprocessingml_package(api):
    scanned(api)
    with zipfile.ZipFile(io.BytesIO(file_of(api, web_app_report(web_apps(SHOP), "WORD")))) as archive:
        types = ET.fromstring(archive.read("[Content_Types].xml"))
        relationships = ET.fromstring(archive.read("_rels/.rels"))
        document = ET.fromstring(archive.read("word/document.xml"))
    main = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    assert [r.get("Target") for r in relationships] == ["word/document.xml"]
    assert any(o.get("PartName") == "/word/document.xml" for o in types)
    assert document.find(f"{main}body/{main}p/{main}r/{main}t").text == "Findings"


@pytest.mark.parametrize(
    "report_format, content_type, extension",
    [
        ("PDF", "application/pdf", "pdf"),
        ("HTML_ZIPPED", "application/zip", "zip"),
        ("HTML_BASE64", "text/html", "html"),
        ("CSV", "text/csv", "csv"),
        ("CSV_V2", "text/csv", "csv"),
        ("XML", "application/xml", "xml"),
        ("WORD", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ],
)
def test_download_headers(api, report_format, content_type, extension):
    scanned(api)
    report_id = complete(api, web_app_report(web_apps(SHOP), report_format))
    reply = download(api, report_id)

    assert reply.headers["Content-Type"] == content_type
    assert reply.headers["Content-Disposition"] == f'attachment; filename="WAS_Report_{report_id}.{extension}"'
    assert int(api.get("report", report_id).records[0].findtext("size")) == len(reply.body) > 0


def test_format_defaults_to_pdf(api):
    scanned(api)
    body = "<Report><name>n</name><type>WAS_WEBAPP_REPORT</type><config><webAppReport><target>"
    body += web_apps(SHOP) + "</target></webAppReport></config></Report>"

    assert create(api, body).records[0].findtext("format") == "PDF"


def test_catalog_and_scorecard_cover_what_the_caller_sees(api):
    scanned(api)
    catalog = create(api, "<Report><name>c</name><format>XML</format><type>WAS_CATALOG_REPORT</type></Report>")
    body = "<Report><name>s</name><format>XML</format><type>WAS_SCORECARD_REPORT</type><config><scorecardReport>"
    body += f"<target>{tags('ANY', STAGING)}</target></scorecardReport></config></Report>"
    scorecard = create(api, body)
    at(api, SCANNED + DURATION)

    catalog_apps = ET.fromstring(download(api, catalog.ids[0]).body).findall("RESULTS/WEB_APPLICATION")
    scorecard_apps = ET.fromstring(download(api, scorecard.ids[0]).body).findall("RESULTS/WEB_APPLICATION")
    assert len(catalog_apps) == len(api.search("webapp").records)
    assert [app.findtext("ID") for app in scorecard_apps] == [str(BLOG)]


# Refusals


@pytest.mark.parametrize(
    "data, code, words",
    [
        (
            "<Report><type>WAS_WEBAPP_REPORT</type></Report>",
            "INVALID_REQUEST",
            "Required element 'Report/name' is missing.",
        ),
        ("<Report><name>n</name></Report>", "INVALID_REQUEST", "Required element 'Report/type' is missing."),
        (web_app_report(web_apps(SHOP), "DOCX"), "INVALID_XML", "Invalid value 'DOCX' for element 'Report/format'."),
        (
            web_app_report(web_apps(SHOP), "POWERPOINT"),
            "INVALID_REQUEST",
            "Format POWERPOINT is not supported for report type WAS_WEBAPP_REPORT.",
        ),
        (
            "<Report><name>c</name><format>PDF</format><type>WAS_CATALOG_REPORT</type></Report>",
            "INVALID_REQUEST",
            "Format PDF is not supported for report type WAS_CATALOG_REPORT.",
        ),
        (
            web_app_report(web_apps(SHOP), "PDF_ENCRYPTED"),
            "INVALID_REQUEST",
            "A password is required for format PDF_ENCRYPTED.",
        ),
        (
            web_app_report(web_apps(SHOP), "PDF_ENCRYPTED", extra="<password>short1</password>"),
            "INVALID_REQUEST",
            "The password must have 8 to 32 characters, with letters and digits.",
        ),
        (
            web_app_report(web_apps(SHOP), "PDF_ENCRYPTED", extra="<password>lettersonly</password>"),
            "INVALID_REQUEST",
            "The password must have 8 to 32 characters, with letters and digits.",
        ),
        (
            web_app_report(web_apps(SHOP), "PDF", extra=f"<password>{PASSWORD}</password>"),
            "INVALID_REQUEST",
            "Report/password is only accepted with format PDF_ENCRYPTED.",
        ),
        (
            web_app_report(web_apps(SHOP) + tags("ALL", PRODUCTION)),
            "INVALID_REQUEST",
            "The target takes exactly one of webapps or tags.",
        ),
        (web_app_report(web_apps(999)), "INVALID_REQUEST", "WebApp with id 999 does not exist or is not accessible."),
        (web_app_report(tags("ALL", 998)), "INVALID_REQUEST", "Tag with id 998 does not exist or is not accessible."),
        (
            web_app_report(tags("ALL", PRODUCTION, STAGING)),
            "INVALID_REQUEST",
            "No web application matches the target tags.",
        ),
        (
            web_app_report(web_apps(SHOP), extra="<template><id>997</id></template>"),
            "INVALID_REQUEST",
            "ReportTemplate with id 997 does not exist or is not accessible.",
        ),
        (
            web_app_report(web_apps(SHOP), extra="<template><id>1488462</id></template>"),
            "INVALID_REQUEST",
            "Template 1488462 is a WAS_SCAN_REPORT template; the report type is WAS_WEBAPP_REPORT.",
        ),
        (scan_report(996), "INVALID_REQUEST", "WasScan with id 996 does not exist or is not accessible."),
        (
            "<Report><name>n</name><type>WAS_SCAN_REPORT</type><config><scanReport><target><WasScan><id>1</id>"
            "</WasScan></target></scanReport></config></Report>",
            "INVALID_XML",
            "Unexpected element 'WasScan' in 'Report/config/scanReport/target'.",
        ),
        (
            "<Report><name>n</name><type>WAS_WEBAPP_REPORT</type><config><scanReport><target><scans><WasScan><id>1"
            "</id></WasScan></scans></target></scanReport></config></Report>",
            "INVALID_REQUEST",
            "Report type WAS_WEBAPP_REPORT takes config/webAppReport.",
        ),
        (
            "<Report><name>n</name><format>XML</format><type>WAS_CATALOG_REPORT</type><config><webAppReport><target>"
            f"{web_apps(SHOP)}</target></webAppReport></config></Report>",
            "INVALID_REQUEST",
            "Report type WAS_CATALOG_REPORT takes no config.",
        ),
        (
            "<Report><name>n</name><type>WAS_WEBAPP_REPORT</type></Report>",
            "INVALID_REQUEST",
            "Report type WAS_WEBAPP_REPORT takes config/webAppReport.",
        ),
    ],
)
def test_refused_and_nothing_created(api, data, code, words):
    at(api, 0)

    assert refusal(api, data) == (code, words)


def test_scan_report_of_a_scan_still_running(api):
    at(api, 0)
    scan_id = launch(api, scan(web_app(SHOP))).ids[0]

    assert refusal(api, scan_report(scan_id)) == ("INVALID_REQUEST", f"Scan {scan_id} has no results yet.")


DUSTY = (
    "<Report><name>d</name><format>XML</format><type>WAS_SCAN_REPORT</type><config><webAppReport><target>"
    f"{web_apps(SHOP)}</target></webAppReport></config><template><id>1994875</id></template></Report>"
)


def test_scan_report_with_web_app_config_refused_by_default(api):
    at(api, 0)

    assert refusal(api, DUSTY) == ("INVALID_REQUEST", "Report type WAS_SCAN_REPORT takes config/scanReport.")


def test_scan_report_with_web_app_config_made_as_web_app_report(api):
    use(api, report_scan_config="webapp")
    scanned(api)
    reply = create(api, DUSTY)
    at(api, SCANNED + DURATION)

    assert reply.records[0].findtext("type") == "WAS_WEBAPP_REPORT"
    assert ET.fromstring(download(api, reply.ids[0]).body).tag == "WAS_WEBAPP_REPORT"


def test_password_never_answered(api):
    scan_id = scanned(api)
    reply = create(api, scan_report(scan_id, report_format="PDF_ENCRYPTED", extra=f"<password>{PASSWORD}</password>"))
    report_id = reply.ids[0]
    answers = [
        reply,
        api.get("report", report_id),
        api.search("report"),
        api.qps("status", "report", report_id, method="GET"),
    ]

    assert all(PASSWORD.encode() not in answer.body for answer in answers)
    assert api.search("report", criteria("id", "EQUALS", str(report_id))).records[0].find("password") is None


# Permissions and scope


def test_reader_may_read_but_not_create_or_delete(api):
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]

    assert refusal(api, web_app_report(web_apps(SHOP)), as_user=READER)[0] == "UNAUTHORIZED"
    assert api.qps("delete", "report", report_id, as_user=READER).code == "UNAUTHORIZED"
    assert api.get("report", report_id, as_user=READER).code == "SUCCESS"
    at(api, SCANNED + DURATION)
    assert api.qps("download", "report", report_id, method="GET", as_user=READER).status == 200


def test_editor_creates_and_deletes(api):
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP)), as_user=EDITOR).ids[0]

    assert api.qps("delete", "report", report_id, as_user=EDITOR).ids == [report_id]


def test_scanner_reports_on_its_scope_only(api):
    scanned(api)
    mine = create(api, web_app_report(tags("ALL", PRODUCTION)), as_user=SCANNER)

    assert mine.code == "SUCCESS"
    assert api.qps("delete", "report", mine.ids[0], as_user=SCANNER).code == "UNAUTHORIZED"
    assert refusal(api, web_app_report(web_apps(BLOG)), as_user=SCANNER) == (
        "INVALID_REQUEST",
        f"WebApp with id {BLOG} does not exist or is not accessible.",
    )


def test_scanner_catalog_holds_its_scope_only(api):
    scanned(api)
    reply = create(
        api, "<Report><name>c</name><format>XML</format><type>WAS_CATALOG_REPORT</type></Report>", as_user=SCANNER
    )
    at(api, SCANNED + DURATION)
    shown = ET.fromstring(download(api, reply.ids[0]).body).findall("RESULTS/WEB_APPLICATION")

    assert sorted(app.findtext("ID") for app in shown) == sorted([str(SEEDED), str(SHOP)])


# Storage limit


def test_storage_limit_refuses_until_reports_are_deleted(api):
    scanned(api)
    first = create(api, web_app_report(web_apps(SHOP), "PDF")).ids[0]  # about 1.5 kB
    use(api, report_storage_mb=0.001)

    assert refusal(api, web_app_report(web_apps(SHOP))) == (
        "INVALID_REQUEST",
        "Your subscription storage limit of 0.0 Mb has been reached.",
    )
    assert create(api, web_app_report(web_apps(SHOP))).error[1] == "Delete existing reports and try again."
    api.qps("delete", "report", first)
    assert create(api, web_app_report(web_apps(SHOP))).code == "SUCCESS"


# Delete, search, count


def test_delete_by_id_and_by_filters(api):
    scanned(api)
    kept = create(api, web_app_report(web_apps(SHOP), name="keep")).ids[0]
    by_id = create(api, web_app_report(web_apps(SHOP), name="drop")).ids[0]
    by_name = [create(api, web_app_report(web_apps(SHOP), name="old")).ids[0] for _copy in range(2)]

    assert api.qps("delete", "report", by_id).ids == [by_id]
    body = f"<ServiceRequest><filters>{criteria('name', 'EQUALS', 'old')}</filters></ServiceRequest>".encode()
    assert api.qps("delete", "report", body=body).ids == by_name
    assert api.search("report").ids == [kept]
    assert api.get("report", by_id).error[0] == f"Report with id {by_id} does not exist or is not accessible."


@pytest.mark.parametrize(
    "field, operator, value, expected",
    [
        ("name", "CONTAINS", "CSV", ["csv"]),
        ("format", "EQUALS", "XML", ["xml"]),
        ("type", "EQUALS", "WAS_SCAN_REPORT", ["scan"]),
        ("status", "EQUALS", "COMPLETE", ["csv", "xml", "scan"]),
        ("status", "EQUALS", "RUNNING", ["late"]),
        ("creationDate", "GREATER", iso(SCANNED + 1), ["late"]),
    ],
)
def test_search_fields(api, field, operator, value, expected):
    scan_id = scanned(api)
    names = {}
    names[create(api, web_app_report(web_apps(SHOP), "CSV", name="Prod CSV")).ids[0]] = "csv"
    names[create(api, web_app_report(web_apps(SHOP), "XML", name="Prod XML")).ids[0]] = "xml"
    names[create(api, scan_report(scan_id)).ids[0]] = "scan"
    at(api, SCANNED + DURATION)
    names[create(api, web_app_report(web_apps(SHOP), name="late")).ids[0]] = "late"
    found = api.search("report", criteria(field, operator, value))

    assert [names[report_id] for report_id in found.ids] == expected
    count = api.qps(
        "count",
        "report",
        body=f"<ServiceRequest><filters>{criteria(field, operator, value)}</filters></ServiceRequest>".encode(),
    )
    assert count.xml.findtext("count") == str(len(expected))


def test_search_answers_the_get_shape(api):
    scanned(api)
    report_id = create(api, web_app_report(web_apps(SHOP))).ids[0]

    assert child_tags(api.search("report").records[0]) == child_tags(api.get("report", report_id).records[0])


# Faults


def test_fault_on_download_is_not_a_download(api):
    scanned(api)
    report_id = complete(api, web_app_report(web_apps(SHOP)))
    api.control("POST", "faults", {"kind": "status", "status": 503, "match": "download/report"})

    assert download(api, report_id).status == 503
    assert api.get("report", report_id).records[0].findtext("downloadCount") == "0"
    assert download(api, report_id).status == 200


def test_fault_after_create_keeps_the_report(api):
    scanned(api)
    api.control("POST", "faults", {"kind": "disconnect", "match": "create/report", "execute": True})
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        create(api, web_app_report(web_apps(SHOP), name="lost answer"))

    assert [r.findtext("name") for r in api.search("report").records] == ["lost answer"]


# Templates


def test_templates_in_the_fixture(api):
    found = api.search("reporttemplate")

    assert {r.findtext("type") for r in found.records} == {
        "WAS_WEBAPP_REPORT",
        "WAS_SCAN_REPORT",
        "WAS_SCORECARD_REPORT",
        "WAS_CATALOG_REPORT",
    }
    assert child_tags(found.records[0]) == ["id", "name", "type"]
    assert api.qps("count", "reporttemplate", method="GET").xml.findtext("count") == str(len(found.records))


def test_template_get_and_search_by_type(api):
    got = api.get("reporttemplate", 1994875).records[0]
    scans = api.search("reporttemplate", criteria("type", "EQUALS", "WAS_SCAN_REPORT"))

    assert (got.tag, got.findtext("name"), got.findtext("type")) == (
        "ReportTemplate",
        "Web Application Report",
        "WAS_WEBAPP_REPORT",
    )
    assert scans.ids == [1488462]


def test_template_audited_shape(api):
    use(api, report_template_shape="audited")
    got = api.get("reporttemplate", 1994875).records[0]

    assert child_tags(got) == ["id", "name", "type", "owner", "createdDate", "updatedDate"]
    assert child_tags(api.search("reporttemplate").records[0]) == child_tags(got)


def test_templates_are_read_only(api):
    reply = api.create("reporttemplate", "<ReportTemplate><name>x</name></ReportTemplate>")

    assert reply.code == "OPERATION_NOT_SUPPORTED"


def test_report_with_template_records_nothing_of_it(api):
    scanned(api)
    reply = create(api, web_app_report(web_apps(SHOP), extra="<template><id>1994875</id></template>"))

    assert reply.code == "SUCCESS" and reply.records[0].find("template") is None


def test_a_file_holds_the_first_thousand_findings(api):
    at(api, 0)
    assert api.control("POST", "findings", {"webApp": BLOG, "count": 1200})[0] == 200
    report_id = create(api, web_app_report(web_apps(BLOG), "CSV_V2")).ids[0]
    at(api, DURATION)
    rows = list(csv.DictReader(io.StringIO(download(api, report_id).body.decode())))
    first = api.search("finding", criteria("webApp.id", "EQUALS", str(BLOG)), "<limitResults>1</limitResults>")

    assert len(rows) == 1000
    assert rows[0]["ID"] == first.records[0].findtext("id")
