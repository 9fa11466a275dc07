"""A recording MockTransport for the facade tests."""

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Serves every request with ``handler`` and keeps the requests."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.handler(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def json_bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


def _ok(request: httpx.Request) -> httpx.Response:
    if request.method == "GET":
        return httpx.Response(200, json={"cancellations": []})
    if request.url.path == "/post-order/v2/cancellation":
        return httpx.Response(200, json={"cancelId": "5000000009"})
    return httpx.Response(200)


@pytest.fixture
def ok() -> Recorder:
    """200 everywhere: an empty search page, a created cancellation, no body for the rest."""
    return Recorder(_ok)
