"""Every exception the client raises, in one tree::

    PostOrderError
    ├── ApiError                 eBay answered with an error status (status_code, errors, response)
    │   ├── BadRequestError          400
    │   ├── AuthenticationError      401
    │   ├── PermissionDeniedError    403
    │   ├── NotFoundError            404
    │   ├── ConflictError            409
    │   ├── RateLimitError           429 (retry_after, when eBay sent one)
    │   └── ServerError              5xx
    ├── TransportError           no usable answer: connection refused, reset, ...
    │   └── RequestTimeoutError      ... or too slow
    ├── DecodeError              a 2xx whose body does not decode; ``response`` keeps it whole
    │   ├── ResponseTooLargeError    ... because it is larger than the bound (``limit`` bytes)
    │   └── MissingFieldError        a field eBay always returns was left out, and read (``model``)
    ├── DecommissionedError      eBay decommissioned the call; nothing was sent
    ├── QuotaExhaustedError      the client's budget of eBay calls is spent (resource, resets_at); nothing was sent
    ├── NotificationError        a push notification that cannot be taken (``notifications``)
    │   ├── SignatureError           missing, malformed or not eBay's signature: answer 412
    │   └── UnknownTopicError        signed by eBay, but a topic this package does not type (``payload``)
    └── UnexpectedStatus         raised by the low-level functions (``raise_on_unexpected_status``)

``DecodeError`` matters most: eBay did what was asked (a refund was issued, a return approved)
and only our reading of the answer failed, so the raw response is kept and the call must not be
treated as failed or retried. Messages never contain the Authorization header or a token.

An error body is read defensively: whatever it holds (HTML, JSON nested thousands deep, lists
where eBay prints strings), ``error_for`` returns an ``ApiError`` and never raises.
"""

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime

    import httpx


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of eBay's error list, from either shape it uses.

    ``{"errorMessage": {"error": [...]}}`` (Post-Order) or ``{"errors": [...]}`` (OAuth and
    gateway failures); ``parameters`` are (name, value) pairs from ``parameter``/``parameters``.
    """

    error_id: int | None = None
    domain: str | None = None
    subdomain: str | None = None
    category: str | None = None
    severity: str | None = None
    message: str | None = None
    long_message: str | None = None
    parameters: tuple[tuple[str, str], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


class PostOrderError(Exception):
    """Base of everything this client raises."""


class ApiError(PostOrderError):
    """eBay answered with a 4xx or 5xx status."""

    def __init__(self, response: "httpx.Response", errors: list[ErrorDetail], text: str) -> None:
        self.response = response
        self.status_code = response.status_code
        self.errors = errors
        first = errors[0] if errors else ErrorDetail()
        self.error_id = first.error_id
        self.domain = first.domain
        self.message = first.long_message or first.message or text or response.reason_phrase
        request = response._request  # the public property raises when a response was built bare
        where = f"{request.method} {request.url.path}" if request is not None else ""
        ident = f" [errorId {self.error_id}]" if self.error_id is not None else ""
        super().__init__(f"{self.status_code} {where}{ident}: {self.message}")


class BadRequestError(ApiError):
    """400: eBay refused the request as malformed or invalid."""


class AuthenticationError(ApiError):
    """401: the token is missing, expired or revoked."""


class PermissionDeniedError(ApiError):
    """403: the token is valid but may not do this (wrong role, scope, or seller)."""


class NotFoundError(ApiError):
    """404: no such cancellation, inquiry, case or return (for this user)."""


class ConflictError(ApiError):
    """409: the object is not in a state that allows this action."""


class RateLimitError(ApiError):
    """429: too many calls; ``retry_after`` is eBay's Retry-After in seconds, if it sent one."""

    retry_after: float | None = None


class ServerError(ApiError):
    """5xx: eBay failed."""


class QuotaExhaustedError(PostOrderError):
    """The budget given as ``quota=`` has no call left for this eBay resource; nothing was sent.

    ``resource`` is eBay's rate-limit resource (``return``, ``cancellation``, ``inquiry``,
    ``casemanagement``), ``resets_at`` when its window resets (an aware UTC datetime), ``write``
    whether the call was one the write reserve is kept for, ``used`` and ``limit`` the counts
    when it was refused, ``marked`` whether eBay's own 429 stopped the resource.
    """

    def __init__(
        self,
        resource: str,
        resets_at: "datetime.datetime",
        *,
        used: int,
        limit: int,
        write: bool,
        marked: bool = False,
    ) -> None:
        self.resource = resource
        self.resets_at = resets_at
        self.used = used
        self.limit = limit
        self.write = write
        self.marked = marked
        why = (
            "eBay answered 429 for it"
            if marked
            else "the rest is reserved for writes"
            if not write and used < limit
            else "the budget is spent"
        )
        super().__init__(
            f"{resource}: {used} of {limit} calls used and {why}, so this call was not sent;"
            f" the window resets at {resets_at.isoformat()}"
        )


class TransportError(PostOrderError):
    """The request got no usable answer (connection refused, reset, protocol error)."""


class RequestTimeoutError(TransportError):
    """The request took longer than the timeout allows."""


class DecodeError(PostOrderError):
    """A successful (2xx) response whose body could not be decoded; ``response`` keeps it.

    eBay did what was asked; only reading its answer failed. Do not retry the call.
    ``response`` is None only for ``MissingFieldError``, which is raised when a field is read,
    after the call; its ``model`` keeps everything that did arrive.
    """

    response: "httpx.Response | None"
    status_code: int | None

    def __init__(self, response: "httpx.Response", reason: str) -> None:
        self.response = response
        self.status_code = response.status_code
        super().__init__(f"{response.status_code} response could not be decoded ({reason}); see .response")


class MissingFieldError(DecodeError, AttributeError):
    """eBay left out a field it documents as always returned, and it was read.

    Decoding is lenient, so the answer was kept: ``model`` holds everything that did arrive
    (``model.to_dict()`` is the payload), ``field`` and ``wire`` name what did not. An
    ``AttributeError`` too, so ``getattr(model, name, default)`` and ``hasattr`` work as usual;
    ``from_dict(..., strict=True)`` reports the same at decode time.
    """

    def __init__(self, model: Any, field: str, wire: str) -> None:
        self.model = model
        self.field = field
        self.wire = wire
        self.response = None
        self.status_code = None
        PostOrderError.__init__(
            self,
            f"{type(model).__name__}.{field}: eBay left out {wire!r}, which it documents as always returned;"
            " what did arrive is in .model",
        )


class ResponseTooLargeError(DecodeError):
    """The body grew past ``limit`` bytes, so reading stopped; ``response`` keeps status and headers.

    A ``DecodeError``: a 2xx this large may still mean eBay acted, so it must not be retried.
    """

    def __init__(self, response: "httpx.Response", limit: int) -> None:
        self.limit = limit
        super().__init__(response, f"the body is larger than the {limit:,}-byte bound")


class DecommissionedError(PostOrderError):
    """eBay decommissioned this call; it was not sent (``allow_decommissioned=True`` sends it anyway).

    ``decommissioned`` is eBay's date (or what the call index says), ``use_instead`` what eBay
    says to use instead, where it says.
    """

    def __init__(self, method: str, path: str, decommissioned: str, use_instead: str | None = None) -> None:
        self.method = method
        self.path = path
        self.decommissioned = decommissioned
        self.use_instead = use_instead
        when = f"on {decommissioned}" if decommissioned[:1].isdigit() else f"({decommissioned})"
        instead = f"; eBay says to use {use_instead} instead" if use_instead else ""
        super().__init__(f"{method} {path} was decommissioned by eBay {when}{instead}")


class DecommissionedWarning(FutureWarning):
    """A decommissioned call was sent because the client allows them; shown by default, unlike
    a DeprecationWarning, which Python hides when the call comes from an imported module."""


class NotificationError(PostOrderError):
    """A notification eBay pushed could not be taken: its body is not a JSON object, or too large."""


class SignatureError(NotificationError):
    """The ``X-EBAY-SIGNATURE`` header is missing or malformed, names a key eBay does not know, or
    does not match the body: the push is not from eBay, or was changed on the way. Answer 412."""


class UnknownTopicError(NotificationError):
    """eBay signed the push, but its topic is not one this package types; ``payload`` keeps the
    whole JSON body and ``topic`` its topic, so nothing is lost. Acknowledge it (204)."""

    def __init__(self, topic: object, payload: dict[str, Any]) -> None:
        self.topic = topic
        self.payload = payload
        super().__init__(f"notification topic {topic!r} is not one this package decodes; see .payload")


class UnexpectedStatus(PostOrderError):
    """Raised by the low-level functions when ``raise_on_unexpected_status`` is set."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def error_for(response: "httpx.Response") -> ApiError:
    """The exception for an error response, whatever its body looks like."""
    text = response.text
    errors = parse_error_details(text)
    status = response.status_code
    kind = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return kind(response, errors, text[:500] if not errors else "")


def parse_error_details(text: str) -> list[ErrorDetail]:
    """Both eBay error shapes; anything else (HTML from a proxy, empty body) gives []."""
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser recurses
        return []
    if not isinstance(body, dict):
        return []
    container = body.get("errorMessage")
    entries = container.get("error") if isinstance(container, dict) else body.get("errors")
    if isinstance(entries, dict):  # a single error printed as an object
        entries = [entries]
    if not isinstance(entries, list):
        return []
    return [_detail(entry) for entry in entries if isinstance(entry, dict)]


def _detail(entry: dict[str, Any]) -> ErrorDetail:
    raw_params = entry.get("parameter", entry.get("parameters")) or []
    if isinstance(raw_params, dict):
        raw_params = [raw_params]
    params = tuple(
        (_text(p.get("name")) or "", _text(p.get("value", p.get("__value__"))) or "")
        for p in (raw_params if isinstance(raw_params, list) else [])
        if isinstance(p, dict)
    )
    return ErrorDetail(
        error_id=_int(entry.get("errorId")),
        domain=_text(entry.get("domain")),
        subdomain=_text(entry.get("subdomain", entry.get("subDomain"))),
        category=_text(entry.get("category")),
        severity=_text(entry.get("severity")),
        message=_text(entry.get("message")),
        long_message=_text(entry.get("longMessage")),
        parameters=params,
        raw=entry,
    )


def _int(value: Any) -> int | None:
    """An errorId as eBay prints it (a number or a numeric string); anything else is None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value) <= 18:
        return int(value)
    return None


def _text(value: Any) -> str | None:
    """A field eBay prints as a string or a number; a list or object (stringifying one could
    recurse without bound) stays only in ``ErrorDetail.raw``."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
