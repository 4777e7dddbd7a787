# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Turns bench.py's JSON into docs/benchmark.md and its plot: ``python report.py BENCH_JSON MARKDOWN PNG``.

``python report.py --section waits BENCH_JSON MARKDOWN`` replaces that one section of the page (adding it after the
calls where the page has none) from a JSON of ``bench.py --only waits``, leaving the rest and the plot as they are;
``--section findings`` does the same with the finding reads of ``bench.py --only findings`` (after the waits); ``make
bench BENCH_ARGS="--only waits"`` (or findings) runs both steps.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Dict, List

SHAPES = ("summary", "full")


def table(header: List[str], rows: List[List[Any]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _column in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def calls_section(rows: List[dict]) -> List[str]:
    out = []
    for row in rows:
        cells = [row["module"], row["task"]]
        for shape in SHAPES:
            measured, least = row[shape]["calls"], row[shape]["minimum"]
            excess = "failed" if "failed" in row[shape] else ("%+d" % (measured - least) if measured != least else "0")
            cells += [measured, least, excess]
        out.append(cells)
    header = ["Module", "Task"] + [
        "%s %s" % (what, shape) for shape in SHAPES for what in ("calls", "minimum", "excess")
    ]
    return table(header, out)


CALLS_HEADING = "## API calls per task, against the documented minimum"
WAITS_HEADING = "## Waiting for scans"


def waits_section(waits: Dict[str, Any]) -> List[str]:
    lines = [
        WAITS_HEADING,
        "",
        "A `was_scan` task that launches a scan and waits for it with the defaults (`poll_interval` 60: polls after 5,"
        " 10, 20 and 40 seconds, then every minute), for scans whose results are ready 30 minutes and 4 hours after"
        " the launch. The runner the module uses runs in the benchmark's process on a clock that its pauses move,"
        " the simulator's clock moved with it, so that it polls as on a tenant without waiting. From"
        " `tests/bench/waits.py`; `make bench` measures it with the rest, and `bench.py --only waits` followed by"
        " `report.py --section waits` alone.",
        "",
    ]
    lines += table(
        ["Scan", "API calls", "of which polls", "the scanning guide states", "simulated seconds waited"],
        [
            [what, row["calls"], row["polls"], row["documented"], row["simulated_seconds"]]
            for what, row in waits["single"].items()
        ],
    )
    parallel = waits.get("parallel")
    if parallel:
        per_wait = parallel["calls_per_wait"]
        lines.append(
            "%d waits at once, each of its own 30-minute scan, on the simulator's clock running %g times as fast as"
            " real time (the runners' pauses scaled alike, so that each polls as it would): %g API calls per wait"
            " (median; %s to %s), %d in all, %d launches, %d calls answered with a limit, %d scans ended well, %.0f"
            " real seconds."
            % (
                parallel["waits"],
                parallel["speed"],
                per_wait["median"],
                per_wait["min"],
                per_wait["max"],
                parallel["total_calls"],
                parallel["launches"],
                parallel["limited"],
                parallel["good_ends"],
                parallel["real_seconds"],
            )
        )
        alone = waits["single"]["30 minutes"]["calls"]
        if per_wait["min"] < alone:
            lines[-1] += (
                " Some waits cost fewer calls than one alone (%d): at this speed a call takes a simulated second or a"
                " few, as a call to Qualys takes real ones, and the waits' calls take turns on the machine's cores."
                % alone
            )
        lines.append("")
    return lines


FINDINGS_HEADING = "## Reading findings"


def findings_section(rows: List[dict]) -> List[str]:
    lines = [
        FINDINGS_HEADING,
        "",
        "`was_finding_info` reading every finding of one web app (given by name), seeded with the simulator's"
        " `POST /_sim/findings`, with the findings returned and with `count_only`. Expected calls: one search per"
        " 1,000 findings plus the one that resolves the name. The peak is the resident memory of the module process"
        " as Ansible runs it (its AnsiballZ payload, run again under a probe reading `ru_maxrss`), against the"
        ' collection\'s goal where it has one. From `tests/bench/findings.py`; `make bench BENCH_ARGS="--only findings"`'
        " measures it alone.",
        "",
    ]
    return lines + findings_table(rows) + memory_per_finding(rows)


def memory_per_finding(rows: List[dict]) -> List[str]:
    """What the peak says: flat when only counted, and what each finding returned adds."""
    counted = {row["findings"]: row["peak_mib"] for row in rows if row["count_only"]}
    added = {
        row["findings"]: (row["peak_mib"] - counted[row["findings"]]) * 1024 / row["findings"]
        for row in rows
        if not row["count_only"] and row["findings"] in counted
    }
    if not added:
        return []
    largest = max(added)
    returned = next(row for row in rows if row["findings"] == largest and not row["count_only"])
    size, peak, goal = "{:,}".format(largest), returned["peak_mib"], returned["peak_goal_mib"]
    if goal is None:
        verdict = ""
    elif peak <= goal:
        verdict = "The goal, %d MiB, holds for %s findings returned (%s MiB)." % (goal, size, peak)
    else:
        verdict = (
            "So the goal, %d MiB, holds when only counting, but not for %s findings returned (%s MiB); a narrower"
            " selection, or `count_only`, keeps a large read under it." % (goal, size, peak)
        )
    flat = " and ".join("%s MiB at %s" % (mib, "{:,}".format(count)) for count, mib in sorted(counted.items()))
    said = (
        "Counted only, the peak is %s: it does not grow with the pages read, none being kept once read. Each finding"
        " returned adds about %.1f KiB at %s findings: its compact record, and what ansible-core's module exit makes"
        " of the result, a copy with the values of no_log options removed and the result's JSON text, held twice"
        " while it is written." % (flat, added[largest], size)
    )
    return [" ".join(filter(None, (said, verdict))), ""]


def findings_table(rows: List[dict]) -> List[str]:
    return table(
        ["Findings", "returned", "API calls", "expected", "task s", "module process s", "peak MiB", "goal MiB"],
        [
            [
                "{:,}".format(row["findings"]),
                "counts only" if row["count_only"] else "findings and counts",
                row["calls"],
                row["expected_calls"],
                row["task_s"],
                row["module_process_s"],
                row["peak_mib"],
                "-" if row["peak_goal_mib"] is None else row["peak_goal_mib"],
            ]
            for row in rows
        ],
    )


# What ``--section`` replaces alone: the section, its heading, and the heading it follows where the page has none.
SECTIONS = {
    "waits": (lambda data: waits_section(data["waits"]), WAITS_HEADING, CALLS_HEADING),
    "findings": (lambda data: findings_section(data["findings"]), FINDINGS_HEADING, WAITS_HEADING),
}


def merged_page(page: str, section: List[str], heading: str, after: str) -> str:
    """``page`` with its section under ``heading`` replaced by ``section``, or, where it has none, ``section`` put
    after the section under ``after`` (at the end without that one either)."""
    lines = page.rstrip("\n").split("\n")

    def next_heading(index: int) -> int:
        return next((i for i in range(index + 1, len(lines)) if lines[i].startswith("## ")), len(lines))

    if heading in lines:
        start, end = lines.index(heading), next_heading(lines.index(heading))
    else:
        start = end = next_heading(lines.index(after)) if after in lines else len(lines)
    return "\n".join(lines[:start] + section + lines[end:]) + "\n"


def timing_section(per_task: Dict[str, Any]) -> List[str]:
    rows = [
        [kind, value["median"], "%s to %s" % (value["min"], value["max"]), value["n"], value["calls"]]
        for kind, value in per_task.items()
        if isinstance(value, dict) and "median" in value
    ]
    lines = table(["Kind", "ms per task (median)", "range over rounds", "rounds", "API calls per task"], rows)
    ratios = per_task["ratios"]
    lines.append(
        "`was_scan_schedule` per task against the others, the median of the ratios within each round (range):"
        " **%.2f× `uri`** (%.2f to %.2f) and **%.2f× `ping`** (%.2f to %.2f); the goal is ≤ 0.95× and ≤ 1.3×."
        " The ratio of the medians above is %.2f× `uri`. %d tasks per kind."
        % tuple(
            [ratios[name][key] / 100 for name in ("module / uri", "module / ping") for key in ("median", "min", "max")]
            + [ratios["module / uri, of the medians"], per_task["tasks_per_kind"]]
        )
    )
    return lines + [""]


def breakdown_section(data: Dict[str, Any]) -> List[str]:
    kinds = list(data["payload_kib"])
    owners = sorted({owner for kind in kinds for owner in data["imports_ms"][kind]})
    rows = [["process, wall ms (median)"] + [data["process_ms"][kind]["median"] for kind in kinds]]
    rows.append(["process, CPU ms (median)"] + [data["process_cpu_ms"][kind]["median"] for kind in kinds])
    rows.append(["payload, KiB"] + [data["payload_kib"][kind] for kind in kinds])
    rows.append(["peak memory, MiB"] + [data["peak_mib"][kind] for kind in kinds])
    for owner in owners:
        rows.append(["imports charged to %s, ms" % owner] + [data["imports_ms"][kind].get(owner, 0) for kind in kinds])
    lines = table(["One module process"] + ["`%s`" % kind for kind in kinds], rows)
    engine = data["engine"]
    lines.append(
        "Interpreter start (`python -c pass`): %s ms wall, %s ms CPU. Imports are from `python -X importtime`, each"
        " module's own time charged to its package, a standard-library module to the package that imported it first."
        % (data["process_ms"]["python -c pass"]["median"], data["process_cpu_ms"]["python -c pass"]["median"])
    )
    lines.append("")
    lines += table(
        ["Tenant (schedules)", "engine ms (finding, comparing; in-process)", "waiting on the server, ms"],
        [[size, value["engine_ms"]["median"], value["server_wait_ms"]["median"]] for size, value in engine.items()],
    )
    return lines + [""]


def payload_section(payloads: Dict[str, Any]) -> List[str]:
    rows = [
        [
            "`%s`" % kind,
            size["payload_kib"],
            size["collection_kib"],
            size["compiled_kib"],
            size["start_cpu_ms"] if size["start_cpu_ms"] is not None else "-",
            ", ".join(sorted(set(size["module_utils"]) - set(size["compiled"]))) or "none",
        ]
        for kind, size in payloads.items()
    ]
    lines = table(
        [
            "Module",
            "payload, KiB",
            "collection code shipped, KiB",
            "collection code compiled at start, KiB",
            "collection start, CPU ms",
            "module_utils shipped, not imported at start",
        ],
        rows,
    )
    lines.append(
        "The payload is the AnsiballZ file Ansible writes for one task (`ping` for comparison). A zipped module is"
        " compiled on every run, never cached: what a module imports at start, directly or not, is compiled by every"
        " task. Code imported inside a function (the token service, a download) is shipped, since AnsiballZ finds"
        " those imports too, and compiled only by the runs that call it. The start's CPU time is the least of nine"
        " processes importing the module from its payload once ansible-core, requests and xmltodict are imported."
        " From `tests/bench/payload.py`."
    )
    return lines + [""]


def many_section(rows: List[dict]) -> List[str]:
    out = []
    for row in rows:
        out += [[row["objects"], what, value[0], value[1]] for what, value in row.items() if what != "objects"]
    lines = table(["Schedules", "How", "seconds", "API calls"], out)
    for row in rows:
        for shape in SHAPES:
            loop = row["one task per object, unchanged, %s" % shape]
            single = row["resource module, unchanged, %s" % shape]
            lines.append(
                "- %d unchanged, `search_shape=%s`: the resource module is %.0f× faster and makes %.1f× fewer calls."
                % (row["objects"], shape, loop[0] / max(single[0], 0.01), loop[1] / max(single[1], 1))
            )
    lines.append("")
    lines.append(
        "One task per object is timed on a sample of the objects and scaled (a task's cost does not depend on the "
        "tenant's size: see the scale rows above); its calls are counted the same way."
    )
    return lines + [""]


def markdown(data: Dict[str, Any], png: str) -> str:
    lines = [
        "# Benchmark",
        "",
        "What a task costs, in Qualys API calls and in time, measured against the simulator by `make bench`"
        " (`tests/bench/bench.py`, this page by `tests/bench/report.py`). Calls are exact and the same on every"
        " machine; times belong to the machine that ran it (%d CPUs, load average %s at the start, Python %s), and"
        " only their ratios carry over." % (data["cpus"], " ".join(map(str, data["load_average"])), data["python"]),
        "",
        "![Time and calls per task](%s)" % os.path.basename(png),
        "",
        CALLS_HEADING,
        "",
        "Under each `search_shape` of the simulator (whether a search returns whole schedules and option profiles,"
        " or summaries read with one `get` each; Qualys does not document which). The minimum is the one the"
        " README and each module's description state; a negative excess is a task cheaper than its description"
        " says.",
        "",
    ]
    lines += calls_section(data["calls"])
    lines += waits_section(data["waits"])
    lines += findings_section(data["findings"])
    lines += [
        "## Time per task",
        "",
        "Each kind runs as a loop of tasks in an ansible-playbook of its own; the kinds run in a random order in"
        " each round, with an empty play whose time is subtracted, so that the start-up of ansible-playbook and the"
        " drift of the machine's load cancel out. `uri` sends the one search a schedule is found with; the module"
        " also reads it with `get` (the default `search_shape`), compares it and reports it. The module runs against"
        " tenants of 10, 1,000 and 10,000 schedules.",
        "",
    ]
    lines += timing_section(data["per_task_ms"])
    lines += ["## Where a module's time goes", ""]
    lines += breakdown_section(data["breakdown"])
    lines += ["## What each module ships and compiles", ""]
    lines += payload_section(data["payloads"])
    lines += ["## Many objects: one task per object, or the resource module in one task", ""]
    lines += many_section(data["many"])
    listing = data["listing"]
    lines += [
        "## Listing 10,000 objects",
        "",
        "`was_web_app_info` reading %d web apps (`name_contains`): %d API calls, %.1f s as a task, %.1f s and %.0f MiB"
        " peak resident memory as a module process."
        % (listing["objects"], listing["calls"], listing["task_s"], listing["module_process_s"], listing["peak_mib"]),
        "",
        "The whole benchmark took %d s (%s)."
        % (data["bench_seconds"], ", ".join("%s %d s" % item for item in data["phase_seconds"].items())),
        "",
    ]
    return "\n".join(lines)


def plot(data: Dict[str, Any], png: str) -> None:
    # Imported here: the backend must be chosen before pyplot is imported, and a machine without a display has none.
    import matplotlib  # pylint: disable=import-outside-toplevel

    matplotlib.use("Agg")
    from matplotlib import pyplot  # pylint: disable=import-outside-toplevel

    per_task = {kind: value for kind, value in data["per_task_ms"].items() if isinstance(value, dict) and "n" in value}
    labels = [
        kind.replace("was_scan_schedule unchanged, ", "was_scan_schedule\n").replace("ansible.builtin.", "")
        for kind in per_task
    ]
    medians = [value["median"] for value in per_task.values()]
    low = [value["median"] - value["min"] for value in per_task.values()]
    high = [value["max"] - value["median"] for value in per_task.values()]
    calls = [value["calls"] for value in per_task.values()]
    colours = ["#9e9e9e", "#607d8b"] + ["#1f77b4"] * (len(per_task) - 2)

    figure, (times, counts) = pyplot.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [3, 2]})
    times.bar(range(len(labels)), medians, yerr=[low, high], capsize=4, color=colours)
    times.set_xticks(range(len(labels)), labels, fontsize=8)
    times.set_ylabel("ms per task (median; bars: range over rounds)")
    for index, value in enumerate(medians):
        times.annotate("%.0f" % value, (index, value), textcoords="offset points", xytext=(22, 3), ha="center")
    ratios = data["per_task_ms"]["ratios"]
    times.set_title(
        "Time per task, empty play subtracted: module %.2f× uri, %.2f× ping"
        % (ratios["module / uri"]["median"] / 100, ratios["module / ping"]["median"] / 100)
    )

    count_labels = labels[1:]
    counts.bar(range(len(count_labels)), calls[1:], color=colours[1:])
    counts.set_xticks(range(len(count_labels)), count_labels, fontsize=7)
    counts.set_ylabel("API calls per task")
    counts.set_title("API calls per task (search_shape summary)")
    counts.set_ylim(0, max(calls) + 1)
    figure.tight_layout()
    figure.savefig(png, dpi=110)


def main() -> int:
    if sys.argv[1] == "--section":
        section, source, target = sys.argv[2:5]
        if section not in SECTIONS:
            raise SystemExit("only these sections can be replaced alone: %s" % ", ".join(SECTIONS))
        render, heading, after = SECTIONS[section]
        with open(source) as handle:
            data = json.load(handle)
        with open(target) as handle:
            page = merged_page(handle.read(), render(data), heading, after)
        with open(target, "w") as handle:
            handle.write(page)
        return 0
    source, target, png = sys.argv[1:4]
    with open(source) as handle:
        data = json.load(handle)
    # Made whole before the page is opened, so that numbers missing from the JSON leave the page as it was.
    page = markdown(data, png)
    with open(target, "w") as handle:
        handle.write(page)
    plot(data, png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
