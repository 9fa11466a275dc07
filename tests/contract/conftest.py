"""Contract tests: real calls through the generated client, recorded as cassettes.

``make test`` replays them (``--record-mode=none --block-network``); ``make record`` re-records
them against a fresh emulator, in this process through its in-process transport (no socket);
``EBAY_SANDBOX_TOKEN=... make record-sandbox`` against eBay's sandbox (``POST_ORDER_BASE_URL``).
Requests are matched on method, path, query and body, not host. Tests run in file order and
share the emulator's state while recording, which is why a cassette is only ever re-recorded
with the whole suite.
"""

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from ebay_post_order import PostOrder
from starlette.applications import Starlette

from emulator.app import create_app
from emulator.scenario import load
from emulator.transport import BASE_URL as IN_PROCESS
from emulator.transport import InProcessTransport
from tests.contract import scrub

CASSETTES = Path(os.environ.get("POST_ORDER_CASSETTES", Path(__file__).resolve().parent.parent / "cassettes"))
BASE_URL = os.environ.get("POST_ORDER_BASE_URL")
"""A live server to record against (eBay's sandbox); unset: the emulator, in this process."""
SELLER_TOKEN = os.environ.get("EBAY_SANDBOX_TOKEN", "emu-seller-token")
BUYER_TOKENS = {"anna": "emu-buyer-anna-token", "ben": "emu-buyer-ben-token"}


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_"))


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": scrub.SECRET_HEADERS,
        "before_record_request": scrub.scrub_request,
        "before_record_response": scrub.scrub_response,
        "match_on": ["method", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@functools.cache
def shared_emulator() -> Starlette:
    """One emulator for the whole run, built on the first call that is not replayed."""
    return create_app(load())


def transport() -> httpx.BaseTransport | None:
    return None if BASE_URL else InProcessTransport(shared_emulator())


def client(token: str) -> PostOrder:
    return PostOrder.auth_n_auth(
        token, base_url=BASE_URL or IN_PROCESS, transport=transport(), max_retries=0, allow_decommissioned=True
    )


@pytest.fixture
def seller() -> Iterator[PostOrder]:
    with client(SELLER_TOKEN) as po:
        yield po


@pytest.fixture
def anna() -> Iterator[PostOrder]:
    with client(BUYER_TOKENS["anna"]) as po:
        yield po


@pytest.fixture
def ben() -> Iterator[PostOrder]:
    with client(BUYER_TOKENS["ben"]) as po:
        yield po
