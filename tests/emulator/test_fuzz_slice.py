"""A fast slice of schemathesis against the emulator, in-process: no 5xx, responses as documented.

The default run fuzzes every operation a little and skips schemathesis's coverage phase (four
fifths of the time); ``make deep`` (``POST_ORDER_DEEP=1``) adds the coverage phase and more
examples, and ``make fuzz`` runs the same checks longer still from the command line, over
loopback. An operation whose bare 200 eBay documents (``x-ebay-body-may-be-empty``) is checked
for its status only, as there.
"""

import copy
import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from emulator.app import create_app
from emulator.scenario import load
from tests.conftest import effective_spec

DEEP = os.environ.get("POST_ORDER_DEEP") == "1"
SCHEMA = schemathesis.openapi.from_dict(copy.deepcopy(effective_spec()))
SCHEMA.config.phases.coverage.enabled = DEEP
HEADERS = {"Authorization": "TOKEN emu-seller-token"}
APP = create_app(load())


@SCHEMA.parametrize()
@settings(max_examples=100 if DEEP else 12, deadline=None, suppress_health_check=list(HealthCheck))
def test_emulator_never_fails_and_answers_as_documented(case: schemathesis.Case) -> None:
    # the operation's own entry (schemathesis also tries methods a path does not have)
    operation = effective_spec()["paths"][case.operation.path].get(case.method.lower(), {})
    checks = [not_a_server_error, status_code_conformance]
    if not operation.get("x-ebay-body-may-be-empty"):
        checks.append(response_schema_conformance)
    case.call_and_validate(app=APP, headers=HEADERS, checks=checks)
