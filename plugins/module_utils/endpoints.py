# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The QPS objects the collection reads or writes. Note the inconsistent element names of the API."""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.client import Endpoint

SCAN_SCHEDULE = Endpoint("was/wasscanschedule", "WasScanSchedule", "scan schedule")
OPTION_PROFILE = Endpoint("was/optionprofile", "OptionProfile", "option profile")
AUTH_RECORD = Endpoint("was/webappauthrecord", "WebAppAuthRecord", "authentication record")
WEB_APP = Endpoint("was/webapp", "WebApp", "web application")
# Tags belong to Asset Management, which is still served by version 2.0 of the QPS API.
TAG = Endpoint("am/tag", "Tag", "tag", version="2.0", countable=False)
# Scans are launched, polled (status), cancelled, downloaded and deleted; count/was/wasscan is documented.
SCAN = Endpoint("was/wasscan", "WasScan", "scan")
# A scan's findings, searched to learn what a download leaves out (search_finding.htm).
FINDING = Endpoint("was/finding", "Finding", "finding")
# Reports are created, polled (status), read, downloaded as files and deleted; templates are only read.
REPORT = Endpoint("was/report", "Report", "report")
REPORT_TEMPLATE = Endpoint("was/reporttemplate", "ReportTemplate", "report template")
