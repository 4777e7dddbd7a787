# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``_info`` modules whose records also come in the shape of the managing module's options, to be fed back to it."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Sequence

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.fields import Text
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery, Selector
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource


class ContainsSelector(Selector):
    """A selector of the records whose text ``field`` contains the value (``CONTAINS``)."""

    def __init__(self, option: str, field: str) -> None:
        super().__init__(option, Text(), field=field)
        self.operator = "CONTAINS"


class OptionsQuery(InfoQuery):
    """An ``InfoQuery`` whose records carry ``options``: the record as the managing module takes it, without
    read-only values and without secrets, whatever ``return_secrets`` says."""

    def shown(self, state: Mapping[str, Any], return_secrets: bool) -> Dict[str, Any]:
        result = super().shown(state, return_secrets)
        result["options"] = self.resource.as_options(state)
        return result


def run_info_module_with_options(resource: Resource, selectors: Sequence[Selector], details: bool = False) -> None:
    """``run_info_module``, with each record's ``options`` beside it."""
    query = OptionsQuery(resource, selectors, details)
    module = QualysModule(query.argument_spec())

    def work(client: QualysClient) -> Dict[str, Any]:
        return_secrets = bool(module.params.get("return_secrets"))
        if return_secrets:
            module.ansible.warn(
                "return_secrets is true: the result holds the secrets of each %s as Qualys returned them. "
                "Set no_log: true on this task so that they are not logged or displayed." % resource.label
            )
        records = [query.shown(state, return_secrets) for state in query.read(client, module.params)]
        return {"changed": False, resource.return_key: records}

    module.run(work)
