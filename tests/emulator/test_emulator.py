"""The emulator on its own: scenarios, eBay's checks, faults, persistence, determinism, CLI.

In-process (the ``post_order_emulator`` fixture and its transport) wherever a socket adds
nothing; the CLI runs as a subprocess.
"""

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from ebay_post_order import PostOrder, errors

from emulator.app import Emulator
from emulator.scenario import DEFAULT, ScenarioError, load
from emulator.testing import PostOrderEmulator
from emulator.transport import BASE_URL, InProcessTransport
from tests.conftest import ROOT

SELLER = {"Authorization": "TOKEN emu-seller-token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US"}
SEARCH = "/post-order/v2/cancellation/search"


def http(emulator: PostOrderEmulator) -> httpx.Client:
    """A plain httpx client on the emulator's in-process transport, for what the facade hides."""
    return httpx.Client(base_url=BASE_URL, transport=emulator.transport())


def default_with(**changes: object) -> dict[str, object]:
    return yaml.safe_load(DEFAULT.read_text()) | changes  # type: ignore[no-any-return]


def test_unknown_token_is_401_in_the_oauth_shape(post_order_emulator: PostOrderEmulator) -> None:
    with http(post_order_emulator) as client:
        response = client.get(SEARCH, headers={**SELLER, "Authorization": "IAF nobody"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["errorId"] == 1001


def test_marketplace_header_is_required_and_checked(post_order_emulator: PostOrderEmulator) -> None:
    with http(post_order_emulator) as client:
        for value in (None, "EBAY-US", "MARS"):
            headers = {"Authorization": SELLER["Authorization"]} | ({"X-EBAY-C-MARKETPLACE-ID": value} if value else {})
            response = client.get(SEARCH, headers=headers)
            error = response.json()["errorMessage"]["error"][0]
            assert response.status_code == 400 and error["parameter"][0]["name"] == "X-EBAY-C-MARKETPLACE-ID"


@pytest.mark.parametrize(
    ("method", "path", "body", "parameter"),
    [
        ("GET", SEARCH + "?role=NOBODY", None, "role"),
        ("GET", SEARCH + "?limit=ten", None, "limit"),
        ("POST", "/post-order/v2/cancellation/check_eligibility", {}, "legacyOrderId"),
        ("POST", "/post-order/v2/cancellation", {"legacyOrderId": "1", "buyerPaid": "yes"}, "buyerPaid"),
    ],
)
def test_requests_are_validated_against_the_spec(
    post_order_emulator: PostOrderEmulator, method: str, path: str, body: object, parameter: str
) -> None:
    with http(post_order_emulator) as client:
        response = client.request(method, path, headers=SELLER, json=body)
    assert response.status_code == 400
    assert response.json()["errorMessage"]["error"][0]["parameter"][0]["name"] == parameter


def test_unknown_path_is_a_404_in_ebays_shape(post_order_emulator: PostOrderEmulator) -> None:
    with http(post_order_emulator) as client:
        response = client.get("/post-order/v2/cancellation/1/nothing", headers=SELLER)
        wrong_method = client.delete(SEARCH, headers=SELLER)
    assert response.status_code == 404 and "errorMessage" in response.json()
    assert wrong_method.status_code == 404 and "errorMessage" in wrong_method.json()


def test_scenario_faults_fail_the_first_calls_then_recover() -> None:
    fault = {"method": "GET", "path": "/cancellation/search$", "status": 503, "times": 2, "retry_after": 1}
    with PostOrderEmulator(default_with(faults=[fault])) as emulator, http(emulator) as client:
        first, second, third = [client.get(SEARCH, headers=SELLER) for _ in range(3)]
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.headers["Retry-After"] == "1"


def test_header_faults_and_the_client_retrying_them(post_order_emulator: PostOrderEmulator) -> None:
    fault = {"X-Emulator-Fault": "429", "X-Emulator-Retry-After": "3"}
    with http(post_order_emulator) as client:
        response = client.get(SEARCH, headers={**SELLER, **fault})
    assert (response.status_code, response.headers["Retry-After"]) == (429, "3")
    slept: list[float] = []
    post_order_emulator.fault("/cancellation/search", status=429, times=2, retry_after=3)
    po = post_order_emulator.client("seller")
    po._engine.sleep = slept.append
    with pytest.raises(errors.RateLimitError):
        po.cancellations.search(max_retries=1)
    assert slept == [3.0]  # retried once, after eBay's Retry-After, then gave up


def test_state_persists_atomically_across_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    first = Emulator(load(), state_file=state)
    with httpx.Client(base_url=BASE_URL, transport=InProcessTransport(first.app())) as client:
        assert client.post("/post-order/v2/cancellation/5000000001/approve", headers=SELLER, json={}).status_code == 200
    saved = json.loads(state.read_text())
    assert [c["state"] for c in saved["cancellations"]["records"] if c["cancel_id"] == "5000000001"] == ["CLOSED"]
    assert list(tmp_path.iterdir()) == [state]  # no temporary file left behind
    second = Emulator(load(), state_file=state)
    with httpx.Client(base_url=BASE_URL, transport=InProcessTransport(second.app())) as client:
        detail = client.get("/post-order/v2/cancellation/5000000001", headers=SELLER).json()["cancelDetail"]
    assert detail["cancelState"] == "CLOSED"


def test_ids_and_clock_are_deterministic_per_seed() -> None:
    def run(seed: int) -> list[object]:
        with PostOrderEmulator(seed=seed) as emulator, http(emulator) as client:
            body = {"legacyOrderId": "110000000003-2700000000003", "cancelReason": "ORDER_MISTAKE"}
            created = client.post("/post-order/v2/cancellation", headers=SELLER, json=body).json()
            return [created, client.get(SEARCH, headers=SELLER).json()]

    assert run(0) == run(0)
    assert run(0) != run(7)
    assert run(7)[0] == {"cancelId": "5000007003"}


def test_refresh_token_grant_against_the_emulator(post_order_emulator: PostOrderEmulator) -> None:
    options = {"base_url": BASE_URL, "transport": post_order_emulator.transport()}
    with PostOrder.refreshing("emulator-app", "emulator-secret", "emu-seller-refresh", **options) as po:
        assert po.cancellations.search().total == 2
    options["transport"] = post_order_emulator.transport()
    with (
        PostOrder.refreshing("emulator-app", "wrong", "emu-seller-refresh", **options) as bad,
        pytest.raises(errors.AuthenticationError),
    ):
        bad.cancellations.search()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"users": [{"name": "x", "role": "admin", "token": "t"}]}, "users[0].role: 'admin' is not one of"),
        (
            {"orders": [{"legacy_order_id": "1", "seller": "ghost", "buyer": "buyer_anna", "marketplace": "EBAY_US"}]},
            "orders[0].seller: no user 'ghost'",
        ),
        (
            {"cancellations": [{"order": "nope", "requested_by": "buyer_anna", "reason": "OTHER"}]},
            "cancellations[0].order: no order 'nope'",
        ),
        ({"faults": [{"path": "/x", "status": "abc"}]}, "faults[0].status: 'abc' is not a number from 400 to 599"),
        ({"clock": {"step_seconds": 0}}, "clock.step_seconds: 0 is not a number from 1 to 86400"),
    ],
)
def test_a_broken_scenario_names_the_place(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(default_with(**change)))
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load(path)


def test_cli_refuses_a_broken_scenario_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(default_with(users=[{"name": "x", "role": "admin", "token": "t"}])))
    done = run_cli("--scenario", str(path))
    assert done.returncode == 2 and done.stderr.startswith("emulator: error: ") and "Traceback" not in done.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "emulator", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_cli_help() -> None:
    done = run_cli("--help")
    assert done.returncode == 0 and "--scenario" in done.stdout and "--seed" in done.stdout


def test_latency_is_injected_without_changing_the_answer(post_order_emulator: PostOrderEmulator) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # records what the emulator waits, instead of timing it
        slept.append(seconds)

    post_order_emulator.emulator.sleep = sleep
    with http(post_order_emulator) as client:
        plain = client.get(SEARCH, headers=SELLER)
        delayed = client.get(SEARCH, headers={**SELLER, "X-Emulator-Latency": "0.01"})
    assert slept == [0.01]
    assert delayed.status_code == 200 and delayed.json() == plain.json()


@pytest.mark.parametrize("group", ["cancellation", "inquiry", "casemanagement", "return"])
def test_every_search_refuses_a_negative_offset(post_order_emulator: PostOrderEmulator, group: str) -> None:
    with http(post_order_emulator) as client:
        response = client.get(f"/post-order/v2/{group}/search?offset=-5", headers=SELLER)
    assert response.status_code == 400
    assert response.json()["errorMessage"]["error"][0]["parameter"][0]["name"] == "offset"


def test_a_return_closed_in_transit_is_not_reported_delivered(post_order_emulator: PostOrderEmulator) -> None:
    seller = post_order_emulator.client("seller")
    anna = post_order_emulator.client("buyer_anna", allow_decommissioned=True)
    seller.returns.decide("5100000001", decision="APPROVE")
    seller.returns.add_shipping_label(
        "5100000001", label_action="UPLOAD_LABEL", carrier_enum="USPS", tracking_number="9400111899223100000009"
    )
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.mark_as_shipped("5100000001", carrier_enum="USPS", tracking_number="9400111899223100000009")
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.cancel("5100000001", buyer_close_reason="BUYER_NO_LONGER_WANTS_RETURN")
    tracking = seller.returns.get_tracking("5100000001")
    assert (tracking.tracking_status, len(tracking.scan_history)) == ("IN_TRANSIT", 1)  # type: ignore[arg-type]
