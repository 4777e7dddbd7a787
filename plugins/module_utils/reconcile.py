# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Find, compare, then create, update or delete: the only place that decides whether a task changes anything."""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple, TypeVar

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import text_of, trimmed
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

# After a create whose outcome is unknown, the object is looked for this many times, these seconds apart: a slow
# create may still be running on the server when the client has given up on it.
LOOKS_AFTER_UNKNOWN_CREATE = (0.0, 2.0, 5.0)

T = TypeVar("T")


def look_after_unknown_write(find: Callable[[], Optional[T]], sleep: Callable[[float], None]) -> Optional[T]:
    """What a write of unknown outcome left, looked for a few times; ``find`` answers None (or empty) for nothing.

    A look that fails proves nothing either way; the next one may tell.
    """
    for pause in LOOKS_AFTER_UNKNOWN_CREATE:
        sleep(pause)
        try:
            found = find()
        except QualysApiError:
            continue
        if found:
            return found
    return None


class Outcome(NamedTuple):
    changed: bool
    before: Optional[Dict[str, Any]]
    after: Optional[Dict[str, Any]]
    # Every object a state=absent task deleted (or would delete, in check mode).
    removed: Tuple[Dict[str, Any], ...] = ()


class Reconciler:
    """Brings one object to the state a task asks for with the fewest calls.

    No change costs one search, plus one ``get`` where the search answers with a summary of the object. A change
    costs that read and one write; the state after an update is predicted from the read and the change, because
    Qualys answers an update with the id alone. In check mode nothing is written and the same prediction is
    returned.
    """

    def __init__(
        self,
        client: QualysClient,
        resource: Resource,
        check_mode: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.resource = resource
        self.check_mode = check_mode
        self._sleep = sleep

    # Reading ----------------------------------------------------------------------------------------------------

    def find_all(self, record_id: Optional[int] = None, name: Optional[str] = None) -> List[Dict[str, Any]]:
        """Every object with this id, else with exactly this name, read in full.

        Absence is an empty search, never an error code: WAS has no reliable not-found answer.
        """
        if record_id is not None:
            criterion = Criterion("id", "EQUALS", record_id)
        else:
            name = trimmed(name)
            criterion = Criterion("name", "EQUALS", name)
        try:
            records = self.client.search(self.resource.endpoint, [criterion], verbose=True)
            if record_id is None:
                # EQUALS may be looser than the task meant (case); a name is compared as it is stored, trimmed.
                records = [record for record in records if text_of(record.get("name")) == name]
            return [self.resource.normalise(self.complete(record)) for record in records]
        except QualysApiError as exc:
            # The call (search or get) as it failed, told of the object the task meant.
            called = exc.operation.split(" ", 1)[0] or "search"
            raise exc.for_target(called, self.resource.describe({"id": record_id, "name": name})) from None

    def find(self, record_id: Optional[int] = None, name: Optional[str] = None) -> Optional[Dict[str, Any]]:
        """The one object with this id or name; ``None`` when there is none, a failure when there are several."""
        found = self.find_all(record_id, name)
        if len(found) > 1:
            raise QualysError(
                "Several %ss are named %r (ids %s); set id to choose one, or use state=absent with all_with_name=true"
                " to remove them all." % (self.resource.label, trimmed(name), _ids(found))
            )
        return found[0] if found else None

    def complete(self, record: Mapping[str, Any]) -> Mapping[str, Any]:
        # Whether a search returns the whole object or a summary is not documented; a summary is read with get.
        if self.resource.is_whole(record):
            return record
        return self.client.get(self.resource.endpoint, int(text_of(record["id"])))

    # Present ----------------------------------------------------------------------------------------------------

    def ensure_present(self, desired: Mapping[str, Any], record_id: Optional[int] = None) -> Outcome:
        current = self.find(record_id, desired.get("name"))
        self.check_present(current, desired, record_id)
        return self.present(current, desired)

    def check_present(
        self, current: Optional[Mapping[str, Any]], desired: Mapping[str, Any], record_id: Optional[int] = None
    ) -> None:
        """What a task needs, known only once the read has shown whether it creates; checked before any write."""
        if current is not None:
            return
        if record_id is not None:
            raise QualysError("No %s with id %s exists; remove id to create one." % (self.resource.label, record_id))
        missing = self.resource.missing_for_create(desired)
        if missing:
            raise ValidationError(
                "No %s named %r exists, and creating one needs %s; nothing was changed."
                % (self.resource.label, trimmed(desired.get("name")), " and ".join(missing))
            )
        try:
            self.resource.check_create(desired)
        except ValidationError as exc:
            raise ValidationError(
                "No %s named %r exists, and it cannot be created: %s. Nothing was changed."
                % (self.resource.label, trimmed(desired.get("name")), exc)
            ) from None

    def present(self, current: Optional[Dict[str, Any]], desired: Mapping[str, Any]) -> Outcome:
        """Create the object, or bring the options the task sets to their values; ``current`` as read in full."""
        if current is None:
            if self.check_mode:
                return Outcome(True, None, self.resource.predict(None, desired))
            return Outcome(True, None, self._create(desired))

        changed = self.resource.changes(desired, current)
        # Secrets the server masks cannot be compared: with update_password always they are sent, not reported.
        sent = changed + self.resource.resent_secrets(desired, current, changed)
        if not sent:
            return Outcome(False, current, current)
        after = self.resource.predict(current, self.resource.only(desired, changed)) if changed else current
        if not self.check_mode:
            self._update(current, desired, sent)
        return Outcome(bool(changed), current, after)

    def _create(self, desired: Mapping[str, Any]) -> Dict[str, Any]:
        try:
            return self.resource.normalise(self.client.create(self.resource.endpoint, self.resource.payload(desired)))
        except QualysApiError as exc:
            failure = exc.for_target("create", self.resource.describe(desired))
            if not exc.ambiguous:
                raise failure from None
        # The create may have gone through, or may still be running: sending it again could make a second object,
        # so it is only looked for, a few times, and never sent again.
        created = look_after_unknown_write(lambda: self.find(name=desired["name"]), self._sleep)
        if created is not None:
            return created
        failure.hint = (
            "The %s may already exist: the server did not confirm the create and it was not found afterwards."
            " It was not sent again. Re-run the task: it will find the object if it was created, and create it"
            " otherwise." % self.resource.label
        )
        raise failure

    def _update(self, current: Mapping[str, Any], desired: Mapping[str, Any], changed: List[str]) -> None:
        toggles = [field for field in self.resource.fields if field.option in changed and field.toggle]
        try:
            if len(toggles) == len(changed):
                # A change of a toggled flag alone goes through its own operations (activate/deactivate).
                for field in toggles:
                    operation = field.toggle[0] if desired[field.option] else field.toggle[1]
                    self.client.act(operation, self.resource.endpoint, current["id"])
            else:
                payload = self.resource.update_payload(current, desired, changed)
                self.client.update(self.resource.endpoint, current["id"], payload)
        except QualysApiError as exc:
            failure = exc.for_target("update", self.resource.describe(current))
            if not exc.ambiguous:
                failure.hint = self.resource.held_back_hint(current, desired, changed)
            elif self._took_effect(current["id"], desired):
                return
            raise failure from None

    def _took_effect(self, record_id: int, desired: Mapping[str, Any]) -> bool:
        """Whether an update of unknown outcome is what the object now holds: it sends the same values however
        often it runs, so a look settles it; a look that fails settles nothing, and the update's failure stands."""
        try:
            found = self.find(record_id)
        except QualysApiError:
            return False
        return found is not None and not self.resource.changes(desired, found)

    # Absent -----------------------------------------------------------------------------------------------------

    def ensure_absent(
        self, record_id: Optional[int] = None, name: Optional[str] = None, all_with_name: bool = False
    ) -> Outcome:
        """Delete the object; with ``all_with_name``, every object of that name, which mends duplicates."""
        if all_with_name and record_id is None:
            found = self.find_all(name=name)
        else:
            current = self.find(record_id, name)
            found = [current] if current else []
        return self.absent(found)

    def absent(self, found: List[Dict[str, Any]]) -> Outcome:
        """Delete every object of ``found`` (none: nothing to do)."""
        if not found:
            return Outcome(False, None, None)
        if not self.check_mode:
            for state in found:
                self._delete(state)
        return Outcome(True, found[0], None, tuple(found))

    def _delete(self, current: Mapping[str, Any]) -> None:
        try:
            self.client.delete(self.resource.endpoint, current["id"])
        except QualysApiError as exc:
            # A delete that timed out may still have happened: only a look tells.
            if not exc.ambiguous or self.find(current["id"]) is not None:
                raise exc.for_target("delete", self.resource.describe(current)) from None


def _ids(states: List[Mapping[str, Any]]) -> str:
    return ", ".join(str(state["id"]) for state in states)
