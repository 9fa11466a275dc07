"""Every error the emulator answers with, by name: one catalogue instead of triples written inline.

An ``ErrorKind`` is what eBay would refuse with (HTTP status, errorId, the domain of the API group
that refuses); calling it with a message raises-ready ``EmulatorError``. Domain rules raise them,
the app renders them in eBay's ``errorMessage`` shape (``wire.error_body``). Request-level kinds
(the gateway's checks, injected faults) have no domain of their own: they take the domain of the
group whose path was called.

The errorIds are the emulator's own (eBay publishes no list): a block of numbers per group, so a
test or a log line says at once which part refused.
"""

import dataclasses
from dataclasses import dataclass

CANCEL, INQUIRY, CASE, RETURN = "API_CANCEL", "API_INQUIRY", "API_CASE_MANAGEMENT", "API_RETURN"
DOMAIN_OF_GROUP = {"cancellation": CANCEL, "inquiry": INQUIRY, "casemanagement": CASE, "return": RETURN}
GATEWAY = "API_POST_ORDER"
"""The domain of a request-level error on a path outside the four groups."""


@dataclass(frozen=True)
class ErrorKind:
    status: int
    error_id: int
    domain: str | None  # None: the domain of the group called

    def __call__(self, message: str, parameter: tuple[str, str] | None = None) -> "EmulatorError":
        return EmulatorError(self, message, parameter)

    def with_status(self, status: int) -> "ErrorKind":
        """The same error answered with another status (an injected fault names its own)."""
        return dataclasses.replace(self, status=status)


class EmulatorError(Exception):
    """An error eBay would answer with: its kind, the message, and the parameter it names."""

    def __init__(self, kind: ErrorKind, message: str, parameter: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.parameter = kind, message, parameter


# -- the gateway: checks before any operation runs ----------------------------------------------
INJECTED_FAULT = ErrorKind(503, 1900, None)
MARKETPLACE_REQUIRED = ErrorKind(400, 1901, None)
NO_SUCH_OPERATION = ErrorKind(404, 1902, None)
INVALID_REQUEST = ErrorKind(400, 1903, None)
BAD_EMULATOR_HEADER = ErrorKind(400, 1904, None)
BODY_TOO_LARGE = ErrorKind(413, 1905, None)
STATE_NOT_SAVED = ErrorKind(503, 1906, None)
INTERNAL = ErrorKind(500, 1907, None)

# -- cancellation ---------------------------------------------------------------------------------
ORDER_NOT_FOUND = ErrorKind(400, 1701, CANCEL)
CANCEL_STRANGER = ErrorKind(403, 1702, CANCEL)
CANCELLATION_NOT_FOUND = ErrorKind(404, 1703, CANCEL)
CANCEL_WRONG_PARTY = ErrorKind(403, 1704, CANCEL)
CANCEL_WRONG_STATE = ErrorKind(409, 1705, CANCEL)
CANCEL_BAD_SORT = ErrorKind(400, 1706, CANCEL)
CANCEL_BAD_LIMIT = ErrorKind(400, 1707, CANCEL)
CANCEL_BAD_OFFSET = ErrorKind(400, 1708, CANCEL)

# -- inquiry --------------------------------------------------------------------------------------
INQUIRY_NO_LINE_ITEM = ErrorKind(400, 2701, INQUIRY)
INQUIRY_NOT_FOUND = ErrorKind(404, 2702, INQUIRY)
INQUIRY_WRONG_PARTY = ErrorKind(403, 2703, INQUIRY)
INQUIRY_WRONG_STATE = ErrorKind(409, 2704, INQUIRY)
INQUIRY_EXISTS = ErrorKind(409, 2705, INQUIRY)
INQUIRY_BAD_LIMIT = ErrorKind(400, 2706, INQUIRY)
INQUIRY_BAD_OFFSET = ErrorKind(400, 2707, INQUIRY)
INQUIRY_STRANGER = ErrorKind(403, 2708, INQUIRY)

# -- case management ------------------------------------------------------------------------------
CASE_NOT_FOUND = ErrorKind(404, 2801, CASE)
CASE_ALREADY_APPEALED = ErrorKind(409, 2802, CASE)
CASE_WRONG_PARTY = ErrorKind(403, 2803, CASE)
CASE_WRONG_STATE = ErrorKind(409, 2804, CASE)
CASE_BAD_LIMIT = ErrorKind(400, 2805, CASE)
CASE_BAD_OFFSET = ErrorKind(400, 2806, CASE)

# -- return ---------------------------------------------------------------------------------------
RETURN_NO_LINE_ITEM = ErrorKind(400, 3001, RETURN)
RETURN_NOT_FOUND = ErrorKind(404, 3002, RETURN)
DRAFT_NOT_FOUND = ErrorKind(404, 3003, RETURN)
RETURN_WRONG_PARTY = ErrorKind(403, 3004, RETURN)
RETURN_WRONG_STATE = ErrorKind(409, 3005, RETURN)
RETURN_ALREADY_REQUESTED = ErrorKind(409, 3006, RETURN)  # inside an eligibility answer, not as a status
RETURN_QUANTITY = ErrorKind(400, 3007, RETURN)
RETURN_FIELD_REQUIRED = ErrorKind(400, 3008, RETURN)
RETURN_NOT_SHIPPED = ErrorKind(409, 3009, RETURN)
RETURN_EXISTS = ErrorKind(409, 3010, RETURN)
RETURN_BAD_DECISION = ErrorKind(400, 3011, RETURN)
RETURN_RMA_REQUIRED = ErrorKind(400, 3012, RETURN)
RETURN_BAD_PARTIAL_REFUND = ErrorKind(400, 3013, RETURN)
RETURN_NO_LABEL_REASON = ErrorKind(400, 3014, RETURN)
RETURN_CARRIER_REQUIRED = ErrorKind(400, 3015, RETURN)
RETURN_NO_LABEL = ErrorKind(409, 3016, RETURN)
RETURN_BAD_EMAIL = ErrorKind(400, 3017, RETURN)
RETURN_NO_SUCH_LABEL = ErrorKind(400, 3018, RETURN)
RETURN_NO_SHIPMENT = ErrorKind(409, 3019, RETURN)
RETURN_WRONG_TRACKING = ErrorKind(400, 3020, RETURN)
RETURN_NOTHING_TO_UPDATE = ErrorKind(400, 3021, RETURN)
RETURN_NO_TRACKING = ErrorKind(404, 3022, RETURN)
RETURN_ITEMIZED_REQUIRED = ErrorKind(400, 3023, RETURN)
RETURN_REFUND_SUM = ErrorKind(400, 3024, RETURN)
RETURN_REFUND_RANGE = ErrorKind(400, 3025, RETURN)
RETURN_MESSAGE_REQUIRED = ErrorKind(400, 3026, RETURN)
RETURN_FILE_NOT_BASE64 = ErrorKind(400, 3027, RETURN)
RETURN_FILE_FORMAT = ErrorKind(400, 3028, RETURN)
RETURN_FILE_PURPOSE = ErrorKind(400, 3029, RETURN)
RETURN_NO_FILES = ErrorKind(409, 3030, RETURN)
RETURN_FILE_NOT_FOUND = ErrorKind(404, 3031, RETURN)
RETURN_FILE_NOT_DELETABLE = ErrorKind(409, 3032, RETURN)
RETURN_BAD_SORT = ErrorKind(400, 3033, RETURN)
RETURN_BAD_LIMIT = ErrorKind(400, 3034, RETURN)
RETURN_BAD_FIELDGROUPS = ErrorKind(400, 3035, RETURN)
RETURN_AMOUNT_REQUIRED = ErrorKind(400, 3036, RETURN)
RETURN_WRONG_CURRENCY = ErrorKind(400, 3037, RETURN)
RETURN_BAD_STATE_FILTER = ErrorKind(400, 3038, RETURN)
RETURN_BAD_OFFSET = ErrorKind(400, 3039, RETURN)
RETURN_STRANGER = ErrorKind(403, 3040, RETURN)

# -- the Notification API (eBay's own errorIds, from its OpenAPI document; rendered in its
# ``errors`` shape by ``notifications``) ---------------------------------------------------------
NOTIFICATION = "API_NOTIFICATION"
NOTIFICATION_KEY_NOT_FOUND = ErrorKind(404, 195001, NOTIFICATION)
NOTIFICATION_NO_SUCH_TOPIC = ErrorKind(404, 195002, NOTIFICATION)
NOTIFICATION_BAD_SUBSCRIPTION_STATUS = ErrorKind(400, 195006, NOTIFICATION)
NOTIFICATION_BAD_DESTINATION_ID = ErrorKind(400, 195007, NOTIFICATION)
NOTIFICATION_NOT_AUTHORIZED = ErrorKind(403, 195011, NOTIFICATION)
NOTIFICATION_SUBSCRIPTION_EXISTS = ErrorKind(409, 195012, NOTIFICATION)
NOTIFICATION_NO_SUCH_SUBSCRIPTION = ErrorKind(404, 195013, NOTIFICATION)
NOTIFICATION_DESTINATION_DISABLED = ErrorKind(409, 195015, NOTIFICATION)
NOTIFICATION_BAD_ENDPOINT = ErrorKind(400, 195017, NOTIFICATION)
NOTIFICATION_BAD_STATUS = ErrorKind(400, 195018, NOTIFICATION)
NOTIFICATION_BAD_TOKEN = ErrorKind(400, 195019, NOTIFICATION)
NOTIFICATION_CHALLENGE_FAILED = ErrorKind(409, 195020, NOTIFICATION)
NOTIFICATION_DESTINATION_EXISTS = ErrorKind(409, 195021, NOTIFICATION)
NOTIFICATION_NO_SUCH_DESTINATION = ErrorKind(404, 195022, NOTIFICATION)
NOTIFICATION_DESTINATION_IN_USE = ErrorKind(409, 195024, NOTIFICATION)
NOTIFICATION_BAD_EMAIL = ErrorKind(400, 195025, NOTIFICATION)
NOTIFICATION_CONFIG_NOT_FOUND = ErrorKind(404, 195026, NOTIFICATION)
NOTIFICATION_BAD_TOPIC = ErrorKind(400, 195027, NOTIFICATION)
