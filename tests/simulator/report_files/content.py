# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a report shows, gathered when it is created, and how report files write dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Tuple

from ..store import Record


@dataclass(frozen=True)
class WebAppSection:
    web_app: Record
    findings: List[Record]


@dataclass(frozen=True)
class Content:
    """What a report shows, gathered when it is created."""

    report_id: int
    name: str
    root: str  # WAS_WEBAPP_REPORT or WAS_SCAN_REPORT
    generated: datetime
    user: Record
    sections: List[WebAppSection]
    qids: Dict[int, Record]  # the catalogue entries of the findings shown, by QID

    @property
    def findings(self) -> List[Tuple[Record, Record]]:
        return [(section.web_app, finding) for section in self.sections for finding in section.findings]

    @property
    def file_name(self) -> str:
        return f"WAS_Report_{self.report_id}"


def report_date(value: Optional[datetime]) -> str:
    """Report files write dates as "12 Apr 2022 09:15PM GMT" (CISA parses them so; survey section 5)."""
    return value.strftime("%d %b %Y %I:%M%p GMT") if value else ""


def is_gathered(finding: Record) -> bool:
    return finding.get("type") == "INFORMATION_GATHERED"
