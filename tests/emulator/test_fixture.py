"""The ``post_order_emulator`` fixture and its transports, as this project's own tests use them
(tests/emulator/test_installed.py runs a user's tests on the installed package)."""

import asyncio
from pathlib import Path

import httpx
import pytest
import yaml
from ebay_post_order import errors

from emulator.scenario import DEFAULT
from emulator.testing import PostOrderEmulator
from emulator.transport import BASE_URL

SELLER = {"Authorization": "IAF emu-seller-token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US"}


@pytest.fixture
def post_order_scenario(tmp_path: Path) -> Path:
    """This module's tests start from the default scenario with one more fault armed."""
    data = yaml.safe_load(DEFAULT.read_text())
    data["faults"] = [{"path": "/inquiry/search$", "status": 500, "times": 1}]
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_scenario_fixture_is_used(post_order_emulator: PostOrderEmulator) -> None:
    seller = post_order_emulator.client("seller", max_retries=0)
    with pytest.raises(errors.ServerError):
        seller.inquiries.search()
    assert seller.inquiries.search().total_number_of_inquiries == 1


def test_roles_and_names_pick_users(post_order_emulator: PostOrderEmulator) -> None:
    assert post_order_emulator.user("seller").name == "seller_one"
    assert post_order_emulator.user("buyer").role == "buyer"
    assert post_order_emulator.user("buyer_ben").name == "buyer_ben"
    with pytest.raises(LookupError, match="no user or role 'admin'"):
        post_order_emulator.user("admin")


def test_reset_starts_a_fresh_world(post_order_emulator: PostOrderEmulator) -> None:
    post_order_emulator.client("seller").cancellations.approve("5000000001")
    post_order_emulator.reset()
    detail = post_order_emulator.client("seller").cancellations.get("5000000001").cancel_detail
    assert detail.cancel_state == "APPROVAL_PENDING"  # type: ignore[union-attr]


def test_the_sync_transport_works_inside_a_running_event_loop(post_order_emulator: PostOrderEmulator) -> None:
    async def inside() -> int:
        with httpx.Client(base_url=BASE_URL, transport=post_order_emulator.transport()) as client:
            return client.get("/post-order/v2/cancellation/search", headers=SELLER).status_code

    assert asyncio.run(inside()) == 200


def test_the_async_transport_for_an_httpx_client(post_order_emulator: PostOrderEmulator) -> None:
    async def search() -> int:
        async with httpx.AsyncClient(base_url=BASE_URL, transport=post_order_emulator.async_transport()) as client:
            return (await client.get("/post-order/v2/return/search", headers=SELLER)).json()["total"]  # type: ignore[no-any-return]

    assert asyncio.run(search()) == 2


def test_a_fault_status_must_be_an_error() -> None:
    with PostOrderEmulator() as emulator, pytest.raises(ValueError, match="400 to 599"):
        emulator.fault("/x", status=200)
