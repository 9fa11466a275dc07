"""The generated package installs into a fresh virtual environment and makes a real call.

Offline: dependencies come from the wheelhouse `make setup` downloads, with --no-index. The call
goes through httpx.MockTransport inside the new environment, so what is exercised is the
installed wheel, not the source tree.
"""

import json
import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import PACKAGE_DIR, ROOT

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"

SCRIPT = r"""
import json, httpx, ebay_post_order
from ebay_post_order import AuthenticatedClient
from ebay_post_order.api.cancellation import approve_cancellation, search_cancellations
from ebay_post_order.models import MarketplaceIdEnum, UserRoleFilterEnum

seen = []
def handler(request):
    seen.append({"method": request.method, "url": str(request.url), "body": request.content.decode(),
                 "auth": request.headers["Authorization"], "market": request.headers["X-EBAY-C-MARKETPLACE-ID"]})
    if request.method == "GET":
        return httpx.Response(200, json={"cancellations": [{"cancelId": "5000000001", "cancelState": "CLOSED"}],
                                         "paginationOutput": {"totalEntries": 1}})
    return httpx.Response(200)

client = AuthenticatedClient(base_url="https://api.ebay.com", token="secret", prefix="IAF",
                             httpx_args={"transport": httpx.MockTransport(handler)})
market = MarketplaceIdEnum.EBAY_GB
page = search_cancellations.sync(client=client, x_ebay_c_marketplace_id=market, role=UserRoleFilterEnum.SELLER)
approved = approve_cancellation.sync_detailed("5000000001", client=client, x_ebay_c_marketplace_id=market)
print(json.dumps({"file": ebay_post_order.__file__, "seen": seen, "status": approved.status_code,
                  "first": page.cancellations[0].cancel_id, "state": page.cancellations[0].cancel_state.value}))
"""


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_wheel_installs_into_a_fresh_venv_and_calls_an_operation(tmp_path: Path) -> None:
    assert WHEELHOUSE.is_dir(), "run `make setup`: it downloads the wheelhouse this test installs from"
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-index", "--find-links", WHEELHOUSE, "--no-deps",
        "--wheel-dir", dist, PACKAGE_DIR)  # fmt: skip
    (wheel,) = dist.glob("ebay_post_order-*.whl")

    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-index", "--find-links", WHEELHOUSE, wheel)
    result = json.loads(run(python, "-c", SCRIPT))

    assert result["file"].startswith(str(tmp_path / "venv"))
    search, approve = result["seen"]
    assert search["method"] == "GET"
    assert search["url"] == "https://api.ebay.com/post-order/v2/cancellation/search?role=SELLER"
    assert approve["url"] == "https://api.ebay.com/post-order/v2/cancellation/5000000001/approve"
    assert approve["body"] == "{}"
    assert {s["auth"] for s in result["seen"]} == {"IAF secret"}
    assert {s["market"] for s in result["seen"]} == {"EBAY_GB"}
    assert (result["status"], result["first"], result["state"]) == (200, "5000000001", "CLOSED")
