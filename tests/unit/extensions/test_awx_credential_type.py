# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AWX credential type injects exactly the variables the connection options read, from fields it declares."""

from __future__ import annotations

import os
import re

import yaml

from ansible_collections.qualys.was.plugins.module_utils.connection import (
    API_URL_ENV,
    AUTH_METHODS,
    PLATFORM_ENV,
    PLATFORMS,
    connection_argument_spec,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CREDENTIAL_TYPE = os.path.join(ROOT, "extensions", "awx", "credential_type.yml")
TEMPLATE = re.compile(r"^\{\{ (\w+) \}\}$")


def credential_type():
    with open(CREDENTIAL_TYPE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def fallbacks():
    """Option -> the variables it falls back to, from the argument spec, plus the two read directly."""
    read = {
        option: list(spec["fallback"][1]) for option, spec in connection_argument_spec().items() if "fallback" in spec
    }
    read.update({"api_url": [API_URL_ENV], "platform": [PLATFORM_ENV]})
    return read


def test_the_injected_variables_are_exactly_those_the_connection_options_fall_back_to():
    injected = set(credential_type()["injectors"]["env"])
    read = {variable for variables in fallbacks().values() for variable in variables}
    assert injected == read, "only injected: %s; only read: %s" % (sorted(injected - read), sorted(read - injected))


def test_each_variable_is_filled_from_the_field_of_its_option():
    fields = {field["id"] for field in credential_type()["inputs"]["fields"]}
    env = credential_type()["injectors"]["env"]
    for option, variables in fallbacks().items():
        for variable in variables:
            assert TEMPLATE.match(env[variable]).group(1) == option, variable
    assert fields == set(fallbacks()), "every option has a field and every field an option"


def test_secrets_are_secret_and_choices_match_the_options():
    fields = {field["id"]: field for field in credential_type()["inputs"]["fields"]}
    spec = connection_argument_spec()
    assert {name for name, field in fields.items() if field.get("secret")} == {
        name for name, option in spec.items() if option.get("no_log")
    }
    assert fields["platform"]["choices"] == list(PLATFORMS)
    assert fields["auth_method"]["choices"] == list(AUTH_METHODS)
    assert fields["auth_method"]["default"] == spec["auth_method"]["default"]
    assert fields["validate_certs"] == dict(fields["validate_certs"], type="boolean", default=True)
    assert credential_type()["kind"] == "cloud" and credential_type()["name"] == "Qualys WAS"
