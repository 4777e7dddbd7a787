# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Value types of XML leaves and search criteria: parsing from wire text, formatting back, and the hint
the service gives when a value does not parse."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Tuple

_INTEGER = re.compile(r"[+-]?\d+")


class ValueType:
    """Base of all value types; ``expected`` names the type in error resolutions."""

    expected = "text"
    choices: Optional[Tuple[str, ...]] = None

    def parse(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        return str(value)

    def show(self, value: Any, settings: Any) -> str:
        """The value in a response, where a setting may choose its form (``dayOrder`` LAST)."""
        return self.format(value)

    def hint(self, subject: str) -> str:
        """The errorResolution for a value that does not parse; ``subject`` is what the value was given as."""
        if self.choices:
            return "Values expected: " + ", ".join(self.choices) + "."
        return f"Specify {subject} as {self.expected}."


class Text(ValueType):
    pass


class Long(ValueType):
    expected = "Long"

    def parse(self, text: str) -> int:
        if not _INTEGER.fullmatch(text):
            raise ValueError(text)
        return int(text)


class Boolean(ValueType):
    choices = ("true", "false")

    def parse(self, text: str) -> bool:
        if text not in self.choices:
            raise ValueError(text)
        return text == "true"

    def format(self, value: Any) -> str:
        return "true" if value else "false"


class DateTime(ValueType):
    """UTC instants, written ``YYYY-MM-DDThh:mm:ssZ`` like every date the service returns."""

    expected = "Date (YYYY-MM-DDThh:mm:ssZ)"

    def parse(self, text: str) -> datetime:
        # fromisoformat reads a trailing "Z" only from Python 3.11 on.
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc).replace(microsecond=0)

    def format(self, value: Any) -> str:
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class Keyword(ValueType):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def parse(self, text: str) -> str:
        if text not in self.choices:
            raise ValueError(text)
        return text


class NumberedKeyword(Keyword):
    """A keyword accepted by name but returned as a number, as the service does with ``dayOrder``."""

    def __init__(self, numbers: Dict[str, int]) -> None:
        super().__init__(*numbers)
        self.numbers = numbers

    def format(self, value: Any) -> str:
        return str(self.numbers[value])


TEXT = Text()
LONG = Long()
BOOLEAN = Boolean()
DATETIME = DateTime()
