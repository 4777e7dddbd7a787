# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Serving one QPS call: authenticate, resolve the URL, check permissions, parse, perform, answer.

Every outcome, failures included, is an XML ``ServiceResponse`` with HTTP 200, as the service answers.
"""

from __future__ import annotations

from typing import Optional, Tuple

from .auth import Accounts, Caller
from .clock import Clock
from .errors import QpsError
from .exchange import HttpRequest, HttpResponse
from .objects import OBJECT_TYPES
from .objects import object_type as find_object_type
from .objects.base import ObjectType
from .operations import Call, perform
from .responses import bare_document, error_body, success_body
from .routing import ID_OPTIONAL, ID_REQUIRED, METHODS, Route
from .settings import Settings
from .store import Store
from .tokens import TokenIssuer
from .values import LONG
from .xmlin import parse_service_request

URL_FORM = "Use /qps/rest/<version>/<operation>/<module>/<object>[/<id>]."


def schema_location(request: HttpRequest, route: Optional[Route]) -> str:
    if route is None:
        return f"{request.base_url}/qps/xsd/3.0/was/webapp.xsd"
    return f"{request.base_url}/qps/xsd/{route.version}/{route.module}/{route.object}.xsd"


def _resolve(route: Optional[Route], method: str) -> Tuple[ObjectType, Optional[int]]:
    if route is None:
        raise QpsError("INVALID_URL", "Invalid URL.", URL_FORM)
    object_type = find_object_type(route.module, route.object)
    if object_type is None or object_type.api_version != route.version:
        raise QpsError(
            "INVALID_URL", f"Unknown object '{route.module}/{route.object}' in API {route.version}.", URL_FORM
        )
    if route.operation not in METHODS:
        raise QpsError("INVALID_URL", f"Unknown operation '{route.operation}'.", URL_FORM)
    if route.operation not in object_type.operations and route.operation not in object_type.toggles:
        raise QpsError(
            "OPERATION_NOT_SUPPORTED", f"Operation '{route.operation}' is not supported for {object_type.kind}."
        )
    if method not in METHODS[route.operation]:
        raise QpsError(
            "OPERATION_NOT_SUPPORTED",
            f"Method {method} is not supported for '{route.operation}'.",
            f"Use {' or '.join(METHODS[route.operation])}.",
        )
    return object_type, _object_id(route, object_type)


def _object_id(route: Route, object_type: ObjectType) -> Optional[int]:
    if route.object_id is None:
        if route.operation in ID_REQUIRED:
            raise QpsError("INVALID_URL", f"Specify the {object_type.kind} id in the URL.", URL_FORM)
        return None
    if route.operation not in ID_REQUIRED | ID_OPTIONAL:
        raise QpsError("INVALID_URL", f"Operation '{route.operation}' takes no id in the URL.", URL_FORM)
    try:
        return LONG.parse(route.object_id)
    except ValueError:
        raise QpsError(
            "INVALID_URL", f"Invalid id '{route.object_id}' in the URL.", "Specify the id as Long."
        ) from None


def _authorise(caller: Caller, object_type: ObjectType, operation: str) -> None:
    needed = object_type.permissions.get(operation)
    if needed and needed not in caller.permissions:
        raise QpsError(
            "UNAUTHORIZED",
            f"Not authorized to {operation} {object_type.kind}.",
            f"Ask a manager for the '{needed}' permission.",
        )


# The HTTP status of a call whose bearer token is refused, per the expired_token setting.
REFUSED_TOKEN_STATUS = {"http_401": 401, "invalid_credentials": 200}


class QpsService:
    def __init__(self, store: Store, accounts: Accounts, tokens: TokenIssuer, clock: Clock) -> None:
        self.store = store
        self.accounts = accounts
        self.tokens = tokens
        self.clock = clock

    def _caller(self, request: HttpRequest, settings: Settings) -> Caller:
        """The caller of a Basic or a Bearer Authorization header."""
        authorization = request.header("Authorization") or ""
        scheme, _space, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer":
            return self.tokens.caller(credentials.strip(), REFUSED_TOKEN_STATUS[settings.expired_token])
        return self.accounts.authenticate(authorization)

    def serve(self, request: HttpRequest, route: Optional[Route], settings: Settings) -> HttpResponse:
        location = schema_location(request, route)
        try:
            caller = self._caller(request, settings)
            object_type, object_id = _resolve(route, request.method)
            _authorise(caller, object_type, route.operation)
            service_request = parse_service_request(request.body)
            with self.store.lock:
                now = self.clock.now()
                # Objects that change with time (scans) are brought up to the clock before any call looks at them.
                for advancing in OBJECT_TYPES.values():
                    if advancing.advance:
                        advancing.advance(self.store, now, settings)
                call = Call(object_type, service_request, object_id, caller, self.store, now, settings)
                outcome = perform(call, route.operation)
            disposition = {"Content-Disposition": f'attachment; filename="{outcome.filename}"'}
            if outcome.file is not None:
                return HttpResponse(200, outcome.file, content_type=outcome.content_type, headers=disposition)
            if outcome.document is not None:
                return HttpResponse(200, bare_document(outcome.document, location), headers=disposition)
            return HttpResponse(200, success_body(outcome, settings.empty_shape, location))
        except QpsError as error:
            return HttpResponse(getattr(error, "status", 200), error_body(error, location))
