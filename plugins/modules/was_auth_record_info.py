#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_auth_record_info
short_description: Read Qualys WAS authentication records without exposing their secrets
version_added: 0.1.0
description:
  - Find Qualys Web Application Scanning authentication records by id, exact name, tags, kind of content or
    any search criteria, to audit them or to reference them from other tasks.
  - All selectors given are combined with AND. Without any selector, every record the API user may see is
    returned.
  - Reading N records costs one search per 1000 records, plus one call per record when O(details=true).
  - Secrets are never returned by default, whatever Qualys sends. Qualys itself sends them in clear only to
    users holding the C(View Password in Authentication Record) and C(View/download Selenium Script sensitive
    contents) permissions, and C(*****) to others; RV(auth_records[].secrets_masked) tells which happened.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.info_module
options:
  id:
    description:
      - Only the record with this id. A record that does not exist, or that the user may not see, gives an empty
        list, not an error.
    type: int
  name:
    description:
      - Only records with exactly this name (case-sensitive). Qualys does not enforce unique names, so several
        records may match.
    type: str
  tags:
    description:
      - Only records that carry at least one of these tags.
      - Each tag is an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name), as the
        module returns them. Names are resolved with one search; an unknown name fails the task.
    type: list
    elements: raw
  contents:
    description:
      - Only records that hold at least one of these kinds of authentication.
    type: list
    elements: str
    choices:
      - form_standard
      - form_custom
      - form_selenium
      - server_basic
      - server_digest
      - server_ntlm
      - certificate
      - oauth2_auth_code
      - oauth2_implicit
      - oauth2_password
      - oauth2_client_creds
  filters:
    description:
      - Further search criteria, passed to the Qualys search as they are, for fields the other options do not
        cover (for example C(createdDate), C(updatedDate), C(lastScan.date), C(lastScan.authStatus), C(isUsed)).
      - A criterion Qualys does not accept fails the task with Qualys's message.
    type: list
    elements: dict
    suboptions:
      field:
        description: The searchable field, as the Qualys API names it.
        type: str
        required: true
      operator:
        description:
          - How the field is compared with O(filters[].value); sent in upper case.
          - V(in) takes a list, or a comma-separated string; V(none) matches records without a value and takes
            no O(filters[].value).
        type: str
        choices: [equals, "not equals", contains, in, greater, lesser, none]
        default: equals
      value:
        description:
          - The value to compare with, as the API expects it (dates as C(2030-01-31T21:30:00Z)).
          - Required unless O(filters[].operator=none).
        type: raw
  details:
    description:
      - Read each record in full (form, server, OAuth2 and certificate settings, tag names, comments), at the
        cost of one more API call per record.
      - Without it, each record holds what the Qualys search returns - id, name, owner, dates and whether it
        has tags; the other keys are null.
    type: bool
    default: false
  return_secrets:
    description:
      - Return secrets exactly as Qualys sent them - in clear when the API user may see them, C(*****)
        otherwise - instead of replacing them with C(<hidden>).
      - The task then warns that it should set C(no_log=true), so that the secrets are neither logged nor
        displayed.
    type: bool
    default: false
notes:
  - Secrets are the passwords of server fields, the values of form fields that are marked secured or named
    C(password), the OAuth2 password and client secret, the certificate contents and passphrase, and the
    values typed by the C(type), C(typeKeys) and C(sendKeys) commands of Selenium scripts (the rest of a script
    stays readable).
seealso:
  - module: qualys.was.was_auth_record
  - module: qualys.was.was_web_app_info
"""

EXAMPLES = r"""
- name: Read one authentication record in full, secrets hidden
  qualys.was.was_auth_record_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    id: 761533
    details: true
  register: record

- name: Find the records of one name
  qualys.was.was_auth_record_info:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"
    name: Selenium with server authentication
  register: by_name

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: List every record of the subscription
      qualys.was.was_auth_record_info:
      register: all_records

    - name: Selenium and NTLM records tagged Production or 12017228, changed since 2024
      qualys.was.was_auth_record_info:
        tags:
          - Production
          - 12017228
        contents: [form_selenium, server_ntlm]
        filters:
          - field: updatedDate
            operator: greater
            value: "2024-01-01T00:00:00Z"
        details: true
      register: recent

    - name: Fail when the API user can read authentication record secrets in clear
      ansible.builtin.assert:
        that: recent.auth_records | selectattr('secrets_masked', 'false') | list | length == 0
        fail_msg: This API user can read passwords; use a user without the view-secret permissions.

    - name: Copy a record's secrets for a migration, keeping them out of logs
      qualys.was.was_auth_record_info:
        id: 762380
        details: true
        return_secrets: true
      no_log: true
      register: with_secrets
"""

RETURN = r"""
auth_records:
  description:
    - The selected records in ascending id order, each in the shape of the module's options plus read-only
      fields. Empty when none matches.
    - Secrets are replaced by C(<hidden>) unless O(return_secrets=true); in a Selenium script only the typed
      values are.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the record.
      type: int
      sample: 762380
    name:
      description: Name of the record.
      type: str
      sample: Selenium with server authentication
    form_record:
      description:
        - Form authentication. Null without O(details), or when the record has none.
      type: dict
      contains:
        type:
          description: V(standard), V(custom), V(selenium), or V(none).
          type: str
          sample: selenium
        ssl_only:
          description: Whether the credentials are only sent over HTTPS.
          type: bool
        selenium_script:
          description: The login script of a Selenium form record.
          type: dict
          contains:
            name:
              description: Name of the script.
              type: str
            data:
              description: The script in Selenese HTML; the values typed by its commands are secrets.
              type: str
            regex:
              description: The pattern that tells a successful login.
              type: str
              sample: selenium
        fields:
          description: Form fields of a standard or custom form record.
          type: list
          elements: dict
          contains:
            id:
              description: Id of the field.
              type: int
            name:
              description: Name of the form field.
              type: str
              sample: username
            secured:
              description: Whether Qualys treats the value as a password.
              type: bool
            value:
              description:
                - The value; a secret when RV(auth_records[].form_record.fields[].secured) is true or the field is named
                  C(password).
              type: str
    server_record:
      description:
        - Server (HTTP) authentication. Null without O(details), or when the record has none.
      type: dict
      contains:
        ssl_only:
          description: Whether the credentials are only sent over HTTPS.
          type: bool
        certificate:
          description: Client certificate; null when the record has none.
          type: dict
          contains:
            name:
              description: Name of the certificate.
              type: str
            contents:
              description: The certificate, a secret.
              type: str
            passphrase:
              description: Passphrase of the certificate, a secret.
              type: str
        fields:
          description: Server credentials.
          type: list
          elements: dict
          contains:
            id:
              description: Id of the credential.
              type: int
              sample: 731073
            type:
              description: V(basic), V(digest) or V(ntlm).
              type: str
              sample: ntlm
            domain:
              description: Domain or realm; null when not set.
              type: str
            username:
              description: User name.
              type: str
              sample: abc3
            password:
              description: The password, a secret.
              type: str
              sample: <hidden>
    oauth2_record:
      description:
        - OAuth2 authentication. Null without O(details), or when the record has none.
      type: dict
      contains:
        grant_type:
          description: V(none), V(auth_code), V(implicit), V(password) or V(client_creds).
          type: str
          sample: auth_code
        selenium_script:
          description:
            - The script that obtains the authorization (auth code and implicit grants), as in
              RV(auth_records[].form_record.selenium_script).
          type: dict
        redirect_url:
          description: Redirect URL of the client.
          type: str
        access_token_url:
          description: URL of the token endpoint.
          type: str
        username:
          description: Resource owner user name (password grant).
          type: str
        password:
          description: Resource owner password (password grant), a secret.
          type: str
        client_id:
          description: Client id.
          type: str
        client_secret:
          description: Client secret, a secret.
          type: str
        scope:
          description: Requested scope.
          type: str
        access_token_expired_msg_pattern:
          description: The pattern in a response that tells the access token has expired.
          type: str
    tags:
      description:
        - Tags, each with C(id) and C(name).
        - Without O(details), an empty list when the record has no tag and null when it has some, because the
          search only counts them.
      type: list
      elements: dict
      sample: [{"id": 12017424, "name": "Production"}]
    comments:
      description: Comment texts; null without O(details).
      type: list
      elements: str
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the record was created (UTC).
      type: str
      sample: "2018-12-31T06:30:24Z"
    created_by:
      description: Who created it; null without O(details).
      type: dict
    updated_date:
      description: When it was last changed (UTC).
      type: str
      sample: "2018-12-31T06:30:24Z"
    updated_by:
      description: Who changed it last; null without O(details).
      type: dict
    options:
      description:
        - The record in the shape of the options of M(qualys.was.was_auth_record), to be given back to it; without
          read-only values (ids, owner, dates) and without secrets, whatever O(return_secrets) says.
        - A secret is null; a Selenium script, which holds the typed secrets, is null too.
        - Without O(details), only C(name), and C(tags) and C(comments) as the search shows them.
      type: dict
      sample: {"name": "Shop login", "form_record": {"type": "standard", "ssl_only": true, "selenium_script": null,
               "fields": [{"name": "username", "secured": false, "value": "shopper"},
                          {"name": "password", "secured": true, "value": null}]},
               "server_record": null, "oauth2_record": null, "tags": [], "comments": []}
    secrets_masked:
      description:
        - V(true) when Qualys sent every secret of the record as C(*****), because the API user lacks the
          permissions to view them; V(false) when it sent at least one in clear.
        - Null when the record holds no secret value, which is always the case without O(details).
        - Computed from what Qualys sent, before secrets are hidden.
      type: bool
      sample: true
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.qualys.was.plugins.module_utils.auth_record_fields import DETAIL_ELEMENTS, FIELDS
from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, TAG
from ansible_collections.qualys.was.plugins.module_utils.fields import Choice, Integer, Text
from ansible_collections.qualys.was.plugins.module_utils.criteria import Selector
from ansible_collections.qualys.was.plugins.module_utils.info_options import run_info_module_with_options
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

RESOURCE = Resource(AUTH_RECORD, return_key="auth_records", fields=FIELDS, detail_elements=DETAIL_ELEMENTS)

CONTENTS = (
    "form_standard",
    "form_custom",
    "form_selenium",
    "server_basic",
    "server_digest",
    "server_ntlm",
    "certificate",
    "oauth2_auth_code",
    "oauth2_implicit",
    "oauth2_password",
    "oauth2_client_creds",
)

SELECTORS = [
    Selector("id", Integer()),
    Selector("name", Text(), exact=True),
    Selector("tags", Ref(TAG), field="tags.id", many=True),
    Selector("contents", Choice(*CONTENTS), many=True),
]


def main():
    run_info_module_with_options(RESOURCE, SELECTORS, details=True)


if __name__ == "__main__":
    main()
