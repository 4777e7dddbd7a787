#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: was_auth_record
short_description: Manage Qualys WAS authentication records, whose secrets are write-only
version_added: 0.2.0
description:
  - Create, update and delete Qualys Web Application Scanning authentication records - form records (standard,
    custom fields, Selenium script), server records (basic, digest, NTLM, with a domain), OAuth2 records and
    client certificates - with their tags and comments.
  - Only the options a task sets are compared and sent. Lists given (form fields, server fields, tags, comments)
    are authoritative, sent whole and compared without regard to order; with O(purge_tags=false) or
    O(purge_comments=false) the items missing are added and the others kept.
  - Secrets (passwords, secured form field values, the OAuth2 password and client secret, certificate contents
    and passphrase, and the values a Selenium script types) are write-only. Qualys shows them in clear to users
    holding the C(View Password in Authentication Record) and C(View/download Selenium Script sensitive contents)
    permissions and as C(*****) to others, so O(update_password) decides when they are sent.
  - An unchanged record costs one search, plus one C(get) where the search answers with a summary of the record
    (the recorded answers to searches without C(verbose) are summaries; the search asks for C(verbose)). A change
    costs one write more; each distinct tag name one search, ids nothing. The state after an update is predicted
    from that read, because Qualys answers an update with the id alone.
author:
  - qualys.was maintainers (!UNKNOWN)
extends_documentation_fragment:
  - qualys.was.connection
  - qualys.was.state
attributes:
  check_mode:
    support: full
    description: Nothing is written; the result shows the record as it would be, secrets hidden.
  diff_mode:
    support: full
    description: Before and after of the options the task sets, secrets replaced by C(<hidden>).
  action_group:
    description: Use C(group/qualys.was.was) in C(module_defaults) to set the connection options once.
    support: full
    membership: [qualys.was.was]
options:
  name:
    description:
      - Name of the record. Identifies the record when O(id) is not given.
      - Qualys does not require names to be unique; when several records share the name, the task fails and lists
        their ids, to be given as O(id).
      - With O(id), a different name renames the record. Required to create a record.
    type: str
  update_password:
    description:
      - V(on_create) sends secrets only when the task creates the record; afterwards they are neither compared nor
        sent, except inside a list of form or server fields, or a Selenium script, that changes for another reason
        and is sent whole, since Qualys replaces it whole.
      - V(always) sends them on every run. A secret Qualys shows in clear is compared, and the task changes only
        when it differs; a masked one is sent on every run without being reported as a change, since it cannot be
        compared.
    type: str
    choices: [always, on_create]
    default: on_create
  form_record:
    description:
      - Form authentication. O(form_record.type=none) removes it, as Qualys documents for moving a record to
        OAuth2.
    type: dict
    suboptions:
      type:
        description:
          - V(standard) fills the login form's user name and password fields, V(custom) the O(form_record.fields)
            given, V(selenium) runs O(form_record.selenium_script); V(none) removes the form record.
          - V(standard) and V(custom) need O(form_record.fields), V(selenium) needs O(form_record.selenium_script).
        type: str
        choices: [standard, custom, selenium, none]
      ssl_only:
        description: Whether the credentials are only sent over HTTPS.
        type: bool
      selenium_script:
        description: The login script of a Selenium form record.
        type: dict
        suboptions:
          name:
            description: Name of the script.
            type: str
          data:
            description:
              - The script in Selenese HTML. The values its C(type), C(typeKeys) and C(sendKeys) commands type are
                secrets, never shown; the rest of the script is compared.
            type: str
          regex:
            description: The pattern in a page that tells a successful login.
            type: str
      fields:
        description:
          - The form fields and their values. The list is authoritative and sent whole.
          - A value is a secret while its field is secured or named C(password).
        type: list
        elements: dict
        suboptions:
          name:
            description: Name of the form field, for example C(username).
            type: str
          secured:
            description: Whether Qualys treats the value as a password.
            type: bool
          value:
            description: The value typed into the field; not logged, and never shown while it is a secret.
            type: str
  server_record:
    description: Server (HTTP) authentication, and the client certificate.
    type: dict
    suboptions:
      ssl_only:
        description: Whether the credentials are only sent over HTTPS.
        type: bool
      certificate:
        description: A client certificate.
        type: dict
        suboptions:
          name:
            description: Name of the certificate.
            type: str
          contents:
            description: The certificate (PEM), a secret, never shown.
            type: str
          passphrase:
            description: Passphrase of the certificate, a secret, never shown.
            type: str
      fields:
        description: Server credentials. The list is authoritative and sent whole.
        type: list
        elements: dict
        suboptions:
          type:
            description: The HTTP authentication scheme.
            type: str
            choices: [basic, digest, ntlm]
          domain:
            description: Domain (NTLM) or realm.
            type: str
          username:
            description: User name.
            type: str
          password:
            description: The password, a secret, never shown.
            type: str
  oauth2_record:
    description:
      - OAuth2 authentication. O(oauth2_record.grant_type=none) removes it.
      - The auth code and implicit grants need O(oauth2_record.selenium_script), which obtains the authorization;
        the password grant needs O(oauth2_record.access_token_url), O(oauth2_record.username) and
        O(oauth2_record.password).
    type: dict
    suboptions:
      grant_type:
        description: The OAuth2 grant; V(none) removes the OAuth2 record.
        type: str
        choices: [none, auth_code, implicit, password, client_creds]
      selenium_script:
        description:
          - The script that obtains the authorization (auth code and implicit grants). It may type the placeholders
            C(@@authusername@@) and C(@@authpassword@@).
        type: dict
        suboptions:
          name:
            description: Name of the script.
            type: str
          data:
            description: The script in Selenese HTML; the values it types are secrets, never shown.
            type: str
          regex:
            description: The pattern in a page that tells a successful login.
            type: str
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
        description: Resource owner password (password grant), a secret, never shown.
        type: str
      client_id:
        description: Client id.
        type: str
      client_secret:
        description: Client secret, a secret, never shown.
        type: str
      scope:
        description: Requested scope.
        type: str
      access_token_expired_msg_pattern:
        description: The pattern in a response that tells the access token has expired.
        type: str
  tags:
    description:
      - Tags of the record, each an id, an exact (case-sensitive) name, or a dictionary with C(id) or C(name).
        Names are resolved with one search each.
      - Users who have one of the tags in their scope may use the record.
    type: list
    elements: raw
  purge_tags:
    description:
      - Whether tags the record has and O(tags) does not list are removed. With V(false), the missing tags are
        added and the others kept.
    type: bool
    default: true
  comments:
    description: Comments on the record.
    type: list
    elements: str
  purge_comments:
    description:
      - Whether comments the record has and O(comments) does not list are removed. With V(false), the missing
        comments are added and the others kept.
    type: bool
    default: true
notes:
  - Every secret option is C(no_log); results and diffs show C(<hidden>) in place of a secret, as
    M(qualys.was.was_auth_record_info) does. A form field's O(form_record.fields[].value) is C(no_log) whatever
    it holds, so Ansible also masks a user name given there wherever it appears in the task's output.
  - The rules of each OAuth2 grant and form type are checked before any API call.
seealso:
  - module: qualys.was.was_auth_record_info
  - module: qualys.was.was_web_app
"""

EXAMPLES = r"""
- name: A standard form login for the shop
  qualys.was.was_auth_record:
    platform: US1
    username: "{{ qualys_username }}"
    password: "{{ qualys_password }}"  # a vault variable, never a literal: a failed task prints its source lines
    name: Shop login
    form_record:
      type: standard
      ssl_only: true
      fields:
        - name: username
          value: scanner
        - name: password
          secured: true
          value: "{{ shop_scanner_password }}"
    tags:
      - Production

- name: Connection options once for the whole play, from AWX-injected environment variables
  module_defaults:
    group/qualys.was.was:
      api_url: "{{ lookup('ansible.builtin.env', 'QUALYS_API_URL') }}"
  block:
    - name: NTLM and basic server logins, their passwords sent on every run
      qualys.was.was_auth_record:
        name: Intranet server login
        update_password: always
        server_record:
          ssl_only: false
          fields:
            - type: ntlm
              domain: CORP
              username: scanner
              password: "{{ intranet_password }}"
            - type: basic
              username: scanner
              password: "{{ intranet_password }}"

    - name: An OAuth2 password grant, tagged without removing the record's other tags
      qualys.was.was_auth_record:
        name: API login
        oauth2_record:
          grant_type: password
          access_token_url: https://api.example.com/oauth/token
          username: scanner
          password: "{{ api_password }}"
          client_id: was-scanner
          client_secret: "{{ api_client_secret }}"
          scope: read
        tags: [Production]
        purge_tags: false

    - name: Move a record from a form login to a client certificate
      qualys.was.was_auth_record:
        name: Partner portal login
        form_record:
          type: none
        server_record:
          certificate:
            name: partner-portal
            contents: "{{ lookup('ansible.builtin.file', 'partner.pem') }}"
            passphrase: "{{ partner_passphrase }}"

    - name: Remove a record nobody uses any more
      qualys.was.was_auth_record:
        name: Legacy login
        state: absent
"""

RETURN = r"""
auth_record:
  description:
    - The record after the task, in the shape of the module's options plus read-only fields, secrets replaced
      by C(<hidden>).
    - Predicted from the read and the change after an update, and in check mode.
    - Empty when the record is absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the record; null for a record that check mode would create.
      type: int
      sample: 761533
    name:
      description: Name of the record.
      type: str
      sample: Shop login
    form_record:
      description:
        - Form authentication, with the suboptions of O(form_record); each of C(fields) also has the C(id)
          Qualys numbered it with. Null when the record has none.
      type: dict
    server_record:
      description:
        - Server authentication and certificate, with the suboptions of O(server_record); each of C(fields)
          also has its C(id). Null when the record has none.
      type: dict
    oauth2_record:
      description: OAuth2 authentication, with the suboptions of O(oauth2_record). Null when the record has none.
      type: dict
    tags:
      description: Tags, each with C(id) and C(name).
      type: list
      elements: dict
      sample: [{"id": 12017424, "name": "Production"}]
    comments:
      description: Comment texts.
      type: list
      elements: str
    owner:
      description: The owning user, with C(id), C(username), C(first_name), C(last_name).
      type: dict
    created_date:
      description: When the record was created (UTC).
      type: str
    created_by:
      description: Who created it.
      type: dict
    updated_date:
      description: When it was last changed (UTC).
      type: str
    updated_by:
      description: Who changed it last.
      type: dict
deleted_ids:
  description:
    - Ids of the records a O(state=absent) task deleted, or would delete in check mode; several with
      O(all_with_name=true).
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [761533]
api_calls:
  description: Number of Qualys API calls the task made, retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.qualys.was.plugins.module_utils.auth_record_fields import RESOURCE
from ansible_collections.qualys.was.plugins.module_utils.one_object import run_resource_module


def main():
    run_resource_module(RESOURCE)


if __name__ == "__main__":
    main()
