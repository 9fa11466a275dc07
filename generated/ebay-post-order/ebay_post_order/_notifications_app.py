# Hand-written in generator/runtime/_notifications_app.py, copied by `make generate` -- do not edit the copy.
"""The ASGI app that takes eBay's pushes for a ``NotificationReceiver`` (starlette, the
``notifications`` extra): the endpoint challenge, verification, a handler per topic and activity.

Hand-written because what eBay expects of an endpoint is a protocol of its own: ``GET`` with
``challenge_code`` answered 200 with the challenge JSON; a ``POST`` that verifies answered 204
once its handlers returned; a bad signature 412, so eBay stops; a handler that raises, or eBay's
key service failing, 500, so eBay delivers again later. A verified push of a topic no handler
(or this package) knows is still acknowledged (204): eBay would only retry it.
"""

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ._errors import ApiError, NotificationError, SignatureError, TransportError, UnknownTopicError
from ._notifications import Notification, NotificationReceiver, activity_type
from .types import Unset

Handler = Callable[[Notification], Awaitable[None] | None]
H = TypeVar("H", bound=Callable[..., Any])
logger = logging.getLogger("ebay_post_order.notifications")


class NotificationApp:
    """An ASGI app answering eBay at every path it is mounted on; register handlers with ``on``.

    ``on(topic)`` receives every push of the topic, ``on(topic, activity)`` only that
    ``activityType``; every matching handler runs, in the order registered, sync ones in a
    thread. ``on_unknown`` gets the ``UnknownTopicError`` of a verified push of another topic.
    """

    def __init__(self, receiver: NotificationReceiver) -> None:
        self.receiver = receiver
        self._handlers: list[tuple[str, str | None, Handler]] = []
        self._unknown: list[Callable[[UnknownTopicError], Awaitable[None] | None]] = []
        self._app = Starlette(routes=[Route("/{path:path}", self._endpoint, methods=["GET", "POST"])])

    def on(self, topic: str, activity: str | None = None) -> Callable[[H], H]:
        """Decorator: run the function for each verified push of ``topic`` (and ``activity``)."""

        def register(handler: H) -> H:
            self._handlers.append((topic, activity, handler))
            return handler

        return register

    def on_unknown(self, handler: H) -> H:
        """Decorator: run the function with the error of a verified push of a topic not typed here."""
        self._unknown.append(handler)
        return handler

    def handlers_for(self, notification: Notification) -> list[Handler]:
        topic = notification.metadata.topic if not isinstance(notification.metadata, Unset) else None
        activity = activity_type(notification)
        return [h for t, a, h in self._handlers if t == topic and (a is None or a == activity)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)

    async def _endpoint(self, request: Request) -> Response:
        if request.method == "GET":
            code = request.query_params.get("challenge_code")
            if not code:
                return JSONResponse({"error": "challenge_code is required"}, status_code=400)
            return JSONResponse(self.receiver.challenge_response(code))
        body = await _bounded_body(request, self.receiver.max_body_bytes)
        if body is None:
            return Response(status_code=413)
        try:
            notification = await run_in_threadpool(self.receiver.receive, request.headers, body)
        except SignatureError as err:
            logger.warning("notification refused: %s", err)
            return Response(status_code=412)
        except UnknownTopicError as err:
            logger.info("notification of topic %r acknowledged, no model for it", err.topic)
            for unknown in self._unknown:
                await _call(unknown, err)
            return Response(status_code=204)
        except NotificationError as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        except (ApiError, TransportError) as err:
            logger.error("eBay's public key could not be fetched: %s", err)
            return Response(status_code=500)
        for handler in self.handlers_for(notification):
            try:
                await _call(handler, notification)
            except Exception:
                logger.exception("notification handler %s failed; eBay will deliver again", _name(handler))
                return Response(status_code=500)
        return Response(status_code=204)


async def _call(handler: Callable[[Any], Any], argument: Any) -> None:
    if inspect.iscoroutinefunction(handler):
        await handler(argument)
    else:
        result = await run_in_threadpool(handler, argument)
        if inspect.isawaitable(result):
            await result


async def _bounded_body(request: Request, limit: int) -> bytes | None:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _name(handler: Callable[..., Any]) -> str:
    return getattr(handler, "__qualname__", None) or repr(handler)


__all__ = ["NotificationApp"]
