"""What a seller's developer does: install ``ebay-post-order[emulator]`` and pytest into a fresh
virtual environment and run their own tests on the ``post_order_emulator`` fixture.

Offline, as tests/client/test_install.py installs the package: the wheel is built without
isolation and every dependency comes from the wheelhouse ``make setup`` downloads, with
--no-index. The user's tests run from an empty folder with nothing of the checkout on the path.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import PACKAGE_DIR, ROOT

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"

USER_TESTS = """
import asyncio

import httpx
import pytest
from ebay_post_order import errors


def waiting(po):
    return [c.cancel_id for c in po.cancellations.search_all() if c.cancel_state == "APPROVAL_PENDING"]


def test_my_code_approves_a_cancellation(post_order_emulator):
    seller = post_order_emulator.client("seller")
    first = waiting(seller)[0]
    seller.cancellations.approve(first)
    assert seller.cancellations.get(first).cancel_detail.cancel_state == "CLOSED"


def test_each_test_gets_a_fresh_world(post_order_emulator):
    assert len(waiting(post_order_emulator.client("seller"))) == 2


def test_an_injected_fault(post_order_emulator):
    post_order_emulator.fault("/cancellation/search", status=503)
    with pytest.raises(errors.ServerError):
        post_order_emulator.client("seller", max_retries=0).cancellations.search()


def test_the_async_client_as_a_buyer(post_order_emulator):
    async def returns():
        async with post_order_emulator.async_client("buyer") as buyer:
            return (await buyer.returns.search()).total

    assert asyncio.run(returns()) == 1


def test_over_loopback(post_order_emulator):
    headers = {"Authorization": "IAF emu-seller-token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US"}
    response = httpx.get(post_order_emulator.base_url + "/post-order/v2/return/search", headers=headers)
    assert response.json()["total"] == 2
"""

OWN_SCENARIO = """
import pytest


@pytest.fixture
def post_order_scenario():
    return {
        "users": [
            {"name": "shop", "role": "seller", "token": "shop-token"},
            {"name": "kim", "role": "buyer", "token": "kim-token"},
        ],
        "orders": [
            {
                "legacy_order_id": "1-1", "seller": "shop", "buyer": "kim", "marketplace": "EBAY_DE",
                "created": "2026-01-01T00:00:00Z",
                "line_items": [
                    {"item_id": "1", "transaction_id": "1", "title": "Mug", "price": "9.50", "currency": "EUR"}
                ],
            }
        ],
        "cancellations": [{"order": "1-1", "requested_by": "kim", "reason": "ORDER_MISTAKE"}],
    }


def test_my_own_scenario(post_order_emulator):
    found = post_order_emulator.client("shop").cancellations.search().cancellations
    assert [(c.legacy_order_id, str(c.request_refund_amount.value)) for c in found] == [("1-1", "9.50")]
"""


def run(*args: str | Path, cwd: Path | None = None) -> str:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, cwd=cwd, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_users_own_tests_pass_on_the_installed_fixture(tmp_path: Path) -> None:
    if not WHEELHOUSE.is_dir():
        pytest.fail("run `make setup`: it downloads the wheelhouse this test installs from")
    run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", tmp_path / "dist", PACKAGE_DIR)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    pip = [python, "-m", "pip", "install", "--quiet", "--no-index", "--find-links", WHEELHOUSE]
    run(*pip, f"{wheel}[emulator]", "pytest")
    project = tmp_path / "sellers-project"
    project.mkdir()
    (project / "test_helpdesk.py").write_text(USER_TESTS)
    (project / "test_own_scenario.py").write_text(OWN_SCENARIO)
    out = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error", cwd=project)
    assert "6 passed" in out
    where = run(python, "-c", "import ebay_post_order.emulator as e; print(e.__file__)", cwd=project)
    assert where.startswith(str(tmp_path / "venv"))
    assert "--scenario" in run(python, "-m", "ebay_post_order.emulator", "--help", cwd=project)
