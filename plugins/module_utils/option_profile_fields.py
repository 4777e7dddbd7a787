# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The field table of a WAS option profile: every option, where it lives in the XML, and the API's rules.

Shared by the was_option_profile and was_option_profiles modules, which document it.
"""

from __future__ import annotations

from ansible_collections.qualys.was.plugins.module_utils.endpoints import OPTION_PROFILE, TAG
from ansible_collections.qualys.was.plugins.module_utils.fields import (
    Boolean,
    Choice,
    Field,
    Group,
    Integer,
    Items,
    Text,
)
from ansible_collections.qualys.was.plugins.module_utils.references import Ref
from ansible_collections.qualys.was.plugins.module_utils.resource import Resource

RESOURCE = Resource(
    OPTION_PROFILE,
    return_key="option_profile",
    fields=[
        Field("name", Text(), required_on_create=True),
        Field("is_default", Boolean(), read_only=True),
        Field("tags", Items(Ref(TAG), item="Tag")),
        Field("comments", Items(Text(), item="Comment", key="contents")),
        Field("form_submission", Choice("none", "post", "get", "both")),
        Field("bruteforce_option", Choice("disabled", "minimal", "limited", "exhaustive")),
        Field("max_crawl_requests", Integer(minimum=1)),
        # Scan intensity levels of the product (scan_performance.htm); LOWEST and MAXIMUM are inferred spellings.
        Field("performance", Choice("lowest", "low", "medium", "high", "maximum"), clears=["custom_performance"]),
        Field(
            "custom_performance",
            Group(
                Field("num_of_http_threads", Integer(1, 10), required=True),
                Field("delay_between_requests", Integer(0, 2000), required=True),
            ),
            clears=["performance"],
        ),
        Field("timeout_error_threshold", Integer(minimum=0)),
        Field("unexpected_error_threshold", Integer(minimum=0)),
        Field("ignore_binary_files", Boolean()),
        Field("smart_scan_support", Boolean()),
        Field("smart_scan_depth", Integer(minimum=1)),
        Field(
            "sensitive_content",
            Group(Field("credit_card_number", Boolean()), Field("social_security_number", Boolean())),
        ),
        Field("parameter_set", Integer(minimum=0), wire="parameterSet.id"),
    ],
    # A whole profile carries its scan settings (seed 003's get shows these three); a search summary none of them.
    detail_elements=["smartScanSupport", "bruteforceOption", "performance", "customPerformance", "formSubmission"],
    mutually_exclusive=[("performance", "custom_performance")],
)
