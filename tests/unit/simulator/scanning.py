# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the scan and finding tests share: launch bodies, the clock, and a simulator with a fixture of one's own."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterator

from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient

START = datetime(2030, 1, 1, tzinfo=timezone.utc)
SHOP, BLOG, INTRANET = 4331925, 4331926, 4331927
SEEDED, UNREACHABLE = 4331923, 4331924  # the seed's two web apps: findings; NO_WEB_SERVICE
PRODUCTION, STAGING, PCI = 12017424, 12017500, 12017501
# Seconds from launch to the end of each fixture web app's scan: 60 s submitted, then crawl and test.
ENDS = {SEEDED: 60 + 142 + 808, UNREACHABLE: 60 + 132, SHOP: 60 + 283 + 1233, BLOG: 60 + 600, INTRANET: 60 + 14400}
PROCESSING = 120  # scan_processing results_status: TO_BE_PROCESSED 60 s, PROCESSING 60 s
FIXTURE = Path(__file__).resolve().parents[2] / "simulator" / "fixture.json"


def web_app(web_app_id: int) -> str:
    return f"<webApp><id>{web_app_id}</id></webApp>"


def web_apps(*ids: int) -> str:
    return "<webApps><set>" + "".join(f"<WebApp><id>{i}</id></WebApp>" for i in ids) + "</set></webApps>"


def tags(option: str, *ids: int, excluded: str = "") -> str:
    tag_list = "".join(f"<Tag><id>{i}</id></Tag>" for i in ids)
    return (
        f"<tags><included><option>{option}</option><tagList><set>{tag_list}</set></tagList></included>{excluded}</tags>"
    )


def scan(target: str, extra: str = "", name: str = "Pipeline scan", scan_type: str = "VULNERABILITY") -> str:
    named = f"<name>{name}</name>" if name is not None else ""
    typed = f"<type>{scan_type}</type>" if scan_type is not None else ""
    return f"<WasScan>{named}{typed}<target>{target}</target>{extra}</WasScan>"


def launch(api: SimClient, body: str, **options):
    return api.qps(
        "launch", "wasscan", body=f"<ServiceRequest><data>{body}</data></ServiceRequest>".encode(), **options
    )


def at(api: SimClient, seconds: float) -> None:
    """Sets the simulated clock ``seconds`` after START."""
    status, _answer = api.control("POST", "clock", {"now": (START + timedelta(seconds=seconds)).isoformat()})
    assert status == 200


def use(api: SimClient, **settings: Any) -> None:
    status, answer = api.control("POST", "settings", settings)
    assert status == 200, answer


def status_of(api: SimClient, scan_id: int):
    record = api.qps("status", "wasscan", scan_id, method="GET").records[0]
    return record.findtext("status"), record.findtext("summary/resultsStatus")


def download(api: SimClient, scan_id: int):
    return api.qps("download", "wasscan", scan_id, method="GET")


def cancel(api: SimClient, scan_id: int, with_results: bool = False, **options):
    body = (
        "<ServiceRequest><data><WasScan><cancelWithResults>true</cancelWithResults></WasScan></data></ServiceRequest>"
    )
    return api.qps("cancel", "wasscan", scan_id, body=body.encode() if with_results else b"", **options)


@contextlib.contextmanager
def simulator_with(tmp_path: Path, change: Callable[[Dict[str, Any]], None], **settings: Any) -> Iterator[SimClient]:
    """A simulator of its own, started from the default fixture as ``change`` edits it."""
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    content = json.loads(FIXTURE.read_text(encoding="utf-8"))
    change(content)
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    running = start_simulator(port=0, fixture=path, **settings)
    try:
        yield SimClient(running.url)
    finally:
        running.stop()


def outcome(web_app_id: int, **values: Any) -> Callable[[Dict[str, Any]], None]:
    """A fixture change: the scan outcome of one web app."""

    def change(content: Dict[str, Any]) -> None:
        for record in content["WebApp"]:
            if record["id"] == web_app_id:
                record["scanOutcome"] = {**record.get("scanOutcome", {}), **values}

    return change
