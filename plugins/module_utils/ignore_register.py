# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The entries of a register of accepted risks: what each selects, why it is accepted, until when.

An entry selects findings by web app and QID, narrowed by URL and parameter, or one finding by its id, and gives the
reason and comment of their ignore. Qualys keeps no expiry that a client can set (the element of a timed ignore is
unknown, survey §8.1), so ``until`` is the collection's: after that day the entry no longer holds and its findings
are activated again. The date is also written at the end of the comment Qualys keeps (`` [until 2027-01-31]``), so
that whoever reads the finding in Qualys sees it, and a gathered register carries it back.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import trimmed
from ansible_collections.qualys.was.plugins.module_utils.finding_records import IGNORED_REASON
from ansible_collections.qualys.was.plugins.module_utils.references import reference_key

ENTRY_SPEC: Dict[str, Dict[str, Any]] = {
    "web_app": {"type": "raw"},
    "qid": {"type": "int"},
    "url": {"type": "str"},
    "param": {"type": "str"},
    "finding_id": {"type": "int"},
    "reason": {"type": "str", "choices": list(IGNORED_REASON.choices), "required": True},
    "comment": {"type": "str"},
    "until": {"type": "str"},
}
SELECTS_BY_ID = ("web_app", "qid", "url", "param")
ENTRY_RULES: Dict[str, Any] = {
    "required_one_of": [("finding_id", "web_app")],
    "required_together": [("web_app", "qid")],
    "mutually_exclusive": [("finding_id", option) for option in SELECTS_BY_ID],
}
# The end of a comment that carries an entry's expiry; the comment before it is the entry's own.
UNTIL_MARK = re.compile(r"^(?P<comment>.*?)\s*\[until (?P<until>\d{4}-\d{2}-\d{2})\]$", re.DOTALL)


def today() -> date:
    """The day by which expiries are judged: the controller's, in UTC (Qualys tells no date a client could use)."""
    return datetime.now(timezone.utc).date()


def parse_until(value: Optional[str], where: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError("%s.until must be a date written YYYY-MM-DD, got %r" % (where, value)) from None


def marked_comment(comment: Optional[str], until: Optional[date]) -> Optional[str]:
    """The comment as Qualys keeps it: trimmed, with the expiry at its end; None for none."""
    text = trimmed(comment) or ""
    if until is not None:
        text = ("%s [until %s]" % (text, until.isoformat())).strip()
    return text or None


def split_comment(kept: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """``marked_comment`` undone: the entry's comment and its ``until``, from the comment Qualys keeps."""
    if not kept:
        return None, None
    found = UNTIL_MARK.match(kept)
    if not found:
        return kept, None
    return found.group("comment") or None, found.group("until")


class Entry:
    """One validated entry, its web app resolved (``{id, name}``) before it is matched with findings."""

    def __init__(self, index: int, item: Mapping[str, Any]) -> None:
        self.index = index
        self.where = "config[%d]" % index
        self.finding_id: Optional[int] = item.get("finding_id")
        self.web_app: Any = item.get("web_app")
        self.qid: Optional[int] = item.get("qid")
        self.url: Optional[str] = trimmed(item.get("url"))
        self.param: Optional[str] = trimmed(item.get("param"))
        self.reason: str = item["reason"]
        self.until = parse_until(item.get("until"), self.where)
        self.comment = marked_comment(item.get("comment"), self.until)

    def expired(self, day: date) -> bool:
        return self.until is not None and day > self.until

    def key(self) -> tuple:
        """What the entry selects, as written: two entries with the same key are one entry given twice."""
        if self.finding_id is not None:
            return ("finding", self.finding_id)
        return ("web app", reference_key(self.web_app), self.qid, self.url, self.param)

    def selects(self, finding: Mapping[str, Any]) -> bool:
        """Whether the entry selects ``finding`` (a compact record). A URL means the finding's location, URL and
        parameter (none, when the entry gives none); a parameter alone, that parameter at any URL."""
        if self.finding_id is not None:
            return finding["id"] == self.finding_id
        if (finding["web_app"] or {}).get("id") != self.web_app["id"] or finding["qid"] != self.qid:
            return False
        if self.url is not None:
            return finding["url"] == self.url and finding["param"] == self.param
        return self.param is None or finding["param"] == self.param

    def selector(self) -> str:
        """What the entry selects, in words."""
        if self.finding_id is not None:
            return "finding %s" % self.finding_id
        web_app = self.web_app
        if isinstance(web_app, Mapping):
            web_app = web_app.get("name") or web_app.get("id")
        parts = ["web app %r" % (web_app,), "QID %s" % self.qid]
        parts += ["url %r" % self.url] if self.url is not None else []
        parts += ["param %r" % self.param] if self.param is not None else []
        return ", ".join(parts)

    def __str__(self) -> str:
        return "%s (%s)" % (self.where, self.selector())


def validated_entries(config: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
    """Each entry checked, and every one before any call: options, dates, references, entries given twice."""
    validator = ArgumentSpecValidator(ENTRY_SPEC, **ENTRY_RULES)
    items: List[Dict[str, Any]] = []
    seen: Dict[tuple, int] = {}
    for index, item in enumerate(config or ()):
        # The module's own validation has set every option left out to None; the rules count options given.
        result = validator.validate({option: value for option, value in item.items() if value is not None})
        if result.error_messages:
            raise ValidationError("config[%d]: %s" % (index, "; ".join(result.error_messages)))
        desired = {option: result.validated_parameters.get(option) for option in ENTRY_SPEC}
        entry = Entry(index, desired)
        if entry.web_app is not None and reference_key(entry.web_app) is None:
            raise ValidationError(
                "config[%d].web_app must be a web app id, a name, or a dictionary with id or name; got %r"
                % (index, entry.web_app)
            )
        if entry.key() in seen:
            raise ValidationError("config[%d] and config[%d] select the same findings" % (seen[entry.key()], index))
        seen[entry.key()] = index
        items.append(desired)
    return items


def ignore_payload(finding_id: Any, reason: str, comment: Optional[str]) -> Dict[str, Any]:
    """``data/Finding`` of an ignore, as the CISA production tool sends it to ``ignore/was/finding`` (survey §3.2)."""
    payload = {"id": finding_id, "ignoredReason": reason.upper()}
    if comment is not None:
        payload["ignoredComment"] = comment
    return payload


def gathered_entry(finding: Mapping[str, Any], web_app: Any, by_id: bool = False) -> Dict[str, Any]:
    """An ignored finding as the entry that keeps it as it is: by its location (web app, QID, URL and parameter)
    where it has one, else, or with ``by_id``, by its id."""
    comment, until = split_comment(finding["ignored_comment"])
    if by_id or finding["url"] is None:
        entry: Dict[str, Any] = {"finding_id": finding["id"]}
    else:
        entry = {"web_app": web_app, "qid": finding["qid"], "url": finding["url"]}
        if finding["param"] is not None:
            entry["param"] = finding["param"]
    entry["reason"] = finding["ignored_reason"]
    if comment is not None:
        entry["comment"] = comment
    if until is not None:
        entry["until"] = until
    return entry
