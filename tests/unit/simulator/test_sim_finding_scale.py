# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Many findings (README "Findings", "Many findings"): ``POST /_sim/findings`` and the paging of searches over
them, both ways Qualys pages (``id GREATER lastId`` as aegis and Elastic page findings, ``startFromOffset`` as
documented), and a search that reads no more records than its page needs. 20,000 findings here (5,000 walked
page by page); 100,000 are measured by hand (README, "Many findings")."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import List, Tuple

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.scanning import BLOG, SHOP, at
from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria

MANY = 20000
WALKED = 5000  # every page of a walk is rendered and parsed: 5 pages keep the walk fast
PAGE = "<limitResults>1000</limitResults>"


def seed(api, web_app_id: int = SHOP, count: int = MANY):
    return api.control("POST", "findings", {"webApp": web_app_id, "count": count})


def page(api, *conditions: str, preferences: str = PAGE):
    reply = api.search("finding", "".join(conditions), preferences)
    assert reply.code == "SUCCESS", reply.body
    return reply


def walk_by_last_id(api, web_app_id: int) -> Tuple[List[int], int]:
    ids, calls, last = [], 0, 0
    while True:
        reply = page(api, criteria("webApp.id", "EQUALS", str(web_app_id)), criteria("id", "GREATER", str(last)))
        calls += 1
        ids += reply.ids
        if reply.xml.findtext("hasMoreRecords") != "true":
            return ids, calls
        last = int(reply.xml.findtext("lastId"))


def test_seeding_answers_the_ids_it_made(api):
    status, answer = seed(api)
    count = api.qps(
        "count",
        "finding",
        body=f"<ServiceRequest><filters>{criteria('webApp.id', 'EQUALS', str(SHOP))}</filters></ServiceRequest>".encode(),
    )

    assert status == 200
    assert answer["created"] == MANY
    assert answer["last_id"] - answer["first_id"] == MANY - 1
    assert count.xml.findtext("count") == str(MANY)


def test_seeded_findings_are_the_same_from_the_same_state(api):
    at(api, 0)
    first = seed(api, count=50)[1]
    before = page(api, preferences="<limitResults>50</limitResults><verbose>true</verbose>").body
    api.control("POST", "reset")
    at(api, 3600)  # the same simulated day
    again = seed(api, count=50)[1]

    assert again == first
    assert page(api, preferences="<limitResults>50</limitResults><verbose>true</verbose>").body == before


def test_seeded_findings_mix_types_severities_and_statuses_with_distinct_urls(api):
    seed(api, count=1000)
    records = page(api).records
    vulnerabilities = [record for record in records if record.findtext("type") != "INFORMATION_GATHERED"]
    keys = {(r.findtext("qid"), r.findtext("url"), r.findtext("param")) for r in vulnerabilities}

    assert set(Counter(record.findtext("type") for record in records)) == {
        "VULNERABILITY",
        "SENSITIVE_CONTENT",
        "INFORMATION_GATHERED",
    }
    assert {record.findtext("severity") for record in records} == {"1", "2", "3", "4", "5"}
    assert {record.findtext("status") for record in vulnerabilities} == {"NEW", "ACTIVE", "REOPENED", "FIXED"}
    assert len(keys) == len(vulnerabilities)
    assert {record.findtext("isIgnored") for record in vulnerabilities} == {"false"}
    # Information gathered has no url, status, timesDetected or isIgnored, as recorded.
    assert all(record.find("status") is None for record in records if record not in vulnerabilities)
    for record in vulnerabilities:
        assert record.findtext("firstDetectedDate") <= record.findtext("lastDetectedDate")
        assert record.findtext("lastDetectedDate") <= record.findtext("lastTestedDate")
        assert (record.findtext("timesDetected") == "1") == (record.findtext("status") == "NEW")


@pytest.mark.parametrize(
    "body",
    [
        {"webApp": SHOP, "count": 0},
        {"webApp": SHOP, "count": True},
        {"webApp": SHOP, "count": "10"},
        {"webApp": 1, "count": 10},
        {"webApp": SHOP},
        {"webApp": SHOP, "count": 10, "type": "VULNERABILITY"},
    ],
)
def test_a_bad_seeding_request_is_refused(api, body):
    status, answer = api.control("POST", "findings", body)

    assert status == 400
    assert answer["error"]


def test_paging_by_last_id_reads_every_finding_once_in_ceil_n_over_1000_calls(api):
    first = seed(api, count=WALKED)[1]["first_id"]
    seed(api, BLOG, 500)
    seed(api, SHOP, 1)
    ids, calls = walk_by_last_id(api, SHOP)

    assert calls == WALKED // 1000 + 1
    assert ids == list(range(first, first + WALKED)) + [first + WALKED + 500]


def test_paging_by_offset_gives_the_same_pages(api):
    seed(api)
    condition = criteria("webApp.id", "EQUALS", str(SHOP))
    by_id = page(api, condition, criteria("id", "GREATER", page(api, condition).xml.findtext("lastId")))
    by_offset = page(api, condition, preferences=PAGE + "<startFromOffset>1001</startFromOffset>")
    last = page(api, condition, preferences=PAGE + f"<startFromOffset>{MANY - 499}</startFromOffset>")

    assert by_offset.ids == by_id.ids
    assert (len(last.ids), last.xml.findtext("hasMoreRecords"), last.xml.findtext("lastId")) == (500, "false", None)


def test_a_small_web_app_behind_many_findings_pages_alone(api):
    seed(api)
    blog = seed(api, BLOG, 1500)[1]
    ids, calls = walk_by_last_id(api, BLOG)

    assert (calls, ids) == (2, list(range(blog["first_id"], blog["last_id"] + 1)))


def test_a_search_reads_only_as_far_as_its_page_and_one_more():
    from ansible_collections.qualys.was.tests.simulator.search import (
        paginate,
    )  # pylint: disable=import-outside-toplevel

    read = Counter()

    def records():
        for number in itertools.count(1):
            read["records"] += 1
            yield {"id": number}

    page_of = paginate(records(), {"limitResults": 1000, "startFromOffset": 2001})

    assert (page_of.records[0]["id"], len(page_of.records), page_of.has_more, page_of.last_id) == (
        2001,
        1000,
        True,
        3000,
    )
    assert read["records"] == 3001
