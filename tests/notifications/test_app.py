"""NotificationApp: the challenge, verification, per-topic and per-activity handlers, eBay's statuses."""

import asyncio
import json
from typing import Any

import httpx
import pytest
from ebay_post_order.notifications import Notification, NotificationApp, NotificationReceiver, UnknownTopicError

from tests.notifications.test_receiver import ENDPOINT, RETURN_PUSH, TOKEN, VECTORS, Signer, compact, ebay_keys


def call(app: NotificationApp, method: str, path: str = "/ebay/notifications", **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://seller.example") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(go())


def make_app(signer: Signer | None = None) -> NotificationApp:
    keys = (lambda kid: signer.key_json()) if signer else ebay_keys
    return NotificationApp(NotificationReceiver(verification_token=TOKEN, endpoint=ENDPOINT, public_key=keys))


def test_challenge_is_answered() -> None:
    app = make_app()
    answer = call(app, "GET", params={"challenge_code": "abc"})
    assert answer.status_code == 200
    assert answer.json() == app.receiver.challenge_response("abc")
    assert answer.headers["content-type"] == "application/json"
    assert call(app, "GET").status_code == 400


def test_ebay_vector_is_dispatched_and_answered_204() -> None:
    app = make_app()
    seen: list[Notification] = []
    app.on("MARKETPLACE_ACCOUNT_DELETION")(seen.append)
    app.on("ORDER_RETURN_ACTIVITY")(lambda event: pytest.fail("wrong topic"))
    body = compact(VECTORS["message"])
    answer = call(app, "POST", content=body, headers={"X-EBAY-SIGNATURE": VECTORS["signature_header"]})
    assert answer.status_code == 204
    assert [e.notification.data.user_id for e in seen] == ["ma8vp1jySJC"]


def test_bad_signature_is_412_and_no_handler_runs() -> None:
    app = make_app()
    app.on("MARKETPLACE_ACCOUNT_DELETION")(lambda event: pytest.fail("must not run"))
    tampered = compact(VECTORS["tampered_message"])
    assert (
        call(app, "POST", content=tampered, headers={"X-EBAY-SIGNATURE": VECTORS["signature_header"]}).status_code
        == 412
    )
    assert call(app, "POST", content=compact(VECTORS["message"])).status_code == 412


def test_handlers_by_activity_sync_and_async_and_failures() -> None:
    signer = Signer()
    app = make_app(signer)
    order: list[str] = []

    @app.on("ORDER_RETURN_ACTIVITY", "RETURN_REQUESTED")
    async def requested(event: Notification) -> None:
        order.append("requested")

    @app.on("ORDER_RETURN_ACTIVITY", "RETURN_CLOSED")
    def closed(event: Notification) -> None:
        order.append("closed")

    @app.on("ORDER_RETURN_ACTIVITY")
    def every(event: Notification) -> None:
        order.append("every")

    body = compact(RETURN_PUSH)
    assert call(app, "POST", content=body, headers={"X-EBAY-SIGNATURE": signer.header(body)}).status_code == 204
    assert order == ["requested", "every"]

    @app.on("ORDER_RETURN_ACTIVITY")
    def broken(event: Notification) -> None:
        raise RuntimeError("database down")

    assert call(app, "POST", content=body, headers={"X-EBAY-SIGNATURE": signer.header(body)}).status_code == 500


def test_unknown_topic_is_acknowledged_and_handed_over() -> None:
    signer = Signer()
    app = make_app(signer)
    unknown: list[UnknownTopicError] = []
    app.on_unknown(unknown.append)
    body = json.dumps({"metadata": {"topic": "ITEM_MARKED_SHIPPED"}, "notification": {}}).encode()
    assert call(app, "POST", content=body, headers={"X-EBAY-SIGNATURE": signer.header(body)}).status_code == 204
    assert unknown[0].topic == "ITEM_MARKED_SHIPPED"


def test_oversized_body_is_413() -> None:
    app = make_app()
    app.receiver.max_body_bytes = 100
    assert call(app, "POST", content=b"x" * 101).status_code == 413
