# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading reports and report templates (``was_report_info``): the ``_info`` runner over either kind."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Choice, Integer, Text
from ansible_collections.qualys.was.plugins.module_utils.criteria import DateSelector, Selector
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.report_fields import (
    FORMATS,
    REPORT_TYPE,
    RESOURCE,
    STATUS,
    TEMPLATE_RESOURCE,
)

# The search fields of templates (id, name, type) and those reports add; names match exactly, so the server's
# text match is narrowed to it.
TEMPLATE_SELECTORS = [
    Selector("id", Integer()),
    Selector("name", Text(), exact=True),
    Selector("type", REPORT_TYPE.kind),
]
REPORT_SELECTORS = TEMPLATE_SELECTORS + [
    Selector("status", STATUS, many=True),
    Selector("format", Choice(*FORMATS)),
    DateSelector("created_after", "creationDate", "GREATER"),
    DateSelector("created_before", "creationDate", "LESSER"),
]
REPORT_ONLY = ("status", "format", "created_after", "created_before", "details")


class ReportInfoQuery(InfoQuery):
    """Reports, or with ``templates`` the report templates, selected by the options both have."""

    def __init__(self) -> None:
        super().__init__(RESOURCE, REPORT_SELECTORS, details=True)
        # A report's record never shows the password of an encrypted PDF: there is no secret to return.
        self.secrets = False
        self.templates = InfoQuery(TEMPLATE_RESOURCE, TEMPLATE_SELECTORS)

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        spec = super().argument_spec()
        spec["templates"] = {"type": "bool", "default": False}
        return spec

    def read(self, client: QualysClient, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
        if not params["templates"]:
            return super().read(client, params)
        given = [option for option in REPORT_ONLY if params.get(option)]
        if given:
            raise ValidationError(
                "%s %s reports, not templates: leave %s out with templates: true"
                % (" and ".join(given), *(("select", "them") if len(given) > 1 else ("selects", "it")))
            )
        return self.templates.read(client, params)


def run_report_info_module() -> None:
    query = ReportInfoQuery()
    module = QualysModule(query.argument_spec())

    def work(client: QualysClient) -> Dict[str, Any]:
        records = query.read(client, module.params)
        return {"changed": False, "templates" if module.params["templates"] else "reports": records}

    module.run(work)
