# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test doubles for the HTTP layer and helpers to read test data and compare XML."""

from __future__ import annotations

import json
import os
import zlib
from xml.etree import ElementTree
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import pytest
import requests

from ansible.module_utils import _internal
from ansible.module_utils.common import warnings
from ansible.module_utils.testing import patch_module_args

DATA = os.path.join(os.path.dirname(__file__), "data")
FAKE_PASSWORD = "not-a-real-password-5521"  # long, so that no_log masking cannot hit ordinary words
CONNECTION = {"api_url": "https://qualys.example.test", "username": "api-user", "password": FAKE_PASSWORD}
SUCCESS_ID = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceResponse><responseCode>SUCCESS</responseCode>'
    "<count>1</count><data><{element}><id>{id}</id></{element}></data></ServiceResponse>"
)


def data_file(*parts: str) -> bytes:
    with open(os.path.join(DATA, *parts), "rb") as handle:
        return handle.read()


def service_response(element: str, records: List[str], has_more: bool = False, last_id: Optional[int] = None) -> bytes:
    """A SUCCESS search page holding ``records`` (XML fragments of ``element``)."""
    more = "<hasMoreRecords>%s</hasMoreRecords>" % ("true" if has_more else "false")
    last = "<lastId>%s</lastId>" % last_id if last_id is not None else ""
    data = "<data>%s</data>" % "".join("<%s>%s</%s>" % (element, record, element) for record in records)
    body = "<ServiceResponse><responseCode>SUCCESS</responseCode><count>%d</count>%s%s%s</ServiceResponse>" % (
        len(records),
        more,
        last,
        data if records else "",
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()


def error_response(code: str, message: str, resolution: str = "") -> bytes:
    details = "<errorMessage>%s</errorMessage>" % message
    if resolution:
        details += "<errorResolution>%s</errorResolution>" % resolution
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceResponse><responseCode>%s</responseCode>'
        "<responseErrorDetails>%s</responseErrorDetails></ServiceResponse>" % (code, details)
    ).encode()


def id_of(name: str) -> int:
    """A stable id for a fake object known by name; objects of different names have different ids, as on a tenant."""
    return zlib.crc32(name.encode("utf-8")) % 10**8 + 1


def id_response(element: str, record_id: int) -> bytes:
    return SUCCESS_ID.format(element=element, id=record_id).encode()


class Reply:
    """One scripted HTTP answer: a body, a status and headers, or an exception to raise.

    A streamed read (``iter_content``) gets ``chunks`` when given, which may be a generator, so that a test can
    serve a body larger than it wants to hold; else ``body`` in slices.
    """

    def __init__(
        self,
        body: bytes = b"",
        status: int = 200,
        headers: Optional[Dict[str, str]] = None,
        raises: Optional[Exception] = None,
        chunks: Optional[Iterable[bytes]] = None,
    ) -> None:
        self.content = body
        self.status_code = status
        self.headers = requests.structures.CaseInsensitiveDict(headers or {})
        self.reason = "scripted"
        self.raises = raises
        self.chunks = chunks
        self.closed = False

    def iter_content(self, chunk_size: int = 1) -> Iterator[bytes]:
        if self.chunks is not None:
            yield from self.chunks
            return
        for start in range(0, len(self.content), chunk_size):
            yield self.content[start : start + chunk_size]

    def close(self) -> None:
        self.closed = True


class Request:
    def __init__(
        self, method: str, url: str, body: Optional[bytes], verify: Any, headers: Optional[Dict[str, str]] = None
    ) -> None:
        self.method = method
        self.url = url
        self.body = body
        self.verify = verify
        self.headers = headers or {}

    @property
    def operation(self) -> str:
        """``search/optionprofile`` from ``…/qps/rest/3.0/search/was/optionprofile``; ``auth/oidc`` for a token."""
        if "/qps/rest/" not in self.url:
            return self.url.split("://", 1)[1].split("/", 1)[1]
        path = self.url.split("/qps/rest/", 1)[1].split("/")
        return "%s/%s" % (path[1], path[3] if len(path) > 3 and not path[3].isdigit() else path[2])


class FakeSession:
    """Stands in for ``requests.Session``: answers from a script and records every request."""

    def __init__(self, replies: List[Union[Reply, Callable[[Request], Reply]]]) -> None:
        self.replies = list(replies)
        self.requests: List[Request] = []
        self.headers: Dict[str, str] = {}
        self.auth = None

    def request(
        self,
        method: str,
        url: str,
        data: Optional[bytes] = None,
        headers: Optional[Dict[str, str]] = None,
        timeout: Any = None,
        verify: Any = True,
        stream: bool = False,
    ) -> Reply:
        request = Request(method, url, data, verify, headers)
        self.requests.append(request)
        if not self.replies:
            raise AssertionError("unexpected request %s %s" % (method, url))
        reply = self.replies.pop(0)
        if callable(reply):
            reply = reply(request)
        if reply.raises is not None:
            raise reply.raises
        return reply

    @property
    def operations(self) -> List[str]:
        return [request.operation for request in self.requests]


def xml_tree(document: Union[bytes, str]) -> Any:
    """An order-insensitive, whitespace- and CDATA-insensitive picture of an XML document.

    The API's request elements form ``xs:all`` groups, so sibling order carries no meaning.
    """

    def picture(element: ElementTree.Element) -> Any:
        children = sorted((picture(child) for child in element), key=repr)
        return (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip(), tuple(children))

    if isinstance(document, str):
        document = document.encode()
    return picture(ElementTree.fromstring(document))


class ModuleExit(Exception):
    def __init__(self, result: Dict[str, Any]) -> None:
        super().__init__(result.get("msg", ""))
        self.result = result


def leaked_password(result: Dict[str, Any]) -> bool:
    """Whether the fake password reached a module result.

    Ansible replaces no_log values in results with a mask before they are printed, so a leak shows as that
    mask; looking for the password itself alone would pass whatever the module did.
    """
    text = json.dumps(result)
    return FAKE_PASSWORD in text or "********" in text


def run_module(
    main: Callable[[], None],
    args: Dict[str, Any],
    replies: List[Union[Reply, Callable[[Request], Reply]]],
    monkeypatch,
    capsys,
    check: bool = False,
    diff: bool = False,
) -> Tuple[Dict[str, Any], FakeSession]:
    """Run a module's ``main`` with ``args`` against a server answering ``replies``.

    Returns the module's JSON result and the session, whose ``requests`` show what was sent.
    """
    from ansible_collections.qualys.was.plugins.module_utils import client

    session = FakeSession(replies)
    monkeypatch.setattr(client.requests, "Session", lambda: session)
    # A module process starts with no warnings; in one test process they would pile up from run to run.
    monkeypatch.setattr(warnings, "_global_warnings", type(warnings._global_warnings)())
    # Nor is it a controller, which a test of a filter plugin makes this process by importing ansible.errors: a
    # controller's warnings go to its display instead of the module's result.
    monkeypatch.setattr(_internal, "is_controller", False)
    with patch_module_args(dict(args, _ansible_check_mode=check, _ansible_diff=diff)):
        with pytest.raises(SystemExit):
            main()
    return json.loads(capsys.readouterr().out), session
