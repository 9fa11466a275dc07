"""Issue 16, the emulator's classes: bad input is a 4xx in eBay's shape, never a 500 or a dropped
connection; a state file that cannot be used is refused at startup in one line; no change is
kept that could not be saved; slow or huge requests are bounded."""

import functools
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.app import Emulator
from emulator.backend import StateError
from emulator.persistence import StateFileError
from emulator.scenario import load
from emulator.server import in_thread
from emulator.testing import PostOrderEmulator
from emulator.transport import BASE_URL, InProcessTransport
from tests.conftest import ROOT

SELLER = {"Authorization": "TOKEN emu-seller-token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US"}
SEARCH = "/post-order/v2/cancellation/search"
APPROVE = "/post-order/v2/cancellation/5000000001/approve"
TOKEN = "/identity/v1/oauth2/token"
BASIC = "Basic ZW11bGF0b3ItYXBwOmVtdWxhdG9yLXNlY3JldA=="  # emulator-app:emulator-secret


def http(emulator: PostOrderEmulator | Emulator) -> httpx.Client:
    app = emulator.app if isinstance(emulator, PostOrderEmulator) else emulator.app()
    return httpx.Client(base_url=BASE_URL, transport=InProcessTransport(app))


def ebay_error(response: httpx.Response) -> dict[str, object]:
    """The one error of an eBay ``errorMessage`` answer, checked for shape."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    (error,) = response.json()["errorMessage"]["error"]
    assert {"errorId", "domain", "message", "httpStatusCode"} <= set(error)
    return error  # type: ignore[no-any-return]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "emulator", "--port", "0", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


def assert_one_error_line(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("emulator: error: ") and all(f in line for f in fragments), line


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 5000, 200_000])
def test_a_deeply_nested_body_is_a_400(post_order_emulator: PostOrderEmulator, depth: int) -> None:
    body = b'{"legacyOrderId": ' + b"[" * depth + b"]" * depth + b"}"
    with http(post_order_emulator) as client:
        response = client.post("/post-order/v2/cancellation/check_eligibility", headers=SELLER, content=body)
    assert "nests deeper" in str(ebay_error(response)["message"])


@pytest.mark.parametrize(
    ("header", "value"),
    [
        *[("X-Emulator-Fault", v) for v in ("abc", "0", "99999", "200", "5\u06603", "-503", "503.0")],
        *[("X-Emulator-Latency", v) for v in ("abc", "99999", "-1", "nan", "inf", "1e999")],
        *[("X-Emulator-Retry-After", v) for v in ("abc", "-1", "99999999", "nan")],
    ],
)
def test_a_bad_emulator_header_is_a_400_naming_it(
    post_order_emulator: PostOrderEmulator, header: str, value: str
) -> None:
    with http(post_order_emulator) as client:
        response = client.get(SEARCH, headers={**SELLER, header: value.encode()})
    error = ebay_error(response)
    assert response.status_code == 400 and error["parameter"][0]["name"] == header  # type: ignore[index]


def test_latency_zero_means_none(post_order_emulator: PostOrderEmulator) -> None:
    with http(post_order_emulator) as client:
        assert client.get(SEARCH, headers={**SELLER, "X-Emulator-Latency": "0"}).status_code == 200


@functools.cache
def shared_client() -> httpx.Client:
    """One emulator for every example: a header is checked before anything can change."""
    return http(Emulator(load()))


@settings(
    max_examples=500 if os.environ.get("POST_ORDER_DEEP") == "1" else 60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    header=st.sampled_from(["X-Emulator-Fault", "X-Emulator-Latency", "X-Emulator-Retry-After"]),
    value=st.text(st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=12),
)
def test_no_emulator_header_value_is_a_server_error(header: str, value: str) -> None:
    response = shared_client().get(SEARCH, headers={**SELLER, header: value.strip().encode("latin-1")})
    injected = header == "X-Emulator-Fault" and 400 <= response.status_code < 600
    assert response.status_code in (200, 400) or injected
    if response.status_code == 400:
        ebay_error(response)


@pytest.mark.parametrize(
    ("authorization", "form"),
    [
        (BASIC, b"grant_type=refresh_token&refresh_token=\xff\xfe"),
        ("Basic //79", b"grant_type=refresh_token&refresh_token=emu-seller-refresh"),  # not UTF-8 once decoded
        ("Basic not base64!", b"grant_type=refresh_token"),
    ],
)
def test_a_token_request_that_is_not_utf8_is_a_400(
    post_order_emulator: PostOrderEmulator, authorization: str, form: bytes
) -> None:
    headers = {"Authorization": authorization, "Content-Type": "application/x-www-form-urlencoded"}
    with http(post_order_emulator) as client:
        response = client.post(TOKEN, headers=headers, content=form)
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


# -- state -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"world": {}}',
        b'{"world": 1, "cancellations": []}',
        b'{"world": {"now": "2026-01-01T00:00:00+00:00", "ids": {"return": "x"}, "access_tokens": {}, "shipped": []}}',
    ],
    ids=["broken-json", "binary", "array", "incomplete", "wrong-types", "bad-ids"],
)
def test_a_corrupt_state_file_is_one_error_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "state.json"
    state.write_bytes(content)
    assert_one_error_line(run_cli("--state", state), str(state))


def test_a_state_file_in_a_missing_folder_is_refused_at_startup(tmp_path: Path) -> None:
    state = tmp_path / "no-such-folder" / "state.json"
    with pytest.raises(StateFileError, match="does not exist"):
        Emulator(load(), state_file=state)
    assert_one_error_line(run_cli("--state", state), str(state), "does not exist")


def test_a_state_naming_orders_the_scenario_lacks_is_refused_at_load(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    first = Emulator(load(), state_file=state)
    with http(first) as client:
        assert client.post(APPROVE, headers=SELLER, json={}).status_code == 200
    saved = json.loads(state.read_text())
    saved["returns"]["records"][0]["order_id"] = "999-999"
    state.write_text(json.dumps(saved))
    with pytest.raises(StateError, match="999-999"):
        Emulator(load(), state_file=state)
    assert_one_error_line(run_cli("--state", state), str(state), "999-999")


def test_a_change_that_cannot_be_saved_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = Emulator(load(), state_file=tmp_path / "state.json")
    assert emulator.state is not None
    real_write = emulator.state.write

    def disk_full(data: dict[str, object]) -> None:
        raise OSError(28, "No space left on device")

    with http(emulator) as client:
        monkeypatch.setattr(emulator.state, "write", disk_full)
        refused = client.post(APPROVE, headers=SELLER, json={})
        token = client.post(
            TOKEN,
            headers={"Authorization": BASIC},
            data={"grant_type": "refresh_token", "refresh_token": "emu-seller-refresh"},
        )
        assert refused.status_code == 503 and "nothing was changed" in refused.text
        assert token.status_code == 503 and emulator.backend.world.access_tokens == {}
        detail = client.get("/post-order/v2/cancellation/5000000001", headers=SELLER).json()["cancelDetail"]
        assert detail["cancelState"] == "APPROVAL_PENDING"  # the refused change was not kept
        monkeypatch.setattr(emulator.state, "write", real_write)
        assert client.post(APPROVE, headers=SELLER, json={}).status_code == 200  # the retry is not a 409


def test_a_refused_call_changes_nothing(post_order_emulator: PostOrderEmulator) -> None:
    before = post_order_emulator.backend.dump()
    with http(post_order_emulator) as client:
        response = client.post("/post-order/v2/return/5100000001/decide", headers=SELLER, json={"decision": "X"})
    assert response.status_code == 400 and post_order_emulator.backend.dump() == before


# -- bounds ----------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_a_413(post_order_emulator: PostOrderEmulator) -> None:
    post_order_emulator.emulator.max_body = 1000
    body = json.dumps({"legacyOrderId": "x" * 2000}).encode()
    with http(post_order_emulator) as client:
        declared = client.post("/post-order/v2/cancellation/check_eligibility", headers=SELLER, content=body)
        streamed = client.post(
            "/post-order/v2/cancellation/check_eligibility", headers=SELLER, content=iter([body[:900], body[900:]])
        )
    assert declared.status_code == streamed.status_code == 413
    ebay_error(declared)


def test_a_huge_upload_is_refused_before_it_is_read() -> None:
    with PostOrderEmulator() as emulator:
        port = int(emulator.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as upload:
            upload.sendall(
                b"POST /post-order/v2/return/5100000001/file/upload HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: IAF nobody\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100000000\r\n\r\n{"
            )
            answer = upload.recv(200)
    assert answer.startswith(b"HTTP/1.1 413 ")  # even before the token is checked


def test_headers_that_never_finish_are_cut_off_but_idle_keep_alive_is_not() -> None:
    with PostOrderEmulator() as emulator, in_thread(emulator.app, header_timeout=0.5) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as silent:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
                slow.sendall(b"GET /post-order/v2/cancellation/search HTTP/1.1\r\nHost: x\r\n")
                time.sleep(1.5)
                assert slow.recv(100) == b""  # closed: its headers never finished
            assert silent.recv(100) == b""  # closed: it never sent anything
        with httpx.Client(base_url=url) as client:
            assert client.get(SEARCH, headers=SELLER).status_code == 200
            time.sleep(1.0)  # idle between requests: the keep-alive timeout applies, not the header one
            assert client.get(SEARCH, headers=SELLER).status_code == 200
            assert client.get(SEARCH, headers=SELLER).extensions["http_version"] == b"HTTP/1.1"
