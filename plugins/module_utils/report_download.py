# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A generated report downloaded to ``dest``, as ``ansible.builtin.get_url`` writes a file.

The file is written on the host the module runs on (for most playbooks the control node), into a temporary file
beside ``dest`` that is moved over it only once the download is whole: a download that fails leaves no partial
file and the old one, if any, as it was. An existing ``dest`` is kept without any call unless ``force`` is true.
Mode, owner, group and the other file attributes apply as for any file a module writes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Any, Callable, Dict, Mapping, Optional, Sequence

from ansible_collections.qualys.was.plugins.module_utils.action import Finish
from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import REPORT
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysError

SPEC = {"dest": {"type": "path"}, "force": {"type": "bool", "default": False}}


def _attributes(host: Any, params: Mapping[str, Any], changed: bool) -> bool:
    """Mode, owner, group and the rest applied to ``dest``; whether that (or what came before) changed it."""
    return host.set_fs_attributes_if_different(host.load_file_common_arguments(params, path=params["dest"]), changed)


def _described(host: Any, dest: str, downloaded: bool, changed: bool) -> Dict[str, Any]:
    return {
        "changed": changed,
        "dest": dest,
        "downloaded": downloaded,
        "checksum": host.sha1(dest) if os.path.exists(dest) else None,
        "size": os.path.getsize(dest) if os.path.exists(dest) else None,
    }


def kept(host: Any, params: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The result of a task whose ``dest`` exists and is kept (``force: false``), before any call."""
    dest = params["dest"]
    if os.path.isdir(dest):
        raise QualysError("dest %s is a directory; give the path of the report's file in it." % dest)
    if params["force"] or not os.path.exists(dest):
        return None
    return _described(host, dest, False, _attributes(host, params, False))


class _Sink:
    """The temporary file a download goes to, started again at each attempt, with the SHA-1 of what it holds."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.digest = hashlib.sha1()  # nosec - the checksum get_url reports, not a security measure

    def restart(self) -> Callable[[bytes], None]:
        self.handle.seek(0)
        self.handle.truncate()
        self.digest = hashlib.sha1()  # nosec - as above
        return self.write

    def write(self, piece: bytes) -> None:
        self.handle.write(piece)
        self.digest.update(piece)


def download(
    host: Any, client: QualysClient, states: Sequence[Mapping[str, Any]], params: Mapping[str, Any]
) -> Dict[str, Any]:
    """Download the report (the one task's report, the first state) to ``dest``, atomically."""
    dest = params["dest"]
    folder = os.path.dirname(os.path.abspath(dest))
    if not os.path.isdir(folder):
        raise QualysError("The folder of dest, %s, does not exist; nothing was downloaded." % folder)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".%s." % os.path.basename(dest), suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            sink = _Sink(handle)
            try:
                client.download_file(REPORT, states[0]["id"], sink.restart)
            except OSError as exc:
                raise QualysError("The report could not be written to %s: %s" % (dest, exc)) from None
        same = os.path.exists(dest) and host.sha1(dest) == sink.digest.hexdigest()
        if not same:
            host.atomic_move(temporary, dest, unsafe_writes=params.get("unsafe_writes"))
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return _described(host, dest, True, _attributes(host, params, not same))


DOWNLOAD = Finish(SPEC, "dest", {"add_file_common_args": True}, kept, download)
