# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AnsibleModule side of the engine: options, connection, one exit, one way to fail.

Every module imports this file, and AnsiballZ ships and compiles everything a module imports on every run: what
only some modules need (the reconciler, the runners of one object, of many, of queries) lives in files of its own.
"""

from __future__ import annotations

import platform
import sys
from typing import Any, Callable, Dict, List, Optional

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.qualys.was.plugins.module_utils import client as client_module
from ansible_collections.qualys.was.plugins.module_utils import codec
from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.connection import (
    CONNECTION_MUTUALLY_EXCLUSIVE,
    connection_argument_spec,
    connection_settings,
)
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError
from ansible_collections.qualys.was.plugins.module_utils.versions import versions


def missing_libraries_message(missing: List[str]) -> str:
    """Every missing library at once, and the one command that installs them for the Python that runs the module:
    naming one at a time would cost a failed run per library."""
    python = sys.executable
    return (
        "The Python that runs this module (%s on %s) lacks %s, which the collection needs. Install %s for it:"
        " '%s -m pip install %s', or every requirement of the collection: '%s -m pip install -r requirements.txt'"
        " in the collection's folder (ansible_collections/qualys/was). If %s installed for another Python, point"
        " ansible_python_interpreter at that one."
        % (
            python,
            platform.node(),
            " and ".join(missing),
            "them" if len(missing) > 1 else "it",
            python,
            " ".join(missing),
            python,
            "they are" if len(missing) > 1 else "it is",
        )
    )


class QualysModule:
    """An AnsibleModule with the connection options, check-mode support and error reporting of the collection."""

    def __init__(self, argument_spec: Dict[str, Any], **rules: Any) -> None:
        spec = connection_argument_spec()
        spec.update(argument_spec)
        rules["mutually_exclusive"] = list(CONNECTION_MUTUALLY_EXCLUSIVE) + list(rules.get("mutually_exclusive", ()))
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **rules)
        imported = (("requests", client_module.HAS_REQUESTS), ("xmltodict", codec.HAS_XMLTODICT))
        missing = [library for library, present in imported if not present]
        if missing:
            self.ansible.fail_json(
                msg=missing_libraries_message(missing), missing_libraries=missing, versions=versions()
            )
        self.client: Optional[QualysClient] = None

    @property
    def params(self) -> Dict[str, Any]:
        return self.ansible.params

    def run(self, work: Callable[[Optional[QualysClient]], Dict[str, Any]], connect: bool = True) -> None:
        """Call ``work`` with a connected client (None when ``connect`` is false, for a task that makes no call)
        and exit with its result, or fail with the reason."""
        try:
            if connect:
                self.client = QualysClient(connection_settings(self.params))
            result = work(self.client)
        except QualysApiError as exc:
            self._fail(str(exc), **exc.as_result())
        except QualysError as exc:
            self._fail(str(exc))
        result["api_calls"] = self.client.calls if self.client else 0
        self.ansible.exit_json(**result)

    def _fail(self, message: str, **details: Any) -> None:
        calls = self.client.calls if self.client else 0
        self.ansible.fail_json(msg=message, api_calls=calls, versions=versions(), **details)
