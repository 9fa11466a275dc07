# Hand-written in generator/runtime/_setup.py, copied by `make generate` -- do not edit the copy.
"""``NotificationSetup`` and ``AsyncNotificationSetup``: the Notification API calls a seller app
makes to receive eBay's pushes (config, destinations, subscriptions, topics, public keys).

A second client on the same engine as ``PostOrder``: its resources are generated from
``spec/notification-api/`` by the same pipeline, and it takes the same options (``base_url``,
``environment``, ``timeout``, ``max_retries``, ``transport``, ``http_client``, ``headers``,
``allow_insecure_http``, ``max_response_bytes``; see ``_client``). Hand-written because what
differs is the tokens each call needs, as eBay's page for each call says:

- config, destinations, topics and public keys take an application token: the app's keyset
  mints one with the client-credentials grant (scope ``https://api.ebay.com/oauth/api_scope``),
  kept until five minutes before it expires (``ClientCredentialsAuth``);
- subscriptions to a per-seller topic (``ORDER_RETURN_ACTIVITY`` and the other ``scope: USER``
  topics) take the seller's user token (scope ``commerce.notification.subscription``): give
  ``user_token`` or ``refresh_token`` and every ``subscriptions`` call carries it; without one
  they carry the application token, which is what the app-level topics
  (``MARKETPLACE_ACCOUNT_DELETION``) take.
"""

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from . import _checks
from ._auth import TOKEN_PATH, ClientCredentialsAuth, RefreshingAuth, TokenAuth
from ._client import Environment, Timeout, _Async, _Core, _Sync
from ._decode import MAX_RESPONSE_BYTES
from .resources import (
    AsyncNotificationSetupRawResources,
    AsyncNotificationSetupResources,
    SyncNotificationSetupRawResources,
    SyncNotificationSetupResources,
)

USER_SCOPE = "https://api.ebay.com/oauth/api_scope/commerce.notification.subscription"
"""The scope a user token needs for the subscription calls."""


class _SetupBase(_Core[Any, Any, Any]):
    """The constructor shared by the sync and async setup clients: the app's keyset, and the
    seller's token for the subscription calls if given."""

    _engine: Any
    _user_engine: Any

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        user_token: str | None = None,
        refresh_token: str | None = None,
        user_scopes: Sequence[str] | None = None,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: Timeout = None,
        max_retries: int = 2,
        transport: Any = None,
        http_client: Any = None,
        headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        if user_token is not None and refresh_token is not None:
            raise ValueError("give user_token or refresh_token, not both")
        token_url = _checks.base_url(environment, base_url, allow_insecure_http) + TOKEN_PATH
        super().__init__(
            auth=ClientCredentialsAuth(client_id, client_secret, token_url=token_url),
            environment=environment,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            http_client=http_client,
            headers=headers,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
        )
        user: httpx.Auth | None = None
        if user_token is not None:
            user = TokenAuth("Bearer", user_token)
        elif refresh_token is not None:
            scopes = user_scopes if user_scopes is not None else [USER_SCOPE]
            user = RefreshingAuth(
                client_id, client_secret, refresh_token, scopes=scopes, token_url=token_url, prefix="Bearer"
            )
        self._user_auth = user
        self._user_engine = self._engine
        if user is not None:  # the same connections, retries and options; another token
            self._user_engine = copy.copy(self._engine)
            self._user_engine.auth = user

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r}, user_auth={self._user_auth!r})"


class NotificationSetup(_Sync, _SetupBase, SyncNotificationSetupResources):
    """Synchronous client of the Notification API calls a seller app needs:
    ``setup.config``, ``setup.destinations``, ``setup.subscriptions``, ``setup.topics``,
    ``setup.public_key``."""

    @property
    def with_raw_response(self) -> SyncNotificationSetupRawResources:
        """The same calls, each answering ``ApiResponse``: the parsed result beside the HTTP response."""
        return SyncNotificationSetupRawResources(self)


class AsyncNotificationSetup(_Async, _SetupBase, AsyncNotificationSetupResources):
    """Asynchronous client: the same constructor and resources, every call awaited."""

    @property
    def with_raw_response(self) -> AsyncNotificationSetupRawResources:
        """The same calls, each answering ``ApiResponse``: the parsed result beside the HTTP response."""
        return AsyncNotificationSetupRawResources(self)


__all__ = ["AsyncNotificationSetup", "NotificationSetup"]
