# Hand-written in generator/runtime/_response.py, copied by `make generate` -- do not edit the copy.
"""The HTTP response beside the parsed result: ``po.with_raw_response.returns.get(...)``.

In the style of openai-python's ``with_raw_response``: the same call, the same arguments, but
the answer is an ``ApiResponse`` holding the parsed result and the ``httpx.Response`` it came
from (status, headers such as ``Location``, eBay's request id). The wrappers keep each method's
signature for type checkers (``ParamSpec``); the engine hands over the response through a context
variable set only while a wrapped call runs, so ordinary calls pay nothing for it.
"""

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:
    import httpx

P = ParamSpec("P")
T = TypeVar("T")

capture: ContextVar["list[httpx.Response] | None"] = ContextVar("ebay_post_order_capture", default=None)
"""Where the engine puts each successful response while a ``with_raw_response`` call runs."""


@dataclass(frozen=True)
class ApiResponse(Generic[T]):
    """A call's parsed result and the HTTP response it was read from."""

    parsed: T
    http_response: "httpx.Response"

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> "httpx.Headers":
        return self.http_response.headers


def raw(method: Callable[P, T]) -> Callable[P, ApiResponse[T]]:
    """``method`` answering ``ApiResponse`` instead of its result alone."""

    @wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> ApiResponse[T]:
        box: list[httpx.Response] = []
        token = capture.set(box)
        try:
            parsed = method(*args, **kwargs)
        finally:
            capture.reset(token)
        return ApiResponse(parsed, box[-1])

    return call


def araw(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[ApiResponse[T]]]:
    """The async ``raw``."""

    @wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> ApiResponse[T]:
        box: list[httpx.Response] = []
        token = capture.set(box)
        try:
            parsed = await method(*args, **kwargs)
        finally:
            capture.reset(token)
        return ApiResponse(parsed, box[-1])

    return call
