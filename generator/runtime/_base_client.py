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

and the engine does the rest: warn if eBay decommissioned the call, fill the path (each value
escaped, and ``.``, ``..`` or an empty id refused: they would change which URL is called), write
the query (unset arguments left out) and the JSON body (money as exact numbers), sign when eBay
requires it and a key was given (afresh for every attempt), send with the retry policy, turn an
error status into the right ``ApiError``, and decode a 2xx with ``cast_to``; a 2xx that does not
decode becomes ``DecodeError`` with the raw response. A search page is bound to the same call, so
it can fetch the pages after it. ``SyncEngine`` and ``AsyncEngine`` differ only in how they wait
and send; every decision lives in the shared functions below.
"""

import datetime
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, NamedTuple, TypeVar, overload
from urllib.parse import quote

import httpx

from . import _encode
from ._decode import loads
from ._errors import DecodeError, RateLimitError, RequestTimeoutError, TransportError, error_for
from ._pagination import AsyncPage, SyncPage
from ._retry import RetryPolicy, parse_retry_after, too_long
from ._signing import Signer
from .types import Unset

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

ENVIRONMENTS = {"production": "https://api.ebay.com", "sandbox": "https://api.sandbox.ebay.com"}
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
    options: CallOptions


@overload
def coerce_enum(cls: type[E], value: E | str) -> E: ...


@overload
def coerce_enum(cls: type[E], value: E | str | Unset) -> E | Unset: ...


def coerce_enum(cls: type[E], value: E | str | Unset) -> E | Unset:
    """The facade takes enum members or plain strings; the open enums accept any string."""
    return value if isinstance(value, cls | Unset) else cls(value)


@overload
def coerce_enums(cls: type[E], values: list[E | str]) -> list[E]: ...


@overload
def coerce_enums(cls: type[E], values: list[E | str] | Unset) -> list[E] | Unset: ...


def coerce_enums(cls: type[E], values: list[E | str] | Unset) -> list[E] | Unset:
    """``coerce_enum`` for each member of a list argument."""
    return values if isinstance(values, Unset) else [coerce_enum(cls, value) for value in values]


def base_url_for(environment: str, base_url: str | None) -> str:
    if base_url is not None:
        return base_url.rstrip("/")
    try:
        return ENVIRONMENTS[environment]
    except KeyError:
        raise ValueError(f"environment must be one of {sorted(ENVIRONMENTS)}, not {environment!r}") from None


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
        escaped[name] = quote(text, safe="")
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
    return _encode.dumps(body.to_dict() if hasattr(body, "to_dict") else body)


class _Engine:
    """State and decisions shared by the sync and async engines."""

    def __init__(self, *, marketplace: str, max_retries: int, signer: Signer | None, base_url: str) -> None:
        self.marketplace = str(marketplace)
        self.base_url = base_url
        self.policy = RetryPolicy(max_retries)
        self.signer = signer

    def prepare(self, call: Call) -> tuple[str, dict[str, str] | None, dict[str, str], bytes | None]:
        """URL, query, headers and body of ``call``: worked out once, whatever the retries."""
        if call.decommissioned:
            warnings.warn(
                f"{call.method} {call.path} was decommissioned by eBay ({call.decommissioned})",
                DeprecationWarning,
                stacklevel=5,  # prepare, send, request, the facade method: the caller
            )
        url = self.base_url + fill_path(call.path, call.path_params)  # absolute: httpx parses it once
        query = None
        if call.query:
            query = {name: query_value(value) for name, value in call.query.items() if not isinstance(value, Unset)}
        headers = {MARKETPLACE_HEADER: str(call.options.marketplace or self.marketplace)}
        content = None
        if call.body is not None:
            content = body_bytes(call.body)
            headers.update(JSON_HEADERS)
        return url, query, headers, content

    def build(self, http: httpx.Client | httpx.AsyncClient, call: Call, prepared: tuple[Any, ...]) -> httpx.Request:
        """A new request for every attempt, so a signature and its ``created`` time are fresh."""
        url, query, headers, content = prepared
        timeout = call.options.timeout
        request = http.build_request(
            call.method,
            url,
            params=query,
            headers=headers,
            content=content,
            timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else _timeout(timeout),
        )
        if call.signed and self.signer is not None:
            self.signer.sign(request)
        return request

    def policy_for(self, options: CallOptions) -> RetryPolicy:
        return self.policy if options.max_retries is None else RetryPolicy(options.max_retries)

    def retry_delay(
        self, policy: RetryPolicy, request: httpx.Request, response: httpx.Response, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying ``response``, or None to raise it as an error."""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if policy.retries_status(request.method, response.status_code, attempt) and not too_long(retry_after):
            return policy.delay(attempt, retry_after)
        return None

    def fail(self, response: httpx.Response) -> Exception:
        error = error_for(response)
        if isinstance(error, RateLimitError):
            error.retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return error

    def transport_failure(
        self, policy: RetryPolicy, request: httpx.Request, error: httpx.TransportError, attempt: int
    ) -> float | Exception:
        """Seconds to wait before retrying after ``error``, or the exception to raise."""
        if policy.retries_transport_error(request.method, attempt):
            return policy.delay(attempt, None)
        kind = RequestTimeoutError if isinstance(error, httpx.TimeoutException) else TransportError
        return kind(f"{request.method} {request.url.path}: {type(error).__name__}: {error}")

    def decode(self, cast_to: type[T] | None, response: httpx.Response) -> T | None:
        """The 2xx body as ``cast_to``; an empty body reads as a model with nothing set."""
        if cast_to is None:
            return None
        try:
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
    ) -> T | None:
        """Send one call and return its decoded result (``None`` where eBay answers no body)."""
        call = Call(method, path, path_params, query, body, signed, decommissioned, options)
        return self.send(call, cast_to)

    def send(self, call: Call, cast_to: type[T] | None) -> T | None:
        prepared = self.prepare(call)
        policy = self.policy_for(call.options)
        attempt = 0
        while True:
            request = self.build(self.http, call, prepared)
            try:
                response = self.http.send(request)
            except httpx.TransportError as error:
                outcome = self.transport_failure(policy, request, error, attempt)
                if isinstance(outcome, Exception):
                    raise outcome from error
                self.sleep(outcome)
                attempt += 1
                continue
            if response.is_success:
                result = self.decode(cast_to, response)
                if isinstance(result, SyncPage):
                    result._bind(lambda offset: self.send(_page_query(call, offset), cast_to), call.query)
                return result
            delay = self.retry_delay(policy, request, response, attempt)
            if delay is None:
                raise self.fail(response)
            response.close()
            self.sleep(delay)
            attempt += 1


class AsyncEngine(_Engine):
    def __init__(
        self, http: httpx.AsyncClient, sleep: Callable[[float], Awaitable[None]] | None = None, **engine: Any
    ) -> None:
        super().__init__(**engine)
        self.http = http
        if sleep is None:
            import asyncio  # here, not at the top: a sync-only program never pays for importing it

            sleep = asyncio.sleep
        self.sleep = sleep

    @overload
    async def request(
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
    ) -> T: ...

    @overload
    async def request(
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
    ) -> None: ...

    async def request(
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
    ) -> T | None:
        """Send one call and return its decoded result (``None`` where eBay answers no body)."""
        call = Call(method, path, path_params, query, body, signed, decommissioned, options)
        return await self.send(call, cast_to)

    async def send(self, call: Call, cast_to: type[T] | None) -> T | None:
        prepared = self.prepare(call)
        policy = self.policy_for(call.options)
        attempt = 0
        while True:
            request = self.build(self.http, call, prepared)
            try:
                response = await self.http.send(request)
            except httpx.TransportError as error:
                outcome = self.transport_failure(policy, request, error, attempt)
                if isinstance(outcome, Exception):
                    raise outcome from error
                await self.sleep(outcome)
                attempt += 1
                continue
            if response.is_success:
                result = self.decode(cast_to, response)
                if isinstance(result, AsyncPage):
                    result._bind(lambda offset: self.send(_page_query(call, offset), cast_to), call.query)
                return result
            delay = self.retry_delay(policy, request, response, attempt)
            if delay is None:
                raise self.fail(response)
            await response.aclose()
            await self.sleep(delay)
            attempt += 1
