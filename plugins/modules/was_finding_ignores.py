#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_finding_ignores
short_description: Keep the accepted risks of Qualys WAS findings as a register in Git - ignored, reactivated, gathered
version_added: 0.3.0
description:
  - A resource module for the ignores of Qualys Web Application Scanning findings - which findings are accepted as a
    false positive, an accepted risk or not applicable, why, and until when - kept as one reviewed list, O(config).
  - Findings are made by scans; this module never creates or deletes one. It ignores a finding (with its reason and
    comment) or activates it again, one write per finding, and only where the finding differs from the register.
  - The findings concerned are read from verbose finding searches, which alone return reasons and comments - one for
    the entries by web app and QID, one for those by finding id, and with O(state=overridden) one of the ignored
    findings of the scope's web apps - a page of 1000 at a time. Web apps named are resolved once each. Every entry is
    validated, resolved and matched with its findings before the first write, in check mode too.
  - Qualys keeps no expiry that a client can set (the element of a timed ignore is not known), so the module keeps
    C(until) itself - after that day the entry's findings are activated again when the module runs, with a warning
    that asks for the entry to be removed - and writes the date at the end of the comment Qualys keeps, as
    C([until 2027-01-31]), where people reading the finding in Qualys see it and from where O(state=gathered)
    reads it back. Run the register on a schedule for the expiries to take effect on time.
  - Whether Qualys replaces the reason and comment of a finding that is already ignored is not documented, so a
    change of them is sent as an activate, then an ignore, which is right whatever the tenant does. Should the
    ignore fail, the finding is left active - shown, not hidden - and the failure says so; a re-run ignores it.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) show each finding as it would be. The reads still run.
  diff_mode:
    support: full
    description: One diff per finding, its ignore (ignored, reason, comment) before and after.
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
options:
  config:
    description:
      - The register, a list of entries. An entry selects findings - O(config[].web_app) and O(config[].qid),
        narrowed by O(config[].url) and O(config[].param), or one finding by O(config[].finding_id) - and gives the
        ignore they should have.
      - Several entries may select one finding when they agree; entries that select one finding with another reason
        or comment fail the task before any write.
      - An entry by web app and QID that selects no finding warns and changes nothing (the web app may not have the
        finding yet, or the URL differs); an entry by finding id that selects none fails the task. An entry that
        selects information gathered findings fails the task, since Qualys ignores vulnerabilities and sensitive
        content only.
    type: list
    elements: dict
    suboptions:
      web_app:
        description:
          - The web app of the findings, by id, exact name, or a dictionary with C(id) or C(name). A web app that does
            not exist, or that the user may not see, fails the task before any write.
        type: raw
      qid:
        description: The QID of the findings. Needed with O(config[].web_app).
        type: int
      url:
        description:
          - Only the finding at this URL, as the finding shows it; with it, O(config[].param) is the finding's
            parameter, and none when left out.
        type: str
      param:
        description:
          - The finding's parameter. Without O(config[].url), the findings with this parameter at any URL.
        type: str
      finding_id:
        description: One finding, by its id. Not with O(config[].web_app), O(config[].qid), O(config[].url) or O(config[].param).
        type: int
      reason:
        description: Why the findings are ignored.
        type: str
        choices: [false_positive, risk_accepted, not_applicable]
        required: true
      comment:
        description:
          - The justification, kept in Qualys with the ignore (with the expiry at its end, see O(config[].until)).
        type: str
      until:
        description:
          - The last day, C(YYYY-MM-DD), the entry holds. From the day after, the module activates the findings it
            selects again and warns; judged by the date of the host that runs the module, in UTC.
        type: str
  state:
    description:
      - V(merged) ignores each finding the register selects with its entry's reason and comment - a finding already
        ignored so is left alone - and activates the findings of expired entries. Nothing else is touched.
      - V(overridden) does what V(merged) does, then activates every ignored finding of the web apps in O(scope) that
        no entry selects. It needs O(scope), never touches a finding outside it, and fails before any write when an
        entry selects findings of a web app outside it.
      - V(gathered) returns the ignored findings of the web apps in O(scope), or of the tenant, as RV(gathered), a
        register that applied as it is changes nothing. O(config) is not used.
      - V(rendered) returns, without any call and without credentials, the request each entry would send, as
        RV(rendered), for review.
    type: str
    choices: [merged, overridden, gathered, rendered]
    default: merged
  scope:
    description:
      - The web apps whose ignores O(state=overridden) manages and O(state=gathered) reads - those listed and those
        with any of the tags. Needed with O(state=overridden).
      - The result's RV(in_scope) lists them, the ignores inside them, and the ignores the task removes. Run in check
        mode first to see them before anything is activated.
    type: dict
    suboptions:
      web_apps:
        description: Web apps by id, exact name, or a dictionary with C(id) or C(name).
        type: list
        elements: raw
      tags:
        description: The web apps with any of these tags (by id, exact name, or a dictionary with C(id) or C(name)).
        type: list
        elements: raw
notes:
  - Reading reasons and comments needs verbose finding searches, which carry each finding's whole detail; the module
    keeps only what it compares, a page at a time.
seealso:
  - module: qualys.was.was_scan
    description: Scans, which make the findings.
"""

EXAMPLES = r"""
- name: Read today's accepted risks of the Demo Shop, as a register to commit
  qualys.was.was_finding_ignores:
    state: gathered
    scope:
      web_apps: [Demo Shop]
  register: risks

- name: Keep the accepted risks of the Production web apps equal to the register in Git
  qualys.was.was_finding_ignores:
    state: overridden
    scope:
      tags: [Production]
    config:
      - web_app: Demo Shop
        qid: 150001
        url: https://shop.example.com/search.jsp?q=%3Cscript%3E
        param: q
        reason: false_positive
        comment: The search page escapes q; confirmed by the AppSec review of 2031-01-10.
      - web_app: Demo Shop
        qid: 150158
        reason: risk_accepted
        comment: Legacy page replaced in the next release; accepted by the product owner.
        until: "2031-06-30"

- name: Show what an entry would send, for review in a pull request (no call, no credentials)
  qualys.was.was_finding_ignores:
    state: rendered
    config:
      - finding_id: 4001
        reason: not_applicable
        comment: Test endpoint, not deployed.
"""

RETURN = r"""
results:
  description:
    - One entry per finding the task compared - those the entries select, in the order of the entries, then those
      O(state=overridden) activates because no entry selects them.
    - C(entry) is the index in O(config) of the entry that selects the finding (null for one activated by
      O(state=overridden)); C(reactivated) is true where the task removes the finding's ignore.
    - C(before) and C(after) hold C(ignored), C(reason) and C(comment) (the comment as Qualys keeps it).
    - C(api_calls) counts the calls of the finding's own writes; the reads are shared and counted in RV(api_calls).
  returned: when O(state) is V(merged) or V(overridden)
  type: list
  elements: dict
  sample:
    - id: 4001
      qid: 150001
      title: Cross-Site Scripting (simulated)
      web_app: {id: 4331925, name: Demo Shop}
      url: https://shop.example.com/search.jsp?q=%3Cscript%3E
      param: q
      entry: 0
      changed: true
      reactivated: false
      before: {ignored: false, reason: null, comment: null}
      after: {ignored: true, reason: false_positive, comment: The search page escapes q.}
      api_calls: 1
in_scope:
  description:
    - The web apps O(scope) selects (C(web_apps)), the ignored findings inside them (C(selected)), and the ignores the
      task removes by activating their findings (C(deleted)), or would remove in check mode; each finding with
      C(id), C(qid) and C(web_app).
  returned: when O(state=overridden)
  type: dict
  contains:
    web_apps:
      description: Every web app inside the scope, with C(id) and C(name).
      type: list
      elements: dict
    selected:
      description: The ignored findings inside the scope, as read before any write.
      type: list
      elements: dict
    deleted:
      description: The ignores the task removes, or would remove in check mode.
      type: list
      elements: dict
gathered:
  description:
    - The ignored findings in O(scope), as O(config) entries sorted by web app name, QID, URL and parameter - by web
      app, QID, URL and parameter where the finding has a URL that no other ignored finding shares, else by
      C(finding_id). A web app is given by name where no other web app has it, else by id.
  returned: when O(state=gathered)
  type: list
  elements: dict
gathered_facts:
  description: For each entry of RV(gathered), in the same order, the finding's C(id), C(title), C(severity) and C(status).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description:
    - The XML ServiceRequest each entry would send, in O(config) order - an ignore, POSTed to C(ignore/was/finding),
      with a marked placeholder id for the findings an entry selects by web app and QID; for an expired entry the
      activate, POSTed to C(activate/was/finding/<id>) of each finding it selects.
  returned: when O(state=rendered)
  type: list
  elements: str
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 3
"""

from ansible_collections.qualys.was.plugins.module_utils.finding_ignores import FindingIgnores
from ansible_collections.qualys.was.plugins.module_utils.resource_set import run_set_module


def main():
    run_set_module(FindingIgnores())


if __name__ == "__main__":
    main()
