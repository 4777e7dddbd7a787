# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field table of a WAS web application: every option, where it lives in the XML, and the API's rules.

Shared by the was_web_app and was_web_app_info modules, which document it. Elements, enumerations and collections
are those of webapp.xsd (reference ``xsd/webapp.xsd``); the ``set`` idiom and the ``regex`` attribute of URL entries
are those of the recorded update (sample webapp-update-paragbaxi-1).
"""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.endpoints import AUTH_RECORD, OPTION_PROFILE, TAG, WEB_APP
from ansible_collections.qualys.was.plugins.module_utils.fields import Boolean, Choice, Field, Group, Items, Text
from ansible_collections.qualys.was.plugins.module_utils.record_kinds import ListedItems
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

# webapp.xsd UrlEntry: CDATA text with an optional regex attribute, false by default.
URL_ENTRY = Group(
    Field("url", Text(), wire="#text", required=True),
    Field("regex", Boolean(absent=False), wire="@regex"),
)


def url_entries(option: str) -> Field:
    return Field(option, Items(URL_ENTRY, item="UrlEntry"), purge=True)


def texts(option: str, item: str) -> Field:
    return Field(option, Items(Text(), item=item), purge=True)


FIELDS = [
    Field("name", Text(), required_on_create=True),
    Field("url", Text(), required_on_create=True),
    # webapp.xsd: ALL (the default), LIMIT (the URL's path), SUBDOMAIN (subDomain) or DOMAINS (domains).
    Field("scope", Choice("all", "limit", "subdomain", "domains")),
    Field("sub_domain", Text()),
    texts("domains", "Domain"),
    texts("uris", "Url"),
    # A search summary only counts the tags (samples webapp-search-jupiterone-2 and -11).
    Field("tags", ListedItems(Ref(TAG), item="Tag"), purge=True),
    Field("default_profile", Ref(OPTION_PROFILE)),
    Field(
        "default_scanner",
        Group(Field("type", Choice("external", "internal"), required=True), Field("friendly_name", Text())),
    ),
    Field("default_scanner_tags", Items(Ref(TAG), item="Tag"), purge=True),
    Field("auth_records", Items(Ref(AUTH_RECORD), item="WebAppAuthRecord"), purge=True),
    # webapp.xsd WebAppConfig holds the default record.
    Field("default_auth_record", Ref(AUTH_RECORD), wire="config.defaultAuthRecord"),
    url_entries("url_blacklist"),
    url_entries("url_whitelist"),
    url_entries("post_data_blacklist"),
    url_entries("logout_regex_list"),
    texts("headers", "WebAppHeader"),
    # webapp.xsd Attribute: a custom attribute's name and value.
    Field("attributes", Items(Group(Field("name", Text()), Field("value", Text())), item="Attribute"), purge=True),
    Field("use_robots", Choice("ignore", "add_paths", "blacklist")),
    Field("use_sitemap", Boolean()),
    Field("malware_monitoring", Boolean()),
    Field("comments", Items(Text(), item="Comment", key="contents"), purge=True),
]

# A whole web app carries the settings webapp.xsd gives defaults to; a search summary shows none of them
# (samples webapp-search-jupiterone-2 and -11).
DETAIL_ELEMENTS = ["scope", "useRobots", "useSitemap"]

# What each scope cannot do without.
SCOPE_NEEDS = {"subdomain": "sub_domain", "domains": "domains"}


def scope_has_what_it_needs(desired):
    needed = SCOPE_NEEDS.get(desired.get("scope"))
    if needed and not desired.get(needed):
        return "scope %s needs %s." % (desired["scope"], needed)
    return None


RESOURCE = Resource(
    WEB_APP,
    return_key="web_app",
    fields=FIELDS,
    detail_elements=DETAIL_ELEMENTS,
    rules=[scope_has_what_it_needs],
)
