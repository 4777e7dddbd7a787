# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Rate and concurrency limits: headers on every call, HTTP 409 over a limit, concurrency checked first."""

from __future__ import annotations

import threading
import time

LIMIT_HEADERS = (
    "X-RateLimit-Limit",
    "X-RateLimit-Window-Sec",
    "X-RateLimit-Remaining",
    "X-RateLimit-ToWait-Sec",
    "X-Concurrency-Limit-Limit",
    "X-Concurrency-Limit-Running",
)


def test_every_call_carries_the_limit_headers(api):
    for reply in (api.search("webapp"), api.get("webapp", "x"), api.qps("search", "webapp", as_user=("x", "y"))):
        assert all(name in reply.headers for name in LIMIT_HEADERS), reply.headers


def test_rate_limit_answers_409_with_time_to_wait(api):
    api.control("POST", "settings", {"rate_limit": 2, "rate_window": 60})

    replies = [api.search("webapp") for attempt in range(3)]

    assert [reply.status for reply in replies] == [200, 200, 409]
    assert [reply.headers["X-RateLimit-Remaining"] for reply in replies] == ["1", "0", "0"]
    assert 1 <= int(replies[2].headers["X-RateLimit-ToWait-Sec"]) <= 60
    assert replies[2].code == "INVALID_REQUEST"
    assert "cannot be run again" in replies[2].error[0]
    assert api.control("GET", "stats")[1]["limited"] == 1


def test_rate_window_slides(api):
    api.control("POST", "settings", {"rate_limit": 1, "rate_window": 1})
    assert api.search("webapp").status == 200
    assert api.search("webapp").status == 409

    time.sleep(1.05)

    assert api.search("webapp").status == 200


def _slow_call_in_flight(api):
    """Starts a call that takes a second and returns its thread once the call holds its slot."""
    api.control("POST", "faults", {"kind": "delay", "delay": 1.0, "match": "count/*"})
    thread = threading.Thread(target=api.qps, args=("count", "webapp"), kwargs={"method": "GET"})
    thread.start()
    # The call takes its fault only once admitted, so a served fault means the slot is held.
    while api.control("GET", "stats")[1]["faulted"] == 0:
        time.sleep(0.01)
    return thread


def test_concurrency_limit_answers_409(api):
    api.control("POST", "settings", {"concurrency_limit": 1})
    slow = _slow_call_in_flight(api)

    refused = api.search("webapp")
    slow.join()

    assert refused.status == 409
    assert refused.headers["X-Concurrency-Limit-Running"] == "1"
    assert "currently running" in refused.error[0]
    assert api.search("webapp").status == 200


def test_concurrency_checked_before_rate(api):
    api.control("POST", "settings", {"concurrency_limit": 1, "rate_limit": 1})
    slow = _slow_call_in_flight(api)

    refused = api.search("webapp")
    slow.join()

    assert "currently running" in refused.error[0]
