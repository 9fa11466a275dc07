"""NotificationSetup, the second client: the whole setup of a seller app's pushes through it,
against the emulator in-process (application token for config, topics, destinations and keys; the
seller's user token for the subscriptions), then a test push and a real one received."""

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ebay_post_order import PostOrder
from ebay_post_order.emulator.testing import PostOrderEmulator
from ebay_post_order.emulator.transport import BASE_URL, async_transport
from ebay_post_order.models import (
    DeliveryConfig,
    DestinationStatusEnum,
    OrderReturnActivityMessage,
    ReturnRequestType,
    SubscriptionPayloadDetail,
    SubscriptionStatusEnum,
)
from ebay_post_order.notifications import (
    AsyncNotificationSetup,
    NotificationApp,
    NotificationReceiver,
    NotificationSetup,
)

from tests.notifications.test_end_to_end import wait_for

TOKEN = "setup-verification-token-0123456789abcdef"
ENDPOINT = "https://tools.example/ebay/notifications"
KEY_ID = "emulator-notification-key-1"


@pytest.fixture
def fake_ebay() -> Iterator[PostOrderEmulator]:
    with PostOrderEmulator() as emulator:
        yield emulator


def test_the_whole_setup_through_the_client_then_a_push(fake_ebay: PostOrderEmulator) -> None:
    seller_token = fake_ebay.user("seller").token
    setup = NotificationSetup(
        "emulator-app", "emulator-secret", user_token=seller_token, base_url=BASE_URL, transport=fake_ebay.transport()
    )
    with setup:
        setup.config.update(alert_email="alerts@tools.example")
        assert setup.config.get().alert_email == "alerts@tools.example"
        topics = {topic.topic_id: topic for topic in setup.topics.search().topics or []}
        assert topics["ORDER_RETURN_ACTIVITY"].scope == "USER"
        assert setup.topics.get("MARKETPLACE_ACCOUNT_DELETION").scope == "APPLICATION"
        key = setup.public_key.get(KEY_ID)
        assert key.algorithm == "ECDSA" and key.digest == "SHA1"

        # the seller's endpoint: a NotificationApp that eBay (the emulator) reaches in-process
        events: list[Any] = []
        lock = threading.Lock()
        receiver = NotificationReceiver(
            verification_token=TOKEN, endpoint=ENDPOINT, public_key=lambda kid: key.to_dict()
        )
        app = NotificationApp(receiver)

        @app.on("ORDER_RETURN_ACTIVITY")
        def taken(event: OrderReturnActivityMessage) -> None:
            with lock:
                events.append(event)

        fake_ebay.notifications.transport = async_transport(app)

        destination_id = setup.destinations.create(
            name="seller tools",
            status="ENABLED",
            delivery_config=DeliveryConfig(endpoint=ENDPOINT, verification_token=TOKEN),
        )  # the emulator performed the challenge against the app first
        destination = setup.destinations.get(destination_id)
        assert destination.status == DestinationStatusEnum.ENABLED
        assert [d.destination_id for d in setup.destinations.search().destinations or []] == [destination_id]

        subscription_id = setup.subscriptions.create(
            topic_id="ORDER_RETURN_ACTIVITY",
            status="DISABLED",
            destination_id=destination_id,
            payload=SubscriptionPayloadDetail(format_="JSON", schema_version="1.0", delivery_protocol="HTTPS"),
        )
        setup.subscriptions.test(subscription_id)  # pushed even while disabled, as eBay's page says
        wait_for(lambda: len(events) == 1)
        assert events[0].notification.data.activity_type == "TEST"

        setup.subscriptions.enable(subscription_id)
        assert setup.subscriptions.get(subscription_id).status == SubscriptionStatusEnum.ENABLED
        with PostOrder.oauth(
            fake_ebay.user("buyer").token, base_url=BASE_URL, transport=fake_ebay.transport()
        ) as buyer:
            request = ReturnRequestType(
                item_id="110000000010", transaction_id="2700000000010", reason="ARRIVED_DAMAGED"
            )
            return_id = buyer.returns.create(return_request=request).return_id
            wait_for(lambda: len(events) == 2)  # pushed from the loop of the buyer's transport
        assert events[1].notification.data.activity_type == "RETURN_REQUESTED"
        assert events[1].notification.data.order_return.return_id == return_id

        setup.subscriptions.disable(subscription_id)
        listed = setup.subscriptions.search().subscriptions or []
        assert [(s.subscription_id, s.status) for s in listed] == [(subscription_id, SubscriptionStatusEnum.DISABLED)]
        with pytest.raises(setup.errors.ApiError):  # in use by the subscription
            setup.destinations.delete(destination_id)
        setup.subscriptions.delete(subscription_id)
        setup.destinations.delete(destination_id)
        assert setup.destinations.search().destinations == []


def test_the_tokens_each_call_carries(fake_ebay: PostOrderEmulator) -> None:
    sent: list[tuple[str, str]] = []
    inner = fake_ebay.transport()

    def spy(request: httpx.Request) -> httpx.Response:
        sent.append((request.url.path, request.headers.get("Authorization", "").split(" ", 1)[0]))
        return inner.handle_request(request)

    seller_token = fake_ebay.user("seller").token
    with NotificationSetup(
        "emulator-app",
        "emulator-secret",
        user_token=seller_token,
        base_url=BASE_URL,
        transport=httpx.MockTransport(spy),
    ) as setup:
        setup.topics.search()
        setup.topics.search()  # the application token is kept, not minted again
        setup.subscriptions.search()
        assert setup._auth.refreshes == 1  # type: ignore[attr-defined]
    assert [path for path, _ in sent] == [
        "/identity/v1/oauth2/token",
        "/commerce/notification/v1/topic",
        "/commerce/notification/v1/topic",
        "/commerce/notification/v1/subscription",
    ]
    assert {scheme for _, scheme in sent} == {"Basic", "Bearer"}
    assert "seller" not in repr(setup) and seller_token not in repr(setup)


def test_the_async_client(fake_ebay: PostOrderEmulator) -> None:
    async def main() -> list[str]:
        async with AsyncNotificationSetup(
            "emulator-app", "emulator-secret", base_url=BASE_URL, transport=fake_ebay.async_transport()
        ) as setup:
            await setup.config.update(alert_email="alerts@tools.example")
            found = await setup.topics.search()
            return [topic.topic_id for topic in found.topics or [] if isinstance(topic.topic_id, str)]

    assert "ORDER_INQUIRY_ACTIVITY" in asyncio.run(main())


def test_a_user_token_and_a_refresh_token_are_not_both_taken() -> None:
    with pytest.raises(ValueError, match="not both"):
        NotificationSetup("id", "secret", user_token="t", refresh_token="r", base_url=BASE_URL)
