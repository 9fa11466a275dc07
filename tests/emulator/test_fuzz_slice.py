"""A small, fast slice of schemathesis against the live emulator: no 5xx, responses as documented.

``make fuzz`` runs the same checks for longer from the command line: an operation whose bare 200
eBay documents (``x-ebay-body-may-be-empty``) is checked for its status only, as there.
"""

import copy
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from emulator.background import running
from tests.conftest import effective_spec

SCHEMA = schemathesis.openapi.from_dict(copy.deepcopy(effective_spec()))
HEADERS = {"Authorization": "TOKEN emu-seller-token"}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running() as url:
        yield url


@SCHEMA.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_emulator_never_fails_and_answers_as_documented(case: schemathesis.Case, base_url: str) -> None:
    # the operation's own entry (schemathesis also tries methods a path does not have)
    operation = effective_spec()["paths"][case.operation.path].get(case.method.lower(), {})
    checks = [not_a_server_error, status_code_conformance]
    if not operation.get("x-ebay-body-may-be-empty"):
        checks.append(response_schema_conformance)
    case.call_and_validate(base_url=base_url, headers=HEADERS, checks=checks)
