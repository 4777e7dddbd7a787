# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Search results: matching records in ascending id order, cut into pages by ``preferences``.

The records come as an iterable in ascending id order and are read only as far as the page and one more, so that
a page of a search over 100,000 findings costs what the page costs.

Both real paginations work: ``id GREATER lastId`` (a criterion) and ``startFromOffset`` (1-based), and
``startFromId`` starts at that id. ``hasMoreRecords`` tells whether records follow the page; ``lastId``
is given only then, as in samples webapp-search-jupiterone-7 and -9.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

from .errors import invalid_request
from .store import Record

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Page:
    records: List[Record]
    has_more: bool
    last_id: Optional[int]


def _preference(preferences: Dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = preferences.get(name, default)
    if not low <= value <= high:
        raise invalid_request(
            f"Invalid value for preferences/{name} ({value}).", f"Specify {name} between {low} and {high}."
        )
    return value


def paginate(records: Iterable[Record], preferences: Dict[str, Any]) -> Page:
    """``records`` in ascending id order."""
    limit = _preference(preferences, "limitResults", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _preference(preferences, "startFromOffset", 1, 1, 2**31 - 1)
    ordered = iter(records)
    if "startFromId" in preferences:
        ordered = (record for record in ordered if record["id"] >= preferences["startFromId"])
    skipped = offset - 1
    window = list(itertools.islice(ordered, skipped, skipped + limit + 1))
    page = window[:limit]
    has_more = len(window) > limit
    return Page(page, has_more, page[-1]["id"] if has_more else None)
