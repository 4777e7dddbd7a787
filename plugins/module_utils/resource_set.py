# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resource modules: many objects of one kind in one task, as Ansible's network resource modules manage them.

The same field table and reconciler as the one-object modules; what is added is reading many objects with the
fewest calls, a scope that bounds what ``overridden`` and ``deleted`` may remove, and the gathered and rendered
forms of a whole set.

The life of a resource module - check every item, render or gather, else bring the set about and report a line per
object, ``in_scope`` and a diff per line - is ``run_set_module``, the same for every kind of set (``SetKind``). The
objects of a resource table (``ObjectSet``) are created, updated and deleted; other kinds, such as the ignores of
findings, which are neither created nor deleted, bring their set about their own way and keep the same life.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import text_of, trimmed
from ansible_collections.qualys.was.plugins.module_utils.gathered import gather, render
from ansible_collections.qualys.was.plugins.module_utils.criteria import filters_spec, generic_criteria
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Outcome, Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import ReferenceResolver, records_named
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

STATES = ("merged", "overridden", "deleted", "gathered", "rendered")


def resource_set_argument_spec() -> Dict[str, Dict[str, Any]]:
    """The options of every resource module; documented by the ``resource_set`` doc fragment."""
    return {
        "config": {"type": "list", "elements": "dict"},
        "state": {"type": "str", "choices": list(STATES), "default": "merged"},
        "scope": {
            "type": "dict",
            "options": {
                "name_prefix": {"type": "str"},
                "filters": filters_spec(),
                "listed": {"type": "list", "elements": "str"},
            },
        },
        "read_concurrency": {"type": "int", "default": 2},
    }


def item_spec(resource: Resource) -> Dict[str, Dict[str, Any]]:
    """What one ``config`` item takes: exactly the options of the one-object module, less ``state``."""
    spec = resource.argument_spec()
    spec["id"] = {"type": "int"}
    return spec


class Identity:
    """Which object a config item means: its id, else its exact name."""

    def __init__(self, item: Mapping[str, Any]) -> None:
        self.record_id: Optional[int] = item.get("id")
        self.name: Optional[str] = trimmed(item.get("name"))

    def matches(self, state: Mapping[str, Any]) -> bool:
        if self.record_id is not None:
            return state.get("id") == self.record_id
        return state.get("name") == self.name

    def __str__(self) -> str:
        return "id %s" % self.record_id if self.record_id is not None else repr(self.name)


class Counted(NamedTuple):
    """What one object's writes did, and the calls they took (its reads are shared with the other items)."""

    outcome: Outcome
    calls: int


class Index:
    """Records found by a search, in the module's shape, looked up by id or name without scanning them all."""

    def __init__(self, resource: Resource, records: Sequence[Mapping[str, Any]] = ()) -> None:
        self.records: Dict[int, Mapping[str, Any]] = {}
        self.states: Dict[int, Dict[str, Any]] = {}
        self.by_name: Dict[Optional[str], List[int]] = defaultdict(list)
        for record in records:
            self.add(record, resource.normalise(record))

    def add(self, record: Mapping[str, Any], state: Dict[str, Any]) -> None:
        if state["id"] not in self.states:
            self.records[state["id"]] = record
            self.states[state["id"]] = state
            self.by_name[state.get("name")].append(state["id"])

    def find(self, identity: Identity) -> List[Dict[str, Any]]:
        if identity.record_id is not None:
            return [self.states[identity.record_id]] if identity.record_id in self.states else []
        return [self.states[record_id] for record_id in self.by_name.get(identity.name, ())]


class ResourceSet:
    """Reads, compares and writes a set of objects of one resource for one resource-module task."""

    def __init__(self, client: QualysClient, resource: Resource, check_mode: bool, read_concurrency: int) -> None:
        self.client = client
        self.resource = resource
        self.reconciler = Reconciler(client, resource, check_mode)
        self.read_concurrency = read_concurrency

    # Reading ----------------------------------------------------------------------------------------------------

    def search(self, criteria: Sequence[Criterion] = ()) -> List[Dict[str, Any]]:
        return self.client.search(self.resource.endpoint, criteria, verbose=True)

    def in_scope(self, scope: Optional[Mapping[str, Any]]) -> List[Dict[str, Any]]:
        """The search records inside ``scope``; every record without one."""
        scope = scope or {}
        criteria = generic_criteria(scope.get("filters"))
        prefix = scope.get("name_prefix")
        if prefix:
            criteria.append(Criterion("name", "CONTAINS", prefix))
        records = self.search(criteria)
        # CONTAINS matches anywhere and regardless of case; a prefix is a prefix.
        return [record for record in records if not prefix or (text_of(record.get("name")) or "").startswith(prefix)]

    def for_items(self, identities: Sequence[Identity]) -> List[Dict[str, Any]]:
        """The search records the items name, with one search per name or by listing, whichever costs less."""
        ids = [identity.record_id for identity in identities if identity.record_id is not None]
        names = [identity.name for identity in identities if identity.record_id is None]
        return records_named(self.client, self.resource.endpoint, names, ids, verbose=True)

    def complete(self, records: Sequence[Mapping[str, Any]]) -> List[Mapping[str, Any]]:
        """The records read in full: a ``get`` for each search summary, ``read_concurrency`` at a time."""
        if len(records) < 2 or self.read_concurrency < 2:
            return [self.reconciler.complete(record) for record in records]
        # Imported here: every module run compiles what it imports, and most read nothing in parallel.
        from concurrent.futures import ThreadPoolExecutor  # pylint: disable=import-outside-toplevel

        with ThreadPoolExecutor(max_workers=self.read_concurrency) as pool:
            return list(pool.map(self.reconciler.complete, records))

    def whole(self, found: Index, record_ids: Sequence[int]) -> Index:
        """The objects of ``record_ids`` read in full; those the search returned whole are not read again."""
        summaries = [
            found.records[record_id] for record_id in record_ids if not self.resource.is_whole(found.records[record_id])
        ]
        index = Index(self.resource, self.complete(summaries))
        for record_id in record_ids:
            if record_id not in index.states:
                index.add(found.records[record_id], found.states[record_id])
        return index

    # Writing ----------------------------------------------------------------------------------------------------

    def match(self, items: Sequence[Mapping[str, Any]], found: Index) -> List[Optional[Dict]]:
        """The object each item means, or None; fails, before any write, on an unknown id or a shared name."""
        matched = []
        for item in items:
            identity = Identity(item)
            states = found.find(identity)
            if len(states) > 1:
                raise QualysError(
                    "Several %ss are named %s (ids %s); give the item an id."
                    % (self.resource.label, identity, ", ".join(str(state["id"]) for state in states))
                )
            current = states[0] if states else None
            self.reconciler.check_present(current, item, identity.record_id)
            matched.append(current)
        return matched

    def apply(self, items: Sequence[Mapping[str, Any]], currents: Sequence[Optional[Dict]]) -> List[Counted]:
        return [self._counted(self.reconciler.present, current, item) for item, current in zip(items, currents)]

    def remove(self, states: Sequence[Dict[str, Any]]) -> List[Counted]:
        return [self._counted(self.reconciler.absent, [state]) for state in states]

    def _counted(self, step: Callable[..., Outcome], *arguments: Any) -> Counted:
        before = self.client.calls
        outcome = step(*arguments)
        return Counted(outcome, self.client.calls - before)


def validated_items(resource: Resource, config: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
    """Each config item checked as the one-object module checks its options; every problem before any call."""
    spec = item_spec(resource)
    rules = dict(resource.spec_rules)
    rules["required_one_of"] = [("id", "name")] + list(rules.get("required_one_of", ()))
    validator = ArgumentSpecValidator(spec, **rules)
    items, seen = [], {}
    for index, item in enumerate(config or ()):
        result = validator.validate(dict(item))
        if result.error_messages:
            raise ValidationError("config[%d]: %s" % (index, "; ".join(result.error_messages)))
        desired = {option: result.validated_parameters.get(option) for option in spec}
        try:
            resource.validate(desired)
        except ValidationError as exc:
            raise ValidationError("config[%d]: %s" % (index, exc)) from None
        key = str(Identity(desired))
        if key in seen:
            raise ValidationError("config[%d] and config[%d] both mean %s" % (seen[key], index, key))
        seen[key] = index
        items.append(desired)
    return items


def item_result(
    resource: Resource, desired: Mapping[str, Any], counted: Counted, deleted: bool = False
) -> Dict[str, Any]:
    """One item's line in ``results``: what it meant, whether it changed, the managed options before and after, and
    whether the object is deleted."""
    outcome = counted.outcome
    state = outcome.after or outcome.before or {}
    return {
        "id": state.get("id"),
        "name": state.get("name", desired.get("name")),
        "changed": outcome.changed,
        "deleted": deleted,
        "before": resource.managed_view(outcome.before, desired),
        "after": resource.managed_view(outcome.after, desired),
        "api_calls": counted.calls,
    }


def diff_of(result: Mapping[str, Any]) -> Dict[str, Any]:
    label = "%s (id %s)" % (result["name"], result["id"]) if result["id"] is not None else str(result["name"])
    # A deletion's after-state is no object, which an empty dictionary would not say.
    after = "deleted\n" if result["deleted"] else result["after"]
    return {"before": result["before"], "after": after, "before_header": label, "after_header": label}


def scope_report(selected: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """The objects the scope selects, and those of them the task deletes (or would delete, in check mode)."""
    return {
        "selected": [{"id": state["id"], "name": state["name"]} for state in selected],
        "deleted": [{"id": line["id"], "name": line["name"]} for line in results if line["deleted"]],
    }


def unlisted_warning(
    resource: Resource, scope: Optional[Mapping[str, Any]], report: Mapping[str, Any], check_mode: bool
) -> Optional[str]:
    """A warning when the task deletes objects inside the scope that ``scope.listed`` (the names the scope selected
    when it was recorded) does not hold: made since, or selected by a scope looser than the one recorded."""
    listed = (scope or {}).get("listed")
    if listed is None:
        return None
    names = {trimmed(name) for name in listed}
    strangers = [entry for entry in report["deleted"] if entry["name"] not in names]
    if not strangers:
        return None
    return (
        "The scope selects %d %s(s) that scope.listed does not name, and this task %s them: %s. They were made after"
        " the list was recorded, or the scope is looser than the one that recorded it (a name prefix that lost its"
        " trailing space takes in more names)."
        % (
            len(strangers),
            resource.label,
            "would delete" if check_mode else "deleted",
            ", ".join("%r (id %s)" % (entry["name"], entry["id"]) for entry in strangers),
        )
    )


class SetOutcome(NamedTuple):
    """What a task did to a set: a line per object (each with ``changed``), the scope's report (None without one),
    and the warnings the task gives."""

    results: List[Dict[str, Any]]
    in_scope: Optional[Dict[str, Any]] = None
    warnings: Tuple[str, ...] = ()


class SetKind:
    """What one resource module manages: its options besides the connection's, how its items are checked, rendered
    and gathered, and how a set of them is brought about. ``run_set_module`` gives every kind the same life."""

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        raise NotImplementedError

    def validated(self, config: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
        """The items, each checked before any call."""
        raise NotImplementedError

    def rendered(self, items: Sequence[Mapping[str, Any]]) -> List[str]:
        raise NotImplementedError

    def gathered(self, client: QualysClient, params: Mapping[str, Any]) -> Dict[str, Any]:
        """The result keys of ``gathered``."""
        raise NotImplementedError

    def reconciled(
        self, client: QualysClient, items: List[Dict[str, Any]], params: Mapping[str, Any], check_mode: bool
    ) -> SetOutcome:
        raise NotImplementedError

    def diff(self, line: Mapping[str, Any]) -> Dict[str, Any]:
        """The diff of one result line."""
        raise NotImplementedError


def run_set_module(kind: SetKind) -> None:
    """The whole life of a resource module: its set merged, overridden (within a scope), deleted where the kind
    offers it, gathered or rendered."""
    module = QualysModule(kind.argument_spec(), required_if=[("state", "overridden", ("scope",))])
    params = module.params
    state = params["state"]

    def work(client: Optional[QualysClient]) -> Dict[str, Any]:
        items = kind.validated(params["config"])
        if state == "rendered":
            return {"changed": False, "rendered": kind.rendered(items)}
        if state == "gathered":
            return dict(kind.gathered(client, params), changed=False)
        done = kind.reconciled(client, items, params, module.ansible.check_mode)
        for warning in done.warnings:
            module.ansible.warn(warning)
        result = {"changed": any(line["changed"] for line in done.results), "results": done.results}
        if done.in_scope is not None:
            result["in_scope"] = done.in_scope
        if module.ansible._diff:
            result["diff"] = [kind.diff(line) for line in done.results]
        return result

    module.run(work, connect=state != "rendered")


class ObjectSet(SetKind):
    """The objects of a resource table, created, updated and deleted as the one-object module does."""

    def __init__(self, resource: Resource) -> None:
        self.resource = resource

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        return resource_set_argument_spec()

    def validated(self, config: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
        return validated_items(self.resource, config)

    def rendered(self, items: Sequence[Mapping[str, Any]]) -> List[str]:
        return render(self.resource, items)

    def gathered(self, client: QualysClient, params: Mapping[str, Any]) -> Dict[str, Any]:
        objects = ResourceSet(client, self.resource, True, params["read_concurrency"])
        found = Index(self.resource, objects.in_scope(params["scope"]))
        states = list(objects.whole(found, list(found.states)).states.values())
        gathered, facts = gather(client, self.resource, states)
        return {"gathered": gathered, "gathered_facts": facts}

    def reconciled(
        self, client: QualysClient, items: List[Dict[str, Any]], params: Mapping[str, Any], check_mode: bool
    ) -> SetOutcome:
        state = params["state"]
        if state == "overridden" or (state == "deleted" and not items):
            require_scope(params["scope"], state)
        objects = ResourceSet(client, self.resource, check_mode, params["read_concurrency"])
        if state == "deleted":
            results, selected = deleted(objects, items, params["scope"])
        else:
            resolved = ReferenceResolver(client, may_list=True).resolve_many(self.resource.fields, items)
            results, selected = reconciled(objects, resolved, params)
        if selected is None:
            return SetOutcome(results)
        report = scope_report(selected, results)
        warning = unlisted_warning(self.resource, params["scope"], report, check_mode)
        return SetOutcome(results, report, (warning,) if warning else ())

    def diff(self, line: Mapping[str, Any]) -> Dict[str, Any]:
        return diff_of(line)


def run_resource_set_module(resource: Resource) -> None:
    """The whole life of a resource module of one resource table."""
    run_set_module(ObjectSet(resource))


def require_scope(scope: Optional[Mapping[str, Any]], state: str) -> None:
    """A task that deletes what it does not name must say where: a scope with no condition would be the tenant."""
    if not scope or not (scope.get("name_prefix") or scope.get("filters")):
        raise ValidationError(
            "state=%s deletes every object in scope that the config does not name: give scope.name_prefix or"
            " scope.filters (a filter such as id greater 0 takes in every object, if that is really meant)." % state
        )


def reconciled(
    objects: ResourceSet, items: List[Dict[str, Any]], params: Mapping[str, Any]
) -> Tuple[List[Dict], Optional[List[Dict]]]:
    """``merged``, and for ``overridden`` the deletion of what the scope holds and the items do not name; with the
    result lines, the objects the scope selects (None without one)."""
    resource = objects.resource
    identities = [Identity(item) for item in items]
    scoped = objects.in_scope(params["scope"]) if params["state"] == "overridden" else []
    in_scope = Index(resource, scoped)
    unseen = [identity for identity in identities if not in_scope.find(identity)]
    found = Index(resource, scoped + (objects.for_items(unseen) if unseen else []))
    named = {state["id"] for identity in identities for state in found.find(identity)}
    currents = objects.match(items, objects.whole(found, sorted(named)))
    unnamed = [state for record_id, state in in_scope.states.items() if record_id not in named]
    outcomes = objects.apply(items, currents)
    results = [item_result(resource, item, counted) for item, counted in zip(items, outcomes)]
    selected = list(in_scope.states.values()) if params["state"] == "overridden" else None
    return results + removed(objects, unnamed), selected


def deleted(
    objects: ResourceSet, items: List[Dict[str, Any]], scope: Optional[Mapping[str, Any]]
) -> Tuple[List[Dict], Optional[List[Dict]]]:
    """The objects the items name (those that exist), or every object in scope when there are no items; with the
    result lines, the objects the scope selects (None where the items, not the scope, say what goes)."""
    if not items:
        selected = list(Index(objects.resource, objects.in_scope(scope)).states.values())
        return removed(objects, selected), selected
    identities = [Identity(item) for item in items]
    found = Index(objects.resource, objects.for_items(identities))
    named = {state["id"]: state for identity in identities for state in found.find(identity)}
    return removed(objects, list(named.values())), None


def removed(objects: ResourceSet, states: List[Dict[str, Any]]) -> List[Dict]:
    return [
        item_result(objects.resource, {"id": state["id"], "name": state["name"]}, counted, deleted=True)
        for state, counted in zip(states, objects.remove(states))
    ]
