"""HTTP in front of the store: eBay's checks in eBay's order, then the call itself.

For every request: injected faults and latency first; then eBay's OAuth token endpoint (the
refresh-token grant) if that is what was called; then Authorization (401 in the OAuth ``errors``
shape, as eBay's gateway answers), ``X-EBAY-C-MARKETPLACE-ID``, a 404 for a path or method no
operation has, validation of the whole request against the effective spec with openapi-core (400
in the ``errorMessage`` shape, naming the parameter), and only then the operation. Faults come
from the scenario (the first N matching calls) or from a request header (``X-Emulator-Fault: 503``,
``X-Emulator-Retry-After: 2``, ``X-Emulator-Latency: 0.1``), so client tests can provoke them.
"""

import asyncio
import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.starlette.requests import StarletteOpenAPIRequest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .problems import Problem
from .scenario import Fault, Scenario, User
from .store import DOMAIN, Store

SPEC = Path(__file__).resolve().parent.parent / "generated" / "openapi.yaml"
PREFIX = "/post-order/v2"

Handler = Callable[[Store, User, Request, dict[str, Any]], Any]


@dataclass(frozen=True)
class Endpoint:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    changes_state: bool


def _id(request: Request) -> str:
    return str(request.path_params["id"])


def _action(resource: str, action: str) -> re.Pattern[str]:
    return re.compile(rf"/{resource}/(?P<id>[^/]+)/{action}")


def _file(resource: str) -> re.Pattern[str]:
    return re.compile(rf"/{resource}/(?P<id>[^/]+)/file/(?P<file>[^/]+)")


def _created(request: Request, new_id: str) -> Response:
    """201 with the new object's URI in Location, as Create Inquiry answers."""
    return Response(status_code=201, headers={"Location": f"{request.url.path}/{new_id}"})


ENDPOINTS = [
    Endpoint("POST", re.compile(r"/cancellation"), lambda s, u, r, b: s.create(u, b), True),
    Endpoint(
        "POST",
        re.compile(r"/cancellation/check_eligibility"),
        lambda s, u, r, b: s.check_eligibility(u, str(b.get("legacyOrderId", ""))),
        False,
    ),
    Endpoint("GET", re.compile(r"/cancellation/search"), lambda s, u, r, b: s.search(u, dict(r.query_params)), False),
    Endpoint(
        "GET",
        re.compile(r"/cancellation/(?P<id>[^/]+)"),
        lambda s, u, r, b: s.detail(u, _id(r), r.query_params.get("fieldgroups", "FULL") == "FULL"),
        False,
    ),
    Endpoint(
        "POST",
        _action("cancellation", "approve"),
        lambda s, u, r, b: s.approve(u, _id(r)),
        True,
    ),
    Endpoint(
        "POST",
        _action("cancellation", "reject"),
        lambda s, u, r, b: s.reject(u, _id(r), b),
        True,
    ),
    Endpoint(
        "POST",
        _action("cancellation", "confirm"),
        lambda s, u, r, b: s.confirm(u, _id(r), b),
        True,
    ),
    Endpoint("POST", re.compile(r"/inquiry"), lambda s, u, r, b: _created(r, s.claims.open_inquiry(u, b)), True),
    Endpoint("POST", re.compile(r"/inquiry/check_eligibility"), lambda s, u, r, b: s.claims.eligibility(u, b), False),
    Endpoint(
        "GET",
        re.compile(r"/inquiry/search"),
        lambda s, u, r, b: s.claims.search_inquiries(u, dict(r.query_params)),
        False,
    ),
    Endpoint(
        "GET", re.compile(r"/inquiry/(?P<id>[^/]+)"), lambda s, u, r, b: s.claims.inquiry_detail(u, _id(r)), False
    ),
    Endpoint("POST", _action("inquiry", "close"), lambda s, u, r, b: s.claims.close_inquiry(u, _id(r), b), True),
    Endpoint("POST", _action("inquiry", "confirm_refund"), lambda s, u, r, b: s.claims.confirm_refund(u, _id(r)), True),
    Endpoint("POST", _action("inquiry", "escalate"), lambda s, u, r, b: s.claims.escalate(u, _id(r), b), True),
    Endpoint("POST", _action("inquiry", "issue_refund"), lambda s, u, r, b: s.claims.refund_inquiry(u, _id(r)), True),
    Endpoint(
        "POST",
        _action("inquiry", "provide_refund_info"),
        lambda s, u, r, b: s.claims.refund_info(u, _id(r), b),
        True,
    ),
    Endpoint(
        "POST",
        _action("inquiry", "provide_shipment_info"),
        lambda s, u, r, b: s.claims.shipment_info(u, _id(r), b),
        True,
    ),
    Endpoint("POST", _action("inquiry", "send_message"), lambda s, u, r, b: s.claims.message(u, _id(r), b), True),
    Endpoint(
        "GET",
        re.compile(r"/casemanagement/search"),
        lambda s, u, r, b: s.claims.search_cases(u, dict(r.query_params)),
        False,
    ),
    Endpoint(
        "GET", re.compile(r"/casemanagement/(?P<id>[^/]+)"), lambda s, u, r, b: s.claims.case_detail(u, _id(r)), False
    ),
    Endpoint("POST", _action("casemanagement", "appeal"), lambda s, u, r, b: s.claims.appeal(u, _id(r), b), True),
    Endpoint("POST", _action("casemanagement", "close"), lambda s, u, r, b: s.claims.close_case(u, _id(r), b), True),
    Endpoint(
        "POST", _action("casemanagement", "issue_refund"), lambda s, u, r, b: s.claims.refund_case(u, _id(r)), True
    ),
    Endpoint(
        "POST",
        _action("casemanagement", "provide_return_address"),
        lambda s, u, r, b: s.claims.return_address(u, _id(r), b),
        True,
    ),
    Endpoint(
        "POST",
        _action("casemanagement", "provide_shipment_info"),
        lambda s, u, r, b: s.claims.case_shipment_info(u, _id(r), b),
        True,
    ),
]


RETURN_ENDPOINTS = [
    Endpoint(
        "POST",
        re.compile(r"/return"),
        lambda s, u, r, b: s.returns.create(u, b, r.query_params.get("fieldgroups", "NONE")),
        True,
    ),
    Endpoint("POST", re.compile(r"/return/check_eligibility"), lambda s, u, r, b: s.returns.eligibility(u, b), False),
    Endpoint("POST", re.compile(r"/return/estimate"), lambda s, u, r, b: s.returns.estimate(u, b), False),
    Endpoint("GET", re.compile(r"/return/search"), lambda s, u, r, b: s.returns.search(u, dict(r.query_params)), False),
    Endpoint("GET", re.compile(r"/return/preference"), lambda s, u, r, b: s.returns.preferences(u), False),
    Endpoint("POST", re.compile(r"/return/preference"), lambda s, u, r, b: s.returns.set_preferences(u, b), True),
    # Get Return Metadata: no page names the keys or the payload's fields, so any key reads as empty.
    Endpoint("GET", re.compile(r"/return/metadata/[^/]+"), lambda s, u, r, b: {}, False),
    Endpoint("POST", re.compile(r"/return/draft"), lambda s, u, r, b: s.returns.create_draft(u, b), True),
    Endpoint(
        "GET", re.compile(r"/return/draft/(?P<id>[^/]+)"), lambda s, u, r, b: s.returns.get_draft(u, _id(r)), False
    ),
    Endpoint(
        "PUT", re.compile(r"/return/draft/(?P<id>[^/]+)"), lambda s, u, r, b: s.returns.update_draft(u, _id(r), b), True
    ),
    Endpoint(
        "POST",
        re.compile(r"/return/draft/(?P<id>[^/]+)/file/upload"),
        lambda s, u, r, b: s.returns.upload_draft_file(u, _id(r), b),
        True,
    ),
    Endpoint("GET", _action("return/draft", "files"), lambda s, u, r, b: s.returns.draft_files(u, _id(r)), False),
    Endpoint(
        "DELETE",
        _file("return/draft"),
        lambda s, u, r, b: s.returns.delete_draft_file(u, _id(r), r.path_params["file"]),
        True,
    ),
    Endpoint(
        "GET",
        re.compile(r"/return/(?P<id>[^/]+)"),
        lambda s, u, r, b: s.returns.read(u, _id(r), r.query_params.get("fieldgroups", "FULL")),
        False,
    ),
    Endpoint("POST", _action("return", "decide"), lambda s, u, r, b: s.returns.decide(u, _id(r), b), True),
    Endpoint(
        "POST", _action("return", "add_shipping_label"), lambda s, u, r, b: s.returns.add_label(u, _id(r), b), True
    ),
    Endpoint(
        "POST",
        _action("return", "initiate_shipping_label"),
        lambda s, u, r, b: s.returns.initiate_label(u, _id(r)),
        True,
    ),
    Endpoint(
        "GET",
        _action("return", "check_label_print_eligibility"),
        lambda s, u, r, b: s.returns.label_eligibility(u, _id(r)),
        False,
    ),
    Endpoint("GET", _action("return", "get_shipping_label"), lambda s, u, r, b: s.returns.get_label(u, _id(r)), False),
    Endpoint(
        "POST",
        _action("return", "send_shipping_label"),
        lambda s, u, r, b: s.returns.send_label(u, _id(r), r.query_params.get("to_email_address", "")),
        True,
    ),
    Endpoint(
        "POST", _action("return", "void_shipping_label"), lambda s, u, r, b: s.returns.void_label(u, _id(r), b), True
    ),
    Endpoint(
        "POST", _action("return", "mark_as_shipped"), lambda s, u, r, b: s.returns.mark_shipped(u, _id(r), b), True
    ),
    Endpoint(
        "PUT", _action("return", "update_tracking"), lambda s, u, r, b: s.returns.update_tracking(u, _id(r), b), True
    ),
    Endpoint(
        "GET",
        _action("return", "tracking"),
        lambda s, u, r, b: s.returns.tracking(
            u, _id(r), r.query_params.get("carrier_used"), r.query_params.get("tracking_number")
        ),
        False,
    ),
    Endpoint(
        "POST", _action("return", "mark_as_received"), lambda s, u, r, b: s.returns.mark_received(u, _id(r), b), True
    ),
    Endpoint("POST", _action("return", "issue_refund"), lambda s, u, r, b: s.returns.issue_refund(u, _id(r), b), True),
    Endpoint(
        "POST", _action("return", "mark_refund_sent"), lambda s, u, r, b: s.returns.refund_sent(u, _id(r), b), True
    ),
    Endpoint(
        "POST", _action("return", "mark_refund_received"), lambda s, u, r, b: s.returns.refund_received(u, _id(r)), True
    ),
    Endpoint("POST", _action("return", "cancel"), lambda s, u, r, b: s.returns.cancel(u, _id(r), b), True),
    Endpoint("POST", _action("return", "escalate"), lambda s, u, r, b: s.returns.escalate(u, _id(r), b), True),
    Endpoint("POST", _action("return", "send_message"), lambda s, u, r, b: s.returns.message(u, _id(r), b), True),
    Endpoint("POST", _action("return", "file/upload"), lambda s, u, r, b: s.returns.upload(u, _id(r), b), True),
    Endpoint("POST", _action("return", "file/submit"), lambda s, u, r, b: s.returns.submit(u, _id(r), b), True),
    Endpoint("GET", _action("return", "files"), lambda s, u, r, b: s.returns.files(u, _id(r)), False),
    Endpoint(
        "DELETE",
        _file("return"),
        lambda s, u, r, b: s.returns.delete_file(u, _id(r), r.path_params["file"]),
        True,
    ),
]
ROUTES = ENDPOINTS + RETURN_ENDPOINTS


def _json(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(value, default=lambda v: float(v) if isinstance(v, Decimal) else str(v))
    return Response(text, status_code=status, media_type="application/json", headers=headers)


def problem_response(problem: Problem) -> Response:
    error: dict[str, Any] = {
        "errorId": problem.error_id,
        "domain": DOMAIN,
        "severity": "ERROR",
        "category": "REQUEST" if problem.status < 500 else "APPLICATION",
        "message": problem.message,
        "longMessage": problem.message,
        "httpStatusCode": problem.status,
    }
    if problem.parameter:
        error["parameter"] = [{"name": problem.parameter[0], "value": problem.parameter[1]}]
    return _json({"errorMessage": {"error": [error]}}, problem.status)


def oauth_error(status: int, error_id: int, message: str) -> Response:
    error = {"errorId": error_id, "domain": "OAuth", "category": "REQUEST", "message": message, "longMessage": message}
    return _json({"errors": [error]}, status)


class Emulator:
    def __init__(self, scenario: Scenario, *, seed: int = 0, state_file: Path | None = None, spec: Path = SPEC) -> None:
        self.store = Store(scenario, seed)
        self.state_file = state_file
        if state_file is not None and state_file.exists():
            self.store.load(json.loads(state_file.read_text(encoding="utf-8")))
        document = yaml.safe_load(spec.read_text(encoding="utf-8"))
        document["servers"] = [{"url": "/"}]  # whatever host and port the emulator is served on
        self.openapi = OpenAPI.from_dict(document)
        self.marketplaces = frozenset(document["components"]["schemas"]["MarketplaceIdEnum"]["enum"])
        self.faults_left = [fault.times for fault in scenario.faults]

    async def fault(self, request: Request) -> Response | None:
        latency = float(request.headers.get("X-Emulator-Latency", 0) or 0)
        status = request.headers.get("X-Emulator-Fault")
        retry_after = request.headers.get("X-Emulator-Retry-After")
        for index, fault in enumerate(self.store.scenario.faults):
            if self.faults_left[index] > 0 and _fault_matches(fault, request):
                self.faults_left[index] -= 1
                latency += fault.latency
                status = str(fault.status)
                retry_after = str(fault.retry_after) if fault.retry_after is not None else retry_after
                break
        if latency:
            await asyncio.sleep(min(latency, 30.0))
        if not status:
            return None
        code = int(status)
        response = problem_response(Problem(code, 1900, f"Injected fault: {code}."))
        if retry_after:
            response.headers["Retry-After"] = retry_after
        return response

    async def __call__(self, request: Request) -> Response:
        injected = await self.fault(request)
        if injected is not None:
            return injected
        if request.url.path == "/identity/v1/oauth2/token" and request.method == "POST":
            return await self.token(request)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = self.store.user_for(token) if scheme in ("TOKEN", "IAF") else None
        if user is None:
            return oauth_error(
                401, 1001, "Invalid access token. Check the value of the Authorization HTTP request header."
            )
        marketplace = request.headers.get("X-EBAY-C-MARKETPLACE-ID")
        if marketplace not in self.marketplaces:
            return problem_response(
                Problem(
                    400,
                    1901,
                    "A valid X-EBAY-C-MARKETPLACE-ID header is required.",
                    ("X-EBAY-C-MARKETPLACE-ID", marketplace or ""),
                )
            )
        endpoint, match = _route(request)
        if endpoint is None or match is None:
            return problem_response(Problem(404, 1902, f"No operation {request.method} {request.url.path}."))
        body = await request.body()
        invalid = self.invalid(request, body)
        if invalid is not None:
            return invalid
        request.path_params.update(match.groupdict())
        try:
            result = endpoint.handler(self.store, user, request, _parsed(body))
        except Problem as problem:
            return problem_response(problem)
        if endpoint.changes_state and self.state_file is not None:
            self.store.save(self.state_file)
        if isinstance(result, Response):
            return result
        return _json(result) if result is not None else Response(status_code=200)

    def invalid(self, request: Request, body: bytes) -> Response | None:
        """The first way the request breaks the effective spec, as eBay's 400 naming the parameter."""
        for error in self.openapi.iter_request_errors(StarletteOpenAPIRequest(request, body=body)):
            name, detail = _explain(error)
            return problem_response(Problem(400, 1903, f"Invalid {name}: {detail}"[:500], (name, "")))
        return None

    async def token(self, request: Request) -> Response:
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        try:
            client_id, _, secret = base64.b64decode(credentials).decode().partition(":")
        except ValueError:
            client_id = secret = ""
        form = {key: values[0] for key, values in parse_qs((await request.body()).decode()).items()}
        if scheme != "Basic" or form.get("grant_type") != "refresh_token":
            return _json(
                {"error": "unsupported_grant_type", "error_description": "refresh_token grant with Basic auth"}, 400
            )
        try:
            token = self.store.mint(client_id, secret, form.get("refresh_token", ""))
        except Problem as problem:
            return _json({"error": problem.message, "error_description": problem.message}, problem.status)
        return _json({"access_token": token, "expires_in": 7200, "token_type": "User Access Token"})


def _parsed(body: bytes) -> dict[str, Any]:
    """The JSON object of the body; anything else (no body, a body the spec does not describe for
    this call) reads as empty, as eBay ignores it."""
    try:
        value = json.loads(body) if body else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _route(request: Request) -> tuple[Endpoint | None, re.Match[str] | None]:
    path = request.url.path.removeprefix(PREFIX)
    for endpoint in ROUTES:
        match = endpoint.pattern.fullmatch(path)
        if match and endpoint.method == request.method:
            return endpoint, match
    return None, None


def _fault_matches(fault: Fault, request: Request) -> bool:
    return (fault.method is None or fault.method == request.method) and re.search(
        fault.path, request.url.path
    ) is not None


def _explain(error: Exception) -> tuple[str, str]:
    """(parameter or body field, what is wrong) from an openapi-core validation error."""
    schema_errors = list(getattr(error.__cause__, "schema_errors", None) or [])
    field = getattr(error, "name", None)
    for inner in schema_errors:
        required = re.fullmatch(r"'(.+)' is a required property", inner.message)
        path = ".".join(str(part) for part in inner.absolute_path)
        field = field or (required.group(1) if required else path) or None
    detail = "; ".join(inner.message for inner in schema_errors)
    if not detail:
        try:
            detail = " ".join(str(error.__cause__ or error).split())
        except UnicodeDecodeError:  # openapi-core's own message assumes a UTF-8 body
            detail = "the body is not UTF-8 JSON"
    return field or "request body", detail


def create_app(scenario: Scenario, *, seed: int = 0, state_file: Path | None = None, spec: Path = SPEC) -> Starlette:
    emulator = Emulator(scenario, seed=seed, state_file=state_file, spec=spec)

    async def endpoint(request: Request) -> Response:
        return await emulator(request)

    methods = ["GET", "POST", "PUT", "DELETE"]
    app = Starlette(routes=[Route("/{path:path}", endpoint, methods=methods)])
    return app
