# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
import xmltodict

from ansible_collections.qualys.was.plugins.module_utils.fields import Boolean, Field, Integer, Text, mask_secrets
from ansible_collections.qualys.was.plugins.module_utils.record_kinds import ListedItems, SecretWhen, SeleneseScript

MARKER = "<hidden>"


def element(xml):
    """The content of one XML element as the codec hands it to a kind."""
    return next(iter(xmltodict.parse(xml).values()))


FORM_FIELD = SecretWhen(
    Field("name", Text()),
    Field("secured", Boolean()),
    Field("value", Text()),
    secret="value",
    when=lambda field: bool(field.get("secured")),
)
FORM_FIELDS = ListedItems(FORM_FIELD, item="Field")


@pytest.mark.parametrize(
    "xml, expected",
    [
        ("<tags><count>0</count></tags>", []),
        ("<tags><count>2</count></tags>", None),  # a summary counts the items without listing them
        ("<tags><count>1</count><list><Tag><id>7</id></Tag></list></tags>", [7]),
        ("<tags></tags>", None),
    ],
)
def test_listed_items_are_null_unless_listed(xml, expected):
    assert ListedItems(Integer(), item="Tag", key="id").from_wire(element(xml)) == expected


def test_listed_items_absent_from_the_response_are_null():
    assert ListedItems(Integer(), item="Tag").from_wire(None) is None


def test_a_secret_list_hides_each_item_with_its_own_kind():
    fields = [Field("fields", FORM_FIELDS, secret=True)]
    state = {
        "fields": [
            {"name": "user", "secured": False, "value": "alice-not-secret"},
            {"name": "pin", "secured": True, "value": "pin-is-secret-4711"},
            {"name": "empty", "secured": True, "value": None},
        ]
    }
    assert mask_secrets(fields, state, MARKER) == {
        "fields": [
            {"name": "user", "secured": False, "value": "alice-not-secret"},
            {"name": "pin", "secured": True, "value": MARKER},
            {"name": "empty", "secured": True, "value": None},
        ]
    }
    assert state["fields"][1]["value"] == "pin-is-secret-4711"  # the original is left as it was


def test_children_marked_secret_are_hidden_whatever_the_condition():
    kind = SecretWhen(
        Field("token", Text(), secret=True), Field("value", Text()), secret="value", when=lambda group: False
    )
    assert kind.hide({"token": "t-secret-1", "value": "shown"}, MARKER) == {"token": MARKER, "value": "shown"}


SCRIPT = """<table>
<thead><tr><td rowspan="1" colspan="3">Login</td></tr></thead>
<tbody>
<tr><td>open</td><td>@@webappURL@@</td><td></td></tr>
<tr><td>type</td><td>name=username</td><td>script-user-secret</td></tr>
<tr>
  <td>type</td>
  <td>name=password</td>
  <td>  script-pass-secret  </td>
</tr>
<TR><TD class="x">sendKeys</TD><TD>id=otp</TD><TD>otp-secret-99</TD></TR>
<tr><td>typeAndWait</td><td>id=pin</td><td>pin-secret-12</td></tr>
<tr><td>type</td><td>name=nothing</td><td></td></tr>
<tr><td>assertText</td><td>css=h1</td><td>Welcome</td></tr>
<tr><td>click</td><td>name=Login</td><td></td></tr>
</tbody>
</table>"""


def test_selenese_hides_only_the_values_typed_into_the_page():
    hidden = SeleneseScript().hide(SCRIPT, MARKER)
    for secret in ("script-user-secret", "script-pass-secret", "otp-secret-99", "pin-secret-12"):
        assert secret not in hidden
    assert hidden.count("&lt;hidden&gt;") == 4  # escaped: the script is HTML
    assert "<td>name=username</td><td>&lt;hidden&gt;</td>" in hidden
    assert "<td>  &lt;hidden&gt;  </td>" in hidden  # the layout around the value is kept
    # commands, locators and the values of other commands stay readable
    for kept in ("@@webappURL@@", "name=password", "id=otp", "<td>Welcome</td>", "name=Login", 'colspan="3">Login'):
        assert kept in hidden
    assert "<td>name=nothing</td><td></td>" in hidden  # nothing typed, nothing to hide


def test_selenese_without_typed_values_is_unchanged():
    script = "<table><tr><td>open</td><td>/</td><td></td></tr><tr><td>click</td><td>id=go</td></tr></table>"
    assert SeleneseScript().hide(script, MARKER) == script
