"""The generated package builds (wheel and sdist), installs into a fresh virtual environment
and makes real calls there: against the emulator over loopback, and through MockTransport.

Offline: the build runs without isolation on the toolkit's hatchling, and dependencies come
from the wheelhouse `make setup` downloads, with --no-index. What is exercised is the installed
wheel, not the source tree.
"""

import json
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest
import yaml

from emulator.background import running
from tests.conftest import PACKAGE_DIR, ROOT

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"

SCRIPT = r"""
import json, sys, httpx, ebay_post_order
from ebay_post_order import PostOrder
from ebay_post_order.api.cancellation import approve_cancellation

seen = []
def handler(request):
    seen.append({"url": str(request.url), "body": request.content.decode(), "auth": request.headers["Authorization"]})
    return httpx.Response(200)

with PostOrder.auth_n_auth("emu-seller-token", base_url=sys.argv[1]) as po:
    waiting = [c.cancel_id for c in po.cancellations.search_all() if c.cancel_state == "APPROVAL_PENDING"]
    po.cancellations.approve(waiting[0])
    state = po.cancellations.get(waiting[0]).cancel_detail.cancel_state.value
mock = {"transport": httpx.MockTransport(handler)}
client = ebay_post_order.AuthenticatedClient(
    base_url="https://api.ebay.com", token="secret", prefix="IAF", httpx_args=mock
)
approve_cancellation.sync_detailed("5000000001", client=client, x_ebay_c_marketplace_id="EBAY_GB")
print(json.dumps({"file": ebay_post_order.__file__, "version": ebay_post_order.__version__,
                  "waiting": waiting, "state": state, "seen": seen}))
"""


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, PACKAGE_DIR)
    return out


def test_build_makes_a_wheel_and_an_sdist_versioned_like_the_spec(dist: Path) -> None:
    version = yaml.safe_load((ROOT / "spec" / "post-order.yaml").read_text())["info"]["version"]
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    assert wheel.name == f"ebay_post_order-{version}-py3-none-any.whl"
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert f"ebay_post_order-{version}/README.md" in names and f"ebay_post_order-{version}/API.md" in names
    assert f"ebay_post_order-{version}/LICENSE" in names


def test_the_wheel_carries_the_license_and_the_index_metadata(dist: Path) -> None:
    import zipfile

    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in text and "Classifier: Typing :: Typed" in text
    assert "Keywords: api-client,cancellations," in text and "Project-URL: eBay Post-Order API, https://" in text
    description = text.split("\n\n", 1)[1].split("\n", 1)[1]  # past the (unrendered) header comment
    assert description.startswith("# ebay-post-order\n\nTyped Python client")  # the user's page first
    assert "do not edit" not in description.split("## How this package is made")[0]


def test_wheel_installs_into_a_fresh_venv_and_calls_the_emulator(dist: Path, tmp_path: Path) -> None:
    assert WHEELHOUSE.is_dir(), "run `make setup`: it downloads the wheelhouse this test installs from"
    (wheel,) = dist.glob("*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-index", "--find-links", WHEELHOUSE, wheel)
    with running() as base_url:
        result = json.loads(run(python, "-c", SCRIPT, base_url))

    assert result["file"].startswith(str(tmp_path / "venv"))
    assert result["version"] == wheel.name.split("-")[1]
    assert result["waiting"] == ["5000000002", "5000000001"] and result["state"] == "CLOSED"
    (mocked,) = result["seen"]
    assert mocked == {
        "url": "https://api.ebay.com/post-order/v2/cancellation/5000000001/approve",
        "body": "{}",
        "auth": "IAF secret",
    }
