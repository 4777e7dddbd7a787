# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A simulator in a process of its own, on a port it picks, as the system tests and ``make`` run it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from typing import List, Optional

ANNOUNCEMENT = re.compile(r"^listening on (https?://\S+)$")
START_TIMEOUT = 30.0
STOP_GRACE = 5.0


class SimulatorProcess:
    """``python -m tests.simulator --port 0`` run from the collection root; ``url`` is the address it announced."""

    def __init__(self, root: str, python: str = sys.executable, extra_args: Optional[List[str]] = None) -> None:
        command = [python, "-m", "tests.simulator", "--port", "0"] + list(extra_args or [])
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.url = self._announced_url()

    def _announced_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        seen = []
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            seen.append(line)
            match = ANNOUNCEMENT.match(line.strip())
            if match:
                return match.group(1)
        self.stop()
        raise RuntimeError("the simulator did not announce its address; its output:\n" + "".join(seen))

    def stop(self) -> None:
        """SIGTERM, its clean stop; SIGKILL when it has not stopped within STOP_GRACE seconds."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
