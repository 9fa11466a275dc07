"""``PostOrder`` and ``AsyncPostOrder``: the clients people use.

Three ways to authorize (``oauth`` sends ``IAF <token>``, ``auth_n_auth`` sends ``TOKEN
<token>``, ``refreshing`` mints OAuth user tokens from a refresh token), one default marketplace
sent on every call, eBay's production or sandbox host (or any ``base_url``: the emulator, a
proxy), and the resources (``po.cancellations``...) generated from the spec. Both clients are
context managers; closing one closes its connection pool. Tokens never appear in ``repr``.
"""

from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any, Self

import httpx

from . import errors
from ._auth import TOKEN_PATH, RefreshingAuth, TokenAuth
from ._base_client import DEFAULT_TIMEOUT, AsyncEngine, SyncEngine, base_url_for
from ._signing import Signer, SigningKey
from .models.marketplace_id_enum import MarketplaceIdEnum
from .resources import AsyncResources, SyncResources

Marketplace = MarketplaceIdEnum | str
Timeout = float | httpx.Timeout | None


class _ClientBase:
    """Constructors, settings and repr shared by the sync and async clients."""

    errors = errors
    """The exception module, so ``except po.errors.NotFoundError`` works without an import."""

    def _configure(
        self,
        auth: httpx.Auth,
        marketplace: Marketplace,
        environment: str,
        base_url: str | None,
        timeout: Timeout,
        signing_key: "SigningKey | None",
    ) -> tuple[httpx.Timeout, Signer | None]:
        self.base_url = base_url_for(environment, base_url)
        self.marketplace = str(marketplace)
        self._auth = auth
        chosen = DEFAULT_TIMEOUT if timeout is None else timeout
        return (
            chosen if isinstance(chosen, httpx.Timeout) else httpx.Timeout(chosen),
            Signer(signing_key) if signing_key is not None else None,
        )

    @classmethod
    def oauth(cls, token: str, **options: Any) -> Self:
        """An OAuth user access token, sent as ``Authorization: IAF <token>``."""
        return cls(auth=TokenAuth("IAF", token), **options)

    @classmethod
    def auth_n_auth(cls, token: str, **options: Any) -> Self:
        """An Auth'n'Auth token, sent as ``Authorization: TOKEN <token>``."""
        return cls(auth=TokenAuth("TOKEN", token), **options)

    @classmethod
    def refreshing(
        cls,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        *,
        scopes: Sequence[str] | None = None,
        **options: Any,
    ) -> Self:
        """OAuth user tokens minted from ``refresh_token`` at eBay's token endpoint, refreshed
        before they expire and once more if eBay answers 401."""
        url = base_url_for(options.get("environment", "production"), options.get("base_url"))
        auth = RefreshingAuth(client_id, client_secret, refresh_token, scopes=scopes, token_url=url + TOKEN_PATH)
        return cls(auth=auth, **options)

    def __init__(self, *, auth: httpx.Auth, **options: Any) -> None:
        """Declared for the constructors above; each client defines the real one."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, marketplace={self.marketplace!r}, auth={self._auth!r})"
        )


class PostOrder(_ClientBase, SyncResources):
    """Synchronous client. Build one with ``oauth``, ``auth_n_auth`` or ``refreshing``."""

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: str = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: httpx.BaseTransport | None = None,
        signing_key: SigningKey | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        chosen_timeout, signer = self._configure(auth, marketplace, environment, base_url, timeout, signing_key)
        self._http = httpx.Client(base_url=self.base_url, auth=auth, timeout=chosen_timeout, transport=transport)
        self._engine = SyncEngine(
            self._http,
            **({"sleep": sleep} if sleep else {}),
            marketplace=self.marketplace,
            max_retries=max_retries,
            signer=signer,
            base_url=self.base_url,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class AsyncPostOrder(_ClientBase, AsyncResources):
    """Asynchronous client: the same constructors and resources, every call awaited."""

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        marketplace: Marketplace = MarketplaceIdEnum.EBAY_US,
        environment: str = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        signing_key: SigningKey | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        chosen_timeout, signer = self._configure(auth, marketplace, environment, base_url, timeout, signing_key)
        self._http = httpx.AsyncClient(base_url=self.base_url, auth=auth, timeout=chosen_timeout, transport=transport)
        self._engine = AsyncEngine(
            self._http,
            **({"sleep": sleep} if sleep else {}),
            marketplace=self.marketplace,
            max_retries=max_retries,
            signer=signer,
            base_url=self.base_url,
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
