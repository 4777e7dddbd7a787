# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Moves the simulator's clock STEP seconds on every second, for SECONDS seconds at most: scans a task waits for end.

It stops as soon as FOLDER/stop exists and then writes FOLDER/stopped, so that the test can end it, and know it has
ended, before the next test resets the simulator: a move sent after that reset would run the next test's clock ahead.
"""

import json
import os
import sys
import time
import urllib.request
from datetime import datetime, timedelta

ISO = "%Y-%m-%dT%H:%M:%SZ"


def control(url, payload=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url + "/_sim/clock", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # nosec - the local simulator
        return json.loads(response.read() or b"{}")


def main(url, step, seconds, folder):
    try:
        for _second in range(seconds):
            if os.path.exists(os.path.join(folder, "stop")):
                return
            now = datetime.strptime(control(url)["now"], ISO)
            control(url, {"now": (now + timedelta(seconds=step)).strftime(ISO)})
            time.sleep(1)
    finally:
        with open(os.path.join(folder, "stopped"), "w", encoding="utf-8"):
            pass


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
