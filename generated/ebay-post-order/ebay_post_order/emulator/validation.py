# Hand-written in emulator/validation.py, copied by `make generate` -- do not edit the copy.
"""openapi-core's request errors, read for what eBay's 400 names: the parameter and what is wrong."""

import re


def explain(error: Exception) -> tuple[str, str]:
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
