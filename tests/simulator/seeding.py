# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Many findings at once, for scale tests and the benchmark (``POST /_sim/findings``, README "Findings").

The n-th finding of a call is the same whenever the call is made from the same state on the same simulated day:
its QID is the catalogue's n-th (cycling), so types and severities mix as the catalogue's do; its URL is the web
app's own followed by ``seeded/<id>``, so that no two are one finding; the statuses of vulnerabilities and sensitive
contents cycle NEW, ACTIVE, ACTIVE, REOPENED, FIXED; every third has a parameter and every seventh is potential.
Dates count back from the start of the clock's day. None is ignored.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Dict

from .scans import FINDING, new_finding
from .store import Record, Store

MOST = 1_000_000
STATUSES = ("NEW", "ACTIVE", "ACTIVE", "REOPENED", "FIXED")


class SeedingError(ValueError):
    pass


def _unique_id(finding_id: int) -> str:
    # A uuid of the finding's id: unique and cheap (uuid5 per finding costs most of a 100,000-finding seeding).
    digits = f"{finding_id:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _finding(template: Record, index: int, finding_id: int, url: str, day: datetime) -> Record:
    record = dict(template, id=finding_id, uniqueId=_unique_id(finding_id), webApp={"id": template["webApp"]["id"]})
    first = day - timedelta(days=1 + index % 90, seconds=index % 3600)
    record.update(firstDetectedDate=first, lastDetectedDate=first, lastTestedDate=first)
    if "status" not in record:
        return record  # information gathered: no url, parameter, status or count (README "Findings")
    record.update(url=f"{url}seeded/{finding_id}", potential=index % 7 == 0)
    if index % 3 == 0:
        record["param"] = f"p{index % 10}"
    status = STATUSES[index % len(STATUSES)]
    record["status"] = status
    if status != "NEW":
        record["timesDetected"] = 2 + index % 4
        record["lastDetectedDate"] = record["lastTestedDate"] = first + timedelta(days=index % 90 // 2)
        if status == "FIXED":
            record["lastTestedDate"] = day
    return record


def seed_findings(store: Store, web_app_id: Any, count: Any, now: datetime) -> Dict[str, int]:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MOST:
        raise SeedingError(f"count must be a whole number from 1 to {MOST}")
    with store.lock:
        web_app = store.get("WebApp", web_app_id) if isinstance(web_app_id, int) else None
        if web_app is None:
            raise SeedingError(f"no web app {web_app_id!r}")
        catalogue = store.all("Qid")
        if not catalogue:
            raise SeedingError("the fixture has no Qid catalogue to draw findings from")
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        # One finding per QID as a scan records it, copied for each seeded one.
        templates = [new_finding(store, web_app_id, qid, {}, day, 0) for qid in catalogue]
        ids = store.new_ids(count)
        for index, finding_id in enumerate(ids):
            record = _finding(templates[index % len(templates)], index, finding_id, web_app["url"], day)
            store.put(FINDING, record)
        return {"created": count, "first_id": ids[0], "last_id": ids[-1]}
