"""The gateway: eBay's checks in eBay's order in front of the domains, as a starlette app.

Routes come from the effective spec, one per path template and found by operationId (``spec``);
a path no operation has falls through to a catch-all. For every request: injected faults and
latency first (``faults``); then eBay's OAuth token endpoint (the refresh-token grant) or the
Analytics API's ``getRateLimits`` if that is what was called; then Authorization (401 in the OAuth
``errors`` shape, as eBay's gateway answers), ``X-EBAY-C-MARKETPLACE-ID``, a 404 for a path or
method no operation has, the call counted against its resource's quota (429 once spent,
``quotas``), the body's size and depth, validation of the whole request against the spec with openapi-core (400 in the
``errorMessage`` shape, naming the parameter), and only then the operation's handler.

A call either changes the state and is saved, or changes nothing: the state is snapshotted
before a call that may change it and put back when the call is refused or the state file
cannot be written, so no answer is an error for a change that was kept.
"""

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from openapi_core.contrib.starlette.requests import StarletteOpenAPIRequest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import errors, spec
from .backend import Backend
from .calls import Call, Handler
from .cancellations.responses import HANDLERS as CANCELLATION_HANDLERS
from .cases.responses import HANDLERS as CASE_HANDLERS
from .errors import EmulatorError
from .faults import Faults
from .inquiries.responses import HANDLERS as INQUIRY_HANDLERS
from .notifications import PREFIX as NOTIFICATION_PREFIX
from .notifications import Hub
from .persistence import StateFile
from .quotas import RATE_LIMITED_ID, RATE_LIMITED_MESSAGE
from .returns.responses import HANDLERS as RETURN_HANDLERS
from .scenario import Scenario
from .validation import explain
from .wire import error_response, json_response, oauth_error, rate_limited

HANDLERS: dict[str, Handler] = {**CANCELLATION_HANDLERS, **CASE_HANDLERS, **INQUIRY_HANDLERS, **RETURN_HANDLERS}
TOKEN_PATH = "/identity/v1/oauth2/token"
RATE_LIMIT_PATH = "/developer/analytics/v1_beta/rate_limit/"
"""The Analytics API's getRateLimits, which the emulator serves for the Post-Order quotas."""
ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
PREFIX = "/post-order/v2/"
MAX_BODY = 16 * 1024 * 1024
"""Bytes a request body may have: more than a return file upload of eBay's largest image."""
MAX_DEPTH = 32
"""How deeply a JSON body may nest; eBay's deepest request is under ten levels."""


class Emulator:
    """One emulated eBay behind HTTP: a backend, its state file, its faults, the spec's routes."""

    def __init__(
        self, scenario: Scenario, *, seed: int = 0, state_file: Path | None = None, spec_file: Path = spec.SPEC
    ) -> None:
        self.backend = Backend(scenario, seed)
        self.notifications = Hub(self.backend)  # eBay's Notification API and the pushes
        self.faults = Faults(scenario.faults)
        self.spec = spec.load(spec_file)
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self.max_body = MAX_BODY
        self.state = StateFile(state_file) if state_file is not None else None
        saved = self.state.read() if self.state is not None else None
        if saved is not None:
            self.backend.load(saved)
        missing = sorted({op.operation_id for op in self.spec.operations} - set(HANDLERS))
        if missing:
            raise RuntimeError(f"no handler for the operations {missing}")

    def app(self) -> Starlette:
        routes = []
        for template in self.spec.paths():
            by_method = {op.method: op.operation_id for op in self.spec.operations if op.path == template}
            routes.append(Route(template, self._endpoint(by_method), methods=sorted(by_method)))
        routes.append(Route("/{path:path}", self._endpoint({}), methods=ANY_METHOD))
        return Starlette(routes=routes)

    def _endpoint(self, by_method: dict[str, str]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await self.handle(request, by_method.get(request.method))
            except EmulatorError as error:
                return error_response(error, _domain(request.url.path))

        return endpoint

    async def handle(self, request: Request, operation_id: str | None) -> Response:
        declared = request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_body:  # refused before a byte is read
            raise _too_large(self.max_body)
        injected = self.faults.take(request.method, request.url.path, request.headers)
        if injected.latency:
            await self.sleep(injected.latency)
        if injected.status is not None:
            response = error_response(
                errors.INJECTED_FAULT.with_status(injected.status)(f"Injected fault: {injected.status}."),
                _domain(request.url.path),
            )
            if injected.retry_after:
                response.headers["Retry-After"] = injected.retry_after
            return response
        if request.url.path == TOKEN_PATH and request.method == "POST":
            return await self.token(request)
        if request.url.path == RATE_LIMIT_PATH and request.method == "GET":
            return self.rate_limits(request)
        if request.url.path.startswith(NOTIFICATION_PREFIX + "/"):
            return await self.notifications.handle(request)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = self.backend.world.user_for(token) if scheme in ("TOKEN", "IAF") else None
        if user is None:
            return oauth_error(
                401, 1001, "Invalid access token. Check the value of the Authorization HTTP request header."
            )
        marketplace = request.headers.get("X-EBAY-C-MARKETPLACE-ID")
        if marketplace not in self.spec.marketplaces:
            raise errors.MARKETPLACE_REQUIRED(
                "A valid X-EBAY-C-MARKETPLACE-ID header is required.", ("X-EBAY-C-MARKETPLACE-ID", marketplace or "")
            )
        if operation_id is None:
            raise errors.NO_SUCH_OPERATION(f"No operation {request.method} {request.url.path}.")
        group = request.url.path.removeprefix(PREFIX).split("/", 1)[0]
        if not self.backend.world.quotas.take(group, self.backend.world.now):
            return rate_limited(RATE_LIMITED_ID, RATE_LIMITED_MESSAGE)
        body = await _body(request, self.max_body)
        parsed = _parsed(body)
        self._validate(request, body)
        call = Call(
            self.backend,
            user,
            {key: str(value) for key, value in request.path_params.items()},
            dict(request.query_params),
            parsed if isinstance(parsed, dict) else {},
            request.url.path,
        )
        before = self.notifications.snapshot()
        answer = self._run(HANDLERS[operation_id], call, changes=request.method != "GET")
        self.notifications.changed(before)  # a push for each record the call changed
        return answer

    def _run(self, handler: Handler, call: Call, changes: bool) -> Response:
        """The handler's answer; the state saved after a change, or put back if it cannot be."""
        before = self.backend.dump() if changes else None
        try:
            answer = handler(call)
            if before is not None and self.state is not None:
                self.state.write(self.backend.dump())
        except BaseException as error:
            if before is not None:
                self.backend.load(before)
            if isinstance(error, OSError):
                raise errors.STATE_NOT_SAVED(
                    f"The state could not be saved ({error.strerror}); nothing was changed."
                ) from None
            raise
        if isinstance(answer, Response):
            return answer
        return json_response(answer) if answer is not None else Response(status_code=200)

    def _validate(self, request: Request, body: bytes) -> None:
        """The first way the request breaks the effective spec, as eBay's 400 naming the parameter."""
        for error in self.spec.validator.iter_request_errors(StarletteOpenAPIRequest(request, body=body)):
            name, detail = explain(error)
            raise errors.INVALID_REQUEST(f"Invalid {name}: {detail}"[:500], (name, ""))

    def rate_limits(self, request: Request) -> Response:
        """getRateLimits: the scenario's quotas and this window's counts. eBay wants an application
        token (``Bearer``); the emulator takes any token it knows, sent as Bearer, IAF or TOKEN."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme not in ("Bearer", "IAF", "TOKEN") or self.backend.world.user_for(token) is None:
            return oauth_error(
                401, 1001, "Invalid access token. Check the value of the Authorization HTTP request header."
            )
        query = request.query_params
        answer = self.backend.world.quotas.rate_limits(
            self.backend.world.now, query.get("api_name"), query.get("api_context")
        )
        return json_response(answer)

    async def token(self, request: Request) -> Response:
        """The refresh-token and client-credentials grants of eBay's OAuth token endpoint, with its error shape."""
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        try:
            client_id, _, secret = base64.b64decode(credentials, validate=True).decode().partition(":")
            form = {key: values[0] for key, values in parse_qs((await _body(request, self.max_body)).decode()).items()}
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return _oauth_refusal(400, "invalid_request", "the credentials or the form are not UTF-8 text")
        if scheme != "Basic" or form.get("grant_type") not in ("refresh_token", "client_credentials"):
            return _oauth_refusal(400, "unsupported_grant_type", "refresh_token grant with Basic auth")
        scenario = self.backend.world.scenario
        if scenario.apps.get(client_id) != secret:
            return _oauth_refusal(401, "invalid_client", "invalid_client")
        if form["grant_type"] == "client_credentials":  # an application token, for the Notification API
            return json_response(self.notifications.mint_app_token())
        user = next((u for u in scenario.users.values() if u.refresh_token == form.get("refresh_token", "")), None)
        if user is None:
            return _oauth_refusal(400, "invalid_grant", "invalid_grant")
        token = self.backend.world.mint(user)
        if self.state is not None:
            self._save_or_forget(token)
        return json_response({"access_token": token, "expires_in": 7200, "token_type": "User Access Token"})

    def _save_or_forget(self, token: str) -> None:
        """A minted token is kept only if it could be saved."""
        assert self.state is not None
        try:
            self.state.write(self.backend.dump())
        except OSError as err:
            del self.backend.world.access_tokens[token]
            raise errors.STATE_NOT_SAVED(
                f"The state could not be saved ({err.strerror}); no token was minted."
            ) from None


def create_app(
    scenario: Scenario, *, seed: int = 0, state_file: Path | None = None, spec_file: Path = spec.SPEC
) -> Starlette:
    return Emulator(scenario, seed=seed, state_file=state_file, spec_file=spec_file).app()


def _oauth_refusal(status: int, error: str, description: str) -> Response:
    return json_response({"error": error, "error_description": description}, status)


def _domain(path: str) -> str:
    """The error domain of the API group a path belongs to."""
    group = path.removeprefix(PREFIX).split("/", 1)[0] if path.startswith(PREFIX) else ""
    return errors.DOMAIN_OF_GROUP.get(group, errors.GATEWAY)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it passes ``limit`` bytes (one sent without a
    Content-Length, in chunks), before more of it is held."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> EmulatorError:
    return errors.BODY_TOO_LARGE(f"The request body is larger than {limit} bytes.")


def _parsed(body: bytes) -> Any:
    """The body's JSON value (None when there is none or it is not JSON: the validator reports
    that), refused with 400 when it nests deeper than any eBay request does."""
    if not body:
        return None
    try:
        value = json.loads(body)
    except RecursionError:
        raise errors.INVALID_REQUEST(f"The request body nests deeper than {MAX_DEPTH} levels.") from None
    except ValueError:
        return None
    if _depth(value) > MAX_DEPTH:
        raise errors.INVALID_REQUEST(f"The request body nests deeper than {MAX_DEPTH} levels.")
    return value


def _depth(value: Any) -> int:
    """How deeply ``value`` nests, found without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                pending.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
