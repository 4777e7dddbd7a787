# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field table of a WAS authentication record: every option, where it lives in the XML, and the API's rules.

Shared by the was_auth_record and was_auth_record_info modules, which document it. Element names and enumerations
follow the webappauthrecord.xsd bindings (reference section 4.3), the create/update/get pages of the API docs and
seed 003.
"""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, TAG
from ansible_collections.qualys.was.plugins.module_utils.fields import Boolean, Choice, Field, Group, Integer, Text
from ansible_collections.qualys.was.plugins.module_utils.record_kinds import ListedItems, SecretWhen, SeleneseScript
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

SELENIUM_SCRIPT = Group(
    Field("name", Text()),
    Field("data", SeleneseScript(), secret=True),
    Field("regex", Text()),
)


def _secured(form_field):
    # Standard form records name their password field "password" and may not mark it secured.
    return bool(form_field.get("secured")) or (form_field.get("name") or "").lower() == "password"


# update_auth.htm, sample 2: a form record sent with type NONE is removed (how a record moves to OAuth2).
FORM_RECORD = Group(
    Field("type", Choice("standard", "custom", "selenium", "none")),
    Field("ssl_only", Boolean()),
    Field("selenium_script", SELENIUM_SCRIPT),
    Field(
        "fields",
        ListedItems(
            SecretWhen(
                Field("id", Integer(), read_only=True),
                Field("name", Text()),
                Field("secured", Boolean()),
                # A secret while the field is secured; kept out of logs whatever it holds.
                Field("value", Text(), no_log=True),
                secret="value",
                when=_secured,
            ),
            item="WebAppAuthFormRecordField",
        ),
        secret=True,
    ),
    removed_by=("type", "none"),
)

SERVER_RECORD = Group(
    Field("ssl_only", Boolean()),
    Field(
        "certificate",
        Group(
            Field("name", Text()),
            Field("contents", Text(), secret=True),
            Field("passphrase", Text(), secret=True),
        ),
    ),
    Field(
        "fields",
        ListedItems(
            Group(
                Field("id", Integer(), read_only=True),
                Field("type", Choice("basic", "digest", "ntlm")),
                Field("domain", Text()),
                Field("username", Text()),
                Field("password", Text(), secret=True),
            ),
            item="WebAppAuthServerRecordField",
        ),
    ),
)

OAUTH2_GRANTS = ("auth_code", "implicit", "password", "client_creds")

# Like the form record, an OAuth2 record sent with grant type NONE is removed (update_auth.htm).
OAUTH2_RECORD = Group(
    Field("grant_type", Choice("none", *OAUTH2_GRANTS)),
    Field("selenium_script", SELENIUM_SCRIPT),
    Field("redirect_url", Text()),
    # Names with "token" in them, but no secret.
    Field("access_token_url", Text(), no_log=False),
    Field("username", Text()),
    Field("password", Text(), secret=True),
    Field("client_id", Text()),
    Field("client_secret", Text(), secret=True),
    Field("scope", Text()),
    Field("access_token_expired_msg_pattern", Text(), no_log=False),
    removed_by=("grant_type", "none"),
)

FIELDS = [
    Field("name", Text(), required_on_create=True),
    Field("form_record", FORM_RECORD),
    Field("server_record", SERVER_RECORD),
    Field("oauth2_record", OAUTH2_RECORD),
    Field("tags", ListedItems(Ref(TAG), item="Tag"), purge=True),
    Field("comments", ListedItems(Text(), item="Comment", key="contents"), purge=True),
]

# A record holds a form, server or OAuth2 part; the search summary shows none of them (recorded sample).
DETAIL_ELEMENTS = ["formRecord", "serverRecord", "oauth2Record"]

# What each grant type cannot do without (create_auth.htm): a script that obtains the authorization, or the
# token URL and the resource owner's credentials. The page is cut short before the client credentials grant.
GRANT_NEEDS = {
    "auth_code": ("selenium_script",),
    "implicit": ("selenium_script",),
    "password": ("access_token_url", "username", "password"),
}

# What each form type cannot do without: a Selenium record its script, the others their form fields.
FORM_NEEDS = {"selenium": "selenium_script", "standard": "fields", "custom": "fields"}


def grant_has_what_it_needs(desired):
    oauth2 = desired.get("oauth2_record") or {}
    missing = [option for option in GRANT_NEEDS.get(oauth2.get("grant_type"), ()) if oauth2.get(option) is None]
    if missing:
        return "oauth2_record.grant_type %s needs oauth2_record.%s." % (
            oauth2["grant_type"],
            " and oauth2_record.".join(missing),
        )
    return None


def form_has_what_it_needs(desired):
    form = desired.get("form_record") or {}
    needed = FORM_NEEDS.get(form.get("type"))
    if needed and not form.get(needed):
        return "form_record.type %s needs form_record.%s." % (form["type"], needed)
    return None


RESOURCE = Resource(
    AUTH_RECORD,
    return_key="auth_record",
    fields=FIELDS,
    detail_elements=DETAIL_ELEMENTS,
    rules=[grant_has_what_it_needs, form_has_what_it_needs],
)
