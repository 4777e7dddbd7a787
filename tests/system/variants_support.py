# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the variant tests share: the simulator's variants, their command-line flags, and how many run at once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Mapping, Tuple

import yaml

from ansible_collections.qualys.was.tests.system.playbook import play, run_playbook


def non_default_settings() -> Dict[str, List[Any]]:
    """Each simulator setting that stands for an unsettled behaviour, with its values other than the default."""
    from ansible_collections.qualys.was.tests.simulator.settings import (  # pylint: disable=import-outside-toplevel
        CHOICES,
    )

    return {name: list(values[1:]) for name, values in CHOICES.items()}


def default_settings() -> Dict[str, Any]:
    from ansible_collections.qualys.was.tests.simulator.settings import (  # pylint: disable=import-outside-toplevel
        CHOICES,
    )

    return {name: values[0] for name, values in CHOICES.items()}


# Settings of behaviours only some playbooks meet, by the first word of their names: scans (test_scan_variants.py),
# finding ignores (test_finding_ignore_variants.py) and reports (test_reports.py). The others, every playbook meets
# (test_variants.py).
GROUPS = ("scan", "finding", "report")


def setting_group(name: str) -> str:
    """The group of a setting (``scan`` for scan_good_results), or "" for one every playbook meets."""
    head = name.split("_", 1)[0]
    return head if head in GROUPS else ""


def one_at_a_time(group: str = "") -> List[Tuple[str, Dict[str, Any]]]:
    """``("defaults", {})``, then ``("search_shape=full", {"search_shape": "full"})`` and so on for every value of
    the settings of ``group`` ("" the configuration settings, "scan" the scan settings, ...)."""
    found: List[Tuple[str, Dict[str, Any]]] = [("defaults", {})]
    for name, values in non_default_settings().items():
        if setting_group(name) == group:
            found.extend(("%s=%s" % (name, value), {name: value}) for value in values)
    return found


def cli_flags(settings: Mapping[str, Any]) -> List[str]:
    """The simulator's command-line flags for ``settings``: ``{"search_shape": "full"}`` -> ``--search-shape full``."""
    flags = []
    for name, value in settings.items():
        flags += ["--" + name.replace("_", "-"), str(value)]
    return flags


def parallel_runs() -> int:
    """How many playbook runs, each against a simulator of its own, go at once."""
    return max(2, min(4, os.cpu_count() or 1))


def run_variants(
    module_simulators: Callable[..., Any],
    tmp_path_factory: Any,
    tasks_yaml: str,
    play_name: str,
    clock: str,
    group: str = "",
) -> Dict[str, Tuple[Any, Dict[str, Any]]]:
    """Every variant's run of the tasks, several at once: each against a simulator of its own, started with the
    variant's flags and set to ``clock``; the variants of the settings of ``group`` (see ``one_at_a_time``)."""

    def run_variant(settings: Dict[str, Any], folder: str) -> Tuple[Any, Dict[str, Any]]:
        sim = module_simulators(*cli_flags(settings))
        applied = sim.settings()
        assert {name: applied[name] for name in settings} == settings
        sim.control("POST", "clock", {"now": clock})
        run = run_playbook(folder, [play(sim.url, yaml.safe_load(tasks_yaml), name=play_name)])
        return run, sim.stats()

    with ThreadPoolExecutor(max_workers=parallel_runs()) as pool:
        futures = {
            name: pool.submit(run_variant, settings, str(tmp_path_factory.mktemp(name.replace("=", "-"))))
            for name, settings in one_at_a_time(group)
        }
        return {name: future.result() for name, future in futures.items()}
