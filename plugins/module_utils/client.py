# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP transport for the QPS REST API: one session per task, safe retries, pagination, call counting."""

from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Mapping, NamedTuple, Optional, Sequence

try:
    import requests

    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False

from ansible_collections.qualys.was.plugins.module_utils.codec import (
    Criterion,
    ServiceResponse,
    build_request,
    parse_response,
)
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError, cannot_connect

if TYPE_CHECKING:
    from ansible_collections.qualys.was.plugins.module_utils.token import TokenSource

USER_AGENT = "qualys.was-ansible-collection"
PAGE_SIZE = 1000  # the largest page the API serves
DOWNLOAD_CHUNK = 65536  # bytes read at a time from a download
# A file downloaded whose first bytes are a ServiceResponse is the server's refusal, not the file.
SERVICE_RESPONSE_HEAD = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?<ServiceResponse\b")
FILE_HEAD_BYTES = 512
LIMIT_STATUSES = frozenset((409, 429))  # the server refused to run the call: safe to repeat any call
SERVER_ERROR_STATUSES = frozenset((500, 502, 503, 504))  # outcome unknown: only reads are repeated
MAX_TOTAL_WAIT = 120.0  # seconds a task may spend waiting between attempts, whatever the server asks
# Back-off when the server gives no positive wait: a concurrency-limit 409 says "wait 0 s", and repeating at once
# would spend every attempt within milliseconds while the other calls still run.
BACKOFF_FIRST = 0.5
BACKOFF_LONGEST = 30.0
BAD_CREDENTIALS = "INVALID_CREDENTIALS"  # the responseCode of a refused login (recorded sample)


class Endpoint(NamedTuple):
    """A QPS object: URL path after the operation, record element, and the words used in messages."""

    path: str
    element: str
    label: str
    version: str = "3.0"
    # Whether the object has a count operation: it tells when listing every record costs fewer calls than
    # searching them by name (documented for web apps, schedules and authentication records; none is known for
    # Asset Management tags).
    countable: bool = True


class ConnectionSettings(NamedTuple):
    base_url: str
    username: Optional[str]
    password: Optional[str]
    validate_certs: bool = True
    ca_path: Optional[str] = None
    timeout: int = 30
    retries: int = 3
    # "basic", or "oidc": a token from the gateway's /auth/oidc for the client id and secret (token.py).
    auth_method: str = "basic"
    client_id: Optional[str] = None
    client_secret: Optional[str] = None
    gateway_url: Optional[str] = None


def _wait_hint(response: "requests.Response") -> Optional[float]:
    """The positive wait the server asks for, if any."""
    for header in ("X-RateLimit-ToWait-Sec", "Retry-After"):
        try:
            value = float(response.headers.get(header, ""))
        except ValueError:
            continue
        if value > 0:
            return value
    return None


def backoff(attempt: int) -> float:
    """Exponential back-off with jitter, so that parallel tasks refused together do not come back together."""
    return min(BACKOFF_FIRST * 2.0 ** (attempt - 1), BACKOFF_LONGEST) * random.uniform(0.5, 1.5)


def _not_connected(error: Any) -> bool:
    """Whether ``error`` is urllib3's for a connection not made: by name, without importing urllib3 (a name that does
    not resolve gets a subclass of it in urllib3 2)."""
    return any(kind.__name__ == "NewConnectionError" for kind in type(error).__mro__)


def _no_connection(exc: "requests.exceptions.RequestException") -> Optional[str]:
    """How the connection failed when none was made, so that the request cannot have reached the server:
    ``refused``, ``unresolved``, ``timeout``, ``proxy`` or ``unreachable``; None when it may have been sent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "timeout"
    if isinstance(exc, requests.exceptions.SSLError) or not isinstance(exc, requests.exceptions.ConnectionError):
        return None
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    if type(reason).__name__ == "ProxyError":
        # Only a proxy that could not be reached proves that nothing went further (urllib3 1 also names a connection
        # the proxy broke after the request was sent so).
        return "proxy" if len(reason.args) > 1 and _not_connected(reason.args[1]) else None
    if not _not_connected(reason):
        return None
    # The socket error urllib3 chains tells the kinds apart.
    cause = reason.__cause__ or reason.__context__
    if isinstance(cause, socket.gaierror):
        return "unresolved"
    return "refused" if isinstance(cause, ConnectionRefusedError) else "unreachable"


def _transport_reason(exc: "requests.exceptions.RequestException", url: str, tries: int, timeout: float) -> str:
    """The reason of a call the transport failed; for one that reached no server, what failed and what to check."""
    words = "%s: %s" % (type(exc).__name__, exc)  # the URL and the cause, never the credentials (a header)
    failure = "tls" if isinstance(exc, requests.exceptions.SSLError) else _no_connection(exc)
    return cannot_connect(failure, url, tries, timeout, words) if failure else words


class QualysClient:
    """Calls ``/qps/rest/<version>/<operation>/<object>[/<id>]`` and returns parsed ``ServiceResponse``s.

    Limit responses (409/429) mean the server did not run the call: any call is repeated, as long as the total
    wait allows, after the wait the server asks for or else a back-off. Reads are also repeated, up to
    ``retries`` times, after connection errors, timeouts, server errors and bodies that are not a ServiceResponse.
    Writes are repeated only when the server cannot have run them (limit responses, no connection made); any
    other failure of a write is raised with ``ambiguous=True`` so that the caller can look before trying again.
    Certificate errors are never repeated: they do not heal.
    """

    def __init__(
        self,
        settings: ConnectionSettings,
        session: Optional["requests.Session"] = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.session = session or requests.Session()
        self.token: Optional[TokenSource] = None
        if settings.auth_method == "oidc":
            # Imported here: every module run compiles what it imports, and a task with a password needs no token.
            from ansible_collections.qualys.was.plugins.module_utils.token import (  # pylint: disable=import-outside-toplevel
                TokenSource,
            )

            self.token = TokenSource(
                self._token_request, settings.gateway_url, settings.client_id, settings.client_secret
            )
        else:
            self.session.auth = (settings.username, settings.password)
        self.session.headers.update({"Content-Type": "text/xml", "Accept": "application/xml", "User-Agent": USER_AGENT})
        # Passed with every request: a session-level value loses to REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE.
        self.verify = (settings.ca_path or True) if settings.validate_certs else False
        self._sleep = sleep
        self.calls_by_operation: Counter = Counter()
        # Reads of many objects may run in threads; each call is counted once.
        self._counting = threading.Lock()

    @property
    def calls(self) -> int:
        return sum(self.calls_by_operation.values())

    # Operations -------------------------------------------------------------------------------------

    def search(
        self, endpoint: Endpoint, filters: Sequence[Criterion] = (), verbose: bool = False
    ) -> List[Dict[str, Any]]:
        """All records matching ``filters`` (ANDed), following ``hasMoreRecords``/``lastId`` pages."""
        return [record for page in self.search_pages(endpoint, filters, verbose) for record in page]

    def search_pages(
        self, endpoint: Endpoint, filters: Sequence[Criterion] = (), verbose: bool = False
    ) -> Iterator[List[Dict[str, Any]]]:
        """The records of ``search`` a page at a time, each page read when the one before has been used: a caller
        that reduces each page as it comes holds one page, not every record."""
        preferences: Dict[str, Any] = {"limitResults": PAGE_SIZE}
        if verbose:
            preferences["verbose"] = True
        after_id: Optional[int] = None
        while True:
            page_filters = list(filters)
            if after_id is not None:
                page_filters.append(Criterion("id", "GREATER", after_id))
            body = build_request(filters=page_filters, preferences=preferences)
            page = self._call("search", endpoint, body=body)
            yield page.records
            # An empty page that still claims more, or a cursor that does not move, would loop forever.
            if not page.has_more_records or not page.records or page.last_id is None or page.last_id == after_id:
                return
            after_id = page.last_id

    def count(self, endpoint: Endpoint, filters: Sequence[Criterion] = ()) -> int:
        """How many records match ``filters``, in one call whatever their number."""
        return self._call("count", endpoint, body=build_request(filters=filters)).count

    def get(self, endpoint: Endpoint, record_id: int, operation: str = "get") -> Dict[str, Any]:
        """One record read with GET: ``get``, or another read of one record such as a scan's ``status``."""
        page = self._call(operation, endpoint, record_id=record_id, method="GET")
        if not page.records:
            raise QualysApiError("the server answered SUCCESS without a record", "%s %s" % (operation, endpoint.label))
        return page.records[0]

    def create(self, endpoint: Endpoint, payload: Dict[str, Any]) -> Dict[str, Any]:
        page = self._call("create", endpoint, body=build_request(data=(endpoint.element, payload)), write=True)
        if not page.records:
            raise QualysApiError("the server answered SUCCESS without the created record", "create " + endpoint.label)
        return page.records[0]

    def update(self, endpoint: Endpoint, record_id: int, payload: Dict[str, Any]) -> None:
        body = build_request(data=(endpoint.element, payload))
        self._call("update", endpoint, record_id=record_id, body=body, write=True)

    def delete(self, endpoint: Endpoint, record_id: int) -> None:
        self._call("delete", endpoint, record_id=record_id, body=build_request(), write=True)

    def act(self, operation: str, endpoint: Endpoint, record_id: int) -> None:
        """An operation without a payload, such as ``activate`` or ``deactivate``."""
        self._call(operation, endpoint, record_id=record_id, body=build_request(), write=True)

    def start(self, operation: str, endpoint: Endpoint, payload: Dict[str, Any]) -> List[Dict[str, Any]]:
        """A write that starts an action (``launch`` a scan): the records the server answers with."""
        body = build_request(data=(endpoint.element, payload))
        return self._call(operation, endpoint, body=body, write=True).records

    def download(
        self,
        endpoint: Endpoint,
        record_id: int,
        streamed: Callable[[], Mapping[str, Callable[[Any], None]]],
        skipped: Sequence[str] = (),
    ) -> Dict[str, Any]:
        """A record the server sends as a document of its own (``download/was/wasscan/<id>``), read as it arrives.

        ``streamed()`` gives, per container path, the callback that each child of the container goes to instead
        of into the returned record (see ``streaming.parse_stream``); it is called at every attempt, since a
        repeated read starts again from the first byte. Repeated as any read is.
        """
        # Imported here: every module run compiles what it imports, and only a scan's results are downloaded.
        from ansible_collections.qualys.was.plugins.module_utils.streaming import (  # pylint: disable=import-outside-toplevel
            parse_stream,
        )

        def read(response: "requests.Response") -> ServiceResponse:
            try:
                return parse_stream(response.iter_content(DOWNLOAD_CHUNK), endpoint.element, streamed(), skipped)
            except requests.exceptions.RequestException as exc:
                raise QualysApiError("the download broke off (%s: %s)" % (type(exc).__name__, exc)) from None
            finally:
                response.close()

        page = self._call("download", endpoint, record_id=record_id, method="GET", reader=read)
        if not page.records:
            raise QualysApiError("the server answered SUCCESS without a record", "download " + endpoint.label)
        return page.records[0]

    def download_file(self, endpoint: Endpoint, record_id: int, writer: Callable[[], Callable[[bytes], None]]) -> None:
        """A record the server sends as a file of its own bytes (``download/was/report/<id>``), not wrapped in a
        ServiceResponse: each piece goes, as it arrives, to the callable ``writer()`` gives, which is called at
        every attempt, since a repeated read starts again from the first byte. A ServiceResponse sent instead (a
        refusal, with HTTP 200) fails as any refusal does, and nothing is written. Repeated as any read is."""

        def read(response: "requests.Response") -> ServiceResponse:
            try:
                chunks = response.iter_content(DOWNLOAD_CHUNK)
                head = b""
                for chunk in chunks:
                    head += chunk
                    if len(head) >= FILE_HEAD_BYTES:
                        break
                if not head:
                    raise QualysApiError("the server sent an empty body where a file was expected")
                if SERVICE_RESPONSE_HEAD.match(head):
                    return parse_response(head + b"".join(chunks), endpoint.element)
                write = writer()
                write(head)
                for chunk in chunks:
                    write(chunk)
            except requests.exceptions.RequestException as exc:
                raise QualysApiError("the download broke off (%s: %s)" % (type(exc).__name__, exc)) from None
            finally:
                response.close()
            return ServiceResponse("SUCCESS", 1, False, None, [], None, None)

        self._call("download", endpoint, record_id=record_id, method="GET", reader=read)

    # Transport --------------------------------------------------------------------------------------

    def _url(self, operation: str, endpoint: Endpoint, record_id: Optional[int]) -> str:
        url = "%s/qps/rest/%s/%s/%s" % (self.settings.base_url.rstrip("/"), endpoint.version, operation, endpoint.path)
        return url if record_id is None else "%s/%s" % (url, record_id)

    def _call(
        self,
        operation: str,
        endpoint: Endpoint,
        record_id: Optional[int] = None,
        body: Optional[bytes] = None,
        method: str = "POST",
        write: bool = False,
        reader: Optional[Callable[["requests.Response"], ServiceResponse]] = None,
    ) -> ServiceResponse:
        url = self._url(operation, endpoint, record_id)
        attempted = "%s %s" % (operation, endpoint.label)
        target = "id %s" % record_id if record_id is not None else ""
        waited = 0.0
        attempt = failures = 0
        token = self.token.current() if self.token else None
        renewed = False
        while True:
            attempt += 1
            self._count("%s/%s" % (operation, endpoint.path.rsplit("/", 1)[-1]))
            wait: Optional[float] = None
            try:
                response = self.session.request(
                    method,
                    url,
                    data=body,
                    headers=self.token.headers(token) if token else None,
                    timeout=self.settings.timeout,
                    verify=self.verify,
                    **({"stream": True} if reader else {}),
                )
            except requests.exceptions.RequestException as exc:
                reason = _transport_reason(exc, url, attempt, self.settings.timeout)
                if isinstance(exc, requests.exceptions.SSLError):
                    raise QualysApiError(reason, attempted, target) from None
                failure = QualysApiError(reason, attempted, target, ambiguous=write and not _no_connection(exc))
                if failure.ambiguous:
                    raise failure from None
            else:
                # A token refused (expired or revoked) means the server ran nothing: one new token, one more try.
                # Which answer a real tenant gives is not documented: HTTP 401, or the 200 a bad password gets.
                renewable = token is not None and not renewed
                if response.status_code == 200:
                    try:
                        return self._checked(response, endpoint, attempted, target, reader)
                    except QualysApiError as exc:
                        if renewable and exc.response_code == BAD_CREDENTIALS:
                            token, renewed = self.token.renew(token), True
                            continue
                        # A body that is not a ServiceResponse: a write may have run, a read is safe to repeat.
                        if exc.response_code or write:
                            exc.ambiguous = write and not exc.response_code
                            raise
                        failure = exc
                elif renewable and response.status_code == 401:
                    token, renewed = self.token.renew(token), True
                    continue
                else:
                    failure = self._http_failure(response, endpoint, attempted, target, write)
                    if response.status_code in LIMIT_STATUSES:
                        wait = _wait_hint(response) or backoff(attempt)
                    elif write or response.status_code not in SERVER_ERROR_STATUSES:
                        raise failure
            if wait is None:
                failures += 1
                if failures > self.settings.retries:
                    raise failure
                wait = backoff(failures)
            if waited + wait > MAX_TOTAL_WAIT:
                failure.reason += " (gave up after %d calls: waiting %.0f s more would exceed %.0f s)" % (
                    attempt,
                    wait,
                    MAX_TOTAL_WAIT,
                )
                raise failure
            self._sleep(wait)
            waited += wait

    def _count(self, call: str) -> None:
        with self._counting:
            self.calls_by_operation[call] += 1

    def _token_request(self, method: str, url: str, headers: Dict[str, str]) -> "requests.Response":
        """The token call, repeated as a read is: getting a token changes nothing on the server."""
        from ansible_collections.qualys.was.plugins.module_utils.token import (  # pylint: disable=import-outside-toplevel
            ATTEMPTED as ATTEMPTED_TOKEN,
        )

        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            self._count("auth/oidc")
            response, failure = None, None
            try:
                response = self.session.request(
                    method, url, headers=headers, timeout=self.settings.timeout, verify=self.verify
                )
            except requests.exceptions.RequestException as exc:
                failure = QualysApiError(_transport_reason(exc, url, attempt, self.settings.timeout), ATTEMPTED_TOKEN)
                if isinstance(exc, requests.exceptions.SSLError):
                    raise failure from None
            else:
                if response.status_code not in LIMIT_STATUSES | SERVER_ERROR_STATUSES:
                    return response
            wait = (response is not None and _wait_hint(response)) or backoff(attempt)
            # The bound on waiting of every call: a token service asking for long waits must not hold the task.
            if attempt > self.settings.retries or waited + wait > MAX_TOTAL_WAIT:
                if failure is not None:
                    raise failure
                return response
            self._sleep(wait)
            waited += wait

    @staticmethod
    def _checked(
        response: "requests.Response",
        endpoint: Endpoint,
        attempted: str,
        target: str,
        reader: Optional[Callable[["requests.Response"], ServiceResponse]] = None,
    ) -> ServiceResponse:
        try:
            page = reader(response) if reader else parse_response(response.content, endpoint.element)
        except QualysApiError as exc:
            raise QualysApiError(exc.reason, attempted, target, http_status=200) from None
        if not page.succeeded:
            raise QualysApiError(
                "the server refused the request",
                attempted,
                target,
                http_status=200,
                response_code=page.response_code,
                error_message=page.error_message,
                error_resolution=page.error_resolution,
            )
        return page

    @staticmethod
    def _http_failure(
        response: "requests.Response", endpoint: Endpoint, attempted: str, target: str, write: bool
    ) -> QualysApiError:
        """An HTTP error, keeping the ServiceResponse details when the body carries one."""
        fields: Dict[str, Any] = {}
        reason = "HTTP error %s %s" % (response.status_code, response.reason or "")
        try:
            page = parse_response(response.content, endpoint.element)
            fields = {
                "response_code": page.response_code or None,
                "error_message": page.error_message,
                "error_resolution": page.error_resolution,
            }
        except QualysApiError as exc:
            reason = "%s; %s" % (reason.strip(), exc.reason)
        return QualysApiError(
            reason.strip(),
            attempted,
            target,
            http_status=response.status_code,
            ambiguous=write and response.status_code in SERVER_ERROR_STATUSES,
            **fields,
        )
