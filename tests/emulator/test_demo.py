"""`make demo`'s workflow runs against a fresh emulator and reports every step."""

import os
import subprocess
import sys

from emulator.background import running
from tests.conftest import PACKAGE_DIR, ROOT


def test_the_seller_workflow_runs_and_prints_its_table() -> None:
    with running() as base_url:
        done = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "seller_workflow.py")],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "POST_ORDER_BASE_URL": base_url, "PYTHONPATH": str(PACKAGE_DIR)},
        )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["step", "what", "result"]
    steps = [line.split()[0] for line in lines[2:]]
    assert steps == [
        *["waiting", "waiting", "approved", "rejected"],  # cancellations
        *["waiting", "waiting", "approved", "refunded"],  # returns
        *["waiting", "answered", "paged"],
    ]
    assert "CANCEL_CLOSED_WITH_REFUND, refunded 25" in done.stdout
    assert "now ITEM_READY_TO_SHIP" in done.stdout
    assert "59.00 USD without the item; FULL_REFUNDED" in done.stdout
    assert "now WAITING_BUYER_RESPONSE" in done.stdout
