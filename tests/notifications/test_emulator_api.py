"""The emulator's Notification API: eBay's tokens, its key, and eBay's refusals (in-process)."""

from collections.abc import Iterator

import httpx
import pytest
from ebay_post_order.emulator.testing import PostOrderEmulator
from ebay_post_order.emulator.transport import BASE_URL
from ebay_post_order.notifications import NotificationReceiver

from tests.notifications.test_receiver import compact

API = "/commerce/notification/v1"


@pytest.fixture
def http() -> Iterator[tuple[PostOrderEmulator, httpx.Client]]:
    with PostOrderEmulator() as fake_ebay, httpx.Client(base_url=BASE_URL, transport=fake_ebay.transport()) as client:
        yield fake_ebay, client


def app_token(client: httpx.Client) -> str:
    answer = client.post(
        "/identity/v1/oauth2/token", auth=("emulator-app", "emulator-secret"), data={"grant_type": "client_credentials"}
    )
    assert answer.status_code == 200
    token: str = answer.json()["access_token"]
    return token


def test_public_key_verifies_what_the_emulator_signs(http: tuple[PostOrderEmulator, httpx.Client]) -> None:
    fake_ebay, client = http
    bearer = {"Authorization": f"Bearer {app_token(client)}"}
    key = client.get(f"{API}/public_key/emulator-notification-key-1", headers=bearer).json()
    assert (
        key["algorithm"] == "ECDSA" and key["digest"] == "SHA1" and key["key"].startswith("-----BEGIN PUBLIC KEY-----")
    )
    unknown = client.get(f"{API}/public_key/nope", headers=bearer)
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["errorId"] == 195001
    body = compact({"metadata": {"topic": "MARKETPLACE_ACCOUNT_DELETION"}, "notification": {"data": {"userId": "u"}}})
    receiver = NotificationReceiver(
        verification_token="x" * 32, endpoint="https://tools.example/hook", public_key=lambda kid: key
    )
    event = receiver.receive({"X-EBAY-SIGNATURE": fake_ebay.notifications.signature(body)}, body)
    assert event.notification.data.user_id == "u"


def test_refusals(http: tuple[PostOrderEmulator, httpx.Client]) -> None:
    fake_ebay, client = http
    fake_ebay.notifications.transport = httpx.MockTransport(lambda request: httpx.Response(404))  # no network
    assert client.get(f"{API}/public_key/emulator-notification-key-1").status_code == 401
    app = {"Authorization": f"Bearer {app_token(client)}"}
    seller = {"Authorization": f"Bearer {fake_ebay.user('seller').token}"}

    def error_id(answer: httpx.Response) -> tuple[int, int]:
        return answer.status_code, answer.json()["errors"][0]["errorId"]

    destination = {
        "name": "d",
        "status": "ENABLED",
        "deliveryConfig": {"endpoint": "ftp://x", "verificationToken": "t"},
    }
    assert error_id(client.post(f"{API}/destination", headers=app, json=destination)) == (400, 195017)
    destination["deliveryConfig"]["endpoint"] = "https://tools.example/hook"
    assert error_id(client.post(f"{API}/destination", headers=app, json=destination)) == (400, 195019)
    destination["deliveryConfig"]["verificationToken"] = "v" * 40
    assert error_id(client.post(f"{API}/destination", headers=app, json=destination)) == (409, 195020)  # no answer
    subscription = {"topicId": "ORDER_RETURN_ACTIVITY", "status": "ENABLED", "destinationId": "none"}
    assert error_id(client.post(f"{API}/subscription", headers=app, json=subscription)) == (403, 195011)
    assert error_id(client.post(f"{API}/subscription", headers=seller, json=subscription)) == (400, 195007)
    subscription["topicId"] = "NO_SUCH_TOPIC"
    assert error_id(client.post(f"{API}/subscription", headers=seller, json=subscription)) == (400, 195027)
    assert error_id(client.post(f"{API}/subscription/none/enable", headers=seller)) == (404, 195013)
    refused = client.post(
        "/identity/v1/oauth2/token", auth=("emulator-app", "wrong"), data={"grant_type": "client_credentials"}
    )
    assert refused.status_code == 401
