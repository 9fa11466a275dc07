"""The engine under the resource facade: one request, from keyword arguments to a typed result.

For every call: warn if the operation is decommissioned, build the request with the generated
operation module's ``_get_kwargs`` (so the URL, query and body are exactly what the low-level
function would send), sign it when eBay requires a signature and a key was given, send it with
the retry policy, turn an error status into the right ``ApiError``, and parse the body with the
module's ``_parse_response``; a 2xx that does not parse becomes ``DecodeError`` with the raw
response. ``SyncEngine`` and ``AsyncEngine`` differ only in how they wait and send; every
decision lives in the shared functions below.
"""

import asyncio
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Any, NamedTuple, TypeVar, overload

import httpx

from ._errors import DecodeError, RateLimitError, RequestTimeoutError, TransportError, error_for
from ._retry import RetryPolicy, parse_retry_after, too_long
from ._signing import Signer
from .client import Client
from .types import Unset

E = TypeVar("E", bound=Enum)

ENVIRONMENTS = {"production": "https://api.ebay.com", "sandbox": "https://api.sandbox.ebay.com"}
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


@dataclass(frozen=True)
class Operation:
    """What the engine needs to know about one operation; generated for each one."""

    module: ModuleType
    method: str
    path: str
    returns_body: bool
    signed: bool = False
    decommissioned: str | None = None


class CallOptions(NamedTuple):
    """Per-call overrides (a NamedTuple: built on every call, and cheaper than a dataclass)."""

    marketplace: str | None = None
    max_retries: int | None = None
    timeout: float | httpx.Timeout | None = None


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


class _Engine:
    """State and decisions shared by the sync and async engines."""

    def __init__(self, *, marketplace: str, max_retries: int, signer: Signer | None, base_url: str) -> None:
        self.marketplace = str(marketplace)
        self.base_url = base_url
        self.policy = RetryPolicy(max_retries)
        self.signer = signer
        self._parse_client = Client(base_url=base_url)  # _parse_response only reads its options

    def build(
        self, http: httpx.Client | httpx.AsyncClient, op: Operation, args: Mapping[str, Any], options: CallOptions
    ) -> httpx.Request:
        if op.decommissioned:
            warnings.warn(
                f"{op.method} {op.path} was decommissioned by eBay ({op.decommissioned})",
                DeprecationWarning,
                stacklevel=4,
            )
        kwargs = op.module._get_kwargs(**args, x_ebay_c_marketplace_id=options.marketplace or self.marketplace)
        kwargs["url"] = self.base_url + kwargs["url"]  # absolute: httpx then parses the URL once, not twice
        if options.timeout is not None:
            kwargs["timeout"] = _timeout(options.timeout)
        request = http.build_request(**kwargs)
        if op.signed and self.signer is not None:
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

    def parse(self, op: Operation, response: httpx.Response) -> Any:
        try:
            parsed = op.module._parse_response(client=self._parse_client, response=response)
        except Exception as error:  # any failure to read a 2xx must keep the response
            raise DecodeError(response, f"{type(error).__name__}: {error}") from error
        if parsed is None and op.returns_body and response.content:
            raise DecodeError(response, f"status {response.status_code} is not the one the spec documents")
        return parsed


def _timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=min(5.0, value))


class SyncEngine(_Engine):
    def __init__(self, http: httpx.Client, sleep: Callable[[float], None] = time.sleep, **engine: Any) -> None:
        super().__init__(**engine)
        self.http = http
        self.sleep = sleep

    def call(self, op: Operation, args: Mapping[str, Any], options: CallOptions) -> Any:
        request = self.build(self.http, op, args, options)
        policy = self.policy_for(options)
        attempt = 0
        while True:
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
                return self.parse(op, response)
            delay = self.retry_delay(policy, request, response, attempt)
            if delay is None:
                raise self.fail(response)
            response.close()
            self.sleep(delay)
            attempt += 1


class AsyncEngine(_Engine):
    def __init__(
        self, http: httpx.AsyncClient, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, **engine: Any
    ) -> None:
        super().__init__(**engine)
        self.http = http
        self.sleep = sleep

    async def call(self, op: Operation, args: Mapping[str, Any], options: CallOptions) -> Any:
        request = self.build(self.http, op, args, options)
        policy = self.policy_for(options)
        attempt = 0
        while True:
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
                return self.parse(op, response)
            delay = self.retry_delay(policy, request, response, attempt)
            if delay is None:
                raise self.fail(response)
            await response.aclose()
            await self.sleep(delay)
            attempt += 1
