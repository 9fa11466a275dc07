"""Shared paths for the test suite, and the effective spec the tests check against."""

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import validate

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
PACKAGE_DIR = GENERATED / "ebay-post-order"


@functools.cache
def effective_spec() -> dict[str, Any]:
    """generated/openapi.yaml, parsed once per run; callers must not change it."""
    return yaml.safe_load((GENERATED / "openapi.yaml").read_text())  # type: ignore[no-any-return]


@functools.cache
def setup_spec() -> dict[str, Any]:
    """generated/notification-api.yaml (the Notification API of NotificationSetup), parsed once per run."""
    return yaml.safe_load((GENERATED / "notification-api.yaml").read_text())  # type: ignore[no-any-return]


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation of the effective spec, as the generator sees them."""
    return [(method.upper(), path, op) for method, path, op in validate.operations(effective_spec())]


def operations_by_id() -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for _, _, op in operations()}


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (anyio's pytest plugin, installed with httpx)."""
    return "asyncio"
