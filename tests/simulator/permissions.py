# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Permission names, worded as in the Qualys user-role editor and documents."""

CREATE_SCHEDULE = "Create WAS Schedule"
EDIT_SCHEDULE = "Edit WAS Schedule"
DELETE_SCHEDULE = "Delete WAS Schedule"
CREATE_OPTION_PROFILE = "Create Option Profile"
EDIT_OPTION_PROFILE = "Edit Option Profile"
DELETE_OPTION_PROFILE = "Delete Option Profile"
CREATE_AUTH_RECORD = "Create Authentication Record"
EDIT_AUTH_RECORD = "Edit Authentication Record"
DELETE_AUTH_RECORD = "Delete Authentication Record"
# The WAS role editor names web application permissions after web assets; no API document names them.
CREATE_WEB_ASSET = "Create Web Asset"
EDIT_WEB_ASSET = "Edit Web Asset"
DELETE_WEB_ASSET = "Delete Web Asset"
# launch_scan.htm and delete_scan.htm name the first and the last; no source names one for cancel.
LAUNCH_SCAN = "Launch WAS Scan"
CANCEL_SCAN = "Cancel WAS Scan"
DELETE_SCAN = "Delete WAS Scan"
# ignore_finding.htm and activate_finding.htm (also restore_finding.htm, edit_finding.htm).
IGNORE_FINDINGS = "Ignore Vulnerabilities"
# scorecard_report.htm names "Create Report"; no source names one for deleting reports.
CREATE_REPORT = "Create Report"
DELETE_REPORT = "Delete Report"
VIEW_AUTH_PASSWORDS = "View Password in Authentication Record"
VIEW_SELENIUM_SECRETS = "View/download Selenium Script sensitive contents"

ALL = frozenset(
    (
        CREATE_SCHEDULE,
        EDIT_SCHEDULE,
        DELETE_SCHEDULE,
        CREATE_OPTION_PROFILE,
        EDIT_OPTION_PROFILE,
        DELETE_OPTION_PROFILE,
        CREATE_AUTH_RECORD,
        EDIT_AUTH_RECORD,
        DELETE_AUTH_RECORD,
        CREATE_WEB_ASSET,
        EDIT_WEB_ASSET,
        DELETE_WEB_ASSET,
        LAUNCH_SCAN,
        CANCEL_SCAN,
        DELETE_SCAN,
        IGNORE_FINDINGS,
        CREATE_REPORT,
        DELETE_REPORT,
        VIEW_AUTH_PASSWORDS,
        VIEW_SELENIUM_SECRETS,
    )
)
