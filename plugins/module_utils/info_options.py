# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``_info`` modules whose records also come in the shape of the managing module's options, to be fed back to it."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Sequence

from ansible_collections.qualys.was.plugins.module_utils.fields import Text
from ansible_collections.qualys.was.plugins.module_utils.criteria import Selector
from ansible_collections.qualys.was.plugins.module_utils.info import InfoQuery, run_info_query
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
    run_info_query(OptionsQuery(resource, selectors, details))
