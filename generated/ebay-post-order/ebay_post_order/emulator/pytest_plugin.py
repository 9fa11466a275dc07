# Hand-written in emulator/pytest_plugin.py, copied by `make generate` -- do not edit the copy.
"""The pytest plugin: fixtures ``post_order_emulator`` and ``post_order_scenario``.

The installed package registers it (entry point ``pytest11``), so a project that installs
``ebay-post-order[emulator]`` gets the fixture with no conftest. This module imports only
pytest: without the extra, pytest still starts and only a test that asks for the fixture fails,
saying what to install.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import PostOrderEmulator, ScenarioSource


@pytest.fixture
def post_order_scenario() -> "ScenarioSource":
    """The scenario each test's emulator starts from: override this fixture to return a YAML
    path or a mapping (None: the bundled default scenario)."""
    return None


@pytest.fixture
def post_order_emulator(post_order_scenario: "ScenarioSource") -> Iterator["PostOrderEmulator"]:
    """A fresh emulated eBay for this test: ``.client("seller")``, ``.client("buyer")``,
    ``.async_client(...)``, ``.base_url``, ``.fault(...)``, ``.reset(...)``, ``.backend``."""
    try:
        from .testing import PostOrderEmulator
    except ImportError as err:
        pytest.fail(f"post_order_emulator needs the emulator extra: pip install 'ebay-post-order[emulator]' ({err})")
    with PostOrderEmulator(post_order_scenario) as emulator:
        yield emulator
