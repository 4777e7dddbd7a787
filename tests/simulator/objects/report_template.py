# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ReportTemplate: read-only, search, count and get (README "Reports", "Templates").

The Terraform provider (sjackson0109, qps/wasreporttemplate.go) models id, name and type and nothing else; whether
templates also show an owner and dates is the report_template_shape setting.
"""

from __future__ import annotations

from ..criteria import at
from ..schema import Group, Leaf
from ..settings import Settings
from ..values import DATETIME, LONG, TEXT, Keyword
from .base import READS, ObjectType
from .common import ID, NAME, OWNER

REPORT_TYPE = Keyword("WAS_WEBAPP_REPORT", "WAS_SCAN_REPORT", "WAS_SCORECARD_REPORT", "WAS_CATALOG_REPORT")

AUDITED = Group(
    "ReportTemplate",
    (
        ID,
        NAME,
        Leaf("type", REPORT_TYPE),
        OWNER,
        Leaf("createdDate", DATETIME, writable=False),
        Leaf("updatedDate", DATETIME, writable=False),
    ),
    writable=False,
)
BRIEF = AUDITED.only("id", "name", "type")


def shape(settings: Settings) -> Group:
    return AUDITED if settings.report_template_shape == "audited" else BRIEF


REPORT_TEMPLATE = ObjectType(
    spec=AUDITED,
    path="reporttemplate",
    searchable={"id": at("id", LONG), "name": at("name", TEXT), "type": at("type", REPORT_TYPE)},
    operations=READS,
    variant=shape,
)
