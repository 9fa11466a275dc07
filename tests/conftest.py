"""Shared paths for the test suite, and the effective spec the tests check against."""

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
PACKAGE_DIR = GENERATED / "ebay-post-order"
HTTP_METHODS = ("get", "put", "post", "delete")


@functools.cache
def effective_spec() -> dict[str, Any]:
    """generated/openapi.yaml, parsed once per run; callers must not change it."""
    return yaml.safe_load((GENERATED / "openapi.yaml").read_text())  # type: ignore[no-any-return]


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation of the effective spec."""
    paths = effective_spec()["paths"].items()
    return [(method.upper(), path, op) for path, item in paths for method, op in item.items() if method in HTTP_METHODS]


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (anyio's pytest plugin, installed with httpx)."""
    return "asyncio"
