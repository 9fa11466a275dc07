# Hand-written in generator/runtime/_auth.py, copied by `make generate` -- do not edit the copy.
"""Authorization for eBay: a fixed token (TOKEN or IAF form), or OAuth tokens refreshed for you
(user tokens from a refresh token, application tokens by the client-credentials grant).

Built on ``httpx.Auth`` flows, so the token request goes through the same client and transport
as the calls (the emulator and ``httpx.MockTransport`` serve it too). Concurrent calls that find
the token stale wait for one refresh instead of each minting a token: sync calls behind one
threading lock, async calls behind one asyncio lock *per event loop* (an asyncio lock belongs to
the loop that first waits on it, so one shared lock fails or hangs when a second thread runs its
own loop). Tokens never appear in ``repr``.

A token handed in is checked the same way when the auth is made, so a ``None`` read from an
unset environment variable fails there, not as ``IAF None`` on the wire. A token response is used
only if it holds what a request can carry: an ``access_token`` that is
a non-empty string of visible ASCII (null, "" or an object would go out as ``IAF None``), and an
``expires_in`` that is a finite number of seconds above zero. Anything else raises
``AuthenticationError`` with the response kept, rather than a token that is wrong or that never
(NaN, infinity) or always (negative) counts as stale. A short-lived token is refreshed halfway
through its life rather than ``REFRESH_MARGIN`` before its end, which for a lifetime at or under
the margin would mean a new token for every call.
"""

import asyncio
import base64
import decimal
import logging
import math
import re
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator, Sequence
from typing import Any
from urllib.parse import urlencode

import httpx

from . import _checks, _decode
from ._errors import AuthenticationError, error_for

log = logging.getLogger("ebay_post_order")
TOKEN_PATH = "/identity/v1/oauth2/token"
APP_SCOPE = "https://api.ebay.com/oauth/api_scope"
"""The scope of an application token (client-credentials grant)."""
REFRESH_MARGIN = 300.0
"""Seconds before expiry at which a token counts as stale (eBay user tokens live 7,200 s); at
most half the token's lifetime."""
TOKEN_RESPONSE_LIMIT = 64 * 1024
"""Bytes a token response may have: eBay's are under 4 KB, and one is read on every refresh."""
DEFAULT_LIFETIME = 7200.0
"""What a token response without ``expires_in`` is taken to mean (eBay's user-token lifetime)."""
_VISIBLE_ASCII = re.compile(r"[!-~]+")


class TokenAuth(httpx.Auth):
    """Sends ``Authorization: <prefix> <token>``: ``IAF`` for OAuth, ``TOKEN`` for Auth'n'Auth."""

    def __init__(self, prefix: str, token: str) -> None:
        self._value = f"{prefix} {_checks.secret(token, 'token')}"
        self.prefix = prefix

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._value
        yield request

    def __repr__(self) -> str:
        return f"TokenAuth(prefix={self.prefix!r}, token=<hidden>)"


class RefreshingAuth(httpx.Auth):
    """Mints user access tokens from a refresh token (grant_type=refresh_token, Basic auth),
    refreshes them ``REFRESH_MARGIN`` seconds before expiry, and once more on a 401."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        *,
        scopes: Sequence[str] | None = None,
        token_url: str,
        clock: Callable[[], float] = time.monotonic,
        prefix: str = "IAF",
    ) -> None:
        for name, value in (
            ("client_id", client_id),
            ("client_secret", client_secret),
            ("refresh_token", refresh_token),
        ):
            _checks.secret(value, name)
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if scopes:
            form["scope"] = " ".join(scopes)
        self._setup(client_id, client_secret, form, token_url, clock, prefix)

    def _setup(
        self,
        client_id: str,
        client_secret: str,
        form: dict[str, str],
        token_url: str,
        clock: Callable[[], float],
        prefix: str,
    ) -> None:
        for name, value in (("client_id", client_id), ("client_secret", client_secret)):
            _checks.secret(value, name)
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self._basic = f"Basic {basic}"
        self._form = urlencode(form)
        self._prefix = prefix
        self._token_url = token_url
        self._clock = clock
        self._state: tuple[str, float] | None = None  # (token, when to refresh), replaced whole
        self._lock = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._loop_locks_guard = threading.Lock()
        self.refreshes = 0
        """How many tokens this auth has minted (for logs and tests)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token_url={self._token_url!r}, refreshes={self.refreshes})"

    @property
    def _token(self) -> str | None:
        return self._state[0] if self._state is not None else None

    def _stale(self) -> bool:
        return self._state is None or self._clock() >= self._state[1]

    def _async_lock(self) -> asyncio.Lock:
        """The lock of the running event loop, made on its first use there."""
        loop = asyncio.get_running_loop()
        with self._loop_locks_guard:
            lock = self._loop_locks.get(loop)
            if lock is None:
                lock = self._loop_locks[loop] = asyncio.Lock()
            return lock

    def _token_request(self) -> httpx.Request:
        return httpx.Request(
            "POST",
            self._token_url,
            headers={"Authorization": self._basic, "Content-Type": "application/x-www-form-urlencoded"},
            content=self._form,
        )

    def _store(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            raise error_for(response)
        try:
            body = _decode.loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise AuthenticationError(response, [], "the token endpoint's answer is not a JSON object")
        token, lifetime = body.get("access_token"), body.get("expires_in", DEFAULT_LIFETIME)
        if not isinstance(token, str) or not _VISIBLE_ASCII.fullmatch(token):
            raise AuthenticationError(response, [], "the token endpoint sent no usable access_token")
        if not _positive_seconds(lifetime):
            raise AuthenticationError(response, [], "the token endpoint sent no usable expires_in")
        lifetime = float(lifetime)
        self._state = (token, self._clock() + lifetime - min(REFRESH_MARGIN, lifetime / 2))
        self.refreshes += 1
        log.debug("token refreshed at %s (refresh %d, expires in %.0f s)", self._token_url, self.refreshes, lifetime)

    def _authorize(self, request: httpx.Request) -> str:
        state = self._state
        assert state is not None  # every flow stores a token first, or raises
        request.headers["Authorization"] = f"{self._prefix} {state[0]}"
        return state[0]

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with self._lock:
            if self._stale():
                token_response = yield self._token_request()
                _decode.read_bounded(token_response, TOKEN_RESPONSE_LIMIT)
                self._store(token_response)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401:
            with self._lock:
                if self._token == used:  # nobody refreshed while this call was out
                    token_response = yield self._token_request()
                    _decode.read_bounded(token_response, TOKEN_RESPONSE_LIMIT)
                    self._store(token_response)
            self._authorize(request)
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        lock = self._async_lock()
        async with lock:
            if self._stale():
                token_response = yield self._token_request()
                await _decode.aread_bounded(token_response, TOKEN_RESPONSE_LIMIT)
                self._store(token_response)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401:
            async with lock:
                if self._token == used:
                    token_response = yield self._token_request()
                    await _decode.aread_bounded(token_response, TOKEN_RESPONSE_LIMIT)
                    self._store(token_response)
            self._authorize(request)
            yield request


class ClientCredentialsAuth(RefreshingAuth):
    """Application tokens (grant_type=client_credentials, Basic auth), sent as ``Bearer``: what
    eBay's Notification API takes for its app-level calls. Kept and renewed exactly as
    ``RefreshingAuth`` keeps user tokens: until ``REFRESH_MARGIN`` before expiry, once more on a 401."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        scopes: Sequence[str] = (APP_SCOPE,),
        token_url: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        form = {"grant_type": "client_credentials", "scope": " ".join(scopes)}
        self._setup(client_id, client_secret, form, token_url, clock, "Bearer")


def _positive_seconds(value: Any) -> bool:
    """A JSON number of seconds above zero: not a bool, a string, NaN or infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        return False
    try:
        return math.isfinite(value) and value > 0
    except (OverflowError, ValueError):  # an int too large for a float; a signalling NaN
        return False
