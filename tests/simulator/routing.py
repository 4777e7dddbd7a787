# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""QPS URLs: ``/qps/rest/<version>/<operation>/<module>/<object>[/<id>]``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

QPS_PREFIX = "/qps/"
CONTROL_PREFIX = "/_sim/"
_QPS_PATH = re.compile(
    r"^/qps/rest/(?P<version>[0-9.]+)/(?P<operation>[a-z]+)/(?P<module>[a-z]+)/(?P<object>[a-z]+)"
    r"(?:/(?P<object_id>[^/]+))?/?$"
)

# HTTP methods per operation, as the reference lists them.
METHODS = {
    "get": ("GET",),
    "count": ("GET", "POST"),
    "search": ("POST",),
    "create": ("POST",),
    "update": ("POST",),
    "delete": ("POST",),
    "activate": ("POST",),
    "deactivate": ("POST",),
    # Scans (README "Scans"): launch_scan.htm, scan_status.htm, qualysdk's cancel, the recorded download.
    "launch": ("POST",),
    "status": ("GET",),
    "cancel": ("POST",),
    "download": ("GET",),
    # Findings (README "Findings"): ignore_finding.htm; activate is listed above.
    "ignore": ("POST",),
}
# Operations that address one object by the id in the URL; "optional" ones also take filters instead.
ID_REQUIRED = frozenset(("get", "update", "status", "cancel", "download"))
ID_OPTIONAL = frozenset(("delete", "activate", "deactivate", "ignore"))


@dataclass(frozen=True)
class Route:
    version: str
    operation: str
    module: str
    object: str
    object_id: Optional[str]

    @property
    def call_key(self) -> str:
        return f"{self.operation}/{self.object}"


def parse_qps_path(path: str) -> Optional[Route]:
    match = _QPS_PATH.match(path)
    return Route(**match.groupdict()) if match else None
