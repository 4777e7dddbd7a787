# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Actions that take time (a scan): start once, attach to one still running, wait, and judge how it ended.

An ``Action`` declares an object that one write starts and that then runs on the server on its own: its field
table, the operations that start it and report its progress, which statuses mean it still runs, how its end reads,
and optionally a gate on its results and a step once it ended well (a report's download). ``run_action_module`` is
the whole life of a module over one, as ``run_resource_module`` is for objects that are only configured.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import text_of, trimmed
from ansible_collections.qualys.was.plugins.module_utils.module import QualysModule
from ansible_collections.qualys.was.plugins.module_utils.reconcile import Reconciler, look_after_unknown_write
from ansible_collections.qualys.was.plugins.module_utils.references import ReferenceResolver
from ansible_collections.qualys.was.plugins.module_utils.resource import UPDATE_PASSWORD, Resource

# Polls start this many seconds apart and the pause doubles up to the task's poll_interval: a short action is seen
# ending soon, a long one costs few calls.
FIRST_POLL = 5.0
POLL_GROWTH = 2.0
# Polls that fail in a row (each already retried by the client) before the wait gives up; a server that refuses
# a poll (a responseCode) ends it at once.
POLL_FAILURES_TOLERATED = 3
# How much earlier than the task's start a launch looked for may be dated: the server's clock is not the
# controller's.
CLOCK_SKEW = 300


class Gate(NamedTuple):
    """A check of an action's results after it ended: the ``fail_on`` option and how it is judged."""

    spec: Dict[str, Any]
    validate: Callable[[Mapping[str, Any]], None]
    read: Callable[[QualysClient, Sequence[Mapping[str, Any]]], Dict[str, Any]]
    # The gate, the results, and the ends the task accepts besides a good one (accept_end_states).
    evaluate: Callable[[Mapping[str, Any], Mapping[str, Any], Sequence[str]], Dict[str, Any]]
    message: Callable[[Mapping[str, Any]], str]


class Words(NamedTuple):
    """How messages and results speak of starting an action: ``launched``, ``launching``."""

    started: str
    starting: str


LAUNCH = Words("launched", "launching")


class Finish(NamedTuple):
    """A step taken once an action ended well (a report's download), when the task gives its ``option``.

    ``kept(host, params)`` is the task's result when what the step would make is already there and is to be kept,
    before any call; else None. ``run(host, client, states, params)`` takes the step on the whole records of the
    actions that ended and gives the entries it adds to the result, ``changed`` among them. ``host`` is the
    AnsibleModule the task runs in (the step works on the files of the host the module runs on).
    """

    spec: Dict[str, Dict[str, Any]]
    option: str
    # AnsibleModule arguments the step needs (add_file_common_args).
    module_rules: Dict[str, Any]
    kept: Callable[[Any, Mapping[str, Any]], Optional[Dict[str, Any]]]
    run: Callable[[Any, QualysClient, Sequence[Mapping[str, Any]], Mapping[str, Any]], Dict[str, Any]]


class Action:
    """What a module starts and waits for.

    ``active`` are the statuses, as the API spells them, of an action that still runs (searched for to attach);
    ``end_of(state)`` is None while it runs, else the words its end reads as (lower case), any of which a task may
    accept; ``good_ends`` the words of a good end; ``end_words`` every end word a task may accept;
    ``refused_for_limit(error)`` tells a start the server refused because too many run at once (None: the server
    has no such limit, and the task no ``slot_timeout``); ``default_name(desired, day)`` names an action the task
    leaves unnamed, from the options ``name_from`` (one of which it then needs); ``describe_end(state)`` tells an
    end in the server's words.

    ``start_state`` is the state that starts it; ``cancel`` the operation that cancels it (None: it cannot be
    canceled, and there is no ``canceled`` state); ``relaunch`` offers ``launch: always``; ``since_field`` is the
    date searched to find a start of unknown outcome; ``words`` how messages speak of starting it, and the result
    of a task that started it (``launched``); ``deletes_running`` says whether the server deletes one that still
    runs. ``alike`` are options one found running must share with the task to be attached to (a report's format),
    searched with EQUALS besides the name. ``explain_end(client, state)`` gives the record of an action that ended
    badly with the words of its end where its records leave them out. ``defaults`` apply to any option.
    """

    def __init__(
        self,
        resource: Resource,
        active: Sequence[str],
        end_of: Callable[[Optional[Mapping[str, Any]]], Optional[Tuple[str, ...]]],
        good_ends: Sequence[str],
        end_words: Sequence[str],
        refused_for_limit: Optional[Callable[[QualysApiError], bool]],
        default_name: Callable[[Mapping[str, Any], str], str],
        describe_end: Callable[[Mapping[str, Any]], str],
        start: str = "launch",
        status: str = "status",
        cancel: Optional[str] = "cancel",
        defaults: Optional[Mapping[str, Any]] = None,
        gate: Optional[Gate] = None,
        finish: Optional[Finish] = None,
        start_state: str = "started",
        relaunch: bool = True,
        since_field: str = "launchedDate",
        words: Words = LAUNCH,
        name_from: Sequence[str] = ("target",),
        deletes_running: bool = False,
        alike: Sequence[str] = (),
        explain_end: Optional[Callable[[QualysClient, Dict[str, Any]], Dict[str, Any]]] = None,
    ) -> None:
        self.resource = resource
        self.active = tuple(active)
        self.end_of = end_of
        self.good_ends = tuple(good_ends)
        self.end_words = tuple(end_words)
        self.refused_for_limit = refused_for_limit
        self.default_name = default_name
        self.describe_end = describe_end
        self.start = start
        self.status = status
        self.cancel = cancel
        self.defaults = dict(defaults or {})
        self.gate = gate
        self.finish = finish
        self.start_state = start_state
        self.relaunch = relaunch
        self.since_field = since_field
        self.words = words
        self.name_from = tuple(name_from)
        self.deletes_running = deletes_running
        self.alike = tuple(alike)
        self.explain_end = explain_end

    @property
    def label(self) -> str:
        return self.resource.label

    @property
    def states(self) -> Tuple[str, ...]:
        return (self.start_state,) + (("canceled",) if self.cancel else ()) + ("absent",)

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        spec = self.resource.argument_spec()
        # An action is started, never updated: when an update resends a secret does not arise.
        spec.pop(UPDATE_PASSWORD, None)
        spec.update(
            id={"type": "int"},
            state={"type": "str", "choices": list(self.states), "default": self.start_state},
            wait={"type": "bool", "default": False},
            wait_timeout={"type": "int", "default": 7200},
            poll_interval={"type": "int", "default": 60},
            all_with_name={"type": "bool", "default": False},
        )
        if self.relaunch:
            spec["launch"] = {"type": "str", "choices": ["once", "always"], "default": "once"}
        if self.refused_for_limit:
            spec["slot_timeout"] = {"type": "int", "default": 0}
        if self.end_words:
            spec["accept_end_states"] = {
                "type": "list",
                "elements": "str",
                "choices": list(self.end_words),
                "default": [],
            }
        if self.gate:
            spec["fail_on"] = dict(self.gate.spec)
        if self.finish:
            spec.update(self.finish.spec)
        for option, default in self.defaults.items():
            spec[option]["default"] = default
        return spec


class Ended(QualysError):
    """The action ended (or the wait did) in a way the task did not accept; ``result`` goes with the failure."""

    def __init__(self, message: str, result: Dict[str, Any]) -> None:
        super().__init__(message)
        self.result = result


class ActionRunner:
    """Starts, finds, waits for and cancels one action of a task with the fewest calls.

    ``clock`` and ``sleep`` are injected so that tests wait no real time; ``host`` is the AnsibleModule the task
    runs in, which the action's ``finish`` step works with.
    """

    def __init__(
        self,
        client: QualysClient,
        action: Action,
        check_mode: bool = False,
        sleep: Optional[Callable[[float], None]] = None,
        clock: Optional[Callable[[], float]] = None,
        host: Any = None,
    ) -> None:
        self.host = host
        self.client = client
        self.action = action
        self.resource = action.resource
        self.check_mode = check_mode
        self._sleep = sleep or time.sleep
        self._clock = clock or time.time
        self.started_at = self._clock()

    # Reading ----------------------------------------------------------------------------------------------------

    def running(
        self, name: str, since: Optional[float] = None, desired: Optional[Mapping[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        """Every action of exactly this name that still runs (launched since ``since``, when given), alike
        ``desired`` in the options ``alike``: one search."""
        name = trimmed(name)
        criteria = [Criterion("name", "EQUALS", name), Criterion("status", "IN", list(self.action.active))]
        for field in self.resource.fields:
            if field.option in self.action.alike and (desired or {}).get(field.option) is not None:
                criteria.append(Criterion(field.wire, "EQUALS", field.kind.to_wire(desired[field.option])))
        if since is not None:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since - CLOCK_SKEW))
            criteria.append(Criterion(self.action.since_field, "GREATER", stamp))
        try:
            records = self.client.search(self.resource.endpoint, criteria)
        except QualysApiError as exc:
            raise exc.for_target("search", "%s %r" % (self.label, name)) from None
        states = [self.resource.normalise(record) for record in records]
        return sorted((state for state in states if state.get("name") == name), key=lambda state: state["id"])

    def progress(self, record_id: int) -> Dict[str, Any]:
        """The light read of where an action is (a scan's ``status`` call)."""
        try:
            record = self.client.get(self.resource.endpoint, record_id, operation=self.action.status)
        except QualysApiError as exc:
            raise exc.for_target(self.action.status, "%s (id %s)" % (self.label, record_id)) from None
        return self.resource.normalise(record)

    def whole(self, record_id: int) -> Dict[str, Any]:
        try:
            return self.resource.normalise(self.client.get(self.resource.endpoint, record_id))
        except QualysApiError as exc:
            raise exc.for_target("get", "%s (id %s)" % (self.label, record_id)) from None

    @property
    def label(self) -> str:
        return self.action.label

    def default_name(self, desired: Mapping[str, Any]) -> str:
        """The name of an action the task leaves unnamed, dated with the UTC day the task runs."""
        return self.action.default_name(desired, time.strftime("%Y-%m-%d", time.gmtime(self._clock())))

    # Starting ---------------------------------------------------------------------------------------------------

    def launch(
        self, desired: Mapping[str, Any], slot_timeout: float, poll_interval: float, attach: bool
    ) -> Tuple[List[Dict[str, Any]], bool]:
        """Start the action once; what is known of the actions it got (their ids at least), and whether this task
        started them (false: it attached).

        A start the server refused for its limit of concurrent actions is repeated only within ``slot_timeout``,
        looking first (with ``attach``) whether another run of the task started it meanwhile. A start of unknown
        outcome is never repeated: the action is looked for instead.
        """
        payload = self.resource.payload(desired)
        what = self.resource.describe(desired)
        deadline = self._clock() + slot_timeout
        pause = min(FIRST_POLL, poll_interval)
        while True:
            try:
                records = self.client.start(self.action.start, self.resource.endpoint, payload)
                ids = sorted(int(text_of(record["id"])) for record in records if text_of(record.get("id")))
                if ids:
                    return [{"id": record_id} for record_id in ids], True
                failure = QualysApiError(
                    "the server answered SUCCESS without the id of the %s" % self.label, ambiguous=True
                )
            except QualysApiError as exc:
                failure = exc
            failure = failure.for_target(self.action.start, what)
            if failure.ambiguous:
                return self._look_for_launch(desired, failure), True
            if not (self.action.refused_for_limit and self.action.refused_for_limit(failure)):
                raise failure
            left = deadline - self._clock()
            if left <= 0:
                failure.hint = (
                    "Qualys runs as many %ss as the subscription allows; nothing was launched. Set slot_timeout to"
                    " wait for one to end." % self.label
                    if slot_timeout <= 0
                    else "No %s ended within slot_timeout (%d s); nothing was launched." % (self.label, slot_timeout)
                )
                raise failure
            self._sleep(min(pause, left))
            pause = min(pause * POLL_GROWTH, poll_interval)
            if attach:
                found = self.running(desired["name"], desired=desired)
                if found:
                    return found, False

    def _look_for_launch(self, desired: Mapping[str, Any], failure: QualysApiError) -> List[Dict[str, Any]]:
        name = desired["name"]
        found = look_after_unknown_write(
            lambda: self.running(name, since=self.started_at, desired=desired), self._sleep
        )
        if found:
            return found
        failure.hint = (
            "The {label} may have been {started}: the server did not confirm it and no {label} named {name!r} was"
            " found running afterwards. It was not {started} again. Re-run the task: it attaches to the {label} if"
            " it runs; otherwise one is {started}.".format(
                label=self.label, started=self.action.words.started, name=trimmed(name)
            )
        )
        raise failure

    # Waiting ----------------------------------------------------------------------------------------------------

    def wait(
        self, ids: Sequence[int], known: Mapping[int, Mapping[str, Any]], timeout: float, poll_interval: float
    ) -> Tuple[Dict[int, Dict[str, Any]], bool]:
        """Poll until every action has ended or ``timeout`` has passed: the last states read, and whether it timed
        out. One call per action and poll; ``known`` states (just read or just launched) are not read again first."""
        states = {record_id: dict(state) for record_id, state in known.items()}
        deadline = self._clock() + timeout
        pause = min(FIRST_POLL, poll_interval)
        failures = 0
        pending = [record_id for record_id in ids if self.action.end_of(states.get(record_id)) is None]
        first = True
        while pending:
            if not (first and any(record_id not in states for record_id in pending)):
                left = deadline - self._clock()
                if left <= 0:
                    return states, True
                self._sleep(min(pause, left))
                pause = min(pause * POLL_GROWTH, poll_interval)
            first = False
            for record_id in pending:
                try:
                    states[record_id] = self.progress(record_id)
                    failures = 0
                except QualysApiError as exc:
                    failures += 1
                    if exc.response_code or failures > POLL_FAILURES_TOLERATED:
                        raise
            pending = [record_id for record_id in pending if self.action.end_of(states.get(record_id)) is None]
        return states, False

    # Canceling --------------------------------------------------------------------------------------------------

    def cancel(self, state: Mapping[str, Any]) -> None:
        """Cancel one running action. A refusal or an unknown outcome is settled by reading where it is: an action
        that no longer runs is what the task asked for."""
        try:
            self.client.act(self.action.cancel, self.resource.endpoint, state["id"])
            return
        except QualysApiError as exc:
            failure = exc.for_target(self.action.cancel, self.resource.describe(state))
        try:
            now = self.progress(state["id"])
        except QualysApiError:
            raise failure from None
        if now.get("status") is None or now["status"].upper() in self.action.active:
            raise failure


def run_action_module(action: Action) -> None:
    """The whole life of a module over an action: its start state (start or attach, then wait, judge and finish),
    ``canceled`` or ``absent``."""
    spec = action.argument_spec()
    module = QualysModule(spec, **action.resource.spec_rules, **(action.finish.module_rules if action.finish else {}))

    def work(client: QualysClient) -> Dict[str, Any]:
        params = module.params
        desired = {option: params.get(option) for option in action.resource.argument_spec()}
        runner = ActionRunner(client, action, module.ansible.check_mode, host=module.ansible)
        try:
            if params["state"] == "absent":
                return absent(runner, params, desired)
            if params["state"] == "canceled":
                return canceled(runner, params, desired)
            return started(runner, params, desired)
        except Ended as exc:
            module._fail(str(exc), **exc.result)
        return {}

    module.run(work)


def _check_timing(params: Mapping[str, Any]) -> None:
    for option in ("wait_timeout", "poll_interval"):
        if params[option] < 1:
            raise ValidationError("%s must be 1 or more, got %s" % (option, params[option]))
    if params.get("slot_timeout", 0) < 0:
        raise ValidationError("slot_timeout must be 0 or more, got %s" % params["slot_timeout"])


def _named(runner: ActionRunner, desired: Dict[str, Any]) -> Dict[str, Any]:
    """``desired`` with its name: the task's, else the one generated from its options ``name_from`` and today's
    date."""
    if trimmed(desired.get("name")):
        return desired
    sources = runner.action.name_from
    if sources and all(desired.get(option) is None for option in sources):
        raise ValidationError(
            "name, id or %s is required: a %s without a name is named after its %s and the date"
            % (" or ".join(sources), runner.label, " and ".join(sources))
        )
    return dict(desired, name=runner.default_name(desired))


def started(runner: ActionRunner, params: Mapping[str, Any], desired: Dict[str, Any]) -> Dict[str, Any]:
    """Attach to the action of the task's name that still runs, else start it once; then wait, judge it and take
    the ``finish`` step the task asks for."""
    action, resource = runner.action, runner.resource
    words = action.words
    _check_timing(params)
    if params.get("fail_on"):
        if not params["wait"]:
            raise ValidationError(
                "fail_on needs wait: true; a gate judges the results of a %s that ended" % action.label
            )
        action.gate.validate(params["fail_on"])
    finishing = bool(action.finish) and params.get(action.finish.option) is not None
    if finishing:
        if not params["wait"]:
            raise ValidationError(
                "%s needs wait: true; it is taken once the %s ended" % (action.finish.option, action.label)
            )
        kept = action.finish.kept(runner.host, params)
        if kept is not None:
            return dict(_result(action, False, []), **kept)
    if params.get("id") is not None:
        ids, launched, known = [params["id"]], False, {}
    else:
        missing = resource.missing_for_create(desired)
        if missing:
            raise ValidationError(
                "%s a %s needs %s (or id, to wait for one); nothing was %s."
                % (words.starting.capitalize(), action.label, " and ".join(missing), words.started)
            )
        resource.validate(desired)
        desired = _named(runner, desired)
        attach = params.get("launch", "once") == "once"
        found = runner.running(desired["name"], desired=desired) if attach else []
        if found:
            ids, launched, known = [state["id"] for state in found], False, {state["id"]: state for state in found}
        else:
            desired = ReferenceResolver(runner.client).resolve(resource.fields, desired)
            predicted = resource.predict(None, desired)
            if runner.check_mode:
                return _result(action, True, [predicted])
            got, launched = runner.launch(desired, params.get("slot_timeout", 0), params["poll_interval"], attach)
            ids = [state["id"] for state in got]
            # What the start request says, with whatever the server has told of the actions since.
            known = {state["id"]: dict(predicted, **_told(state)) for state in got}
    if runner.check_mode or not params["wait"]:
        if not known:  # an action given by id: where it is costs one read
            known = {record_id: runner.progress(record_id) for record_id in ids}
        states = [_shaped(resource, known[record_id]) for record_id in ids]
        # In check mode, the step the task asks for would be taken too (what it would keep was seen above).
        return _result(action, launched, states, changed=launched or finishing)
    return _waited(runner, params, ids, known, launched, finishing)


def _waited(
    runner: ActionRunner,
    params: Mapping[str, Any],
    ids: Sequence[int],
    known: Mapping[int, Mapping[str, Any]],
    launched: bool,
    finishing: bool = False,
) -> Dict[str, Any]:
    action, resource = runner.action, runner.resource
    polled, timed_out = runner.wait(ids, known, params["wait_timeout"], params["poll_interval"])
    if timed_out:
        states = [_shaped(resource, polled.get(record_id) or {"id": record_id}) for record_id in ids]
        still = ", ".join("id %s %s" % (state["id"], (state.get("status") or "submitted").upper()) for state in states)
        after = "It was not canceled; wait for it again with id, or cancel it with state: canceled."
        raise Ended(
            "Gave up waiting for the %s after wait_timeout (%d s): %s. %s"
            % (action.label, params["wait_timeout"], still, after if action.cancel else "Wait for it again with id."),
            _result(action, launched, states, timed_out=True),
        )
    # The light poll tells the end; the whole record adds what it found (counts by severity) and how long it took.
    states = [runner.whole(record_id) for record_id in ids]
    accept_end_states = params.get("accept_end_states") or []
    accepted = set(action.good_ends) | set(accept_end_states)
    refused = [state for state in states if not accepted.intersection(action.end_of(state) or ())]
    if refused and action.explain_end:
        explained = {state["id"]: action.explain_end(runner.client, state) for state in refused}
        states = [explained.get(state["id"], state) for state in states]
        refused = [explained[state["id"]] for state in refused]
    if refused:
        advice = " List it in accept_end_states to accept it." if action.end_words else ""
        raise Ended(
            "The %s ended in a state the task does not accept: %s.%s"
            % (action.label, "; ".join(action.describe_end(state) for state in refused), advice),
            _result(action, launched, states),
        )
    gate_result = None
    if params.get("fail_on") and action.gate:
        results = action.gate.read(runner.client, states)
        gate_result = action.gate.evaluate(params["fail_on"], results, accept_end_states)
        if not gate_result["passed"]:
            raise Ended(action.gate.message(gate_result), _result(action, launched, states, gate_result))
    result = _result(action, launched, states, gate_result)
    if finishing:
        taken = action.finish.run(runner.host, runner.client, states, params)
        result.update(taken, changed=launched or bool(taken.get("changed")))
    return result


def canceled(runner: ActionRunner, params: Mapping[str, Any], desired: Dict[str, Any]) -> Dict[str, Any]:
    """Cancel the action by id, or every one of its name that still runs; none running is no change."""
    if params.get("id") is not None:
        state = runner.progress(params["id"])
        found = [state] if (state.get("status") or "").upper() in runner.action.active else []
    else:
        found = runner.running(_named(runner, desired)["name"])
    if not runner.check_mode:
        for state in found:
            runner.cancel(state)
    return {"changed": bool(found), "canceled_ids": [state["id"] for state in found]}


def absent(runner: ActionRunner, params: Mapping[str, Any], desired: Dict[str, Any]) -> Dict[str, Any]:
    """Delete the record of an action that no longer runs; one that runs is refused before any write."""
    reconciler = Reconciler(runner.client, runner.resource, runner.check_mode)
    name = None if params.get("id") is not None else _named(runner, desired)["name"]
    found = (
        reconciler.find_all(name=name)
        if params["all_with_name"] and name is not None
        else [state for state in [reconciler.find(params.get("id"), name)] if state]
    )
    running = [state for state in found if (state.get("status") or "").upper() in runner.action.active]
    if running and not runner.action.deletes_running:
        raise ValidationError(
            "The %s still runs; Qualys deletes only %ss that ended. %s first; nothing was deleted."
            % (
                ", ".join(runner.resource.describe(state) for state in running),
                runner.label,
                "Cancel it (state: canceled)" if runner.action.cancel else "Let it end",
            )
        )
    outcome = reconciler.absent(found)
    return {"changed": outcome.changed, "deleted_ids": [state["id"] for state in outcome.removed]}


def _told(state: Mapping[str, Any]) -> Dict[str, Any]:
    return {option: value for option, value in state.items() if value is not None}


def _shaped(resource: Resource, state: Mapping[str, Any]) -> Dict[str, Any]:
    """A partial state (an id, a status) in the record's full shape."""
    shaped = {field.option: None for field in resource.fields}
    shaped.update(state)
    return shaped


def _result(
    action: Action,
    launched: bool,
    states: Sequence[Mapping[str, Any]],
    gate_result: Optional[Dict[str, Any]] = None,
    timed_out: bool = False,
    changed: Optional[bool] = None,
) -> Dict[str, Any]:
    """The module's result: the first (most often the only) record, every record the task started or attached to,
    secrets hidden, and how it went. ``changed`` is true when the task started the action, or took its finish
    step."""
    resource = action.resource
    states = [resource.hide_secrets(state) for state in states]
    result = {
        "changed": launched if changed is None else changed,
        resource.return_key: states[0] if states else {},
        resource.return_key + "s": states,
        action.words.started: launched,
        "timed_out": timed_out,
    }
    if action.gate:
        result["gate_result"] = gate_result
    return result
