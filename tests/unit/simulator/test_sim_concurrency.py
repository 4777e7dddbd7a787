# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Twenty clients at once each get their own, correct answers."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.qualys.was.tests.unit.simulator.builders import option_profile
from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient, criteria

CLIENTS = 20


def test_twenty_concurrent_clients(api, simulator):
    start = threading.Barrier(CLIENTS)

    def client(number):
        own = SimClient(simulator.url)
        name = f"Concurrent profile {number}"
        start.wait()
        profile_id = own.create("optionprofile", option_profile(name)).ids[0]
        own.update(
            "optionprofile",
            profile_id,
            f"<OptionProfile><maxCrawlRequests>{1000 + number}</maxCrawlRequests></OptionProfile>",
        )
        fetched = own.get("optionprofile", profile_id).records[0]
        found = own.search("optionprofile", criteria("name", "EQUALS", name)).ids
        return profile_id, fetched.findtext("name"), fetched.findtext("maxCrawlRequests"), found

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))

    for number, (profile_id, name, crawl, found) in enumerate(results):
        assert (name, crawl, found) == (f"Concurrent profile {number}", str(1000 + number), [profile_id])
    assert len({profile_id for profile_id, *rest in results}) == CLIENTS
    stats = api.control("GET", "stats")[1]
    assert (stats["total"], stats["writes"]) == (4 * CLIENTS, 2 * CLIENTS)
