# Hand-written in generator/runtime/_notifications.py, copied by `make generate` -- do not edit the copy.
"""eBay's push notifications, verified and typed: the receiver, eBay's public keys, the record helper.

Hand-written because eBay ships notification SDKs for Java, Node, Go, PHP and .NET but none for
Python, and what they do is small enough to state exactly:

* eBay sends ``POST <endpoint>`` with a JSON body and ``X-EBAY-SIGNATURE``: base64 of a JSON
  object with ``alg`` ("ecdsa"), ``kid`` (the key id), ``signature`` (base64 of a DER-encoded
  ECDSA signature on P-256) and ``digest``. The key and its digest (SHA1 in every fixture of
  eBay's SDKs) come from ``GET /commerce/notification/v1/public_key/{kid}`` with an application
  token; eBay's docs advise caching a key about an hour. The signature covers the compact JSON of
  the body: the raw bytes are tried first, then the body re-serialised compactly, as every SDK
  does after its web framework parsed the body.
* eBay checks an endpoint first with ``GET <endpoint>?challenge_code=...``, answered 200 with
  ``{"challengeResponse": hex(sha256(challengeCode + verificationToken + endpoint))}``.
* A push taken is answered 204 (or 200), a bad signature 412; eBay retries anything else.

The topic payloads are the models generated from ``spec/notifications.yaml`` (eBay's topic specs),
decoded leniently like every response, so a field eBay adds later is kept, not lost.
"""

import base64
import binascii
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias
from urllib.parse import quote

import httpx

# The models package itself, read by attribute: no model class is bound in this module, so no
# schema added later can shadow a name here (tests/generator/test_reserved_names.py).
from . import _checks, models
from ._errors import NotificationError, SignatureError, TransportError, UnknownTopicError, error_for
from .types import Unset

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey

Notification: TypeAlias = (
    models.OrderReturnActivityMessage
    | models.OrderInquiryActivityMessage
    | models.OrderCancellationActivityMessage
    | models.MarketplaceAccountDeletionMessage
)
"""What ``NotificationReceiver.receive`` returns: the message model of the push's topic."""

TOPICS: dict[str, type[Notification]] = {
    "ORDER_RETURN_ACTIVITY": models.OrderReturnActivityMessage,
    "ORDER_INQUIRY_ACTIVITY": models.OrderInquiryActivityMessage,
    "ORDER_CANCELLATION_ACTIVITY": models.OrderCancellationActivityMessage,
    "MARKETPLACE_ACCOUNT_DELETION": models.MarketplaceAccountDeletionMessage,
}
"""Each topic this package types, and its model (``x-ebay-notification-topic`` in the spec)."""

SIGNATURE_HEADER = "x-ebay-signature"
PUBLIC_KEY_PATH = "/commerce/notification/v1/public_key/"
TOKEN_PATH = "/identity/v1/oauth2/token"
APP_SCOPE = "https://api.ebay.com/oauth/api_scope"
KEY_TTL = 3600.0
"""Seconds a public key is kept: eBay's docs say to cache it about an hour."""
MISSING_TTL = 300.0
"""Seconds a key id eBay does not know is remembered, so forged pushes cannot spend the app's call limit."""
MAX_MISSING = 1024
MAX_BODY_BYTES = 1024 * 1024
"""The largest push taken; eBay's are a few kilobytes."""
_DIGESTS = ("SHA1", "SHA256", "SHA384", "SHA512")
_TOKEN_RULE = re.compile(r"[A-Za-z0-9_-]{32,80}")

PublicKeySource: TypeAlias = Callable[[str], Mapping[str, Any]]
"""A callable from a key id to eBay's public-key JSON (``{"key": ..., "algorithm": ..., "digest": ...}``);
a ``LookupError`` from it means eBay knows no such key (the push is refused)."""


@dataclass(frozen=True)
class AppCredentials:
    """The app's keyset, for the receiver to fetch eBay's public keys itself (client-credentials grant).

    ``base_url`` replaces eBay's host (the emulator); ``http_client`` carries the calls if given.
    """

    client_id: str
    client_secret: str = field(repr=False)
    environment: Literal["production", "sandbox"] = "production"
    base_url: str | None = None
    timeout: float = 10.0
    http_client: httpx.Client | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.client_id or not self.client_secret:
            raise ValueError("AppCredentials needs the app's client_id and client_secret (its keyset)")
        if self.environment not in _checks.ENVIRONMENTS:
            raise ValueError(f"environment must be 'production' or 'sandbox', not {self.environment!r}")

    @property
    def host(self) -> str:
        return (self.base_url or _checks.ENVIRONMENTS[self.environment]).rstrip("/")  # the client's hosts


class EbayPublicKeys:
    """eBay's public keys by id, fetched with an application token and kept ``ttl`` seconds.

    Thread-safe; one token is minted and reused until five minutes before it expires. A key id
    eBay does not know (404) is a ``LookupError``, and is remembered ``MISSING_TTL`` seconds (at
    most ``MAX_MISSING`` of them) so that a flood of forged pushes costs one call per id; other
    failures are the package's ``ApiError`` or ``TransportError``, so a receiver answers 500 and
    eBay delivers again later.
    """

    def __init__(self, credentials: AppCredentials, *, ttl: float = KEY_TTL) -> None:
        self.credentials = credentials
        self.ttl = ttl
        self._keys: dict[str, tuple[float, Mapping[str, Any]]] = {}
        self._token: tuple[float, str] | None = None
        self._missing: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, kid: str) -> Mapping[str, Any]:
        now = time.monotonic()
        with self._lock:
            cached = self._keys.get(kid)
            if cached is not None and cached[0] > now:
                return cached[1]
            if self._missing.get(kid, 0.0) > now:
                raise LookupError(kid)
            try:
                key = self._fetch(kid)
            except LookupError:
                if len(self._missing) >= MAX_MISSING:
                    self._missing.clear()
                self._missing[kid] = now + MISSING_TTL
                raise
            self._keys[kid] = (now + self.ttl, key)
            return key

    def _fetch(self, kid: str) -> Mapping[str, Any]:
        if not kid or kid in (".", "..") or len(kid) > 200:
            raise LookupError(kid)
        url = f"{self.credentials.host}{PUBLIC_KEY_PATH}{quote(kid, safe='')}"
        response = self._send("GET", url, headers={"Authorization": f"Bearer {self._app_token()}"})
        if response.status_code == 404:
            raise LookupError(kid)
        body = _json_object(response)
        if not isinstance(body.get("key"), str):
            raise error_for(response) if response.is_error else NotificationError("eBay's public-key answer has no key")
        return body

    def _app_token(self) -> str:
        now = time.monotonic()
        if self._token is not None and self._token[0] > now:
            return self._token[1]
        creds = self.credentials
        basic = base64.b64encode(f"{creds.client_id}:{creds.client_secret}".encode()).decode()
        response = self._send(
            "POST",
            f"{creds.host}{TOKEN_PATH}",
            headers={"Authorization": f"Basic {basic}"},
            data={"grant_type": "client_credentials", "scope": APP_SCOPE},
        )
        body = _json_object(response)
        token, expires = body.get("access_token"), body.get("expires_in", 7200)
        if not isinstance(token, str) or not token:
            raise error_for(response)
        lifetime = float(expires) if isinstance(expires, int | float) and not isinstance(expires, bool) else 7200.0
        self._token = (now + max(lifetime - 300.0, 0.0), token)
        return token

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        creds = self.credentials
        try:
            if creds.http_client is not None:
                response = creds.http_client.request(method, url, timeout=creds.timeout, **kwargs)
            else:
                with httpx.Client(timeout=creds.timeout) as client:
                    response = client.request(method, url, **kwargs)
        except httpx.HTTPError as err:
            where = httpx.URL(url)
            raise TransportError(f"{type(err).__name__} on {where.scheme}://{where.host}{where.path}") from None
        if response.is_error and response.status_code != 404:
            raise error_for(response)
        return response


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise error_for(response) if response.is_error else NotificationError("eBay answered with no JSON object")
    return body


class NotificationReceiver:
    """Verifies the pushes of eBay's Notification API and decodes them into the topic's model.

    ``verification_token`` and ``endpoint`` are what the app registered with eBay (the endpoint
    exactly as registered: the challenge hashes it). ``public_key`` is the app's
    ``AppCredentials`` (keys are fetched and cached an hour) or a callable from a key id to
    eBay's public-key JSON.
    """

    def __init__(
        self,
        *,
        verification_token: str,
        endpoint: str,
        public_key: AppCredentials | PublicKeySource,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        if not isinstance(verification_token, str) or not _TOKEN_RULE.fullmatch(verification_token):
            raise ValueError(
                "verification_token must be 32 to 80 characters of letters, digits, '_' and '-', as eBay requires"
            )
        parsed = httpx.URL(endpoint) if isinstance(endpoint, str) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
            raise ValueError(f"endpoint must be the https URL registered with eBay, not {endpoint!r}")
        self.endpoint = endpoint
        self._token = verification_token
        self.keys: PublicKeySource = (
            EbayPublicKeys(public_key) if isinstance(public_key, AppCredentials) else public_key
        )
        self.max_body_bytes = max_body_bytes

    def __repr__(self) -> str:
        return f"NotificationReceiver(endpoint={self.endpoint!r})"

    def challenge_response(self, challenge_code: str) -> dict[str, str]:
        """The JSON to answer eBay's ``GET <endpoint>?challenge_code=...`` with (status 200)."""
        if not isinstance(challenge_code, str) or not challenge_code:
            raise ValueError("challenge_code is empty")
        digest = hashlib.sha256((challenge_code + self._token + self.endpoint).encode("utf-8")).hexdigest()
        return {"challengeResponse": digest}

    def verify(self, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes | str) -> dict[str, Any]:
        """The push's JSON object once its signature is eBay's; ``SignatureError`` otherwise."""
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        if len(raw) > self.max_body_bytes:
            raise NotificationError(f"the body is larger than the {self.max_body_bytes:,}-byte bound")
        header = _header(headers, SIGNATURE_HEADER)
        if not header:
            raise SignatureError("the push has no X-EBAY-SIGNATURE header")
        claims = _claims(header)
        try:
            key_json = self.keys(claims["kid"])
        except LookupError:
            raise SignatureError(f"eBay knows no public key {claims['kid']!r}") from None
        key, digest = _public_key(key_json, claims["kid"])
        signature = base64.b64decode(claims["signature"])
        payload = _payload(raw)
        for signed in _signed_forms(raw, payload):
            if _verifies(key, digest, signature, signed):
                if payload is None:
                    raise NotificationError("the body is not a JSON object")
                return payload
        raise SignatureError("the signature does not match the body")

    def receive(self, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes | str) -> Notification:
        """Verify the push and decode it into its topic's model (``.metadata.topic``,
        ``.notification.data...``); ``UnknownTopicError`` keeps a verified payload of another topic."""
        return decode(self.verify(headers, body))


def decode(payload: dict[str, Any]) -> Notification:
    """A verified payload as its topic's model."""
    metadata = payload.get("metadata")
    topic = metadata.get("topic") if isinstance(metadata, dict) else None
    model = TOPICS.get(topic) if isinstance(topic, str) else None
    if model is None:
        raise UnknownTopicError(topic, payload)
    return model.from_dict(payload)


def activity_type(notification: Notification) -> str | None:
    """The push's ``data.activityType`` as a string (None for account deletion or when absent)."""
    data = _data(notification)
    value = getattr(data, "activity_type", None)
    return None if value is None or isinstance(value, Unset) else str(value)


def record_reference(notification: Notification) -> tuple[str, str] | None:
    """``("return" | "inquiry" | "cancellation", id)`` of the Post-Order record a push names."""
    data = _data(notification)
    for attr, id_attr, kind in (
        ("order_return", "return_id", "return"),
        ("order_inquiry", "inquiry_id", "inquiry"),
        ("order_cancellation", "cancellation_id", "cancellation"),
    ):
        record = getattr(data, attr, None)
        ident = getattr(record, id_attr, None)
        if isinstance(ident, str) and ident:
            return kind, ident
    return None


def record_for(notification: Notification, client: Any) -> Any:
    """The Post-Order record a push names, fetched with ``client`` (``po.returns.get(id)``, ...).

    With an ``AsyncPostOrder`` the result is awaitable. ``ValueError`` when the push names no
    record (account deletion, or a payload without its id).
    """
    reference = record_reference(notification)
    if reference is None:
        raise ValueError("this notification names no return, inquiry or cancellation")
    kind, ident = reference
    resource = {"return": client.returns, "inquiry": client.inquiries, "cancellation": client.cancellations}[kind]
    return resource.get(ident)


def _data(notification: Notification) -> Any:
    inner = getattr(notification, "notification", None)
    data = getattr(inner, "data", None)
    return None if isinstance(data, Unset) else data


def _header(headers: Mapping[str, str] | Iterable[tuple[str, str]], name: str) -> str | None:
    items = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in items:
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() == name:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def _claims(header: str) -> dict[str, str]:
    try:
        claims = json.loads(base64.b64decode(header.strip(), validate=True))
    except (binascii.Error, ValueError, RecursionError):
        raise SignatureError("X-EBAY-SIGNATURE is not base64 of a JSON object") from None
    if not isinstance(claims, dict):
        raise SignatureError("X-EBAY-SIGNATURE is not base64 of a JSON object")
    for name in ("kid", "signature"):
        if not isinstance(claims.get(name), str) or not claims[name]:
            raise SignatureError(f"X-EBAY-SIGNATURE has no {name}")
    if str(claims.get("alg", "ecdsa")).lower() != "ecdsa":
        raise SignatureError(f"X-EBAY-SIGNATURE names the algorithm {claims.get('alg')!r}, not ecdsa")
    try:
        base64.b64decode(claims["signature"], validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("the signature in X-EBAY-SIGNATURE is not base64") from None
    return claims


def _public_key(key_json: Mapping[str, Any], kid: str) -> "tuple[EllipticCurvePublicKey, str]":
    try:
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.serialization import load_der_public_key
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("verifying eBay's pushes needs: pip install 'ebay-post-order[notifications]'") from None
    pem, algorithm = key_json.get("key"), str(key_json.get("algorithm", "ECDSA")).upper()
    digest = str(key_json.get("digest", "SHA1")).upper().replace("-", "")
    if not isinstance(pem, str) or algorithm != "ECDSA" or digest not in _DIGESTS:
        raise SignatureError(f"eBay's public key {kid!r} is not an ECDSA key with a known digest")
    body = re.sub(r"-----(BEGIN|END) PUBLIC KEY-----|\s", "", pem)
    try:
        key = load_der_public_key(base64.b64decode(body, validate=True))
    except (binascii.Error, ValueError):
        raise SignatureError(f"eBay's public key {kid!r} could not be read") from None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise SignatureError(f"eBay's public key {kid!r} is not an elliptic-curve key")
    return key, digest


def _payload(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _signed_forms(raw: bytes, payload: dict[str, Any] | None) -> list[bytes]:
    forms = [raw]
    if payload is not None:
        compact = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if compact != raw:
            forms.append(compact)
    return forms


def _verifies(key: "EllipticCurvePublicKey", digest: str, signature: bytes, signed: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    algorithm = {"SHA1": hashes.SHA1(), "SHA256": hashes.SHA256(), "SHA384": hashes.SHA384(), "SHA512": hashes.SHA512()}
    try:
        key.verify(signature, signed, ec.ECDSA(algorithm[digest]))
    except InvalidSignature:
        return False
    return True
