# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A scan's results reduced to the compact shape, against the three recorded downloads (JupiterOne-Archives/
graph-qualys, 2020: scans 5170635, 5132004, 5170661) and the 2024 shape of the GitHub Action's test data."""

from __future__ import annotations

import re
import tracemalloc
from collections import Counter

import pytest
import xmltodict

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.scan_results import read_scan_results
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, data_file, service_response

NO_FINDINGS = service_response("Finding", [])


def make_client(replies):
    session = FakeSession(replies)
    client = QualysClient(ConnectionSettings("https://qualys.example.test", "u", "p"), session=session, sleep=[].append)
    return client, session


def download(number):
    return Reply(data_file("samples", "wasscan-download-jupiterone-%d.xml" % number))


def finding(qid, severity, potential=False, url=None, param=None, web_app=61890472):
    """A finding record in the recorded non-verbose order (search/was/finding, JupiterOne-Archives 2022)."""
    return (
        "<id>%d</id><qid>%d</qid><name>QID %d</name><type>VULNERABILITY</type><potential>%s</potential>"
        "%s<severity>%d</severity>%s<status>NEW</status><webApp><id>%d</id></webApp>"
        % (
            qid * 10 + severity,
            qid,
            qid,
            "true" if potential else "false",
            "<param><![CDATA[%s]]></param>" % param if param else "",
            severity,
            "<url><![CDATA[%s]]></url>" % url if url else "",
            web_app,
        )
    )


def criteria(request):
    found = xmltodict.parse(request.body)["ServiceRequest"]["filters"]["Criteria"]
    return [(c["@field"], c["@operator"], c["#text"]) for c in (found if isinstance(found, list) else [found])]


def test_a_scan_that_found_no_web_service():
    client, session = make_client([download(1)])
    results = read_scan_results(client, 5170635)
    assert session.operations == ["download/wasscan"]  # no vulnerability: nothing to fill in
    assert {key: results[key] for key in ("id", "name", "status", "results_status", "auth_status")} == {
        "id": 5170635,
        "name": "Web Application Vulnerability Scan - Second Web App - BoQ - 2020-04-21",
        "status": "finished",
        "results_status": "no_web_service",
        "auth_status": "none",
    }
    assert results["stats"]["vulnerabilities"] == dict(total=0, level_5=0, level_4=0, level_3=0, level_2=0, level_1=0)
    # stats.global says 4 information gathered where 3 are listed, as in every recorded download
    assert results["stats"]["information_gathered"]["total"] == 4
    assert results["findings"] == [
        {
            "qid": qid,
            "title": title,
            "type": "information_gathered",
            "severity": None,
            "potential": None,
            "url": None,
            "param": None,
            "instances": None,
        }
        for qid, title in ((6, "DNS Host Name"), (150111, "HTTP Service Detection Failure"), (45038, "Host Scan Time"))
    ]


def test_severity_and_potential_the_2020_download_lacks_come_from_the_finding_search():
    url = "https://api.dev.jupiterone.io/"
    client, session = make_client([download(2), Reply(service_response("Finding", [finding(150085, 3, url=url)]))])
    results = read_scan_results(client, 5132004)
    assert session.operations == ["download/wasscan", "search/finding"]
    assert criteria(session.requests[1]) == [("qid", "IN", "150085"), ("webApp.id", "IN", "61890472")]
    vulnerabilities = [f for f in results["findings"] if f["type"] == "vulnerability"]
    assert vulnerabilities == [
        {
            "qid": 150085,
            "title": "Slow HTTP POST vulnerability",
            "type": "vulnerability",
            "severity": 3,
            "potential": False,
            "url": url,
            "param": None,
            "instances": 1,
        }
    ]
    assert results["stats"]["vulnerabilities"]["level_3"] == 1
    assert Counter(f["type"] for f in results["findings"]) == {"vulnerability": 1, "information_gathered": 21}
    assert client.calls == 2


def test_records_match_by_qid_url_and_parameter_else_by_qid():
    xss_url = "http://54.173.177.208:8080/bodgeit/search.jsp?q=%3C%2Fscript%3E%3Cscript%3Efunction()%7bqxss%7d%3B%3C%2Fscript%3E"
    records = [
        finding(150001, 5, url=xss_url, param="q"),
        finding(150001, 4, url="http://elsewhere.example/", param="q"),  # another instance, an edited severity
        finding(150084, 3, potential=True, url="http://54.173.177.208:8080/other", param="q"),
        finding(150124, 3, potential=False),
        finding(150124, 3, potential=True),  # records of one QID that disagree on potential
    ]
    client, session = make_client([download(3), Reply(service_response("Finding", records))])
    results = read_scan_results(client, 5170661, web_app_ids=[44, 12])
    fields, operator, qids = criteria(session.requests[1])[0]
    assert (fields, operator) == ("qid", "IN") and "150001" in qids.split(",") and "150246" in qids.split(",")
    assert criteria(session.requests[1])[1] == ("webApp.id", "IN", "12,44")
    by_qid = {}
    for item in results["findings"]:
        by_qid.setdefault(item["qid"], []).append(item)
    xss = by_qid[150001][0]
    assert (xss["severity"], xss["potential"], xss["param"], xss["url"]) == (5, False, "q", xss_url)
    assert {(f["severity"], f["potential"]) for f in by_qid[150084]} == {(3, True)}  # by QID: one record agrees
    assert {(f["severity"], f["potential"]) for f in by_qid[150124]} == {(3, None)}  # the records disagree
    assert {(f["severity"], f["potential"]) for f in by_qid[150246]} == {(None, None)}  # no record at all
    assert Counter(f["type"] for f in results["findings"]) == {"vulnerability": 44, "information_gathered": 21}
    assert results["stats"]["vulnerabilities"] == dict(
        total=44, level_5=5, level_4=1, level_3=15, level_2=5, level_1=18
    )


@pytest.mark.parametrize(
    "target, scope",
    [
        (
            "<tags><included><option>ANY</option><tagList><list><Tag><id>12017424</id></Tag><Tag><id>9</id></Tag>"
            "</list></tagList></included></tags>",
            ("webApp.tags.id", "IN", "9,12017424"),
        ),
        (
            "<webApps><list><WebApp><id>5</id></WebApp><WebApp><id>3</id></WebApp></list></webApps>",
            ("webApp.id", "IN", "3,5"),
        ),
    ],
)
def test_a_multi_scan_finds_its_records_where_its_target_points(target, scope):
    body = re.sub(
        rb"<target>.*?</target>",
        b"<target>%s</target>" % target.encode(),
        data_file("samples", "wasscan-download-jupiterone-2.xml"),
        flags=re.S,
    )
    client, session = make_client([Reply(body), Reply(service_response("Finding", [finding(150085, 3)]))])
    results = read_scan_results(client, 5132004)
    assert criteria(session.requests[1]) == [("qid", "IN", "150085"), scope]
    assert [f["severity"] for f in results["findings"] if f["type"] == "vulnerability"] == [3]


def test_the_finding_search_is_read_page_by_page():
    first = service_response("Finding", [finding(150085, 3)], has_more=True, last_id=1500853)
    client, session = make_client([download(2), Reply(first), Reply(NO_FINDINGS)])
    results = read_scan_results(client, 5132004)
    assert session.operations == ["download/wasscan", "search/finding", "search/finding"]
    assert ("id", "GREATER", "1500853") in criteria(session.requests[2])
    assert [f["severity"] for f in results["findings"] if f["type"] == "vulnerability"] == [3]
    assert client.calls == 3


# The 2024 download shape, from the GitHub Action's test data (Qualys/github-action-qwas @ af39882,
# test_scanResult_mockData_1.json: scan 38847527, JSON), written as the XML the same elements make: each
# WasScanVuln has severity and potential, each WasScanIg a severity. Payloads shortened.
DOWNLOAD_2024 = b"""<?xml version="1.0" encoding="UTF-8"?>
<WasScan>
  <id>38847527</id>
  <name><![CDATA[New WAS Vulnerability Scan launched from API_2024-01-09-16-13]]></name>
  <type>VULNERABILITY</type>
  <mode>API</mode>
  <multi>false</multi>
  <progressiveScanning>DISABLED</progressiveScanning>
  <target><webApp><id>1069358967</id><name><![CDATA[WAS Test App www.gxmail.com]]></name>
    <url><![CDATA[http://www.gxmail.com]]></url></webApp><scannerAppliance><type>EXTERNAL</type></scannerAppliance>
    <cancelOption>SPECIFIC</cancelOption><randomizeScan>false</randomizeScan></target>
  <status>FINISHED</status>
  <consolidatedStatus>FINISHED</consolidatedStatus>
  <summary><resultsStatus>SUCCESSFUL</resultsStatus><authStatus>NONE</authStatus></summary>
  <stats><global><nbVulnsTotal>2</nbVulnsTotal><nbVulnsLevel5>0</nbVulnsLevel5><nbVulnsLevel4>0</nbVulnsLevel4>
    <nbVulnsLevel3>1</nbVulnsLevel3><nbVulnsLevel2>1</nbVulnsLevel2><nbVulnsLevel1>0</nbVulnsLevel1></global></stats>
  <vulns>
    <count>2</count>
    <list>
      <WasScanVuln>
        <qid>150263</qid>
        <title><![CDATA[Insecure Transport]]></title>
        <severity>3</severity>
        <potential>false</potential>
        <uri><![CDATA[http://www.gxmail.com/]]></uri>
        <instances><count>1</count><list><WasScanVulnInstance><authenticated>false</authenticated><payloads>
          <count>1</count><list><WasScanVulnPayload><payload></payload><result base64="true">SFRUUC8xLjE=</result>
          </WasScanVulnPayload></list></payloads></WasScanVulnInstance></list></instances>
      </WasScanVuln>
      <WasScanVuln>
        <qid>150202</qid>
        <title><![CDATA[Missing header: X-Content-Type-Options]]></title>
        <severity>2</severity>
        <potential>true</potential>
        <uri><![CDATA[http://www.gxmail.com/]]></uri>
        <instances><count>1</count></instances>
      </WasScanVuln>
    </list>
  </vulns>
  <sensitiveContents><count>0</count></sensitiveContents>
  <igs><count>1</count><list><WasScanIg><qid>6</qid><title><![CDATA[DNS Host Name]]></title><severity>1</severity>
    <data base64="true">I3RhYmxl</data></WasScanIg></list></igs>
</WasScan>
"""


def test_the_2024_shape_gives_severity_and_potential_without_a_search():
    client, session = make_client([Reply(DOWNLOAD_2024)])
    results = read_scan_results(client, 38847527)
    assert session.operations == ["download/wasscan"]
    assert [(f["qid"], f["type"], f["severity"], f["potential"]) for f in results["findings"]] == [
        (150263, "vulnerability", 3, False),
        (150202, "vulnerability", 2, True),
        (6, "information_gathered", 1, None),
    ]


def test_sensitive_contents_are_read_whatever_their_element_is_called():
    body = DOWNLOAD_2024.replace(
        b"<sensitiveContents><count>0</count></sensitiveContents>",
        b"<sensitiveContents><count>1</count><list><WasScanSensitiveContent><qid>150026</qid><title>Credit card"
        b"</title><severity>3</severity><uri>http://www.gxmail.com/cc</uri><instances><count>2</count><list/>"
        b"</instances></WasScanSensitiveContent></list></sensitiveContents>",
    )
    client, session = make_client([Reply(body)])
    results = read_scan_results(client, 38847527)
    [content] = [f for f in results["findings"] if f["type"] == "sensitive_content"]
    assert (content["qid"], content["severity"], content["url"], content["instances"]) == (
        150026,
        3,
        "http://www.gxmail.com/cc",
        2,
    )


VULNS = 10000
PAYLOAD = b"QUFB" * 400  # 1.6 kB of base64 per finding, as a recorded response body would be


def huge_download():
    """A download of 10,000 vulnerabilities (about 20 MB), generated as it is read, never held whole."""
    yield b'<?xml version="1.0" encoding="UTF-8"?><WasScan><id>1</id><name>big</name><status>FINISHED</status>'
    yield b"<summary><resultsStatus>SUCCESSFUL</resultsStatus><authStatus>NONE</authStatus></summary>"
    yield b"<vulns><count>%d</count><list>" % VULNS
    for index in range(VULNS):
        yield (
            b"<WasScanVuln><qid>%d</qid><title><![CDATA[Finding %d]]></title><severity>%d</severity>"
            b"<potential>false</potential><uri><![CDATA[http://shop.example/page/%d]]></uri><instances><count>1"
            b"</count><list><WasScanVulnInstance><authenticated>false</authenticated><payloads><count>1</count><list>"
            b'<WasScanVulnPayload><payload>x</payload><result base64="true">%s</result></WasScanVulnPayload></list>'
            b"</payloads></WasScanVulnInstance></list></instances></WasScanVuln>"
            % (150000 + index % 300, index, 1 + index % 5, index, PAYLOAD)
        )
    yield b"</list></vulns><igs><count>0</count></igs></WasScan>"


def test_a_download_of_10000_findings_is_reduced_without_holding_the_document():
    document_size = sum(len(chunk) for chunk in huge_download())
    client, session = make_client([Reply(chunks=huge_download())])
    tracemalloc.start()
    try:
        results = read_scan_results(client, 1)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(results["findings"]) == VULNS
    assert results["findings"][-1]["url"] == "http://shop.example/page/9999"
    # The compact findings alone take a few MB; the document is several times that, and a dictionary of it more.
    bound = 8 * 1024 * 1024
    assert document_size > 2 * bound
    assert peak < bound, "reading the download took %.1f MB at its peak" % (peak / 1048576)


def huge_2020_download():
    """10,000 vulnerabilities as the 2020 XML lists them: no severity, no potential flag."""
    yield b'<?xml version="1.0" encoding="UTF-8"?><WasScan><id>2</id><name>big</name><status>FINISHED</status>'
    yield b"<target><webApp><id>7</id></webApp></target><vulns><count>%d</count><list>" % VULNS
    for index in range(VULNS):
        yield (
            b"<WasScanVuln><qid>%d</qid><title><![CDATA[Finding %d]]></title><uri><![CDATA[http://shop.example/page/%d]]>"
            b"</uri><instances><count>1</count></instances></WasScanVuln>" % (150000 + index % 300, index, index)
        )
    yield b"</list></vulns></WasScan>"


def finding_page(number, pages):
    """Page ``number`` (from 0) of the finding search, made when it is asked for: the scan's 10,000 findings, and as
    many of earlier scans at other URLs."""
    size = 2 * VULNS // pages
    records = []
    for index in range(number * size, (number + 1) * size):
        url = "http://shop.example/%s/%d" % ("page" if index < VULNS else "old", index % VULNS)
        record = finding(150000 + index % 300, 1 + index % 5, url=url, web_app=7)
        records.append(re.sub(r"^<id>\d+</id>", "<id>%d</id>" % (index + 1), record))
    more = number + 1 < pages
    return lambda request: Reply(service_response("Finding", records, has_more=more, last_id=(number + 1) * size))


def test_10000_findings_are_filled_in_from_pages_read_one_at_a_time():
    pages = 20
    client, session = make_client([Reply(chunks=huge_2020_download())] + [finding_page(n, pages) for n in range(pages)])
    tracemalloc.start()
    try:
        results = read_scan_results(client, 2)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert session.operations == ["download/wasscan"] + ["search/finding"] * pages
    assert [f["severity"] for f in results["findings"][:6]] == [1, 2, 3, 4, 5, 1]
    assert all(f["potential"] is False for f in results["findings"])
    # Every page held at once would take about twice this.
    assert peak < 13 * 1024 * 1024, "filling in took %.1f MB at its peak" % (peak / 1048576)
