# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the report tests share: create bodies as the public clients send them, a scanned web app, and a PDF reader
written from ISO 32000-1 (the simulator's PDF writer is not used to read its own files)."""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from typing import Dict, List, Optional

from ansible_collections.qualys.was.tests.unit.simulator.scanning import ENDS, PROCESSING, SHOP, at, launch, scan
from ansible_collections.qualys.was.tests.unit.simulator.scanning import web_app as scan_target
from ansible_collections.qualys.was.tests.unit.simulator.simclient import Reply, SimClient

SCANNED = ENDS[SHOP] + PROCESSING  # seconds after START when the Demo Shop scan has recorded its findings
DURATION = 60  # report_duration's default


def web_apps(*ids: int) -> str:
    """CISA's was_report_details.xml, PlexTrac's and DUSTY's target: webapps/WebApp without a set wrapper."""
    return "<webapps>" + "".join(f"<WebApp><id>{i}</id></WebApp>" for i in ids) + "</webapps>"


def tags(option: str, *ids: int) -> str:
    """CISA's was_report.xml target: tags/included/tagList/Tag without a set wrapper."""
    tag_list = "".join(f"<Tag><id>{i}</id></Tag>" for i in ids)
    return f"<tags><included><option>{option}</option><tagList>{tag_list}</tagList></included></tags>"


def web_app_report(target: str, report_format: str = "CSV", name: str = "Findings", extra: str = "") -> str:
    return (
        f"<Report><name><![CDATA[{name}]]></name><format>{report_format}</format><type>WAS_WEBAPP_REPORT</type>"
        f"{extra}<config><webAppReport><target>{target}</target></webAppReport></config></Report>"
    )


def scan_report(*scan_ids: int, report_format: str = "PDF", extra: str = "") -> str:
    """The GitHub Action's body (scans/WasScan/id), as VulnWhisperer sends it too."""
    scans = "".join(f"<WasScan><id>{i}</id></WasScan>" for i in scan_ids)
    return (
        f"<Report><name>Scan report</name><format>{report_format}</format><type>WAS_SCAN_REPORT</type>{extra}"
        f"<config><scanReport><target><scans>{scans}</scans></target></scanReport></config></Report>"
    )


def create(api: SimClient, data: str, **options) -> Reply:
    return api.create("report", data, **options)


def status(api: SimClient, report_id: int) -> str:
    return api.qps("status", "report", report_id, method="GET").records[0].findtext("status")


def download(api: SimClient, report_id: int) -> Reply:
    return api.qps("download", "report", report_id, method="GET")


def scanned(api: SimClient) -> int:
    """Scans the Demo Shop (findings of every type, README "Scans") and moves the clock to when they are recorded."""
    at(api, 0)
    scan_id = launch(api, scan(scan_target(SHOP))).ids[0]
    at(api, SCANNED)
    return scan_id


def findings_of(api: SimClient, web_app_id: int) -> List[Dict[str, str]]:
    body = f'<Criteria field="webApp.id" operator="EQUALS">{web_app_id}</Criteria>'
    found = api.search("finding", body, preferences="<limitResults>1000</limitResults>").records
    return [{child.tag: child.text for child in record} for record in found]


# ISO 32000-1 7.6.3.3: the padding of a password, algorithm 2 (file key), algorithm 1 (object key).
_PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _arc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    swap = 0
    for index in range(256):
        swap = (swap + box[index] + key[index % len(key)]) & 255
        box[index], box[swap] = box[swap], box[index]
    first = second = 0
    out = bytearray()
    for byte in data:
        first = (first + 1) & 255
        second = (second + box[first]) & 255
        box[first], box[second] = box[second], box[first]
        out.append(byte ^ box[(box[first] + box[second]) & 255])
    return bytes(out)


def _hex(dictionary: bytes, name: bytes) -> bytes:
    return bytes.fromhex(re.search(rb"/" + name + rb"\s*<([0-9a-fA-F]+)>", dictionary).group(1).decode())


def pdf_objects(data: bytes) -> Dict[int, bytes]:
    """Checks the file's frame (header, cross-reference table whose offsets each open their object, trailer,
    startxref, %%EOF) and returns each object's body by number."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[startxref:].startswith(b"xref")
    section = re.match(rb"xref\s+0 (\d+)\s+", data[startxref:])
    entries = data[startxref + section.end() :].split(b"\n")[: int(section.group(1))]
    assert entries[0].startswith(b"0000000000 65535 f")
    objects = {}
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        opened = re.match(rb"(\d+) 0 obj\s", data[offset:])
        assert opened and int(opened.group(1)) == number, f"object {number} is not at {offset}"
        objects[number] = data[offset + opened.end() : data.index(b"endobj", offset)]
    assert b"trailer" in data[startxref:] and b"/Root" in data[startxref:]
    return objects


def pdf_text(data: bytes, password: Optional[str] = None) -> str:
    """The text the page shows: its content stream's string literals, decrypted with ``password`` under the
    standard security handler revision 2 when the trailer has /Encrypt."""
    objects = pdf_objects(data)
    trailer = data[data.rindex(b"trailer") :]
    key = None
    encrypt = re.search(rb"/Encrypt (\d+) 0 R", trailer)
    if encrypt:
        dictionary = objects[int(encrypt.group(1))]
        assert b"/Filter /Standard" in dictionary and b"/R 2" in dictionary
        permissions = int(re.search(rb"/P (-?\d+)", dictionary).group(1))
        file_id = bytes.fromhex(re.search(rb"/ID \[<([0-9a-fA-F]+)>", trailer).group(1).decode())
        padded = ((password or "").encode("latin-1") + _PADDING)[:32]
        owner = _hex(dictionary, b"O")
        key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
        assert _arc4(key, _PADDING) == _hex(dictionary, b"U"), "the password does not open the file"
    for number, body in objects.items():
        match = re.search(rb"stream\n(.*)\nendstream", body, re.S)
        if not match:
            continue
        stream = match.group(1)
        if key:
            stream = _arc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\0\0").digest()[:10], stream)
        if b"/FlateDecode" in body:
            stream = zlib.decompress(stream)
        literals = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream)
        return "\n".join(re.sub(rb"\\(.)", rb"\1", literal).decode("latin-1") for literal in literals)
    raise AssertionError("no content stream")
