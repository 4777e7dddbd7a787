# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Loading the fixture: a JSON object mapping each kind (``WebApp``, ``OptionProfile``, ``User``...) to its
records, written like the XML they render to (dates as ``YYYY-MM-DDThh:mm:ssZ``, references as ``{"id": n}``).
Users also carry the ``password`` and ``permissions`` they log in with, and may carry the ``clientId`` and
``clientSecret`` of a user-level client for token authentication, and the ``scopeTags`` (tag ids) whose web apps
they may scan."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import singledispatch
from pathlib import Path
from typing import Any, Dict, List

from . import permissions
from .auth import Account, Caller
from .objects import STORED_KINDS
from .schema import Group, Leaf, QList, Ref, Repeated
from .store import Record

DEFAULT_FIXTURE = Path(__file__).with_name("fixture.json")
LOGIN_DETAILS = ("password", "permissions", "clientId", "clientSecret", "scopeTags")


class FixtureError(ValueError):
    pass


@dataclass(frozen=True)
class Fixture:
    records: Dict[str, List[Record]]
    accounts: List[Account]


@singledispatch
def _load(spec: Any, raw: Any, path: str) -> Any:
    raise TypeError(f"no loader for {type(spec).__name__}")


@_load.register
def _leaf(spec: Leaf, raw: Any, path: str) -> Any:
    text = raw if isinstance(raw, str) else spec.type.format(raw)
    try:
        return spec.type.parse(text)
    except ValueError:
        raise FixtureError(f"{path}: invalid value {raw!r}") from None


@_load.register
def _group(spec: Group, raw: Any, path: str) -> Dict[str, Any]:
    if not isinstance(raw, dict):
        raise FixtureError(f"{path}: expected an object")
    record = {}
    for name, value in raw.items():
        child = spec.child(name)
        if child is None:
            raise FixtureError(f"{path}: unknown element {name!r}")
        record[name] = _load(child, value, f"{path}.{name}")
    return record


@_load.register
def _ref(spec: Ref, raw: Any, path: str) -> Dict[str, int]:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), int):
        raise FixtureError(f'{path}: expected a reference such as {{"id": 123}}')
    return {"id": raw["id"]}


def _items(item_spec: Any, raw: Any, path: str) -> List[Any]:
    if not isinstance(raw, list):
        raise FixtureError(f"{path}: expected a list")
    return [_load(item_spec, item, f"{path}[{index}]") for index, item in enumerate(raw)]


@_load.register
def _repeated(spec: Repeated, raw: Any, path: str) -> List[Any]:
    return _items(spec.item, raw, path)


@_load.register
def _qlist(spec: QList, raw: Any, path: str) -> List[Any]:
    return _items(spec.item, raw, path)


def _account(user: Dict[str, Any]) -> Account:
    granted = frozenset(user.get("permissions", ()))
    unknown = granted - permissions.ALL
    if unknown:
        raise FixtureError(f"User {user.get('username')}: unknown permissions {sorted(unknown)}")
    scope = user.get("scopeTags")
    if scope is not None and not (isinstance(scope, list) and all(isinstance(tag, int) for tag in scope)):
        raise FixtureError(f"User {user.get('username')}: scopeTags must be a list of tag ids")
    caller = Caller(user["id"], user["username"], granted, frozenset(scope) if scope is not None else None)
    return Account(caller, user["password"], user.get("clientId"), user.get("clientSecret"))


def _check_catalogue(records: Dict[str, List[Record]]) -> None:
    """Every QID a web app's scanOutcome finds must be in the Qid catalogue."""
    known = {qid["id"] for qid in records.get("Qid", ())}
    for web_app in records.get("WebApp", ()):
        for finding in web_app.get("scanOutcome", {}).get("findings", ()):
            if finding["qid"] not in known:
                raise FixtureError(f"WebApp {web_app['id']}: scanOutcome finds QID {finding['qid']}, not in Qid")


def parse_fixture(content: Dict[str, Any]) -> Fixture:
    records: Dict[str, List[Record]] = {}
    for kind, raw_records in content.items():
        spec = STORED_KINDS.get(kind)
        if spec is None:
            raise FixtureError(f"unknown kind {kind!r}; known: {', '.join(sorted(STORED_KINDS))}")
        # Login details are not part of the User element the API returns.
        records[kind] = [
            _load(spec, {k: v for k, v in raw.items() if k not in LOGIN_DETAILS}, f"{kind}[{index}]")
            for index, raw in enumerate(raw_records)
        ]
        if any("id" not in record for record in records[kind]):
            raise FixtureError(f"every {kind} needs an id")
    _check_catalogue(records)
    # Users without a password own objects but cannot log in.
    accounts = [_account(user) for user in content.get("User", ()) if "password" in user]
    return Fixture(records, accounts)


def load_fixture(path: Path = DEFAULT_FIXTURE) -> Fixture:
    with open(path, encoding="utf-8") as handle:
        return parse_fixture(json.load(handle))
