# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How a scan's status reads: running, ended, and the words of its end.

Kept apart from the launch runner so that ``was_scan_info``, which reads scans and never launches one, does not ship
or compile the runner and the reconciler behind it.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Tuple

# Statuses of a scan that has not ended, as records read. CANCELING is listed among results statuses only; read as
# a status it is taken as not ended yet, the safe side.
NOT_ENDED = ("submitted", "running", "processing", "canceling")
# A FINISHED scan whose results are still being processed (DUSTY polls through both), or not reported yet.
UNSETTLED = (None, "to_be_processed", "processing")


def end_words(state: Optional[Mapping[str, Any]]) -> Optional[Tuple[str, ...]]:
    """None while the scan runs; else the words its end reads as: the results status of a finished scan, the status
    of any other (with its results status, where it gives one: CANCELED with CANCELED_WITH_RESULTS)."""
    if not state:
        return None
    status = state.get("status")
    results = (state.get("summary") or {}).get("results_status")
    if status is None or status in NOT_ENDED:
        return None
    if status == "finished":
        return None if results in UNSETTLED else (results,)
    return (status,) + ((results,) if results and results != status else ())
