# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A managing module of one object: ``state: present`` or ``absent``, by id or by name."""

from __future__ import annotations

from typing import Any, Dict, List

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler
from ansible_collections.qualys.was.plugins.module_utils.references import ReferenceResolver
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource


def state_argument_spec() -> Dict[str, Dict[str, Any]]:
    """The options every managing module has beside its fields; documented by the ``state`` doc fragment."""
    return {
        "id": {"type": "int"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        "all_with_name": {"type": "bool", "default": False},
    }


def run_resource_module(resource: Resource) -> None:
    """The whole life of a managing module: ``state: present`` or ``absent`` for one object."""
    spec = resource.argument_spec()
    spec.update(state_argument_spec())
    rules = dict(resource.spec_rules)
    rules["required_one_of"] = [("id", "name")] + list(rules.get("required_one_of", ()))
    module = QualysModule(spec, **rules)

    def work(client: QualysClient) -> Dict[str, Any]:
        params = module.params
        desired = {option: params.get(option) for option in resource.argument_spec()}
        reconciler = Reconciler(client, resource, module.ansible.check_mode)
        if params["state"] == "absent":
            outcome = reconciler.ensure_absent(params["id"], params.get("name"), params["all_with_name"])
            removed = [resource.hide_secrets(state) for state in outcome.removed]
            diff = {"before": _one_or_many(removed), "after": {}}
        else:
            for warning in resource.advice(desired):
                module.ansible.warn(warning)
            resource.validate(desired)
            desired = ReferenceResolver(client).resolve(resource.fields, desired)
            outcome = reconciler.ensure_present(desired, params["id"])
            diff = {
                "before": resource.managed_view(outcome.before, desired),
                "after": resource.managed_view(outcome.after, desired),
            }
        result = {"changed": outcome.changed, resource.return_key: resource.hide_secrets(outcome.after) or {}}
        if params["state"] == "absent":
            result["deleted_ids"] = [state["id"] for state in outcome.removed]
        if module.ansible._diff:
            result["diff"] = diff
        return result

    module.run(work)


def _one_or_many(states: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The diff of a deletion: the object, or ``{objects: [...]}`` when several of one name went."""
    if len(states) == 1:
        return states[0]
    return {"objects": states} if states else {}
