# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field tables of a WAS report and of a report template: what a create sends, and the records as read.

The elements, their wrappers and their order are those tests/simulator/README.md ("Reports") lists with their
sources: the create requests of CISA's was_report, carrier-io dusty, Qualys's GitHub Action and VulnWhisperer, and
the documented formats (scorecard_report.htm). Shared by was_report and was_report_info.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from ansible_collections.qualys.was.plugins.module_utils.endpoints import REPORT, REPORT_TEMPLATE, SCAN, TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Choice, Field, Group, Integer, Items, Text
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import USER, Resource


class Keyword(Choice):
    """A choice whose API keyword is not its upper case: ``web_app`` is ``WAS_WEBAPP_REPORT``."""

    def __init__(self, keywords: Mapping[str, str]) -> None:
        super().__init__(*keywords, read_as={keyword: choice for choice, keyword in keywords.items()})
        self.keywords = dict(keywords)

    def to_wire(self, value: str) -> str:
        return self.keywords[value]


# The report types (survey §5) and the element of config each takes its target in; a catalog report takes none.
TYPES = {
    "web_app": "WAS_WEBAPP_REPORT",
    "scan": "WAS_SCAN_REPORT",
    "scorecard": "WAS_SCORECARD_REPORT",
    "catalog": "WAS_CATALOG_REPORT",
}
CONFIG_OF = {"web_app": "webAppReport", "scan": "scanReport", "scorecard": "scorecardReport", "catalog": None}
REPORT_TYPE = Field("type", Keyword(TYPES))
# The formats scorecard_report.htm lists; which a type takes is the server's to say.
FORMATS = ("pdf", "pdf_encrypted", "html_zipped", "html_base64", "csv", "csv_v2", "xml", "word", "powerpoint")
ENCRYPTED = "pdf_encrypted"
# RUNNING, COMPLETE and ERROR are observed (CISA, dusty, the GitHub Action); SUBMITTED is the VM report list's.
STATUSES = ("submitted", "running", "complete", "error")
STATUS = Choice(*STATUSES)

# Reports list their web apps, tags and scans bare, without the <set> of a scan's launch (CISA, PT, dusty).
TAG_SELECTION = Group(
    Field("option", Choice("all", "any")),
    Field("tag_list", Items(Ref(TAG), item="Tag", wrapper=None), required=True),
)
TARGET_FIELDS = (
    Field("web_apps", Items(Ref(WEB_APP), item="WebApp", wrapper=None), wire="webapps"),
    Field("tags", Group(Field("included", TAG_SELECTION), Field("excluded", TAG_SELECTION))),
    Field("scans", Items(Ref(SCAN, named=False), item="WasScan", wrapper=None)),
)
# What each type's target may hold, and whether it needs one of them.
TARGET_OPTIONS = {
    "web_app": (("web_apps", "tags"), True),
    "scan": (("scans",), True),
    "scorecard": (("tags",), False),
    "catalog": ((), False),
}


class ReportTarget(Group):
    """The target as config holds it: under the one element named after the report's type (``webAppReport``),
    which a get shows and a search leaves out."""

    def from_wire(self, raw: Any) -> Optional[Dict[str, Any]]:
        if not isinstance(raw, dict):
            return None
        configs = [config for config in raw.values() if isinstance(config, dict) and "target" in config]
        return super().from_wire(configs[0]["target"]) if configs else None


class ReportResource(Resource):
    """A report, whose create sends its target in the config element of its type."""

    def payload(self, desired: Mapping[str, Any]) -> Dict[str, Any]:
        payload = super().payload(desired)
        target = payload.pop("config", None)
        element = CONFIG_OF[desired.get("type") or "web_app"]
        if target and element:
            payload["config"] = {element: {"target": target}}
        return payload


def target_fits_type(desired: Mapping[str, Any]) -> Optional[str]:
    """A report's target holds what its type takes: web apps or tags, scans, tags or nothing."""
    kind = desired.get("type") or "web_app"
    allowed, needed = TARGET_OPTIONS[kind]
    given = [option for option, value in (desired.get("target") or {}).items() if value]
    wrong = [option for option in given if option not in allowed]
    if wrong:
        return "A report of type %s takes %s in its target, not %s." % (
            kind,
            " or ".join("target." + option for option in allowed) or "nothing",
            " and ".join("target." + option for option in wrong),
        )
    if needed and not given:
        return "A report of type %s needs %s." % (kind, " or ".join("target." + option for option in allowed))
    if kind == "web_app" and "tags" in given and not desired["target"]["tags"].get("included"):
        return "target.tags needs included: a report covers the web apps its tags select."
    return None


def password_fits_format(desired: Mapping[str, Any]) -> Optional[str]:
    """A password goes with an encrypted PDF, and only with one (survey §5)."""
    encrypted = desired.get("format") == ENCRYPTED
    if encrypted and not desired.get("pdf_password"):
        return "format pdf_encrypted needs pdf_password, which opens the PDF."
    if desired.get("pdf_password") and not encrypted:
        return "pdf_password is only taken with format pdf_encrypted."
    return None


RESOURCE = ReportResource(
    REPORT,
    return_key="report",
    fields=[
        Field("name", Text()),
        Field("description", Text()),
        REPORT_TYPE,
        Field("format", Choice(*FORMATS)),
        Field("template", Ref(REPORT_TEMPLATE)),
        # Sent with an encrypted PDF and never shown back (no source shows it in an answer).
        # pdf_password, since password is the connection's.
        Field("pdf_password", Text(), wire="password", secret=True),
        Field(
            "target",
            ReportTarget(*TARGET_FIELDS, mutually_exclusive=[[field.option for field in TARGET_FIELDS]]),
            wire="config",
        ),
        Field("status", STATUS, read_only=True),
        # The words of a failed report, where the server gives them in its record.
        Field("message", Text(), read_only=True),
        Field("size", Integer(), read_only=True),
        Field("last_download_date", Text(), read_only=True),
        Field("download_count", Integer(), read_only=True),
    ],
    # A get shows the config as sent; a search leaves it out.
    detail_elements=["config"],
    rules=[target_fits_type, password_fits_format],
    audit=[Field("owner", USER, read_only=True), Field("creation_date", Text(), read_only=True)],
)

TEMPLATE_RESOURCE = Resource(
    REPORT_TEMPLATE,
    return_key="template",
    fields=[Field("name", Text()), REPORT_TYPE],
    detail_elements=[],
    # Templates show id, name and type (the Terraform provider's model); some tenants may add the usual audit.
    audit=[
        Field("owner", USER, read_only=True),
        Field("created_date", Text(), read_only=True),
        Field("updated_date", Text(), read_only=True),
    ],
)
