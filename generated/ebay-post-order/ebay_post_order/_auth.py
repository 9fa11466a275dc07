# Hand-written in generator/runtime/_auth.py, copied by `make generate` -- do not edit the copy.
"""Authorization for eBay: a fixed token (TOKEN or IAF form), or OAuth tokens refreshed for you.

Built on ``httpx.Auth`` flows, so the token request goes through the same client and transport
as the calls (the emulator and ``httpx.MockTransport`` serve it too). A refreshing auth holds one
lock per flavour (threading for sync, asyncio for async): concurrent calls that find the token
stale wait for one refresh instead of each minting a token. Tokens never appear in ``repr``.
"""

import asyncio
import base64
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Sequence
from urllib.parse import urlencode

import httpx

from ._errors import AuthenticationError, error_for

TOKEN_PATH = "/identity/v1/oauth2/token"
REFRESH_MARGIN = 300.0
"""Seconds before expiry at which a token counts as stale (eBay user tokens live 7,200 s)."""


class TokenAuth(httpx.Auth):
    """Sends ``Authorization: <prefix> <token>``: ``IAF`` for OAuth, ``TOKEN`` for Auth'n'Auth."""

    def __init__(self, prefix: str, token: str) -> None:
        self._value = f"{prefix} {token}"
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
    ) -> None:
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self._basic = f"Basic {basic}"
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if scopes:
            form["scope"] = " ".join(scopes)
        self._form = urlencode(form)
        self._token_url = token_url
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()
        self._async_lock = asyncio.Lock()
        self.refreshes = 0
        """How many tokens this auth has minted (for logs and tests)."""

    def __repr__(self) -> str:
        return f"RefreshingAuth(token_url={self._token_url!r}, refreshes={self.refreshes})"

    def _stale(self) -> bool:
        return self._token is None or self._clock() >= self._expires_at - REFRESH_MARGIN

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
            body = response.json()
            token, lifetime = str(body["access_token"]), float(body.get("expires_in", 7200))
        except (ValueError, KeyError, TypeError):
            raise AuthenticationError(response, [], "the token endpoint sent no usable access_token") from None
        self._token, self._expires_at = token, self._clock() + lifetime
        self.refreshes += 1

    def _authorize(self, request: httpx.Request) -> str:
        assert self._token is not None
        request.headers["Authorization"] = f"IAF {self._token}"
        return self._token

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with self._lock:
            if self._stale():
                token_response = yield self._token_request()
                token_response.read()
                self._store(token_response)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401:
            with self._lock:
                if self._token == used:  # nobody refreshed while this call was out
                    token_response = yield self._token_request()
                    token_response.read()
                    self._store(token_response)
            self._authorize(request)
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        async with self._async_lock:
            if self._stale():
                token_response = yield self._token_request()
                await token_response.aread()
                self._store(token_response)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401:
            async with self._async_lock:
                if self._token == used:
                    token_response = yield self._token_request()
                    await token_response.aread()
                    self._store(token_response)
            self._authorize(request)
            yield request
