"""What a client refuses when it is built, each with a ``ValueError`` that names the fix.

Every mistake here used to travel to eBay and come back misleading, or not come back at all: a
``None`` token was sent as ``IAF None``, an empty one failed as an illegal header and was retried,
``marketplace="US"`` got a 400 that does not name the value, a base URL without a scheme was
retried with the URL doubled, and plain ``http://`` to a public host sent the token (and for a
refreshing client, the app's secret and the refresh token) in clear text. Refusing them when the
client is built costs nothing per call.
"""

import difflib
import ipaddress
import re
from collections.abc import Mapping
from typing import Any

import httpx

from .models.marketplace_id_enum import BY_VALUE as MARKETPLACES
from .models.marketplace_id_enum import MarketplaceIdEnum

ENVIRONMENTS = {"production": "https://api.ebay.com", "sandbox": "https://api.sandbox.ebay.com"}
API_PREFIX = "/post-order/v2"
_VISIBLE_ASCII = re.compile(r"[!-~]+")
RESERVED_HEADERS = {
    "authorization": "choose the token with PostOrder.oauth, auth_n_auth or refreshing",
    "x-ebay-c-marketplace-id": "pass marketplace= to the client or to the call",
}


def secret(value: Any, name: str) -> str:
    """A token, client id, secret or refresh token: what eBay issued, sendable in a header as it is."""
    if isinstance(value, str) and _VISIBLE_ASCII.fullmatch(value):
        return value
    got = (
        f"a {type(value).__name__}"
        if not isinstance(value, str)
        else "an empty string"
        if not value.strip()
        else "text with spaces, line breaks or non-ASCII characters"
    )
    raise ValueError(f"{name} must be a non-empty string of visible ASCII characters, as eBay issued it; got {got}")


def marketplace(value: Any) -> str:
    """An eBay marketplace id (``EBAY_US``...); an enum member is taken as it is, even a new one."""
    if isinstance(value, MarketplaceIdEnum):
        return value.value
    if isinstance(value, str) and value in MARKETPLACES:
        return value
    text = str(value)
    guess = f"EBAY_{text.upper()}" if f"EBAY_{text.upper()}" in MARKETPLACES else None
    close = [guess] if guess else difflib.get_close_matches(text.upper(), list(MARKETPLACES), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ValueError(
        f"marketplace {text!r} is not an eBay marketplace id: {hint}eBay's ids are {', '.join(sorted(MARKETPLACES))}"
    )


def base_url(environment: Any, given: str | None, allow_insecure_http: bool) -> str:
    """The scheme and host calls go to: eBay's for ``environment``, or ``given`` (the emulator, a proxy)."""
    if environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {sorted(ENVIRONMENTS)}, not {environment!r}")
    if given is None:
        return ENVIRONMENTS[environment]
    if not isinstance(given, str) or "://" not in given:
        raise ValueError(f"base_url {given!r} has no scheme: write it as https://host (or http://127.0.0.1:port)")
    url = httpx.URL(given)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url {given!r} must be an http:// or https:// URL with a host")
    path = url.path.rstrip("/")
    if path.endswith(API_PREFIX) or API_PREFIX + "/" in path + "/":
        raise ValueError(
            f"base_url {given!r} already ends in {API_PREFIX}: give only the scheme and host"
            f" ({given[: given.find(API_PREFIX)] or 'https://api.ebay.com'}); every call adds its own path"
        )
    if url.scheme == "http" and not _loopback(url.host) and not allow_insecure_http:
        raise ValueError(
            f"base_url {given!r} is plain http to {url.host}: tokens and secrets would travel in clear text;"
            " use https://, or pass allow_insecure_http=True if you really mean it"
        )
    return given.rstrip("/")


def timeout(value: Any, default: httpx.Timeout) -> httpx.Timeout:
    if value is None:
        return default
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"timeout must be a number of seconds above 0 or an httpx.Timeout, not {value!r}")
    return httpx.Timeout(float(value))


def max_retries(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be a whole number, 0 or more, not {value!r}")
    return value


def max_response_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_response_bytes must be a whole number of bytes above 0, not {value!r}")
    return value


def quota(value: Any) -> Any:
    """A budget from ``ebay_post_order.quota`` (or None): anything else would fail on the first call."""
    from ._quota import Budget

    if value is not None and not isinstance(value, Budget):
        raise ValueError(
            f"quota must be a MemoryBudget or RedisBudget from ebay_post_order.quota, not {type(value).__name__}"
        )
    return value


def headers(given: Mapping[str, str] | None, user_agent: str) -> dict[str, str]:
    """The headers every call carries: a User-Agent naming this package, then the user's own."""
    chosen = {"User-Agent": user_agent}
    for name, value in (given or {}).items():
        reason = RESERVED_HEADERS.get(str(name).lower())
        if reason:
            raise ValueError(f"headers may not set {name}: {reason}")
        if not isinstance(value, str):
            raise ValueError(f"header {name} must be a string, not {type(value).__name__}")
        chosen[str(name)] = value
    return chosen


def _loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
