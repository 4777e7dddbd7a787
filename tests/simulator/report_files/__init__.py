# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The file of a report in each format, made from its web apps and their findings (README "Reports", "Bodies per
format"): small, but valid files that a test opens with the standard library or a PDF reader."""

from __future__ import annotations

from typing import Callable, Dict, Optional, Tuple

from . import tables, text, xml_report
from .content import Content, WebAppSection, report_date

__all__ = ("FILES", "Content", "WebAppSection", "report_date", "report_file")

# format -> (Content-Type, file extension)
FILES: Dict[str, Tuple[str, str]] = {
    "PDF": ("application/pdf", "pdf"),
    "PDF_ENCRYPTED": ("application/pdf", "pdf"),
    "HTML_ZIPPED": ("application/zip", "zip"),
    "HTML_BASE64": ("text/html", "html"),
    "CSV": ("text/csv", "csv"),
    "CSV_V2": ("text/csv", "csv"),
    "XML": ("application/xml", "xml"),
    "WORD": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}

MAKERS: Dict[str, Callable[[Content, Optional[str]], bytes]] = {
    "PDF": lambda content, _password: text.pdf(content, None),
    "PDF_ENCRYPTED": text.pdf,
    "HTML_ZIPPED": lambda content, _password: text.html_zipped(content),
    "HTML_BASE64": lambda content, _password: text.html(content).encode(),
    "CSV": lambda content, _password: tables.sectioned(content),
    "CSV_V2": lambda content, _password: tables.flat(content),
    "XML": lambda content, _password: xml_report.document(content),
    "WORD": lambda content, _password: text.word(content),
}


def report_file(report_format: str, content: Content, password: Optional[str] = None) -> bytes:
    return MAKERS[report_format](content, password)
