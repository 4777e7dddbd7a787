# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options shared by every module, with their environment fallbacks."""

from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional

from ansible.module_utils.basic import AnsibleFallbackNotFound

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError

# API servers of the shared Qualys platforms; a private cloud platform is reached with ``api_url``.
PLATFORMS = {
    "US1": "https://qualysapi.qualys.com",
    "US2": "https://qualysapi.qg2.apps.qualys.com",
    "US3": "https://qualysapi.qg3.apps.qualys.com",
    "US4": "https://qualysapi.qg4.apps.qualys.com",
    "EU1": "https://qualysapi.qualys.eu",
    "EU2": "https://qualysapi.qg2.apps.qualys.eu",
    "EU3": "https://qualysapi.qg3.apps.qualys.it",
    "IN1": "https://qualysapi.qg1.apps.qualys.in",
    "CA1": "https://qualysapi.qg1.apps.qualys.ca",
    "AE1": "https://qualysapi.qg1.apps.qualys.ae",
    "UK1": "https://qualysapi.qg1.apps.qualys.co.uk",
    "AU1": "https://qualysapi.qg1.apps.qualys.com.au",
    "KSA1": "https://qualysapi.qg1.apps.qualysksa.com",
}

# api_url and platform are read from the environment here rather than through argument-spec fallbacks:
# a fallback would make an AWX credential's QUALYS_PLATFORM collide with a task's own api_url.
API_URL_ENV = "QUALYS_API_URL"
PLATFORM_ENV = "QUALYS_PLATFORM"
# The variables requests takes a CA bundle from, in its order, when verification is on and none is given.
CA_BUNDLE_ENV = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
# "basic": username and password on every call; "oidc": a token for a client id and secret (token.py).
AUTH_METHODS = ("basic", "oidc")
# The options each method needs, with the variable each falls back to.
REQUIRED_BY_METHOD = {
    "basic": (("username", "QUALYS_USERNAME"), ("password", "QUALYS_PASSWORD")),
    "oidc": (("client_id", "QUALYS_CLIENT_ID"), ("client_secret", "QUALYS_CLIENT_SECRET")),
}


def non_empty_env(*names: str) -> str:
    """The first of the variables that is set and not empty. An AWX credential sets every variable it injects,
    empty where the credential leaves a field empty, and empty must then mean the option's default."""
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def connection_argument_spec() -> Dict[str, Dict[str, Any]]:
    return {
        "api_url": {"type": "str"},
        "platform": {"type": "str", "choices": sorted(PLATFORMS)},
        # Required by every call, but not by a task that makes none (a resource module's state=rendered).
        "username": {"type": "str", "fallback": (non_empty_env, ["QUALYS_USERNAME"])},
        "password": {"type": "str", "no_log": True, "fallback": (non_empty_env, ["QUALYS_PASSWORD"])},
        "validate_certs": {"type": "bool", "default": True, "fallback": (non_empty_env, ["QUALYS_VALIDATE_CERTS"])},
        "ca_path": {"type": "path", "fallback": (non_empty_env, ["QUALYS_CA_PATH"])},
        "timeout": {"type": "int", "default": 30, "fallback": (non_empty_env, ["QUALYS_TIMEOUT"])},
        "retries": {"type": "int", "default": 3, "fallback": (non_empty_env, ["QUALYS_RETRIES"])},
        "auth_method": {
            "type": "str",
            "choices": list(AUTH_METHODS),
            "default": "basic",
            "fallback": (non_empty_env, ["QUALYS_AUTH_METHOD"]),
        },
        "client_id": {"type": "str", "fallback": (non_empty_env, ["QUALYS_CLIENT_ID"])},
        "client_secret": {"type": "str", "no_log": True, "fallback": (non_empty_env, ["QUALYS_CLIENT_SECRET"])},
        "gateway_url": {"type": "str", "fallback": (non_empty_env, ["QUALYS_GATEWAY_URL"])},
    }


CONNECTION_MUTUALLY_EXCLUSIVE = [("api_url", "platform")]


def base_url(params: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None) -> str:
    """The API server, by precedence: api_url, platform, QUALYS_API_URL, QUALYS_PLATFORM."""
    environ = os.environ if environ is None else environ
    if params.get("api_url"):
        return params["api_url"].rstrip("/")
    if params.get("platform"):
        return PLATFORMS[params["platform"]]
    if environ.get(API_URL_ENV):
        return environ[API_URL_ENV].rstrip("/")
    platform = environ.get(PLATFORM_ENV)
    if platform:
        if platform.upper() not in PLATFORMS:
            raise ValidationError(
                "%s=%s is not a Qualys platform; expected one of %s"
                % (PLATFORM_ENV, platform, ", ".join(sorted(PLATFORMS)))
            )
        return PLATFORMS[platform.upper()]
    raise ValidationError(
        "No Qualys API server given: set api_url or platform (or %s or %s in the environment)"
        % (API_URL_ENV, PLATFORM_ENV)
    )


def _check_ca_bundle(params: Mapping[str, Any], environ: Mapping[str, str]) -> None:
    """A CA bundle that does not exist fails here, clearly, rather than as a traceback from requests mid-call."""
    if not params["validate_certs"]:
        return
    if params.get("ca_path"):
        source, path = "ca_path", params["ca_path"]
    else:
        # requests reads these variables itself whenever verification is on and no bundle is given.
        named = [name for name in CA_BUNDLE_ENV if environ.get(name)]
        if not named:
            return
        source, path = named[0], environ[named[0]]
    if not os.path.exists(path):
        raise ValidationError("%s names a CA bundle (file or directory) that does not exist: %s" % (source, path))


def connection_settings(params: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None) -> ConnectionSettings:
    environ = os.environ if environ is None else environ
    method = params["auth_method"]
    for option, variable in REQUIRED_BY_METHOD[method]:
        if not params.get(option):
            raise ValidationError(
                "%s is required with auth_method %s: set it in the task or in the environment as %s"
                % (option, method, variable)
            )
    _check_ca_bundle(params, environ)
    if params["timeout"] <= 0:
        raise ValidationError("timeout must be a positive number of seconds, got %s" % params["timeout"])
    if params["retries"] < 0:
        raise ValidationError("retries must be zero or more, got %s" % params["retries"])
    server = base_url(params, environ)
    token = method == "oidc"
    gateway = None
    if token:
        # Imported here: every module run compiles what it imports, and a task with a password needs no token.
        from ansible_collections.qualys.was.plugins.module_utils.token import (  # pylint: disable=import-outside-toplevel
            gateway_url,
        )

        gateway = (params.get("gateway_url") or gateway_url(server)).rstrip("/")
    return ConnectionSettings(
        base_url=server,
        username=params.get("username") if not token else None,
        password=params.get("password") if not token else None,
        validate_certs=params["validate_certs"],
        ca_path=params.get("ca_path"),
        timeout=params["timeout"],
        retries=params["retries"],
        auth_method=method,
        client_id=params.get("client_id") if token else None,
        client_secret=params.get("client_secret") if token else None,
        gateway_url=gateway,
    )
