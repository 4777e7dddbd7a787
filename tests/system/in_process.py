# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A module's ``main`` run in this process against a live simulator: milliseconds a task instead of a second."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any, Callable, Dict

from ansible.module_utils.testing import patch_module_args


def run_module(main: Callable[[], None], url: str, args: Dict[str, Any]) -> Dict[str, Any]:
    """The module's JSON result; ``failed`` is set when it failed."""
    arguments = dict({"api_url": url, "username": "admin", "password": "admin-pass"}, **args)
    output = io.StringIO()
    with patch_module_args(arguments), contextlib.redirect_stdout(output):
        try:
            main()
        except SystemExit:
            pass
    return json.loads(output.getvalue())
