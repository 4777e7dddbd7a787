# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A resource is one declaration: its endpoint and its field table. Everything else is derived from it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from ansible_collections.qualys.was.plugins.module_utils.client import Endpoint
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Field,
    Group,
    Integer,
    Text,
    blank,
    changed_options,
    check_create_values,
    check_values,
    filled_values,
    has_secrets,
    held_back,
    mask_secrets,
    merge_values,
    options_spec,
    without_secret_values,
    without_secrets,
    writable_values,
)

SECRET_MARKER = "<hidden>"
# What Qualys sends instead of a secret that the API user may not see (seed 003, sample 1).
SERVER_MASK = "*****"

# Ansible's convention for write-only secrets (ansible.builtin.user): send them on every run, or only on create.
UPDATE_PASSWORD = "update_password"
UPDATE_PASSWORD_SPEC = {"type": "str", "choices": ["always", "on_create"], "default": "on_create", "no_log": False}

# A cross-field rule of the API that the argument spec cannot say: returns a message when broken.
Rule = Callable[[Mapping[str, Any]], Optional[str]]

USER = Group(
    Field("id", Integer()),
    Field("username", Text()),
    Field("first_name", Text()),
    Field("last_name", Text()),
)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


# Who owns a WAS object, and who made and changed it when: what the configuration objects carry. An object that is
# an action rather than a configuration (a scan: who launched it, when, and when it ended) declares its own.
AUDIT_FIELDS = (
    Field("owner", USER, read_only=True),
    Field("created_date", Text(), read_only=True),
    Field("created_by", USER, read_only=True),
    Field("updated_date", Text(), read_only=True, stamped=True),
    Field("updated_by", USER, read_only=True, stamped=True),
)


class Resource:
    """A Qualys object as the modules see it.

    ``fields`` are the options in the order they are documented and sent; read-only fields only appear
    in results. ``rules`` hold the API's cross-field rules; ``spec_rules`` are argument-spec rules
    (``mutually_exclusive`` …) for the top-level options; ``advice`` rules name settings the API accepts but
    ignores, which the task is warned about. ``detail_elements`` are elements a whole record carries (one at least)
    and a search summary lacks, which tells whether a search result must still be read with ``get``. ``audit`` are
    the read-only fields that say who made the object and when, which results show after its own fields.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        return_key: str,
        fields: Sequence[Field],
        detail_elements: Sequence[str],
        rules: Sequence[Rule] = (),
        advice: Sequence[Rule] = (),
        audit: Sequence[Field] = AUDIT_FIELDS,
        **spec_rules: Any,
    ) -> None:
        self.endpoint = endpoint
        self.return_key = return_key
        self.detail_elements = tuple(detail_elements)
        self.fields = [Field("id", Integer(), read_only=True), *fields, *audit]
        self.rules = tuple(rules)
        self.advice_rules = tuple(advice)
        self.spec_rules = spec_rules
        self.secrets = has_secrets(self.fields)

    @property
    def label(self) -> str:
        return self.endpoint.label

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        """The options of the fields; with secret fields, ``update_password`` too."""
        spec = options_spec(self.fields)
        if self.secrets:
            spec[UPDATE_PASSWORD] = dict(UPDATE_PASSWORD_SPEC)
        return spec

    def validate(self, desired: Mapping[str, Any]) -> None:
        """Ranges and cross-field rules, checked before any API call."""
        check_values(self.fields, desired)
        for rule in self.rules:
            problem = rule(desired)
            if problem:
                raise ValidationError(problem)

    def advice(self, desired: Mapping[str, Any]) -> List[str]:
        return [message for message in (rule(desired) for rule in self.advice_rules) if message]

    def missing_for_create(self, desired: Mapping[str, Any]) -> List[str]:
        """The options every create needs that ``desired`` lacks."""
        return [field.option for field in self.fields if field.required_on_create and desired.get(field.option) is None]

    def check_create(self, desired: Mapping[str, Any], now: Optional[datetime] = None) -> None:
        """Values a create refuses although an update may keep them (a start that has passed)."""
        check_create_values(self.fields, desired, now or utc_now())

    def is_whole(self, record: Mapping[str, Any]) -> bool:
        return any(record.get(element) is not None for element in self.detail_elements)

    def payload(self, desired: Mapping[str, Any]) -> Dict[str, Any]:
        """The XML payload of a create: every option the task set."""
        return Group(*self.fields).to_wire(desired)

    def update_payload(
        self, current: Mapping[str, Any], desired: Mapping[str, Any], changed: Sequence[str]
    ) -> Dict[str, Any]:
        """The XML payload of an update: the changed options, blocks the API may replace sent whole, lists kept
        (``purge_<option>: false``) as the items they miss; secrets only with ``update_password: always``."""
        chosen: Dict[str, Any] = {}
        for field in self.fields:
            if field.option not in changed:
                continue
            chosen[field.option] = desired[field.option]
            if field.keeps(desired):
                chosen[field.purge_option] = False
                chosen[field.option] = field.kind.missing(desired[field.option], current.get(field.option))
            elif isinstance(field.kind, Group) and field.kind.whole:
                chosen[field.option] = filled_values(
                    field.kind.fields, current.get(field.option), desired[field.option]
                )
        if desired.get(UPDATE_PASSWORD) != "always":
            chosen = without_secret_values(self.fields, chosen, SECRET_MARKER)
        return Group(*self.fields).to_wire(chosen)

    def held_back_hint(
        self, current: Mapping[str, Any], desired: Mapping[str, Any], changed: Sequence[str]
    ) -> Optional[str]:
        """Why a refused update may have needed a value the collection deliberately did not resend."""
        names = [
            name
            for field in self.fields
            if field.option in changed and isinstance(field.kind, Group) and field.kind.whole
            for name in held_back(
                field.kind.fields, current.get(field.option), desired[field.option], field.option + "."
            )
        ]
        if not names:
            return None
        return (
            "The update did not resend %s, which the task leaves unchanged (the server may refuse an old value);"
            " if the server needs it, set %s in the task to a new value." % (", ".join(names), " and ".join(names))
        )

    def normalise(self, record: Mapping[str, Any]) -> Dict[str, Any]:
        """A record from the server in the shape of the module's options."""
        return {field.option: field.read(record) for field in self.fields}

    def changes(self, desired: Mapping[str, Any], current: Mapping[str, Any]) -> List[str]:
        """The options whose value differs from the server's.

        Secrets are write-only: they are compared only with ``update_password: always``, and only where the server
        shows them in clear.
        """
        if not self.secrets:
            return changed_options(self.fields, desired, current)
        blind = changed_options(
            self.fields,
            without_secrets(self.fields, desired, SECRET_MARKER),
            without_secrets(self.fields, current, SECRET_MARKER),
        )
        if desired.get(UPDATE_PASSWORD) != "always":
            return blind
        shown = [
            option for option in changed_options(self.fields, desired, current) if not self._masked(option, current)
        ]
        return blind + [option for option in shown if option not in blind]

    def resent_secrets(
        self, desired: Mapping[str, Any], current: Mapping[str, Any], changed: Sequence[str]
    ) -> List[str]:
        """With ``update_password: always``, the unchanged options holding secrets that the server masks: they cannot
        be compared, so they are sent on every run, without being reported as a change."""
        if desired.get(UPDATE_PASSWORD) != "always":
            return []
        return [
            field.option
            for field in self.fields
            if field.option not in changed
            and desired.get(field.option) is not None
            and self._holds_secret(field.option, desired)
            and self._masked(field.option, current)
        ]

    def _holds_secret(self, option: str, state: Mapping[str, Any]) -> bool:
        one = {option: state.get(option)}
        return mask_secrets(self.fields, one, "<1>") != mask_secrets(self.fields, one, "<2>")

    def _masked(self, option: str, current: Mapping[str, Any]) -> bool:
        """Whether the server sent every secret of ``option`` masked; an option it holds no secret in counts as
        masked, since nothing of it can be compared."""
        one = {option: current.get(option)}
        return not self._holds_secret(option, current) or mask_secrets(self.fields, one, SERVER_MASK) == one

    def only(self, desired: Mapping[str, Any], options: Sequence[str]) -> Dict[str, Any]:
        """The values of ``options`` in ``desired``, with the ``purge_<option>`` flags that say how they apply."""
        chosen = {option: desired[option] for option in options}
        for field in self.fields:
            if field.purge and field.option in options:
                chosen[field.purge_option] = desired.get(field.purge_option)
        return chosen

    def predict(self, current: Optional[Mapping[str, Any]], desired: Mapping[str, Any]) -> Dict[str, Any]:
        """The state the server will hold once ``desired`` is applied (to nothing, for a create).

        What the server stamps on a write is unknown until it is read again, so it is predicted as null.
        """
        predicted = merge_values(self.fields, current if current is not None else blank(self.fields), desired)
        for field in self.fields:
            if field.stamped:
                predicted[field.option] = None
        return predicted

    def managed_view(self, state: Optional[Mapping[str, Any]], desired: Mapping[str, Any]) -> Dict[str, Any]:
        """Only the options the task manages (the diff shows nothing else), secrets hidden."""
        if state is None:
            return {}
        managed = {
            field.option: state.get(field.option) for field in self.fields if desired.get(field.option) is not None
        }
        return self.hide_secrets(managed)

    def as_options(self, state: Mapping[str, Any]) -> Dict[str, Any]:
        """A record in the shape of the module's options, to be given back to it: no read-only value, no secret."""
        return writable_values(self.fields, without_secrets(self.fields, state, SECRET_MARKER, whole=True))

    def hide_secrets(self, state: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
        return mask_secrets(self.fields, state, SECRET_MARKER)

    def describe(self, state: Mapping[str, Any]) -> str:
        """``option profile 'Weekly' (id 12)`` for messages."""
        words = [self.label]
        if state.get("name"):
            words.append(repr(state["name"]))
        if state.get("id") is not None:
            words.append("(id %s)" % state["id"])
        return " ".join(words)
