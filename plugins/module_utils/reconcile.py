# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Find, compare, then create, update or delete: the only place that decides whether a task changes anything."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Optional

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, QualysError, ValidationError
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource


class Outcome(NamedTuple):
    changed: bool
    before: Optional[Dict[str, Any]]
    after: Optional[Dict[str, Any]]


class Reconciler:
    """Brings one object to the state a task asks for with the fewest calls.

    No change costs one search. A change costs that search and one write; the state after an update is
    predicted from the search and the change, because Qualys answers an update with the id alone. In
    check mode nothing is written and the same prediction is returned.
    """

    def __init__(self, client: QualysClient, resource: Resource, check_mode: bool = False) -> None:
        self.client = client
        self.resource = resource
        self.check_mode = check_mode

    def find(self, record_id: Optional[int] = None, name: Optional[str] = None) -> Optional[Dict[str, Any]]:
        """The object with this id, else with exactly this name; ``None`` when there is none.

        Absence is an empty search, never an error code: WAS has no reliable not-found answer.
        """
        if record_id is not None:
            records = self.client.search(self.resource.endpoint, [Criterion("id", "EQUALS", record_id)], verbose=True)
        else:
            records = self.client.search(self.resource.endpoint, [Criterion("name", "EQUALS", name)], verbose=True)
        found = [self.resource.normalise(record) for record in records]
        if record_id is None:
            found = [state for state in found if state.get("name") == name]
        if len(found) > 1:
            raise QualysError(
                "Several %ss are named %r (ids %s); set id to choose one."
                % (self.resource.label, name, ", ".join(str(state["id"]) for state in found))
            )
        return found[0] if found else None

    def ensure_present(self, desired: Mapping[str, Any], record_id: Optional[int] = None) -> Outcome:
        current = self.find(record_id, desired.get("name"))
        if current is None:
            if record_id is not None:
                raise QualysError(
                    "No %s with id %s exists; remove id to create one." % (self.resource.label, record_id)
                )
            if self.check_mode:
                return Outcome(True, None, self.resource.predict(None, desired))
            return Outcome(True, None, self._create(desired))

        changed = self.resource.changes(desired, current)
        if not changed:
            return Outcome(False, current, current)
        after = self.resource.predict(current, {option: desired[option] for option in changed})
        if not self.check_mode:
            self._update(current, desired, changed)
        return Outcome(True, current, after)

    def ensure_absent(self, record_id: Optional[int] = None, name: Optional[str] = None) -> Outcome:
        current = self.find(record_id, name)
        if current is None:
            return Outcome(False, None, None)
        if not self.check_mode:
            try:
                self.client.delete(self.resource.endpoint, current["id"])
            except QualysApiError as exc:
                # A delete that timed out may still have happened: only a look tells.
                if not exc.ambiguous or self.find(current["id"]) is not None:
                    raise exc.for_target("delete", self.resource.describe(current)) from None
        return Outcome(True, current, None)

    def _create(self, desired: Mapping[str, Any]) -> Dict[str, Any]:
        if not desired.get("name"):
            raise ValidationError("name is required to create a %s." % self.resource.label)
        payload = self.resource.payload(desired)
        repeats_left = self.client.settings.retries
        while True:
            try:
                return self.resource.normalise(self.client.create(self.resource.endpoint, payload))
            except QualysApiError as exc:
                if not exc.ambiguous or repeats_left == 0:
                    raise exc.for_target("create", self.resource.describe(desired)) from None
            repeats_left -= 1
            # The outcome of the failed create is unknown: if it went through, the object exists now
            # and creating it again would make a second one.
            created = self.find(name=desired["name"])
            if created is not None:
                return created

    def _update(self, current: Mapping[str, Any], desired: Mapping[str, Any], changed: List[str]) -> None:
        toggles = [field for field in self.resource.fields if field.option in changed and field.toggle]
        try:
            if len(toggles) == len(changed):
                # A change of a toggled flag alone goes through its own operations (activate/deactivate).
                for field in toggles:
                    operation = field.toggle[0] if desired[field.option] else field.toggle[1]
                    self.client.act(operation, self.resource.endpoint, current["id"])
            else:
                payload = self.resource.payload(desired, changed)
                self.client.update(self.resource.endpoint, current["id"], payload)
        except QualysApiError as exc:
            raise exc.for_target("update", self.resource.describe(current)) from None
