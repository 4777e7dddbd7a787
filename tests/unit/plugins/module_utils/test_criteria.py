# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.criteria import (
    DateSelector,
    Selector,
    filters_spec,
    generic_criteria,
)
from ansible_collections.qualys.was.plugins.module_utils.endpoints import TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Choice, Text
from ansible_collections.qualys.was.plugins.module_utils.references import Ref


def test_a_selector_sends_its_value_as_the_api_spells_it():
    assert Selector("kinds", Choice("form_standard"), field="contents", many=True).criterion(
        ["form_standard"]
    ) == Criterion("contents", "IN", ["FORM_STANDARD"])
    assert Selector("tag", Ref(TAG)).criterion({"id": 5, "name": "P"}) == Criterion("tag", "EQUALS", 5)
    assert Selector("owner_name", Text()).field == "ownerName"


def test_a_date_selector_compares_with_its_operator():
    since = DateSelector("created_since", "createdDate", "GREATER")
    assert since.kind.spec()["type"] == "str"
    assert since.criterion("2026-12-01T00:00:00Z") == Criterion("createdDate", "GREATER", "2026-12-01T00:00:00Z")


def test_raw_filters_are_sent_in_the_apis_case_and_offered_with_their_operators():
    criteria = generic_criteria(
        [
            {"field": "id", "operator": "in", "value": [1, 2]},
            {"field": "lastScan.date", "operator": "none", "value": None},
        ]
    )
    assert criteria == [Criterion("id", "IN", [1, 2]), Criterion("lastScan.date", "NONE", "")]
    assert generic_criteria(None) == []
    assert "not equals" in filters_spec()["options"]["operator"]["choices"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"field": "name", "operator": "equals", "value": None}, r"filters\[0\]\.value is required"),
        ({"field": "name", "operator": "in", "value": [[1]]}, r"filters\[0\]\.value must be a value"),
    ],
)
def test_a_raw_filter_without_a_usable_value_is_refused(entry, message):
    with pytest.raises(ValidationError, match=message):
        generic_criteria([entry])
