"""eBay's push notifications for returns, inquiries and cancellations, verified and typed.

``NotificationReceiver`` checks ``X-EBAY-SIGNATURE`` against eBay's public key and decodes the
body into its topic's model; ``NotificationApp`` (``pip install 'ebay-post-order[notifications]'``)
is the ASGI endpoint around it; ``record_for`` fetches the return, inquiry or cancellation a push
names; ``NotificationSetup`` (and ``AsyncNotificationSetup``) makes the Notification API calls that
set the pushes up. The public face of the hand-written ``_notifications`` and ``_setup`` modules.
"""

from typing import TYPE_CHECKING, Any

from ._errors import NotificationError, SignatureError, UnknownTopicError
from ._notifications import (
    TOPICS,
    AppCredentials,
    EbayPublicKeys,
    Notification,
    NotificationReceiver,
    PublicKeySource,
    activity_type,
    decode,
    record_for,
    record_reference,
)
from ._setup import AsyncNotificationSetup, NotificationSetup

if TYPE_CHECKING:
    from ._notifications_app import NotificationApp

__all__ = [
    "TOPICS",
    "AppCredentials",
    "AsyncNotificationSetup",
    "EbayPublicKeys",
    "Notification",
    "NotificationApp",
    "NotificationError",
    "NotificationReceiver",
    "NotificationSetup",
    "PublicKeySource",
    "SignatureError",
    "UnknownTopicError",
    "activity_type",
    "decode",
    "record_for",
    "record_reference",
]


def __getattr__(name: str) -> Any:
    if name == "NotificationApp":  # starlette is needed only for the app
        from ._notifications_app import NotificationApp

        return NotificationApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
