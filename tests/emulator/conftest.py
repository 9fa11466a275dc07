"""The emulator's pytest fixtures, for these tests as the installed package's plugin gives them
to users (a non-root conftest may not name plugins, so they are imported here)."""

from emulator.pytest_plugin import post_order_emulator, post_order_scenario

__all__ = ["post_order_emulator", "post_order_scenario"]
