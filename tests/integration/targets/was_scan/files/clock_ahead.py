# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Moves the simulator's clock STEP seconds on every second, for SECONDS seconds: scans a task waits for end."""

import json
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


def main(url, step, seconds):
    for _second in range(seconds):
        now = datetime.strptime(control(url)["now"], ISO)
        control(url, {"now": (now + timedelta(seconds=step)).strftime(ISO)})
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), int(sys.argv[2]), int(sys.argv[3]))
