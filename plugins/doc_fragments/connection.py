# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the Qualys API server, for example C(https://qualysapi.qg2.apps.qualys.com) or the
        URL of a private cloud platform.
      - Precedence, highest first - O(api_url), O(platform), the environment variable E(QUALYS_API_URL),
        the environment variable E(QUALYS_PLATFORM).
      - Mutually exclusive with O(platform).
    type: str
  platform:
    description:
      - The shared Qualys platform that holds the account; selects its API server.
      - Mutually exclusive with O(api_url). See O(api_url) for the precedence of the environment variables.
    type: str
    choices: [AE1, AU1, CA1, EU1, EU2, EU3, IN1, KSA1, UK1, US1, US2, US3, US4]
  auth_method:
    description:
      - How every call of the task authenticates.
      - V(basic) sends O(username) and O(password) with each call (HTTP Basic).
      - V(oidc) gets one token from the Qualys gateway's C(/auth/oidc) for O(client_id) and O(client_secret) at
        the task's first call, and sends it as a C(Bearer) token with every call of the task. A call whose
        token is refused (it expired, or was revoked) gets a new token once and is repeated; the token call counts
        in RV(ignore:api_calls). The token is never shown.
      - If not set, the environment variable E(QUALYS_AUTH_METHOD) is used.
    type: str
    choices: [basic, oidc]
    default: basic
  username:
    description:
      - Qualys user name. The user needs the C(API Access) permission and the WAS permissions of the task.
      - If not set, the environment variable E(QUALYS_USERNAME) is used. One of the two is required by every task
        that calls the API with O(auth_method=basic).
    type: str
  password:
    description:
      - Password of O(username). Never shown in output, diffs or error messages.
      - If not set, the environment variable E(QUALYS_PASSWORD) is used. One of the two is required by every task
        that calls the API with O(auth_method=basic).
    type: str
  client_id:
    description:
      - Client ID of a user-level client, made in WAS under C(My Profile > Auth ID Client Management); the WAS
        API accepts only user-level clients. Used with O(auth_method=oidc).
      - If not set, the environment variable E(QUALYS_CLIENT_ID) is used. One of the two is required with
        O(auth_method=oidc).
    type: str
  client_secret:
    description:
      - Client secret key of O(client_id). Never shown in output, diffs or error messages.
      - If not set, the environment variable E(QUALYS_CLIENT_SECRET) is used. One of the two is required with
        O(auth_method=oidc).
    type: str
  gateway_url:
    description:
      - Base URL of the Qualys gateway that issues tokens, used with O(auth_method=oidc).
      - By default derived from the API server as Qualys's own integrations derive it, for example
        C(https://gateway.qg2.apps.qualys.com) for O(platform=US2), C(https://gateway.qg1.apps.qualys.com) for
        O(platform=US1), and C(qualysgateway.) in place of C(qualysapi.) for a private cloud platform.
      - If not set, the environment variable E(QUALYS_GATEWAY_URL) is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the API server. Only set to V(false) against a test server.
      - If not set, the environment variable E(QUALYS_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle (PEM) to verify the API server's certificate with, instead of the system's.
      - If not set, the environment variable E(QUALYS_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each API response.
      - If not set, the environment variable E(QUALYS_TIMEOUT) is used.
    type: int
    default: 30
  retries:
    description:
      - How many times a call is repeated after a rate-limit or concurrency-limit answer (HTTP 409 or 429),
        and a read after a connection error, timeout or server error. The wait honours
        C(X-RateLimit-ToWait-Sec) and C(Retry-After); a task never waits more than 120 seconds in all.
      - A write whose outcome is unknown is never repeated blindly; a create first looks for the object.
      - If not set, the environment variable E(QUALYS_RETRIES) is used.
    type: int
    default: 3
notes:
  - Every module of the collection belongs to the action group C(qualys.was.was), so the connection options
    can be set once with C(module_defaults) and C(group/qualys.was.was).
requirements:
  - requests
  - xmltodict
"""
