# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tables and lines the system tests print after the run and keep under the log directory."""

from __future__ import annotations

import os
from typing import Any, List, Sequence

# Printed by conftest's pytest_terminal_summary, in the order they were added.
SECTIONS: List[str] = []


def log_dir() -> str:
    """LOG_DIR when ``make`` sets it, else build/logs of the tree these tests are in."""
    if os.environ.get("LOG_DIR"):
        return os.environ["LOG_DIR"]
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "build", "logs")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(cell).replace("|", "\\|").replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[column]) for row in cells]) for column, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(value.ljust(width) for value, width in zip(values, widths)) + " |"

    return "\n".join([line(headers), line(["-" * width for width in widths])] + [line(row) for row in cells])


def publish(title: str, text: str, file_name: str = "") -> None:
    """Shows ``text`` after the run; with ``file_name``, also writes it to the log directory."""
    SECTIONS[:] = [section for section in SECTIONS if not section.startswith(title + "\n")]
    SECTIONS.append("%s\n\n%s\n" % (title, text))
    if file_name:
        os.makedirs(log_dir(), exist_ok=True)
        with open(os.path.join(log_dir(), file_name), "w", encoding="utf-8") as handle:
            handle.write("# %s\n\n%s\n" % (title, text))
