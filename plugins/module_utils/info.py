# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read-only (``_info``) modules: select records with one search, read them in full on request, hide secrets."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.criteria import Selector, filters_spec, generic_criteria
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, check_values, has_secrets, mask_secrets
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.references import ReferenceResolver
from ansible_collections.qualys.was.plugins.module_utils.resource import SERVER_MASK, Resource


def secrets_masked(fields: Sequence[Field], state: Mapping[str, Any]) -> Optional[bool]:
    """True when the server masked every secret of ``state``, False when it sent one in clear, None when
    ``state`` holds no secret value.

    Each secret kind knows which part of its value is secret (``Kind.hide``), so no second walk is needed:
    the record holds a secret when hiding with two different markers gives two different results, and the
    server masked them all when hiding them behind its own mask changes nothing.
    """
    if mask_secrets(fields, state, "<1>") == mask_secrets(fields, state, "<2>"):
        return None
    return mask_secrets(fields, state, SERVER_MASK) == state


class InfoQuery:
    """What an ``_info`` module reads: a resource, the options that select its records, and how to show them.

    The records cost one search per page of 1000; with ``details`` offered and set, one ``get`` each, for
    objects whose search returns a summary. Without any selector every record the user may see is read.
    """

    def __init__(self, resource: Resource, selectors: Sequence[Selector], details: bool = False) -> None:
        self.resource = resource
        self.selectors = list(selectors)
        self.details = details
        self.secrets = has_secrets(resource.fields)

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        spec = {selector.option: selector.kind.spec() for selector in self.selectors}
        spec["filters"] = filters_spec()
        if self.details:
            spec["details"] = {"type": "bool", "default": False}
        if self.secrets:
            spec["return_secrets"] = {"type": "bool", "default": False}
        return spec

    def criteria(self, client: QualysClient, params: Mapping[str, Any]) -> List[Criterion]:
        """The search criteria of a task, validated before any call; names are resolved with one search per kind."""
        fields = [Field(selector.option, selector.kind) for selector in self.selectors]
        values = {selector.option: params.get(selector.option) for selector in self.selectors}
        check_values(fields, values)
        for selector in self.selectors:
            if selector.many and values[selector.option] == []:
                # "Any of no values" would select nothing, and Qualys refuses an empty IN: say so before calling.
                raise ValidationError("%s must list at least one value, or be left out" % selector.option)
        generic = generic_criteria(params.get("filters"))
        values = ReferenceResolver(client).resolve(fields, values)
        chosen = [
            selector.criterion(values[selector.option])
            for selector in self.selectors
            if values[selector.option] is not None
        ]
        return chosen + generic

    def read(self, client: QualysClient, params: Mapping[str, Any]) -> List[Dict[str, Any]]:
        """The selected records, normalised, secrets as the server sent them."""
        endpoint = self.resource.endpoint
        states = [self.resource.normalise(record) for record in client.search(endpoint, self.criteria(client, params))]
        for selector in self.selectors:
            if selector.exact and params.get(selector.option) is not None:
                states = [state for state in states if state.get(selector.option) == params[selector.option]]
        if self.details and params.get("details"):
            states = [self.resource.normalise(client.get(endpoint, state["id"])) for state in states]
        return states

    def shown(self, state: Mapping[str, Any], return_secrets: bool) -> Dict[str, Any]:
        """A record as the module returns it: secrets hidden unless asked for, and whether the server masked them."""
        if not self.secrets:
            return dict(state)
        masked = secrets_masked(self.resource.fields, state)
        result = dict(state) if return_secrets else self.resource.hide_secrets(state)
        result["secrets_masked"] = masked
        return result


def run_info_module(resource: Resource, selectors: Sequence[Selector], details: bool = False) -> None:
    """The whole life of an ``_info`` module: select, read, hide secrets, never change anything.

    The options are the selectors, ``filters``, ``details`` when offered, and ``return_secrets`` when the
    resource has secret fields; the records are returned under ``resource.return_key``.
    """
    run_info_query(InfoQuery(resource, selectors, details))


def run_info_query(query: InfoQuery, return_key: Optional[str] = None) -> None:
    """``run_info_module`` for a query of one's own (records shown another way, for instance), with the records
    under ``return_key`` where the resource's own names one record (``scan``)."""
    resource = query.resource
    module = QualysModule(query.argument_spec())

    def work(client: QualysClient) -> Dict[str, Any]:
        return_secrets = bool(module.params.get("return_secrets"))
        if return_secrets:
            module.ansible.warn(
                "return_secrets is true: the result holds the secrets of each %s as Qualys returned them. "
                "Set no_log: true on this task so that they are not logged or displayed." % resource.label
            )
        records = [query.shown(state, return_secrets) for state in query.read(client, module.params)]
        return {"changed": False, return_key or resource.return_key: records}

    module.run(work)
