"""``PostOrderEmulator``: a fresh emulated eBay for one test, and clients bound to its users.

What the ``post_order_emulator`` pytest fixture gives each test (``pytest_plugin``), usable on
its own as well::

    with PostOrderEmulator() as emulator:
        seller = emulator.client("seller")             # a PostOrder, in-process, no socket
        emulator.fault("/cancellation/search", status=503, retry_after=1)
        seller.cancellations.search()                   # the first call gets the 503

``client`` and ``async_client`` talk to the app in this process; ``base_url`` serves the same
world over loopback (started on first use) for code that must be given a URL.
"""

import contextlib
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx
from ebay_post_order import AsyncPostOrder, PostOrder

from .app import Emulator
from .backend import Backend
from .notifications import Hub
from .scenario import DEFAULT, Fault, Scenario, User, from_mapping, load
from .server import in_thread
from .transport import BASE_URL, InProcessTransport, async_transport

ScenarioSource = Scenario | Path | str | Mapping[str, Any] | None
"""A scenario, a YAML file, its parsed mapping, or None for the bundled default."""


def scenario_from(source: ScenarioSource) -> Scenario:
    if source is None:
        return load(DEFAULT)
    if isinstance(source, Scenario):
        return source
    if isinstance(source, Mapping):
        return from_mapping(dict(source))
    return load(Path(source))


class PostOrderEmulator:
    def __init__(self, scenario: ScenarioSource = None, *, seed: int = 0) -> None:
        self._stack = contextlib.ExitStack()  # the clients and transports handed out
        self._server = contextlib.ExitStack()  # the loopback server, once started
        self._url: str | None = None
        self.reset(scenario, seed=seed)

    def reset(self, scenario: ScenarioSource = None, *, seed: int = 0) -> None:
        """Start over from ``scenario``: a new world (clients made before keep the old one, and
        ``base_url`` is served afresh)."""
        self.emulator = Emulator(scenario_from(scenario), seed=seed)
        self.app = self.emulator.app()
        self._server.close()
        self._url = None

    @property
    def scenario(self) -> Scenario:
        return self.emulator.backend.world.scenario

    @property
    def backend(self) -> Backend:
        """The world and its domains, to set up or inspect state directly."""
        return self.emulator.backend

    def user(self, role: str = "seller") -> User:
        """The first ``"seller"`` or ``"buyer"`` of the scenario, or the user of that name."""
        users = self.scenario.users.values()
        found = next((u for u in users if u.name == role), None) or next((u for u in users if u.role == role), None)
        if found is None:
            raise LookupError(f"the scenario has no user or role {role!r} (users: {[u.name for u in users]})")
        return found

    def transport(self) -> httpx.BaseTransport:
        """A sync in-process transport for an httpx client of your own (base URL ``BASE_URL``)."""
        return self._stack.enter_context(InProcessTransport(self.app))

    def async_transport(self) -> httpx.AsyncBaseTransport:
        return async_transport(self.app)

    def client(self, role: str = "seller", **options: Any) -> PostOrder:
        """A ``PostOrder`` with ``role``'s token, in-process (``options`` go to ``PostOrder``)."""
        options = {"base_url": BASE_URL, "transport": self.transport(), **options}
        return self._stack.enter_context(PostOrder.oauth(self.user(role).token, **options))

    def async_client(self, role: str = "seller", **options: Any) -> AsyncPostOrder:
        """An ``AsyncPostOrder`` with ``role``'s token, in-process; close it (``async with``)."""
        options = {"base_url": BASE_URL, "transport": self.async_transport(), **options}
        return AsyncPostOrder.oauth(self.user(role).token, **options)

    @property
    def notifications(self) -> Hub:
        """eBay's Notification API of this world: destinations, subscriptions, ``deliveries``."""
        return self.emulator.notifications

    @property
    def base_url(self) -> str:
        """This world served on ``http://127.0.0.1:<free port>``, from the first use to ``close``."""
        if self._url is None:
            self._url = self._server.enter_context(in_thread(self.app))
        return self._url

    def fault(
        self,
        path: str = "",
        status: int = 503,
        *,
        method: str | None = None,
        times: int = 1,
        retry_after: float | None = None,
        latency: float = 0.0,
    ) -> None:
        """Answer the next ``times`` calls whose path matches the regular expression ``path``
        (and ``method``) with ``status``, after ``latency`` seconds, with ``Retry-After``."""
        if not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status from 400 to 599, not {status}")
        self.emulator.faults.add(Fault(path, status, method, times, retry_after, latency))

    def close(self) -> None:
        """Close the clients made by ``client`` and stop the loopback server."""
        self._server.close()
        self._stack.close()
        self._url = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
