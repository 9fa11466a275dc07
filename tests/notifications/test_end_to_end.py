"""On loopback: the emulator pushes signed notifications to a NotificationApp served by uvicorn,
which verifies them with the emulator's public key (fetched with an app token), types them and
fetches the record they name."""

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ebay_post_order import PostOrder
from ebay_post_order.emulator.server import in_thread
from ebay_post_order.emulator.testing import PostOrderEmulator
from ebay_post_order.models import OrderCancellationActivityMessage, OrderReturnActivityMessage, ReturnRequestType
from ebay_post_order.notifications import AppCredentials, NotificationApp, NotificationReceiver, record_for

TOKEN = "receiver-verification-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


class Receiver:
    """A seller's endpoint: a NotificationApp on its own uvicorn server, and what it did."""

    def __init__(self, fake_ebay: PostOrderEmulator) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/ebay/notifications"
        self.events: list[Any] = []
        self.records: list[Any] = []
        self.lock = threading.Lock()
        self.seller = seller = PostOrder.oauth(fake_ebay.user("seller").token, base_url=fake_ebay.base_url)
        credentials = AppCredentials(
            client_id="emulator-app", client_secret="emulator-secret", base_url=fake_ebay.base_url
        )
        self.app = NotificationApp(
            NotificationReceiver(verification_token=TOKEN, endpoint=self.endpoint, public_key=credentials)
        )

        @self.app.on("ORDER_RETURN_ACTIVITY")
        @self.app.on("ORDER_CANCELLATION_ACTIVITY")
        def handle(event: Any) -> None:
            record = record_for(event, seller)  # the Post-Order record the push names
            with self.lock:
                self.events.append(event)
                self.records.append(record)

    @contextlib.contextmanager
    def served(self) -> Iterator[None]:
        """Served by uvicorn on loopback for the block; the seller's client closed after it."""
        with self.seller, in_thread(self.app, port=self.port):
            yield


@pytest.fixture
def fake_ebay() -> Iterator[PostOrderEmulator]:
    with PostOrderEmulator() as emulator:
        emulator.notifications.retry_delays = (0.05, 0.1)
        yield emulator


def subscribe(fake_ebay: PostOrderEmulator, endpoint: str, topics: list[str]) -> None:
    base = fake_ebay.base_url
    with httpx.Client(base_url=base) as http:
        minted = http.post(
            "/identity/v1/oauth2/token",
            auth=("emulator-app", "emulator-secret"),
            data={"grant_type": "client_credentials", "scope": "https://api.ebay.com/oauth/api_scope"},
        )
        app_token = minted.json()["access_token"]
        created = http.post(
            "/commerce/notification/v1/destination",
            headers={"Authorization": f"Bearer {app_token}"},
            json={
                "name": "seller tools",
                "status": "ENABLED",
                "deliveryConfig": {"endpoint": endpoint, "verificationToken": TOKEN},
            },
        )
        assert created.status_code == 201, created.text  # the challenge was answered
        destination = created.headers["Location"].rsplit("/", 1)[1]
        seller_token = fake_ebay.user("seller").token
        for topic in topics:
            subscribed = http.post(
                "/commerce/notification/v1/subscription",
                headers={"Authorization": f"Bearer {seller_token}"},
                json={
                    "topicId": topic,
                    "status": "ENABLED",
                    "destinationId": destination,
                    "payload": {"format": "JSON", "schemaVersion": "1.0", "deliveryProtocol": "HTTPS"},
                },
            )
            assert subscribed.status_code == 201, subscribed.text


def test_pushes_are_verified_typed_and_lead_to_the_record(fake_ebay: PostOrderEmulator) -> None:
    receiver = Receiver(fake_ebay)
    base = fake_ebay.base_url
    with (
        receiver.served(),
        PostOrder.oauth(fake_ebay.user("buyer").token, base_url=base) as buyer,
        PostOrder.oauth(fake_ebay.user("seller").token, base_url=base) as seller,
    ):
        subscribe(fake_ebay, receiver.endpoint, ["ORDER_RETURN_ACTIVITY", "ORDER_CANCELLATION_ACTIVITY"])

        request = ReturnRequestType(item_id="110000000010", transaction_id="2700000000010", reason="ARRIVED_DAMAGED")
        return_id = buyer.returns.create(return_request=request).return_id
        waiting = [c.cancel_id for c in seller.cancellations.search_all() if c.cancel_state == "APPROVAL_PENDING"]
        seller.cancellations.approve(waiting[0])

        wait_for(lambda: len(receiver.events) == 2)
    by_type = {type(e): (e, r) for e, r in zip(receiver.events, receiver.records, strict=True)}
    pushed_return, fetched_return = by_type[OrderReturnActivityMessage]
    assert pushed_return.notification.data.activity_type == "RETURN_REQUESTED"
    assert pushed_return.notification.data.order_return.return_id == return_id
    assert fetched_return.summary.return_id == return_id
    pushed_cancel, fetched_cancel = by_type[OrderCancellationActivityMessage]
    assert pushed_cancel.notification.data.activity_type == "CANCELLATION_COMPLETED"
    assert fetched_cancel.cancel_detail.cancel_id == waiting[0]
    assert fetched_cancel.cancel_detail.cancel_state == "CLOSED"
    assert {d.status for d in fake_ebay.notifications.deliveries} == {204}


def test_a_failed_delivery_is_retried_with_the_attempt_counted(fake_ebay: PostOrderEmulator) -> None:
    receiver = Receiver(fake_ebay)
    attempts: list[int] = []

    @receiver.app.on("ORDER_RETURN_ACTIVITY")
    def flaky(event: Any) -> None:
        attempts.append(event.notification.publish_attempt_count)
        if len(attempts) == 1:
            raise RuntimeError("the database is down")  # answered 500: eBay delivers again

    with receiver.served(), PostOrder.oauth(fake_ebay.user("buyer").token, base_url=fake_ebay.base_url) as buyer:
        subscribe(fake_ebay, receiver.endpoint, ["ORDER_RETURN_ACTIVITY"])
        request = ReturnRequestType(item_id="110000000010", transaction_id="2700000000010", reason="ARRIVED_DAMAGED")
        buyer.returns.create(return_request=request)
        wait_for(lambda: len(attempts) == 2)
    assert attempts == [1, 2]
    assert [d.status for d in fake_ebay.notifications.deliveries] == [500, 204]


def test_a_wrong_challenge_answer_is_refused(fake_ebay: PostOrderEmulator) -> None:
    receiver = Receiver(fake_ebay)
    receiver.app.receiver._token = "another-verification-token-0123456789abc"  # not what is registered
    with receiver.served(), httpx.Client(base_url=fake_ebay.base_url) as http:
        app_token = http.post(
            "/identity/v1/oauth2/token",
            auth=("emulator-app", "emulator-secret"),
            data={"grant_type": "client_credentials"},
        ).json()["access_token"]
        refused = http.post(
            "/commerce/notification/v1/destination",
            headers={"Authorization": f"Bearer {app_token}"},
            json={
                "name": "x",
                "status": "ENABLED",
                "deliveryConfig": {"endpoint": receiver.endpoint, "verificationToken": TOKEN},
            },
        )
    assert refused.status_code == 409 and refused.json()["errors"][0]["errorId"] == 195020
