# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The versions a failure reports, so that a bug report carries them without a second round trip."""

from __future__ import annotations

from typing import Dict, Optional

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION

# galaxy.yml's version: a module runs without the collection's metadata at hand. tests/unit keeps them equal.
COLLECTION_VERSION = "0.2.0"


def _installed(distribution: str) -> Optional[str]:
    try:
        from importlib.metadata import PackageNotFoundError, version  # pylint: disable=import-outside-toplevel
    except ImportError:  # Python 3.7 and older, which no supported ansible-core targets; said rather than failed
        return None
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def versions() -> Dict[str, Optional[str]]:
    """The collection's, ansible-core's and the two libraries' versions; None for a library not installed."""
    return {
        "collection": COLLECTION_VERSION,
        "ansible_core": ANSIBLE_CORE_VERSION,
        "requests": _installed("requests"),
        "xmltodict": _installed("xmltodict"),
    }
