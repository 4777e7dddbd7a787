# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ignores of findings as a resource module: a register of accepted risks, merged, overridden within a scope,
gathered or rendered.

Findings are not objects a task creates or deletes: scans make them, and a task only ignores them (with a reason and
a comment) or activates them again. An entry of the register does not name one object either: it selects findings
(``ignore_register``), several entries may select one finding, and what ``overridden`` removes is an ignore, by
activating its finding. So this kind reads, matches and writes its own way; what every resource module shares - the
options' life, every item checked before any call, rendered and gathered, a result line per object, ``in_scope``,
a diff per line, check mode that writes nothing - is ``resource_set.run_set_module``'s, which this kind joins as a
``SetKind`` rather than copying ``ObjectSet``'s create/update/delete reconciler.

Reads: web apps named by the task, one search per distinct name (or a listing) and one ``id IN`` search for those
given by id, which also proves that the user may see them; one search of a scope's tags' web apps; the findings as
compact records (``finding_records``) from verbose searches, which alone carry reasons and comments: one for the
entries by web app (``webApp.id IN`` and ``qid IN``), one for those by id, and for ``overridden`` one of the ignored
findings in scope. Everything is matched and checked before the first write.

Writes: one ignore per finding to ignore, one activate per ignore to remove. Whether an ignore replaces the reason
and comment of a finding already ignored is not documented (the simulator's ``finding_reignore``: replaced, refused,
or answered SUCCESS and kept), so a change of reason or comment is an activate, then an ignore: right whichever the
tenant does. A write whose outcome is unknown (timeout, server error) is never sent again: the finding is read, and
the write stands only if the finding shows it.
"""

from __future__ import annotations

import time
from datetime import date
from collections import Counter
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion, build_request
from ansible_collections.qualys.was.plugins.module_utils.endpoints import FINDING, TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Items, text_of
from ansible_collections.qualys.was.plugins.module_utils.finding_records import finding_records
from ansible_collections.qualys.was.plugins.module_utils.gathered import Names
from ansible_collections.qualys.was.plugins.module_utils.ignore_register import (
    ENTRY_RULES,
    ENTRY_SPEC,
    Entry,
    gathered_entry,
    ignore_payload,
    today,
    validated_entries,
)
from ansible_collections.qualys.was.plugins.module_utils.reconcile import look_after_unknown_write
from ansible_collections.qualys.was.plugins.module_utils.references import Ref, ReferenceResolver
from ansible_collections.qualys.was.plugins.module_utils.resource_set import SetKind, SetOutcome

STATES = ("merged", "overridden", "gathered", "rendered")
REFERENCES = (
    Field("web_app", Ref(WEB_APP)),
    Field("web_apps", Items(Ref(WEB_APP), item="web_apps")),
    Field("tags", Items(Ref(TAG), item="tags")),
)
INFORMATION_GATHERED = "information_gathered"


def view(ignored: bool, reason: Optional[str] = None, comment: Optional[str] = None) -> Dict[str, Any]:
    """A finding's ignore as results and diffs show it."""
    return {"ignored": ignored, "reason": reason if ignored else None, "comment": comment if ignored else None}


def view_of(finding: Mapping[str, Any]) -> Dict[str, Any]:
    return view(bool(finding["ignored"]), finding["ignored_reason"], finding["ignored_comment"] or None)


def label(finding: Mapping[str, Any]) -> str:
    web_app = finding["web_app"] or {}
    return "finding %s (QID %s of web app %r)" % (
        finding["id"],
        finding["qid"],
        web_app.get("name") or web_app.get("id"),
    )


class Plan:
    """What the task does to one finding: from ``before`` to ``after``, by the entry ``entry`` (None for an ignore
    that ``overridden`` removes)."""

    def __init__(self, finding: Dict[str, Any], after: Dict[str, Any], entry: Optional[Entry]) -> None:
        self.finding = finding
        self.before = view_of(finding)
        self.after = after
        self.entry = entry

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def writes(self) -> Tuple[str, ...]:
        """The writes, in order: an ignore whose reason or comment changes is activated first (see the module
        docstring)."""
        if not self.changed:
            return ()
        if not self.after["ignored"]:
            return ("activate",)
        return ("activate", "ignore") if self.before["ignored"] else ("ignore",)

    def line(self, calls: int) -> Dict[str, Any]:
        finding = self.finding
        return {
            "id": finding["id"],
            "qid": finding["qid"],
            "title": finding["title"],
            "web_app": finding["web_app"],
            "url": finding["url"],
            "param": finding["param"],
            "entry": self.entry.index if self.entry else None,
            "changed": self.changed,
            "reactivated": self.changed and not self.after["ignored"],
            "before": self.before,
            "after": self.after,
            "api_calls": calls,
        }


class Writer:
    """Ignores and activates findings, one write each, never one sent twice."""

    def __init__(self, client: QualysClient, sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = client
        self._sleep = sleep
        self.done = 0  # finding changes made, for the words of a failure

    def carry_out(self, plan: Plan) -> None:
        finding = plan.finding
        for write in plan.writes:
            expected = plan.after if write == "ignore" else view(False)
            try:
                if write == "ignore":
                    payload = ignore_payload(finding["id"], plan.after["reason"], plan.after["comment"])
                    self.client.start("ignore", FINDING, payload)
                else:
                    self.client.act("activate", FINDING, finding["id"])
            except QualysApiError as exc:
                failure = exc.for_target(write, label(finding))
                if exc.ambiguous and self._holds(finding["id"], expected):
                    continue
                failure.hint = self._hint(plan, write, exc.ambiguous)
                raise failure from None
        self.done += 1

    def _holds(self, finding_id: int, expected: Mapping[str, Any]) -> bool:
        """Whether the finding shows what a write of unknown outcome would have made of it (read a few times)."""

        def find() -> Optional[Dict[str, Any]]:
            found = next(finding_records(self.client, [Criterion("id", "EQUALS", finding_id)], verbose=True), None)
            return found if found is not None and view_of(found) == expected else None

        return look_after_unknown_write(find, self._sleep) is not None

    def _hint(self, plan: Plan, write: str, ambiguous: bool) -> str:
        words = []
        if ambiguous:
            words.append(
                "The server did not confirm the %s, and the finding read afterwards does not show it; it was not sent"
                " again." % write
            )
        if write == "ignore" and plan.before["ignored"]:
            words.append(
                "The finding was activated first, to change the reason or comment of its ignore, so it is active now,"
                " not ignored."
            )
        words.append(
            "%d finding change(s) before this one were made. Re-run the task: it ignores and activates what is still"
            " to do." % self.done
        )
        return " ".join(words)


class Selection:
    """The web apps and findings a task concerns, read before any write."""

    def __init__(self, client: QualysClient, entries: List[Entry], scope: Optional[Mapping[str, Any]]) -> None:
        self.client = client
        resolver = ReferenceResolver(client, may_list=True)
        values = [{"web_app": entry.web_app} for entry in entries] + [dict(scope or {})]
        resolved = resolver.resolve_many(REFERENCES, values)
        for entry, value in zip(entries, resolved):
            entry.web_app = value["web_app"]
        scope_values = resolved[-1]
        given = [value["web_app"] for value in resolved[:-1] if value["web_app"]] + list(scope_values["web_apps"] or [])
        self.web_apps = self._known(given)
        for entry in entries:
            if entry.web_app is not None:
                entry.web_app = dict(entry.web_app, name=self.web_apps[entry.web_app["id"]])
        self.scope: Optional[Dict[int, Optional[str]]] = None
        if scope is not None:
            self.scope = {ref["id"]: self.web_apps[ref["id"]] for ref in scope_values["web_apps"] or []}
            tag_ids = [tag["id"] for tag in scope_values["tags"] or []]
            if tag_ids:
                for record in client.search(WEB_APP, [Criterion("tags.id", "IN", tag_ids)]):
                    self.scope[int(text_of(record["id"]))] = text_of(record.get("name"))

    def _known(self, refs: Iterable[Mapping[str, Any]]) -> Dict[int, Optional[str]]:
        """The names of the web apps given, by id; those given by id alone read with one search, which fails the
        task when one does not exist or the user may not see it."""
        names = {ref["id"]: ref.get("name") for ref in refs}
        unnamed = sorted(record_id for record_id, name in names.items() if name is None)
        if unnamed:
            for record in self.client.search(WEB_APP, [Criterion("id", "IN", unnamed)]):
                names[int(text_of(record["id"]))] = text_of(record.get("name"))
            missing = [record_id for record_id in unnamed if names[record_id] is None]
            if missing:
                raise ValidationError(
                    "No web application with id %s exists that this user may see (web apps outside the user's scope"
                    " are not shown); nothing was changed." % ", ".join(map(str, missing))
                )
        return names

    def findings(self, entries: Sequence[Entry], ignored_in_scope: bool) -> Dict[int, Dict[str, Any]]:
        """The findings the entries may select, and with ``ignored_in_scope`` every ignored finding in scope."""
        searches = []
        by_web_app = [entry for entry in entries if entry.finding_id is None]
        if by_web_app:
            web_apps = sorted({entry.web_app["id"] for entry in by_web_app})
            qids = sorted({entry.qid for entry in by_web_app})
            searches.append([Criterion("webApp.id", "IN", web_apps), Criterion("qid", "IN", qids)])
        by_id = sorted({entry.finding_id for entry in entries if entry.finding_id is not None})
        if by_id:
            searches.append([Criterion("id", "IN", by_id)])
        if ignored_in_scope and self.scope:
            searches.append([Criterion("webApp.id", "IN", sorted(self.scope)), Criterion("isIgnored", "EQUALS", True)])
        found: Dict[int, Dict[str, Any]] = {}
        for criteria in searches:
            for finding in finding_records(self.client, criteria, verbose=True):
                found.setdefault(finding["id"], finding)
        return found

    def in_scope(self, finding: Mapping[str, Any]) -> bool:
        return self.scope is None or (finding["web_app"] or {}).get("id") in self.scope


def plans(
    entries: Sequence[Entry], found: Mapping[int, Dict[str, Any]], selection: Selection, overridden: bool, day: date
) -> Tuple[List[Plan], List[str]]:
    """What the task does to each finding, and its warnings; every failure before any write."""
    warnings: List[str] = []
    desired: Dict[int, Plan] = {}
    expired: Dict[int, Plan] = {}
    for entry in entries:
        selected = sorted((finding for finding in found.values() if entry.selects(finding)), key=lambda f: f["id"])
        _check(entry, selected, selection, overridden)
        if not selected:
            warnings.append(
                "%s selects no finding, so it ignores nothing. The web app may not have that finding (yet), or the URL"
                " or parameter differ from the finding's (a URL means the finding's URL and parameter)." % entry
            )
        if entry.expired(day):
            warnings.append(
                "%s expired on %s (until): the findings it selects are activated again (%d). Remove the entry, or give"
                " a later date." % (entry, entry.until.isoformat(), len(selected))
            )
            for finding in selected:
                expired.setdefault(finding["id"], Plan(finding, view(False), entry))
            continue
        for finding in selected:
            plan = Plan(finding, view(True, entry.reason, entry.comment), entry)
            other = desired.setdefault(finding["id"], plan)
            if other.after != plan.after:
                raise ValidationError(
                    "%s and %s both select %s, with another reason or comment; nothing was changed."
                    % (other.entry, entry, label(finding))
                )
    # An entry that holds wins over one that expired: the later decision about the finding.
    result = list(desired.values()) + [plan for key, plan in expired.items() if key not in desired]
    if overridden:
        listed = set(desired) | set(expired)
        unlisted = [finding for key, finding in sorted(found.items()) if key not in listed and finding["ignored"]]
        result += [Plan(finding, view(False), None) for finding in unlisted if selection.in_scope(finding)]
    return result, warnings


def _check(entry: Entry, selected: Sequence[Mapping[str, Any]], selection: Selection, overridden: bool) -> None:
    if entry.finding_id is not None and not selected:
        raise ValidationError(
            "%s: no finding with id %s exists that this user may see (findings of web apps outside the user's scope"
            " are not shown); nothing was changed." % (entry, entry.finding_id)
        )
    gathered = [finding for finding in selected if finding["type"] == INFORMATION_GATHERED]
    if gathered:
        raise ValidationError(
            "%s selects information gathered findings (%s), which are not ignored: Qualys ignores vulnerabilities"
            " and sensitive content; nothing was changed." % (entry, ", ".join(str(f["id"]) for f in gathered))
        )
    if overridden:
        outside = [finding for finding in selected if not selection.in_scope(finding)]
        web_app_outside = entry.web_app is not None and entry.web_app["id"] not in selection.scope
        if outside or web_app_outside:
            raise ValidationError(
                "%s selects findings of a web app outside scope; state=overridden manages the ignores inside the scope"
                " alone. Widen the scope or move the entry to the register of its web app; nothing was changed." % entry
            )


class FindingIgnores(SetKind):
    """The ignores of findings, as a register of accepted risks."""

    def __init__(self, day: Callable[[], date] = today, sleep: Callable[[float], None] = time.sleep) -> None:
        self.day = day
        self.sleep = sleep

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        return {
            # Checked here as documented, and again entry by entry with their index in messages (validated).
            "config": {"type": "list", "elements": "dict", "options": dict(ENTRY_SPEC), **ENTRY_RULES},
            "state": {"type": "str", "choices": list(STATES), "default": "merged"},
            "scope": {
                "type": "dict",
                "options": {
                    "web_apps": {"type": "list", "elements": "raw"},
                    "tags": {"type": "list", "elements": "raw"},
                },
            },
        }

    def validated(self, config: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
        return validated_entries(config)

    def rendered(self, items: Sequence[Mapping[str, Any]]) -> List[str]:
        """Each entry's request: the ignore it sends (to ``ignore/was/finding``), for a finding it selects by web app
        and QID a placeholder id; for an entry that expired, the activate (``activate/was/finding/<id>``)."""
        day = self.day()
        bodies = []
        for index, item in enumerate(items):
            entry = Entry(index, item)
            if entry.expired(day):
                bodies.append(build_request().decode("utf-8"))
                continue
            finding_id = entry.finding_id
            if finding_id is None:
                finding_id = "[a finding of %s]" % entry.selector()
            payload = ignore_payload(finding_id, entry.reason, entry.comment)
            bodies.append(build_request(data=(FINDING.element, payload)).decode("utf-8"))
        return bodies

    def gathered(self, client: QualysClient, params: Mapping[str, Any]) -> Dict[str, Any]:
        scope = params["scope"]
        criteria = [Criterion("isIgnored", "EQUALS", True)]
        if scope is not None:
            selection = Selection(client, [], require_scope(scope))
            if not selection.scope:
                return {"gathered": [], "gathered_facts": []}
            criteria.insert(0, Criterion("webApp.id", "IN", sorted(selection.scope)))
        ignored = [finding for finding in finding_records(client, criteria, verbose=True) if finding["ignored"]]
        names = Names(client, {WEB_APP}) if ignored else None
        # Findings that share a location are each kept by id: an entry of their location would select them all.
        shared = Counter(_location(finding) for finding in ignored)
        gathered, facts = [], []
        for finding in sorted(ignored, key=_gathered_order):
            by_id = shared[_location(finding)] > 1
            gathered.append(gathered_entry(finding, names.reference(WEB_APP, finding["web_app"]), by_id))
            facts.append({name: finding[name] for name in ("id", "title", "severity", "status")})
        return {"gathered": gathered, "gathered_facts": facts}

    def reconciled(
        self, client: QualysClient, items: List[Dict[str, Any]], params: Mapping[str, Any], check_mode: bool
    ) -> SetOutcome:
        overridden = params["state"] == "overridden"
        scope = require_scope(params["scope"]) if overridden else None
        entries = [Entry(index, item) for index, item in enumerate(items)]
        selection = Selection(client, entries, scope)
        found = selection.findings(entries, overridden)
        planned, warnings = plans(entries, found, selection, overridden, self.day())
        writer = Writer(client, self.sleep)
        results = []
        for plan in planned:
            before = client.calls
            if not check_mode:
                writer.carry_out(plan)
            results.append(plan.line(client.calls - before))
        in_scope = scope_report(selection, found, results) if overridden else None
        return SetOutcome(results, in_scope, tuple(warnings))

    def diff(self, line: Mapping[str, Any]) -> Dict[str, Any]:
        header = label(line)
        return {"before": line["before"], "after": line["after"], "before_header": header, "after_header": header}


def _location(finding: Mapping[str, Any]) -> tuple:
    return ((finding["web_app"] or {}).get("id"), finding["qid"], finding["url"], finding["param"])


def _gathered_order(finding: Mapping[str, Any]) -> tuple:
    web_app = finding["web_app"] or {}
    return (web_app.get("name") or "", finding["qid"], finding["url"] or "", finding["param"] or "", finding["id"])


def require_scope(scope: Optional[Mapping[str, Any]]) -> Mapping[str, Any]:
    """A scope that selects web apps: without one, ``overridden`` would reach every ignore of the tenant."""
    if not scope or not (scope.get("web_apps") or scope.get("tags")):
        raise ValidationError(
            "scope must name web apps (scope.web_apps) or tags (scope.tags): state=overridden activates every ignored"
            " finding of the scope's web apps that the register does not list, and gathered reads the scope."
        )
    return scope


def scope_report(
    selection: Selection, found: Mapping[int, Mapping[str, Any]], results: Sequence[Mapping[str, Any]]
) -> Dict[str, Any]:
    """The scope's web apps, the ignores inside it as read, and those the task removes (its findings activated)."""

    def brief(finding: Mapping[str, Any]) -> Dict[str, Any]:
        return {"id": finding["id"], "qid": finding["qid"], "web_app": finding["web_app"]}

    scope: Mapping[int, Optional[str]] = selection.scope or {}
    ignored = [f for _key, f in sorted(found.items()) if f["ignored"] and selection.in_scope(f)]
    return {
        "web_apps": [{"id": record_id, "name": scope[record_id]} for record_id in sorted(scope)],
        "selected": [brief(finding) for finding in ignored],
        "deleted": [brief(line) for line in results if line["reactivated"]],
    }
