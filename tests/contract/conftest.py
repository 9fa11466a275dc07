"""Contract tests: real calls through the generated client, recorded as cassettes.

``make test`` replays them (``--record-mode=none --block-network``); ``make record`` re-records
them against a fresh emulator; ``EBAY_SANDBOX_TOKEN=... make record-sandbox`` against eBay's
sandbox. Requests are matched on method, path, query and body, not host, so a recording made on
any port replays anywhere. Tests run in file order and share the emulator's state while
recording, which is why a cassette is only ever re-recorded with the whole suite.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ebay_post_order import PostOrder

from tests.contract import scrub

CASSETTES = Path(os.environ.get("POST_ORDER_CASSETTES", Path(__file__).resolve().parent.parent / "cassettes"))
BASE_URL = os.environ.get("POST_ORDER_BASE_URL", "http://127.0.0.1:8765")
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


def client(token: str) -> PostOrder:
    return PostOrder.auth_n_auth(token, base_url=BASE_URL, max_retries=0, allow_decommissioned=True)


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
