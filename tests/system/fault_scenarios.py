# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The fault matrix: every fault the simulator injects, against every call a module makes, as data.

Limit answers (409, 429) are only injected on calls the server did not run: that is what they mean, and the
engine is entitled to send such a call again. Every other answer is injected both ways, ``execute`` false
(the call did not run) and true (it ran and only its answer was lost), where the simulator allows the choice.
"""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from ansible_collections.qualys.was.tests.system.sim_api import OBJECTS

TIMEOUT = 1  # the modules' ``timeout`` in these runs: a fault delay beyond it is a timeout
FAR_FUTURE = "2031-01-06T01:00:00Z"

# Expected outcomes
OK = "ok"
FAIL = "fail"
EITHER = "ok, or fail as unknown"  # a late write: found in time, or a failure that says it may have happened
UNKNOWN_CREATE = ("may already exist", "re-run")


class Scenario(NamedTuple):
    module: str
    key: str  # unique within the module, e.g. "create 503 html executed"
    operation: str  # the call the fault hits: search, create, update, delete; "connect" for the whole task
    fault: Optional[Dict[str, Any]]
    expect: str
    objects: Optional[int]  # objects of the name afterwards; None for read-only modules
    words: Tuple[str, ...] = ()  # what a failure message must contain besides the operation and the object
    task_args: Optional[Dict[str, Any]] = None  # overrides of the task's options
    calls: Optional[int] = None  # calls of the faulted operation the server may see, when it must not retry

    @property
    def name(self) -> str:
        return "Fault %s" % self.key

    @property
    def executed(self) -> str:
        if not self.fault or self.fault["kind"] in ("delay", "truncated"):
            return "-" if not self.fault else "always"
        return "yes" if self.fault.get("execute") else "no"


def _fault(operation: str, module: str, kind: str, execute: bool = False, **extra: Any) -> Dict[str, Any]:
    fault = {"kind": kind, "match": "%s/%s" % (operation, OBJECTS[module]), "execute": execute}
    fault.update(extra)
    return fault


def _limit_faults() -> List[Tuple[str, Dict[str, Any]]]:
    return [
        ("409 wait 0", {"kind": "status", "status": 409, "headers": {"X-RateLimit-ToWait-Sec": "0"}}),
        ("409 wait 1", {"kind": "status", "status": 409, "headers": {"X-RateLimit-ToWait-Sec": "1"}}),
        ("429", {"kind": "status", "status": 429}),
    ]


def _lost_answers() -> List[Tuple[str, Dict[str, Any], Tuple[str, ...]]]:
    """Answers that leave the outcome of a call unknown, with the words of the server a message must keep."""
    answers = [
        ("%d" % status, {"kind": "status", "status": status}, ("%d" % status, "Simulated HTTP %d" % status))
        for status in (500, 502, 503, 504)
    ]
    answers.append(("html 503", {"kind": "html"}, ("503", "Service Unavailable")))
    answers.append(("empty 200", {"kind": "empty"}, ("empty",)))
    answers.append(("disconnect", {"kind": "disconnect"}, DISCONNECT_WORDS))
    return answers


# A connection closed after the request went out, as requests tells it.
DISCONNECT_WORDS = ("Connection aborted",)
QUALYS_ERROR = {"kind": "qualys_error", "error_message": "Simulated error.", "response_code": "OTHER_ERROR"}
QUALYS_WORDS = ("OTHER_ERROR", "Simulated error.")


def read_scenarios(module: str, objects_after: Optional[int]) -> List[Scenario]:
    """Faults on the search a task starts with; reads are retried, so each ends as the task would have."""
    faults = _limit_faults() + [(key, fault) for key, fault, _words in _lost_answers()]
    faults += [("truncated", {"kind": "truncated"}), ("timeout", {"kind": "delay", "delay": TIMEOUT + 1})]
    scenarios = [
        Scenario(module, "search " + key, "search", _fault("search", module, **fault), OK, objects_after)
        for key, fault in faults
    ]
    none = None if objects_after is None else 0
    error = _fault("search", module, **QUALYS_ERROR)
    scenarios.append(Scenario(module, "search qualys error", "search", error, FAIL, none, QUALYS_WORDS, calls=1))
    return scenarios


def create_scenarios(module: str) -> List[Scenario]:
    scenarios = [
        Scenario(module, "create " + key, "create", _fault("create", module, **fault), OK, 1)
        for key, fault in _limit_faults()
    ]
    for key, fault, words in _lost_answers():
        lost = _fault("create", module, **fault)
        ran = _fault("create", module, execute=True, **fault)
        scenarios.append(Scenario(module, "create %s not run" % key, "create", lost, FAIL, 0, words + UNKNOWN_CREATE))
        scenarios.append(Scenario(module, "create %s run" % key, "create", ran, OK, 1))
    late = _fault("create", module, "delay", delay=TIMEOUT + 1)
    error, error_ran = _fault("create", module, **QUALYS_ERROR), _fault("create", module, execute=True, **QUALYS_ERROR)
    scenarios += [
        Scenario(module, "create truncated", "create", _fault("create", module, "truncated"), OK, 1),
        Scenario(module, "create timeout", "create", late, EITHER, 1, UNKNOWN_CREATE),
        Scenario(module, "create qualys error not run", "create", error, FAIL, 0, QUALYS_WORDS, calls=1),
        Scenario(module, "create qualys error run", "create", error_ran, FAIL, 1, QUALYS_WORDS, calls=1),
    ]
    return scenarios


def change_scenarios(module: str, operation: str) -> List[Scenario]:
    """Faults on the update or the delete of an object the playbook created just before."""
    after = 1 if operation == "update" else 0

    def fault(kind: str, **extra: Any) -> Dict[str, Any]:
        return _fault(operation, module, kind, **extra)

    limit = fault("status", status=409, headers={"X-RateLimit-ToWait-Sec": "0"})
    words = ("500", "Simulated HTTP 500")
    return [
        Scenario(module, operation + " 409 wait 0", operation, limit, OK, after),
        Scenario(module, operation + " 500 not run", operation, fault("status", status=500), FAIL, 1, words),
        Scenario(module, operation + " 500 run", operation, fault("status", status=500, execute=True), OK, after),
        Scenario(module, operation + " disconnect not run", operation, fault("disconnect"), FAIL, 1, DISCONNECT_WORDS),
        Scenario(module, operation + " disconnect run", operation, fault("disconnect", execute=True), OK, after),
        Scenario(module, operation + " timeout", operation, fault("delay", delay=TIMEOUT + 1), EITHER, None),
        Scenario(module, operation + " qualys error", operation, fault(**QUALYS_ERROR), FAIL, 1, QUALYS_WORDS),
    ]


# What a user needs when nothing answered: the URL, that the connection was refused, the tries, what to check.
REFUSED_WORDS = ("could not connect to http://127.0.0.1:", "the connection was refused", "after 2 tries", "api_url")


def connection_scenarios(module: str, refused_url: str, objects_after: Optional[int]) -> List[Scenario]:
    none = None if objects_after is None else 0
    wrong = {"password": "wrong-password-4711"}
    refused = {"api_url": refused_url, "retries": 1}
    return [
        Scenario(module, "invalid credentials", "search", None, FAIL, none, ("INVALID_CREDENTIALS",), wrong, 1),
        Scenario(module, "connection refused", "search", None, FAIL, none, REFUSED_WORDS, refused, 0),
    ]


def scenarios_for(module: str, refused_url: str) -> List[Scenario]:
    if module == "was_auth_record_info":
        return read_scenarios(module, None) + connection_scenarios(module, refused_url, None)
    return (
        read_scenarios(module, 1)
        + create_scenarios(module)
        + change_scenarios(module, "update")
        + change_scenarios(module, "delete")
        + connection_scenarios(module, refused_url, 1)
    )
