# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report formats made of lines of text: PDF, HTML (zipped, or with its image inline) and Word."""

from __future__ import annotations

import base64
import io
import zipfile
from html import escape
from typing import Dict, List, Optional

from .content import Content, report_date
from .pdf import pdf_document

PDF_LINES = 40  # one page of text, then "... and N more"
# A 1x1 transparent PNG: the image an HTML_BASE64 report embeds.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _lines(content: Content) -> List[str]:
    """The text of the PDF, HTML and Word bodies."""
    lines = [content.name, f"Generated {report_date(content.generated)} by {content.user.get('username', '')}", ""]
    for section in content.sections:
        lines.append(f"Web application {section.web_app['id']}: {section.web_app['name']} ({section.web_app['url']})")
    lines.append("")
    rows = [
        f"QID {finding['qid']} severity {finding.get('severity', '')} {finding.get('status', 'GATHERED')}: "
        f"{finding.get('name', '')} {finding.get('url', '')}".rstrip()
        for _web_app, finding in content.findings
    ]
    room = PDF_LINES - len(lines)
    if len(rows) > room:
        rows = rows[: room - 1] + [f"... and {len(rows) - room + 1} more"]
    return lines + (rows or ["No findings."])


def pdf(content: Content, password: Optional[str]) -> bytes:
    return pdf_document(_lines(content), content.report_id.to_bytes(16, "big"), password)


def html(content: Content) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in _lines(content))
    image = base64.b64encode(PIXEL).decode()
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(content.name)}</title></head>'
        f'<body><img alt="Qualys" src="data:image/png;base64,{image}">{paragraphs}</body></html>\n'
    )


def _zip(files: Dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            # A fixed date keeps the body the same for the same report.
            archive.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def html_zipped(content: Content) -> bytes:
    return _zip({f"{content.file_name}.html": html(content).encode()})


def word(content: Content) -> bytes:
    """A minimal WordprocessingML package (ECMA-376 part 1): content types, the package relationship, the
    document."""
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in _lines(content)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{main}"><w:body>{paragraphs}</w:body></w:document>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    return _zip(
        {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": relationships.encode(),
            "word/document.xml": document.encode(),
        }
    )
