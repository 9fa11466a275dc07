# Hand-written in generator/runtime/_base_client.py, copied by `make generate` -- do not edit the copy.
"""The engine under the resource facade: one request, from a facade method's call to a typed result.

Each facade method states its own call, in the style of openai-python's resources::

    return self._engine.request(
        "POST",
        "/post-order/v2/return/{returnId}/issue_refund",
        path={"returnId": return_id},
        body=IssueRefundRequest(...),
        cast_to=IssueRefundResponse,
        signed=True,
        options=CallOptions(marketplace, max_retries, timeout),
    )

and the engine does the rest: refuse a call eBay decommissioned (``DecommissionedError``, before
anything is sent) unless the client allows them, fill the path (each value
escaped, and ``.``, ``..`` or an empty id refused: they would change which URL is called), write
the query (unset arguments left out) and the JSON body (money as exact numbers), sign when eBay
requires it and a key was given (afresh for every attempt), send with the retry policy, turn an
error status into the right ``ApiError``, and decode a 2xx with ``cast_to``; a 2xx that does not
decode becomes ``DecodeError`` with the raw response. A search page is bound to the same call, so
it can fetch the pages after it. The ``ebay_post_order`` logger gets a debug line per attempt,
per response and per retry decision (never a header, so never a token). With a budget
(``quota=``, ``_quota``), every attempt of a call that counts against one of eBay's rate-limit
resources (the call's ``quota``) is taken from it first, so a spent budget raises
``QuotaExhaustedError`` with nothing sent, and eBay's 429 marks the resource spent. ``SyncEngine`` and
``AsyncEngine`` differ only in how they wait and send; every decision lives in ``_Engine``.
"""

import dataclasses
import datetime
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from enum import Enum
from typing import Any, NamedTuple, TypeVar, overload
from urllib.parse import quote

import httpx

from . import _encode, _quota
from ._decode import MAX_RESPONSE_BYTES, _keep, aread_bounded, loads, read_bounded
from ._errors import (
    DecodeError,
    DecommissionedError,
    DecommissionedWarning,
    RateLimitError,
    RequestTimeoutError,
    ResponseTooLargeError,
    TransportError,
    error_for,
)
from ._pagination import AsyncPage, SyncPage
from ._response import capture
from ._retry import RetryPolicy, parse_retry_after, too_long
from ._signing import Signer
from .types import Unset

T = TypeVar("T")

log = logging.getLogger("ebay_post_order")
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
MARKETPLACE_HEADER = "X-EBAY-C-MARKETPLACE-ID"
JSON_HEADERS = {"Content-Type": "application/json"}


class CallOptions(NamedTuple):
    """Per-call overrides (a NamedTuple: built on every call, and cheaper than a dataclass)."""

    marketplace: str | None = None
    max_retries: int | None = None
    timeout: float | httpx.Timeout | None = None


class Call(NamedTuple):
    """One call as a facade method states it; kept by a search page to fetch the pages after it."""

    method: str
    path: str  # the spec's template, e.g. /post-order/v2/return/{returnId}
    path_params: Mapping[str, str] | None
    query: Mapping[str, Any] | None
    body: Any
    signed: bool
    decommissioned: str | None
    use_instead: str | None
    options: CallOptions
    quota: str | None = None  # eBay's rate-limit resource the call counts against (x-ebay-quota-resource)
    write: bool = False  # a call the budget's write reserve is kept for (x-ebay-quota-write)


class CreatedId(str):
    """The id of what a call created, which eBay answers 201 with in the ``Location`` header only."""

    @classmethod
    def from_response(cls, response: httpx.Response) -> "CreatedId":
        location = response.headers.get("Location", "")
        created = location.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
        if not created:
            raise ValueError(f"the {response.status_code} answer has no id in its Location header ({location!r})")
        return cls(created)


def from_str(cls: type[Any], value: Any, field: str) -> Any:
    """A model that a plain str stands for (``comments="..."`` is ``Text(content="...")``).

    Typed loosely on purpose: the facade method's own signature already says what it takes, and
    a precise overload makes mypy widen the model to ``object`` against ``Model | str | Unset``.
    """
    return cls(**{field: value}) if isinstance(value, str) else value


def fill_path(template: str, params: Mapping[str, str] | None) -> str:
    """The path with every ``{name}`` replaced by its value, escaped as one path segment.

    ``.``, ``..`` and ``""`` are refused: escaping leaves them as they are, and they would make
    the request name another resource (``get("..")`` would request ``GET /post-order/v2``).
    """
    if not params:
        return template
    escaped = {}
    for name, value in params.items():
        text = str(value)
        if text in ("", ".", ".."):
            raise ValueError(f"{name} must be an eBay id, not {text!r}")
        # eBay's ids are digits and letters, which need no escaping (and quote() is slow to ask)
        escaped[name] = text if text.isascii() and text.isalnum() else quote(text, safe="")
    return template.format_map(escaped)


def query_value(value: Any) -> str:
    """A query argument as eBay reads it: enums by value, booleans in lower case, eBay's timestamps."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _encode.timestamp(value)
    return str(value)


def body_bytes(body: Any) -> bytes:
    """A request model (or a plain dict) as JSON; money stays exact."""
    if isinstance(body, dict):
        return b"{}" if not body else _encode.dumps(body)  # {}: the POSTs eBay wants an empty object for
    return _encode.dumps(body.to_dict())


class _Engine:
    """State and decisions shared by the sync and async engines."""

    caller_depth = 6
    """Frames from ``_decommissioned`` up to the caller's line: prepare, send, request, the facade
    method (the async ``request`` is not a frame of its own, so the async engine says 5)."""

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        headers: Mapping[str, str],
        timeout: httpx.Timeout | None,
        marketplace: str,
        max_retries: int,
        signer: Signer | None,
        base_url: str,
        allow_decommissioned: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        quota: _quota.Budget | None = None,
    ) -> None:
        self.quota = quota
        self.max_response_bytes = max_response_bytes
        self.auth = auth
        self.headers = dict(headers)
        self.timeout = timeout  # None: the http_client's own
        self.marketplace = str(marketplace)
        self.base_url = base_url
        self.policy = RetryPolicy(max_retries)
        self.signer = signer
        self.allow_decommissioned = allow_decommissioned

    def prepare(self, call: Call) -> tuple[str, dict[str, str] | None, dict[str, str], bytes | None]:
        """URL, query, headers and body of ``call``: worked out once, whatever the retries."""
        if call.decommissioned:
            self._decommissioned(call)
        url = self.base_url + fill_path(call.path, call.path_params)  # absolute: httpx parses it once
        query = None
        if call.query:
            query = {name: query_value(value) for name, value in call.query.items() if not isinstance(value, Unset)}
        headers = {**self.headers, MARKETPLACE_HEADER: str(call.options.marketplace or self.marketplace)}
        content = None
        if call.body is not None:
            content = body_bytes(call.body)
            headers.update(JSON_HEADERS)
        return url, query, headers, content

    def _decommissioned(self, call: Call) -> None:
        error = DecommissionedError(call.method, call.path, str(call.decommissioned), call.use_instead)
        if not self.allow_decommissioned:
            raise error
        log.warning("%s (sent: allow_decommissioned=True)", error)
        warnings.warn(DecommissionedWarning(str(error)), stacklevel=self.caller_depth)

    def build(self, http: httpx.Client | httpx.AsyncClient, call: Call, prepared: tuple[Any, ...]) -> httpx.Request:
        """A new request for every attempt, so a signature and its ``created`` time are fresh."""
        url, query, headers, content = prepared
        chosen = _timeout(call.options.timeout) if call.options.timeout is not None else self.timeout
        request = http.build_request(
            call.method,
            url,
            params=query,
            headers=headers,
            content=content,
            timeout=httpx.USE_CLIENT_DEFAULT if chosen is None else chosen,
        )
        if call.signed and self.signer is not None:
            self.signer.sign(request)
        return request

    def policy_for(self, options: CallOptions) -> RetryPolicy:
        return (
            self.policy
            if options.max_retries is None
            else dataclasses.replace(self.policy, max_retries=options.max_retries)
        )

    def retry_delay(
        self, policy: RetryPolicy, request: httpx.Request, response: httpx.Response, attempt: int, waited: float
    ) -> float | None:
        """Seconds to wait before retrying ``response``, or None to raise it as an error (also when
        the wait would take the call past the policy's total wait)."""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if policy.retries_status(request.method, response.status_code, attempt) and not too_long(retry_after):
            delay = policy.delay(attempt, retry_after)
            if policy.wait_fits(waited, delay):
                log.debug("retry %s %s in %.2f s: status %d", request.method, request.url, delay, response.status_code)
                return delay
        return None

    def too_large(self, response: httpx.Response, error: ResponseTooLargeError) -> None:
        """A body past the bound: a 2xx raises ``ResponseTooLargeError`` (eBay may have acted, so it
        is not retried); an error status goes on to be raised for its status, its body dropped."""
        if response.is_success:
            raise error
        _keep(response, [])

    def fail(self, response: httpx.Response) -> Exception:
        error = error_for(response)
        if isinstance(error, RateLimitError):
            error.retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return error

    def transport_failure(
        self, policy: RetryPolicy, request: httpx.Request, error: httpx.TransportError, attempt: int, waited: float
    ) -> float | Exception:
        """Seconds to wait before retrying after ``error``, or the exception to raise."""
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        delay = policy.delay(attempt, None)
        if policy.retries_transport_error(request.method, attempt) and policy.wait_fits(waited, delay):
            log.debug("retry %s %s in %.2f s: %s", request.method, request.url, delay, what)
            return delay
        kind = RequestTimeoutError if isinstance(error, httpx.TimeoutException) else TransportError
        return kind(f"{request.method} {request.url.scheme}://{request.url.netloc.decode()}{request.url.path}: {what}")

    def sent(self, request: httpx.Request, attempt: int) -> float:
        log.debug("request %s %s attempt %d", request.method, request.url, attempt + 1)
        return time.perf_counter()

    def answered(self, request: httpx.Request, response: httpx.Response, started: float) -> None:
        elapsed = time.perf_counter() - started
        log.debug("response %d %s %s in %.3f s", response.status_code, request.method, request.url, elapsed)

    def counted(self, call: Call) -> str | None:
        """The budget resource ``call`` counts against, or None (no budget, or a call outside eBay's)."""
        return call.quota if self.quota is not None and call.quota else None

    def rate_limited(self, call: Call, response: httpx.Response) -> tuple[str, float | None] | None:
        """eBay's 429 on a counted call: the resource to mark spent, and its Retry-After if sent."""
        resource = self.counted(call)
        if resource is None or response.status_code != 429:
            return None
        log.debug("429 on %s: the %s budget is spent until its reset", call.path, resource)
        return resource, parse_retry_after(response.headers.get("Retry-After"))

    def decode(self, cast_to: type[T] | None, response: httpx.Response) -> T | None:
        """The 2xx body as ``cast_to``; an empty body reads as a model with nothing set."""
        box = capture.get()
        if box is not None:
            box.append(response)
        if cast_to is None:
            return None
        try:
            if cast_to is CreatedId:
                return CreatedId.from_response(response)  # type: ignore[return-value]
            return cast_to.from_dict(loads(response.content))  # type: ignore[attr-defined,no-any-return]
        except Exception as error:  # any failure to read a 2xx must keep the response
            raise DecodeError(response, f"{type(error).__name__}: {error}") from error


def _timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=min(5.0, value))


def _page_query(call: Call, offset: int) -> Call:
    return call._replace(query={**(call.query or {}), "offset": offset})


class SyncEngine(_Engine):
    def __init__(self, http: httpx.Client, sleep: Callable[[float], None] = time.sleep, **engine: Any) -> None:
        super().__init__(**engine)
        self.http = http
        self.sleep = sleep

    def take(self, call: Call) -> None:
        """Count this attempt against the budget, or raise ``QuotaExhaustedError`` before sending."""
        resource = self.counted(call)
        if resource is not None and self.quota is not None:
            self.quota.take(resource, call.write)

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        options: CallOptions,
        path_params: Mapping[str, str] | None = ...,
        query: Mapping[str, Any] | None = ...,
        body: Any = ...,
        signed: bool = ...,
        decommissioned: str | None = ...,
        use_instead: str | None = ...,
        quota: str | None = ...,
        write: bool = ...,
    ) -> T: ...

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: None = ...,
        options: CallOptions,
        path_params: Mapping[str, str] | None = ...,
        query: Mapping[str, Any] | None = ...,
        body: Any = ...,
        signed: bool = ...,
        decommissioned: str | None = ...,
        use_instead: str | None = ...,
        quota: str | None = ...,
        write: bool = ...,
    ) -> None: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T] | None = None,
        options: CallOptions,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        signed: bool = False,
        decommissioned: str | None = None,
        use_instead: str | None = None,
        quota: str | None = None,
        write: bool = False,
    ) -> T | None:
        """Send one call and return its decoded result (``None`` where eBay answers no body)."""
        call = Call(method, path, path_params, query, body, signed, decommissioned, use_instead, options, quota, write)
        return self.send(call, cast_to)

    def send(self, call: Call, cast_to: type[T] | None) -> T | None:
        prepared = self.prepare(call)
        policy = self.policy_for(call.options)
        attempt, waited = 0, 0.0
        while True:
            self.take(call)
            request = self.build(self.http, call, prepared)
            started = self.sent(request, attempt)
            try:
                response = self.http.send(request, auth=self.auth, follow_redirects=False, stream=True)
                try:
                    read_bounded(response, self.max_response_bytes)
                except ResponseTooLargeError as too_large:
                    self.too_large(response, too_large)
            except httpx.TransportError as error:
                outcome = self.transport_failure(policy, request, error, attempt, waited)
                if isinstance(outcome, Exception):
                    raise outcome from error
                self.sleep(outcome)
                attempt, waited = attempt + 1, waited + outcome
                continue
            self.answered(request, response, started)
            if response.is_success:
                result = self.decode(cast_to, response)
                if isinstance(result, SyncPage):
                    result._bind(lambda offset: self.send(_page_query(call, offset), cast_to), call.query)
                return result
            spent = self.rate_limited(call, response)
            if spent is not None and self.quota is not None:
                self.quota.mark_spent(*spent)
            delay = self.retry_delay(policy, request, response, attempt, waited)
            if delay is None:
                raise self.fail(response)
            response.close()
            self.sleep(delay)
            attempt, waited = attempt + 1, waited + delay


class AsyncEngine(_Engine):
    caller_depth = 5

    def __init__(
        self, http: httpx.AsyncClient, sleep: Callable[[float], Awaitable[None]] | None = None, **engine: Any
    ) -> None:
        super().__init__(**engine)
        self.http = http
        if sleep is None:
            import asyncio  # here, not at the top: a sync-only program never pays for importing it

            sleep = asyncio.sleep
        self.sleep = sleep

    async def atake(self, call: Call) -> None:
        """Count this attempt against the budget, or raise ``QuotaExhaustedError`` before sending."""
        resource = self.counted(call)
        if resource is not None and self.quota is not None:
            await self.quota.atake(resource, call.write)

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        options: CallOptions,
        path_params: Mapping[str, str] | None = ...,
        query: Mapping[str, Any] | None = ...,
        body: Any = ...,
        signed: bool = ...,
        decommissioned: str | None = ...,
        use_instead: str | None = ...,
        quota: str | None = ...,
        write: bool = ...,
    ) -> Coroutine[Any, Any, T]: ...

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: None = ...,
        options: CallOptions,
        path_params: Mapping[str, str] | None = ...,
        query: Mapping[str, Any] | None = ...,
        body: Any = ...,
        signed: bool = ...,
        decommissioned: str | None = ...,
        use_instead: str | None = ...,
        quota: str | None = ...,
        write: bool = ...,
    ) -> Coroutine[Any, Any, None]: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T] | None = None,
        options: CallOptions,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        signed: bool = False,
        decommissioned: str | None = None,
        use_instead: str | None = None,
        quota: str | None = None,
        write: bool = False,
    ) -> Coroutine[Any, Any, T | None]:
        """The coroutine that sends one call and returns its decoded result (``None`` where eBay
        answers no body); not itself a coroutine, which saves a frame on every call."""
        call = Call(method, path, path_params, query, body, signed, decommissioned, use_instead, options, quota, write)
        return self.send(call, cast_to)

    async def send(self, call: Call, cast_to: type[T] | None) -> T | None:
        prepared = self.prepare(call)
        policy = self.policy_for(call.options)
        attempt, waited = 0, 0.0
        while True:
            await self.atake(call)
            request = self.build(self.http, call, prepared)
            started = self.sent(request, attempt)
            try:
                response = await self.http.send(request, auth=self.auth, follow_redirects=False, stream=True)
                try:
                    await aread_bounded(response, self.max_response_bytes)
                except ResponseTooLargeError as too_large:
                    self.too_large(response, too_large)
            except httpx.TransportError as error:
                outcome = self.transport_failure(policy, request, error, attempt, waited)
                if isinstance(outcome, Exception):
                    raise outcome from error
                await self.sleep(outcome)
                attempt, waited = attempt + 1, waited + outcome
                continue
            self.answered(request, response, started)
            if response.is_success:
                result = self.decode(cast_to, response)
                if isinstance(result, AsyncPage):
                    result._bind(lambda offset: self.send(_page_query(call, offset), cast_to), call.query)
                return result
            spent = self.rate_limited(call, response)
            if spent is not None and self.quota is not None:
                await self.quota.amark_spent(*spent)
            delay = self.retry_delay(policy, request, response, attempt, waited)
            if delay is None:
                raise self.fail(response)
            await response.aclose()
            await self.sleep(delay)
            attempt, waited = attempt + 1, waited + delay
