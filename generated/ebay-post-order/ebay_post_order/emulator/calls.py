# Hand-written in emulator/calls.py, copied by `make generate` -- do not edit the copy.
"""What a domain's handlers receive and give back: the call, already checked, and the answer.

By the time a handler runs, the gateway has found the operation by its operationId, known the
caller by the token, checked the marketplace header and validated the request against the
effective spec, so a handler only turns the call into a domain rule and renders the result.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from .backend import Backend
from .scenario import User


@dataclass(frozen=True)
class Call:
    backend: Backend
    user: User
    params: dict[str, str]  # path parameters, by the spec's names (returnId, fileId...)
    query: dict[str, str]
    body: dict[str, Any]  # the JSON object sent, or {} (eBay ignores a body a call does not take)
    path: str  # the URL path called, for a Location header

    def id(self, name: str) -> str:
        return self.params[name]


Answer = dict[str, Any] | Response | None
"""A JSON object, a ready response (201 with Location), or None for a bare 200."""
Handler = Callable[[Call], Answer]


def created(call: Call, new_id: str) -> Response:
    """201 with the new object's URI in Location, as Create Inquiry answers."""
    return Response(status_code=201, headers={"Location": f"{call.path}/{new_id}"})
