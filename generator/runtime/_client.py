"""``PostOrder`` and ``AsyncPostOrder``: the clients people use.

Three ways to authorize (``oauth`` sends ``IAF <token>``, ``auth_n_auth`` sends ``TOKEN
<token>``, ``refreshing`` mints OAuth user tokens from a refresh token), one default marketplace
sent on every call, eBay's production or sandbox host (or any ``base_url``: the emulator, a
proxy), and the resources (``po.cancellations``...) generated from the spec. Every option is an
explicit keyword, checked when the client is built (``_checks``): a mistake is a ``ValueError``
naming the fix, never a request. Both clients are context managers; closing one closes the
connection pool it made (not an ``http_client`` you gave it). Tokens never appear in ``repr``.

The options, the same for every constructor of both clients, are ``OPTIONS`` below: each
client's docstring carries them, so ``help(PostOrder)`` shows them.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar

import httpx

from . import __version__, _checks, _quota, errors
from ._auth import TOKEN_PATH, RefreshingAuth, TokenAuth
from ._base_client import DEFAULT_TIMEOUT, AsyncEngine, SyncEngine
from ._decode import MAX_RESPONSE_BYTES
from ._signing import Signer, SigningKey
from .models.marketplace_id_enum import MarketplaceIdEnum
from .resources import AsyncRawResources, AsyncResources, SyncRawResources, SyncResources

Marketplace = MarketplaceIdEnum | str
Environment = Literal["production", "sandbox"]
Timeout = float | httpx.Timeout | None
USER_AGENT = f"ebay-post-order/{__version__} (python-httpx/{httpx.__version__})"
OPTIONS = """Options, the same for every constructor (``oauth``, ``auth_n_auth``, ``refreshing``):

- ``marketplace``: the eBay marketplace id sent as ``X-EBAY-C-MARKETPLACE-ID`` (``EBAY_US``,
  ``EBAY_GB``, ``EBAY_DE``...); each call may override it.
- ``environment``: ``"production"`` (api.ebay.com) or ``"sandbox"`` (api.sandbox.ebay.com).
- ``base_url``: scheme and host instead of eBay's (``http://127.0.0.1:8765`` for the emulator);
  plain ``http://`` only to a loopback host unless ``allow_insecure_http=True``.
- ``timeout``: seconds (or an ``httpx.Timeout``) for each request; default 30 s, 5 s to connect.
- ``max_retries``: retries of a failed call (default 2); a POST that may have reached eBay is
  never sent twice (``_retry``).
- ``transport``: an httpx transport (``httpx.MockTransport`` in tests, the emulator's in-process
  transport); ``http_client``: your own ``httpx.Client`` / ``httpx.AsyncClient`` instead (its
  proxies, certificates, limits and event hooks apply; it is not closed with this client).
- ``headers``: extra headers on every call; ``User-Agent`` names this package and its version.
- ``signing_key``: eBay's signing key, for the calls eBay requires a signature on (EU/UK sellers).
- ``allow_decommissioned``: send calls eBay has decommissioned anyway, with a warning; otherwise
  they raise ``DecommissionedError`` before anything is sent.
- ``max_response_bytes``: the most a response body may hold (16 MiB); a larger one stops being
  read, with ``ResponseTooLargeError`` (a ``DecodeError``: a 2xx may mean eBay acted).
- ``quota``: a budget of eBay's daily calls (``ebay_post_order.quota.MemoryBudget`` or
  ``RedisBudget``), shared by the clients given it; a call past it raises ``QuotaExhaustedError``
  before anything is sent, and a 429 marks its resource spent until the reset.
"""

H = TypeVar("H", httpx.Client, httpx.AsyncClient)
Tr = TypeVar("Tr", httpx.BaseTransport, httpx.AsyncBaseTransport)
S = TypeVar("S", Callable[[float], None], Callable[[float], Awaitable[None]])


class _Core(Generic[H, Tr, S]):
    """Checks, the HTTP client, the engine and repr: what every client of this package is built on
    (``PostOrder`` and ``NotificationSetup``, sync and async)."""

    errors = errors
    """The exception module, so ``except po.errors.NotFoundError`` works without an import."""

    _own_http: bool
    _http: H

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: Tr | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        signing_key: SigningKey | None = None,
        allow_decommissioned: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        quota: _quota.Budget | None = None,
        sleep: S | None = None,
    ) -> None:
        """Prefer ``oauth``, ``auth_n_auth`` or ``refreshing``; the options are the module's."""
        if transport is not None and http_client is not None:
            raise ValueError("give transport or http_client, not both: set the transport on your own client")
        self.base_url = _checks.base_url(environment, base_url, allow_insecure_http)
        self.marketplace = _checks.marketplace(marketplace)
        self._auth = auth
        self._own_http = http_client is None
        chosen_timeout = _checks.timeout(timeout, DEFAULT_TIMEOUT)
        every_call = _checks.headers(headers, USER_AGENT)
        if http_client is None:  # our own client carries them, so no call merges them again
            self._http = self._new_http(chosen_timeout, transport)
            self._http.headers.update(every_call)
            every_call = {}
        else:
            self._http = http_client
        self._engine = self._new_engine(
            self._http,
            sleep,
            auth=auth,
            headers=every_call,
            timeout=chosen_timeout if timeout is not None and http_client is not None else None,
            marketplace=self.marketplace,
            max_retries=_checks.max_retries(max_retries),
            signer=Signer(signing_key) if signing_key is not None else None,
            base_url=self.base_url,
            allow_decommissioned=bool(allow_decommissioned),
            max_response_bytes=_checks.max_response_bytes(max_response_bytes),
            quota=_checks.quota(quota),
        )

    def _new_http(self, timeout: httpx.Timeout, transport: Tr | None) -> H:
        raise NotImplementedError

    def _new_engine(self, http: H, sleep: S | None, **engine: Any) -> Any:
        raise NotImplementedError

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, marketplace={self.marketplace!r}, auth={self._auth!r})"
        )


class _ClientBase(_Core[H, Tr, S]):
    """The Post-Order constructors, shared by the sync and async clients."""

    @classmethod
    def oauth(
        cls,
        token: str,
        *,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: Tr | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        signing_key: SigningKey | None = None,
        allow_decommissioned: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        quota: _quota.Budget | None = None,
    ) -> Self:
        """An OAuth user access token, sent as ``Authorization: IAF <token>``; options: ``help(PostOrder)``."""
        return cls(
            auth=TokenAuth("IAF", token),
            marketplace=marketplace,
            environment=environment,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            http_client=http_client,
            headers=headers,
            signing_key=signing_key,
            allow_decommissioned=allow_decommissioned,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
            quota=quota,
        )

    @classmethod
    def auth_n_auth(
        cls,
        token: str,
        *,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: Tr | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        signing_key: SigningKey | None = None,
        allow_decommissioned: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        quota: _quota.Budget | None = None,
    ) -> Self:
        """An Auth'n'Auth token, sent as ``Authorization: TOKEN <token>``; options: ``help(PostOrder)``."""
        return cls(
            auth=TokenAuth("TOKEN", token),
            marketplace=marketplace,
            environment=environment,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            http_client=http_client,
            headers=headers,
            signing_key=signing_key,
            allow_decommissioned=allow_decommissioned,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
            quota=quota,
        )

    @classmethod
    def refreshing(
        cls,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        *,
        scopes: Sequence[str] | None = None,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: Tr | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        signing_key: SigningKey | None = None,
        allow_decommissioned: bool = False,
        allow_insecure_http: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        quota: _quota.Budget | None = None,
    ) -> Self:
        """OAuth user tokens minted from ``refresh_token`` at eBay's token endpoint, refreshed
        before they expire and once more if eBay answers 401; ``scopes`` narrows what they may do.
        Options: ``help(PostOrder)``."""
        url = _checks.base_url(environment, base_url, allow_insecure_http)
        auth = RefreshingAuth(client_id, client_secret, refresh_token, scopes=scopes, token_url=url + TOKEN_PATH)
        return cls(
            auth=auth,
            marketplace=marketplace,
            environment=environment,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            http_client=http_client,
            headers=headers,
            signing_key=signing_key,
            allow_decommissioned=allow_decommissioned,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
            quota=quota,
        )


class _Sync(_Core[httpx.Client, httpx.BaseTransport, Callable[[float], None]]):
    """How a synchronous client sends and closes."""

    def _new_http(self, timeout: httpx.Timeout, transport: httpx.BaseTransport | None) -> httpx.Client:
        return httpx.Client(timeout=timeout, transport=transport, follow_redirects=False)

    def _new_engine(self, http: httpx.Client, sleep: Callable[[float], None] | None, **engine: Any) -> SyncEngine:
        return SyncEngine(http, **({"sleep": sleep} if sleep else {}), **engine)

    def close(self) -> None:
        if self._own_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class _Async(_Core[httpx.AsyncClient, httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]]):
    """How an asynchronous client sends and closes."""

    def _new_http(self, timeout: httpx.Timeout, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout, transport=transport, follow_redirects=False)

    def _new_engine(
        self, http: httpx.AsyncClient, sleep: Callable[[float], Awaitable[None]] | None, **engine: Any
    ) -> AsyncEngine:
        return AsyncEngine(http, sleep, **engine)

    async def close(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class PostOrder(_Sync, _ClientBase[httpx.Client, httpx.BaseTransport, Callable[[float], None]], SyncResources):
    __doc__ = "Synchronous client. Build one with ``oauth``, ``auth_n_auth`` or ``refreshing``.\n\n" + OPTIONS

    @property
    def with_raw_response(self) -> SyncRawResources:
        """The same calls, each answering ``ApiResponse``: the parsed result beside the HTTP response."""
        return SyncRawResources(self)


class AsyncPostOrder(
    _Async,
    _ClientBase[httpx.AsyncClient, httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]],
    AsyncResources,
):
    __doc__ = "Asynchronous client: the same constructors and resources, every call awaited.\n\n" + OPTIONS

    @property
    def with_raw_response(self) -> AsyncRawResources:
        """The same calls, each answering ``ApiResponse``: the parsed result beside the HTTP response."""
        return AsyncRawResources(self)
