# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with plugins/module_utils/scan_gate.py GATE_SPEC: the gate on a scan's results.
    DOCUMENTATION = r"""
options:
  fail_on:
    description:
      - A gate on the scan's results, checked once the scan has ended and its results are read. The task fails when
        any rule given is broken, with a table of what broke it (QID, severity, title, URL); RV(gate_result) holds
        the same whether the gate passes or not, for a playbook's own checks.
      - The rules count vulnerabilities (and, with O(fail_on.sensitive_content), sensitive contents), each listed
        finding once, as the scan's counts by severity do; information gathered is never counted, but may be named
        in O(fail_on.qids).
      - It covers what the Qualys Jenkins plugin (more than N per severity, QID lists, scan errors) and the Qualys
        GitHub Action (at or above a severity, excluded QIDs) gate on.
      - A finding whose severity is not known breaks O(fail_on.severity) and O(fail_on.limits) rather than passing
        them unseen. Every value is checked before any API call.
    type: dict
    suboptions:
      severity:
        description:
          - Fail on any counted finding of this severity or higher (5 is the most severe), as the GitHub Action's
            C(SEVERITY_LEVEL) does.
        type: int
        choices: [1, 2, 3, 4, 5]
      limits:
        description:
          - Per severity, the number of counted findings allowed; the gate fails when more are found, as the
            Jenkins plugin's severity limits do. V(0) allows none.
        type: dict
        suboptions:
          level_5:
            description: Findings of severity 5 allowed.
            type: int
          level_4:
            description: Findings of severity 4 allowed.
            type: int
          level_3:
            description: Findings of severity 3 allowed.
            type: int
          level_2:
            description: Findings of severity 2 allowed.
            type: int
          level_1:
            description: Findings of severity 1 allowed.
            type: int
      qids:
        description:
          - Fail when a finding of any of these QIDs is found, whatever its severity or type. Each item is a QID or an
            inclusive range, V(150001) or V(150179-150181).
        type: list
        elements: str
      exclude_qids:
        description:
          - QIDs, or ranges of QIDs, that no rule counts or reports, for findings accepted or known to be false
            positives.
        type: list
        elements: str
        default: []
      potential:
        description:
          - Whether potential vulnerabilities count, as they do in the Qualys tools. V(false) counts only confirmed
            ones; a finding not known to be potential counts as confirmed.
        type: bool
        default: true
      sensitive_content:
        description: Whether sensitive content findings (credit card numbers, custom patterns) count too.
        type: bool
        default: false
      scan_error:
        description:
          - Fail unless the scan finished with results SUCCESSFUL, or ended in a way O(accept_end_states) lists. A
            scan that could not reach the web app (for example NO_HOST_ALIVE or NO_WEB_SERVICE), ran out of time or
            was canceled finds little or nothing, which the other rules would take for a clean web app.
          - An end the task accepts passes this rule, as it passes the end check made before the gate; the rule
            judges the end the scan's results report, so that results that tell another end than the scan's record
            do not pass unseen. V(false) judges the findings of any end the results report.
        type: bool
        default: true
"""
